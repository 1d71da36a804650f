package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// scroller shows a window of a long text; PgUp/PgDn (and Home/End) move it.
// Screens put their fixed part (the menu) below it, so it never scrolls away.
type scroller struct {
	off int
	// above, below: the last window left lines above or below it, so
	// the footer offers only the key that moves it (issue: Bild↓ at the end).
	above, below bool
}

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
	s.above, s.below = false, false
	if room < 2 || len(lines) <= room {
		s.off = 0
		return strings.Join(lines, "\n")
	}
	show := room - 1 // one line for the marker
	if s.off > len(lines)-show {
		s.off = len(lines) - show
	}
	out := lines[s.off : s.off+show]
	s.above, s.below = s.off > 0, s.off+show < len(lines)
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

// keys names the page keys that move the last window ("" = none).
func (s *scroller) keys() string {
	switch {
	case s.above && s.below:
		return "pgup/pgdown"
	case s.above:
		return "pgup"
	case s.below:
		return "pgdown"
	}
	return ""
}
