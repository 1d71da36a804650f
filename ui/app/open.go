package app

import (
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"runtime"
	"strings"
)

// Opening the mail program: the mail screens hand their mailto: link to the
// program the desktop opens such links with. The link carries only what the
// mail shows (the report is redacted, spec/cli.md "Files") — never a
// password or token — because it becomes a process argument.

// errNotOpenable: the link is not one the wizard hands to another program.
var errNotOpenable = errors.New("not a mailto or web link the wizard opens")

// openCommand is the command that opens target (a mailto:, http: or https:
// link) with the desktop's default program on goos:
//
//	Linux and other Unix   xdg-open LINK   (freedesktop.org)
//	macOS                  open LINK
//	Windows                rundll32 url.dll,FileProtocolHandler LINK
//
// On Windows, `cmd /c start "" LINK` would let cmd interpret the & between
// mailto fields (and ^, %), so rundll32 is used: it hands the rest of its
// command line to the shell's URL handler unparsed. The link must be ASCII
// without spaces, quotes or control characters (mailto links built by steps
// are percent-encoded), so no OS's quoting can change or split it.
func openCommand(goos, target string) ([]string, error) {
	if err := checkOpenable(target); err != nil {
		return nil, err
	}
	switch goos {
	case "windows":
		return []string{"rundll32", "url.dll,FileProtocolHandler", target}, nil
	case "darwin":
		return []string{"open", target}, nil
	}
	return []string{"xdg-open", target}, nil
}

func checkOpenable(target string) error {
	for i := 0; i < len(target); i++ {
		if c := target[i]; c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '\\' || c == '`' {
			return fmt.Errorf("%w: character %q at %d", errNotOpenable, c, i)
		}
	}
	u, err := url.Parse(target)
	if err != nil {
		return fmt.Errorf("%w: %v", errNotOpenable, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "mailto":
		return nil
	case "http", "https":
		if u.User != nil {
			return fmt.Errorf("%w: credentials in the address", errNotOpenable)
		}
		return nil
	}
	return fmt.Errorf("%w: scheme %q", errNotOpenable, u.Scheme)
}

// onOwnDesktop reports whether the wizard runs where the admin sits: not in
// an SSH session (a mail program would open on the server, or not at all),
// and on Linux/Unix only inside a graphical session.
func onOwnDesktop(goos string, env Env) bool {
	if env("SSH_CONNECTION") != "" || env("SSH_TTY") != "" || env("SSH_CLIENT") != "" {
		return false
	}
	switch goos {
	case "windows", "darwin":
		return true
	}
	return env("DISPLAY") != "" || env("WAYLAND_DISPLAY") != ""
}

// mailOpener returns the function the mail screens call to open a link, or
// nil where there is no desktop to open it on (the screens then offer only
// copying).
func mailOpener(env Env) func(string) error {
	if !onOwnDesktop(runtime.GOOS, env) {
		return nil
	}
	probe, _ := openCommand(runtime.GOOS, "mailto:x")
	if _, err := exec.LookPath(probe[0]); err != nil {
		return nil // no xdg-open: nothing to hand the link to
	}
	return openLink
}

// openLink starts the opener without waiting for the mail program and with
// no terminal attached: its output would draw over the full-screen UI.
func openLink(target string) error {
	argv, err := openCommand(runtime.GOOS, target)
	if err != nil {
		return err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }() // reap it; xdg-open and open return at once
	return nil
}
