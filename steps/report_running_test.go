package steps

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/steps/journal"
)

// Issue 8 item 10: `report` on a run another wizard is still working on
// says so; once that wizard is gone, the run "ended before its end".
func TestReport_W9_runningRunSaysRunning(t *testing.T) {
	srv := startSim(t, crashScenario(t, "", ""), tuesday9)
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"=1", envDir+"="+dir, envLiveURL+"="+srv.URL,
		envCrashAt+"=before:backup:live", envHold+"=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for srv.Server.Counters().Logins == 0 || !locked(dir) {
		if time.Now().After(deadline) {
			t.Fatal("the child never got going")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // at the hold point by now
	rep, err := LatestReport(dir, "")
	must(t, err)
	if !strings.Contains(rep, "still in progress") || strings.Contains(rep, "ended before its end") {
		t.Fatalf("report of a running run:\n%s", firstLines(rep, 6))
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	rep, err = LatestReport(dir, "")
	must(t, err)
	if !strings.Contains(rep, "ended before its end") {
		t.Fatalf("report after the wizard died:\n%s", firstLines(rep, 6))
	}
}

func locked(dir string) bool {
	s, err := journal.OpenStore(dir)
	if err != nil {
		return true
	}
	s.Close()
	return false
}

func firstLines(s string, n int) string {
	l := strings.Split(s, "\n")
	if len(l) > n {
		l = l[:n]
	}
	return strings.Join(l, "\n")
}
