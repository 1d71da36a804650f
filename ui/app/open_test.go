package app

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A mailto link as steps builds it: percent-encoded, with the & ? = that a
// Windows cmd.exe would take for its own syntax.
const sampleMailto = "mailto:support@visual4.de?subject=1CRM-Update%20erledigt%20%28crm.example.com%29&body=Guten%20Tag%2C%0D%0A8.7.6%20%E2%86%92%208.7.7%20100%25"

func TestOpenCommand_perOS(t *testing.T) {
	for goos, want := range map[string][]string{
		"linux":   {"xdg-open", sampleMailto},
		"freebsd": {"xdg-open", sampleMailto},
		"darwin":  {"open", sampleMailto},
		"windows": {"rundll32", "url.dll,FileProtocolHandler", sampleMailto},
	} {
		got, err := openCommand(goos, sampleMailto)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, %v; want %q", goos, got, err, want)
		}
	}
	if got, err := openCommand("windows", "https://crm.example.com/index.php?module=Home&action=index"); err != nil || got[2] != "https://crm.example.com/index.php?module=Home&action=index" {
		t.Errorf("web link: %q, %v", got, err)
	}
}

// Only links the wizard builds itself are handed on: nothing a shell or an
// argument parser could read differently, no other schemes, no credentials.
func TestOpenCommand_refuses(t *testing.T) {
	for _, bad := range []string{
		"", "mailto:a@b.de?subject=two words", `mailto:a@b.de?subject="x"`, "mailto:a@b.de?body=ü",
		"mailto:a@b.de?body=a\nb", `mailto:a@b.de?body=a\b`, "mailto:a@b.de?subject=`id`", "mailto:x'y@b.de",
		"file:///etc/passwd", "javascript:alert(1)", "C:/Windows/System32/calc.exe", "-h", "ms-settings:",
		"https://admin:secret@crm.example.com/",
	} {
		for _, goos := range []string{"linux", "darwin", "windows"} {
			if argv, err := openCommand(goos, bad); err == nil || !errors.Is(err, errNotOpenable) {
				t.Errorf("%s: %q accepted as %q (%v)", goos, bad, argv, err)
			}
		}
	}
}

func TestOnOwnDesktop(t *testing.T) {
	for _, tc := range []struct {
		goos string
		env  map[string]string
		want bool
	}{
		{"windows", nil, true},
		{"darwin", nil, true},
		{"linux", map[string]string{"DISPLAY": ":0"}, true},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, true},
		{"linux", nil, false}, // a server console
		{"linux", map[string]string{"DISPLAY": "localhost:10.0", "SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}, false},
		{"darwin", map[string]string{"SSH_TTY": "/dev/ttys003"}, false},
		{"windows", map[string]string{"SSH_CLIENT": "10.0.0.2 50000 22"}, false},
	} {
		if got := onOwnDesktop(tc.goos, mapEnv(tc.env)); got != tc.want {
			t.Errorf("%s %v: %v, want %v", tc.goos, tc.env, got, tc.want)
		}
	}
}

func TestOSC52Supported(t *testing.T) {
	for _, tc := range []struct {
		goos string
		env  map[string]string
		want bool
	}{
		{"linux", map[string]string{"TERM": "xterm-256color"}, true}, // over SSH: the far terminal decides
		{"linux", map[string]string{"TERM": "linux"}, false},
		{"linux", map[string]string{"TERM": "xterm-256color", "VTE_VERSION": "7600"}, false},
		{"linux", map[string]string{"TERM": "tmux-256color", "VTE_VERSION": "7600", "TMUX": "/tmp/tmux-0/default,1,0"}, true},
		{"darwin", map[string]string{"TERM_PROGRAM": "Apple_Terminal"}, false},
		{"darwin", map[string]string{"TERM_PROGRAM": "iTerm.app"}, true},
		{"windows", nil, false}, // classic console
		{"windows", map[string]string{"WT_SESSION": "0f4b…"}, true},
		{"windows", map[string]string{"TERM_PROGRAM": "WezTerm"}, true},
	} {
		if got := osc52Supported(tc.goos, mapEnv(tc.env)); got != tc.want {
			t.Errorf("%s %v: %v, want %v", tc.goos, tc.env, got, tc.want)
		}
	}
}

// The link reaches the opener as one argument, unchanged: a stand-in
// xdg-open (open on macOS) records what it got.
func TestOpenLink_passesLinkUnchanged(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("rundll32 cannot be replaced by a script")
	}
	dir := t.TempDir()
	got := filepath.Join(dir, "args")
	argv, _ := openCommand(runtime.GOOS, sampleMailto)
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + got + ".tmp && mv " + got + ".tmp " + got + "\n"
	if err := os.WriteFile(filepath.Join(dir, argv[0]), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	if err := openLink(sampleMailto); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		b, err := os.ReadFile(got)
		if err == nil {
			if lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"); len(lines) != 1 || lines[0] != sampleMailto {
				t.Errorf("opener got %q", lines)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("opener never ran")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
