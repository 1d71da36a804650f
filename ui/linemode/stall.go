package linemode

import (
	"strings"

	"github.com/visual4/1crm-update/ui/page"
)

// The long-wait notice in lines (page.Waits decides what it says and what
// each choice does). A new stall is said whole: headline, text, choices
// and how to answer; while it lasts, a changed headline ("… for 1 min
// 15 s") is said alone, so a screen reader is not read the text again
// every 15 s. The choice is read from the input while the action goes on
// (lineReader.await): a line that is no choice of the notice is kept for
// the next question when the input is a script, so a scripted answer is
// never lost to a notice that came up at an unforeseen moment.

// noticeSaid is what of the current notice this action already said.
type noticeSaid struct {
	episode int
	title   string
	open    string
	// held: a line belonging to the next question is kept back, or the
	// input ended; nothing more is read while the action runs.
	held bool
}

// pausedError ends an action the admin paused at the notice: the program
// ends as out says (paused, resumable).
type pausedError struct{ out page.Outcome }

func (e *pausedError) Error() string { return "paused at the long-wait notice" }

// sayNotice says what of the notice is new.
func (r *runner) sayNotice(w *page.Waits, said *noticeSaid) {
	n := w.Notice()
	if n == nil {
		return
	}
	if len(n.Choices) == 0 { // pausing: no choice left
		if n.Title != said.title {
			said.title = n.Title
			r.say(n.Title)
		}
		return
	}
	if n.Episode != said.episode {
		said.episode, said.title, said.open = n.Episode, n.Title, ""
		r.say("")
		r.say("[!] " + n.Title)
		r.say(n.Text)
		for _, c := range n.Choices {
			r.say("  [" + c.Key + "] " + c.Label)
		}
		r.say(r.t.StallLineHow())
	} else if n.Title != said.title {
		said.title = n.Title
		r.say("[!] " + n.Title)
	}
	if n.Open != "" && n.Open != said.open {
		said.open = n.Open
		r.say(n.Open)
	}
}

// noticeAnswers is the input to read while the notice offers choices;
// nil (never ready) otherwise.
func (r *runner) noticeAnswers(w *page.Waits, said *noticeSaid) <-chan result {
	if said.held {
		return nil
	}
	if n := w.Notice(); n == nil || len(n.Choices) == 0 {
		return nil
	}
	return r.in.await()
}

// noticeAnswer takes a line read while the notice was up. cancel: the
// admin paused; the action's context must end.
func (r *runner) noticeAnswer(w *page.Waits, said *noticeSaid, res result) (cancel bool) {
	if res.err != nil {
		r.in.unread(res) // the input ended: the next question says so
		said.held = true
		return false
	}
	a := strings.ToLower(strings.TrimSpace(res.s))
	_, cancel, ok := w.PickKey(a)
	switch {
	case ok:
		r.in.took()
	case r.o.Echo:
		// A script's line for a later question: kept for it.
		r.in.unread(res)
		said.held = true
		return false
	default:
		r.in.took()
		if a != "" {
			r.say(r.t.LineInvalid())
		}
		return false
	}
	if r.o.Echo {
		r.say(a)
	}
	return cancel
}
