package steps

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/text"
)

// W6: what the preflight says about the REST API is what the smoke checks
// then do. Where the REST checks will be skipped, the preflight says so and
// why (no credentials, credentials rejected, no API in this edition), the
// smoke checks say the same with the same reason, and neither the checks
// nor the report show a REST check (/me, record, PDF) that did not run.
func TestSmoke_W6_preflightAndSmokeAgreeOnREST(t *testing.T) {
	for _, c := range []struct {
		lang, scenario, id, secret string
		why                        string // "" = the REST checks run
	}{
		{"de", "demo", "", "", text.APINoCredentials},
		{"en", "demo", "", "", text.APINoCredentials},
		{"de", "demo", sim.DemoClientID, "not-the-secret", text.APIRejected},
		{"en", "demo", sim.DemoClientID, "not-the-secret", text.APIRejected},
		{"de", "startupplus", sim.DemoClientID, sim.DemoClientSecret, text.APIClosed},
		{"en", "startupplus", sim.DemoClientID, sim.DemoClientSecret, text.APIClosed},
		{"de", "basic-auth", "", "", ""}, // HTTP Basic on: the admin's login serves
		{"en", "demo", sim.DemoClientID, sim.DemoClientSecret, ""},
	} {
		t.Run(c.lang+"_"+c.scenario+"_"+c.why, func(t *testing.T) {
			clk := &testClock{t: tuesday9()}
			live := startSim(t, fastScenario(t, c.scenario), clk.Now)
			cl, err := crmclient.New(crmclient.Config{BaseURL: live.URL, User: sim.DemoUser, Password: sim.DemoPassword,
				ClientID: c.id, ClientSecret: c.secret, Timeout: 10 * time.Second, Now: clk.Now,
				InstallPollInterval: 30 * time.Millisecond, InstallMaxWait: 5 * time.Second,
				BackupPollInterval: 30 * time.Millisecond, BackupTick: 20 * time.Millisecond})
			must(t, err)
			w := openWizard(t, t.TempDir(), clk.Now, func(cfg *Config) { cfg.Lang = c.lang })
			must(t, w.StartNew())
			w.Attach(cl, nil)
			must(t, drive(context.Background(), w, plan{path: PathB}))
			tx := text.For(c.lang)
			s := w.Snapshot()

			said := ""
			for _, v := range s.Preflight.Verdicts {
				if v.Title == tx.APITitle() {
					said = v.Detail
				}
			}
			want := tx.APIAvailable()
			if c.why != "" {
				want = tx.APIMissing(c.why)
			}
			if said != want {
				t.Errorf("the preflight says %q, want %q", said, want)
			}

			ran := map[string]Check{}
			for _, ch := range s.Smoke[StageLive].Checks {
				ran[ch.Name] = ch
			}
			rep := w.Report()
			if c.why == "" {
				for _, n := range []string{"me", "record", "pdf"} {
					if ran[n].Level != LevelOK {
						t.Errorf("REST check %s: %+v", n, ran[n])
					}
				}
				if _, ok := ran["api"]; ok {
					t.Errorf("the REST checks ran and are said to be skipped: %+v", ran["api"])
				}
				return
			}
			skip, ok := ran["api"]
			if !ok || skip.Title != tx.CheckSkippedNoAPI(c.why) {
				t.Errorf("the smoke checks do not say why the REST checks were skipped: %+v", s.Smoke[StageLive].Checks)
			}
			for _, n := range []string{"me", "record", "record_count", "pdf"} {
				if ch, ok := ran[n]; ok {
					t.Errorf("REST check %s listed though the REST checks were skipped: %+v", n, ch)
				}
			}
			if !strings.Contains(rep, skip.Title) {
				t.Errorf("the report does not say the REST checks were skipped:\n%s", rep)
			}
			passed := func(s string) string { b, _, _ := strings.Cut(s, " (x"); return b } // without the detail
			for _, claim := range []string{tx.CheckMe(true, ""), passed(tx.CheckRecord(true, "x")), passed(tx.CheckPDF(true, "x")), tx.APIAvailable()} {
				if strings.Contains(rep, claim) {
					t.Errorf("the report claims %q though the REST checks were skipped", claim)
				}
			}
		})
	}
}
