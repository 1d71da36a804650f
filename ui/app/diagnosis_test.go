package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/visual4/1crm-update/steps/journal"
)

// Issue 8 item 8: a state directory that cannot be written is reported
// as not writable (not "free some space", no Go error chain), exit 1.
func TestStateDirNotWritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plain-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(file, "state") // below a file: ENOTDIR
	env := map[string]string{"ONECRM_PASSWORD": "pw"}
	code, _, errb := runMain(t, "", env, "--accessible", "--lang", "en", "--url", "https://crm.example.com",
		"--user", "admin", "--state-dir", dir)
	if code != ExitFailed || !strings.Contains(errb, "not writable") || !strings.Contains(errb, "--state-dir") ||
		strings.Contains(errb, "free some space") || strings.Contains(errb, "mkdir") {
		t.Fatalf("code %d, stderr %q", code, errb)
	}
}

// Issue 8 item 8: the disk fills up when the backup is about to start.
// The screen says the disk is full and where, that nothing was changed on
// the server — not "server cannot be reached", not "1CRM finishes the
// backup" (no backup was started).
func TestE2EDiskFullAtBackup(t *testing.T) {
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-24T09:00:00+01:00"}
	state := t.TempDir()
	s := demoSession(t, state, "en", "none", env)
	d := startTUI(t, s)
	d.step("Where does this instance run?", "enter")
	d.step("Next: Update package", "enter")
	d.step("Download update", "1")
	d.step("The package fits this instance.", "enter")
	d.step("Path B: backup, then live", "b")
	d.step("Enough time to test today.", "enter")
	d.wait("Make the backup now")
	restore := journal.SetWriteFault(func(path string) error {
		if strings.HasPrefix(path, state) {
			return &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
		}
		return nil
	})
	defer restore()
	d.key("s")
	var seen []byte
	teatest.WaitFor(t, d.tm.Output(), func(b []byte) bool {
		seen = append(seen, b...)
		return bytes.Contains(seen, []byte("Nothing was changed on the server"))
	}, teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	out := string(seen)
	for _, want := range []string{"the disk is full", "free some space"} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q:\n%s", want, out)
		}
	}
	for _, wrong := range []string{"cannot be reached", "finishes the backup"} {
		if strings.Contains(out, wrong) {
			t.Errorf("screen says %q:\n%s", wrong, out)
		}
	}
	if c := s.Wizard.Snapshot().Backups; len(c) != 0 {
		t.Errorf("a backup was recorded: %+v", c)
	}
}
