package steps

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/steps/journal"
)

// Issue 8 item 2 (R7, R9, W5): a "test system" whose /api.php/version and
// License data (licensee, user limit, support end, history) are the same
// as live's may be live itself under another address. The wizard asks
// before anything is installed there, and the answer is journaled.
func TestParity_R7_W5_twinAsksBeforeTestInstall(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	test := startSim(t, fastScenario(t, "test-system"), clk.Now) // identical data
	w := attachRun(t, clk, live, test)
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathA}, StepParity)
	p, err := w.ParityCheck(ctx)
	must(t, err)
	if !p.Twin || !strings.Contains(strings.Join(verdictDetails(p.Verdicts), " "), "two different systems") {
		t.Fatalf("identical version and licence data not flagged: %+v", p)
	}
	if w.Next() != StepParity {
		t.Fatalf("R7: went on to %s without asking", w.Next())
	}
	// Accepting differences is not the answer to this question.
	if err := w.AcceptParity("looks fine"); err == nil && w.Next() != StepParity {
		t.Fatalf("AcceptParity passed the twin question: next %s", w.Next())
	}
	must(t, w.ConfirmDistinctSystems())
	if w.Next() == StepParity {
		t.Fatal("still at parity after the confirmation")
	}
	found := false
	for _, e := range w.j.Entries() {
		if e.Kind == journal.KindAnswer && e.Action == "distinct_systems_confirmed" {
			found = true
		}
	}
	if !found {
		t.Error("the answer is not in the journal")
	}
	if test.Server.Counters().UploadsAccepted != 0 {
		t.Error("the test system was changed before the question")
	}
}

// A test system with other data (another version here) is not asked about.
func TestParity_W5_noTwinQuestionForADifferentSystem(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	test := startSim(t, fastScenario(t, "test-system-stale"), clk.Now)
	w := attachRun(t, clk, live, test)
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathA}, StepParity)
	p, err := w.ParityCheck(ctx)
	must(t, err)
	if p.Twin {
		t.Fatalf("a test system on another version flagged as live's twin")
	}
	if err := w.ConfirmDistinctSystems(); err == nil {
		t.Error("ConfirmDistinctSystems accepted without a question")
	}
}

// Two addresses of the same server are never used as live and test system
// (R7): Connect refuses before anything is read or changed.
func TestConnect_R7_testSystemIsLive(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	w := openWizard(t, t.TempDir(), clk.Now)
	must(t, w.StartNew())
	w.Attach(newClient(t, live.URL, clk.Now), newClient(t, strings.ToUpper(live.URL)+"/index.php", clk.Now))
	err := w.Connect(context.Background())
	var r *Refusal
	if !errors.As(err, &r) || r.Rule != "R7" {
		t.Fatalf("want an R7 refusal, got %v", err)
	}
}

// R7, W5: the twin question names the support end in the run's own date
// format (German: 12.06.2027), never the License page's ISO date inside
// German text.
func TestParity_R7_W5_twinSupportEndInTheRunsDateFormat(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	test := startSim(t, fastScenario(t, "test-system"), clk.Now)
	w := attachRun(t, clk, live, test, inGerman)
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathA}, StepParity)
	p, err := w.ParityCheck(ctx)
	must(t, err)
	lic, err := newClient(t, live.URL, clk.Now).License(ctx)
	must(t, err)
	if !p.Twin || lic.SupportDate.IsZero() {
		t.Fatalf("twin %v, support date %q", p.Twin, lic.SupportEnd)
	}
	details := strings.Join(verdictDetails(p.Verdicts), " ")
	if want := "Support bis " + lic.SupportDate.Format("02.01.2006"); !strings.Contains(details, want) {
		t.Errorf("twin question lacks %q: %s", want, details)
	}
	if iso := lic.SupportDate.Format("2006-01-02"); strings.Contains(details, iso) {
		t.Errorf("twin question shows the ISO date %s in German text: %s", iso, details)
	}
}
