package tui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/style"
	"github.com/visual4/1crm-update/ui/widgets"
)

const (
	styleOK   = style.MarkOK
	styleWarn = style.MarkWarn
	styleBad  = style.MarkBad
	styleTodo = style.MarkTodo
	styleSkip = style.MarkSkip
)

// mark maps a steps level to a status marker.
func mark(l steps.Level) string {
	switch l {
	case steps.LevelOK:
		return styleOK
	case steps.LevelWarn:
		return styleWarn
	case steps.LevelBlock:
		return styleBad
	default:
		return styleSkip
	}
}

// verdicts renders verdicts. Fine ones (ok, info) take one line each
// ("[OK] Title — detail", cut to the width); warnings and blocks show the
// whole detail and the advice, because those are what the admin must read.
func (m *Model) verdicts(vs []steps.Verdict, width int, withDetail bool) string {
	var b strings.Builder
	for _, v := range bySeverity(vs) {
		if v.Level == steps.LevelOK || v.Level == steps.LevelInfo {
			line := v.Title
			if withDetail && v.Detail != "" {
				line += m.s.Muted.Render(" — " + v.Detail)
			}
			b.WriteString(m.s.Status(mark(v.Level), widgets.Truncate(line, width-5)) + "\n")
			continue
		}
		b.WriteString(m.s.Status(mark(v.Level), widgets.Truncate(v.Title, width-6)) + "\n")
		if withDetail && v.Detail != "" {
			b.WriteString(indent(widgets.Wrap(v.Detail, width-6), "    ") + "\n")
		}
		if v.Advice != "" {
			b.WriteString(indent(m.s.Bold.Render("→ ")+widgets.Wrap(v.Advice, width-8), "    ") + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func indent(s, pre string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = pre + l
	}
	return strings.Join(lines, "\n")
}

// fact renders "Label:   value" aligned at col.
func (m *Model) fact(label, value string) string {
	const col = 20
	pad := col - len([]rune(label))
	if pad < 1 {
		pad = 1
	}
	return m.s.Muted.Render(label+":") + strings.Repeat(" ", pad) + value
}

func hasLevel(vs []steps.Verdict, l steps.Level) bool {
	for _, v := range vs {
		if v.Level == l {
			return true
		}
	}
	return false
}

// clip keeps at most n lines of s, marking the cut.
func clip(s string, n int) string {
	if n < 1 {
		n = 1
	}
	lines := strings.Split(s, "\n")
	if len(lines) <= n {
		return s
	}
	return strings.Join(lines[:n-1], "\n") + "\n…"
}

// lines styles each line of s on its own. lipgloss pads a multi-line
// string to a block of equal width, which leaves trailing blanks.
func lines(st lipgloss.Style, s string) string {
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		ls[i] = st.Render(l)
	}
	return strings.Join(ls, "\n")
}

// bySeverity puts blocking verdicts first, then warnings, then the rest, so
// that what stops the update is at the top of the screen, not below the fold.
func bySeverity(vs []steps.Verdict) []steps.Verdict {
	rank := func(l steps.Level) int {
		switch l {
		case steps.LevelBlock:
			return 0
		case steps.LevelWarn:
			return 1
		}
		return 2
	}
	out := append([]steps.Verdict(nil), vs...)
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i].Level) < rank(out[j].Level) })
	return out
}
