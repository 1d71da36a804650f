package app

import (
	"bufio"
	"os"

	"github.com/visual4/1crm-update/ui/linemode"
	"github.com/visual4/1crm-update/ui/tui"
)

// runLineMode runs the accessible wizard on plain lines (W10).
func runLineMode(s *Session, in *bufio.Reader, o IO) int {
	ctx, cancel := signalContext(os.Interrupt)
	defer cancel()
	exit := linemode.Run(ctx, linemode.Options{
		Engine:       s.Wizard,
		Lang:         s.Cfg.Lang,
		LiveURL:      s.Cfg.URL,
		TestURL:      s.Cfg.TestURL,
		Banners:      s.Banners,
		PackageFile:  s.Cfg.PackageFile,
		SupportEmail: s.Cfg.SupportEmail,
		Attach:       s.Attach,
		JournalPath:  s.JournalPath,
		Now:          s.Now,
		Echo:         !o.Interactive,
		Relogin:      s.Relogin,
		LoginUser:    s.LoginUser,
		AskSecret:    (&Prompter{In: in, Out: o.Stdout, Interactive: o.Interactive}).Secret,
		Demo:         s.Cfg.Demo,
		ReportCmd:    s.ReportCommand(),
	}, in, o.Stdout)
	switch exit {
	case tui.ExitFailed:
		return ExitFailed
	case tui.ExitInterrupted:
		return ExitInterrupted
	}
	return ExitOK
}
