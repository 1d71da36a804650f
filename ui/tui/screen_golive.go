package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// goLiveScreen: path A, the test passed (R9, R23) — now the same update on live.
type goLiveScreen struct{ menu menu }

func (*goLiveScreen) title(m *Model) string { return m.st.StepName("go_live") }
func (s *goLiveScreen) keys(m *Model) []key.Binding {
	return []key.Binding{m.bind("up/down", m.t.Select()), m.bind("enter", m.t.Continue())}
}
func (s *goLiveScreen) init(m *Model) tea.Cmd {
	s.menu = menu{items: []menuItem{{key: "l", id: "live", label: m.t.GoLiveConfirm()}}}
	return nil
}
func (s *goLiveScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.menu.pick(msg) != "live" {
		return nil
	}
	if err := m.e.GoLive(); err != nil {
		return m.showError(err, nil)
	}
	m.refresh()
	return m.advance()
}
func (s *goLiveScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	b.WriteString(m.s.OK.Render(m.t.GoLiveTestPassed()) + "\n\n")
	passed, na := 0, 0
	for _, it := range m.snap.Checklist {
		switch it.Status {
		case steps.AnswerPassed:
			passed++
		case steps.AnswerNA:
			na++
		}
	}
	b.WriteString(m.fact(m.t.TestSystem(), m.o.TestURL) + "\n")
	b.WriteString(m.fact(m.t.ChecklistWord(), m.t.ChecklistCounts(passed, 0, na)) + "\n")
	b.WriteString(m.fact(m.t.LiveSystem(), m.o.LiveURL) + "\n\n")
	b.WriteString(widgets.Wrap(m.t.GoLiveIntro(), width-2) + "\n\n")
	b.WriteString(s.menu.view(m))
	return b.String()
}
