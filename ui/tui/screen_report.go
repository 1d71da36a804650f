package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/ui/widgets"
)

// reportScreen shows the support report (W9); Esc goes back.
type reportScreen struct {
	text   string
	prev   screen // the screen to return to; nil = the step that is due
	scroll scroller
}

func (s *reportScreen) back(m *Model) tea.Cmd {
	if s.prev == nil {
		return m.advance()
	}
	m.scr = s.prev
	return nil
}

func (*reportScreen) unnumbered()           {}
func (*reportScreen) title(m *Model) string { return m.t.TitleReport() }
func (s *reportScreen) keys(m *Model) []key.Binding {
	return []key.Binding{m.bind("pgdown", m.t.Scroll()), m.bind("esc", m.t.Back())}
}
func (s *reportScreen) init(m *Model) tea.Cmd { return nil }
func (s *reportScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.scroll.handle(msg) {
		return nil
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "down", "j":
			s.scroll.off++
		case "up", "k":
			if s.scroll.off > 0 {
				s.scroll.off--
			}
		}
	}
	return nil
}
func (s *reportScreen) view(m *Model, width, height int) string {
	return s.scroll.window(m, widgets.WrapBlock(s.text, width-1), height)
}
