package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// smokeScreen runs the automatic checks after an install (W6).
type smokeScreen struct {
	res    *steps.SmokeResult
	menu   menu
	scroll scroller
}

func (*smokeScreen) title(m *Model) string { return m.st.StepName("smoke") }
func (s *smokeScreen) keys(m *Model) []key.Binding {
	if s.res == nil {
		return nil
	}
	return []key.Binding{m.bind("enter", m.t.Continue())}
}
func (s *smokeScreen) init(m *Model) tea.Cmd {
	a := action{
		label:  m.t.SmokeRunning(),
		server: m.t.ServerUnchanged(),
		run: func(ctx context.Context, _ func(any)) (any, error) {
			return m.e.Smoke(ctx)
		},
	}
	a.done = func(m *Model, v any, err error) tea.Cmd {
		if err != nil {
			return m.showError(err, &a)
		}
		s.res = v.(*steps.SmokeResult)
		m.refresh()
		s.menu = menu{items: []menuItem{{id: "next", label: m.t.ContinueTo(m.st.StepName(string(m.e.Next())))}}}
		return nil
	}
	return m.start(a)
}
func (s *smokeScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.res == nil || s.scroll.handle(msg) {
		return nil
	}
	if s.menu.pick(msg) == "next" {
		return m.advance()
	}
	return nil
}
func (s *smokeScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	b.WriteString(m.fact(m.t.Instance(), m.stageName()) + "\n\n")
	if s.res == nil {
		return b.String()
	}
	if s.res.OK {
		b.WriteString(m.s.OK.Render(m.t.SmokeOK()) + "\n\n")
	} else {
		b.WriteString(m.s.Bad.Render(m.t.SmokeFailed()) + "\n\n")
	}
	for _, c := range s.res.Checks {
		line := c.Title
		if c.Detail != "" {
			line += " — " + c.Detail
		}
		b.WriteString(m.s.Status(mark(c.Level), widgets.Truncate(line, width-6)) + "\n")
	}
	foot := s.menu.view(m)
	return s.scroll.window(m, b.String(), height-countLines(foot)-1) + "\n\n" + foot
}
