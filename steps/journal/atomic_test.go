package journal

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// noTempLeft fails when a half-written replacement stayed in dir.
func noTempLeft(t *testing.T, dir string) {
	t.Helper()
	es, err := os.ReadDir(dir)
	must(t, err)
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temp file %s left behind", e.Name())
		}
	}
}

// WriteFileAtomic replaces an existing file whole, leaves no temp file and
// ends private (0600 where modes exist).
func TestWriteFileAtomic_replaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.json")
	must(t, WriteFileAtomic(path, []byte("old content, longer than the new one\n")))
	must(t, WriteFileAtomic(path, []byte("new\n")))
	got, err := os.ReadFile(path)
	must(t, err)
	if string(got) != "new\n" {
		t.Errorf("content %q, want the new one whole", got)
	}
	if runtime.GOOS != "windows" {
		if m := mode(t, path); m != FileMode {
			t.Errorf("mode %o, want %o", m, FileMode)
		}
	}
	noTempLeft(t, dir)
}

// A reader that has the file open must not make the next journal write
// fail: on Windows a plain open forbids replacing the file until it is
// closed, so the replace waits for the reader (`1crm-update report` while
// the wizard runs, a virus scanner).
func TestWriteFileAtomic_whileReaderHasItOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.json")
	must(t, WriteFileAtomic(path, []byte("v1")))
	r, err := os.Open(path)
	must(t, err)
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(100 * time.Millisecond)
		_ = r.Close()
	}()
	err = WriteFileAtomic(path, []byte("v2"))
	<-done
	must(t, err)
	got, err := os.ReadFile(path)
	must(t, err)
	if string(got) != "v2" {
		t.Errorf("content %q, want v2", got)
	}
	noTempLeft(t, dir)
}

// A replace that cannot happen leaves the old state and no temp file.
func TestWriteFileAtomic_failureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	// The target is a directory: no OS replaces it with a file.
	target := filepath.Join(dir, "journal.json")
	must(t, os.Mkdir(target, DirMode))
	if err := WriteFileAtomic(target, []byte("x")); err == nil {
		t.Fatal("replacing a directory succeeded")
	}
	if fi, err := os.Stat(target); err != nil || !fi.IsDir() {
		t.Errorf("target changed: %v %v", fi, err)
	}
	noTempLeft(t, dir)
	// A missing folder fails before anything is written.
	if err := WriteFileAtomic(filepath.Join(dir, "gone", "journal.json"), []byte("x")); err == nil {
		t.Fatal("write into a missing folder succeeded")
	}
}

// Many replaces in a row always leave one complete version (the kill test
// in journal_test.go does the same with a real crash).
func TestWriteFileAtomic_everyVersionWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.json")
	for i := range 20 {
		data := bytes.Repeat([]byte{byte('a' + i)}, 4096+i)
		must(t, WriteFileAtomic(path, data))
		got, err := os.ReadFile(path)
		must(t, err)
		if !bytes.Equal(got, data) {
			t.Fatalf("version %d read back as %d bytes", i, len(got))
		}
	}
	noTempLeft(t, dir)
}
