package journal

import (
	"errors"
	"os"
	"syscall"
	"testing"
)

// A full disk (injected) fails Begin with a *WriteError that names the
// run folder and carries ENOSPC; nothing of the failed entry stays in
// memory or on disk, so no action counts as started (W8). Once the fault
// is gone, writing works again.
func TestWriteFault_fullDisk(t *testing.T) {
	s, j := newJournal(t)
	restore := SetWriteFault(func(path string) error {
		return &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
	})
	err := j.Begin("backup:live", nil)
	restore()
	var we *WriteError
	if !errors.As(err, &we) || we.Dir != j.Dir() || we.Errno() != syscall.ENOSPC || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("want *WriteError(ENOSPC) for %s, got %v", j.Dir(), err)
	}
	if len(j.Pending()) != 0 {
		t.Fatal("a failed Begin left a pending action in memory")
	}
	j2, err := s.Open(j.ID())
	must(t, err)
	if len(j2.Pending()) != 0 {
		t.Fatal("a failed Begin reached the disk")
	}
	must(t, j.Begin("backup:live", nil))
	if len(j.Pending()) != 1 {
		t.Fatal("Begin after the fault was lifted")
	}
}
