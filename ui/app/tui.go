package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"github.com/visual4/1crm-update/ui/style"
	"github.com/visual4/1crm-update/ui/tui"
)

// runTUI runs the full-screen wizard on the terminal.
func runTUI(s *Session, o IO) int {
	// Colours and background are decided now, before Run (design.md traps).
	opts := style.Detect(o.Env)
	style.Apply(opts)
	ctx, cancel := signalContext()
	defer cancel()
	m := tui.New(s.modelOptions(ctx, opts, o))
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx),
		tea.WithInput(o.Stdin), tea.WithOutput(o.Stdout))
	_, err := p.Run()
	t := s.Texts
	switch {
	case errors.Is(err, tea.ErrInterrupted), m.Exit() == tui.ExitInterrupted:
		fmt.Fprintln(o.Stderr, t.InterruptedFarewell())
		return ExitInterrupted
	case errors.Is(err, tea.ErrProgramKilled), ctx.Err() != nil:
		// SIGTERM/SIGHUP: the journal is consistent (W8); the next start resumes.
		fmt.Fprintln(o.Stderr, t.InterruptedFarewell())
		return ExitInterrupted
	case err != nil:
		fmt.Fprintf(o.Stderr, "1crm-update: %v\n", err)
		return ExitFailed
	}
	if f := m.Farewell(); f != "" {
		fmt.Fprintln(o.Stdout, f)
	}
	switch m.Exit() {
	case tui.ExitFailed:
		if m.Blocked() {
			fmt.Fprintln(o.Stderr, t.BlockedFarewell(s.ReportCommand()))
		} else {
			fmt.Fprintln(o.Stderr, t.FailedFarewell(s.JournalPath(), s.ReportCommand()))
		}
		return ExitFailed
	case tui.ExitPaused:
		if m.Farewell() == "" {
			fmt.Fprintln(o.Stdout, t.PausedFarewellShort())
		}
	}
	return ExitOK
}

// modelOptions wires the root model to the session.
func (s *Session) modelOptions(ctx context.Context, opts style.Options, o IO) tui.Options {
	return tui.Options{
		Engine:       s.Wizard,
		Lang:         s.Cfg.Lang,
		Styles:       style.New(opts),
		LiveURL:      s.Cfg.URL,
		TestURL:      s.Cfg.TestURL,
		Banners:      s.Banners,
		PackageFile:  s.Cfg.PackageFile,
		SupportEmail: s.Cfg.SupportEmail,
		JournalPath:  s.JournalPath,
		Attach:       s.Attach,
		Copy:         copyOSC52(o.Env),
		Open:         mailOpener(o.Env),
		Now:          s.Now,
		Context:      ctx,
		Relogin:      s.Relogin,
		LoginUser:    s.LoginUser,
		Demo:         s.Cfg.Demo,
		ReportCmd:    s.ReportCommand(),
	}
}

// copyOSC52 puts text on the clipboard of the terminal the admin looks at,
// also through SSH and tmux. It writes to stderr when that is a terminal,
// so the escape never lands in a redirected output file.
func copyOSC52(env Env) func(string) bool {
	if !term.IsTerminal(int(os.Stderr.Fd())) || !osc52Supported(runtime.GOOS, env) {
		return nil
	}
	return func(s string) bool {
		seq := osc52.New(s)
		if env("TMUX") != "" {
			seq = seq.Tmux()
		} else if env("STY") != "" {
			seq = seq.Screen()
		}
		_, err := seq.WriteTo(os.Stderr)
		return err == nil
	}
}
