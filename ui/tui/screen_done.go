package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// doneScreen: the run is finished — summary, report path, and a ready-made
// mail to the partner with the report (W9).
type doneScreen struct {
	path   string
	err    error
	mail   steps.Mail
	menu   menu
	copied string
	scroll scroller
}

func (*doneScreen) title(m *Model) string { return m.st.StepName("done") }
func (s *doneScreen) keys(m *Model) []key.Binding {
	return []key.Binding{m.bind("up/down", m.t.Select()), m.bind("enter", m.t.Continue()), m.bind("pgdown", m.t.Scroll())}
}
func (s *doneScreen) init(m *Model) tea.Cmd {
	if !m.snap.Finished {
		if err := m.e.Finish(); err != nil {
			s.err = err
		}
	}
	m.refresh()
	s.path = m.snap.ReportPath
	if s.path == "" {
		s.path, _ = m.e.WriteReport()
	}
	s.mail = m.e.FinishMail() // W9: built by steps from the outcome, never here
	items := []menuItem{{key: "b", id: "report", label: m.t.OpenReport()}}
	items = append(items, m.mailItems(s.mail)...)
	s.menu = menu{items: append(items, menuItem{key: "q", id: "quit", label: m.t.Quit()})}
	m.farewell = m.t.FinishedFarewell(s.path)
	return nil
}

func (s *doneScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.scroll.handle(msg) {
		return nil
	}
	switch id := s.menu.pick(msg); id {
	case "report":
		m.scr = &reportScreen{text: m.e.Report(), prev: s}
		return m.scr.init(m)
	case "copy", "open":
		var cmd tea.Cmd
		s.copied, cmd, _ = m.mailAction(id, s.mail)
		return cmd
	case "quit":
		return quit(ExitFinished)
	}
	return nil
}
func (s *doneScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	snap := m.snap
	switch {
	case s.err != nil:
		b.WriteString(m.s.Bad.Render(s.err.Error()) + "\n\n")
	case ProblemsReported(snap):
		b.WriteString(m.s.Warn.Render(m.t.DoneWithProblems()) + "\n\n")
	default:
		b.WriteString(m.s.OK.Render(m.t.DoneOK()) + "\n\n")
	}
	ver := snap.Live.VersionBefore
	if snap.Live.VersionAfter != "" && snap.Live.VersionAfter != ver {
		ver += " → " + snap.Live.VersionAfter
	}
	b.WriteString(m.fact(m.t.LiveSystem(), snap.Live.URL+"  "+ver) + "\n")
	if snap.Test.URL != "" {
		tv := snap.Test.VersionBefore
		if snap.Test.VersionAfter != "" && snap.Test.VersionAfter != tv {
			tv += " → " + snap.Test.VersionAfter
		}
		b.WriteString(m.fact(m.t.TestSystem(), snap.Test.URL+"  "+tv) + "\n")
	}
	if snap.Path != steps.PathNone {
		b.WriteString(m.fact(m.t.PathWord(), m.st.PathName(string(snap.Path))) + "\n")
	}
	for _, bk := range snap.Backups {
		if bk.Entry != nil {
			b.WriteString(m.fact(m.t.BackupName(), bk.Entry.Name) + "\n")
		}
	}
	if len(snap.Checklist) > 0 { // not reached when the install failed: no "0 passed, 0 problems"
		b.WriteString(m.fact(m.t.ChecklistWord(), m.t.ChecklistCounts(checklistCounts(snap.Checklist))) + "\n")
	}
	b.WriteString(m.factLong(m.t.ReportWord(), s.path, width) + "\n\n")
	b.WriteString(widgets.Wrap(m.t.DoneMailIntro(s.mail.To), width-2) + "\n")
	b.WriteString(m.factLong(m.t.MailSubject(), s.mail.Subject, width) + "\n")
	label := m.t.MailtoLabel()
	if !m.s.Opts.NoColor {
		label = linkify(s.mail.MailtoURL, m.s.Key.Render(label))
	}
	b.WriteString(label + "\n")
	foot := s.menu.view(m)
	if s.copied != "" {
		foot += "\n" + m.s.Muted.Render(s.copied)
	}
	return s.scroll.window(m, b.String(), height-countLines(foot)-1) + "\n\n" + foot
}

// ProblemsReported: the run went through the problems step (a failed
// install or backup reported from the error screen, a failed smoke check,
// a checklist problem), so "installed and tested" would be false (R13).
func ProblemsReported(snap steps.Snapshot) bool {
	for _, it := range snap.Checklist {
		if it.Status == steps.AnswerProblem {
			return true
		}
	}
	for _, r := range snap.Steps {
		if r.Step == steps.StepProblems {
			return true
		}
	}
	return false
}
