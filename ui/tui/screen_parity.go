package tui

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// parityScreen compares the test system with live (W5) before tests count.
type parityScreen struct {
	p      *steps.Parity
	menu   menu
	input  *inputForm
	scroll scroller
}

func (*parityScreen) title(m *Model) string { return m.st.StepName("parity") }
func (s *parityScreen) typing() bool        { return s.input != nil }
func (s *parityScreen) keys(m *Model) []key.Binding {
	if s.input != nil {
		return []key.Binding{m.bind("enter", m.t.Continue()), m.bind("esc", m.t.Back())}
	}
	if s.p == nil {
		return nil
	}
	return []key.Binding{m.bind("up/down", m.t.Select()), m.bind("enter", m.t.Continue())}
}
func (s *parityScreen) back(m *Model) tea.Cmd {
	s.input = nil
	return nil
}
func (s *parityScreen) init(m *Model) tea.Cmd {
	a := action{
		label:  m.t.ParityChecking(),
		server: m.t.ServerUnchanged(),
		run: func(ctx context.Context, _ func(any)) (any, error) {
			return m.e.ParityCheck(ctx)
		},
	}
	a.done = func(m *Model, v any, err error) tea.Cmd {
		if err != nil {
			return m.showError(err, &a)
		}
		s.p = v.(*steps.Parity)
		m.refresh()
		if s.p.OK {
			s.menu = menu{items: []menuItem{{id: "next", label: m.t.ContinueTo(m.st.StepName(string(m.e.Next())))}}}
		} else {
			s.menu = menu{items: []menuItem{
				{key: "r", id: "redo", label: m.t.ParityRedo()},
				{key: "i", id: "accept", label: m.t.ParityAccept()},
			}}
		}
		return nil
	}
	return m.start(a)
}
func (s *parityScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.input != nil {
		cmd, done := s.input.update(msg)
		if !done {
			return cmd
		}
		reason := strings.TrimSpace(*s.input.value)
		s.input = nil
		if err := m.e.AcceptParity(reason); err != nil {
			return m.showError(err, nil)
		}
		m.refresh()
		return m.advance()
	}
	if s.p == nil || s.scroll.handle(msg) {
		return nil
	}
	switch s.menu.pick(msg) {
	case "next":
		return m.advance()
	case "redo":
		if err := m.e.RedoRefresh(); err != nil {
			return m.showError(err, nil)
		}
		m.refresh()
		return m.advance()
	case "accept":
		s.input = newInput(m, m.t.ReasonTitle(), m.t.ParityReasonHelp(), "", nonEmpty(m.t.ReasonRequired()))
		return s.input.form.Init()
	}
	return nil
}
func (s *parityScreen) view(m *Model, width, height int) string {
	if s.p == nil {
		return ""
	}
	p := s.p
	var b strings.Builder
	b.WriteString(m.fact(m.t.LiveSystem(), p.LiveVersion) + "\n")
	b.WriteString(m.fact(m.t.TestSystem(), p.TestVersion) + "\n\n")
	if p.OK {
		b.WriteString(m.s.OK.Render(m.t.ParityOK()) + "\n")
	} else {
		b.WriteString(m.s.Warn.Render(m.t.ParityDiffers()) + "\n")
	}
	for _, x := range p.MissingOnTest {
		b.WriteString(m.s.Status(styleWarn, m.t.ParityMissing(x)) + "\n")
	}
	for _, x := range p.ExtraOnTest {
		b.WriteString(m.s.Status(styleWarn, m.t.ParityExtra(x)) + "\n")
	}
	b.WriteString(m.verdicts(p.Verdicts, width, true))
	var foot string
	if s.input != nil {
		foot = s.input.view()
	} else {
		foot = s.menu.view(m)
	}
	return s.scroll.window(m, b.String(), height-countLines(foot)-1) + "\n\n" + foot
}

func nonEmpty(msg string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(msg)
		}
		return nil
	}
}

var _ = widgets.Wrap
