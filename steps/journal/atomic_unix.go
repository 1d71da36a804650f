//go:build !windows

package journal

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// replaceFile: renameio does temp file, fsync and rename(2), which POSIX
// makes atomic; the directory is then fsynced so the rename survives a
// power cut.
func replaceFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	err := renameio.WriteFile(path, data, FileMode,
		renameio.WithTempDir(dir), // same file system, never os.TempDir()
		renameio.WithStaticPermissions(FileMode))
	if err != nil {
		return err
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
