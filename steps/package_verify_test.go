package steps

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
)

// Issue 8 item 5 (W2): the package is hashed again, streaming, right
// before each upload; a file swapped after validation is refused with a
// clear message and nothing reaches the server.
func TestUpload_W2_swappedPackageRefused(t *testing.T) {
	w, _, live := startRun(t, "demo")
	ctx := context.Background()
	pkg := buildPackage(t, t.TempDir(), corePatch())
	driveTo(t, ctx, w, plan{path: PathB, pkgFile: pkg}, StepInstall)
	recorded := w.Snapshot().Package.SHA256

	// Another valid package under the same name: same manifest, other bytes.
	other := corePatch()
	other.Author = "someone else"
	swapped := buildPackage(t, t.TempDir(), other)
	data, err := os.ReadFile(swapped)
	must(t, err)
	must(t, os.WriteFile(pkg, data, 0o600))

	err = w.Upload(ctx, nil)
	var ae *ActionError
	if !errors.Is(err, ErrPackageChanged) || !errors.As(err, &ae) {
		t.Fatalf("swapped package: %v", err)
	}
	if !strings.Contains(ae.Text, recorded) || !strings.Contains(ae.Text, "Nothing was uploaded") {
		t.Errorf("the refusal does not say what happened: %s", ae.Text)
	}
	if c := live.Server.Counters(); c.UploadsReceived != 0 || c.Deletes != 0 {
		t.Fatalf("the server was reached: %+v", c)
	}
	for _, e := range w.j.Entries() {
		if strings.HasPrefix(e.Action, "upload:") {
			t.Errorf("journal holds %s %s for a refused upload", e.Kind, e.Action)
		}
	}
	// The checked file back: the upload goes through.
	must(t, os.WriteFile(pkg, mustRead(t, buildPackage(t, t.TempDir(), corePatch())), 0o600))
	if got := w.Snapshot().Package.SHA256; got != recorded {
		t.Fatalf("recorded hash changed: %s", got)
	}
	if err := w.Upload(ctx, nil); err != nil {
		t.Fatalf("upload of the checked file: %v", err)
	}
	if live.Server.Counters().UploadsAccepted != 1 {
		t.Fatal("not uploaded")
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	must(t, err)
	return b
}
