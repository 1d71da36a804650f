package tui

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/ui/stream"
	"github.com/visual4/1crm-update/ui/widgets"
)

// action is one long call into the wizard, run in a worker goroutine.
type action struct {
	label  string // what runs, for the screen and the cancel dialog
	server string // what state the server is in if the admin cancels now
	// firstContact: the action is the first request to the instance, so a
	// refused connection means a wrong address, not a dropped server.
	firstContact bool
	// stateOnlyWhileRunning: server describes the running action only and
	// is not repeated on the error screen.
	stateOnlyWhileRunning bool
	// run does the work; report takes int64 pairs (transfer), durations
	// (elapsed) or crmclient.InstallProgress.
	run  func(ctx context.Context, report func(any)) (any, error)
	done func(m *Model, v any, err error) tea.Cmd // back on the UI goroutine
}

type transferMsg struct{ done, total int64 }

// running is the state of the action in flight.
type running struct {
	a        action
	stream   *stream.Stream
	started  time.Time
	transfer *widgets.Transfer
	elapsed  time.Duration
	install  *crmclient.InstallProgress
}

// start runs a in the background; the spinner and the stream are armed.
func (m *Model) start(a action) tea.Cmd {
	st, first := stream.Start(m.o.Context, a.run)
	m.run = &running{a: a, stream: st, started: m.o.Now()}
	m.fail = nil
	return tea.Batch(first, m.spin.Tick)
}

// onStream handles one message of the running action and re-arms the stream.
func (m *Model) onStream(msg stream.Msg) tea.Cmd {
	if m.run == nil || msg.ID != m.run.stream.ID {
		return nil // a stream that was abandoned
	}
	r := m.run
	if !msg.Done {
		switch v := msg.Body.(type) {
		case transferMsg:
			if r.transfer == nil {
				// The rate counts from the first report: a resumed download
				// starts with its kept part, a backup check after the backup.
				r.transfer = &widgets.Transfer{Started: m.o.Now(), Base: v.done}
			}
			r.transfer.Done, r.transfer.Total, r.transfer.Now = v.done, v.total, m.o.Now()
		case time.Duration:
			r.elapsed = v
		case crmclient.InstallProgress:
			r.install = &v
		}
		return r.stream.Next()
	}
	m.run = nil
	m.askCancel = false
	if r.a.done != nil {
		return r.a.done(m, msg.Result, msg.Err)
	}
	if msg.Err != nil {
		return m.showError(msg.Err, &r.a)
	}
	return nil
}

// runView renders the action in flight: a bar when the size is known, else
// a spinner with the elapsed time (backup, install).
func (m *Model) runView(width int) string {
	r := m.run
	var b strings.Builder
	elapsed := m.o.Now().Sub(r.started)
	if r.elapsed > elapsed {
		elapsed = r.elapsed
	}
	// Wrapped, not cut: a long label (the W8 reconcile) must not push the
	// elapsed time off the screen; follow-on lines hang under the label.
	act := strings.Split(widgets.Wrap(widgets.Activity(m.s, m.t, m.spin.View(), r.a.label, elapsed), width-4), "\n")
	b.WriteString(strings.Join(act, "\n  "))
	if r.install != nil {
		b.WriteString("\n" + m.s.Muted.Render(m.installLine(*r.install)))
	}
	if r.transfer != nil && r.transfer.Total > 0 {
		b.WriteString("\n\n" + widgets.ProgressView(m.s, m.t, *r.transfer, width-2))
	}
	return b.String()
}

func (m *Model) installLine(p crmclient.InstallProgress) string {
	if p.Of > 0 {
		return m.t.InstallStep(p.Step, p.Of, StripStepPrefix(p.Text))
	}
	if p.Polling {
		return m.t.InstallPolling()
	}
	return p.Text
}

// cancelView is the Ctrl-C dialog while an action runs.
func (m *Model) cancelView(width int) string {
	body := m.t.ConfirmCancelBody(m.run.a.label, m.run.a.server)
	box := m.s.Bold.Render(m.t.ConfirmCancelTitle()) + "\n\n" + widgets.Wrap(body, width-8) +
		"\n\n" + m.s.Key.Render(m.t.ConfirmCancelYes()) + "\n" + m.s.Key.Render(m.t.ConfirmCancelNo())
	return m.s.Box.Render(box)
}

// isCancel reports whether err is the admin's own cancel.
func isCancel(err error) bool { return errors.Is(err, context.Canceled) }

// stepPrefix is the server's own "Step 2 of 6: " in front of a step name;
// the wizard says "Schritt 2 von 6" itself, in the admin's language.
var stepPrefix = regexp.MustCompile(`^\s*(Step|Schritt)\s+\d+\s+(of|von)\s+\d+\s*[:.-]?\s*`)

// StripStepPrefix removes the server's "Step N of M:" from a progress text.
func StripStepPrefix(s string) string { return stepPrefix.ReplaceAllString(s, "") }
