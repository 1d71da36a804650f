package steps

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/text"
)

// TestCtrlC_W8_everyAction: Ctrl-C at any moment (spec quality bar, W8).
// Each case cancels the run's context at one point – before an action
// starts, right after its "started" record is durable, in the middle (a
// progress tick of the slow simulator), right after the server answered –
// then checks the run is resumable and worded ("vom Benutzer abgebrochen",
// never "context canceled"), reopens it like a new session, resumes to the
// end, and counts the server changes: exactly one backup, one upload, one
// install.
func TestCtrlC_W8_everyAction(t *testing.T) {
	prevHook := crashHook
	t.Cleanup(func() { crashHook = prevHook })

	type point struct {
		name    string
		startAt StepID // cancel before calling this step's action
		hook    string // or: cancel at this crash point
	}
	var points []point
	for _, s := range []StepID{StepConnect, StepPreflight, StepPackage, StepBackup, StepInstall, StepSmoke} {
		points = append(points, point{name: "start:" + string(s), startAt: s})
	}
	for _, act := range []string{actDownload, actBackup(StageLive), actUpload(StageLive), actConfirm(StageLive), actInstall(StageLive)} {
		for _, when := range []string{"before", "during", "after"} {
			if when == "during" && act == actConfirm(StageLive) {
				continue // a confirm round has no progress
			}
			if when == "after" && act != actBackup(StageLive) && act != actInstall(StageLive) {
				continue // the same as the next action's "start" (kept short: -race)
			}
			points = append(points, point{name: when + ":" + act, hook: when + ":" + act})
		}
	}
	interrupted := text.DE.Interrupted()

	for _, p := range points {
		t.Run(p.name, func(t *testing.T) {
			if p.hook == "" {
				// No crash hook involved: these run side by side, after
				// the hook cases (parallel subtests wait for the serial
				// ones), so the global hook is nil and left alone.
				t.Parallel()
			}
			clk := &testClock{t: tuesday9()}
			sc := fastScenario(t, "demo")
			sc.Timings.Backup = sim.Duration(150 * time.Millisecond) // slow enough to cut in the middle
			sc.Timings.InstallStep = sim.Duration(30 * time.Millisecond)
			live := startSim(t, sc, clk.Now)
			dir := t.TempDir()
			w := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = live.URL })
			must(t, w.StartNew())
			w.Attach(newClient(t, live.URL, clk.Now), nil)

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var err error
			if p.startAt != "" {
				if p.startAt != StepConnect {
					if e := drive(context.Background(), w, plan{path: PathB, stopAt: p.startAt}); e != errStopped {
						t.Fatal(e)
					}
				}
				cancel()
				err = drive(ctx, w, plan{path: PathB})
			} else {
				crashHook = func(at string) {
					if at == p.hook {
						cancel()
					}
				}
				err = drive(ctx, w, plan{path: PathB})
				crashHook = nil
			}
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("want a cancel, got %v", err)
			}
			var ae *ActionError
			if errors.As(err, &ae) && ae.Text != interrupted {
				t.Errorf("cancel worded %q, want %q", ae.Text, interrupted)
			}
			s := w.Snapshot()
			for _, r := range s.Steps {
				if r.Error != "" && r.Error != interrupted {
					t.Errorf("record %s/%s: error %q after a cancel", r.Step, r.Action, r.Error)
				}
			}
			if len(s.Errors) != 0 {
				t.Errorf("a cancel listed as error: %+v", s.Errors)
			}
			if strings.Contains(w.Report(), "context canceled") {
				t.Error("report shows the Go cancel error")
			}
			// W9: a stopped run never mails "installed and tested".
			if m := w.PartnerMail(); strings.Contains(m.Body, doneClaim) || goErrorPrefix.MatchString(m.Body) {
				t.Errorf("partner mail after a cancel:\n%s", m.Body)
			}
			must(t, w.Close())

			// A new session: the run is unfinished and resumes to the end.
			w2 := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = live.URL })
			if w2.Unfinished() == nil {
				t.Fatal("W8: run not resumable after the cancel")
			}
			must(t, w2.Resume())
			w2.Attach(newClient(t, live.URL, clk.Now), nil)
			if err := drive(context.Background(), w2, plan{path: PathB}); err != nil {
				t.Fatalf("resume: %v", err)
			}
			c := live.Server.Counters()
			if c.BackupsMade != 1 || c.UploadsAccepted != 1 || c.InstallsStarted != 1 || c.InstallsFinished != 1 {
				t.Fatalf("W8: server changes not exactly once: %+v", c)
			}
			if o, _ := w2.outcomeLocked(); o != text.OutcomeSuccess {
				t.Errorf("outcome %s", o)
			}
		})
	}
}
