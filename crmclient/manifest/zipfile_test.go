package manifest

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func sampleManifest(t testing.TB) *Manifest {
	m, err := Parse(mustRead(t, "extension.php"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func writePackage(t *testing.T, m *Manifest, files ...File) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pkg.zip")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteZip(f, m, files...); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// rawZip builds a ZIP with arbitrary entry names and declared sizes, the
// way a hostile or broken tool could.
type rawEntry struct {
	name     string
	body     string
	declared uint64 // claimed uncompressed size (0 = real size)
}

func rawZip(t *testing.T, entries ...rawEntry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		if e.declared == 0 {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(w, e.body)
			continue
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate,
			CompressedSize64: uint64(len(e.body)), UncompressedSize64: e.declared})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "raw.zip")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOpenValidPackage(t *testing.T) {
	m := sampleManifest(t)
	p := writePackage(t, m,
		File{Name: "root/modules/CallSheets/CallSheet.php", Body: strings.NewReader("<?php // sheet\n")},
		File{Name: "root/big.bin", Body: bytes.NewReader(make([]byte, 100000)), Store: true},
		File{Name: "root/empty/"})
	pkg, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	sum := sha256.Sum256(data)
	if pkg.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("SHA256 = %s", pkg.SHA256)
	}
	if pkg.Size != int64(len(data)) || pkg.Path != p {
		t.Errorf("size/path = %d %s", pkg.Size, pkg.Path)
	}
	if pkg.UnpackedSize < 100000 {
		t.Errorf("UnpackedSize = %d", pkg.UnpackedSize)
	}
	if pkg.Manifest.Name != "Call Sheets" || pkg.Manifest.ID != "exCallSheets" {
		t.Errorf("manifest = %+v", pkg.Manifest)
	}
	f, _ := os.Open(p)
	defer f.Close()
	m2, err := ReadZip(f, pkg.Size)
	if err != nil || m2.Version != "1.4.2" {
		t.Errorf("ReadZip = %+v, %v", m2, err)
	}
}

// W2: every structural problem maps to its sentinel and names the file.
func TestOpenRejects(t *testing.T) {
	manifest := string(mustRead(t, "core.php"))
	notZip := filepath.Join(t.TempDir(), "notes.zip")
	os.WriteFile(notZip, []byte("PK\x03\x04 but not really a zip"), 0o600)
	empty := filepath.Join(t.TempDir(), "empty.zip")
	os.WriteFile(empty, nil, 0o600)

	tests := []struct {
		name string
		path string
		want error
	}{
		{"not a zip", notZip, ErrNotZip},
		{"empty file", empty, ErrNotZip},
		{"directory", t.TempDir(), ErrNotZip},
		{"no manifest", rawZip(t, rawEntry{name: "root/x.php", body: "x"}), ErrNoManifest},
		{"manifest only in subdir", rawZip(t, rawEntry{name: "pkg/manifest.php", body: manifest}), ErrNoManifest},
		{"manifest is a dir", rawZip(t, rawEntry{name: "manifest.php/"}), ErrNoManifest},
		{"zip slip ..", rawZip(t, rawEntry{name: "manifest.php", body: manifest}, rawEntry{name: "root/../../etc/passwd", body: "x"}), ErrUnsafePath},
		{"absolute", rawZip(t, rawEntry{name: "manifest.php", body: manifest}, rawEntry{name: "/etc/passwd", body: "x"}), ErrUnsafePath},
		{"backslash ..", rawZip(t, rawEntry{name: "manifest.php", body: manifest}, rawEntry{name: `root\..\..\x.php`, body: "x"}), ErrUnsafePath},
		{"backslash absolute", rawZip(t, rawEntry{name: "manifest.php", body: manifest}, rawEntry{name: `\windows\x`, body: "x"}), ErrUnsafePath},
		{"drive letter", rawZip(t, rawEntry{name: "manifest.php", body: manifest}, rawEntry{name: "C:/x", body: "x"}), ErrUnsafePath},
		{"leading ..", rawZip(t, rawEntry{name: "manifest.php", body: manifest}, rawEntry{name: "../x", body: "x"}), ErrUnsafePath},
		{"duplicate manifest", rawZip(t, rawEntry{name: "manifest.php", body: manifest}, rawEntry{name: "./manifest.php", body: manifest}), ErrUnsafePath},
		{"declared too large", rawZip(t, rawEntry{name: "manifest.php", body: manifest}, rawEntry{name: "big", body: "xx", declared: 9 << 30}), ErrTooLarge},
		{"ratio bomb", rawZip(t, rawEntry{name: "manifest.php", body: manifest},
			rawEntry{name: "a", body: "xx", declared: 50 << 20}, rawEntry{name: "b", body: "xx", declared: 50 << 20}), ErrTooLarge},
		{"huge manifest", rawZip(t, rawEntry{name: "manifest.php", body: "xx", declared: 2 << 20}), ErrTooLarge},
		{"bad manifest syntax", rawZip(t, rawEntry{name: "manifest.php", body: "<?php ?>\nname: x\n\tbad: y\n"}), ErrSyntax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(tc.path)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Open = %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.path) {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
}

func TestOpenMissingFile(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "nope.zip")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v", err)
	}
}

// A manifest.php written with a leading "./" still counts as at the root.
func TestOpenDotSlashManifest(t *testing.T) {
	p := rawZip(t, rawEntry{name: "./manifest.php", body: string(mustRead(t, "langpack.php"))})
	pkg, err := Open(p)
	if err != nil || pkg.Manifest.Type != "langpack" {
		t.Fatalf("Open = %+v, %v", pkg, err)
	}
}

func TestWriteZipRejectsUnsafeName(t *testing.T) {
	err := WriteZip(io.Discard, sampleManifest(t), File{Name: "../x", Body: strings.NewReader("x")})
	if !errors.Is(err, ErrUnsafePath) {
		t.Errorf("err = %v", err)
	}
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// WriteZip streams: a 64 MiB stored filler costs far less than 64 MiB of
// allocations (the bench builds 1 GiB the same way).
func TestWriteZipStreams(t *testing.T) {
	const size = 64 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	w := &countingWriter{}
	filler := io.LimitReader(zeroReader{}, size)
	if err := WriteZip(w, sampleManifest(t), File{Name: "root/filler.bin", Body: filler, Store: true}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if w.n < size {
		t.Errorf("wrote %d bytes", w.n)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("allocated %d bytes for a %d byte package", alloc, size)
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }
