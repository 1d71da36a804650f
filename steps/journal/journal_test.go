package journal

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/visual4/1crm-update/steps/clock"
)

func newJournal(t *testing.T) (*Store, *Journal) {
	t.Helper()
	s := openTestStore(t, t.TempDir())
	j, err := s.Create(map[string]string{"url": "https://crm.example.com", "path": "B"})
	if err != nil {
		t.Fatal(err)
	}
	return s, j
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// W8: everything written is there after reopening in a new Store.
func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir)
	at := time.Date(2026, 11, 26, 9, 30, 0, 0, clock.Berlin)
	s.SetClock(clock.Fixed(at))
	j, err := s.Create(map[string]string{"url": "https://crm.example.com"})
	must(t, err)
	must(t, j.Begin("upload", map[string]string{"sha256": "abc"}))
	must(t, j.Done("upload", map[string]string{"server_id": "pkg-17"}))
	must(t, j.Event("override-w3", map[string]string{"why": "admin insisted"}))
	must(t, j.Answer("checklist:login", map[string]string{"status": "passed"}))
	type backup struct {
		Name string    `json:"name"`
		At   time.Time `json:"at"`
	}
	must(t, j.Set("backup", backup{"backup-20261126.zip", at}))
	must(t, j.Set("versions", []string{"8.7.3", "8.7.4"}))
	id := j.ID()
	must(t, s.Close())

	s2 := openTestStore(t, dir)
	j2, err := s2.Open(id)
	must(t, err)
	got := j2.Entries()
	wantKinds := []string{KindStarted, KindDone, KindEvent, KindAnswer}
	if len(got) != len(wantKinds) {
		t.Fatalf("entries = %+v", got)
	}
	for i, e := range got {
		if e.Seq != i+1 || e.Kind != wantKinds[i] || !e.Time.Equal(at) || e.Time.Location() != clock.Berlin {
			t.Errorf("entry %d = %+v", i, e)
		}
	}
	if got[1].Data["server_id"] != "pkg-17" {
		t.Errorf("evidence lost: %+v", got[1])
	}
	var b backup
	if ok, err := j2.Get("backup", &b); !ok || err != nil || b.Name != "backup-20261126.zip" || !b.At.Equal(at) {
		t.Errorf("Get(backup) = %v %v %+v", ok, err, b)
	}
	var v []string
	if ok, _ := j2.Get("versions", &v); !ok || len(v) != 2 {
		t.Errorf("Get(versions) = %v", v)
	}
	if ok, err := j2.Get("missing", &v); ok || err != nil {
		t.Errorf("Get(missing) = %v %v", ok, err)
	}
	if j2.Meta()["url"] != "https://crm.example.com" || !j2.Created().Equal(at) {
		t.Errorf("meta/created = %v %v", j2.Meta(), j2.Created())
	}
	// Callers cannot change the journal through returned copies.
	got[1].Data["server_id"] = "tampered"
	if j2.Entries()[1].Data["server_id"] != "pkg-17" {
		t.Error("Entries returned shared maps")
	}
}

// W8 / design.md trap: "started X" is durable before the side effect; an
// action without done/failed after it shows up in Pending, also after
// reopening, and IsDone follows the latest outcome.
func TestPendingAndIsDone(t *testing.T) {
	s, j := newJournal(t)
	must(t, j.Begin("upload", nil))
	must(t, j.Begin("install-live", map[string]string{"package": "core-8.7.4"}))
	must(t, j.Done("upload", map[string]string{"server_id": "17"}))

	// Simulate the crash: read the file as a fresh process would.
	j2, err := s.Open(j.ID())
	must(t, err)
	p := j2.Pending()
	if len(p) != 1 || p[0].Action != "install-live" || p[0].Data["package"] != "core-8.7.4" {
		t.Fatalf("Pending = %+v", p)
	}
	if !j2.IsDone("upload") || j2.IsDone("install-live") || j2.IsDone("never") {
		t.Error("IsDone wrong after crash")
	}

	must(t, j2.Fail("install-live", "timeout"))
	if len(j2.Pending()) != 0 || j2.IsDone("install-live") {
		t.Errorf("after Fail: pending=%v", j2.Pending())
	}
	// A retry: started again → pending again, then done.
	must(t, j2.Begin("install-live", nil))
	if p := j2.Pending(); len(p) != 1 || p[0].Seq != 5 {
		t.Errorf("retry pending = %+v", p)
	}
	must(t, j2.Done("install-live", map[string]string{"version": "8.7.4"}))
	if !j2.IsDone("install-live") {
		t.Error("IsDone after retry")
	}
	// Started again after done: no longer done (the state is unknown).
	must(t, j2.Begin("upload", nil))
	if j2.IsDone("upload") {
		t.Error("IsDone must follow the latest outcome")
	}
	if e, ok := j2.LastDone("upload"); !ok || e.Data["server_id"] != "17" {
		t.Errorf("LastDone = %+v %v", e, ok)
	}
}

func TestFinish(t *testing.T) {
	s, j := newJournal(t)
	must(t, j.Finish("aborted by admin"))
	if !j.Finished() || j.Summary() != "aborted by admin" {
		t.Error("not finished")
	}
	if err := j.Begin("install-live", nil); !errors.Is(err, ErrFinished) {
		t.Errorf("Begin after Finish = %v", err)
	}
	if err := j.Finish("again"); !errors.Is(err, ErrFinished) {
		t.Errorf("second Finish = %v", err)
	}
	must(t, j.Event("report-written", nil)) // still allowed
	j2, err := s.Open(j.ID())
	must(t, err)
	if !j2.Finished() || j2.Summary() != "aborted by admin" {
		t.Error("finish not persisted")
	}
}

// Secrets never reach the journal: secret-named keys are refused with
// ErrSecret (the error does not echo the value); credential-shaped values
// are redacted; nothing of the secret lands on disk.
func TestSecretsRefused(t *testing.T) {
	s, j := newJournal(t)
	const secret = "hunter2-s3cr3t"
	refused := []struct {
		name string
		do   func() error
	}{
		{"meta password", func() error { _, err := s.Create(map[string]string{"password": secret}); return err }},
		{"begin token key", func() error { return j.Begin("login", map[string]string{"api_token": secret}) }},
		{"done cookie key", func() error { return j.Done("login", map[string]string{"Set-Cookie": secret}) }},
		{"event authorization", func() error { return j.Event("x", map[string]string{"Authorization": secret}) }},
		{"answer secret key", func() error { return j.Answer("x", map[string]string{"client_secret": secret}) }},
		{"set secret key", func() error { return j.Set("session_cookie", secret) }},
		{"set nested secret field", func() error {
			return j.Set("login", struct {
				User string `json:"user"`
				Pass string `json:"Password"`
			}{"admin", secret})
		}},
		{"set nested map key", func() error {
			return j.Set("hdr", map[string]any{"list": []map[string]string{{"x-auth-token": secret}}})
		}},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			err := c.do()
			if !errors.Is(err, ErrSecret) {
				t.Fatalf("err = %v, want ErrSecret", err)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error echoes the secret: %v", err)
			}
		})
	}
	if n := len(j.Entries()); n != 0 {
		t.Fatalf("refused writes left %d entries", n)
	}

	// Credential-shaped values are recorded with the credential redacted:
	// a failure must be recorded even when the server echoed a password.
	must(t, j.Fail("login", "POST user=admin&password="+secret+"&x=1 failed"))
	must(t, j.Event("x", map[string]string{"header": "Bearer " + secret}))
	must(t, j.Answer("x", map[string]string{"note": "saw PHPSESSID=" + secret + " in URL"}))
	type state struct {
		LastError string   `json:"last_error"`
		Big       int64    `json:"big"`
		Notes     []string `json:"notes"`
	}
	must(t, j.Set("state", state{"Cookie: a=" + secret, 1<<62 + 1, []string{"fine", "token=" + secret}}))
	must(t, j.Finish("failed: password="+secret))
	es := j.Entries()
	if got := es[0].Data["reason"]; got != "POST user=admin&password=[redacted]&x=1 failed" {
		t.Errorf("fail reason = %q", got)
	}
	if got := es[1].Data["header"]; got != "Bearer [redacted]" {
		t.Errorf("header = %q", got)
	}
	var st state
	if _, err := j.Get("state", &st); err != nil {
		t.Fatal(err)
	}
	if st.LastError != "Cookie: [redacted]" || st.Big != 1<<62+1 || st.Notes[0] != "fine" || st.Notes[1] != "token=[redacted]" {
		t.Errorf("sanitised state = %+v", st)
	}
	// Ordinary data passes unchanged.
	must(t, j.Event("login", map[string]string{"user": "admin", "result": "ok", "note": "basic checks passed"}))
	if got := j.Entries()[3].Data["note"]; got != "basic checks passed" {
		t.Errorf("ordinary note changed: %q", got)
	}
	filepath.WalkDir(s.Dir(), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(path)
			if strings.Contains(string(data), secret) {
				t.Errorf("%s contains the secret", path)
			}
		}
		return nil
	})
}

// Crash safety: a temp file left by an interrupted write is ignored, and
// a failed write leaves memory and disk unchanged.
func TestAtomicity_LeftoverTempFileIgnored(t *testing.T) {
	s, j := newJournal(t)
	must(t, j.Begin("upload", nil))
	before, err := os.ReadFile(filepath.Join(j.Dir(), journalFile))
	must(t, err)
	// What renameio leaves behind when killed between create and rename:
	// ".journal.json<random>" with half a document.
	must(t, os.WriteFile(filepath.Join(j.Dir(), ".journal.json123456789"), before[:len(before)/2], 0o600))

	j2, err := s.Open(j.ID())
	must(t, err)
	if p := j2.Pending(); len(p) != 1 || p[0].Action != "upload" {
		t.Fatalf("after leftover temp file: pending = %+v", p)
	}
	runs, err := s.Runs()
	must(t, err)
	if len(runs) != 1 || runs[0].Err != nil {
		t.Errorf("Runs = %+v", runs)
	}
	must(t, j2.Done("upload", nil)) // writing on top still works
}

func TestAtomicity_FailedWriteKeepsState(t *testing.T) {
	_, j := newJournal(t)
	must(t, j.Event("one", nil))
	// Make the next write fail (root ignores chmod, so remove the folder).
	must(t, os.RemoveAll(j.Dir()))
	if err := j.Event("two", nil); err == nil {
		t.Fatal("write into a removed folder succeeded")
	}
	if n := len(j.Entries()); n != 1 {
		t.Errorf("memory changed by a failed write: %d entries", n)
	}
}

// Crash safety under SIGKILL: a child writes as fast as it can and is
// killed at an arbitrary instant; the journal on disk is complete JSON with
// contiguous entries, and the lock is free.
func TestAtomicity_KilledWhileWriting(t *testing.T) {
	dir := t.TempDir()
	cmd, runID := startChild(t, "write", dir)
	time.Sleep(150 * time.Millisecond)
	killChild(t, cmd)

	s := openTestStore(t, dir)
	j, err := s.Open(runID)
	must(t, err)
	es := j.Entries()
	if len(es) == 0 {
		t.Fatal("no entries written before the kill")
	}
	t.Logf("killed after %d entries", len(es))
	for i, e := range es {
		if e.Seq != i+1 || e.Data["i"] != fmt.Sprint(i) {
			t.Fatalf("entry %d = %+v", i, e)
		}
	}
	must(t, j.Event("after-crash", nil))
}

func TestConcurrentWrites(t *testing.T) {
	_, j := newJournal(t)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				if err := j.Event("tick", nil); err != nil {
					t.Error(err)
				}
				_ = j.Pending()
				_ = j.ID()
			}
		}()
	}
	wg.Wait()
	es := j.Entries()
	if len(es) != 20 {
		t.Fatalf("%d entries", len(es))
	}
	for i, e := range es {
		if e.Seq != i+1 {
			t.Fatalf("seq %d at %d", e.Seq, i)
		}
	}
}

// The document on disk has the promised shape.
func TestDocumentShape(t *testing.T) {
	_, j := newJournal(t)
	must(t, j.Set("edition", "Professional"))
	must(t, j.Done("preflight", map[string]string{"verdict": "ok"}))
	data, err := os.ReadFile(filepath.Join(j.Dir(), journalFile))
	must(t, err)
	var doc map[string]json.RawMessage
	must(t, json.Unmarshal(data, &doc))
	for _, k := range []string{"schema_version", "id", "created", "facts", "entries", "meta"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("journal.json lacks %q", k)
		}
	}
	if string(doc["schema_version"]) != fmt.Sprint(SchemaVersion) {
		t.Errorf("schema_version = %s", doc["schema_version"])
	}
}

// Issue 8 item 10 (spec/cli.md "Files"): a journal or run folder widened
// by hand is put back to 0600/0700 on the next write.
func TestWrite_wideningUndone(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no POSIX modes")
	}
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	j, err := s.Create(nil)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(j.Dir(), journalFile)
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(j.Dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := j.Event("x", nil); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	di, _ := os.Stat(j.Dir())
	if fi.Mode().Perm() != 0o600 || di.Mode().Perm() != 0o700 {
		t.Fatalf("journal %v, run folder %v after a write", fi.Mode().Perm(), di.Mode().Perm())
	}
}
