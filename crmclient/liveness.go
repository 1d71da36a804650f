package crmclient

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"sync"
	"time"
)

// waitWatch watches one long wait on 1CRM (stall.go). The caller marks its
// own requests (begin/done) and the moments the wait moves on (advanced);
// a goroutine probes 1CRM while an own request is outstanding and turns
// the two clocks — last answer, last progress — into Stall reports.
type waitWatch struct {
	c      *Client
	report func(Stall)
	cancel context.CancelFunc
	wg     sync.WaitGroup
	emitMu sync.Mutex // keeps reports in order (probe goroutine vs. caller)

	mu        sync.Mutex
	wait      string
	checkURL  string
	busyAfter time.Duration // Alive notice after this long without progress; 0 = never
	limit     time.Duration // the caller gives up after this long without progress; 0 = never
	progress  time.Time     // last progress (start of the wait, a new step)
	answer    time.Time     // last answer from 1CRM (own request or probe)
	inflight  int           // own requests outstanding
	shown     bool          // a stall is on the admin's screen
	closed    bool          // the wait is over: nothing more is reported
}

// watch starts watching a wait; close it when the wait ends.
func (c *Client) watch(ctx context.Context, wait, checkURL string, busyAfter, limit time.Duration) *waitWatch {
	pctx, cancel := context.WithCancel(ctx)
	now := time.Now()
	w := &waitWatch{c: c, report: stallReporter(ctx), cancel: cancel, wait: wait, checkURL: checkURL,
		busyAfter: busyAfter, limit: limit, progress: now, answer: now}
	w.wg.Add(1)
	go w.loop(pctx)
	return w
}

// phase switches to another wait of the same call (e.g. from the backup
// request to the history poll). The progress clock runs on.
func (w *waitWatch) phase(wait, checkURL string, busyAfter, limit time.Duration) {
	w.mu.Lock()
	w.wait, w.checkURL, w.busyAfter, w.limit = wait, checkURL, busyAfter, limit
	w.mu.Unlock()
}

// close stops the probe and takes a notice on the screen down.
func (w *waitWatch) close() {
	w.cancel()
	w.wg.Wait()
	w.emitMu.Lock()
	defer w.emitMu.Unlock()
	w.mu.Lock()
	shown := w.shown
	w.shown, w.closed = false, true
	wait := w.wait
	w.mu.Unlock()
	if shown {
		w.report(Stall{Wait: wait, Ended: true, Alive: true})
	}
}

// begin marks an own request outstanding; call done when it returned.
// Whether 1CRM answered it, the client's transport tells (noteHeard).
func (w *waitWatch) begin() (done func()) {
	w.mu.Lock()
	w.inflight++
	w.mu.Unlock()
	return func() {
		w.mu.Lock()
		w.inflight--
		w.mu.Unlock()
		w.evaluate()
	}
}

// advanced: the wait moved on (a new step, a changed list).
func (w *waitWatch) advanced() {
	w.mu.Lock()
	now := time.Now()
	w.progress, w.answer = now, now
	w.mu.Unlock()
	w.evaluate()
}

// lastAnswer is when 1CRM last answered: a probe, or any request of the
// client (the caller holds mu).
func (w *waitWatch) lastAnswerLocked() time.Time {
	if h := w.c.lastHeard(); h.After(w.answer) {
		w.answer = h
	}
	return w.answer
}

// idle is how long the wait has made no progress.
func (w *waitWatch) idle() time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return time.Since(w.progress)
}

// remaining is what is left of the limit (0 when it is used up); ok is
// false when the wait has no limit.
func (w *waitWatch) remaining() (left time.Duration, ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.limit <= 0 {
		return 0, false
	}
	return max(w.limit-time.Since(w.progress), 0), true
}

// isAlive: has 1CRM answered within StallAfter?
func (w *waitWatch) isAlive() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return time.Since(w.lastAnswerLocked()) < w.c.cfg.StallAfter
}

func (w *waitWatch) loop(ctx context.Context) {
	defer w.wg.Done()
	t := time.NewTicker(w.c.cfg.ProbeInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w.mu.Lock()
		probe := w.inflight > 0 && time.Since(w.lastAnswerLocked()) >= w.c.cfg.ProbeInterval
		w.mu.Unlock()
		if probe {
			ok := w.c.probe(ctx)
			if ctx.Err() != nil {
				return
			}
			if ok {
				w.mu.Lock()
				w.answer = time.Now()
				w.mu.Unlock()
			}
		}
		w.evaluate()
	}
}

// evaluate reports the state of the wait: no answer for StallAfter → a
// stall with Alive false; answers but no progress for busyAfter → a stall
// with Alive true; otherwise the end of a stall that was shown.
func (w *waitWatch) evaluate() {
	w.emitMu.Lock()
	defer w.emitMu.Unlock()
	w.mu.Lock()
	now := time.Now()
	silent, idle := now.Sub(w.lastAnswerLocked()), now.Sub(w.progress)
	s := Stall{Wait: w.wait, CheckURL: w.checkURL}
	if w.limit > 0 {
		s.Limited, s.Left = true, max(w.limit-idle, 0)
	}
	switch {
	case silent >= w.c.cfg.StallAfter:
		s.Since = silent
	case w.busyAfter > 0 && idle >= w.busyAfter:
		s.Since, s.Alive = idle, true
	case w.shown:
		s = Stall{Wait: w.wait, Alive: true, Ended: true}
	default:
		w.mu.Unlock()
		return
	}
	if w.closed {
		w.mu.Unlock()
		return
	}
	first := !w.shown
	w.shown = !s.Ended
	w.mu.Unlock()
	switch {
	case s.Ended:
		w.c.log.Info("1CRM answers again; the wait goes on", "wait", s.Wait)
	case first:
		w.c.log.Warn("a wait on 1CRM stalls", "wait", s.Wait, "since", roundWait(s.Since), "alive", s.Alive)
	}
	w.report(s)
}

// probe asks 1CRM whether it answers at all: GET /api.php/version, which
// needs no login (spec §1.2) and changes nothing. It never carries the
// admin session (PHP locks a session's file for the length of a request,
// so a probe with the admin cookie would queue behind the very backup it
// watches) nor any credential: it has its own cookie jar and sends no
// Authorization header. Any HTTP answer counts — a 403 of a Startup
// edition, a 404 of a 7.x without the API — except a proxy's 502/503/504,
// which say that the proxy got no answer from 1CRM.
func (c *Client) probe(ctx context.Context) bool {
	pctx, cancel := context.WithTimeout(ctx, c.cfg.ProbeInterval)
	defer cancel()
	req, err := http.NewRequestWithContext(pctx, http.MethodGet, c.apiURL("/version"), nil)
	if err != nil {
		return false
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "application/json")
	resp, err := c.prober.Do(req)
	if err != nil {
		return false
	}
	drain(resp.Body)
	return !gatewayStatus(resp.StatusCode)
}

// gatewayStatus: a proxy in front of 1CRM got no answer from it.
func gatewayStatus(code int) bool {
	return code == http.StatusBadGateway || code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout
}

// noteHeard records that 1CRM answered a request just now (logTransport).
func (c *Client) noteHeard() { c.heardAt.Store(int64(time.Since(c.epoch))) }

// lastHeard is when 1CRM last answered a request of this client (the
// zero time when it never did).
func (c *Client) lastHeard() time.Time {
	d := c.heardAt.Load()
	if d == 0 {
		return time.Time{}
	}
	return c.epoch.Add(time.Duration(d))
}

// newProber is the probe's own HTTP client: the network transport without
// the admin cookie jar (a jar of its own keeps one anonymous session on
// the server instead of a new one per probe), no redirects followed (a
// redirect is an answer).
func newProber(inner http.RoundTripper) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Transport: inner, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
