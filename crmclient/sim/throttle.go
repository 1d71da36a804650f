package sim

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// Transfer-rate limit (Timings.TransferRate): localhost moves a package in
// milliseconds, a real link takes minutes. Pacing the update download and
// the upload body lets the client's progress bars (size, rate, time left)
// be seen, e.g. in the --demo wiring. Both directions stay streamed: the
// pacer only waits between chunks, it never holds more than one chunk.

// paceChunk is the largest piece moved between two waits; small enough that
// a progress bar advances smoothly, big enough that waits stay few.
const paceChunk = 32 << 10

// minPaceWait: shorter waits are carried over to the next chunk, so timer
// granularity does not make the transfer slower than its rate.
const minPaceWait = 2 * time.Millisecond

// errSimClosed ends a paced transfer when the server is closed.
var errSimClosed = errors.New("simulator closed")

// pacer spaces a stream to rate bytes per second. The schedule runs from
// the first byte: after n bytes, n/rate has to have passed.
type pacer struct {
	s       *Server
	ctx     context.Context
	rate    int64
	start   time.Time
	n       int64
	waited  time.Duration // sum of injected sleeps (Options.Sleep)
	started bool
}

func (s *Server) newPacer(ctx context.Context) *pacer {
	return &pacer{s: s, ctx: ctx, rate: s.sc.Timings.TransferRate}
}

// chunk bounds a read or write to one pacing step.
func (p *pacer) chunk(b []byte) []byte {
	if len(b) > paceChunk {
		return b[:paceChunk]
	}
	return b
}

// account records n moved bytes and waits until they are due. It returns
// the request's error when the client went away, or errSimClosed.
func (p *pacer) account(n int) error {
	if !p.started {
		p.start, p.started = time.Now(), true
	}
	p.n += int64(n)
	due := time.Duration(float64(p.n) / float64(p.rate) * float64(time.Second))
	var elapsed time.Duration
	if p.s.opt.Sleep != nil {
		// Injected sleeps do not move the wall clock; count them instead.
		elapsed = p.waited
	} else {
		elapsed = time.Since(p.start)
	}
	if d := due - elapsed; d >= minPaceWait {
		return p.wait(d)
	}
	return p.ctx.Err()
}

// wait sleeps d with the server's Sleep option, or in real time until the
// request is cancelled or the server closed.
func (p *pacer) wait(d time.Duration) error {
	if p.s.opt.Sleep != nil {
		p.s.opt.Sleep(d)
		p.waited += d
		return p.ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-p.ctx.Done():
		return p.ctx.Err()
	case <-p.s.closing:
		return errSimClosed
	}
}

// pacedBody paces the reading of a request body.
type pacedBody struct {
	r io.ReadCloser
	p *pacer
}

func (b *pacedBody) Read(buf []byte) (int, error) {
	n, err := b.r.Read(b.p.chunk(buf))
	if n > 0 {
		if perr := b.p.account(n); perr != nil && err == nil {
			err = perr
		}
	}
	return n, err
}

func (b *pacedBody) Close() error { return b.r.Close() }

// pacedWriter paces a response body. Header and status pass through.
type pacedWriter struct {
	http.ResponseWriter
	p *pacer
}

func (w *pacedWriter) Write(b []byte) (int, error) {
	written := 0
	for len(b) > 0 {
		c := w.p.chunk(b)
		n, err := w.ResponseWriter.Write(c)
		written += n
		if err != nil {
			return written, err
		}
		if f, ok := w.ResponseWriter.(http.Flusher); ok {
			f.Flush() // the client sees each chunk when it is due
		}
		if err := w.p.account(n); err != nil {
			return written, err
		}
		b = b[n:]
	}
	return written, nil
}

// pacedRequestBody wraps r.Body when a transfer rate is set.
func (s *Server) pacedRequestBody(r *http.Request) io.ReadCloser {
	if s.sc.Timings.TransferRate <= 0 || r.Body == nil {
		return r.Body
	}
	return &pacedBody{r: r.Body, p: s.newPacer(r.Context())}
}

// pacedResponse wraps w when a transfer rate is set.
func (s *Server) pacedResponse(w http.ResponseWriter, r *http.Request) http.ResponseWriter {
	if s.sc.Timings.TransferRate <= 0 {
		return w
	}
	return &pacedWriter{ResponseWriter: w, p: s.newPacer(r.Context())}
}
