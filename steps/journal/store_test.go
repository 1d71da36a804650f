package journal

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/steps/clock"
)

func openTestStore(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatalf("OpenStore: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// spec/cli.md "Files": directories 0700, files 0600.
func TestModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no permission bits; %LocalAppData%'s ACL keeps the files private")
	}
	dir := filepath.Join(t.TempDir(), "state")
	s := openTestStore(t, dir)
	j, err := s.Create(map[string]string{"url": "https://crm.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if err := j.WriteFile("report.md", []byte("# report\n")); err != nil {
		t.Fatal(err)
	}
	_, c, err := NewLog(j.Dir())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	for path, want := range map[string]os.FileMode{
		dir:                                 0o700,
		filepath.Join(dir, "runs"):          0o700,
		j.Dir():                             0o700,
		filepath.Join(j.Dir(), journalFile): 0o600,
		filepath.Join(j.Dir(), "report.md"): 0o600,
		filepath.Join(j.Dir(), LogFile):     0o600,
		filepath.Join(dir, lockFile):        0o600,
		filepath.Join(dir, lockInfoFile):    0o600,
	} {
		if got := mode(t, path); got != want {
			t.Errorf("%s: mode %o, want %o", path, got, want)
		}
	}
	for _, bad := range []string{"../x", "journal.json", ".hidden", "a/b.md", ""} {
		if err := j.WriteFile(bad, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) accepted", bad)
		}
	}
}

// W8: a second wizard in the same process is refused with who holds it.
func TestLock_SameProcess(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir)
	j, err := s.Create(nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = OpenStore(dir)
	var le *LockedError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &le) {
		t.Fatalf("second OpenStore: %v", err)
	}
	host, _ := os.Hostname()
	if le.PID != os.Getpid() || le.Host != host || le.RunID != j.ID() || le.Since.IsZero() {
		t.Errorf("LockedError = %+v", le)
	}
	if msg := le.Error(); !strings.Contains(msg, j.ID()) || !strings.Contains(msg, "PID") {
		t.Errorf("message %q lacks details", msg)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	openTestStore(t, dir) // free again after Close
}

// W8: the lock is a kernel lock. A child holding it blocks us; after kill -9
// (no cleanup code runs) the next OpenStore succeeds — no stale lock.
func TestLock_ChildProcessKilled(t *testing.T) {
	dir := t.TempDir()
	cmd, runID := startChild(t, "hold", dir)

	_, err := OpenStore(dir)
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("OpenStore while child holds the lock: %v", err)
	}
	if le.PID != cmd.Process.Pid || le.RunID != runID {
		t.Errorf("LockedError = %+v, want PID %d run %s", le, cmd.Process.Pid, runID)
	}

	killChild(t, cmd)
	s := openTestStore(t, dir)
	if _, err := s.Open(runID); err != nil {
		t.Errorf("child's run unreadable after kill: %v", err)
	}
}

func TestRunsAndLatestUnfinished(t *testing.T) {
	s := openTestStore(t, t.TempDir())
	if ri, err := s.LatestUnfinished(); err != nil || ri != nil {
		t.Fatalf("empty store: %v %v", ri, err)
	}
	base := time.Date(2026, 11, 26, 9, 30, 0, 0, clock.Berlin)
	var ids []string
	for i := 0; i < 3; i++ {
		s.SetClock(clock.Fixed(base.Add(time.Duration(i) * time.Hour)))
		j, err := s.Create(nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, j.ID())
		if i == 2 {
			if err := j.Finish("updated live to 8.7.4"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !regexp.MustCompile(`^20261126-0930-[0-9a-f]{4}$`).MatchString(ids[0]) {
		t.Errorf("run id %q, want 20261126-0930-xxxx", ids[0])
	}
	// A folder without journal.json (crash right after mkdir) is skipped.
	if err := os.Mkdir(filepath.Join(s.Dir(), runsDir, "20261126-2359-dead"), 0o700); err != nil {
		t.Fatal(err)
	}
	runs, err := s.Runs()
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 3 || runs[0].ID != ids[2] || runs[1].ID != ids[1] || runs[2].ID != ids[0] {
		t.Fatalf("Runs order = %+v", runs)
	}
	if !runs[0].Finished || runs[0].Summary != "updated live to 8.7.4" || runs[0].FinishedAt.IsZero() {
		t.Errorf("finished run info = %+v", runs[0])
	}
	ri, err := s.LatestUnfinished()
	if err != nil || ri == nil || ri.ID != ids[1] {
		t.Fatalf("LatestUnfinished = %+v, %v; want %s", ri, err, ids[1])
	}
	if _, err := s.Open("../../etc"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open(path) = %v", err)
	}
	if _, err := s.Open("20990101-0000-beef"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open(unknown) = %v", err)
	}
}

// A journal from a newer wizard is refused with a clear error, listed with
// Err, and never offered for resume.
func TestSchemaVersion(t *testing.T) {
	s := openTestStore(t, t.TempDir())
	j, err := s.Create(nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(j.Dir(), journalFile)
	if err := os.WriteFile(path, []byte(`{"schema_version": 99, "id": "x", "entries": []}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = s.Open(j.ID())
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "99") {
		t.Fatalf("Open(newer schema) = %v", err)
	}
	runs, _ := s.Runs()
	if len(runs) != 1 || !errors.Is(runs[0].Err, ErrNewerSchema) {
		t.Errorf("Runs = %+v", runs)
	}
	if ri, _ := s.LatestUnfinished(); ri != nil {
		t.Errorf("newer-schema run offered for resume: %+v", ri)
	}
	if err := os.WriteFile(path, []byte(`{"id": "x"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(j.ID()); err == nil || !strings.Contains(err.Error(), "schema") {
		t.Errorf("Open(no schema) = %v", err)
	}
}

func TestClosedAndReadOnly(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir)
	j, err := s.Create(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Event("x", nil); err != nil {
		t.Fatal(err)
	}

	// A reader (`1crm-update report`) works while the wizard holds the lock.
	ro, err := OpenStoreReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	rj, err := ro.Open(j.ID())
	if err != nil {
		t.Fatal(err)
	}
	if len(rj.Entries()) != 1 {
		t.Errorf("read-only entries = %v", rj.Entries())
	}
	if err := rj.Event("y", nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only write = %v", err)
	}
	if _, err := ro.Create(nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only Create = %v", err)
	}

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := j.Event("z", nil); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close = %v", err)
	}
}
