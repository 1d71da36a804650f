package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// timeGuardScreen: W3 — is there enough time today to test before 15:00?
type timeGuardScreen struct {
	reasonPrompt
	c    steps.StartCheck
	menu menu
}

func (*timeGuardScreen) title(m *Model) string         { return m.st.StepName("time_guard") }
func (s *timeGuardScreen) keys(m *Model) []key.Binding { return s.reasonPrompt.keys(m, true) }
func (s *timeGuardScreen) init(m *Model) tea.Cmd {
	s.c = m.e.StartCheck()
	tomorrow := m.st.Weekday(s.c.Tomorrow) + " " + m.st.Clock(s.c.Tomorrow)
	pause := menuItem{key: "p", id: "pause", label: m.t.GuardPause(tomorrow)}
	switch s.c.Level {
	case steps.StartOK:
		s.menu = menu{items: []menuItem{{id: "go", label: m.t.ContinueTo(m.st.StepName("backup"))}}}
	case steps.StartWarn:
		s.menu = menu{items: []menuItem{pause, {key: "w", id: "go", label: m.t.GuardGoAnyway()}}}
	default:
		s.menu = menu{items: []menuItem{pause, {key: "o", id: "override", label: m.t.GuardOverride()}}}
	}
	return nil
}
func (s *timeGuardScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.typing() {
		return s.reasonPrompt.update(m, msg, m.e.OverrideLateStart)
	}
	switch s.menu.pick(msg) {
	case "go":
		return m.afterAct(m.e.AcknowledgeStart())
	case "pause":
		if err := m.e.PauseUntilTomorrow(); err != nil {
			return m.showError(err, nil)
		}
		m.farewell = m.t.PausedFarewell(m.st.Weekday(s.c.Tomorrow) + " " + m.st.Clock(s.c.Tomorrow))
		return quit(ExitPaused)
	case "override":
		return s.ask(m, m.t.GuardReasonHelp())
	}
	return nil
}
func (s *timeGuardScreen) view(m *Model, width, height int) string {
	c := s.c
	var b strings.Builder
	b.WriteString(m.fact(m.t.Now(), m.st.Weekday(c.Now)+" "+m.st.Clock(c.Now)) + "\n")
	b.WriteString(m.fact(m.t.TestsDoneBy(), m.st.Clock(c.TestDeadline)+" ("+m.t.LeftFmt(c.TimeLeft)+")") + "\n")
	b.WriteString(m.fact(m.t.ReportBy(), m.st.Clock(c.ReportDeadline)) + "\n\n")
	b.WriteString(widgets.Wrap(m.t.GuardWhy(), width-2) + "\n\n")
	switch c.Level {
	case steps.StartOK:
		b.WriteString(m.s.Status(styleOK, m.t.GuardOK()) + "\n")
	case steps.StartWarn:
		b.WriteString(m.s.Status(styleWarn, m.t.GuardWarn()) + "\n")
	default:
		b.WriteString(m.s.Status(styleBad, m.t.GuardRefuse()) + "\n")
	}
	if v := m.verdicts(c.Verdicts, width, true); v != "" {
		b.WriteString(v + "\n")
	}
	b.WriteString("\n" + s.reasonPrompt.view(m, &s.menu))
	return b.String()
}
