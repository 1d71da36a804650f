//go:build unix

package app

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 8 item 6: a FIFO as --package, --checklist or --ca-file is refused
// at once (exit 2, the flag named), without opening it for reading.
func TestFIFOFileFlagsRefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"--package", "--checklist", "--ca-file"} {
		done := make(chan struct{})
		var code int
		var errb string
		go func() {
			defer close(done)
			env := map[string]string{"ONECRM_PASSWORD": "pw"}
			code, _, errb = runMain(t, "", env, "--accessible", "--lang", "en", "--url", "https://crm.example.com",
				"--user", "admin", "--state-dir", t.TempDir(), flag, fifo)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s FIFO: the wizard hangs", flag)
		}
		if code != ExitUsage || !strings.Contains(errb, flag) || !strings.Contains(errb, "FIFO") {
			t.Errorf("%s FIFO: code %d, stderr %q", flag, code, errb)
		}
	}
}
