package steps

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/journal"
)

// Issue 8 item 7, the long waits, through the wizard: a server that stops
// answering mid-backup shows a worded notice and stays pausable (and the
// resumed run makes no second backup); a stalled install step ends at its
// limit with words that say what to do, stays journaled and is continued,
// never started again; a lost install fails fast. Limits are configured
// short; the tests assert what is reported and recorded, not timings.

const heldFor = 7 * time.Minute // a sim duration the test releases by hand

// startHeldSim is startSim whose waits of heldFor last until release.
func startHeldSim(t *testing.T, sc *sim.Scenario, now func() time.Time) (*sim.Running, func()) {
	t.Helper()
	ch := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(ch) }) }
	r, err := sim.Start(sc, sim.Options{Now: now, TempDir: t.TempDir(), Sleep: func(d time.Duration) {
		if d == heldFor {
			<-ch
			return
		}
		time.Sleep(d)
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	t.Cleanup(release)
	return r, release
}

// watchedClient is newClient with the long waits shortened.
func watchedClient(t *testing.T, url string, now func() time.Time, mod func(*crmclient.Config)) *crmclient.Client {
	t.Helper()
	cfg := crmclient.Config{BaseURL: url, User: sim.DemoUser, Password: sim.DemoPassword,
		ClientID: sim.DemoClientID, ClientSecret: sim.DemoClientSecret, Timeout: 10 * time.Second, Now: now,
		InstallPollInterval: 30 * time.Millisecond, InstallMaxWait: time.Hour, BackupPollInterval: 30 * time.Millisecond,
		BackupTick: 20 * time.Millisecond, ProbeInterval: 20 * time.Millisecond, StallAfter: 100 * time.Millisecond,
		InstallBusyAfter: time.Hour, InstallStallLimit: time.Hour}
	if mod != nil {
		mod(&cfg)
	}
	c, err := crmclient.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type stallRec struct {
	mu sync.Mutex
	l  []Stall
}

func (r *stallRec) add(s Stall) { r.mu.Lock(); r.l = append(r.l, s); r.mu.Unlock() }
func (r *stallRec) all() []Stall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Stall(nil), r.l...)
}

func (r *stallRec) await(t *testing.T, ok func(Stall) bool) Stall {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		for _, s := range r.all() {
			if ok(s) {
				return s
			}
		}
	}
	t.Fatalf("no such stall report in %+v", r.all())
	return Stall{}
}

func journalEvents(t *testing.T, w *Wizard, name string) int {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, e := range w.j.Entries() {
		if e.Action == name && e.Kind == journal.KindEvent {
			n++
		}
	}
	return n
}

// The server stops answering once the backup started: the notice comes,
// worded in German, with the Backup page to check and no limit; pausing
// ends the action, the backup stays journaled as started, and the resumed
// run finds the backup instead of making a second one.
func TestBackup_serverStopsAnswering_noticeThenPause(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	sc := fastScenario(t, "backup-silent")
	sc.Faults.SilentFor = sim.Duration(heldFor)
	live, release := startHeldSim(t, sc, clk.Now)
	dir := t.TempDir()
	w := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = live.URL })
	must(t, w.StartNew())
	w.Attach(watchedClient(t, live.URL, clk.Now, nil), nil)
	driveTo(t, context.Background(), w, plan{path: PathB}, StepBackup)

	var rec stallRec
	ctx, cancel := context.WithCancel(WithStallReport(context.Background(), rec.add))
	defer cancel()
	done := make(chan error, 1)
	go func() { _, err := w.Backup(ctx, nil, nil); done <- err }()
	s := rec.await(t, func(s Stall) bool { return !s.Ended && !s.Alive })
	if s.Stage != StageLive || s.Wait != WaitBackup || s.Limited ||
		!strings.HasPrefix(s.Title, "Keine Antwort von 1CRM seit ") || !strings.Contains(s.Text, "Pausieren") ||
		s.CheckURL != live.URL+"/index.php?module=Configurator&action=EditView&layout=Backup" {
		t.Fatalf("notice %+v", s)
	}
	cancel() // the admin chose "pause"
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("pause: %v", err)
	}
	if _, ok := w.pendingEntry(actBackup(StageLive)); !ok {
		t.Fatal("the paused backup is not journaled as started")
	}
	if journalEvents(t, w, "wait_stalled") == 0 {
		t.Fatal("the stall is not in the journal")
	}
	must(t, w.Close())

	release() // 1CRM answers again; the backup it kept writing is there
	w2 := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = live.URL })
	if w2.Unfinished() == nil {
		t.Fatal("not resumable after the pause")
	}
	must(t, w2.Resume())
	w2.Attach(watchedClient(t, live.URL, clk.Now, nil), nil)
	if err := drive(context.Background(), w2, plan{path: PathB}); err != nil {
		t.Fatalf("resume: %v", err)
	}
	if c := live.Server.Counters(); c.BackupsStarted != 1 || c.InstallsStarted != 1 || c.InstallsFinished != 1 {
		t.Fatalf("server changes not exactly once: %+v", c)
	}
}

// An install step that never answers while 1CRM does: the notice says 1CRM
// is busy and when the wizard stops waiting; at the limit the install ends
// with words naming upgrade.php, the lock-out and that Retry continues; the
// Begin stays pending; Retry continues it once the step went through — one
// perform=install in all.
func TestInstall_stepHangs_limitThenContinue(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	sc := fastScenario(t, "install-hangs")
	sc.Faults.InstallHangStep, sc.Faults.InstallHangFor = 2, sim.Duration(heldFor)
	live, release := startHeldSim(t, sc, clk.Now)
	w := openWizard(t, t.TempDir(), clk.Now, func(c *Config) { c.LiveURL = live.URL })
	must(t, w.StartNew())
	w.Attach(watchedClient(t, live.URL, clk.Now, func(c *crmclient.Config) {
		c.InstallBusyAfter, c.InstallStallLimit, c.StallAfter = 100*time.Millisecond, 500*time.Millisecond, time.Hour
	}), nil)
	driveToInstallPhase(t, w)

	var rec stallRec
	err := w.Install(WithStallReport(context.Background(), rec.add), nil)
	var ae *ActionError
	if !errors.As(err, &ae) || !errors.Is(err, crmclient.ErrInstallStalled) || !ae.Specific {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{live.URL + "/upgrade.php", "users cannot sign in", "“Retry” continues", "1CRM answers"} {
		if !strings.Contains(ae.Text, want) {
			t.Errorf("%q not in %q", want, ae.Text)
		}
	}
	s := rec.await(t, func(s Stall) bool { return !s.Ended })
	if !s.Alive || s.Wait != WaitInstallStep || !s.Limited || s.Left >= 500*time.Millisecond ||
		!strings.HasPrefix(s.Title, "1CRM answers, but the install step has been running for") ||
		!strings.Contains(s.Text, "stops waiting by itself in") || !strings.Contains(s.CheckURL, "module=UWizard") {
		t.Fatalf("notice %+v", s)
	}
	if l := rec.all(); !l[len(l)-1].Ended {
		t.Fatalf("the notice was not taken down: %+v", l[len(l)-1])
	}
	if _, ok := w.pendingEntry(actInstall(StageLive)); !ok {
		t.Fatal("a stalled install must stay journaled as started")
	}
	if w.Next() != StepInstall {
		t.Fatalf("next %s", w.Next())
	}

	release() // the step goes through on the server
	must(t, w.Install(context.Background(), nil))
	c := live.Server.Counters()
	if c.InstallsStarted != 1 || c.InstallsFinished != 1 || live.Server.InProgress() {
		t.Fatalf("counters %+v, in progress %v", c, live.Server.InProgress())
	}
	if w.Snapshot().Phase != PhaseInstalled {
		t.Fatalf("phase %s", w.Snapshot().Phase)
	}
}

// 1CRM lost the install (restarted before the first step): the wizard says
// so at once, in German, and does not wait an hour; the install is closed
// in the journal (nothing to continue), Retry may start it anew.
func TestInstall_lostFailsFast(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live, _ := startHeldSim(t, fastScenario(t, "install-lost"), clk.Now)
	w := openWizard(t, t.TempDir(), clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = live.URL })
	must(t, w.StartNew())
	w.Attach(watchedClient(t, live.URL, clk.Now, nil), nil)
	driveToInstallPhase(t, w)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second) // InstallMaxWait is an hour
	defer cancel()
	err := w.Install(ctx, nil)
	var ae *ActionError
	if !errors.As(err, &ae) || !errors.Is(err, crmclient.ErrInstallLost) || !ae.Specific ||
		!strings.Contains(ae.Text, "verloren gegangen") {
		t.Fatalf("err = %v", err)
	}
	if _, ok := w.pendingEntry(actInstall(StageLive)); ok {
		t.Fatal("a lost install has nothing to continue; it must not stay pending")
	}
	if c := live.Server.Counters(); c.InstallsStarted != 1 || live.Server.InProgress() {
		t.Fatalf("counters %+v", c)
	}
}

// dropBackupAnswer lets the backup request reach the server, then tells
// the client the connection dropped (a proxy that cuts long requests).
type dropBackupAnswer struct{ next http.RoundTripper }

func (d dropBackupAnswer) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodPost || req.Body == nil {
		return d.next.RoundTrip(req)
	}
	body, _ := io.ReadAll(req.Body)
	req.Body = io.NopCloser(bytes.NewReader(body))
	resp, err := d.next.RoundTrip(req)
	if err == nil && bytes.Contains(body, []byte("record_perform=runbackup")) {
		resp.Body.Close()
		return nil, io.ErrUnexpectedEOF
	}
	return resp, err
}

// The backup request drops and no backup appears in the history (1CRM's
// backup died with it): the notice says at once that the wizard watches
// the history, with its limit; at the limit the backup is "unconfirmed",
// worded with where to look, and stays journaled as started — the next
// attempt looks for it again before it makes a new one.
func TestBackup_droppedRequest_historyWatchBounded(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	sc := fastScenario(t, "demo")
	sc.Faults.BackupFails = "disk_full"
	live, _ := startHeldSim(t, sc, clk.Now)
	w := openWizard(t, t.TempDir(), clk.Now, func(c *Config) { c.LiveURL = live.URL })
	must(t, w.StartNew())
	w.Attach(watchedClient(t, live.URL, clk.Now, func(c *crmclient.Config) {
		c.HTTPClient = &http.Client{Transport: dropBackupAnswer{next: http.DefaultTransport}}
		c.BackupMaxWait = 300 * time.Millisecond
	}), nil)
	driveTo(t, context.Background(), w, plan{path: PathB}, StepBackup)
	var rec stallRec
	_, err := w.Backup(WithStallReport(context.Background(), rec.add), nil, nil)
	var ae *ActionError
	if !errors.As(err, &ae) || !errors.Is(err, crmclient.ErrBackupUnconfirmed) || !ae.Specific ||
		!strings.Contains(ae.Text, "layout=Backup") || !strings.Contains(ae.Text, "“Retry” first looks for it") {
		t.Fatalf("err = %v", err)
	}
	s := rec.await(t, func(s Stall) bool { return !s.Ended })
	if s.Wait != WaitBackupHistory || !s.Alive || !s.Limited || !strings.HasPrefix(s.Title, "The connection broke off during the backup") {
		t.Fatalf("notice %+v", s)
	}
	if _, ok := w.pendingEntry(actBackup(StageLive)); !ok {
		t.Fatal("an unconfirmed backup must stay journaled as started")
	}
	if c := live.Server.Counters(); c.BackupsStarted != 1 {
		t.Fatalf("counters %+v", c)
	}
}
