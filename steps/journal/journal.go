package journal

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/visual4/1crm-update/steps/clock"
)

// SchemaVersion is the journal.json format this build writes. A journal
// with a higher version is refused (ErrNewerSchema) instead of being
// misread and overwritten.
const SchemaVersion = 1

// ErrNewerSchema: the journal was written by a newer 1crm-update.
var ErrNewerSchema = errors.New("journal written by a newer 1crm-update")

// ErrNotRegular: journal.json is a directory, a link or another
// non-regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrDamaged: journal.json is empty, truncated or not a journal.
var ErrDamaged = errors.New("journal damaged")

// ErrFinished: Begin on a finished run (a finished run starts no new actions).
var ErrFinished = errors.New("run is already finished")

// Entry kinds.
const (
	KindStarted = "started" // an action with a side effect is about to run
	KindDone    = "done"    // it completed; Data holds the evidence (server ids…)
	KindFailed  = "failed"  // it failed; Data["reason"]
	KindEvent   = "event"   // anything worth recording (override, warning, choice)
	KindAnswer  = "answer"  // an answer of the admin (checklist item, confirmation)
)

// Entry is one line of the journal.
type Entry struct {
	Seq    int               `json:"seq"`
	Time   time.Time         `json:"time"`
	Kind   string            `json:"kind"`
	Action string            `json:"action"`
	Data   map[string]string `json:"data,omitempty"`
}

// document is journal.json.
type document struct {
	SchemaVersion int                        `json:"schema_version"`
	ID            string                     `json:"id"`
	Created       time.Time                  `json:"created"`
	Meta          map[string]string          `json:"meta,omitempty"`
	Facts         map[string]json.RawMessage `json:"facts"`
	Entries       []Entry                    `json:"entries"`
	FinishedAt    *time.Time                 `json:"finished_at,omitempty"`
	Summary       string                     `json:"summary,omitempty"`
}

// Journal is one run's journal. Every mutating method replaces
// journal.json atomically before it returns; when the write fails, the
// in-memory state is left unchanged, so memory and disk never disagree.
// Safe for concurrent use.
type Journal struct {
	store *Store
	dir   string

	mu  sync.Mutex
	doc document
}

// Create starts a new run folder runs/<ID>/ (ID like 20261126-0930-a1b2,
// Berlin time of the Store's clock) and writes its first journal.json.
// meta holds descriptive facts (instance URL, user, path…), sanitised like
// entry data (SanitizeData).
func (s *Store) Create(meta map[string]string) (*Journal, error) {
	if err := s.writable(); err != nil {
		return nil, err
	}
	meta, err := SanitizeData(meta)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var id, dir string
	for attempt := 0; ; attempt++ {
		id = now.Format("20060102-1504") + "-" + randomSuffix()
		dir = filepath.Join(s.dir, runsDir, id)
		err := os.Mkdir(dir, DirMode)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) || attempt > 20 {
			return nil, fmt.Errorf("create run folder: %w", err)
		}
	}
	j := &Journal{store: s, dir: dir, doc: document{
		SchemaVersion: SchemaVersion,
		ID:            id,
		Created:       now,
		Meta:          meta,
		Facts:         map[string]json.RawMessage{},
		Entries:       []Entry{},
	}}
	if err := j.write(j.doc); err != nil {
		_ = os.Remove(dir)
		return nil, err
	}
	s.setRunID(id)
	return j, nil
}

func randomSuffix() string {
	var b [2]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Open loads an existing run. A journal with a newer schema version is
// refused with ErrNewerSchema; an unknown ID gives ErrNotFound.
func (s *Store) Open(id string) (*Journal, error) {
	if !validID(id) {
		return nil, fmt.Errorf("%w: invalid run id %q", ErrNotFound, id)
	}
	dir := filepath.Join(s.dir, runsDir, id)
	doc, err := readDocument(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	if err != nil {
		return nil, &UnreadableError{Path: filepath.Join(dir, journalFile), Err: err}
	}
	s.setRunID(id)
	return &Journal{store: s, dir: dir, doc: doc}, nil
}

// readDocument reads and checks dir/journal.json. Leftover temp files of an
// interrupted write are never looked at: only the renamed file counts.
func readDocument(dir string) (document, error) {
	var doc document
	path := filepath.Join(dir, journalFile)
	data, err := readJournalFile(path)
	if err != nil {
		return doc, err
	}
	var head struct {
		SchemaVersion int `json:"schema_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return doc, fmt.Errorf("%w: %s is not valid JSON: %w", ErrDamaged, path, err)
	}
	switch {
	case head.SchemaVersion > SchemaVersion:
		return doc, fmt.Errorf("%w: %s has schema version %d, this build reads up to %d — use a newer 1crm-update for this run",
			ErrNewerSchema, path, head.SchemaVersion, SchemaVersion)
	case head.SchemaVersion < 1:
		return doc, fmt.Errorf("%w: %s has no schema version: not a 1crm-update journal", ErrDamaged, path)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return doc, fmt.Errorf("%w: %s: %w", ErrDamaged, path, err)
	}
	if doc.Facts == nil {
		doc.Facts = map[string]json.RawMessage{}
	}
	// Show partner-local times whatever offset the file carries.
	doc.Created = doc.Created.In(clock.Berlin)
	for i := range doc.Entries {
		doc.Entries[i].Time = doc.Entries[i].Time.In(clock.Berlin)
	}
	return doc, nil
}

// readJournalFile reads journal.json; a directory or another non-regular
// file in its place is an error, never read (a FIFO would block).
func readJournalFile(path string) ([]byte, error) {
	if err := checkReadFault(path); err != nil {
		return nil, err
	}
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &os.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	return os.ReadFile(path)
}

// write replaces journal.json with doc (atomic, 0600).
func (j *Journal) write(doc document) error {
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode journal: %w", err)
	}
	return j.writeFile(filepath.Join(j.dir, journalFile), append(data, '\n'))
}

// writeFile writes one file of the run folder atomically; a failure comes
// back as *WriteError so the caller can say why (disk full …) and where.
func (j *Journal) writeFile(path string, data []byte) error {
	err := checkFault(path)
	if err == nil {
		err = WriteFileAtomic(path, data)
	}
	if err == nil {
		err = keepPrivate(path, j.dir)
	}
	if err != nil {
		return &WriteError{Dir: j.dir, Err: err}
	}
	return nil
}

// keepPrivate puts a file widened by hand (chmod 644) back to 0600 and
// its run folder to 0700 on every write (spec/cli.md "Files": journals
// name instances and users). The atomic replace may carry over the old
// file's mode, so the mode is checked after it.
func keepPrivate(path, dir string) error {
	if runtime.GOOS == "windows" {
		return nil // no POSIX modes; the folder's ACL decides
	}
	for _, x := range []struct {
		p    string
		mode os.FileMode
	}{{path, FileMode}, {dir, DirMode}} {
		fi, err := os.Stat(x.p)
		if err != nil {
			return err
		}
		if fi.Mode().Perm() != x.mode {
			if err := os.Chmod(x.p, x.mode); err != nil {
				return err
			}
		}
	}
	return nil
}

// commit applies change to a copy of the document, writes it, and only then
// makes it the journal's state.
func (j *Journal) commit(change func(d *document) error) error {
	if err := j.store.writable(); err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	next := j.doc
	next.Entries = append([]Entry(nil), j.doc.Entries...)
	next.Facts = maps.Clone(j.doc.Facts)
	if err := change(&next); err != nil {
		return err
	}
	if err := j.write(next); err != nil {
		return err
	}
	j.doc = next
	return nil
}

func (j *Journal) appendEntry(kind, action string, data map[string]string) error {
	if action == "" {
		return errors.New("journal: empty action name")
	}
	data, err := SanitizeData(data)
	if err != nil {
		return err
	}
	now := j.store.now()
	return j.commit(func(d *document) error {
		if kind == KindStarted && d.FinishedAt != nil {
			return fmt.Errorf("%w: cannot begin %q", ErrFinished, action)
		}
		d.Entries = append(d.Entries, Entry{
			Seq:    len(d.Entries) + 1,
			Time:   now,
			Kind:   kind,
			Action: action,
			Data:   data,
		})
		return nil
	})
}

// ID returns the run ID.
func (j *Journal) ID() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.doc.ID
}

// Dir returns the run folder runs/<ID>/.
func (j *Journal) Dir() string { return j.dir }

// Created returns when the run was created.
func (j *Journal) Created() time.Time {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.doc.Created
}

// Meta returns a copy of the metadata given to Create.
func (j *Journal) Meta() map[string]string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return maps.Clone(j.doc.Meta)
}

// Entries returns a copy of all entries in order.
func (j *Journal) Entries() []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := make([]Entry, len(j.doc.Entries))
	for i, e := range j.doc.Entries {
		e.Data = maps.Clone(e.Data)
		out[i] = e
	}
	return out
}

// Finish marks the run finished with a one-line summary. A finished run is
// never offered for resume and refuses Begin; Event, Answer, Set and
// WriteFile still work (e.g. to record that the report was written).
func (j *Journal) Finish(summary string) error {
	summary = RedactText(summary)
	now := j.store.now()
	return j.commit(func(d *document) error {
		if d.FinishedAt != nil {
			return ErrFinished
		}
		d.FinishedAt = &now
		d.Summary = summary
		return nil
	})
}

// Finished reports whether Finish was called.
func (j *Journal) Finished() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.doc.FinishedAt != nil
}

// Summary returns the summary given to Finish.
func (j *Journal) Summary() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.doc.Summary
}

// WriteFile writes name (a plain file name such as "report.md") into the
// run folder atomically with mode 0600.
func (j *Journal) WriteFile(name string, data []byte) error {
	if err := j.store.writable(); err != nil {
		return err
	}
	if name != filepath.Base(name) || name == journalFile || !validID(stripExt(name)) {
		return fmt.Errorf("journal: invalid file name %q", name)
	}
	return j.writeFile(filepath.Join(j.dir, name), data)
}

func stripExt(name string) string {
	return name[:len(name)-len(filepath.Ext(name))]
}
