package app

import (
	"net/http"
	"testing"

	"github.com/visual4/1crm-update/crmclient/sim"
)

// --demo pads the offered update to a realistic size and limits the
// transfer rate, so the download and upload progress bars can be seen.
func TestMakeDemoRealistic(t *testing.T) {
	sc, _ := sim.Builtin("demo")
	makeDemoRealistic(sc)
	if sc.Timings.TransferRate != demoTransferRate {
		t.Errorf("rate %d", sc.Timings.TransferRate)
	}
	if len(sc.Updates) == 0 || sc.Updates[0].PaddingBytes != demoUpdateBytes {
		t.Errorf("updates %+v", sc.Updates)
	}
	// A few seconds each way, not a flash and not a wait.
	if secs := float64(demoUpdateBytes) / float64(demoTransferRate); secs < 4 || secs > 7 {
		t.Errorf("demo transfer takes %.1fs", secs)
	}

	// Upload-limit scenarios keep the ZIP size their fault is about.
	sc, _ = sim.Builtin("upload-limit")
	want := sc.Updates[0].PaddingBytes
	makeDemoRealistic(sc)
	if sc.Updates[0].PaddingBytes != want {
		t.Errorf("upload-limit padding %d, want %d", sc.Updates[0].PaddingBytes, want)
	}

	// A scenario's own rate wins.
	sc, _ = sim.Builtin("demo")
	sc.Timings.TransferRate = 1 << 20
	makeDemoRealistic(sc)
	if sc.Timings.TransferRate != 1<<20 {
		t.Errorf("own rate replaced: %d", sc.Timings.TransferRate)
	}
}

// The --demo wiring applies it to the simulator it starts (HEAD: the size
// without the paced body).
func TestDemoWiringServesRealisticUpdate(t *testing.T) {
	demoRealism = true
	t.Cleanup(func() { demoRealism = false })
	s := demoSession(t, t.TempDir(), "en", "none", nil)
	sc, _ := sim.Builtin("demo")
	resp, err := http.Head(s.Cfg.URL + sim.UpdateURL(sc.Updates[0].Package.FileName))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.ContentLength < demoUpdateBytes {
		t.Errorf("HEAD update: %s, %d bytes", resp.Status, resp.ContentLength)
	}
}
