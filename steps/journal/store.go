// Package journal keeps the W8 run journal: one journal per wizard run,
// written atomically after every step so that a crash, an SSH drop or a
// kill -9 at any instant leaves a readable journal the wizard can resume.
//
// Layout under the state directory (spec/cli.md "Files"):
//
//	lock                kernel lock (flock) held while a wizard runs
//	lock.info           who holds it: PID, host, since, run (informational)
//	runs/<ID>/journal.json   the journal, mode 0600, replaced atomically
//	runs/<ID>/wizard.log     the run's log (NewLog), secrets redacted
//	runs/<ID>/report.md      the support report (Journal.WriteFile)
//
// The lock is a kernel lock: when the holder dies, even by kill -9, the
// kernel releases it, so no stale lock is ever left behind.
package journal

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/visual4/1crm-update/steps/clock"
)

// Errors callers can test with errors.Is.
var (
	// ErrLocked: another wizard holds the state directory (exit code 3).
	// The concrete error is a *LockedError.
	ErrLocked = errors.New("state directory is locked by another 1crm-update")
	// ErrClosed: the Store was closed; its journals no longer accept writes.
	ErrClosed = errors.New("journal store is closed")
	// ErrReadOnly: the Store was opened with OpenStoreReadOnly.
	ErrReadOnly = errors.New("journal store is read-only")
	// ErrNotFound: no run with that ID.
	ErrNotFound = errors.New("no such run")
)

const (
	lockFile     = "lock"
	lockInfoFile = "lock.info"
	runsDir      = "runs"
	journalFile  = "journal.json"
)

// LockInfo describes the wizard that holds a state directory.
type LockInfo struct {
	PID   int       `json:"pid"`
	Host  string    `json:"host"`
	Since time.Time `json:"since"`
	RunID string    `json:"run_id,omitempty"`
}

// LockedError is returned by OpenStore when another process holds the lock.
// Its fields come from lock.info and may be empty when the holder has not
// written it yet. errors.Is(err, ErrLocked) is true.
type LockedError struct {
	Dir   string
	PID   int
	Host  string
	Since time.Time
	RunID string
}

func (e *LockedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "state directory %s is in use by another 1crm-update", e.Dir)
	if e.PID != 0 {
		fmt.Fprintf(&b, " (PID %d", e.PID)
		if e.Host != "" {
			fmt.Fprintf(&b, " on %s", e.Host)
		}
		if !e.Since.IsZero() {
			fmt.Fprintf(&b, " since %s", e.Since.In(clock.Berlin).Format("2006-01-02 15:04"))
		}
		if e.RunID != "" {
			fmt.Fprintf(&b, ", run %s", e.RunID)
		}
		b.WriteString(")")
	}
	return b.String()
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Store is one state directory. A writable Store holds the directory's
// kernel lock until Close; journals created or opened through it write
// only while it is open.
type Store struct {
	dir      string
	lock     *flock.Flock // nil when read-only
	readOnly bool

	mu     sync.Mutex
	closed bool
	clock  clock.Clock
	info   LockInfo
}

// OpenStore creates dir (mode 0700) if needed and takes an exclusive,
// non-blocking kernel lock on dir/lock. When another process (or another
// Store in this process) holds it, OpenStore returns a *LockedError.
// An empty dir means DefaultStateDir().
func OpenStore(dir string) (*Store, error) {
	if dir == "" {
		dir = DefaultStateDir()
	}
	if err := mkdirPrivate(filepath.Join(dir, runsDir)); err != nil {
		return nil, err
	}
	fl := flock.New(filepath.Join(dir, lockFile), flock.SetPermissions(FileMode))
	ok, err := fl.TryLock()
	if err != nil {
		_ = fl.Close()
		return nil, fmt.Errorf("lock state directory %s: %w", dir, err)
	}
	if !ok {
		_ = fl.Close()
		le := &LockedError{Dir: dir}
		if info, err := readLockInfo(dir); err == nil {
			le.PID, le.Host, le.Since, le.RunID = info.PID, info.Host, info.Since, info.RunID
		}
		return nil, le
	}
	host, _ := os.Hostname()
	s := &Store{
		dir:   dir,
		lock:  fl,
		clock: clock.System(),
		info:  LockInfo{PID: os.Getpid(), Host: host, Since: time.Now().In(clock.Berlin).Truncate(time.Second)},
	}
	if err := s.writeLockInfo(); err != nil {
		_ = fl.Unlock()
		_ = fl.Close()
		return nil, err
	}
	markHeld(dir, true)
	return s, nil
}

// OpenStoreReadOnly opens dir without taking the lock, for readers such as
// `1crm-update report` that must work while a wizard runs. Create fails and
// journals opened through it refuse writes (ErrReadOnly).
func OpenStoreReadOnly(dir string) (*Store, error) {
	if dir == "" {
		dir = DefaultStateDir()
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("state directory: %w", err)
	}
	return &Store{dir: dir, readOnly: true, clock: clock.System()}, nil
}

// SetClock sets the clock used for run IDs and entry times (default
// clock.System; the wizard passes its session clock so demo times are consistent).
func (s *Store) SetClock(c clock.Clock) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c != nil {
		s.clock = c
	}
}

func (s *Store) now() time.Time {
	s.mu.Lock()
	c := s.clock
	s.mu.Unlock()
	return c.Now().In(clock.Berlin).Truncate(time.Millisecond)
}

// Dir returns the state directory.
func (s *Store) Dir() string { return s.dir }

// Close releases the lock. Journals of this Store refuse writes afterwards.
// Closing twice is harmless. lock.info is left behind on purpose: it is only
// informational, the kernel lock is what counts.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.lock == nil {
		return nil
	}
	markHeld(s.dir, false)
	err := s.lock.Unlock()
	if cerr := s.lock.Close(); err == nil {
		err = cerr
	}
	return err
}

// writable returns nil when journals of this Store may write.
func (s *Store) writable() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.readOnly:
		return ErrReadOnly
	case s.closed:
		return ErrClosed
	}
	return nil
}

func (s *Store) writeLockInfo() error {
	data, err := json.MarshalIndent(s.info, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(s.dir, lockInfoFile), append(data, '\n'))
}

// setRunID records the active run in lock.info, so a second wizard can say
// which run is busy.
func (s *Store) setRunID(id string) {
	if s.readOnly {
		return
	}
	s.mu.Lock()
	s.info.RunID = id
	s.mu.Unlock()
	_ = s.writeLockInfo() // informational only; the kernel lock is what counts
}

func readLockInfo(dir string) (LockInfo, error) {
	var info LockInfo
	data, err := os.ReadFile(filepath.Join(dir, lockInfoFile))
	if err != nil {
		return info, err
	}
	err = json.Unmarshal(data, &info)
	return info, err
}

// RunInfo summarises one run for listings and resume decisions.
type RunInfo struct {
	ID         string
	Dir        string
	Started    time.Time
	Finished   bool
	FinishedAt time.Time
	Summary    string
	// Err is set when the journal cannot be read (e.g. written by a newer
	// wizard); such runs are listed but never resumed automatically.
	Err error
}

// Runs lists all runs, newest first. Run folders without journal.json (a
// crash between creating the folder and the first write) are skipped.
func (s *Store) Runs() ([]RunInfo, error) {
	root := filepath.Join(s.dir, runsDir)
	ents, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	var runs []RunInfo
	for _, e := range ents {
		if !e.IsDir() || !validID(e.Name()) {
			continue
		}
		dir := filepath.Join(root, e.Name())
		doc, err := readDocument(dir)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		ri := RunInfo{ID: e.Name(), Dir: dir}
		if err != nil {
			ri.Err = &UnreadableError{Path: filepath.Join(dir, journalFile), Err: err}
		} else {
			ri.Started = doc.Created
			ri.Finished = doc.FinishedAt != nil
			if doc.FinishedAt != nil {
				ri.FinishedAt = *doc.FinishedAt
			}
			ri.Summary = doc.Summary
		}
		runs = append(runs, ri)
	}
	sort.SliceStable(runs, func(i, k int) bool {
		if !runs[i].Started.Equal(runs[k].Started) {
			return runs[i].Started.After(runs[k].Started)
		}
		return runs[i].ID > runs[k].ID
	})
	return runs, nil
}

// UnreadableError: a run folder holds a journal.json that cannot be read
// (damaged, empty, truncated, written by a newer version, no permission,
// not a regular file). Such a run may record a backup or an install, so
// it is never skipped: see CheckReadable.
type UnreadableError struct {
	Path string // the journal.json
	Err  error
}

func (e *UnreadableError) Error() string {
	return "journal " + e.Path + " cannot be read: " + e.Err.Error()
}
func (e *UnreadableError) Unwrap() error { return e.Err }

// CheckReadable returns an *UnreadableError for the newest run whose
// journal cannot be read, or nil. A wizard must not start a new run next
// to it (it might repeat a backup or an install the journal records), nor
// a report pick an older run as "the latest" without a word.
func (s *Store) CheckReadable() error {
	runs, err := s.Runs()
	if err != nil {
		return err
	}
	// Unreadable runs have no start time; their IDs begin with it.
	sort.SliceStable(runs, func(i, k int) bool { return runs[i].ID > runs[k].ID })
	for _, r := range runs {
		if r.Err != nil {
			return r.Err
		}
	}
	return nil
}

// LatestUnfinished returns the newest readable run that is not finished, or
// nil when there is none — the run the wizard offers to resume (W8).
func (s *Store) LatestUnfinished() (*RunInfo, error) {
	runs, err := s.Runs()
	if err != nil {
		return nil, err
	}
	for i := range runs {
		if runs[i].Err == nil && !runs[i].Finished {
			return &runs[i], nil
		}
	}
	return nil, nil
}

// validID accepts run folder names only: no separators, no dot-names.
func validID(id string) bool {
	if id == "" || id == "." || id == ".." || strings.HasPrefix(id, ".") {
		return false
	}
	for _, r := range id {
		ok := r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_'
		if !ok {
			return false
		}
	}
	return true
}
