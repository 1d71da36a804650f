package crmclient_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
)

// Issue 8 item 7 against the simulator: a server that stops answering in
// the middle of a backup, one that loses the install, one whose step never
// answers. The limits are configured short; the tests assert the order of
// stall reports and errors, not how long anything took.

const heldFor = 7 * time.Minute // a sim duration the test releases by hand

// startHeld is startSim whose waits of heldFor last until the returned
// release is called (at the latest when the test ends).
func startHeld(t *testing.T, name string, mod func(*sim.Scenario)) (*rig, func()) {
	t.Helper()
	ch := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(ch) }) }
	sc, ok := sim.Builtin(name)
	if !ok {
		t.Fatalf("no scenario %q", name)
	}
	if mod != nil {
		mod(sc)
	}
	clock := &simClock{t: time.Date(2025, 6, 20, 9, 0, 0, 0, time.UTC)}
	run, err := sim.Start(sc, sim.Options{BasePath: "/1crm", Now: clock.Now, TempDir: t.TempDir(),
		Sleep: func(d time.Duration) {
			if d == heldFor {
				<-ch
				return
			}
			time.Sleep(d / 50)
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	t.Cleanup(release) // runs first: nothing stays held when the server closes
	return &rig{run: run, clock: clock, cfg: crmclient.Config{
		BaseURL: run.URL, User: sim.DemoUser, Password: sim.DemoPassword,
		ClientID: sim.DemoClientID, ClientSecret: sim.DemoClientSecret, Now: clock.Now,
		Timeout: 10 * time.Second, InstallPollInterval: 20 * time.Millisecond, InstallMaxWait: time.Hour,
		BackupPollInterval: 20 * time.Millisecond, BackupTick: 20 * time.Millisecond,
		ProbeInterval: 20 * time.Millisecond, StallAfter: 100 * time.Millisecond,
		InstallBusyAfter: time.Hour, InstallStallLimit: time.Hour,
	}}, release
}

// stalls records stall reports in order.
type stalls struct {
	mu sync.Mutex
	l  []crmclient.Stall
}

func (s *stalls) add(v crmclient.Stall) { s.mu.Lock(); s.l = append(s.l, v); s.mu.Unlock() }
func (s *stalls) all() []crmclient.Stall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]crmclient.Stall(nil), s.l...)
}

// await polls cond; the bound only keeps a broken test from hanging.
func await(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("no %s", what)
}

func silentStall(l []crmclient.Stall) bool {
	for _, s := range l {
		if !s.Ended && !s.Alive {
			return true
		}
	}
	return false
}

// The server stops answering once the backup started: the stall is
// reported (no answer, the Backup page to look at, no limit — the admin
// decides), and pausing ends the call at once. The backup is asked for
// exactly once.
func TestSimBackupServerStopsAnswering_pause(t *testing.T) {
	r, _ := startHeld(t, "backup-silent", func(sc *sim.Scenario) { sc.Faults.SilentFor = sim.Duration(heldFor) })
	c := r.client(t, nil)
	var st stalls
	ctx, cancel := context.WithCancel(crmclient.WithStallReport(tctx(t), st.add))
	defer cancel()
	var elapsed []time.Duration
	var mu sync.Mutex
	done := make(chan error, 1)
	go func() {
		_, err := c.RunBackup(ctx, func(d time.Duration) { mu.Lock(); elapsed = append(elapsed, d); mu.Unlock() })
		done <- err
	}()
	await(t, "stall report", func() bool { return silentStall(st.all()) })
	for _, s := range st.all() {
		if s.Ended || s.Alive || s.Wait != crmclient.WaitBackup || s.Limited || s.Since < 100*time.Millisecond ||
			s.CheckURL != r.run.URL+"/index.php?module=Configurator&action=EditView&layout=Backup" {
			t.Fatalf("stall %+v", s)
		}
	}
	cancel() // "pause"
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("paused: %v", err)
	}
	if l := st.all(); !l[len(l)-1].Ended {
		t.Fatalf("the notice was not taken down: %+v", l[len(l)-1])
	}
	mu.Lock()
	ticks := len(elapsed)
	mu.Unlock()
	if ticks == 0 {
		t.Fatal("no elapsed time while the server was silent")
	}
	if n := r.run.Server.Counters().BackupsStarted; n != 1 {
		t.Fatalf("%d backups started", n)
	}
}

// The same, but 1CRM answers again: the stall ends (Ended), and the
// backup's answer brings the new entry.
func TestSimBackupServerStopsAnswering_answersComeBack(t *testing.T) {
	r, release := startHeld(t, "backup-silent", func(sc *sim.Scenario) { sc.Faults.SilentFor = sim.Duration(heldFor) })
	c := r.client(t, nil)
	var st stalls
	type result struct {
		e   *crmclient.BackupEntry
		err error
	}
	done := make(chan result, 1)
	go func() {
		e, err := c.RunBackup(crmclient.WithStallReport(tctx(t), st.add), nil)
		done <- result{e, err}
	}()
	await(t, "stall report", func() bool { return silentStall(st.all()) })
	release()
	res := <-done
	if res.err != nil || res.e == nil {
		t.Fatalf("backup after the silence: %+v %v", res.e, res.err)
	}
	l := st.all()
	if !l[len(l)-1].Ended {
		t.Fatalf("last report %+v: want the end of the stall", l[len(l)-1])
	}
	for _, s := range l[:len(l)-1] {
		if s.Ended || s.Alive {
			t.Fatalf("report %+v before the end", s)
		}
	}
	if n := r.run.Server.Counters().BackupsStarted; n != 1 {
		t.Fatalf("%d backups started", n)
	}
}

// installExNew uploads and prepares an extension and returns its source.
func prepareExtension(t *testing.T, c *crmclient.Client) (string, crmclient.InstallTarget) {
	t.Helper()
	ctx := tctx(t)
	path := writeZip(t, "exRoutePlanner-1.0.0.zip", extension("1.0.0"))
	if err := c.Upload(ctx, path, nil); err != nil {
		t.Fatal(err)
	}
	list, err := c.Packages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	up := crmclient.FindUploaded(list, "Route Planner", "module", "1.0.0")
	if up == nil {
		t.Fatalf("not uploaded: %+v", list.Uploaded)
	}
	res, err := c.Prepare(ctx, up.Source, nil)
	if err == nil && !res.CanProceed {
		res, err = c.Prepare(ctx, up.Source, res.Warnings())
	}
	if err != nil || !res.CanProceed {
		t.Fatalf("prepare %+v %v", res, err)
	}
	return up.Source, crmclient.InstallTarget{Name: "Route Planner", Type: "module", Version: "1.0.0"}
}

// The server restarts before the first step: no install in progress, the
// package not installed. Install says so at once (ErrInstallLost) instead
// of polling for InstallMaxWait (an hour here).
func TestSimInstallLost_failsFast(t *testing.T) {
	r, _ := startHeld(t, "install-lost", nil)
	c := r.client(t, nil)
	source, target := prepareExtension(t, c)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := c.Install(ctx, source, target, nil)
	if !errors.Is(err, crmclient.ErrInstallLost) {
		t.Fatalf("err = %v", err)
	}
	if n := r.run.Server.Counters().InstallsStarted; n != 1 {
		t.Fatalf("%d installs started", n)
	}
}

// A resumed install the server lost: the client died right after it
// learned the upgrade.php address (journaled), 1CRM restarted meanwhile.
// ResumeInstall fails fast with ErrInstallLost and posts nothing.
func TestSimResumeInstallLost_failsFast(t *testing.T) {
	r, _ := startHeld(t, "install-lost", nil)
	c := r.client(t, nil)
	source, target := prepareExtension(t, c)
	ctx, cancel := context.WithCancel(tctx(t))
	var saved string
	err := c.Install(ctx, source, target, func(p crmclient.InstallProgress) {
		if p.URL != "" && saved == "" {
			saved = p.URL
			cancel() // the process dies here
		}
	})
	if !errors.Is(err, context.Canceled) || saved == "" || !r.run.Server.InProgress() {
		t.Fatalf("crash: %v, url %q, in progress %v", err, saved, r.run.Server.InProgress())
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel2()
	err = r.client(t, nil).ResumeInstall(ctx2, saved, target, nil)
	if !errors.Is(err, crmclient.ErrInstallLost) {
		t.Fatalf("resume: %v", err)
	}
	if n := r.run.Server.Counters().InstallsStarted; n != 1 {
		t.Fatalf("%d installs started", n)
	}
}

// A step that never answers while 1CRM answers everything else: the
// admin is told 1CRM is busy (Alive, with the limit), the install ends at
// the limit with ErrInstallStalled — and once the step went through on
// the server, ResumeInstall from the journaled address finishes it
// without a second perform=install.
func TestSimInstallStepHangs_limitThenResume(t *testing.T) {
	r, release := startHeld(t, "install-hangs", func(sc *sim.Scenario) {
		sc.Faults.InstallHangStep, sc.Faults.InstallHangFor = 2, sim.Duration(heldFor)
	})
	c := r.client(t, func(cfg *crmclient.Config) {
		cfg.InstallBusyAfter, cfg.InstallStallLimit, cfg.StallAfter = 100*time.Millisecond, 400*time.Millisecond, time.Hour
	})
	source, target := prepareExtension(t, c)
	var st stalls
	var url string
	err := c.Install(crmclient.WithStallReport(tctx(t), st.add), source, target, func(p crmclient.InstallProgress) {
		if p.URL != "" {
			url = p.URL
		}
	})
	var se *crmclient.StallError
	if !errors.Is(err, crmclient.ErrInstallStalled) || !errors.As(err, &se) || !se.Alive || se.CheckURL != r.run.URL+"/upgrade.php" {
		t.Fatalf("err = %v", err)
	}
	l := st.all()
	if len(l) < 2 || !l[len(l)-1].Ended {
		t.Fatalf("reports %+v", l)
	}
	for _, s := range l[:len(l)-1] {
		if !s.Alive || s.Wait != crmclient.WaitInstallStep || !s.Limited || s.Left >= 400*time.Millisecond ||
			!strings.HasSuffix(s.CheckURL, "/index.php?module=UWizard&action=index") {
			t.Fatalf("report %+v", s)
		}
	}
	if !r.run.Server.InProgress() {
		t.Fatal("the install should still be in progress on the server")
	}
	release()
	if err := r.client(t, nil).ResumeInstall(tctx(t), url, target, nil); err != nil {
		t.Fatalf("resume: %v", err)
	}
	cn := r.run.Server.Counters()
	if cn.InstallsStarted != 1 || cn.InstallsFinished != 1 || r.run.Server.InProgress() {
		t.Fatalf("counters %+v, in progress %v", cn, r.run.Server.InProgress())
	}
}
