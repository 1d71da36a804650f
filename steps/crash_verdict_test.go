package steps

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/text"
)

// Issue 8 item 1 (W6, W8): without an API client id the REST checks can
// only try HTTP Basic, which 1CRM has off by default. An uninterrupted run
// learns that in the preflight (or before the test install) and skips the
// REST checks. A run killed anywhere between the install request and the
// end of the smoke checks must judge them the same way after the restart:
// a healthy update is "installed, tested, no problems" — never "problems
// on live", never a restore proposal, and path A never stops before live.
func TestCrash_W6_W8_apiAccessFactsSurviveResume(t *testing.T) {
	cases := []struct {
		at    string
		pathA bool
	}{
		{at: "before:install:live"},
		{at: "during:install:live"},
		{at: "after:install:live"},
		{at: "smoke:live"},
		{at: "during:install:test", pathA: true},
		{at: "after:install:test", pathA: true},
		{at: "smoke:test", pathA: true},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.at, ":", "_"), func(t *testing.T) {
			t.Parallel()
			live := startSim(t, crashScenario(t, "", ""), tuesday9)
			env := []string{envNoClient + "=1"}
			var test *sim.Running
			if tc.pathA {
				test = startSim(t, fastScenario(t, "test-system"), tuesday9)
				env = append(env, envTestURL+"="+test.URL)
			}
			dir := t.TempDir()
			runChild(t, dir, live.URL, tc.at, nil, env...)

			w := openWizard(t, dir, tuesday9)
			if w.Unfinished() == nil {
				t.Fatal("no unfinished run after the kill")
			}
			must(t, w.Resume())
			p := plan{path: PathB}
			if tc.pathA {
				p.path = PathA
				w.Attach(mustClient(t, clientWithoutAPIClient, live.URL), mustClient(t, clientWithoutAPIClient, test.URL))
			} else {
				w.Attach(mustClient(t, clientWithoutAPIClient, live.URL), nil)
			}
			if err := drive(context.Background(), w, p); err != nil {
				t.Fatalf("resume: %v", err)
			}
			s := w.Snapshot()
			for stage, sm := range s.Smoke {
				for _, ch := range sm.Checks {
					if ch.Level == LevelBlock {
						t.Errorf("%s smoke check %s failed after the resume: %s %s", stage, ch.Name, ch.Title, ch.Detail)
					}
				}
			}
			w.mu.Lock()
			outcome, _ := w.outcomeLocked()
			problemsAt := w.st.ProblemsAt
			w.mu.Unlock()
			if outcome != text.OutcomeSuccess || problemsAt != "" {
				t.Fatalf("outcome %s (problems at %q), want success", outcome, problemsAt)
			}
			if live.Server.Version() != "8.7.7" {
				t.Errorf("live runs %s: path A stopped before live", live.Server.Version())
			}
			if m := w.PartnerMail(); strings.Contains(strings.ToLower(m.Body), "restore") {
				t.Errorf("the mail of a healthy update proposes a restore:\n%s", m.Body)
			}
		})
	}
}

// Issue 8 item 7 (the waits in steps): after a kill right after the
// backup's "started" record, "Checking the connection" does not sit
// minutes watching the backup history. Connect looks once and says the
// backup is pending; the backup step does the watching, visibly (elapsed
// ticks), and starts a backup of its own only when none appeared.
func TestCrash_W8_connectDoesNotWaitForABackup(t *testing.T) {
	prev := backupReconcileWait
	t.Cleanup(func() { backupReconcileWait = prev })
	srv := startSim(t, crashScenario(t, "", ""), tuesday9)
	dir := t.TempDir()
	runChild(t, dir, srv.URL, "before:backup:live", nil)

	w := openWizard(t, dir, tuesday9)
	must(t, w.Resume())
	w.Attach(newClient(t, srv.URL, tuesday9), nil)
	backupReconcileWait = time.Hour // what Connect must not wait for
	done := make(chan error, 1)
	go func() { done <- w.Connect(context.Background()) }()
	select {
	case err := <-done:
		must(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("Connect waits for the interrupted backup")
	}
	if n := strings.Join(w.Snapshot().Notices, " "); !strings.Contains(n, "not in 1CRM's backup history yet") {
		t.Fatalf("no word about the pending backup: %q", n)
	}
	if w.Next() != StepBackup {
		t.Fatalf("next %s", w.Next())
	}
	backupReconcileWait = 300 * time.Millisecond
	ticks := 0
	_, err := w.Backup(context.Background(), func(time.Duration) { ticks++ }, nil)
	must(t, err)
	if ticks == 0 {
		t.Error("the wait for the interrupted backup was not shown")
	}
	if c := srv.Server.Counters(); c.BackupsStarted != 1 || c.BackupsMade != 1 {
		t.Errorf("backups started %d, made %d", c.BackupsStarted, c.BackupsMade)
	}
}

// --demo: the simulator lives in the wizard's process, so a wizard killed
// during the install comes back to a fresh simulator on another port. The
// journaled upgrade.php address belongs to the old one: the resumed run
// must not follow it (a dead end "the saved address is not of this
// instance") but judge the server by its lists — nothing uploaded, nothing
// in progress — upload again and finish: "installed, tested, no problems".
func TestCrash_W8_demoResumeAgainstAFreshSimulator(t *testing.T) {
	old := startSim(t, crashScenario(t, "", ""), tuesday9)
	dir := t.TempDir()
	runChild(t, dir, old.URL, "during:install:live", nil)
	old.Close()

	fresh := startSim(t, crashScenario(t, "", ""), tuesday9)
	w := openWizard(t, dir, tuesday9, func(c *Config) { c.Demo = true })
	must(t, w.Resume())
	w.Attach(newClient(t, fresh.URL, tuesday9), nil)
	if err := drive(context.Background(), w, plan{path: PathB}); err != nil {
		t.Fatalf("resume against the fresh simulator: %v", err)
	}
	w.mu.Lock()
	outcome, _ := w.outcomeLocked()
	w.mu.Unlock()
	if outcome != text.OutcomeSuccess || fresh.Server.Version() != "8.7.7" {
		t.Fatalf("outcome %s, version %s", outcome, fresh.Server.Version())
	}
	if c := fresh.Server.Counters(); c.InstallsStarted != 1 || c.UploadsAccepted != 1 {
		t.Errorf("fresh simulator: %+v", c)
	}
}
