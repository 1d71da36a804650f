package journal

import (
	"fmt"
	"os"
)

// File modes of everything under the state directory: runs may name
// instances and users, so only the owner may read them (spec/cli.md "Files").
// On Windows only the read-only bit of a mode exists; there the files are
// private because %LocalAppData% belongs to the user (its ACL, not a mode).
const (
	FileMode os.FileMode = 0o600
	DirMode  os.FileMode = 0o700
)

// WriteFileAtomic replaces path with data so that a crash at any instant
// leaves either the old or the new content, never a mix: temp file in the
// same directory → fsync → rename over path → make the rename durable
// (design.md "Persistence"). The file always ends with mode 0600. How the
// rename is done differs per OS (atomic_unix.go, atomic_windows.go).
func WriteFileAtomic(path string, data []byte) error {
	if err := replaceFile(path, data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// mkdirPrivate creates dir (and parents) with mode 0700.
func mkdirPrivate(dir string) error {
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	return nil
}
