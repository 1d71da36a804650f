// Package termquiet keeps bubbletea v1's package init from querying the
// terminal. That init asks for the background colour (OSC 11) and the
// cursor position (DSR) whenever stdout is a terminal, and waits up to
// 5 s for an answer — in the line mode for screen readers, in `report`
// and `doctor`, and before the full-screen UI, which decides its
// background from the environment anyway (ui/style). termenv sends no
// query when TERM is "dumb", so this package sets TERM=dumb in its own
// init, which Go runs before bubbletea's (it depends only on os, and
// packages are initialised in import-path order as soon as their imports
// are: it comes before fmt and so before termenv, lipgloss and bubbletea;
// TestInitOrder checks it), and Restore puts the admin's TERM back first
// thing in main.
package termquiet

import "os"

var term, hadTerm = os.LookupEnv("TERM")

func init() { _ = os.Setenv("TERM", "dumb") }

// Restore puts TERM back as the admin's environment had it. Call it before
// anything reads TERM (flag defaults, the line-mode decision, colours).
func Restore() {
	if hadTerm {
		_ = os.Setenv("TERM", term)
	} else {
		_ = os.Unsetenv("TERM")
	}
}
