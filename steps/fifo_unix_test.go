//go:build unix

package steps

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/visual4/1crm-update/steps/checklist"
)

// Issue 8 item 6 (W2): a FIFO as the package or the checklist file is
// refused with words, without blocking on it.
func TestPackage_W2_fifoRefusedWithoutBlocking(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "update.zip")
	must(t, syscall.Mkfifo(fifo, 0o600))
	w, _, _ := startRun(t, "demo")
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepPackage)
	done := make(chan error, 1)
	go func() { _, err := w.UsePackageFile(fifo); done <- err }()
	select {
	case err := <-done:
		var r *Refusal
		if !errors.As(err, &r) || !strings.Contains(r.Reason, "FIFO") {
			t.Fatalf("FIFO package: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("UsePackageFile blocks on a FIFO")
	}
	go func() { _, err := checklist.LoadFile(fifo); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, checklist.ErrBadFile) {
			t.Fatalf("FIFO checklist: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("checklist.LoadFile blocks on a FIFO")
	}
}
