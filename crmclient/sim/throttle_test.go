package sim

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Timings.TransferRate paces the update download: 256 KiB at 1 MiB/s take
// at least ~250 ms, and the bytes arrive spread over that time (streamed),
// not in one piece at the end.
func TestTransferRateDownload(t *testing.T) {
	sc := scenario(t, "demo", func(sc *Scenario) {
		sc.Timings.TransferRate = 1 << 20
		sc.Updates[0].PaddingBytes = 256 << 10
	})
	r, _ := startSim(t, sc, func(o *Options) { o.Sleep = nil }) // real time
	name := sc.Updates[0].Package.FileName
	start := time.Now()
	resp, err := http.Get(r.URL + downloadPrefix + name)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	first := make([]byte, 1)
	if _, err := io.ReadFull(resp.Body, first); err != nil {
		t.Fatal(err)
	}
	firstAt := time.Since(start)
	rest, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	total := time.Since(start)
	if n := 1 + len(rest); n < 256<<10 {
		t.Fatalf("got %d bytes", n)
	}
	if total < 200*time.Millisecond {
		t.Errorf("paced download took %v, want >= 200ms", total)
	}
	if spread := total - firstAt; spread < 150*time.Millisecond {
		t.Errorf("body came in one piece (first byte %v, done %v): not streamed", firstAt, total)
	}
}

// The upload body is read at the rate too, and still streamed to the temp
// file (§5.2): while the server waits between chunks, the temp file holds
// only part of the body. The injected Sleep is honoured (and sleeps for
// real here, so the wall-clock check holds as well).
func TestTransferRateUpload(t *testing.T) {
	const size = 256 << 10
	sc := scenario(t, "demo", func(sc *Scenario) { sc.Timings.TransferRate = 1 << 20 })
	tmp := t.TempDir()
	var mu sync.Mutex
	var slept time.Duration
	var partial int // waits seen while the temp file held part of the body
	r, _ := startSim(t, sc, func(o *Options) {
		o.TempDir = tmp
		o.Sleep = func(d time.Duration) {
			if files, _ := filepath.Glob(filepath.Join(tmp, "1crm-sim-upload-*.zip")); len(files) == 1 {
				if fi, err := os.Stat(files[0]); err == nil && fi.Size() > 0 && fi.Size() < size {
					mu.Lock()
					partial++
					mu.Unlock()
				}
			}
			mu.Lock()
			slept += d
			mu.Unlock()
			time.Sleep(d)
		}
	})
	b := adminBrowser(t, r)
	form := b.uploadForm()
	start := time.Now()
	_, body := b.upload(form, "big.zip", &patternReader{left: size})
	took := time.Since(start)
	mustContain(t, text(body), "Uploaded file is not a ZIP archive") // all bytes arrived and were judged
	mu.Lock()
	defer mu.Unlock()
	if took < 200*time.Millisecond || slept < 200*time.Millisecond {
		t.Errorf("paced upload took %v (slept %v), want >= 200ms", took, slept)
	}
	if partial < 2 {
		t.Errorf("only %d waits with a partly written temp file: body not streamed", partial)
	}
}

// A paced transfer ends when the client goes away or the server closes,
// instead of sleeping out its schedule.
func TestTransferRateCancel(t *testing.T) {
	sc := scenario(t, "demo", func(sc *Scenario) { sc.Timings.TransferRate = 1 << 10 })
	s := New(sc, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.newPacer(ctx).account(1 << 20) }() // due in ~17 min
	time.AfterFunc(20*time.Millisecond, cancel)
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("pacer ignored the cancelled request")
	}
	go func() { done <- s.newPacer(context.Background()).account(1 << 20) }()
	time.AfterFunc(20*time.Millisecond, s.Close)
	select {
	case err := <-done:
		if !errors.Is(err, errSimClosed) {
			t.Errorf("closed: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("pacer ignored Close")
	}
}

// Without a rate, nothing is wrapped (0 = unlimited).
func TestTransferRateZeroIsUnlimited(t *testing.T) {
	s := New(scenario(t, "demo"), Options{})
	req, _ := http.NewRequest("POST", "/", bytes.NewReader(nil))
	if got := s.pacedRequestBody(req); got != req.Body {
		t.Errorf("body wrapped without a rate: %T", got)
	}
}
