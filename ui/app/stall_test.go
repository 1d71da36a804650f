package app

import (
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/text"
	"github.com/visual4/1crm-update/ui/tui"
)

// silentBackup makes the demo's server stop answering once the backup
// starts (until the session ends), with the long waits' limits short.
func silentBackup(t *testing.T) {
	t.Helper()
	simTweak = func(sc *sim.Scenario) { sc.Faults.SilentOn, sc.Faults.SilentFor = "backup", 0 }
	clientTweak = func(c *crmclient.Config) {
		c.ProbeInterval, c.StallAfter = 20*time.Millisecond, 200*time.Millisecond
	}
	t.Cleanup(func() { simTweak, clientTweak = nil, nil })
}

// Issue 8 item 7 in the line mode, through the real wizard and client: a
// server that stops answering mid-backup gets the notice with its three
// choices; b names Backup Management, p pauses — exit 0, the paused
// words — and the backup stays journaled: the next start lists it as
// unconfirmed, to be settled with the server, not repeated.
func TestLineModeStallNoticePause(t *testing.T) {
	silentBackup(t)
	dir := t.TempDir()
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"}
	args := []string{"--demo", "--accessible", "--test-scenario", "none", "--state-dir", dir, "--lang", "de"}
	code, out, errb := runMain(t, "2\n1\n1\n1\nb\np\n", env, args...)
	if code != ExitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errb)
	}
	de := text.DE
	for _, want := range []string{
		"[!] Keine Antwort von 1CRM seit",
		"Der Server ist vielleicht überlastet",
		"  [w] " + de.StallWaitOn(), "  [b] " + de.StallCheckBrowser(), "  [p] " + de.StallPause(),
		de.StallLineHow(),
		"Im Browser öffnen (angemeldet als Administrator): http://127.0.0.1:",
		de.StallPausing(),
		de.StallPaused(),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if n := strings.Count(out, "Der Server ist vielleicht überlastet"); n != 1 {
		t.Errorf("the notice's text said %d times (once per stall)", n)
	}
	if t.Failed() || testing.Verbose() {
		t.Log(out)
	}

	simTweak = nil
	code, out, _ = runMain(t, "", env, args...)
	if testing.Verbose() {
		t.Log(out)
	}
	st := steptext.DE
	if unconfirmed := "[!] " + st.Unconfirmed("backup", st.StageName("live")); code != ExitInterrupted || !strings.Contains(out, unconfirmed) {
		t.Fatalf("the paused backup is not listed for the next start (exit %d):\n%s", code, out)
	}
}

// The same in the full screen: the notice comes up over the running
// backup, p pauses it, and the program ends as paused (exit 0).
func TestE2EStallNoticePause(t *testing.T) {
	silentBackup(t)
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"}
	s := demoSession(t, t.TempDir(), "en", "none", env)
	d := startTUI(t, s)
	d.step("Where does this instance run?", "enter")
	d.step("Next: Update package", "enter")
	d.step("Download update", "1")
	d.step("The package fits this instance.", "enter")
	d.step("Path B: backup, then live", "b")
	d.step("Enough time to test today.", "enter")
	d.step("Make the backup now", "s")
	d.wait("No answer from 1CRM for", "[w] wait on", "[b] check in the browser", "[p] pause and continue later")
	d.key("p")
	m := d.finish()
	if m.Exit() != tui.ExitPaused || m.Farewell() != text.EN.StallPaused() {
		t.Fatalf("exit %v, farewell %q", m.Exit(), m.Farewell())
	}
	if u := s.Wizard.Unfinished(); u == nil || len(u.Unconfirmed) != 1 {
		t.Fatalf("the paused backup is not kept as unconfirmed: %+v", u)
	}
}
