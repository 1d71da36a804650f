package tui

import (
	"context"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

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
	// waits is the long-wait notice of this run (nil: the action reports
	// none); notice scrolls its text when it does not fit.
	waits  *page.Waits
	notice scroller
	opened string // what opening the page in the browser did, if it failed
}

// start runs a in the background; the spinner and the stream are armed.
func (m *Model) start(a *page.Action, arg page.Arg) tea.Cmd {
	e := m.e
	waits := page.NewWaits(m.ui, a)
	st, first := stream.Start(m.o.Context, func(ctx context.Context, report func(any)) (any, error) {
		return a.Call(waits.Watch(ctx, report), e, arg, report)
	})
	m.run = &running{a: a, arg: arg, label: a.Run.LabelFor(arg), stream: st, started: m.o.Now(), waits: waits}
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
		// A steps.Stall needs nothing here: r.waits keeps the notice.
		return r.stream.Next()
	}
	m.run = nil
	m.askCancel = false
	if out, paused := r.waits.Outcome(msg.Err); paused {
		m.farewell = out.Farewell
		return quit(out.Exit)
	}
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

// runKey takes a key while an action runs: the long-wait notice's
// choices and its scrolling; every other key waits.
func (m *Model) runKey(k tea.KeyMsg) tea.Cmd {
	r := m.run
	n := r.waits.Notice()
	if n == nil {
		return nil
	}
	if r.notice.handle(k) {
		return nil
	}
	id, cancel, ok := r.waits.PickKey(k.String())
	switch {
	case !ok:
	case cancel:
		// Pause: the action returns context.Canceled and stays journaled;
		// its return ends the program as paused (onStream).
		r.stream.Cancel()
	case id == page.StallCheck:
		r.notice.off = 1 << 20 // the address is the notice's last line: in view
	case id == page.StallOpen && m.o.Open != nil:
		r.opened = ""
		if err := m.o.Open(n.URL); err != nil {
			r.opened = m.t.StallOpenFailed(err.Error())
		}
	}
	return nil
}

// noticeView is the page while the long-wait notice is up: the notice
// scrolls above the action's progress and the choices, which stay.
func (m *Model) noticeView(n *page.Notice, width, room int) string {
	content := m.statusBlock(mark(page.MarkWarn), n.Title, width-6)
	if n.Text != "" {
		content += "\n\n" + widgets.Wrap(n.Text, width-2)
	}
	if n.Open != "" {
		content += "\n\n" + m.openLine(n, width-2)
	}
	foot := m.runView(width)
	if len(n.Choices) > 0 {
		var cs []string
		for _, c := range n.Choices {
			label := "[" + c.Key + "] " + c.Label
			if c.ID == page.StallPause {
				label = m.s.Warn.Render(label)
			}
			cs = append(cs, "  "+label)
		}
		foot += "\n\n" + strings.Join(cs, "\n")
		if m.run.opened != "" {
			foot += "\n" + m.s.Muted.Render(widgets.Wrap(m.run.opened, width-2))
		}
	}
	return m.window(&m.run.notice, content, room-countLines(foot)-1) + "\n\n" + foot
}

// openLine is the notice's address line: the sentence, then the address
// on lines of its own (an address is longer than the screen is wide), each
// an OSC 8 hyperlink to the whole address where colour is on, so a click
// on any part opens it.
func (m *Model) openLine(n *page.Notice, width int) string {
	lead := strings.TrimSpace(strings.TrimSuffix(n.Open, n.URL))
	out := lines(m.s.Bold, widgets.Wrap(lead, width))
	for u := []rune(n.URL); len(u) > 0; {
		k := min(len(u), width)
		part := string(u[:k])
		u = u[k:]
		if !m.s.Opts.NoColor {
			part = ansi.SetHyperlink(n.URL) + part + ansi.ResetHyperlink()
		}
		out += "\n" + part
	}
	return out
}

// cancelView is the Ctrl-C dialog while an action runs.
func (m *Model) cancelView(width int) string {
	body := m.t.ConfirmCancelBody(m.run.label, m.run.a.Run.Server)
	box := m.s.Bold.Render(m.t.ConfirmCancelTitle()) + "\n\n" + widgets.Wrap(body, width-8) +
		"\n\n" + m.s.Key.Render(m.t.ConfirmCancelYes()) + "\n" + m.s.Key.Render(m.t.ConfirmCancelNo())
	return m.s.Box.Render(box)
}
