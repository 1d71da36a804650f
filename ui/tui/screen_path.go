package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// pathScreen: test system first (A) or own backup then live (B), R7–R14.
type pathScreen struct{ menuScreen }

func (*pathScreen) title(m *Model) string { return m.st.StepName("path") }
func (s *pathScreen) init(m *Model) tea.Cmd {
	hasTest := m.o.TestURL != ""
	s.menu = menu{items: []menuItem{
		{key: "a", id: "A", label: m.t.PathAChoice(), disabled: !hasTest},
		{key: "b", id: "B", label: m.t.PathBChoice()},
	}}
	if !hasTest || m.e.RecommendedPath() == steps.PathB {
		s.menu.cursor = 1
	}
	return nil
}
func (s *pathScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	return s.choose(m, msg, func(id string) error { return m.e.ChoosePath(steps.Path(id)) })
}
func (s *pathScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	w := width - 4
	rec := m.e.RecommendedPath()
	hasTest := m.o.TestURL != ""
	if hasTest {
		b.WriteString(m.fact(m.t.TestSystem(), m.o.TestURL) + "\n")
	} else {
		b.WriteString(m.fact(m.t.TestSystem(), m.t.NoTestSystem()) + "\n")
	}
	b.WriteString("\n" + m.s.Bold.Render(m.t.PathATitle()))
	if rec == steps.PathA {
		b.WriteString(" " + m.s.OK.Render(m.t.Recommended()))
	}
	b.WriteString("\n" + indent(widgets.Wrap(m.t.PathAFacts(), w), "  ") + "\n")
	if !hasTest {
		b.WriteString(indent(lines(m.s.Warn, widgets.Wrap(m.t.PathANeedsTest(), w)), "  ") + "\n")
	}
	b.WriteString("\n" + m.s.Bold.Render(m.t.PathBTitle()))
	if rec == steps.PathB {
		b.WriteString(" " + m.s.OK.Render(m.t.Recommended()))
	}
	b.WriteString("\n" + indent(widgets.Wrap(m.t.PathBFacts(), w), "  ") + "\n\n")
	b.WriteString(s.menu.view(m))
	return b.String()
}
