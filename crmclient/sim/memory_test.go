package sim

import (
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// patternReader yields n bytes without holding them.
type patternReader struct{ left int64 }

func (p *patternReader) Read(b []byte) (int, error) {
	if p.left <= 0 {
		return 0, io.EOF
	}
	n := int64(len(b))
	if n > p.left {
		n = p.left
	}
	for i := range b[:n] {
		b[i] = byte(i*7 + 3)
	}
	p.left -= n
	return int(n), nil
}

// §5.2/design.md: the upload is streamed to a temp file, never buffered:
// a 200 MB body must not grow the heap.
func TestLargeUploadDoesNotGrowMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 200 MB")
	}
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	form := b.uploadForm()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
		}
	}()
	const size = 200 << 20
	_, body := b.upload(form, "big.zip", &patternReader{left: size})
	close(stop)
	<-done
	mustContain(t, text(body), "Uploaded file is not a ZIP archive") // the bytes arrived and were judged
	t.Logf("heap in use: base %d MB, peak %d MB", base>>20, peak.Load()>>20)
	if grow := int64(peak.Load()) - int64(base); grow > 32<<20 {
		t.Errorf("heap grew by %d MB during a 200 MB upload", grow>>20)
	}
	if c := r.Server.Counters(); c.UploadsReceived != 1 {
		t.Errorf("counters %+v", c)
	}
}
