package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/visual4/1crm-update/ui/page"
)

// menu is a page's choices as a vertical list moved with ↑/↓ (or j/k) and
// picked with Enter or the choice's own key. It is simpler and more
// predictable than a form for "what next?" questions.
type menu struct {
	items  []menuItem
	cursor int
}

type menuItem struct {
	key      string // single key that picks it directly, "" for none
	label    string
	disabled bool
	danger   bool // changes a server: the warning colour
	id       string
}

// rebuilt is the menu of p's choices. The cursor stays where it was while
// the choices are the same ones; otherwise it starts on p's default.
func (mn menu) rebuilt(p page.Page) menu {
	var items []menuItem
	same := len(p.Choices) == len(mn.items)
	for i, c := range p.Choices {
		items = append(items, menuItem{key: c.Key, label: c.Label, disabled: c.Disabled != "", danger: c.Danger, id: c.ID})
		same = same && mn.items[i].id == c.ID
	}
	out := menu{items: items}
	if same {
		out.cursor = mn.cursor
		return out
	}
	for i, it := range items {
		if it.id == p.Default {
			out.cursor = i
		}
	}
	if len(items) > 0 && items[out.cursor].disabled {
		out.move(1)
	}
	return out
}

// enabled counts the choices that can be picked.
func (mn *menu) enabled() int {
	n := 0
	for _, it := range mn.items {
		if !it.disabled {
			n++
		}
	}
	return n
}

// pick returns the id the key picked ("" for none); disabled says the
// key named a choice that cannot be picked now.
func (mn *menu) pick(k tea.KeyMsg) (id string, disabled bool) {
	if len(mn.items) == 0 {
		return "", false
	}
	switch k.String() {
	case "up", "k", "shift+tab":
		mn.move(-1)
	case "down", "j", "tab":
		mn.move(1)
	case "enter":
		if it := mn.items[mn.cursor]; !it.disabled {
			return it.id, false
		}
	default:
		for i, it := range mn.items {
			if it.key != "" && it.key == k.String() {
				if it.disabled {
					return it.id, true
				}
				mn.cursor = i
				return it.id, false
			}
		}
	}
	return "", false
}

func (mn *menu) move(d int) {
	n := len(mn.items)
	for i := 0; i < n; i++ {
		mn.cursor = (mn.cursor + d + n) % n
		if !mn.items[mn.cursor].disabled {
			return
		}
	}
}

func (mn *menu) view(m *Model) string {
	var b strings.Builder
	for i, it := range mn.items {
		prefix := "  "
		label := it.label
		if it.key != "" {
			label = "[" + it.key + "] " + label
		}
		switch {
		case it.disabled:
			// Muted alone is invisible without colour (NO_COLOR): say it.
			label = m.s.Muted.Render(label + " " + m.t.Unavailable())
		case i == mn.cursor && it.danger:
			prefix = "> "
			label = m.s.Warn.Bold(true).Render(label)
		case i == mn.cursor:
			prefix = "> "
			label = m.s.Selected.Render(label)
		case it.danger:
			label = m.s.Warn.Render(label)
		}
		b.WriteString(prefix + label + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// inputForm is a one-field huh form for free text (a file path, a reason,
// a note). A fresh one is built for every question: huh forms cannot be reset.
type inputForm struct {
	form  *huh.Form
	value *string // outlives copies of the form (huh Value(&x) trap)
}

func newInput(m *Model, a *page.Ask) *inputForm {
	v := new(string)
	*v = a.Initial
	in := huh.NewInput().Title(a.Title).Description(a.Help).Value(v).CharLimit(500)
	if a.Secret {
		in = in.EchoMode(huh.EchoModePassword)
	}
	if a.Validate != nil {
		in = in.Validate(a.Validate)
	}
	return &inputForm{form: m.themed(huh.NewForm(huh.NewGroup(in))), value: v}
}

// themed sets a form's width and theme (no colour: the base theme).
func (m *Model) themed(f *huh.Form) *huh.Form {
	f = f.WithShowHelp(false).WithWidth(m.width - 4)
	if m.s.Opts.NoColor {
		return f.WithTheme(huh.ThemeBase())
	}
	return f.WithTheme(huh.ThemeCharm())
}

// update feeds msg to the form; submitted is true once Enter was accepted.
func (f *inputForm) update(msg tea.Msg) (tea.Cmd, bool) {
	mdl, cmd := f.form.Update(msg)
	if ff, ok := mdl.(*huh.Form); ok {
		f.form = ff
	}
	return cmd, f.form.State == huh.StateCompleted
}

func (f *inputForm) view() string { return f.form.View() }
