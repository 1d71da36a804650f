package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Pieces every step screen shares: the key help of a menu or an input,
// "record the choice, then show the step due now", and the recorded
// reason some choices need.

// menuKeys is the footer of a screen that shows a menu.
func (m *Model) menuKeys() []key.Binding {
	return []key.Binding{m.bind("up/down", m.t.Select()), m.bind("enter", m.t.Continue())}
}

// inputKeys is the footer while a text field has the keys.
func (m *Model) inputKeys() []key.Binding {
	return []key.Binding{m.bind("enter", m.t.Continue()), m.bind("esc", m.t.Back())}
}

// afterAct shows the error of a quick wizard call (no retry: the same
// call gives the same answer), or re-reads the state and shows the step
// that is due now.
func (m *Model) afterAct(err error) tea.Cmd {
	if err != nil {
		return m.showError(err, nil)
	}
	m.refresh()
	return m.advance()
}

// reasonPrompt asks the reason a choice needs on record (W3 start after
// 15:00, R10 no backup on path A live, W5 parity differences accepted).
// Embedded in a screen, it gives it typing() and back(); a fresh huh input
// is built for every question (huh forms cannot be reset).
type reasonPrompt struct{ input *inputForm }

func (r *reasonPrompt) typing() bool        { return r.input != nil }
func (r *reasonPrompt) back(*Model) tea.Cmd { r.input = nil; return nil }
func (r *reasonPrompt) keys(m *Model, menuShown bool) []key.Binding {
	switch {
	case r.input != nil:
		return m.inputKeys()
	case menuShown:
		return m.menuKeys()
	}
	return nil
}

// ask opens the input; help says what the reason is for.
func (r *reasonPrompt) ask(m *Model, help string) tea.Cmd {
	r.input = newInput(m, m.t.ReasonTitle(), help, "", nonEmpty(m.t.ReasonRequired()))
	return r.input.form.Init()
}

// update feeds the input. Once a reason is entered, record gets it
// (trimmed) and the step due next is shown, or the refusal.
func (r *reasonPrompt) update(m *Model, msg tea.Msg, record func(reason string) error) tea.Cmd {
	cmd, done := r.input.update(msg)
	if !done {
		return cmd
	}
	reason := strings.TrimSpace(*r.input.value)
	r.input = nil
	return m.afterAct(record(reason))
}

// view is the input while asking, else the menu.
func (r *reasonPrompt) view(m *Model, mn *menu) string {
	if r.input != nil {
		return r.input.view()
	}
	return mn.view(m)
}

// menuScreen is a step that asks one question from a menu and records the
// answer with one quick wizard call (R7 path, R9 go live).
type menuScreen struct{ menu menu }

func (s *menuScreen) keys(m *Model) []key.Binding { return m.menuKeys() }

// choose records the answer the key picked (nothing when it picked none).
func (s *menuScreen) choose(m *Model, msg tea.Msg, record func(id string) error) tea.Cmd {
	id := s.menu.pick(msg)
	if id == "" {
		return nil
	}
	return m.afterAct(record(id))
}
