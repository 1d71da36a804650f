package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// problemsScreen: something failed — the mail to the partner (R9, R13, R14)
// and the restore options with concrete times and costs (R16–R20).
type problemsScreen struct {
	mail   steps.Mail
	impact steps.RestoreImpact
	menu   menu
	copied string
	scroll scroller
}

func (*problemsScreen) title(m *Model) string { return m.st.StepName("problems") }
func (s *problemsScreen) keys(m *Model) []key.Binding {
	return []key.Binding{m.bind("up/down", m.t.Select()), m.bind("enter", m.t.Continue()), m.bind("pgdown", m.t.Scroll())}
}
func (s *problemsScreen) init(m *Model) tea.Cmd {
	s.mail = m.e.ProblemMail()
	s.impact = m.e.RestoreImpact()
	sent := menuItem{key: "g", id: "sent", label: m.t.ProblemsSent()}
	if m.t.Lang() == "en" {
		sent.key = "s"
	}
	s.menu = menu{items: append(m.mailItems(s.mail), sent)}
	return nil
}
func (s *problemsScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.scroll.handle(msg) {
		return nil
	}
	switch id := s.menu.pick(msg); id {
	case "copy", "open":
		var cmd tea.Cmd
		s.copied, cmd, _ = m.mailAction(id, s.mail)
		return cmd
	case "sent":
		return m.afterAct(m.e.ProblemsReported())
	}
	return nil
}
func (s *problemsScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	w := width - 2
	switch {
	case m.snap.Path == steps.PathA && m.snap.Stage == steps.StageTest:
		b.WriteString(widgets.Wrap(m.t.ProblemsIntroA(), w) + "\n")
	case !InstallTouched(m.snap):
		b.WriteString(widgets.Wrap(m.t.ProblemsIntroUnchanged(), w) + "\n")
	default:
		b.WriteString(widgets.Wrap(m.t.ProblemsIntroB(), w) + "\n\n")
		b.WriteString(m.s.Bold.Render(m.t.RestoreOptions()) + "\n")
		server := s.impact.Text
		if server == "" {
			server = m.t.RestoreServer(m.st.DateTime(s.impact.LostSince), m.st.Duration(s.impact.LostSpan), s.impact.Cost)
		}
		for i, o := range []string{m.t.RestoreOwn(), server, m.t.RestoreRepair()} {
			b.WriteString(numbered(i+1, o, w) + "\n")
		}
	}
	b.WriteString("\n" + m.mailView(s.mail, width))
	foot := s.menu.view(m)
	if s.copied != "" {
		foot += "\n" + m.s.Muted.Render(s.copied)
	}
	return s.scroll.window(m, b.String(), height-countLines(foot)-1) + "\n\n" + foot
}

// numbered renders "  1. text" with the wrapped lines hanging under the text.
func numbered(n int, s string, width int) string {
	return fmt.Sprintf("  %d. ", n) + strings.TrimPrefix(indent(widgets.Wrap(s, width-5), "     "), "     ")
}

// InstallTouched reports whether the current stage's install began (or
// finished): only then can live differ from before and a restore matter
// (R15–R20). A backup or a check that failed before it changed nothing.
func InstallTouched(s steps.Snapshot) bool {
	if s.Phase == steps.PhaseInstall || s.Phase == steps.PhaseInstalled {
		return true
	}
	if s.Stage == steps.StageTest {
		return s.Test.VersionAfter != ""
	}
	return s.Live.VersionAfter != ""
}
