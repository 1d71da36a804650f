// Package linemode is the accessible wizard (W10): the same steps as the
// full-screen UI, as plain lines and numbered questions. No cursor
// movement, no redrawing, no colour: usable with a screen reader, on a dumb
// terminal, and scriptable — answers are read line by line from an
// io.Reader, everything is written to an io.Writer.
package linemode

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/text"
	"github.com/visual4/1crm-update/ui/tui"
)

// Options wire the line mode to a wizard.
type Options struct {
	Engine       tui.Engine
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

// Exit mirrors tui.Exit.
type Exit = tui.Exit

// errEOF: the input ended while a question was open.
var errEOF = errors.New("input ended")

// errPaused: the admin chose to stop here (resumable).
var errPaused = errors.New("paused")

type runner struct {
	o   Options
	e   tui.Engine
	t   text.Texts
	st  steptext.Texts
	in  *lineReader
	out io.Writer
	ctx context.Context
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
	r := &runner{o: o, e: o.Engine, t: text.For(o.Lang), st: steptext.For(o.Lang), in: newLineReader(in), out: out, ctx: ctx}
	exit := r.run()
	if r.farewell != "" {
		r.say(r.farewell)
	}
	return exit
}

func (r *runner) run() Exit {
	for _, b := range r.o.Banners {
		r.say("!! " + b)
	}
	if err := r.begin(); err != nil {
		return r.exitFor(err)
	}
	for {
		if r.ctx.Err() != nil {
			r.say(r.t.InterruptedFarewell())
			return tui.ExitInterrupted
		}
		next := r.e.Next()
		r.header(next)
		var err error
		switch next {
		case steps.StepConnect:
			err = r.connect()
		case steps.StepPreflight:
			err = r.preflight()
		case steps.StepPackage:
			err = r.pkg()
		case steps.StepPath:
			err = r.path()
		case steps.StepRefreshRequest:
			err = r.refresh()
		case steps.StepParity:
			err = r.parity()
		case steps.StepTimeGuard:
			err = r.timeGuard()
		case steps.StepBackup:
			err = r.backup()
		case steps.StepInstall:
			err = r.install()
		case steps.StepSmoke:
			err = r.smoke()
		case steps.StepChecklist:
			err = r.checklist()
		case steps.StepGoLive:
			err = r.goLive()
		case steps.StepProblems:
			err = r.problems()
		default:
			r.done()
			return tui.ExitFinished
		}
		if err != nil {
			if errors.Is(err, errRetry) {
				continue
			}
			return r.exitFor(err)
		}
	}
}

var errRetry = errors.New("retry")

// errBlocked: preflight found a blocker (R6, uploads disabled); nothing changed.
var errBlocked = errors.New("blocked")

// exitFor maps the end of the loop to an exit and a last line.
func (r *runner) exitFor(err error) Exit {
	switch {
	case errors.Is(err, errEOF):
		r.say(r.t.LineEOF())
		return tui.ExitInterrupted
	case errors.Is(err, errPaused):
		if r.farewell == "" {
			r.farewell = r.t.PausedFarewellShort()
		}
		return tui.ExitPaused
	case errors.Is(err, context.Canceled), r.ctx.Err() != nil:
		r.say(r.t.InterruptedFarewell())
		return tui.ExitInterrupted
	}
	jp := ""
	if r.o.JournalPath != nil {
		jp = r.o.JournalPath()
	}
	if errors.Is(err, errBlocked) {
		// "[X] not possible, nothing changed" was just said (steps.go)
		r.farewell = r.t.ReportHint(r.o.ReportCmd)
		return tui.ExitFailed
	}
	r.farewell = r.t.FailedFarewell(jp, r.o.ReportCmd)
	return tui.ExitFailed
}

// --- output helpers --------------------------------------------------------

func (r *runner) say(s string) { fmt.Fprintln(r.out, s) }

func (r *runner) sayf(format string, a ...any) { fmt.Fprintf(r.out, format+"\n", a...) }

func (r *runner) header(next steps.StepID) {
	n, of := r.e.StepNumber()
	r.say("")
	title := r.st.StepName(string(next))
	if of > 0 {
		r.say("== " + r.t.StepOf(n, of, title) + " ==")
	} else {
		r.say("== " + title + " ==")
	}
	if r.e.Snapshot().Insecure {
		r.say("!! " + r.t.InsecureBanner())
	}
	if c := r.e.Countdown(); c.Applies {
		switch {
		case c.ReportPassed:
			r.say("!! " + r.t.CountdownPassed16())
		case c.TestPassed:
			r.say("!! " + r.t.CountdownPassed15(c.ReportLeft))
		default:
			r.say(r.t.Countdown(c.TestLeft, c.ReportLeft))
		}
	}
}

func (r *runner) fact(label, value string) { r.sayf("%s: %s", label, value) }

func mark(l steps.Level) string {
	switch l {
	case steps.LevelOK:
		return "[OK]"
	case steps.LevelWarn:
		return "[!]"
	case steps.LevelBlock:
		return "[X]"
	}
	return "[-]"
}

func (r *runner) verdicts(vs []steps.Verdict) {
	for _, v := range vs {
		r.say(mark(v.Level) + " " + v.Title)
		if v.Detail != "" {
			r.say("    " + v.Detail)
		}
		if v.Advice != "" && v.Level != steps.LevelOK {
			r.say("    -> " + v.Advice)
		}
	}
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

// yes asks a yes/no question.
func (r *runner) yes(q string) (bool, error) {
	a, err := r.ask(q + " " + r.t.LineYesNo())
	if err != nil {
		return false, err
	}
	return r.t.IsYes(a), nil
}

// choose lists numbered options and returns the index picked (0-based).
func (r *runner) choose(q string, options []string) (int, error) {
	if q != "" {
		r.say(q)
	}
	for i, o := range options {
		r.sayf("  %d) %s", i+1, o)
	}
	for {
		a, err := r.ask(r.t.LineChoose())
		if err != nil {
			return 0, err
		}
		if n, err := strconv.Atoi(a); err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		r.say(r.t.LineInvalid())
	}
}

// required asks until a non-empty answer comes.
func (r *runner) required(q, help string) (string, error) {
	if help != "" {
		r.say(help)
	}
	for {
		a, err := r.ask(q + ":")
		if err != nil {
			return "", err
		}
		if a != "" {
			return a, nil
		}
		r.say(r.t.ReasonRequired())
	}
}

// --- running actions -------------------------------------------------------

// act runs fn with periodic progress lines. report receives transfer pairs
// (printed at each further 10 %), durations or install progress.
// server says what state the server is in if the admin interrupts now.
func (r *runner) act(label, server string, fn func(ctx context.Context, report func(any)) (any, error)) (any, error) {
	r.say(label + " …")
	start := r.o.Now()
	type res struct {
		v   any
		err error
	}
	done := make(chan res, 1)
	prog := make(chan any, 16)
	go func() {
		v, err := fn(r.ctx, func(x any) {
			select {
			case prog <- x:
			default:
			}
		})
		done <- res{v, err}
	}()
	tick := time.NewTicker(r.o.Tick)
	defer tick.Stop()
	lastPct := -10
	lastStep := ""
	for {
		select {
		case x := <-prog:
			switch v := x.(type) {
			case [2]int64:
				if v[1] > 0 {
					pct := int(v[0] * 100 / v[1])
					if pct >= lastPct+10 || pct == 100 && lastPct != 100 {
						lastPct = pct - pct%10
						if pct == 100 {
							lastPct = 100
						}
						r.say(r.t.LineProgress(pct, r.t.Of(v[0], v[1])))
					}
				}
			case crmclient.InstallProgress:
				line := v.Text
				if v.Of > 0 {
					line = r.t.InstallStep(v.Step, v.Of, tui.StripStepPrefix(v.Text))
				} else if v.Polling {
					line = r.t.InstallPolling()
				}
				if line != "" && line != lastStep {
					lastStep = line
					r.say("  " + line)
				}
			}
		case <-tick.C:
			r.say(r.t.LineWaiting(label, r.t.Duration(r.o.Now().Sub(start))))
		case x := <-done:
			if x.err != nil && r.ctx.Err() != nil && server != "" {
				r.say(r.t.LineCancelled(server))
			}
			return x.v, x.err
		}
	}
}

// fail prints an error in plain words and asks what to do: retry or stop.
// It returns errRetry when the admin wants to try again. firstContact
// marks the connect step (a refused connection there is a wrong address).
func (r *runner) fail(err error) error { return r.failAt(err, false, "") }

func (r *runner) failAt(err error, firstContact bool, server string) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	r.say("")
	r.say("[X] " + r.t.ErrorTitle())
	var ref *steps.Refusal
	code := tui.CauseCode(err)
	if code == "network_refused" && !firstContact {
		code = "network_dropped"
	}
	cause, detail := tui.Explain(r.t, err)
	if code != tui.CauseCode(err) {
		cause = r.t.Cause(code)
	}
	r.say(cause)
	if detail != "" {
		r.say("    " + detail)
	}
	if server != "" {
		r.say(r.t.ErrorServerState() + " " + server)
	}
	if r.o.JournalPath != nil && r.o.JournalPath() != "" {
		r.say(r.t.ErrorJournalKept(r.o.JournalPath()))
	}
	if code == "wrong_password" && r.o.Relogin != nil && r.o.AskSecret != nil {
		if e := r.relogin(err); e != nil {
			return e
		}
		return errRetry
	}
	var ids, opts []string
	add := func(id, label string) { ids, opts = append(ids, id), append(opts, label) }
	if !tui.NoRetry(code) {
		add("retry", r.t.Retry())
	}
	add("report", r.t.OpenReport())
	add("quit", r.t.Quit())
	// R13, R14: where the server may have changed, the failure can go to
	// the partner as a problem (the problems step with the ways back).
	if ref == nil {
		switch r.e.Next() {
		case steps.StepBackup, steps.StepInstall, steps.StepSmoke:
			add("problem", strings.TrimPrefix(r.t.ErrorProblemHint(), "m — "))
		}
	}
	i, e := r.choose(r.t.ErrorSafe(), opts)
	if e != nil {
		return e
	}
	switch ids[i] {
	case "retry":
		return errRetry
	case "report":
		r.say(r.e.Report())
		return r.failAt(err, firstContact, server)
	case "problem":
		note := tui.ProblemNoteFor(r.t, r.st, r.e.Snapshot(), r.e.Next(), tui.ErrStage(err), cause, detail)
		if e := r.e.ReportProblem(note); e != nil {
			r.say("[X] " + tui.ErrorLine(r.t, e))
			return r.failAt(err, firstContact, server)
		}
		return errRetry // the loop shows the step that is due now: problems
	}
	return err
}

// relogin asks for the password (and the user, Enter keeps it) of the
// instance that rejected the login and hands them to the app.
func (r *runner) relogin(err error) error {
	stage := steps.StageLive
	var ae *steps.ActionError
	if errors.As(err, &ae) && ae.Stage != "" {
		stage = ae.Stage
	}
	url := r.o.LiveURL
	if stage == steps.StageTest && r.o.TestURL != "" {
		url = r.o.TestURL
	}
	user := ""
	if r.o.LoginUser != nil {
		user = r.o.LoginUser(stage)
	}
	r.say(r.t.ReloginTitle(user, url))
	a, e := r.ask(r.t.ReloginUser() + " [" + user + "]:")
	if e != nil {
		return e
	}
	if a != "" {
		user = a
	}
	pw, e := r.o.AskSecret(r.t.ReloginPassword() + ":")
	if e != nil {
		return errEOF
	}
	if e := r.o.Relogin(stage, user, pw); e != nil {
		r.say("[X] " + tui.ErrorLine(r.t, e))
	}
	return nil
}
