package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// startedMsg says Resume/StartNew and Attach are done.
type startedMsg struct{ err error }

// begin resumes or starts a run, attaches the instances and shows the step due.
func (m *Model) begin(resume bool) tea.Cmd {
	return func() tea.Msg {
		var err error
		if resume {
			err = m.e.Resume()
		} else {
			err = m.e.StartNew()
		}
		if err == nil && m.o.Attach != nil {
			err = m.o.Attach()
		}
		return startedMsg{err}
	}
}

func (m *Model) onStarted(msg startedMsg) tea.Cmd {
	if msg.err != nil {
		return m.showError(msg.err, nil)
	}
	m.refresh()
	return m.advance()
}

// startScreen is shown for a moment while a new run is set up.
type startScreen struct{}

func (startScreen) unnumbered()                             {}
func (startScreen) title(m *Model) string                   { return m.t.TitleStart() }
func (startScreen) init(m *Model) tea.Cmd                   { return m.begin(false) }
func (startScreen) keys(m *Model) []key.Binding             { return nil }
func (startScreen) view(m *Model, width, height int) string { return m.t.Starting() }
func (startScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s, ok := msg.(startedMsg); ok {
		return m.onStarted(s)
	}
	return nil
}

// resumeScreen: an unfinished run was found (W8). Continue, or start over —
// starting over keeps the old journal on disk.
type resumeScreen struct {
	sum  *steps.RunSummary
	menu menu
}

func (*resumeScreen) unnumbered()           {}
func (*resumeScreen) title(m *Model) string { return m.t.TitleResume() }
func (s *resumeScreen) keys(m *Model) []key.Binding {
	return m.menuKeys()
}
func (s *resumeScreen) init(m *Model) tea.Cmd {
	s.menu = menu{items: []menuItem{
		{key: "w", id: "resume", label: m.t.ResumeContinue()},
		{key: "n", id: "new", label: m.t.ResumeStartOver()},
	}}
	if m.t.Lang() == "en" {
		s.menu.items[0].key = "c"
	}
	if s.otherInstance(m) {
		s.menu.cursor = 1 // a run of another instance: a new run is the safe default
	}
	return nil
}

func (s *resumeScreen) otherInstance(m *Model) bool {
	return !m.o.Demo && OtherInstance(s.sum.LiveURL, m.o.LiveURL)
}
func (s *resumeScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if st, ok := msg.(startedMsg); ok {
		return m.onStarted(st)
	}
	switch s.menu.pick(msg) {
	case "resume":
		if s.sum.Pending != "" {
			m.pending = PendingText(m.t, m.st, s.sum.Pending)
		}
		return m.begin(true)
	case "new":
		return m.begin(false)
	}
	return nil
}
func (s *resumeScreen) view(m *Model, width, height int) string {
	sum := s.sum
	var top strings.Builder
	top.WriteString(m.s.Bold.Render(m.t.ResumeFound(sum.RunID, m.st.DateTime(sum.Started))) + "\n")
	if sum.LiveURL != "" {
		top.WriteString(m.t.ResumeInstance(sum.LiveURL) + "\n")
	}
	if s.otherInstance(m) {
		top.WriteString(m.s.Status(styleWarn, indent(widgets.Wrap(m.t.ResumeOtherInstance(sum.LiveURL, m.o.LiveURL), width-6), "    ")[4:]) + "\n")
	}
	if sum.Path != steps.PathNone {
		top.WriteString(m.st.PathName(string(sum.Path)) + "\n")
	}
	// W8: actions started but never confirmed, worded by steps; the next
	// Connect reconciles them with the server instead of repeating them.
	var unconf strings.Builder
	for _, u := range sum.Unconfirmed {
		unconf.WriteString(m.s.Status(styleWarn, indent(widgets.Wrap(u, width-6), "    ")[4:]) + "\n")
	}
	next := m.st.StepName(string(sum.Next))
	if sum.Paused {
		next = fmt.Sprintf("%s (%s)", next, m.t.ResumePaused())
	}
	note := lines(m.s.Muted, widgets.Wrap(m.t.ResumeStartOverNote(sum.TakesOver), width-2))
	bottom := func(gap string) string {
		return gap + m.t.ResumeNext(next) + "\n" + gap + s.menu.view(m) + "\n" + gap + note
	}
	// The newest entries matter most: keep the tail that fits; when even
	// one line is too many (another instance, unconfirmed actions, the
	// longer note), the blank lines go first, so the menu and the whole
	// note stay in view.
	// top and unconf end with a line break: their lines are their breaks.
	used := strings.Count(top.String(), "\n") + 2 + strings.Count(unconf.String(), "\n")
	rest := bottom("\n")
	room := height - used - countLines(rest)
	if room < 1 {
		rest = bottom("")
		room = height - used - countLines(rest)
	}
	var b strings.Builder
	b.WriteString(top.String())
	b.WriteString("\n" + m.s.Bold.Render(m.t.ResumeDone()) + "\n")
	done := sum.Done
	if room < 1 {
		room = 1
	}
	if len(done) > room {
		// The earliest entries give way; one line says how many.
		hidden := len(done) - room + 1
		b.WriteString(m.s.Muted.Render(m.t.ResumeEarlier(hidden)) + "\n")
		done = done[hidden:]
	}
	for _, d := range done {
		b.WriteString(m.s.Status(styleOK, widgets.Truncate(d, width-6)) + "\n")
	}
	if len(sum.Done) == 0 {
		b.WriteString(m.s.Muted.Render("  –") + "\n")
	}
	b.WriteString(unconf.String())
	b.WriteString(rest)
	return b.String()
}
