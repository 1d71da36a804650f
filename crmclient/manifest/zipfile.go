package manifest

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// Limits for package ZIPs (W2). Variables so tests and the simulator can
// lower them.
var (
	// MaxUnpacked caps the total declared uncompressed size.
	MaxUnpacked int64 = 8 << 30
	// MaxRatio caps total uncompressed size / archive size, once the
	// package unpacks beyond RatioFloor. Deflate cannot exceed ~1032:1 per
	// entry; higher totals mean overlapping entries (a zip bomb).
	MaxRatio int64 = 1000
	// RatioFloor: small packages are never judged by ratio.
	RatioFloor int64 = 64 << 20
	// MaxManifest caps how much of manifest.php is read.
	MaxManifest int64 = 1 << 20
)

// ManifestName is the manifest's path inside the ZIP.
const ManifestName = "manifest.php"

// Package is a local package ZIP that passed the W2 structure checks.
type Package struct {
	Path         string
	Size         int64
	SHA256       string // lower-case hex, recorded in the journal (W2, W9)
	Manifest     *Manifest
	UnpackedSize int64 // sum of declared uncompressed sizes
}

// Open checks the package file at path: a ZIP, manifest.php at its root,
// no entry escaping the root, size limits; then parses the manifest and
// computes its SHA-256 by streaming the file once. It does not call
// Validate, so the caller can tell syntax from content problems. Errors
// name the file and wrap one of the sentinel errors.
func Open(p string) (*Package, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w: not a regular file", p, ErrNotZip)
	}
	m, unpacked, err := readZip(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, st.Size())); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return &Package{
		Path:         p,
		Size:         st.Size(),
		SHA256:       hex.EncodeToString(h.Sum(nil)),
		Manifest:     m,
		UnpackedSize: unpacked,
	}, nil
}

// ReadZip applies Open's checks to a ZIP that is already available as a
// ReaderAt (the simulator's upload temp file) and returns its manifest.
func ReadZip(r io.ReaderAt, size int64) (*Manifest, error) {
	m, _, err := readZip(r, size)
	return m, err
}

func readZip(r io.ReaderAt, size int64) (*Manifest, int64, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		// ErrInsecurePath only appears with GODEBUG=zipinsecurepath=0;
		// our own checks below report it uniformly.
		return nil, 0, fmt.Errorf("%w: %v", ErrNotZip, err)
	}
	var manifest *zip.File
	var unpacked uint64
	for _, f := range zr.File {
		if err := checkEntryName(f.Name); err != nil {
			return nil, 0, err
		}
		unpacked += f.UncompressedSize64
		if unpacked > uint64(MaxUnpacked) {
			return nil, 0, fmt.Errorf("%w: more than %d bytes unpacked", ErrTooLarge, MaxUnpacked)
		}
		if path.Clean(strings.ReplaceAll(f.Name, `\`, "/")) == ManifestName && !f.FileInfo().IsDir() {
			if manifest != nil {
				return nil, 0, fmt.Errorf("%w: %s appears twice", ErrUnsafePath, ManifestName)
			}
			manifest = f
		}
	}
	if size > 0 && int64(unpacked) > RatioFloor && int64(unpacked)/size > MaxRatio {
		return nil, 0, fmt.Errorf("%w: unpacks to %d bytes from %d (zip bomb?)", ErrTooLarge, unpacked, size)
	}
	if manifest == nil {
		return nil, 0, ErrNoManifest
	}
	if int64(manifest.UncompressedSize64) > MaxManifest {
		return nil, 0, fmt.Errorf("%w: %s is larger than %d bytes", ErrTooLarge, ManifestName, MaxManifest)
	}
	rc, err := manifest.Open()
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %s: %v", ErrNotZip, ManifestName, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, MaxManifest+1))
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %s: %v", ErrNotZip, ManifestName, err)
	}
	m, err := Parse(data)
	if err != nil {
		return nil, 0, err
	}
	return m, int64(unpacked), nil
}

// checkEntryName rejects names that would land outside the extraction root
// on any platform the server might run (zip-slip): absolute paths, drive
// letters, ".." components, also when written with backslashes, and NULs.
func checkEntryName(name string) error {
	bad := func(why string) error { return fmt.Errorf("%w: %q (%s)", ErrUnsafePath, name, why) }
	if name == "" {
		return bad("empty name")
	}
	if strings.ContainsRune(name, 0) {
		return bad("NUL byte")
	}
	n := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(n, "/") {
		return bad("absolute path")
	}
	if len(n) >= 2 && n[1] == ':' {
		return bad("drive letter")
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return bad("parent directory")
		}
	}
	return nil
}
