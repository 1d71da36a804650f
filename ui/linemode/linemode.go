// Package linemode is the accessible wizard (W10): the same pages as the
// full-screen UI (ui/page), printed as plain lines, their choices read by
// number or key. No cursor movement, no redrawing, no colour, no terminal
// queries: usable with a screen reader, on a dumb terminal, and scriptable —
// answers are read line by line from an io.Reader, everything is written to
// an io.Writer.
package linemode

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/text"
)

// Options wire the line mode to a wizard.
type Options struct {
	Engine       page.Engine
	Lang         string
	LiveURL      string
	TestURL      string
	Banners      []string
	PackageFile  string
	SupportEmail string
	Attach       func() error
	JournalPath  func() string
	Now          func() time.Time
	// Echo writes each answer after its question: with scripted input (no
	// terminal echoing the keys) the transcript then reads like a dialogue.
	Echo bool
	// Tick is how often a long action prints that it is still running;
	// default 10 s (a screen reader should not be flooded).
	Tick time.Duration
	// Relogin, LoginUser and AskSecret let the error after a rejected login
	// ask for the password again (without echo on a terminal); nil = not offered.
	Relogin   func(stage steps.Stage, user, password string) error
	LoginUser func(stage steps.Stage) string
	AskSecret func(prompt string) (string, error)
	// Demo: the simulator gets a new port on every start; a resumed run's
	// URL is then not compared with the current one.
	Demo bool
	// ReportCmd prints this run's report (named in the last line after a failure).
	ReportCmd string
}

// Exit is how the run ended (page.Exit).
type Exit = page.Exit

// errEOF: the input ended while a question was open.
var errEOF = errors.New("input ended")

// errPaused: the admin chose to stop here (resumable).
var errPaused = errors.New("paused")

type runner struct {
	o   Options
	e   page.Engine
	ui  *page.UI
	t   text.Texts
	st  steptext.Texts
	in  *lineReader
	out io.Writer
	ctx context.Context
	// said holds what this visit already printed: a page printed again
	// after an answer reads out only what changed (a screen reader should
	// not hear the whole list twice).
	said map[string]bool
	// farewell is printed last.
	farewell string
}

// Run drives the wizard until it is finished, paused, failed or the input ends.
func Run(ctx context.Context, o Options, in *bufio.Reader, out io.Writer) Exit {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Tick <= 0 {
		o.Tick = 10 * time.Second
	}
	if o.ReportCmd == "" {
		o.ReportCmd = "1crm-update report"
	}
	ui := page.NewUI(o.Lang)
	ui.LiveURL, ui.TestURL, ui.PackageFile, ui.SupportEmail = o.LiveURL, o.TestURL, o.PackageFile, o.SupportEmail
	ui.Demo, ui.Attach, ui.JournalPath, ui.LoginUser = o.Demo, o.Attach, o.JournalPath, o.LoginUser
	ui.CanRelogin = o.Relogin != nil && o.AskSecret != nil
	r := &runner{o: o, e: o.Engine, ui: ui, t: ui.T, st: ui.ST, in: newLineReader(in), out: out, ctx: ctx}
	exit := r.run()
	if r.farewell != "" {
		r.say(r.farewell)
	}
	return exit
}

// --- output helpers --------------------------------------------------------

func (r *runner) say(s string) { fmt.Fprintln(r.out, s) }

func (r *runner) sayf(format string, a ...any) { fmt.Fprintf(r.out, format+"\n", a...) }

// once says s unless this visit said it already.
func (r *runner) once(s string) {
	if s == "" || r.said[s] {
		return
	}
	r.said[s] = true
	r.say(s)
}

// --- input helpers ---------------------------------------------------------

// readLine waits for the next answer, or for Ctrl-C: a blocked read must
// not keep an interrupted wizard alive until the admin presses Enter.
func (r *runner) readLine() (string, error) {
	s, err := r.in.line(r.ctx)
	if err != nil {
		if r.ctx.Err() != nil {
			fmt.Fprintln(r.out)
			return "", r.ctx.Err()
		}
		return "", errEOF
	}
	return strings.TrimSpace(s), nil
}

// ask prints a question and returns the answer line.
func (r *runner) ask(q string) (string, error) {
	fmt.Fprint(r.out, q+" ")
	a, err := r.readLine()
	if err != nil || r.o.Echo {
		fmt.Fprintln(r.out, a)
	}
	return a, err
}

// text asks a page's text input until it is accepted.
func (r *runner) text(a *page.Ask) (string, error) {
	if a.Help != "" {
		r.say(a.Help)
	}
	prompt := a.Title
	if a.Initial != "" {
		prompt += " [" + a.Initial + "]"
	}
	for {
		var v string
		var err error
		if a.Secret && r.o.AskSecret != nil {
			v, err = r.o.AskSecret(prompt + ":")
		} else {
			v, err = r.ask(prompt + ":")
		}
		if err != nil {
			return "", err
		}
		if v == "" {
			v = a.Initial // Enter keeps what is offered
		}
		if a.Validate != nil {
			if verr := a.Validate(v); verr != nil {
				r.say(verr.Error())
				continue
			}
		}
		return v, nil
	}
}

// --- running actions -------------------------------------------------------

// act runs a page action's call with periodic progress lines: transfers
// at each further 10 %, the upgrade manager's steps as they change, and
// every Tick that it is still running. A long-wait notice is said and its
// choices are read meanwhile (stall.go); a pause ends in a *pausedError.
func (r *runner) act(a *page.Action, arg page.Arg) error {
	if a.Call == nil {
		return nil
	}
	if a.Run == nil {
		_, err := a.Call(r.ctx, r.e, arg, func(any) {})
		return err
	}
	label := a.Run.LabelFor(arg)
	r.say(label + " …")
	start := r.o.Now()
	ctx, cancel := context.WithCancel(r.ctx)
	defer cancel()
	waits := page.NewWaits(r.ui, a)
	done := make(chan error, 1)
	prog := make(chan any, 16)
	report := func(x any) {
		select {
		case prog <- x:
		default: // the notice is kept by waits; a progress line can go
		}
	}
	go func() {
		_, err := a.Call(waits.Watch(ctx, report), r.e, arg, report)
		done <- err
	}()
	tick := time.NewTicker(r.o.Tick)
	defer tick.Stop()
	lastPct, lastStep := -10, ""
	var total int64 // of the transfer seen, for its closing 100 % line
	var said noticeSaid
	for {
		select {
		case x := <-prog:
			switch v := x.(type) {
			case page.Bytes:
				if v.Total > 0 {
					total = v.Total
					pct := int(v.Done * 100 / v.Total)
					if pct >= lastPct+10 || pct == 100 && lastPct != 100 {
						lastPct = pct - pct%10
						r.say(r.t.LineProgress(pct, r.t.Of(v.Done, v.Total)))
					}
				}
			case crmclient.InstallProgress:
				if line := page.InstallLine(r.t, v); line != "" && line != lastStep {
					lastStep = line
					r.say("  " + line)
				}
			}
			r.sayNotice(waits, &said)
		case res := <-r.noticeAnswers(waits, &said):
			if r.noticeAnswer(waits, &said, res) {
				cancel()
			}
			r.sayNotice(waits, &said)
		case <-tick.C:
			r.say(r.t.LineWaiting(label, r.t.Duration(r.o.Now().Sub(start))))
		case err := <-done:
			if out, paused := waits.Outcome(err); paused {
				return &pausedError{out}
			}
			if err != nil && r.ctx.Err() != nil && a.Run.Server != "" {
				r.say(r.t.LineCancelled(a.Run.Server))
			}
			// A finished transfer closes with 100 %: the last progress
			// report can come before the last bytes are through, or be
			// dropped while the channel is full (the upload stopped at
			// "90 %" in the trial, then 1CRM's check began).
			if err == nil && total > 0 && lastPct != 100 {
				r.say(r.t.LineProgress(100, r.t.Of(total, total)))
			}
			return err
		}
	}
}
