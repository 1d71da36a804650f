//go:build windows

package app

import (
	"os"
	"syscall"
)

// stopSignals end the wizard from outside. Windows has no SIGHUP: Go
// delivers a closed console window (CTRL_CLOSE_EVENT), a logoff and a
// shutdown as SIGTERM and holds the console handler while the program
// stops, until Windows ends the process (about 5 s after a closed window).
// Nothing relies on that grace: the journal is written before and after
// every action (W8), and a process ended hard leaves the old or the new
// journal and no lock (steps/journal tests run under Windows too).
var stopSignals = []os.Signal{syscall.SIGTERM}
