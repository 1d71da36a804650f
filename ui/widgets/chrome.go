// Package widgets holds the reusable pieces of every screen: header and
// footer, progress bar, activity spinner, error screen, the cancel dialog and
// the "window too small" screen. They are pure functions of their inputs so
// that tests can golden them at 80×24.
package widgets

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/visual4/1crm-update/ui/style"
)

// MinWidth and MinHeight are the smallest window the wizard draws in (W10: 80×24).
const (
	MinWidth  = 80
	MinHeight = 24
)

// Header is the top of every screen.
type Header struct {
	App      string   // "1CRM-Update"
	Step     string   // "Schritt 4 von 11 — Backup erstellen"
	URL      string   // instance the step is about
	Banners  []string // --insecure, ONECRM_UPDATE_NOW, demo: on every screen
	Deadline string   // path B countdown line (W4), empty when it does not apply
}

// Render draws the header in width columns; it ends with a rule.
func (h Header) Render(s *style.Styles, width int) string {
	var b strings.Builder
	left := s.Title.Render(h.App + " · " + h.Step)
	right := s.Muted.Render(h.URL)
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap >= 2 {
		b.WriteString(left + strings.Repeat(" ", gap) + right)
	} else {
		b.WriteString(Truncate(left, width))
		if h.URL != "" {
			b.WriteString("\n" + Truncate(right, width))
		}
	}
	b.WriteString("\n")
	for _, line := range h.Banners {
		b.WriteString(Truncate(s.Banner.Render("!! "+line), width) + "\n")
	}
	if h.Deadline != "" {
		b.WriteString(Truncate(s.Warn.Render(h.Deadline), width) + "\n")
	}
	b.WriteString(s.Rule.Render(strings.Repeat("─", width)))
	return b.String()
}

// Footer renders the short help line (or all keys when full is set).
func Footer(s *style.Styles, km help.KeyMap, width int, full bool) string {
	h := help.New()
	h.Width = width
	h.ShowAll = full
	h.Styles.ShortKey = s.Key
	h.Styles.FullKey = s.Key
	h.Styles.ShortDesc = s.Muted
	h.Styles.FullDesc = s.Muted
	h.Styles.ShortSeparator = s.Muted
	h.Styles.FullSeparator = s.Muted
	return s.Rule.Render(strings.Repeat("─", width)) + "\n" + h.View(km)
}

// Keys is a help.KeyMap built from a plain list.
type Keys struct {
	Short []key.Binding
	Full  [][]key.Binding
}

func (k Keys) ShortHelp() []key.Binding { return k.Short }
func (k Keys) FullHelp() [][]key.Binding {
	if len(k.Full) == 0 {
		return [][]key.Binding{k.Short}
	}
	return k.Full
}

// Frame places body between header and footer and pads it to exactly
// height lines so that nothing of an earlier screen is left over.
func Frame(header, body, footer string, width, height int) string {
	hl := lipgloss.Height(header)
	fl := lipgloss.Height(footer)
	room := height - hl - fl
	if room < 1 {
		room = 1
	}
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	if len(lines) > room {
		lines = lines[:room]
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = Truncate(l, width)
	}
	return header + "\n" + strings.Join(lines, "\n") + "\n" + footer
}

// Truncate cuts a (possibly styled) line to width cells.
func Truncate(s string, width int) string {
	if lipgloss.Width(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// Wrap wraps plain text to width, keeping existing line breaks. Words are
// not split at their hyphens ("On-|Premise", "(Nicht-Admin-|)Benutzer"
// read badly): hyphens are swapped for non-breaking ones while wrapping.
func Wrap(s string, width int) string {
	// "z. B." is one abbreviation: a line must not end after "z.".
	const nbHyphen, nbsp = "\u2011", "\u00a0"
	s = strings.ReplaceAll(s, "-", nbHyphen)
	s = strings.ReplaceAll(s, "z. B.", "z."+nbsp+"B.")
	out := ansi.Wrap(s, width, "")
	out = strings.ReplaceAll(out, "z."+nbsp+"B.", "z. B.")
	return strings.ReplaceAll(out, nbHyphen, "-")
}

// listItem matches the start of a line whose wrapped lines hang under its
// text: indentation, then "- ", "* ", "• " or "1. " / "1) ".
var listItem = regexp.MustCompile(`^(\s*)([-*•]|\d+[.)])\s+`)

// WrapBlock wraps a multi-line text (a mail body, a report excerpt) line by
// line: an indented line keeps its indent on its wrapped lines, and a list
// item's wrapped lines hang under the item's text, not under its dash.
func WrapBlock(s string, width int) string {
	in := strings.Split(s, "\n")
	out := make([]string, 0, len(in))
	for _, l := range in {
		cut := len(l) - len(strings.TrimLeft(l, " ")) // bytes of the prefix
		if loc := listItem.FindStringIndex(l); loc != nil {
			cut = loc[1]
		}
		hang := lipgloss.Width(l[:cut]) // its columns
		if cut == 0 || hang > width/2 {
			out = append(out, Wrap(l, width))
			continue
		}
		ls := strings.Split(Wrap(l[cut:], width-hang), "\n")
		out = append(out, l[:cut]+ls[0])
		pad := strings.Repeat(" ", hang)
		for _, x := range ls[1:] {
			out = append(out, pad+x)
		}
	}
	return strings.Join(out, "\n")
}

// TooSmall is the screen shown below MinWidth×MinHeight.
func TooSmall(s *style.Styles, msg string, width, height int) string {
	box := s.Warn.Render(msg)
	if width < 10 || height < 3 {
		return box
	}
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}
