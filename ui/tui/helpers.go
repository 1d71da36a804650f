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

// verdicts renders verdicts, blocking ones first. Nothing is cut: a
// truncated sentence ("der Assistent kann es d…") hides exactly what the
// admin came to read, e.g. where a Startup edition gets its package (R2,
// R3). Fine ones (ok, info) read "[OK] Title — detail", wrapped under the
// marker; warnings and blocks put the detail on its own lines. Advice is
// shown for every level but OK: an info verdict's advice is what to do.
func (m *Model) verdicts(vs []steps.Verdict, width int, withDetail bool) string {
	var b strings.Builder
	const hang = "    "
	body := width - len(hang)
	for _, v := range bySeverity(vs) {
		if v.Level == steps.LevelOK || v.Level == steps.LevelInfo {
			line := v.Title
			if withDetail && v.Detail != "" {
				line += " — " + v.Detail
			}
			b.WriteString(m.statusBlock(mark(v.Level), line, body) + "\n")
		} else {
			b.WriteString(m.statusBlock(mark(v.Level), v.Title, body) + "\n")
			if withDetail && v.Detail != "" {
				b.WriteString(indent(widgets.Wrap(v.Detail, body), hang) + "\n")
			}
		}
		if v.Advice != "" && v.Level != steps.LevelOK {
			b.WriteString(indent(m.s.Bold.Render("→ ")+widgets.Wrap(v.Advice, body-2), hang) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// statusBlock is a marker and a text wrapped to width, the following lines
// indented under the text.
func (m *Model) statusBlock(kind, text string, width int) string {
	ls := strings.Split(widgets.Wrap(text, width), "\n")
	out := m.s.Status(kind, ls[0])
	for _, l := range ls[1:] {
		out += "\n    " + l
	}
	return out
}

func indent(s, pre string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = pre + l
	}
	return strings.Join(lines, "\n")
}

// orUnknown shows "unbekannt" instead of a blank (Startup editions do not
// tell their version over the API).
func orUnknown(m *Model, v string) string {
	if strings.TrimSpace(v) == "" {
		return m.t.Unknown()
	}
	return v
}

// factLong is fact for values that must be read or copied whole (a mail
// subject, a file path): when the line would be cut, the value goes on its
// own line(s) below the label instead.
func (m *Model) factLong(label, value string, width int) string {
	line := m.fact(label, value)
	if lipgloss.Width(line) <= width {
		return line
	}
	return m.s.Muted.Render(label+":") + "\n" + widgets.Wrap(value, width)
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

// hasRule reports whether a verdict encodes rule (Rule may join several: "R2,R3").
func hasRule(vs []steps.Verdict, rule string) bool {
	for _, v := range vs {
		for _, r := range strings.Split(v.Rule, ",") {
			if strings.TrimSpace(r) == rule {
				return true
			}
		}
	}
	return false
}

func hasLevel(vs []steps.Verdict, l steps.Level) bool {
	for _, v := range vs {
		if v.Level == l {
			return true
		}
	}
	return false
}

// checklistCounts counts the answered checklist items by answer (R23).
func checklistCounts(items []steps.ChecklistItem) (passed, problem, na int) {
	for _, it := range items {
		switch it.Status {
		case steps.AnswerPassed:
			passed++
		case steps.AnswerProblem:
			problem++
		case steps.AnswerNA:
			na++
		}
	}
	return passed, problem, na
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
