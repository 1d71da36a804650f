package journal

import (
	"errors"
	"sync"
	"syscall"
)

// WriteError is a journal or run-folder file that could not be written
// (disk full, read-only file system, no permission …). The steps package
// words it for the admin by Errno; Dir is the run folder to name.
type WriteError struct {
	Dir string
	Err error
}

func (e *WriteError) Error() string { return "journal " + e.Dir + ": " + e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// Errno is the system error number inside, or 0.
func (e *WriteError) Errno() syscall.Errno {
	var n syscall.Errno
	if errors.As(e.Err, &n) {
		return n
	}
	return 0
}

// writeFault, when set, is asked before every file write of a journal
// (journal.json and WriteFile): a non-nil result fails the write as the
// file system would. Tests inject ENOSPC/EROFS/EACCES with SetWriteFault;
// as root, chmod does not stop writes, so injection is the reliable way.
var (
	faultMu    sync.Mutex
	writeFault func(path string) error
)

// SetWriteFault installs fault (nil removes it) and returns a func that
// restores the previous one. For tests of other packages only.
func SetWriteFault(fault func(path string) error) (restore func()) {
	faultMu.Lock()
	prev := writeFault
	writeFault = fault
	faultMu.Unlock()
	return func() {
		faultMu.Lock()
		writeFault = prev
		faultMu.Unlock()
	}
}

// checkFault returns the injected failure for path, if any.
func checkFault(path string) error {
	faultMu.Lock()
	f := writeFault
	faultMu.Unlock()
	if f == nil {
		return nil
	}
	return f(path)
}

// readFault, when set, is asked before journal.json is read: as root a
// file of mode 0000 is still readable, so tests of an unreadable journal
// inject the EACCES the admin's own account would get.
var readFault func(path string) error

// SetReadFault installs fault (nil removes it) and returns a func that
// restores the previous one. For tests only.
func SetReadFault(fault func(path string) error) (restore func()) {
	faultMu.Lock()
	prev := readFault
	readFault = fault
	faultMu.Unlock()
	return func() {
		faultMu.Lock()
		readFault = prev
		faultMu.Unlock()
	}
}

func checkReadFault(path string) error {
	faultMu.Lock()
	f := readFault
	faultMu.Unlock()
	if f == nil {
		return nil
	}
	return f(path)
}
