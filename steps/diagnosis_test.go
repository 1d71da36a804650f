package steps

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Issue 8 item 8: an upload cut off mid-body (the server closes the
// connection) is a dropped connection — not "larger than the PHP upload
// limit", and no Go socket error labelled as 1CRM's message.
func TestUpload_cutMidBodyIsADroppedConnection(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		t.Run(lang, func(t *testing.T) {
			clk := &testClock{t: tuesday9()}
			sc := fastScenario(t, "demo")
			sc.Updates[0].PaddingBytes = 4 << 20
			sc.Faults.UploadCutoffBytes = 1 << 20
			live := startSim(t, sc, clk.Now)
			w := attachRun(t, clk, live, nil, func(c *Config) { c.Lang = lang })
			ctx := context.Background()
			driveTo(t, ctx, w, plan{path: PathB}, StepInstall)
			err := w.Upload(ctx, nil)
			var ae *ActionError
			if !errors.As(err, &ae) {
				t.Fatalf("cut upload: %v", err)
			}
			low := strings.ToLower(ae.Text)
			for _, wrong := range []string{"php", "1crm's message", "meldung von 1crm", "tcp", "eof", "reset by peer", "broken pipe"} {
				if strings.Contains(low, wrong) {
					t.Errorf("%q in %q", wrong, ae.Text)
				}
			}
			want := map[string]string{"en": "broke off", "de": "abgebrochen"}[lang]
			if !strings.Contains(ae.Text, want) {
				t.Errorf("not worded as a dropped connection: %q", ae.Text)
			}
			if live.Server.Counters().UploadsAccepted != 0 {
				t.Error("uploaded after all")
			}
		})
	}
}
