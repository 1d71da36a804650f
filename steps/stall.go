package steps

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/visual4/1crm-update/crmclient"
)

// Long waits on 1CRM (issue 8 item 7). The backup and the install may run
// for many minutes; the client watches them (crmclient/stall.go) and this
// file turns what it sees into a notice for the screen, worded in the
// run's language, and into journal events for the report.
//
// The UI asks for the notices per action, like net/http/httptrace:
//
//	ctx = steps.WithStallReport(ctx, func(s steps.Stall) { report(s) })
//	err := w.Backup(ctx, elapsed, verify)   // or w.Install(ctx, progress)
//
// and offers three choices while a notice is up: wait on (keep waiting;
// just dismiss the notice), check in the browser (show CheckURL), pause
// (cancel ctx — the action returns context.Canceled, stays journaled as
// started and is reconciled with the server on the next attempt; nothing
// is repeated).

// Which wait a Stall is about (crmclient's codes).
const (
	WaitBackup        = crmclient.WaitBackup        // the backup request (no limit: the admin pauses)
	WaitBackupHistory = crmclient.WaitBackupHistory // the request dropped; the wizard watches the backup history
	WaitInstallStep   = crmclient.WaitInstallStep   // an upgrade.php step, or the chain repeating one page
	WaitInstallList   = crmclient.WaitInstallList   // after the chain: waiting for the list to show it installed
)

// Stall is a notice about a wait on 1CRM that does not go as it should.
// Reports repeat about every 15 s while it lasts (Since grows); a report
// with Ended takes the notice down.
type Stall struct {
	Stage Stage
	Wait  string // one of the Wait* constants
	// Since: with Alive false, how long 1CRM has not answered anything;
	// with Alive true, how long the wait has not moved on (for the backup
	// history: since the backup started).
	Since time.Duration
	// Alive: 1CRM answers (busy, or a slow step); false: no answer at all.
	Alive bool
	// CheckURL is the admin page to look at in the browser: Backup
	// Management, or the upgrade manager's list. Looking changes nothing.
	CheckURL string
	// Limited: the wizard stops waiting by itself after Left more without
	// progress (the action then fails with a worded error, the server
	// change stays journaled). Not limited: it waits until paused.
	Limited bool
	Left    time.Duration
	// Ended: 1CRM answers again or the wait moved on: remove the notice.
	Ended bool
	// Title and Text are the notice in the run's language: the headline
	// ("No answer from 1CRM for 1 min 30 s"), then what goes on on the
	// server and what each choice does (and the limit, if any).
	Title string
	Text  string
}

type stallKey struct{}

// WithStallReport returns a context whose actions (Backup, Install) report
// stall notices to fn. fn is called from the action's helper goroutines,
// one report at a time; it must not block for long.
func WithStallReport(ctx context.Context, fn func(Stall)) context.Context {
	return context.WithValue(ctx, stallKey{}, fn)
}

// watchStalls hands the client a stall report for stage that words the
// notice, journals the start and the end of each stall, and passes it to
// the UI's report from ctx (if any).
func (w *Wizard) watchStalls(ctx context.Context, stage Stage) context.Context {
	fn, _ := ctx.Value(stallKey{}).(func(Stall))
	var mu sync.Mutex
	shown := false
	return crmclient.WithStallReport(ctx, func(cs crmclient.Stall) {
		s := w.stallNotice(stage, cs)
		mu.Lock()
		changed := shown == s.Ended
		shown = !s.Ended
		mu.Unlock()
		if changed && !s.Ended {
			w.journalStall("wait_stalled", s)
		}
		if changed && s.Ended {
			w.journalStall("wait_resumed", s)
		}
		if fn != nil {
			fn(s)
		}
	})
}

// stallNotice words a client stall for the screen.
func (w *Wizard) stallNotice(stage Stage, cs crmclient.Stall) Stall {
	// CheckURL keeps its query: it names the admin page (the client builds
	// it from the base URL, which never holds credentials).
	s := Stall{Stage: stage, Wait: cs.Wait, Since: cs.Since, Alive: cs.Alive, CheckURL: cs.CheckURL,
		Limited: cs.Limited, Left: cs.Left, Ended: cs.Ended}
	if s.Ended {
		return s
	}
	left := ""
	if s.Limited {
		left = w.tx.WaitDuration(s.Left)
	}
	s.Title = w.tx.StallTitle(s.Wait, w.tx.WaitDuration(s.Since), s.Alive)
	s.Text = w.tx.StallBody(s.Wait, s.Alive, left)
	return s
}

// journalStall records the start or end of a stall (for the report's
// technical trail; a failed write costs only that line).
func (w *Wizard) journalStall(event string, s Stall) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.j == nil {
		return
	}
	_ = w.j.Event(event, journalData("stage", string(s.Stage), "wait", s.Wait, "alive", boolStr(s.Alive),
		"since_s", strconv.Itoa(int(s.Since/time.Second))))
}
