package manifest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"time"
)

// File is one entry for WriteZip. Store writes it uncompressed, which keeps
// a large filler cheap to produce and its size predictable.
type File struct {
	Name  string
	Body  io.Reader
	Store bool
}

// writeTime fixes entry timestamps so equal inputs give equal ZIPs.
var writeTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteZip writes a package ZIP: manifest.php (Format(m)) at the root, then
// files in order. Bodies are streamed, so a 1 GiB package needs no memory
// beyond the copy buffers. Used by tests, the simulator and the benchmark.
func WriteZip(w io.Writer, m *Manifest, files ...File) error {
	zw := zip.NewWriter(w)
	if err := writeEntry(zw, ManifestName, false, bytes.NewReader(Format(m))); err != nil {
		return err
	}
	for _, f := range files {
		if err := checkEntryName(f.Name); err != nil {
			return err
		}
		if err := writeEntry(zw, f.Name, f.Store, f.Body); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeEntry(zw *zip.Writer, name string, store bool, body io.Reader) error {
	method := zip.Deflate
	if store {
		method = zip.Store
	}
	ew, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: writeTime})
	if err != nil {
		return fmt.Errorf("zip %s: %w", name, err)
	}
	if body == nil {
		return nil
	}
	if _, err := io.Copy(ew, body); err != nil {
		return fmt.Errorf("zip %s: %w", name, err)
	}
	return nil
}
