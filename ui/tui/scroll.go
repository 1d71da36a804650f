package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// scroller shows a window of a long text; PgUp/PgDn (and Home/End) move it.
// Screens put their fixed part (the menu) below it, so it never scrolls away.
type scroller struct{ off int }

func (s *scroller) handle(msg tea.Msg) bool {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return false
	}
	switch k.String() {
	case "pgdown", "ctrl+d", " ":
		s.off += 5
	case "pgup", "ctrl+u":
		s.off -= 5
	case "home":
		s.off = 0
	case "end":
		s.off = 1 << 20
	default:
		return false
	}
	if s.off < 0 {
		s.off = 0
	}
	return true
}

// window returns room lines of content starting at the offset, with a
// marker line when more is above or below.
func (s *scroller) window(m *Model, content string, room int) string {
	lines := strings.Split(strings.TrimRight(content, "\n"), "\n")
	if room < 2 || len(lines) <= room {
		s.off = 0
		return strings.Join(lines, "\n")
	}
	show := room - 1 // one line for the marker
	if s.off > len(lines)-show {
		s.off = len(lines) - show
	}
	out := lines[s.off : s.off+show]
	var marker string
	switch {
	case s.off+show < len(lines) && s.off > 0:
		marker = m.t.MoreBoth()
	case s.off+show < len(lines):
		marker = m.t.MoreBelow()
	default:
		marker = m.t.MoreAbove()
	}
	return strings.Join(out, "\n") + "\n" + m.s.Muted.Render(marker)
}
