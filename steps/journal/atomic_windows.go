//go:build windows

package journal

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/windows"
)

// replaceFile is the Windows counterpart of renameio, which has no Windows
// support. MoveFileEx with MOVEFILE_REPLACE_EXISTING replaces the target
// in one step on NTFS (the documented way to replace a file; os.Rename
// uses it too, but without the flag below), and MOVEFILE_WRITE_THROUGH
// returns only after the move is on disk — there is no directory handle to
// fsync on Windows, this flag is what makes the rename durable.
func replaceFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tempPrefix(path)) // same volume: a move, never a copy
	if err != nil {
		return err
	}
	tmp := f.Name()
	if err := writeAndSync(f, data); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := moveReplace(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return &os.LinkError{Op: "replace", Old: tmp, New: path, Err: err}
	}
	return nil
}

// tempPrefix is the name start of a half-written replacement of path:
// ".journal.json…" — a dot-name, so Runs and readers never take it for a
// journal, and the same shape renameio uses on Unix.
func tempPrefix(path string) string { return "." + filepath.Base(path) }

func writeAndSync(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// moveReplace retries for a moment when the target is open elsewhere: a
// virus scanner or the search indexer opens fresh files briefly, and a
// reader such as `1crm-update report` opens them without FILE_SHARE_DELETE,
// which makes the replace fail with a sharing error until it closes (the Go
// toolchain's own robustio retries the same errors for the same reason).
func moveReplace(from, to string) error {
	src, err := windows.UTF16PtrFromString(from)
	if err != nil {
		return err
	}
	dst, err := windows.UTF16PtrFromString(to)
	if err != nil {
		return err
	}
	const flags = windows.MOVEFILE_REPLACE_EXISTING | windows.MOVEFILE_WRITE_THROUGH
	delay := 5 * time.Millisecond
	deadline := time.Now().Add(2 * time.Second)
	for {
		err = windows.MoveFileEx(src, dst, flags)
		if err == nil || !transientShareError(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(delay)
		delay = min(2*delay, 200*time.Millisecond)
	}
}

// transientShareError: another process has the file open right now.
func transientShareError(err error) bool {
	return errors.Is(err, windows.ERROR_ACCESS_DENIED) ||
		errors.Is(err, windows.ERROR_SHARING_VIOLATION) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
