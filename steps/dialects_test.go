package steps

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/journal"
)

// Paths A and B against every page dialect the simulator renders (the real
// 7.x structure, and the current 1CRM Cloud login with JSON login, CSRF
// header and login.php redirects) and against both upgrade.php flows a
// client can drive (script chain, "Next" form). The procedure must come
// out the same: warnings shown and accepted before the install (R22),
// every server change once, the install posted only after a finished
// prepare, the lock gone, the checklist holding only real extensions.

type pageVariant struct{ dialect, flow string }

var drivableVariants = []pageVariant{
	{sim.Dialect7x, sim.FlowScript},
	{sim.Dialect7x, sim.FlowForm},
	{sim.Dialect8x, sim.FlowScript},
	{sim.Dialect8x, sim.FlowForm},
}

func variantScenario(t testing.TB, name string, v pageVariant) *sim.Scenario {
	sc := fastScenario(t, name)
	sc.Dialect, sc.UpgradeFlow = v.dialect, v.flow
	return sc
}

func TestDialects_R22_W6_pathB(t *testing.T) {
	for _, v := range drivableVariants {
		t.Run(v.dialect+"_"+v.flow, func(t *testing.T) {
			t.Parallel()
			clk := &testClock{t: tuesday9()}
			live := startSim(t, variantScenario(t, "demo", v), clk.Now)
			w := attachRun(t, clk, live, nil)
			ctx := context.Background()
			driveTo(t, ctx, w, plan{path: PathB}, StepInstall)
			must(t, w.Upload(ctx, nil))
			view, err := w.Prepare(ctx)
			must(t, err)
			// R22: the version warnings reach the admin before anything is installed.
			if !view.NeedsAcceptance || strings.Join(view.AffectedExtensions, ",") != "DATEV Export" {
				t.Fatalf("R22: view %+v", view)
			}
			if c := live.Server.Counters(); c.InstallsStarted != 0 {
				t.Fatalf("R22: install started before the warnings were accepted: %+v", c)
			}
			var ref *Refusal
			if err := w.Install(ctx, nil); !errors.As(err, &ref) || ref.Rule != "R22" {
				t.Fatalf("R22: install before acceptance: %v", err)
			}
			must(t, drive(ctx, w, plan{path: PathB}))
			checkFinishedLive(t, w, live)
			checkExtensionItems(t, w)
		})
	}
}

func TestDialects_R9_pathA(t *testing.T) {
	for _, v := range []pageVariant{{sim.Dialect7x, sim.FlowForm}, {sim.Dialect8x, sim.FlowScript}} {
		t.Run(v.dialect+"_"+v.flow, func(t *testing.T) {
			t.Parallel()
			clk := &testClock{t: tuesday9()}
			live := startSim(t, variantScenario(t, "demo", v), clk.Now)
			test := startSim(t, variantScenario(t, "test-system", v), clk.Now)
			w := attachRun(t, clk, live, test)
			ctx := context.Background()
			driveTo(t, ctx, w, plan{path: PathA}, StepGoLive)
			if test.Server.Version() != "8.7.7" || live.Server.Version() != "8.7.6" {
				t.Fatalf("R9: test=%s live=%s", test.Server.Version(), live.Server.Version())
			}
			checkExtensionItems(t, w) // the test system's checklist (R9, R23)
			must(t, drive(ctx, w, plan{path: PathA}))
			checkFinishedLive(t, w, live)
			if c := test.Server.Counters(); c.InstallsStarted != 1 || c.InstallsUnprepared != 0 || test.Server.InProgress() {
				t.Fatalf("test system counters %+v in progress %v", c, test.Server.InProgress())
			}
		})
	}
}

// checkFinishedLive: the run is finished and live shows exactly one
// backup, upload and install, the install only after a finished prepare,
// the acceptance journaled before it, and no lock left.
func checkFinishedLive(t *testing.T, w *Wizard, live *sim.Running) {
	t.Helper()
	if !w.Snapshot().Finished {
		t.Fatalf("not finished: next=%s", w.Snapshot().Next)
	}
	if live.Server.Version() != "8.7.7" || live.Server.InProgress() {
		t.Fatalf("live %s, in progress %v", live.Server.Version(), live.Server.InProgress())
	}
	c := live.Server.Counters()
	if c.BackupsMade != 1 || c.UploadsAccepted != 1 || c.InstallsStarted != 1 || c.InstallsFinished != 1 || c.InstallsUnprepared != 0 {
		t.Fatalf("counters %+v", c)
	}
	accepted, installed := -1, -1
	for i, e := range w.j.Entries() {
		switch {
		case e.Kind == journal.KindAnswer && e.Action == "warnings_accepted" && accepted < 0:
			accepted = i
		case e.Kind == journal.KindStarted && e.Action == actInstall(StageLive):
			installed = i
		}
	}
	if accepted < 0 || installed < 0 || accepted > installed {
		t.Fatalf("R22: acceptance at %d, live install started at %d", accepted, installed)
	}
	for _, ch := range w.Snapshot().Smoke {
		for _, c := range ch.Checks {
			if c.Level == LevelBlock {
				t.Errorf("W6: smoke check %s failed on a healthy update: %s", c.Name, c.Title)
			}
		}
	}
}

// checkExtensionItems, W7: one checklist item per extension the server
// really has; no description or status row of the package list became an
// extension.
func checkExtensionItems(t *testing.T, w *Wizard) {
	t.Helper()
	var got []string
	for _, it := range w.ChecklistItems() {
		if it.Source == "extension" {
			got = append(got, it.Title)
		}
	}
	want := []string{"Call Sheets", "DATEV Export", "German Language Pack"}
	sort.Strings(got)
	for i := range want {
		if i >= len(got) || !strings.Contains(got[i], want[i]) {
			t.Fatalf("W7: extension items %q, want one each for %q", got, want)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("W7: extension items %q, want %d", got, len(want))
	}
}

// TestDialects_W6_xhrUpgradeHandsOver: an upgrade.php driven by XHR is a
// page the client cannot operate. The install stops at once with the
// typed error that tells the admin to finish it in the browser — even with
// an hour allowed for polling, it never waits for it.
func TestDialects_W6_xhrUpgradeHandsOver(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, variantScenario(t, "demo", pageVariant{sim.Dialect7x, sim.FlowXHR}), clk.Now)
	w := openWizard(t, t.TempDir(), clk.Now)
	must(t, w.StartNew())
	c, err := crmclient.New(crmclient.Config{
		BaseURL: live.URL, User: sim.DemoUser, Password: sim.DemoPassword,
		ClientID: sim.DemoClientID, ClientSecret: sim.DemoClientSecret, Now: clk.Now,
		InstallPollInterval: time.Second, InstallMaxWait: time.Hour,
	})
	must(t, err)
	w.Attach(c, nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err = drive(ctx, w, plan{path: PathB})
	if !errors.Is(err, crmclient.ErrInstallNeedsBrowser) {
		t.Fatalf("want the hand-over error, got %v", err)
	}
	if ctx.Err() != nil {
		t.Fatal("the install waited instead of handing over")
	}
	var ae *ActionError
	if !errors.As(err, &ae) || !strings.Contains(ae.Text, "Browser") && !strings.Contains(ae.Text, "browser") {
		t.Fatalf("the admin is not told to finish in the browser: %v", err)
	}
	if !live.Server.InProgress() {
		t.Fatal("the simulator should still hold the lock: the steps are not done")
	}
}
