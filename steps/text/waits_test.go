package text

import (
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
)

// A stall notice names how long to the second, and says what each of the
// three choices does, in both languages (issue 8 item 7).
func TestStallNotice(t *testing.T) {
	for _, c := range []struct {
		tx               Texts
		choices          []string
		d45, d90, d12m   string
		limit, lockedOut string
	}{
		{DE, []string{"Weiter warten", "Im Browser prüfen", "Pausieren"}, "45 Sek.", "1 Min. 30 Sek.", "12 Min.", "von selbst auf zu warten", "nicht anmelden"},
		{EN, []string{"Wait on", "Check in the browser", "Pause"}, "45 s", "1 min 30 s", "12 min", "stops waiting by itself", "cannot sign in"},
	} {
		if got := []string{c.tx.WaitDuration(45 * time.Second), c.tx.WaitDuration(90 * time.Second), c.tx.WaitDuration(12*time.Minute + 20*time.Second)}; got[0] != c.d45 || got[1] != c.d90 || got[2] != c.d12m {
			t.Errorf("%s durations %q", c.tx.Lang(), got)
		}
		for _, wait := range []string{crmclient.WaitBackup, crmclient.WaitBackupHistory, crmclient.WaitInstallStep, crmclient.WaitInstallList} {
			for _, alive := range []bool{false, true} {
				body := c.tx.StallBody(wait, alive, "")
				for _, ch := range c.choices {
					if !strings.Contains(body, ch) {
						t.Errorf("%s %s: %q missing in %q", c.tx.Lang(), wait, ch, body)
					}
				}
				if strings.Contains(body, c.limit) || !strings.Contains(c.tx.StallBody(wait, alive, "3 min"), c.limit) {
					t.Errorf("%s %s: the limit sentence belongs only to a limited wait", c.tx.Lang(), wait)
				}
				if strings.HasPrefix(wait, "install") != strings.Contains(body, c.lockedOut) {
					t.Errorf("%s %s: the lock-out of users belongs to the install", c.tx.Lang(), wait)
				}
			}
		}
		if a, b := c.tx.StallTitle(crmclient.WaitBackup, "1", false), c.tx.StallTitle(crmclient.WaitInstallStep, "1", true); a == b {
			t.Errorf("%s: no answer and busy read the same", c.tx.Lang())
		}
	}
}
