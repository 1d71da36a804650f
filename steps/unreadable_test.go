package steps

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/visual4/1crm-update/steps/journal"
)

// unreadableCases damage the journal of an unfinished run the way disks,
// editors and other versions do (issue 8 item 4).
var unreadableCases = []struct {
	name   string
	damage func(t *testing.T, path string)
	says   string // a word of the reason, English run
}{
	{"corrupt", func(t *testing.T, p string) { writeJournal(t, p, []byte("{this is not json")) }, "damaged"},
	{"truncated", func(t *testing.T, p string) {
		data, err := os.ReadFile(p)
		must(t, err)
		writeJournal(t, p, data[:len(data)/2])
	}, "damaged"},
	{"empty", func(t *testing.T, p string) { writeJournal(t, p, nil) }, "damaged"},
	{"newer schema", func(t *testing.T, p string) {
		writeJournal(t, p, []byte(`{"schema_version": 99, "id": "x", "facts": {}, "entries": []}`))
	}, "newer"},
	{"mode 000", func(t *testing.T, p string) {
		must(t, os.Chmod(p, 0))
		if os.Geteuid() == 0 {
			// root reads a 0000 file anyway: make the read fail as it
			// would for the admin's own account.
			restore := journal.SetReadFault(func(path string) error {
				if path == p {
					return &os.PathError{Op: "open", Path: p, Err: syscall.EACCES}
				}
				return nil
			})
			t.Cleanup(restore)
		}
	}, "permission"},
	{"a directory", func(t *testing.T, p string) {
		must(t, os.Remove(p))
		must(t, os.Mkdir(p, 0o700))
	}, "not a regular file"},
}

func writeJournal(t *testing.T, path string, data []byte) {
	t.Helper()
	must(t, os.WriteFile(path, data, 0o600))
}

// unfinishedRun leaves one unfinished run in dir and returns its journal path.
func unfinishedRun(t *testing.T, dir string) string {
	t.Helper()
	w, err := Open(Config{StateDir: dir, Lang: "en", Now: tuesday9, LiveURL: "https://crm.example.com"})
	must(t, err)
	must(t, w.StartNew())
	p := filepath.Join(dir, "runs", w.RunID(), "journal.json")
	must(t, w.Close())
	return p
}

func runFolders(t *testing.T, dir string) int {
	t.Helper()
	es, err := os.ReadDir(filepath.Join(dir, "runs"))
	must(t, err)
	return len(es)
}

// W8: an unreadable journal is never skipped: the wizard refuses to start,
// names the file and says what to do; no second run is started over it.
func TestOpen_W8_unreadableJournalRefused(t *testing.T) {
	for _, tc := range unreadableCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := unfinishedRun(t, dir)
			tc.damage(t, path)
			w, err := Open(Config{StateDir: dir, Lang: "en", Now: tuesday9, LiveURL: "https://crm.example.com"})
			if err == nil {
				sum := w.Unfinished()
				_ = w.StartNew()
				w.Close()
				t.Fatalf("opened over an unreadable journal (unfinished: %v); runs now: %d", sum != nil, runFolders(t, dir))
			}
			var ae *ActionError
			if !errors.As(err, &ae) {
				t.Fatalf("not worded for the admin: %T %v", err, err)
			}
			if !strings.Contains(ae.Text, path) || !strings.Contains(ae.Text, tc.says) || !strings.Contains(ae.Text, "--state-dir") {
				t.Errorf("the refusal does not name the file, the reason (%q) and what to do:\n%s", tc.says, ae.Text)
			}
			if n := runFolders(t, dir); n != 1 {
				t.Errorf("%d run folders: a run was started over the unreadable journal", n)
			}
			// The lock is released: a second try says the same, not "locked".
			if _, err := Open(Config{StateDir: dir, Lang: "de"}); !errors.As(err, &ae) || !strings.Contains(ae.Text, "--state-dir") {
				t.Errorf("second open: %v", err)
			}
			// report likewise.
			if _, err := LatestReport(dir, ""); err == nil || !strings.Contains(err.Error(), path) {
				t.Errorf("report over an unreadable journal: %v", err)
			}
		})
	}
}
