//go:build unix

package app

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/visual4/1crm-update/steps/journal"
)

// startMainChild runs Main(args) in a child process with a stdin pipe the
// test holds open (an SSH session that is still there, silent), and
// returns it once its stdout shows ready.
func startMainChild(t *testing.T, ready string, env []string, args ...string) (*exec.Cmd, io.WriteCloser, *strings.Builder) {
	t.Helper()
	raw, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), envMainChild+"="+string(raw)), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb strings.Builder
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	seen := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		once := false
		for sc.Scan() {
			if !once && strings.Contains(sc.Text(), ready) {
				once = true
				close(seen)
			}
		}
	}()
	select {
	case <-seen:
	case <-time.After(30 * time.Second):
		t.Fatalf("child never showed %q; stderr: %s", ready, errb.String())
	}
	return cmd, stdin, &errb
}

// exitsSoon waits for the child after a signal; it must end by itself,
// not hang on a read, a request or the lock.
func exitsSoon(t *testing.T, cmd *exec.Cmd, sig syscall.Signal) {
	t.Helper()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("still running 10 s after %v", sig)
	}
}

// lockFree proves no process holds the state directory any more.
func lockFree(t *testing.T, dir string) {
	t.Helper()
	s, err := journal.OpenStore(dir)
	if err != nil {
		t.Fatalf("the lock is still held: %v", err)
	}
	s.Close()
}

// Issue 8 item 6: every wait ends on SIGHUP (an SSH drop), SIGTERM and
// Ctrl-C (SIGINT), and then no process holds the lock: a question waiting
// for input, and a request to a server that accepts and never answers.
func TestSignalsEndEveryWait(t *testing.T) {
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close() // accepted, never answered
		}
	}()
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT} {
		t.Run("question/"+sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd, stdin, _ := startMainChild(t, "Where does this instance run?", []string{"ONECRM_UPDATE_NOW=2026-11-24T09:00:00+01:00"},
				"--demo", "--accessible", "--lang", "en", "--state-dir", dir, "--test-scenario", "none")
			defer stdin.Close()
			exitsSoon(t, cmd, sig)
			lockFree(t, filepath.Join(dir, "demo"))
		})
		t.Run("request/"+sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd, stdin, _ := startMainChild(t, "Checking the connection", []string{"ONECRM_PASSWORD=pw"},
				"--accessible", "--lang", "en", "--state-dir", dir, "--user", "admin", "--url", "http://"+silent.Addr().String())
			defer stdin.Close()
			time.Sleep(200 * time.Millisecond) // the request is on its way
			exitsSoon(t, cmd, sig)
			lockFree(t, dir)
		})
	}
}
