package linemode

import (
	"fmt"
	"io"
	"strings"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/page"
)

// Printing a page as lines: every status with its text marker, nothing
// that moves the cursor, each thing said once per visit.

// header names the step (once per visit) with the banners that matter now.
func (r *runner) header(p page.Page) {
	if p.Step == page.StepStart {
		return
	}
	r.say("")
	switch {
	case p.Of > 0:
		r.say("== " + r.t.StepOf(p.N, p.Of, p.Title) + " ==")
	case p.N > 0: // before the path: no total yet
		r.say("== " + r.t.StepNoTotal(p.N, p.Title) + " ==")
	default:
		r.say("== " + p.Title + " ==")
	}
	if p.Step == page.StepResume {
		return
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

func marker(k page.Mark) string {
	switch k {
	case page.MarkOK:
		return "[OK]"
	case page.MarkWarn:
		return "[!]"
	case page.MarkBad:
		return "[X]"
	case page.MarkTodo:
		return "[ ]"
	}
	return "[-]"
}

// print says what of p this visit has not said yet.
func (r *runner) print(p page.Page) {
	if p.Resume != nil {
		r.printResume(p.Resume)
		return
	}
	for _, b := range p.Blocks {
		for _, s := range r.lines(b) {
			r.once(s)
		}
	}
	if m := p.Mail; m != nil && !r.said["mail:"+m.Subject] {
		r.said["mail:"+m.Subject] = true
		r.printMail(m)
	}
}

// lines is a block as the units a re-read leaves out when said before.
func (r *runner) lines(b page.Block) []string {
	switch b := b.(type) {
	case page.Fact:
		return []string{b.Label + ": " + b.Value}
	case page.Status:
		return []string{marker(b.Mark) + " " + b.Text}
	case page.Heading:
		s := b.Text
		if b.Mark != "" {
			s = marker(b.Mark) + " " + s
		}
		if b.Tag != "" {
			s += " " + b.Tag
		}
		return []string{s}
	case page.Para:
		if b.Indent {
			return []string{"  " + b.Text}
		}
		return []string{b.Text}
	case page.Verdicts:
		var out []string
		for _, v := range b.List {
			s := marker(page.MarkOf(v.Level)) + " " + v.Title
			if v.Detail != "" {
				s += "\n    " + v.Detail
			}
			if v.Advice != "" && v.Level != steps.LevelOK {
				s += "\n    -> " + v.Advice
			}
			out = append(out, s)
		}
		return out
	case page.Numbered:
		var out []string
		for i, it := range b.Items {
			out = append(out, fmt.Sprintf("  %d. %s", i+1, it))
		}
		return out
	case page.Alert:
		return []string{"!! " + b.Text}
	case page.Crumbs:
		var cs []string
		for _, c := range b.List {
			k := page.MarkTodo
			if c.Done {
				k = page.MarkOK
			}
			cs = append(cs, marker(k)+" "+c.Label)
		}
		return []string{strings.Join(cs, " > ")}
	}
	return nil // Gap: no blank lines in between
}

// printMail prints a mail whole: it is selected and copied from here.
func (r *runner) printMail(m *page.Mail) {
	if m.Intro != "" {
		r.say(m.Intro)
	}
	r.say(r.t.MailTo() + ": " + m.To)
	r.say(r.t.MailSubject() + ": " + m.Subject)
	r.say("-----")
	r.say(m.Body)
	r.say("-----")
	if m.MailtoURL != "" {
		r.say(r.t.LineMailtoLink())
		r.say(m.MailtoURL)
	}
}

func (r *runner) printResume(s *page.Resume) {
	r.say(s.Found)
	if s.Instance != "" {
		r.say(s.Instance)
	}
	if s.Other != "" {
		r.say("[!] " + s.Other)
	}
	if s.Path != "" {
		r.say(s.Path)
	}
	r.say(r.t.ResumeDone())
	for _, d := range s.Done {
		r.say("[OK] " + d)
	}
	for _, u := range s.Unconfirmed { // W8: reconciled on connect, not repeated
		r.say("[!] " + u)
	}
	r.say(s.Next)
	r.say(s.Note)
}

// sayFailure says what happened, the server's state and where the journal is.
func (r *runner) sayFailure(fl *page.Failure) {
	r.say("")
	r.say("[X] " + r.t.ErrorTitle())
	r.say(fl.Cause)
	if fl.Detail != "" {
		r.say("    " + fl.Detail)
	}
	if fl.Server != "" {
		r.say(r.t.ErrorServerState() + " " + fl.Server)
	}
	if fl.Journal != "" {
		r.say(r.t.ErrorJournalKept(fl.Journal))
	}
}

// Print writes p as the line mode says it on a fresh visit, with how its
// choices are offered, without reading an answer: the same printing the
// run does (tests put it next to the full screen's drawing of p).
func Print(w io.Writer, lang string, p page.Page) {
	ui := page.NewUI(lang)
	r := &runner{ui: ui, t: ui.T, st: ui.ST, out: w, said: map[string]bool{}}
	r.print(p)
	if p.Enter != nil {
		return
	}
	if p.Checklist != nil {
		r.say(r.t.LineChecklistHelp(r.st.AnswerName(steps.AnswerPassed), r.st.AnswerName(steps.AnswerProblem), r.st.AnswerName(steps.AnswerNA)))
		return
	}
	switch o := offerOf(p); {
	case o.auto != nil:
		r.say("-> " + o.auto.Label)
	case o.yesNo != nil:
		r.sayExtras(o.extras)
		r.say(r.yesNoQuestion(*o.yesNo, o.extras))
	case o.list:
		r.list(p.Choices, p.Question)
	}
}
