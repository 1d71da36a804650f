package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// menu is a vertical list of choices moved with ↑/↓ (or j/k) and picked
// with Enter or the choice's own key. It is simpler and more predictable
// than a form for "what next?" questions.
type menu struct {
	items  []menuItem
	cursor int
}

type menuItem struct {
	key      string // single key that picks it directly, "" for none
	label    string
	disabled bool
	id       string
}

// pick returns the chosen item's id, or "" when the key did not pick one.
func (mn *menu) pick(msg tea.Msg) string {
	k, ok := msg.(tea.KeyMsg)
	if !ok || len(mn.items) == 0 {
		return ""
	}
	switch k.String() {
	case "up", "k", "shift+tab":
		mn.move(-1)
	case "down", "j", "tab":
		mn.move(1)
	case "enter":
		if it := mn.items[mn.cursor]; !it.disabled {
			return it.id
		}
	default:
		for i, it := range mn.items {
			if it.key != "" && it.key == k.String() && !it.disabled {
				mn.cursor = i
				return it.id
			}
		}
	}
	return ""
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
		case i == mn.cursor:
			prefix = "> "
			label = m.s.Selected.Render(label)
		}
		b.WriteString(prefix + label + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// inputForm is a one-field huh form for free text (a file path, a reason,
// a note). A fresh one is built for every visit: huh forms cannot be reset.
type inputForm struct {
	form  *huh.Form
	value *string // outlives copies of the form (huh Value(&x) trap)
}

func newInput(m *Model, title, desc, initial string, validate func(string) error) *inputForm {
	v := new(string)
	*v = initial
	in := huh.NewInput().Title(title).Description(desc).Value(v).CharLimit(500)
	if validate != nil {
		in = in.Validate(validate)
	}
	f := huh.NewForm(huh.NewGroup(in)).WithShowHelp(false).WithWidth(m.width - 4)
	if m.s.Opts.NoColor {
		f = f.WithTheme(huh.ThemeBase())
	} else {
		f = f.WithTheme(huh.ThemeCharm())
	}
	return &inputForm{form: f, value: v}
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
