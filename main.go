// Command 1crm-update walks a 1CRM admin through one CRM update, safely.
// Everything lives in package ui/app; see spec/cli.md for the contract.
package main

import (
	"os"

	"golang.org/x/term"

	"github.com/visual4/1crm-update/ui/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], app.IO{
		Stdin:         os.Stdin,
		Stdout:        os.Stdout,
		Stderr:        os.Stderr,
		Env:           os.Getenv,
		Interactive:   term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd())),
		StdinTerminal: term.IsTerminal(int(os.Stdin.Fd())),
	}))
}
