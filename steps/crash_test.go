package steps

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/journal"
)

// W8 crash tests: a child process (this test binary, re-executed) runs the
// procedure and is killed with SIGKILL before, during or after one
// server-changing action. The parent then resumes the run from the journal
// and finishes it; the simulator's counters show every server change was
// made exactly once.

const (
	envChild   = "STEPS_CRASH_CHILD"
	envDir     = "STEPS_CRASH_DIR"
	envLiveURL = "STEPS_CRASH_LIVE"
	envCrashAt = "STEPS_CRASH_AT"
	// Optional: a test system (path A) and a client without the REST API
	// client id (HTTP Basic only, which 1CRM has off by default).
	envTestURL  = "STEPS_CRASH_TEST"
	envNoClient = "STEPS_CRASH_NO_API_CLIENT"
	// envHold: at the crash point the child waits (a wizard still running)
	// until the parent kills it.
	envHold = "STEPS_CRASH_HOLD"
)

func TestMain(m *testing.M) {
	if os.Getenv(envChild) == "1" {
		os.Exit(crashChild())
	}
	os.Exit(m.Run())
}

// crashChild runs the wizard on path B and kills itself at STEPS_CRASH_AT.
func crashChild() int {
	at := os.Getenv(envCrashAt)
	hold := os.Getenv(envHold) == "1"
	crashHook = func(p string) {
		if p == at {
			if hold {
				time.Sleep(time.Hour) // a wizard still at work: the parent kills it
			}
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				_ = p.Kill() // SIGKILL on Unix; builds on Windows too
			}
			time.Sleep(time.Minute) // never returns: the signal is on its way
		}
	}
	now := tuesday9
	w, err := Open(Config{StateDir: os.Getenv(envDir), Lang: "en", Now: now, User: sim.DemoUser})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		return 1
	}
	defer w.Close()
	if w.Unfinished() != nil {
		err = w.Resume()
	} else {
		err = w.StartNew()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "start:", err)
		return 1
	}
	mk := clientFor
	if os.Getenv(envNoClient) == "1" {
		mk = clientWithoutAPIClient
	}
	c, err := mk(os.Getenv(envLiveURL), now)
	if err != nil {
		fmt.Fprintln(os.Stderr, "client:", err)
		return 1
	}
	p := plan{path: PathB}
	if tu := os.Getenv(envTestURL); tu != "" {
		tc, err := mk(tu, now)
		if err != nil {
			fmt.Fprintln(os.Stderr, "client:", err)
			return 1
		}
		w.Attach(c, tc)
		p.path = PathA
	} else {
		w.Attach(c, nil)
	}
	if err := drive(context.Background(), w, p); err != nil {
		fmt.Fprintln(os.Stderr, "drive:", err)
		return 1
	}
	return 0
}

func crashScenario(t testing.TB, dialect, flow string) *sim.Scenario {
	sc := fastScenario(t, "demo")
	sc.Dialect, sc.UpgradeFlow = dialect, flow
	// Long enough for "during" to land inside the action, short enough for
	// a quick test.
	sc.Timings.Backup = sim.Duration(400 * time.Millisecond)
	sc.Timings.InstallStep = sim.Duration(80 * time.Millisecond)
	sc.Updates[0].PaddingBytes = 4 << 20 // several upload/download progress ticks
	return sc
}

// runChild runs the child until it dies. parentKill, when set, is polled
// and kills the child with SIGKILL once it returns true.
func runChild(t *testing.T, dir, url, at string, parentKill func() bool, env ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"=1", envDir+"="+dir, envLiveURL+"="+url, envCrashAt+"="+at)
	cmd.Env = append(cmd.Env, env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if parentKill != nil {
		deadline := time.After(20 * time.Second)
	poll:
		for {
			select {
			case err := <-done:
				t.Fatalf("child ended before the parent could kill it: %v %s", err, stderr.String())
			case <-deadline:
				t.Fatal("kill condition never met")
			case <-time.After(5 * time.Millisecond):
				if parentKill() {
					_ = cmd.Process.Signal(syscall.SIGKILL)
					break poll
				}
			}
		}
	}
	var err error
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("child hangs")
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("child was not killed at %s (crash point never reached): err=%v stderr=%s", at, err, stderr.String())
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child did not die by SIGKILL at %s: %v stderr=%s", at, err, stderr.String())
	}
}

// crashExp is what the simulator's counters must show after a crash at
// one point, the resume and the end of the run.
type crashExp struct {
	backupsStarted, uploadsAccepted, installsFinished, maxDownloads int
	stuck                                                           bool
	// resumed: continued from the journaled upgrade.php address ("yes"),
	// or not ("no"); "any" where timing decides between a resume and a
	// plain reconcile (the kill may land after the last step).
	resumed string
}

func TestCrash_W8_everyServerChangeExactlyOnce(t *testing.T) {
	type exp = crashExp
	once := exp{1, 1, 1, 1, false, "no"}
	resumed := exp{1, 1, 1, 1, false, "yes"}
	// An install cut before the first upgrade.php address reached the
	// journal stays "in progress" on the server (spec §5.4, simulator
	// convention) and nothing tells where to continue: the wizard must not
	// post it again, it reports the stuck install to the partner instead.
	stuck := exp{1, 1, 0, 1, true, "no"}
	cases := []struct {
		at   string
		want exp
		// parentKill: the parent kills the child (kill -9 from outside)
		// when the simulator shows the action running.
		parentKill func(s *sim.Server) bool
	}{
		{at: "before:download", want: once},
		{at: "during:download", want: exp{1, 1, 1, 2, false, "no"}}, // a half download is fetched again; no server change
		{at: "after:download", want: once},
		{at: "before:backup:live", want: once},
		{at: "during:backup:live", want: once},
		{at: "after:backup:live", want: once},
		{at: "parent:backup:live", want: once, parentKill: func(s *sim.Server) bool { return s.Counters().BackupsStarted > 0 }},
		{at: "before:upload:live", want: once},
		{at: "during:upload:live", want: once},
		{at: "after:upload:live", want: once},
		{at: "before:prepare_confirm:live", want: once},
		{at: "after:prepare_confirm:live", want: once},
		{at: "before:install:live", want: once},
		// Cut after step 2 of the upgrade.php chain: the resume continues
		// from the journaled address, the install is posted once (W8).
		{at: "during:install:live", want: resumed},
		// Cut after the POST, before any address reached the journal.
		{at: "url:install:live", want: stuck},
		{at: "after:install:live", want: once},
		// kill -9 from outside while a commit step runs on the server (the
		// package row is written at step 3; step 4 is then running).
		{at: "parent:install:live", want: exp{1, 1, 1, 1, false, "any"}, parentKill: func(s *sim.Server) bool {
			return s.InProgress() && strings.Contains(strings.Join(s.Installed(), "|")+"|", " 8.7.7|")
		}},
	}
	// Both login dialects and both upgrade.php flows a client can drive:
	// 7x with the script chain for every point, 8x (login.php, JSON login,
	// CSRF header) with the "Next" form for the points on the server.
	type variant struct{ dialect, flow string }
	onServer := func(at string) bool { return !strings.Contains(at, "download") }
	for _, v := range []variant{{sim.Dialect7x, sim.FlowScript}, {sim.Dialect8x, sim.FlowForm}} {
		for _, tc := range cases {
			if v.dialect != sim.Dialect7x && !onServer(tc.at) {
				continue
			}
			crashCase(t, v.dialect, v.flow, tc.at, tc.want, tc.parentKill)
		}
	}
}

// crashCase kills a child at one point of a path-B run against one
// simulator variant, resumes, finishes and checks every counter.
func crashCase(t *testing.T, dialect, flow, at string, want crashExp, parentKill func(s *sim.Server) bool) {
	t.Run(dialect+"_"+flow+"_"+strings.ReplaceAll(at, ":", "_"), func(t *testing.T) {
		t.Parallel()
		srv := startSim(t, crashScenario(t, dialect, flow), tuesday9)
		dir := t.TempDir()
		var kill func() bool
		if parentKill != nil {
			kill = func() bool { return parentKill(srv.Server) }
		}
		runChild(t, dir, srv.URL, at, kill)

		// Resume in this process, as the admin would after reconnecting.
		w := openWizard(t, dir, tuesday9)
		sum := w.Unfinished()
		if sum == nil {
			t.Fatal("no unfinished run after the crash")
		}
		must(t, w.Resume())
		w.Attach(newClient(t, srv.URL, tuesday9), nil)
		err := drive(context.Background(), w, plan{path: PathB})
		if want.stuck {
			if !errors.Is(err, ErrInstallStuck) {
				t.Fatalf("resume: want a stuck install, got %v", err)
			}
			must(t, w.ReportProblem("install interrupted"))
			if m := w.ProblemMail(); !strings.Contains(m.Body, "stuck") {
				t.Errorf("problem mail does not say the install is stuck:\n%s", m.Body)
			}
			err = drive(context.Background(), w, plan{path: PathB})
		}
		if err != nil {
			t.Fatalf("resume: %v", err)
		}
		c := srv.Server.Counters()
		if c.InstallsStarted != 1 || c.InstallsUnprepared != 0 {
			t.Errorf("install posted %d times (%d without a finished prepare)", c.InstallsStarted, c.InstallsUnprepared)
		}
		if c.BackupsStarted != want.backupsStarted || c.BackupsMade != 1 {
			t.Errorf("backups started=%d made=%d", c.BackupsStarted, c.BackupsMade)
		}
		if c.UploadsAccepted != want.uploadsAccepted {
			t.Errorf("uploads accepted=%d", c.UploadsAccepted)
		}
		if c.InstallsFinished != want.installsFinished {
			t.Errorf("installs finished=%d (started %d)", c.InstallsFinished, c.InstallsStarted)
		}
		if c.Downloads < 1 || c.Downloads > want.maxDownloads {
			t.Errorf("downloads=%d", c.Downloads)
		}
		if !want.stuck && (srv.Server.Version() != "8.7.7" || srv.Server.InProgress()) {
			t.Errorf("server version %s in progress %v", srv.Server.Version(), srv.Server.InProgress())
		}
		if len(srv.Server.Backups()) != 3 {
			t.Errorf("backups on server: %v", srv.Server.Backups())
		}
		if !w.Snapshot().Finished {
			t.Error("run not finished")
		}
		continued := false
		for _, e := range w.j.Entries() {
			if e.Action == "install:live" && e.Kind == journal.KindEvent && e.Data["note"] == "continued after an interruption" {
				continued = strings.Contains(e.Data["url"], "upgrade.php")
			}
		}
		if want.resumed != "any" && continued != (want.resumed == "yes") {
			t.Errorf("install continued from the journaled address: %v, want %s", continued, want.resumed)
		}
		// R22, W8: the admin accepts the version warnings once; an
		// interrupted confirm round keeps that acceptance.
		accepted := 0
		for _, e := range w.j.Entries() {
			if e.Kind == journal.KindAnswer && e.Action == "warnings_accepted" {
				accepted++
			}
		}
		if accepted != 1 {
			t.Errorf("R22: warnings accepted %d times, want exactly once", accepted)
		}
		raw, err := os.ReadFile(filepath.Join(w.j.Dir(), "journal.json"))
		if err != nil || strings.Contains(strings.ToLower(string(raw)), "sessid") {
			t.Errorf("journal unreadable or holding a session id: %v", err)
		}
	})
}
