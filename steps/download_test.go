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
