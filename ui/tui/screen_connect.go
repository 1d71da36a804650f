package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/ui/widgets"
)

// connectScreen logs in to the instances (and reconciles after a crash, W8).
type connectScreen struct {
	notices []string
	done    bool
}

func (*connectScreen) title(m *Model) string { return m.st.StepName("connect") }
func (s *connectScreen) keys(m *Model) []key.Binding {
	if s.done {
		return []key.Binding{m.bind("enter", m.t.Continue())}
	}
	return nil
}
func (s *connectScreen) init(m *Model) tea.Cmd {
	label := m.t.Connecting()
	if m.pending != "" {
		// After a crash the connect also waits for the interrupted action
		// on the server (a backup may run for minutes): say so.
		label = m.t.ReconcileRunning(m.pending)
	}
	a := action{
		label:        label,
		server:       m.t.ServerUnchanged(),
		firstContact: true,
		run: func(ctx context.Context, _ func(any)) (any, error) {
			return nil, m.e.Connect(ctx)
		},
	}
	a.done = func(m *Model, _ any, err error) tea.Cmd {
		if err != nil {
			return m.showError(err, &a)
		}
		m.pending = ""
		m.refresh()
		if len(m.snap.Notices) == 0 {
			return m.advance()
		}
		s.done, s.notices = true, m.snap.Notices
		return nil
	}
	return m.start(a)
}
func (s *connectScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && s.done && k.String() == "enter" {
		return m.advance()
	}
	return nil
}
func (s *connectScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	b.WriteString(m.fact(m.t.LiveSystem(), m.o.LiveURL) + "\n")
	if m.o.TestURL != "" {
		b.WriteString(m.fact(m.t.TestSystem(), m.o.TestURL) + "\n")
	}
	if s.done {
		b.WriteString("\n" + m.s.Status(styleOK, m.t.Connected()) + "\n\n")
		b.WriteString(m.s.Bold.Render(m.t.ReconcileTitle()) + "\n")
		for _, n := range s.notices {
			b.WriteString(indent(widgets.Wrap(n, width-4), "  ") + "\n")
		}
	}
	return b.String()
}
