package crmclient

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// Issue 8 item 7: the liveness probe while the backup request is
// outstanding. It asks /api.php/version only, never with the admin
// session or a credential (PHP would queue it behind the backup on the
// session lock; the password never travels twice), tells "no answer at
// all" from an answer, and stops with the action.
func TestProbeWithoutSessionAndStopsWithTheAction(t *testing.T) {
	f := newFake(t)
	release := make(chan struct{})
	f.onBackup = func(f *fake, w http.ResponseWriter, r *http.Request) {
		select { // the backup takes its time
		case <-release:
		case <-r.Context().Done():
		}
	}
	var mu sync.Mutex
	var probes []string
	status := http.StatusBadGateway // a proxy in front of a 1CRM that does not answer
	f.api["/version"] = func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		probes = append(probes, r.Method+" cookie="+r.Header.Get("Cookie")+" auth="+r.Header.Get("Authorization"))
		st := status
		mu.Unlock()
		writeJSON(w, st, map[string]any{"version": "8.7.6"})
	}
	c := f.client(t, func(c *Config) { c.ProbeInterval = 15 * time.Millisecond; c.StallAfter = 60 * time.Millisecond })
	var stalls stallLog
	ctx, cancel := context.WithCancel(WithStallReport(ctxT(t), stalls.add))
	defer cancel()
	done := make(chan error, 1)
	go func() { _, err := c.RunBackup(ctx, nil); done <- err }()

	waitUntil(t, "a stall without answer", func() bool { return hasStall(stalls.all(), func(s Stall) bool { return !s.Alive && !s.Ended }) })
	mu.Lock()
	status = http.StatusForbidden // a Startup edition's answer is an answer
	mu.Unlock()
	waitUntil(t, "the end of the stall", func() bool { l := stalls.all(); return l[len(l)-1].Ended })

	cancel() // pause
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("paused backup: %v", err)
	}
	mu.Lock()
	n := len(probes)
	seen := append([]string(nil), probes...)
	mu.Unlock()
	if n == 0 {
		t.Fatal("no probe while the backup ran")
	}
	for _, p := range seen {
		if p != "GET cookie= auth=" {
			t.Fatalf("probe %q carries the session or a credential", p)
		}
	}
	for _, s := range stalls.all() {
		if s.Wait != WaitBackup || s.Limited || (!s.Ended && s.CheckURL != f.base()+"/index.php?module=Configurator&action=EditView&layout=Backup") {
			t.Fatalf("stall %+v", s)
		}
	}
	time.Sleep(100 * time.Millisecond) // several probe intervals
	mu.Lock()
	defer mu.Unlock()
	if len(probes) != n {
		t.Fatalf("the probe went on after the action ended: %d → %d", n, len(probes))
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.apiRequests {
		if r != "GET /version" {
			t.Fatalf("the probe asked %q", r)
		}
	}
	close(release)
}

// A chain that stops advancing: upgrade.php answers "please wait" with a
// refresh to itself, forever. 1CRM answers every time (Alive), yet the
// install ends at the stall limit instead of waiting an hour.
func TestInstallChainNotAdvancingEndsAtTheLimit(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.loopAt = 2
	c := f.client(t, func(c *Config) {
		c.InstallStallLimit = 300 * time.Millisecond
		c.InstallBusyAfter = 50 * time.Millisecond
		c.ProbeInterval = 20 * time.Millisecond
		c.InstallMaxWait = time.Hour
	})
	var stalls stallLog
	err := c.Install(WithStallReport(ctxT(t), stalls.add), csSource, csTarget, nil)
	var se *StallError
	if !errors.Is(err, ErrInstallStalled) || !errors.As(err, &se) || !se.Alive || !strings.HasPrefix(se.Step, "Step 1") {
		t.Fatalf("err = %v (%+v)", err, se)
	}
	if !hasStall(stalls.all(), func(s Stall) bool { return s.Alive && s.Wait == WaitInstallStep && s.Limited }) {
		t.Fatalf("no busy notice: %+v", stalls.all())
	}
}

// A proxy's 502/503/504 is no answer from 1CRM: while the backend behind
// it is down, the history watch after a dropped backup request says "no
// answer" (not "1CRM answers"); when 1CRM answers again, the notice turns
// back into the watch of the history.
func TestGatewayErrorIsNoAnswer(t *testing.T) {
	f := newFake(t)
	gw := &gateway{next: f.srv.Client().Transport}
	f.onBackup = func(f *fake, w http.ResponseWriter, r *http.Request) {
		gw.set(true) // the backend goes away with the backup request
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
	}
	c := f.client(t, func(c *Config) {
		c.HTTPClient = &http.Client{Transport: gw}
		c.ProbeInterval, c.StallAfter, c.BackupMaxWait = 15*time.Millisecond, 80*time.Millisecond, 10*time.Second
	})
	var stalls stallLog
	ctx, cancel := context.WithCancel(WithStallReport(ctxT(t), stalls.add))
	defer cancel()
	done := make(chan error, 1)
	go func() { _, err := c.RunBackup(ctx, nil); done <- err }()
	waitUntil(t, "a stall without answer", func() bool {
		return hasStall(stalls.all(), func(s Stall) bool { return !s.Alive && s.Wait == WaitBackupHistory })
	})
	first := len(stalls.all()) - 1
	time.Sleep(100 * time.Millisecond) // probes and polls meet 502s meanwhile
	l := stalls.all()
	if hasStall(l[first:], func(s Stall) bool { return s.Alive }) {
		t.Fatalf("a 502 counted as 1CRM's answer: %+v", l[first:])
	}
	n := len(l)
	gw.set(false)
	waitUntil(t, "the history watch again", func() bool {
		l := stalls.all()
		return len(l) > n && l[len(l)-1].Alive && l[len(l)-1].Wait == WaitBackupHistory
	})
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

// gateway answers every GET with 502 while down (a proxy whose backend
// does not answer); POSTs pass.
type gateway struct {
	next http.RoundTripper
	mu   sync.Mutex
	down bool
}

func (g *gateway) set(down bool) { g.mu.Lock(); g.down = down; g.mu.Unlock() }

func (g *gateway) RoundTrip(r *http.Request) (*http.Response, error) {
	g.mu.Lock()
	down := g.down
	g.mu.Unlock()
	if down && r.Method == http.MethodGet {
		return &http.Response{StatusCode: http.StatusBadGateway, Status: "502 Bad Gateway", Header: http.Header{},
			Body: io.NopCloser(strings.NewReader("Bad Gateway")), Request: r}, nil
	}
	return g.next.RoundTrip(r)
}

func hasStall(l []Stall, ok func(Stall) bool) bool {
	for _, s := range l {
		if ok(s) {
			return true
		}
	}
	return false
}

// waitUntil polls cond (the outcome is asserted, not the time it takes;
// the bound only keeps a broken test from hanging).
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("no %s", what)
}
