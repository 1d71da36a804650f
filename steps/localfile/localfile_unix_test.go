//go:build unix

package localfile

import (
	"path/filepath"
	"syscall"
	"testing"
)

// Issue 8 item 6: a FIFO with no writer and a device are refused without
// opening them for reading (a plain open of the FIFO would block).
func TestOpen_fifoAndDeviceRefusedWithoutBlocking(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	refusedQuickly(t, fifo, KindFIFO)
	refusedQuickly(t, "/dev/null", KindDevice)
}
