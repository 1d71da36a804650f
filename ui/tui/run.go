package tui

import (
	"context"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/stream"
	"github.com/visual4/1crm-update/ui/widgets"
)

// streamMsg is a message of the running action's stream.
type streamMsg = stream.Msg

// running is the state of the action in flight (a page's long call, run
// in a worker goroutine; bubbletea examples/realtime).
type running struct {
	a        *page.Action
	arg      page.Arg
	label    string
	stream   *stream.Stream
	started  time.Time
	transfer *widgets.Transfer
	elapsed  time.Duration
	install  *crmclient.InstallProgress
}

// start runs a in the background; the spinner and the stream are armed.
func (m *Model) start(a *page.Action, arg page.Arg) tea.Cmd {
	e := m.e
	st, first := stream.Start(m.o.Context, func(ctx context.Context, report func(any)) (any, error) {
		return a.Call(ctx, e, arg, report)
	})
	m.run = &running{a: a, arg: arg, label: a.Run.LabelFor(arg), stream: st, started: m.o.Now()}
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
		case page.Bytes:
			if r.transfer == nil {
				// The rate counts from the first report: a resumed download
				// starts with its kept part, a backup check after the backup.
				r.transfer = &widgets.Transfer{Started: m.o.Now(), Base: v.Done}
			}
			r.transfer.Done, r.transfer.Total, r.transfer.Now = v.Done, v.Total, m.o.Now()
		case time.Duration:
			r.elapsed = v
		case crmclient.InstallProgress:
			r.install = &v
		}
		return r.stream.Next()
	}
	m.run = nil
	m.askCancel = false
	return m.settle(r.a, r.arg, msg.Err)
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
	act := strings.Split(widgets.Wrap(widgets.Activity(m.s, m.t, m.spin.View(), r.label, elapsed), width-4), "\n")
	b.WriteString(strings.Join(act, "\n  "))
	if r.install != nil {
		b.WriteString("\n" + m.s.Muted.Render(page.InstallLine(m.t, *r.install)))
	}
	if r.transfer != nil && r.transfer.Total > 0 {
		b.WriteString("\n\n" + widgets.ProgressView(m.s, m.t, *r.transfer, width-2))
	}
	return b.String()
}

// cancelView is the Ctrl-C dialog while an action runs.
func (m *Model) cancelView(width int) string {
	body := m.t.ConfirmCancelBody(m.run.label, m.run.a.Run.Server)
	box := m.s.Bold.Render(m.t.ConfirmCancelTitle()) + "\n\n" + widgets.Wrap(body, width-8) +
		"\n\n" + m.s.Key.Render(m.t.ConfirmCancelYes()) + "\n" + m.s.Key.Render(m.t.ConfirmCancelNo())
	return m.s.Box.Render(box)
}
