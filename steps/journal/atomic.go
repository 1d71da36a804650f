package journal

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// File modes of everything under the state directory: runs may name
// instances and users, so only the owner may read them (spec/cli.md "Files").
const (
	FileMode os.FileMode = 0o600
	DirMode  os.FileMode = 0o700
)

// WriteFileAtomic replaces path with data so that a crash at any instant
// leaves either the old or the new content, never a mix: temp file in the
// same directory → fsync → rename → fsync of the directory (design.md
// "Persistence"). The file always ends with mode 0600.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	err := renameio.WriteFile(path, data, FileMode,
		renameio.WithTempDir(dir), // same file system, never os.TempDir()
		renameio.WithStaticPermissions(FileMode))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync dir %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync dir %s: %w", dir, err)
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
