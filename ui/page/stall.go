package page

import (
	"context"
	"errors"
	"net/url"
	"sync"

	"github.com/visual4/1crm-update/steps"
)

// Long waits (issue 8 item 7). The backup and the install report a
// steps.Stall while 1CRM does not answer or a step does not move on
// (Running.Stalls marks them). A renderer watches each run of such an
// action with a Waits and shows its Notice — the headline, what goes on on
// the server, and the choices — until the wait goes on (a report with
// Ended), the admin waits on, or the action returns. What each choice does
// is decided here, once:
//
//	w  wait on: the notice goes until the next stall (a report after an Ended)
//	b  check in the browser: the notice names the admin page to look at
//	o  (after b, where a browser can be opened here) open that page
//	p  pause: the renderer cancels the action's context; the action returns
//	   context.Canceled, stays journaled as started, and the program ends
//	   as paused (exit 0, resumable) with StallPaused's words (Outcome)

// The notice's choice ids.
const (
	StallWaitOn = "stall wait"
	StallCheck  = "stall check"
	StallOpen   = "stall open"
	StallPause  = "stall pause"
)

// Notice is the long-wait notice as both renderers show it.
type Notice struct {
	Title string // the headline, e.g. "No answer from 1CRM for 1 min 30 s"
	Text  string // what goes on on the server and what each choice does
	// Open is the line naming the admin page, once "check in the
	// browser" was picked; URL is that page (for the open choice).
	Open, URL string
	Choices   []Choice // picked by key; Do is nil: Pick does it
	// Episode counts the stalls of this run (1, 2, …): a renderer that
	// says things once (the line mode) says a new episode whole and a
	// repeat of the same one by its headline.
	Episode int
}

// Waits is the long-wait state of one run of an action. Its reports come
// from the action's goroutines, Notice and Pick from the renderer's.
type Waits struct {
	ui   *UI
	wake func(any)

	mu      sync.Mutex
	cur     steps.Stall
	up      bool // a stall is going on (the last report was not Ended)
	hidden  bool // waited on: not shown until the next stall
	check   bool // check in the browser was picked in this stall
	paused  bool
	episode int
}

// NewWaits watches a run of a; nil when a reports no stalls (the methods
// of a nil *Waits do nothing).
func NewWaits(ui *UI, a *Action) *Waits {
	if a == nil || a.Run == nil || !a.Run.Stalls {
		return nil
	}
	return &Waits{ui: ui}
}

// Watch returns ctx with the stall report set (steps.WithStallReport).
// wake is the action's progress report: each stall is passed on to it,
// so the renderer looks at Notice again. The notice itself is kept here,
// so a renderer that drops a progress value for a newer one loses nothing.
func (w *Waits) Watch(ctx context.Context, wake func(any)) context.Context {
	if w == nil {
		return ctx
	}
	w.wake = wake
	return steps.WithStallReport(ctx, w.Report)
}

// Report takes one stall report (steps calls it through Watch's context).
func (w *Waits) Report(s steps.Stall) {
	if w == nil {
		return
	}
	w.mu.Lock()
	if s.Ended {
		w.up, w.hidden, w.check = false, false, false
	} else {
		if !w.up {
			w.episode++
		}
		w.up, w.cur = true, s
	}
	w.mu.Unlock()
	if w.wake != nil {
		w.wake(s)
	}
}

// Notice is what to show now; nil = nothing (no stall, or waited on).
// After pause it only says that the wizard is pausing.
func (w *Waits) Notice() *Notice {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	t := w.ui.T
	if w.paused {
		return &Notice{Title: t.StallPausing(), Episode: w.episode}
	}
	if !w.up || w.hidden {
		return nil
	}
	n := &Notice{Title: w.cur.Title, Text: w.cur.Text, Episode: w.episode, Choices: []Choice{
		{ID: StallWaitOn, Key: "w", Label: t.StallWaitOn()},
		{ID: StallCheck, Key: "b", Label: t.StallCheckBrowser()},
		{ID: StallPause, Key: "p", Label: t.StallPause()},
	}}
	if w.check && w.cur.CheckURL != "" {
		n.Open, n.URL = t.StallOpen(w.cur.CheckURL), w.cur.CheckURL
		if w.ui.CanOpenBrowser && openable(n.URL) {
			n.Choices = append(n.Choices, Choice{ID: StallOpen, Key: "o", Label: t.StallOpenNow()})
		}
	}
	return n
}

// openable: only a plain web address without credentials goes to the
// desktop's browser (it becomes a process argument).
func openable(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.User == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Pick does what the notice's choice id does while the notice is shown.
// cancel: the renderer must cancel the action's context now (pause).
// The open choice is the renderer's (its opener, Notice.URL).
func (w *Waits) Pick(id string) (cancel bool) {
	if w == nil {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.up || w.hidden || w.paused {
		return false
	}
	switch id {
	case StallWaitOn:
		w.hidden = true
	case StallCheck:
		w.check = true
	case StallPause:
		w.paused = true
		return true
	}
	return false
}

// PickKey is Pick by the choice's key; ok is false for a key the notice
// does not offer now.
func (w *Waits) PickKey(key string) (id string, cancel, ok bool) {
	n := w.Notice()
	if n == nil {
		return "", false, false
	}
	for _, c := range n.Choices {
		if c.Key == key {
			return c.ID, w.Pick(c.ID), true
		}
	}
	return "", false, false
}

// Outcome is what follows the action's return when the admin paused it:
// the program ends as paused (exit 0, resumable). ok is false when the
// action was not paused, or ended otherwise than by the pause (it
// finished after all, or failed on its own): then page.Settle decides.
func (w *Waits) Outcome(err error) (out Outcome, ok bool) {
	if w == nil || err == nil || !errors.Is(err, context.Canceled) {
		return Outcome{}, false
	}
	w.mu.Lock()
	paused := w.paused
	w.mu.Unlock()
	if !paused {
		return Outcome{}, false
	}
	return Outcome{Follow: Quit, Exit: ExitPaused, Farewell: w.ui.T.StallPaused()}, true
}
