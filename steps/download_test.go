package steps

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient/sim"
)

func fastRetry(t *testing.T) {
	prev := downloadRetryWait
	downloadRetryWait = time.Millisecond
	t.Cleanup(func() { downloadRetryWait = prev })
}

// W2 / issue 12: a connection cut by the server mid-download is picked up
// where it stopped; the package check says so.
func TestDownloadCut_W2_resumes(t *testing.T) {
	fastRetry(t)
	w, _, live := startRun(t, "demo", func(c *Config) { c.Lang = "en" })
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepPackage)
	u := w.Snapshot().Preflight.Updates[0]
	b, err := live.Server.UpdateZip("8.7.7-InfoAtHand-patch.zip")
	must(t, err)
	live.Server.SetDownloadFaults(sim.DownloadFaults{CutAfter: int64(len(b)) * 9 / 10})
	pc, err := w.DownloadUpdate(ctx, u, nil)
	must(t, err)
	if st := live.Server.DownloadStats(); st.Cuts != 1 || st.BodyBytes != int64(len(b)) {
		t.Errorf("server stats %+v for %d bytes", st, len(b))
	}
	if vt := verdictText(pc.Verdicts); !pc.OK || !strings.Contains(vt, "The connection dropped once") {
		t.Errorf("verdicts:\n%s", vt)
	}
}

// W8: a download cancelled half-way keeps its part; the next attempt
// continues it instead of fetching everything again.
func TestDownloadCancelled_W8_continues(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	sc := fastScenario(t, "demo")
	for i := range sc.Updates {
		sc.Updates[i].PaddingBytes = 8 << 20
	}
	live := startSim(t, sc, clk.Now)
	w := attachRun(t, clk, live, nil, func(c *Config) { c.Lang = "en" })
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepPackage)
	u := w.Snapshot().Preflight.Updates[0]
	cctx, cancel := context.WithCancel(ctx)
	var kept int64
	_, err := w.DownloadUpdate(cctx, u, func(got, total int64) {
		if total > 0 && got > total/2 && kept == 0 {
			kept = got
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	before := live.Server.DownloadStats()
	pc, err := w.DownloadUpdate(ctx, u, nil)
	must(t, err)
	st := live.Server.DownloadStats()
	// The second request sends only what the part lacks (the first one
	// may have written more into the socket than the client read).
	if sent := st.BodyBytes - before.BodyBytes; !pc.OK || st.Partial != 1 || sent > pc.Size-kept {
		t.Errorf("stats %+v: sent %d for %d bytes (kept %d)", st, sent, pc.Size, kept)
	}
	if vt := verdictText(pc.Verdicts); !strings.Contains(vt, "The download was resumed") {
		t.Errorf("verdicts:\n%s", vt)
	}
	if _, err := os.Stat(pc.Path + ".part"); !os.IsNotExist(err) {
		t.Error("part file left")
	}
}

// Issue 10 item 4: a finished run's download goes; an unfinished run's
// stays (it may resume), and so does a package a new run took over from
// the run it continues.
func TestDownloads_finishedRunsAreCleaned(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	dir := t.TempDir()
	ctx := context.Background()

	// An unfinished run with its download (stops before the backup).
	w1 := openWizard(t, dir, clk.Now)
	must(t, w1.StartNew())
	w1.Attach(newClient(t, live.URL, clk.Now), nil)
	driveTo(t, ctx, w1, plan{path: PathB}, StepBackup)
	kept := w1.Snapshot().Package.Path
	w1.Close()

	// A second, finished run: its own download is removed at Finish; the
	// first run's stays.
	w2 := openWizard(t, dir, clk.Now)
	must(t, w2.StartNew())
	w2.Attach(newClient(t, live.URL, clk.Now), nil)
	must(t, drive(ctx, w2, plan{path: PathB}))
	own := w2.Snapshot().Package.Path
	if own == kept {
		t.Fatalf("the second run reused the first run's file %s", own)
	}
	if _, err := os.Stat(own); !os.IsNotExist(err) {
		t.Errorf("the finished run's download is still there: %v", err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("the unfinished run's download was removed: %v", err)
	}
}

// Issue 10 item 4: the step total does not change when problems appear;
// reporting problems is the closing step.
func TestStepNumber_totalStaysWhenProblemsAppear(t *testing.T) {
	st := &runState{Path: PathA, Preflight: &Preflight{}, Package: &PackageCheck{OK: true}, RefreshConfirmed: true,
		Parity: &Parity{OK: true}, WentLive: true, TestPassed: true}
	st.Test.Phase, st.Test.Smoke, st.Test.ChecklistDone = PhaseInstalled, &SmokeResult{}, true
	st.Live.BackupDone, st.Live.Phase, st.Live.Smoke = true, PhaseInstalled, &SmokeResult{}
	w := bareWizard(nil, st)
	w.connected[StageLive], w.connected[StageTest] = true, true
	n, of := w.stepNumberLocked()
	if w.nextLocked() != StepChecklist || of != 15 || n != 14 {
		t.Fatalf("live checklist: %d of %d (%s)", n, of, w.nextLocked())
	}
	st.ProblemsAt, st.ProblemsStage = StepChecklist, StageLive
	if n2, of2 := w.stepNumberLocked(); w.nextLocked() != StepProblems || of2 != of || n2 != of {
		t.Fatalf("problems: %d of %d, want %d of %d", n2, of2, of, of)
	}
	st.ProblemsReported = true
	if n3, of3 := w.stepNumberLocked(); w.nextLocked() != StepDone || n3 != of || of3 != of {
		t.Fatalf("done: %d of %d", n3, of3)
	}
}
