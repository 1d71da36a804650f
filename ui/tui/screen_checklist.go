package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// checklistScreen: every item gets passed / problem (with note) / n/a; the
// checklist cannot be finished with an open item (W7, R23).
type checklistScreen struct {
	items  []steps.ChecklistItem
	cursor int
	top    int
	input  *inputForm
	adding bool   // the input is a new item, not a problem note
	notice string // refusal shown above the list
	// openLeft: F was pressed with open items; the count is computed on
	// each draw, so adding an item or answering one keeps it true.
	openLeft bool
}

func (*checklistScreen) title(m *Model) string { return m.st.StepName("checklist") }
func (s *checklistScreen) typing() bool        { return s.input != nil }
func (s *checklistScreen) back(m *Model) tea.Cmd {
	s.input = nil
	return nil
}
func (s *checklistScreen) keys(m *Model) []key.Binding {
	if s.input != nil {
		return m.inputKeys()
	}
	// 1/2/3 are explained above the list; the footer keeps the rest.
	return []key.Binding{
		m.bind("1/2/3", m.t.ChecklistAnswer()),
		m.bind("+", m.t.ChecklistAdd()),
		m.bind("F", m.t.ChecklistFinish()),
	}
}
func (s *checklistScreen) init(m *Model) tea.Cmd {
	s.items = m.e.ChecklistItems()
	return nil
}

func (s *checklistScreen) answer(m *Model, status, note string) tea.Cmd {
	it := s.items[s.cursor]
	if err := m.e.Answer(it.ID, status, note); err != nil {
		s.notice = err.Error()
		return nil
	}
	s.notice = ""
	s.items = m.e.ChecklistItems()
	// Move on to the next open item: the usual rhythm is test, answer, next.
	for i := 1; i <= len(s.items); i++ {
		j := (s.cursor + i) % len(s.items)
		if s.items[j].Status == "" {
			s.cursor = j
			break
		}
	}
	return nil
}

func (s *checklistScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.input != nil {
		cmd, done := s.input.update(msg)
		if !done {
			return cmd
		}
		v := strings.TrimSpace(*s.input.value)
		s.input = nil
		if s.adding {
			if _, err := m.e.AddChecklistItem(v); err != nil {
				s.notice = err.Error()
				return nil
			}
			s.items = m.e.ChecklistItems()
			s.cursor = len(s.items) - 1
			return nil
		}
		return s.answer(m, steps.AnswerProblem, v)
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok || len(s.items) == 0 {
		return nil
	}
	switch k.String() {
	case "up", "k":
		if s.cursor > 0 {
			s.cursor--
		}
	case "down", "j":
		if s.cursor < len(s.items)-1 {
			s.cursor++
		}
	case "1":
		return s.answer(m, steps.AnswerPassed, "")
	case "3":
		return s.answer(m, steps.AnswerNA, "")
	case "2":
		s.adding = false
		s.input = newInput(m, m.t.ProblemNoteTitle(s.items[s.cursor].Title), m.t.ProblemNoteHelp(), s.items[s.cursor].Note, nonEmpty(m.t.NoteRequired()))
		return s.input.form.Init()
	case "+":
		s.adding = true
		s.input = newInput(m, m.t.ChecklistAddTitle(), m.t.ChecklistAddHelp(), "", nonEmpty(m.t.ReasonRequired()))
		return s.input.form.Init()
	case "F":
		if s.open() > 0 {
			s.openLeft = true
			return nil
		}
		if err := m.e.FinishChecklist(); err != nil {
			s.notice = err.Error()
			return nil
		}
		m.refresh()
		return m.advance()
	}
	return nil
}

func (s *checklistScreen) open() int {
	n := 0
	for _, it := range s.items {
		if it.Status == "" {
			n++
		}
	}
	return n
}

func (s *checklistScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	answered := len(s.items) - s.open()
	b.WriteString(m.fact(m.t.Instance(), m.stageName()) + "\n")
	legend := fmt.Sprintf("1 = %s · 2 = %s · 3 = %s", m.st.AnswerName(steps.AnswerPassed),
		m.st.AnswerName(steps.AnswerProblem), m.st.AnswerName(steps.AnswerNA))
	b.WriteString(m.t.ChecklistProgress(answered, len(s.items)) + "\n" + m.s.Muted.Render(legend) + "\n")
	if s.notice != "" {
		b.WriteString(m.s.Warn.Render(widgets.Truncate(s.notice, width-2)) + "\n")
	} else if open := s.open(); s.openLeft && open > 0 {
		b.WriteString(m.s.Warn.Render(widgets.Truncate(m.t.ChecklistOpenLeft(open), width-2)) + "\n")
	}
	b.WriteString("\n")
	// The detail of the current item and the input take the bottom lines.
	var foot string
	if s.input != nil {
		foot = s.input.view()
	} else if len(s.items) > 0 {
		it := s.items[s.cursor]
		d := it.Detail
		if it.Note != "" {
			d = strings.TrimSpace(d + "\n" + m.t.Note() + ": " + it.Note)
		}
		foot = lines(m.s.Muted, clip(widgets.Wrap(d, width-2), 3))
	}
	room := height - countLines(b.String()) - countLines(foot) - 1
	if room < 3 {
		room = 3
	}
	if s.cursor < s.top {
		s.top = s.cursor
	}
	if s.cursor >= s.top+room {
		s.top = s.cursor - room + 1
	}
	overflow := len(s.items) > room
	if overflow {
		room-- // one line says that more items are hidden
		if s.cursor >= s.top+room {
			s.top = s.cursor - room + 1
		}
	}
	for i := s.top; i < len(s.items) && i < s.top+room; i++ {
		it := s.items[i]
		k := styleTodo
		switch it.Status {
		case steps.AnswerPassed:
			k = styleOK
		case steps.AnswerProblem:
			k = styleBad
		case steps.AnswerNA:
			k = styleSkip
		}
		label := it.Title
		if it.Source == "file" {
			label += m.s.Muted.Render(fmt.Sprintf(" (%s)", m.t.ChecklistSource(it.Source)))
		}
		prefix := "  "
		if i == s.cursor {
			prefix = "> "
			label = m.s.Selected.Render(it.Title) + strings.TrimPrefix(label, it.Title)
		}
		b.WriteString(prefix + m.s.Status(k, widgets.Truncate(label, width-8)) + "\n")
	}
	if overflow {
		b.WriteString(m.s.Muted.Render(m.t.ChecklistMore(s.top, len(s.items)-s.top-room)) + "\n")
	}
	return b.String() + "\n" + foot
}
