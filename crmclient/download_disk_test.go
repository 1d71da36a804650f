package crmclient

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// fullDisk is a part file that accepts limit bytes and then fails like a
// full file system (ENOSPC). Injection, since tests may run as root.
type fullDisk struct {
	*os.File
	limit int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		n, _ := f.File.Write(p[:f.limit])
		f.limit = 0
		return n, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	f.limit -= len(p)
	return f.File.Write(p)
}

// A full disk during the download: typed *DownloadWriteError carrying
// ENOSPC (not "download interrupted", which reads like the network), the
// partial file removed, nothing at the destination.
func TestDownloadFullDisk(t *testing.T) {
	f := newFake(t)
	z := zipBytes(t)
	big := append(append([]byte{}, z...), make([]byte, 64<<10)...)
	f.downloadFiles["/dl/u.zip"] = big
	prev := openPart
	openPart = func(name string) (partFile, error) {
		fh, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE, 0o600)
		if err != nil {
			return nil, err
		}
		return &fullDisk{File: fh, limit: 1000}, nil
	}
	t.Cleanup(func() { openPart = prev })

	dir := t.TempDir()
	dest := filepath.Join(dir, "u.zip")
	_, err := f.client(t, nil).Download(ctxT(t), f.srv.URL+"/dl/u.zip", dest, DownloadOptions{})
	var we *DownloadWriteError
	if !errors.As(err, &we) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("want *DownloadWriteError with ENOSPC, got %v", err)
	}
	if we.Dir() != dir {
		t.Fatalf("dir %q", we.Dir())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("partial file left behind: %v", entries)
	}
}
