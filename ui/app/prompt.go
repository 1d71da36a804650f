package app

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"golang.org/x/term"
)

// errPromptClosed: stdin ended while a question was open.
var errPromptClosed = errors.New("input closed")

// Prompter asks plain questions before any UI runs. One bufio.Reader is
// shared with the line mode so that no scripted answer is lost between them.
type Prompter struct {
	In          *bufio.Reader
	Out         io.Writer
	Interactive bool // stdin is a terminal: the password is read without echo
}

// Line asks a question and returns the trimmed answer.
func (p *Prompter) Line(q string) (string, error) {
	fmt.Fprint(p.Out, q+" ")
	s, err := p.In.ReadString('\n')
	if err != nil && s == "" {
		fmt.Fprintln(p.Out)
		return "", errPromptClosed
	}
	return strings.TrimSpace(s), nil
}

// Secret asks for a password: without echo on a terminal, else as a line
// (scripted input). The answer never reaches a log.
func (p *Prompter) Secret(q string) (string, error) {
	if fd := int(os.Stdin.Fd()); p.Interactive && term.IsTerminal(fd) && p.In.Buffered() == 0 {
		fmt.Fprint(p.Out, q+" ")
		defer restoreOnSignal(fd, p.Out)()
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(p.Out)
		if err != nil {
			return "", errPromptClosed
		}
		return string(b), nil
	}
	fmt.Fprint(p.Out, q+" ")
	s, err := p.In.ReadString('\n')
	if err != nil && s == "" {
		fmt.Fprintln(p.Out)
		return "", errPromptClosed
	}
	// Only the line end is cut: a password may start or end with a space.
	return strings.TrimRight(s, "\r\n"), nil
}

// restoreOnSignal: Ctrl-C during the hidden password prompt would end the
// process with echo still off and leave the admin's terminal "dead". It
// restores the terminal and exits 130 instead. Call the result when done.
func restoreOnSignal(fd int, out io.Writer) func() {
	st, err := term.GetState(fd)
	if err != nil {
		return func() {}
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, append([]os.Signal{os.Interrupt}, stopSignals...)...)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			term.Restore(fd, st)
			fmt.Fprintln(out)
			os.Exit(ExitInterrupted)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}
