package linemode

import (
	"context"
	"errors"

	"github.com/visual4/1crm-update/ui/page"
)

// The loop: a visit per step due, its page printed, its choices read, the
// chosen action run and settled exactly as the full screen does it
// (page.Settle) — the same engine calls in the same order.

func (r *runner) run() Exit {
	for _, b := range r.o.Banners {
		r.say("!! " + b)
	}
	first := page.StepStart
	if r.e.Unfinished() != nil {
		first = page.StepResume
	}
	v := page.Open(r.e, first)
	for {
		if r.ctx.Err() != nil {
			r.say(r.t.InterruptedFarewell())
			return page.ExitInterrupted
		}
		exit, err := r.visit(v)
		if err != nil {
			return r.exitFor(err)
		}
		if exit != page.ExitNone {
			return exit
		}
		v = page.Open(r.e, r.e.Next())
	}
}

// exitFor maps an end of the loop to an exit and a last line.
func (r *runner) exitFor(err error) Exit {
	switch {
	case errors.Is(err, errEOF):
		r.say(r.t.LineEOF())
		return page.ExitInterrupted
	case errors.Is(err, errPaused):
		if r.farewell == "" {
			r.farewell = r.t.PausedFarewellShort()
		}
		return page.ExitPaused
	case errors.Is(err, context.Canceled), r.ctx.Err() != nil:
		r.say(r.t.InterruptedFarewell())
		return page.ExitInterrupted
	}
	return page.ExitFailed
}

// visit shows one step until it hands over to the next (ExitNone, nil),
// ends the program (an Exit) or stops (an error: EOF, paused).
func (r *runner) visit(v *page.Visit) (Exit, error) {
	r.said = map[string]bool{}
	p := page.Build(r.e.Snapshot(), r.ui, v)
	r.header(p)
	for !p.Skip {
		r.print(p)
		a, arg, err := r.next(p, v)
		if err != nil {
			return page.ExitNone, err
		}
		out, err := r.perform(v, a, arg)
		if err != nil {
			return page.ExitNone, err
		}
		switch out.Follow {
		case page.Advance:
			return page.ExitNone, nil
		case page.Quit:
			return r.quit(p, out), nil
		case page.ShowReport:
			r.say(r.e.Report())
		}
		if v.Refused != "" && !out.Reask {
			r.say("[X] " + v.Refused)
		}
		p = page.Build(r.e.Snapshot(), r.ui, v)
	}
	return page.ExitNone, nil
}

// perform runs a and what it chains to; a failure goes to the error page.
func (r *runner) perform(v *page.Visit, a *page.Action, arg page.Arg) (page.Outcome, error) {
	for {
		out, err := r.runAction(v, a, arg)
		if err != nil {
			return out, err
		}
		if out.Err != nil {
			if out, err = r.failure(v, out.Err, a, arg); err != nil {
				return out, err
			}
		}
		switch {
		case out.Chain != nil:
			a, arg = out.Chain, page.Arg{}
		case out.Reask:
			// steps refused the text: said, then asked again at once,
			// offering what was typed for correcting.
			r.say("[X] " + v.Refused)
			if a = sameAction(page.Build(r.e.Snapshot(), r.ui, v), a.ID); a == nil {
				return page.Outcome{Follow: page.Stay, Reask: true}, nil
			}
			arg = page.Arg{Item: arg.Item}
		default:
			return out, nil
		}
	}
}

// sameAction is the action id on the rebuilt page p.
func sameAction(p page.Page, id string) *page.Action {
	for _, c := range p.Choices {
		if c.Do != nil && c.Do.ID == id {
			return c.Do
		}
	}
	return nil
}

// runAction asks an action's text, runs it and settles it.
func (r *runner) runAction(v *page.Visit, a *page.Action, arg page.Arg) (page.Outcome, error) {
	if a.Ask != nil && arg.Text == "" {
		ask := *a.Ask
		if v.Refused != "" {
			ask.Initial = v.Kept
		}
		txt, err := r.text(&ask)
		if err != nil {
			return page.Outcome{}, err
		}
		arg.Text = txt
	}
	err := r.act(a, arg)
	var paused *pausedError
	if errors.As(err, &paused) {
		return paused.out, nil
	}
	if errors.Is(err, context.Canceled) {
		return page.Outcome{}, err
	}
	return page.Settle(v, a, arg, err), nil
}

// quit ends the program on p as out says.
func (r *runner) quit(p page.Page, out page.Outcome) Exit {
	switch {
	case out.Farewell != "":
		r.farewell = out.Farewell
	case p.Farewell != "":
		r.farewell = p.Farewell
	case p.Blocked:
		// "[X] not possible, nothing changed" was just said: where to read what to do.
		r.farewell = r.t.ReportHint(r.o.ReportCmd)
	case out.Exit == page.ExitPaused:
		r.farewell = r.t.PausedFarewellShort()
	}
	return out.Exit
}

// failure says what went wrong and what is safe now (page.FailurePage)
// and runs the admin's pick; the outcome says where to go on.
func (r *runner) failure(v *page.Visit, err error, a *page.Action, arg page.Arg) (page.Outcome, error) {
	fl := page.NewFailure(r.ui, err, a, arg)
	for {
		r.sayFailure(fl)
		if fl.Relogin {
			if e := r.relogin(fl); e != nil {
				return page.Outcome{}, e
			}
			return r.retry(v, fl)
		}
		c, e := r.choose(page.FailurePage(r.e.Snapshot(), r.ui, fl).Choices, r.t.ErrorSafe())
		if e != nil {
			return page.Outcome{}, e
		}
		if c.ID == "retry" {
			return r.retry(v, fl)
		}
		if e := r.act(c.Do, page.Arg{}); e != nil {
			fl.Reword(r.t, e) // a pick here that fails too is said here
			continue
		}
		switch then := c.Do.Then; then.Follow {
		case page.ShowReport:
			r.say(r.e.Report())
		case page.Quit:
			jp := ""
			if r.o.JournalPath != nil {
				jp = r.o.JournalPath()
			}
			return page.Outcome{Follow: page.Quit, Exit: then.Exit, Farewell: r.t.FailedFarewell(jp, r.o.ReportCmd)}, nil
		default:
			return page.Outcome{Follow: then.Follow}, nil
		}
	}
}

// retry runs the failed action again; its outcome is the action's own.
func (r *runner) retry(v *page.Visit, fl *page.Failure) (page.Outcome, error) {
	out, err := r.runAction(v, fl.Retry, fl.Arg)
	if err == nil && out.Err != nil {
		return r.failure(v, out.Err, fl.Retry, fl.Arg)
	}
	return out, err
}

// relogin asks for the password (and the user, Enter keeps it) of the
// instance that rejected the login and hands them to the app.
func (r *runner) relogin(fl *page.Failure) error {
	user := fl.User
	r.say(r.t.ReloginTitle(user, fl.LoginURL))
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
	if e := r.o.Relogin(fl.Stage, user, pw); e != nil {
		r.say("[X] " + page.ErrorLine(r.t, e))
	}
	return nil
}
