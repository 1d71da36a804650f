package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/ui/widgets"
)

// goLiveScreen: path A, the test passed (R9, R23) — now the same update on live.
type goLiveScreen struct{ menuScreen }

func (*goLiveScreen) title(m *Model) string { return m.st.StepName("go_live") }
func (s *goLiveScreen) init(m *Model) tea.Cmd {
	s.menu = menu{items: []menuItem{{key: "l", id: "live", label: m.t.GoLiveConfirm()}}}
	return nil
}
func (s *goLiveScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	return s.choose(m, msg, func(string) error { return m.e.GoLive() })
}
func (s *goLiveScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	b.WriteString(m.s.OK.Render(m.t.GoLiveTestPassed()) + "\n\n")
	b.WriteString(m.fact(m.t.TestSystem(), m.o.TestURL) + "\n")
	// Go live follows only a checklist without problems (R13): none shown.
	passed, _, na := checklistCounts(m.snap.Checklist)
	b.WriteString(m.fact(m.t.ChecklistWord(), m.t.ChecklistCounts(passed, 0, na)) + "\n")
	b.WriteString(m.fact(m.t.LiveSystem(), m.o.LiveURL) + "\n\n")
	b.WriteString(widgets.Wrap(m.t.GoLiveIntro(), width-2) + "\n\n")
	b.WriteString(s.menu.view(m))
	return b.String()
}
