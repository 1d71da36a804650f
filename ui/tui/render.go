package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/style"
	"github.com/visual4/1crm-update/ui/widgets"
)

// Drawing a page's blocks with lipgloss at a width. Every status keeps
// its text marker: the screens read the same without colour.

// mark is the style kind of a page mark.
func mark(k page.Mark) string {
	switch k {
	case page.MarkOK:
		return style.MarkOK
	case page.MarkWarn:
		return style.MarkWarn
	case page.MarkBad:
		return style.MarkBad
	case page.MarkTodo:
		return style.MarkTodo
	}
	return style.MarkSkip
}

// blocks renders bs, one block after the other; a Gap is a blank line.
func (m *Model) blocks(bs []page.Block, width int) string {
	var out []string
	for _, b := range bs {
		if _, gap := b.(page.Gap); gap {
			out = append(out, "")
			continue
		}
		if s := m.block(b, width); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "\n")
}

func (m *Model) block(b page.Block, width int) string {
	switch b := b.(type) {
	case page.Fact:
		switch {
		case b.Tight:
			return m.s.Muted.Render(b.Label+":") + " " + b.Value
		case b.Whole:
			return m.factLong(b.Label, b.Value, width)
		}
		return m.fact(b.Label, b.Value)
	case page.Status:
		if b.Cut {
			return m.s.Status(mark(b.Mark), widgets.Truncate(b.Text, width-6))
		}
		return m.s.Status(mark(b.Mark), indent(widgets.Wrap(b.Text, width-6), "    ")[4:])
	case page.Heading:
		return m.heading(b)
	case page.Para:
		return m.para(b, width)
	case page.Verdicts:
		return m.verdicts(b.List, width)
	case page.Numbered:
		ls := make([]string, len(b.Items))
		for i, it := range b.Items {
			ls[i] = fmt.Sprintf("  %d. ", i+1) + strings.TrimPrefix(indent(widgets.Wrap(it, width-7), "     "), "     ")
		}
		return strings.Join(ls, "\n")
	case page.Alert:
		// "!!" like the banners: seen at a glance without colour too.
		ls := strings.Split(widgets.Wrap(b.Text, width-5), "\n")
		for i, l := range ls {
			pre := "   "
			if i == 0 {
				pre = "!! "
			}
			ls[i] = m.s.Bad.Render(pre + l)
		}
		return strings.Join(ls, "\n")
	case page.Crumbs:
		var cs []string
		for _, c := range b.List {
			k := style.MarkTodo
			if c.Done {
				k = style.MarkOK
			}
			cs = append(cs, m.s.Status(k, c.Label))
		}
		return strings.Join(cs, m.s.Muted.Render(" > "))
	}
	return ""
}

func (m *Model) heading(h page.Heading) string {
	var s string
	switch h.Mark {
	case page.MarkOK:
		s = m.s.OK.Render(h.Text)
	case page.MarkWarn:
		s = m.s.Warn.Render(h.Text)
	case page.MarkBad:
		s = m.s.Bad.Render(h.Text)
	default:
		s = m.s.Bold.Render(h.Text)
	}
	if h.Tag != "" {
		s += " " + m.s.OK.Render(h.Tag)
	}
	return s
}

func (m *Model) para(p page.Para, width int) string {
	w, pre := width-2, ""
	if p.Indent {
		w, pre = width-4, "  "
	}
	s := widgets.Wrap(p.Text, w)
	switch p.Tone {
	case page.Muted:
		s = lines(m.s.Muted, s)
	case page.Caution:
		s = lines(m.s.Warn, s)
	case page.Bad:
		s = lines(m.s.Bad, s)
	}
	if pre != "" {
		s = indent(s, pre)
	}
	return s
}

// verdicts renders check verdicts. Nothing is cut: a truncated sentence
// ("der Assistent kann es d…") hides exactly what the admin came to read,
// e.g. where a Startup edition gets its package (R2, R3). Fine ones (ok,
// info) read "[OK] Title — detail", wrapped under the marker; warnings and
// blocks put the detail on its own lines. Advice is shown for every level
// but OK: an info verdict's advice is what to do.
func (m *Model) verdicts(vs []steps.Verdict, width int) string {
	var b strings.Builder
	const hang = "    "
	body := width - len(hang)
	for _, v := range vs {
		k := mark(page.MarkOf(v.Level))
		if v.Level == steps.LevelOK || v.Level == steps.LevelInfo {
			line := v.Title
			if v.Detail != "" {
				line += " — " + v.Detail
			}
			b.WriteString(m.statusBlock(k, line, body) + "\n")
		} else {
			b.WriteString(m.statusBlock(k, v.Title, body) + "\n")
			if v.Detail != "" {
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

// mailView renders a ready-to-send mail: To, Subject, body, mailto link;
// a brief one (the finish mail: its body is the whole report) only the
// subject and the link.
func (m *Model) mailView(ml *page.Mail, width int) string {
	var b strings.Builder
	if ml.Intro != "" {
		b.WriteString(widgets.Wrap(ml.Intro, width-2) + "\n")
	}
	if !ml.Brief {
		b.WriteString(m.fact(m.t.MailTo(), ml.To) + "\n")
	}
	b.WriteString(m.factLong(m.t.MailSubject(), ml.Subject, width) + "\n")
	if !ml.Brief {
		b.WriteString(m.s.Rule.Render(strings.Repeat("-", 20)) + "\n")
		b.WriteString(widgets.WrapBlock(ml.Body, width-2) + "\n")
		b.WriteString(m.s.Rule.Render(strings.Repeat("-", 20)) + "\n")
	}
	if ml.MailtoURL != "" {
		// An OSC 8 hyperlink: a mailto URL with the whole body is far wider
		// than the screen, and a cut or wrapped URL would not open. Without
		// colour (NO_COLOR, tests) only the label is shown; c copies the mail.
		label := m.t.MailtoLabel()
		if !m.s.Opts.NoColor {
			label = ansi.SetHyperlink(ml.MailtoURL) + m.s.Key.Render(label) + ansi.ResetHyperlink()
		}
		b.WriteString(label + "\n")
	}
	return b.String()
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

func indent(s, pre string) string {
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		ls[i] = pre + l
	}
	return strings.Join(ls, "\n")
}

// clip keeps at most n lines of s, marking the cut.
func clip(s string, n int) string {
	if n < 1 {
		n = 1
	}
	ls := strings.Split(s, "\n")
	if len(ls) <= n {
		return s
	}
	return strings.Join(ls[:n-1], "\n") + "\n…"
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

func countLines(s string) int { return strings.Count(s, "\n") + 1 }
