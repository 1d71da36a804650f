package steps

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/text"
)

// Issue 8 item 3 (W8, R10): the admin chooses "Start a new run" after a
// run was killed with a server action unfinished. The new run first
// settles with the server what the old one left behind and says so: it
// never makes a second backup (the server may already be half-updated, a
// second backup would save that state), and it never reports the update
// installed on live without an install. A stuck install is shown with
// what to do, never posted a second time.
func TestCrash_W8_R10_newRunReconcilesLeftovers(t *testing.T) {
	cases := []struct {
		at         string
		parentKill func(s *sim.Server) bool
		stuck      bool // the install cannot be continued: stuck on the server
	}{
		{at: "after:upload:live"},
		{at: "after:prepare_confirm:live"},
		{at: "before:install:live"},
		{at: "during:install:live"},
		{at: "url:install:live", stuck: true},
		{at: "after:install:live"},
		{at: "smoke:live"},
		{at: "parent:install:live", parentKill: func(s *sim.Server) bool {
			return s.InProgress() && strings.Contains(strings.Join(s.Installed(), "|")+"|", " 8.7.7|")
		}},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.at, ":", "_"), func(t *testing.T) {
			t.Parallel()
			srv := startSim(t, crashScenario(t, "", ""), tuesday9)
			dir := t.TempDir()
			var kill func() bool
			if tc.parentKill != nil {
				kill = func() bool { return tc.parentKill(srv.Server) }
			}
			runChild(t, dir, srv.URL, tc.at, kill)

			w := openWizard(t, dir, tuesday9)
			old := w.Unfinished()
			if old == nil {
				t.Fatal("no unfinished run after the kill")
			}
			must(t, w.StartNew()) // the admin's choice: not Resume
			w.Attach(newClient(t, srv.URL, tuesday9), nil)
			ctx := context.Background()
			err := drive(ctx, w, plan{path: PathB})
			c := srv.Server.Counters()
			if c.BackupsStarted != 1 {
				t.Errorf("R10: %d backups started; a new run must not back up a server the old run already changed", c.BackupsStarted)
			}
			if c.InstallsStarted != 1 {
				t.Errorf("install posted %d times", c.InstallsStarted)
			}
			said := strings.Join(w.Snapshot().Notices, "\n")
			if !strings.Contains(said, old.RunID) {
				t.Errorf("the new run does not say what run %s left behind; notices:\n%s", old.RunID, said)
			}
			if tc.stuck {
				var ae *ActionError
				if !errors.Is(err, ErrInstallStuck) || !errors.As(err, &ae) {
					t.Fatalf("want the stuck install shown, got %v", err)
				}
				if !strings.Contains(ae.Text, "partner") {
					t.Errorf("the stuck install does not say what to do: %s", ae.Text)
				}
				s := w.Snapshot()
				if s.Live.VersionAfter != "" || s.Phase == PhaseInstalled {
					t.Errorf("stuck install reported as installed: phase %s, version after %q", s.Phase, s.Live.VersionAfter)
				}
				for _, r := range s.Steps {
					if r.Step == StepInstall && r.Error == "" && !r.Ended.IsZero() && strings.Contains(r.Result, "version=8.7.7") {
						t.Errorf("a step record claims the install: %+v", r)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("new run: %v", err)
			}
			if srv.Server.Version() != "8.7.7" || srv.Server.InProgress() {
				t.Fatalf("server at %s, in progress %v: the new run did not finish the install", srv.Server.Version(), srv.Server.InProgress())
			}
			w.mu.Lock()
			outcome, _ := w.outcomeLocked()
			w.mu.Unlock()
			if outcome != text.OutcomeSuccess {
				t.Errorf("outcome %s, want success", outcome)
			}
			s := w.Snapshot()
			if len(s.Backups) != 1 || s.Backups[0].Entry == nil {
				t.Errorf("the new run's report does not name the old run's backup: %+v", s.Backups)
			}
			if s.Live.VersionBefore != "8.7.6" || s.Live.VersionAfter != "8.7.7" {
				t.Errorf("versions %q → %q, want 8.7.6 → 8.7.7", s.Live.VersionBefore, s.Live.VersionAfter)
			}
			// The old run is settled: it is not offered again.
			if u := w.Unfinished(); u != nil && u.RunID == old.RunID {
				t.Errorf("the old run %s is still offered for resume", old.RunID)
			}
		})
	}
}

// Path A: a new run after an install cut on the test system continues
// that install (posted once) and goes on to live; the test system is not
// installed twice and live is backed up once.
func TestCrash_W8_R9_newRunAfterCutTestInstall(t *testing.T) {
	live := startSim(t, crashScenario(t, "", ""), tuesday9)
	test := startSim(t, fastScenario(t, "test-system"), tuesday9)
	dir := t.TempDir()
	runChild(t, dir, live.URL, "during:install:test", nil, envTestURL+"="+test.URL)

	w := openWizard(t, dir, tuesday9)
	old := w.Unfinished()
	if old == nil {
		t.Fatal("no unfinished run after the kill")
	}
	must(t, w.StartNew())
	w.Attach(newClient(t, live.URL, tuesday9), newClient(t, test.URL, tuesday9))
	if err := drive(context.Background(), w, plan{path: PathA}); err != nil {
		t.Fatalf("new run: %v", err)
	}
	tc, lc := test.Server.Counters(), live.Server.Counters()
	if tc.InstallsStarted != 1 || tc.InstallsFinished != 1 {
		t.Errorf("test system: installs started %d, finished %d", tc.InstallsStarted, tc.InstallsFinished)
	}
	if lc.InstallsStarted != 1 || lc.BackupsStarted != 1 || live.Server.Version() != "8.7.7" {
		t.Errorf("live: installs %d, backups %d, version %s", lc.InstallsStarted, lc.BackupsStarted, live.Server.Version())
	}
	if said := strings.Join(w.Snapshot().Notices, "\n"); !strings.Contains(said, old.RunID) {
		t.Errorf("the new run does not say what run %s left behind:\n%s", old.RunID, said)
	}
}
