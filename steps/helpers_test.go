package steps

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/clock"
)

// testClock is a settable wall clock for the time rules.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// tuesday9 is a working-day morning in Berlin: plenty of time before 15:00.
func tuesday9() time.Time { return time.Date(2026, 11, 24, 9, 0, 0, 0, clock.Berlin) }

func init() {
	// Reconciling an interrupted backup must not wait minutes in tests.
	reconcilePoll = 20 * time.Millisecond
	backupReconcileWait = 1500 * time.Millisecond
}

// fastScenario loads a built-in scenario with tiny timings.
func fastScenario(t testing.TB, name string) *sim.Scenario {
	t.Helper()
	sc, ok := sim.Builtin(name)
	if !ok {
		t.Fatalf("no built-in scenario %q", name)
	}
	sc.Timings.Backup = sim.Duration(60 * time.Millisecond)
	sc.Timings.InstallStep = sim.Duration(15 * time.Millisecond)
	for i := range sc.Updates {
		sc.Updates[i].PaddingBytes = 64 << 10
	}
	return sc
}

func startSim(t testing.TB, sc *sim.Scenario, now func() time.Time) *sim.Running {
	t.Helper()
	r, err := sim.Start(sc, sim.Options{Now: now, TempDir: t.TempDir()})
	if err != nil {
		t.Fatalf("sim: %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func newClient(t testing.TB, url string, now func() time.Time) *crmclient.Client {
	t.Helper()
	c, err := clientFor(url, now)
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	return c
}

func clientFor(url string, now func() time.Time) (*crmclient.Client, error) {
	return crmclient.New(crmclient.Config{
		BaseURL:             url,
		User:                sim.DemoUser,
		Password:            sim.DemoPassword,
		ClientID:            sim.DemoClientID,
		ClientSecret:        sim.DemoClientSecret,
		Timeout:             10 * time.Second,
		Now:                 now,
		InstallPollInterval: 30 * time.Millisecond,
		InstallMaxWait:      5 * time.Second,
		BackupPollInterval:  30 * time.Millisecond,
		BackupTick:          20 * time.Millisecond,
	})
}

// clientWithoutAPIClient is an admin's client without --client-id: REST
// calls beyond /version can only try HTTP Basic, which 1CRM has off by
// default (spec §1.3).
func clientWithoutAPIClient(url string, now func() time.Time) (*crmclient.Client, error) {
	return crmclient.New(crmclient.Config{
		BaseURL:             url,
		User:                sim.DemoUser,
		Password:            sim.DemoPassword,
		Timeout:             10 * time.Second,
		Now:                 now,
		InstallPollInterval: 30 * time.Millisecond,
		InstallMaxWait:      5 * time.Second,
		BackupPollInterval:  30 * time.Millisecond,
		BackupTick:          20 * time.Millisecond,
	})
}

// mustClient builds a client with mk or fails the test.
func mustClient(t testing.TB, mk func(string, func() time.Time) (*crmclient.Client, error), url string) *crmclient.Client {
	t.Helper()
	c, err := mk(url, tuesday9)
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	return c
}

func openWizard(t testing.TB, dir string, now func() time.Time, mod ...func(*Config)) *Wizard {
	t.Helper()
	cfg := Config{StateDir: dir, Lang: "en", Now: now, User: sim.DemoUser, Version: "test"}
	for _, m := range mod {
		m(&cfg)
	}
	w, err := Open(cfg)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// buildPackage writes a package ZIP for spec into dir.
func buildPackage(t testing.TB, dir string, p sim.PackageSpec) string {
	t.Helper()
	name := p.FileName
	if name == "" {
		name = p.ID + "-" + p.Version + ".zip"
	}
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.BuildPackageZip(f, p, 0); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// corePatch is a core update package to 8.7.7 for 8.7.0–8.7.6.
func corePatch() sim.PackageSpec {
	return sim.PackageSpec{Name: "1CRM 8.7.7 Update", ID: "InfoAtHand", Type: "patch", Version: "8.7.7",
		Author: "1CRM Corp.", PublishedDate: "2025-05-02", RegexMatches: []string{`8\.7\.[0-6]`},
		FileName: "8.7.7-InfoAtHand-patch.zip"}
}

// plan says how drive answers the wizard's questions.
type plan struct {
	path       Path
	deployment Deployment
	pkgFile    string                                  // else the first update the License page lists
	answer     func(it ChecklistItem) (string, string) // default: every item passed
	stopAt     StepID                                  // return when this step is due
	onError    func(step StepID, err error) error      // nil: return the error
}

var errStopped = errors.New("stopped")

// drive walks the wizard the way a UI would: it asks Next() and calls the
// action of that step with default answers. No terminal involved.
func drive(ctx context.Context, w *Wizard, p plan) error {
	for i := 0; i < 200; i++ {
		n := w.Next()
		if n == p.stopAt && p.stopAt != "" {
			return errStopped
		}
		var err error
		switch n {
		case StepConnect:
			err = w.Connect(ctx)
		case StepPreflight:
			var pf *Preflight
			pf, err = w.Preflight(ctx)
			if err == nil && pf.Blocked {
				return fmt.Errorf("preflight blocked: %+v", pf.Verdicts)
			}
			if err == nil && pf.NeedsDeployment {
				d := p.deployment
				if d == "" {
					d = pf.DeploymentGuess
				}
				_, err = w.ConfirmDeployment(d)
			}
		case StepPackage:
			if p.pkgFile != "" {
				_, err = w.UsePackageFile(p.pkgFile)
			} else {
				s := w.Snapshot()
				if s.Preflight == nil || len(s.Preflight.Updates) == 0 {
					return errors.New("no update listed and no package file")
				}
				_, err = w.DownloadUpdate(ctx, s.Preflight.Updates[0], func(got, total int64) {
					if got > 0 && (total <= 0 || got >= total/2) {
						crashPoint("during:" + actDownload)
					}
				})
			}
		case StepPath:
			err = w.ChoosePath(p.path)
		case StepRefreshRequest:
			if m := w.RefreshMail(); m.To == "" {
				return errors.New("empty refresh mail")
			}
			err = w.ConfirmRefreshed()
		case StepParity:
			var par *Parity
			par, err = w.ParityCheck(ctx)
			if err == nil && par.Twin {
				err = w.ConfirmDistinctSystems() // R7: the two simulators are two systems
			}
			if err == nil && !par.OK {
				err = w.AcceptParity("test: accepted")
			}
		case StepTimeGuard:
			if w.StartCheck().Level == StartRefuse {
				err = w.OverrideLateStart("test override")
			} else {
				err = w.AcknowledgeStart()
			}
		case StepBackup:
			act := actBackup(w.Stage())
			_, err = w.Backup(ctx, func(time.Duration) { crashPoint("during:" + act) }, nil)
		case StepInstall:
			stage := w.Stage()
			switch w.Snapshot().Phase {
			case PhaseUpload, "":
				err = w.Upload(ctx, func(sent, total int64) {
					if sent > 0 && (total <= 0 || sent >= total/2) {
						crashPoint("during:" + actUpload(stage))
					}
				})
			case PhasePrepare:
				_, err = w.Prepare(ctx)
			case PhaseConfirm:
				_, err = w.AcceptWarnings(ctx)
			case PhaseInstall:
				err = w.Install(ctx, func(p crmclient.InstallProgress) {
					if p.Step >= 2 {
						crashPoint("during:" + actInstall(stage))
					}
				})
			}
		case StepSmoke:
			_, err = w.Smoke(ctx)
		case StepChecklist:
			for _, it := range w.ChecklistItems() {
				st, note := AnswerPassed, ""
				if p.answer != nil {
					st, note = p.answer(it)
				}
				if err = w.Answer(it.ID, st, note); err != nil {
					break
				}
			}
			if err == nil {
				err = w.FinishChecklist()
			}
		case StepGoLive:
			err = w.GoLive()
		case StepProblems:
			if m := w.ProblemMail(); m.To == "" {
				return errors.New("empty problem mail")
			}
			err = w.ProblemsReported()
		case StepDone:
			return w.Finish()
		}
		if err != nil {
			if p.onError != nil {
				if err = p.onError(n, err); err == nil {
					continue
				}
			}
			return fmt.Errorf("step %s: %w", n, err)
		}
	}
	return errors.New("drive: too many steps")
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// attachRun opens a fresh run in its own state folder (Config changed by
// mod) and attaches the live system and, unless test is nil, a test system
// (path A). The nil check
// matters: Attach takes the CRM interface, and a typed nil client would not
// read as "no test system".
func attachRun(t testing.TB, clk *testClock, live, test *sim.Running, mod ...func(*Config)) *Wizard {
	t.Helper()
	w := openWizard(t, t.TempDir(), clk.Now, mod...)
	must(t, w.StartNew())
	if test == nil {
		w.Attach(newClient(t, live.URL, clk.Now), nil)
	} else {
		w.Attach(newClient(t, live.URL, clk.Now), newClient(t, test.URL, clk.Now))
	}
	return w
}

// startRun is the usual setup: a Tuesday-morning clock, the built-in
// scenario as the live system (no test system) and a fresh run attached to it.
func startRun(t testing.TB, scenario string, mod ...func(*Config)) (*Wizard, *testClock, *sim.Running) {
	t.Helper()
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, scenario), clk.Now)
	return attachRun(t, clk, live, nil, mod...), clk, live
}

// inGerman makes a run speak German, the default of the real program.
func inGerman(c *Config) { c.Lang = "de" }

// driveTo drives the wizard with p until step is due; finishing, failing or
// stopping anywhere else fails the test.
func driveTo(t testing.TB, ctx context.Context, w *Wizard, p plan, step StepID) {
	t.Helper()
	p.stopAt = step
	if err := drive(ctx, w, p); err != errStopped {
		t.Fatalf("drive to %s: %v", step, err)
	}
}

// preflightOnPrem connects, runs the preflight and confirms an on-premise
// deployment, as the admin would; it returns the confirmed preflight.
func preflightOnPrem(t testing.TB, ctx context.Context, w *Wizard) *Preflight {
	t.Helper()
	must(t, w.Connect(ctx))
	_, err := w.Preflight(ctx)
	must(t, err)
	pf, err := w.ConfirmDeployment(DeploymentOnPrem)
	must(t, err)
	return pf
}
