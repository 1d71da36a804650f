package localfile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// refusedQuickly asserts that reading p fails with kind, without blocking.
func refusedQuickly(t *testing.T, p, kind string) {
	t.Helper()
	done := make(chan error, 1)
	go func() { _, err := ReadFile(p); done <- err }()
	select {
	case err := <-done:
		var ne *NotRegularError
		if !errors.As(err, &ne) || ne.Kind != kind || !errors.Is(err, ErrNotRegular) {
			t.Errorf("%s: %v, want kind %s", p, err, kind)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: blocked", p)
	}
}

// A directory is refused; a regular file (also through a link) opens and
// hashes by streaming.
func TestOpen_regularOnly(t *testing.T) {
	dir := t.TempDir()
	refusedQuickly(t, dir, KindDir)
	reg := filepath.Join(dir, "pkg.zip")
	if err := os.WriteFile(reg, []byte("PK data"), 0o600); err != nil {
		t.Fatal(err)
	}
	paths := []string{reg}
	if link := filepath.Join(dir, "link.zip"); os.Symlink(reg, link) == nil {
		paths = append(paths, link)
	}
	want := sha256.Sum256([]byte("PK data"))
	for _, p := range paths {
		sum, n, err := SHA256(p)
		if err != nil || n != 7 || sum != hex.EncodeToString(want[:]) {
			t.Errorf("%s: %s %d %v", p, sum, n, err)
		}
	}
}
