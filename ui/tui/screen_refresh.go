package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// refreshScreen: the request to the partner to refresh the test system (R8),
// then the admin confirms the refresh was done.
type refreshScreen struct {
	mail   steps.Mail
	menu   menu
	copied string
	scroll scroller
}

func (*refreshScreen) title(m *Model) string { return m.st.StepName("refresh_request") }
func (s *refreshScreen) keys(m *Model) []key.Binding {
	return []key.Binding{m.bind("up/down", m.t.Select()), m.bind("enter", m.t.Continue()), m.bind("pgdown", m.t.Scroll())}
}
func (s *refreshScreen) init(m *Model) tea.Cmd {
	s.mail = m.e.RefreshMail()
	s.menu = menu{items: append(m.mailItems(s.mail), menuItem{key: "r", id: "done", label: m.t.RefreshConfirm()})}
	return nil
}
func (s *refreshScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.scroll.handle(msg) {
		return nil
	}
	switch id := s.menu.pick(msg); id {
	case "copy", "open":
		var cmd tea.Cmd
		s.copied, cmd, _ = m.mailAction(id, s.mail)
		return cmd
	case "done":
		return m.afterAct(m.e.ConfirmRefreshed())
	}
	return nil
}
func (s *refreshScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	b.WriteString(widgets.Wrap(m.t.RefreshIntro(), width-2) + "\n\n")
	b.WriteString(m.mailView(s.mail, width))
	foot := s.menu.view(m)
	if s.copied != "" {
		foot += "\n" + m.s.Muted.Render(s.copied)
	}
	return s.scroll.window(m, b.String(), height-countLines(foot)-1) + "\n\n" + foot
}

// mailView renders a ready-to-send mail: To, Subject, body, mailto link.
func (m *Model) mailView(mail steps.Mail, width int) string {
	var b strings.Builder
	b.WriteString(m.fact(m.t.MailTo(), mail.To) + "\n")
	b.WriteString(m.factLong(m.t.MailSubject(), mail.Subject, width) + "\n")
	b.WriteString(m.s.Rule.Render(strings.Repeat("-", 20)) + "\n")
	b.WriteString(widgets.WrapBlock(mail.Body, width-2) + "\n")
	b.WriteString(m.s.Rule.Render(strings.Repeat("-", 20)) + "\n")
	if mail.MailtoURL != "" {
		// An OSC 8 hyperlink: a mailto URL with the whole body is far wider
		// than the screen, and a cut or wrapped URL would not open. Without
		// colour (NO_COLOR, tests) only the label is shown; c copies the mail.
		label := m.t.MailtoLabel()
		if !m.s.Opts.NoColor {
			label = linkify(mail.MailtoURL, m.s.Key.Render(label))
		}
		b.WriteString(label + "\n")
	}
	return b.String()
}

// linkify wraps label in an OSC 8 hyperlink to u.
func linkify(u, label string) string {
	return ansi.SetHyperlink(u) + label + ansi.ResetHyperlink()
}
