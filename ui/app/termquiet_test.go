package app

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Issue 8 item 10: bubbletea v1's package init asks the terminal for its
// background colour and cursor position (up to 5 s without an answer).
// ui/termquiet hides TERM from it: its init must run before bubbletea's,
// and Main must give the admin's TERM back.
func TestTermQuiet_initRunsBeforeBubbletea(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envMainChild+`=["version"]`, "GODEBUG=inittrace=1", "TERM=xterm-256color")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	quiet, tea := -1, -1
	for i, l := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(l, "init github.com/visual4/1crm-update/ui/termquiet "):
			quiet = i
		case strings.HasPrefix(l, "init github.com/charmbracelet/bubbletea "):
			tea = i
		}
	}
	if quiet < 0 || tea < 0 || quiet > tea {
		t.Fatalf("init order: termquiet at %d, bubbletea at %d", quiet, tea)
	}
	if !strings.Contains(string(out), "1crm-update") {
		t.Fatalf("version not printed:\n%s", out)
	}
}
