//go:build !windows

package app

import (
	"os"
	"syscall"
)

// stopSignals end the wizard from outside: SIGTERM (kill, shutdown) and
// SIGHUP (the SSH connection or the terminal window went away). Their
// default action would end the process without any deferred code.
var stopSignals = []os.Signal{syscall.SIGTERM, syscall.SIGHUP}
