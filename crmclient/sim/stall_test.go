package sim

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The faults of the long waits (issue 8 item 7). Their durations are held
// by an injected Sleep, so the tests release them instead of timing them.

const heldFor = 7 * time.Minute // the duration the tests' Sleep holds until released

// holdingSleep returns Options.Sleep that blocks a wait of heldFor until
// release is closed and skips every other one.
func holdingSleep(release <-chan struct{}) func(*Options) {
	return func(o *Options) {
		o.Sleep = func(d time.Duration) {
			if d == heldFor {
				<-release
			}
		}
	}
}

// answersWithin reports whether GET path answers within d (no cookies).
func answersWithin(t *testing.T, r *Running, path string, d time.Duration) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.URL+"/"+path, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// SilentOn "backup": once the backup starts, nothing answers — not even
// /api.php/version — until the silence ends; then the held requests and
// the backup's own answer come, and the backup is there. A second backup
// runs normally (the fault fires once).
func TestSilentOnBackup(t *testing.T) {
	release := make(chan struct{})
	r, _ := startSim(t, scenario(t, "backup-silent", func(sc *Scenario) { sc.Faults.SilentFor = Duration(heldFor) }), holdingSleep(release))
	b := adminBrowser(t, r)
	form := runBackupForm(t, b)
	answer := make(chan string, 1)
	go func() {
		_, body := b.post("index.php", form)
		answer <- body
	}()
	waitFor(t, "the backup to start", func() bool { return r.Server.Counters().BackupsStarted == 1 })
	if answersWithin(t, r, "api.php/version", 150*time.Millisecond) {
		t.Fatal("the silent server answered /version")
	}
	select {
	case <-answer:
		t.Fatal("the backup answered during the silence")
	default:
	}
	close(release)
	if body := <-answer; !strings.Contains(body, "Backup Complete") {
		t.Fatalf("backup answer %q", body)
	}
	if !answersWithin(t, r, "api.php/version", 5*time.Second) || r.Server.Counters().BackupsMade != 1 {
		t.Fatal("not answering again, or no backup made")
	}
	if _, body := b.post("index.php", runBackupForm(t, b)); !strings.Contains(body, "Backup Complete") || r.Server.Counters().BackupsMade != 2 {
		t.Fatal("the second backup went silent too")
	}
}

// InstallHangStep: the step request is held while the rest of 1CRM
// answers (the probe, the list with its in-progress notice); once it is
// released the step runs and the chain goes on.
func TestInstallHangStep(t *testing.T) {
	release := make(chan struct{})
	r, _ := startSim(t, scenario(t, "install-hangs", func(sc *Scenario) { sc.Faults.InstallHangFor = Duration(heldFor) }), holdingSleep(release))
	b := adminBrowser(t, r)
	b.startInstall(t)
	if _, body := b.get("upgrade.php"); !strings.Contains(body, "Step 1: Commit changes") {
		t.Fatalf("step 1: %s", text(body))
	}
	step2 := make(chan string, 1)
	go func() {
		_, body := b.get("upgrade.php")
		step2 <- body
	}()
	time.Sleep(50 * time.Millisecond)
	select {
	case <-step2:
		t.Fatal("the hanging step answered")
	default:
	}
	if !answersWithin(t, r, "api.php/version", 5*time.Second) {
		t.Fatal("1CRM should answer other requests while the step hangs")
	}
	if _, list := adminBrowser(t, r).get(listPath); !strings.Contains(text(list), "in progress") {
		t.Fatalf("list without the in-progress notice: %s", text(list))
	}
	close(release)
	if body := <-step2; !strings.Contains(body, "Step 2: Final clean up") {
		t.Fatalf("step 2: %s", text(body))
	}
	if r.Server.InProgress() || r.Server.Counters().InstallsFinished != 1 {
		t.Fatal("the install did not finish after the hang")
	}
}

// InstallLostStep 1: the server restarted before the commit: no install
// in progress, nothing installed, the package still uploaded, and
// upgrade.php sends the browser back to the list.
func TestInstallLostStep(t *testing.T) {
	r, _ := startSim(t, scenario(t, "install-lost"))
	b := adminBrowser(t, r)
	b.startInstall(t)
	resp, _ := b.get("upgrade.php")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != listPath {
		t.Fatalf("upgrade.php: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if r.Server.InProgress() || r.Server.Counters().InstallsFinished != 0 || len(r.Server.Uploaded()) != 1 {
		t.Fatalf("in progress %v, finished %d, uploaded %v", r.Server.InProgress(), r.Server.Counters().InstallsFinished, r.Server.Uploaded())
	}
	for _, p := range r.Server.Installed() {
		if strings.HasPrefix(p, "Ext exNew") {
			t.Fatalf("installed after all: %v", r.Server.Installed())
		}
	}
}
