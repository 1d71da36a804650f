package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// The mail screens (refresh request, problems, done) hand a ready-made mail
// to the admin in whichever way this desktop allows: copied through the
// terminal (OSC 52), opened in the mail program (Options.Open), or, where
// the terminal cannot copy, printed as plain text to select by hand.

// mailItems are the menu entries of every mail screen: copy, and open in
// the mail program where the wizard runs on the admin's own desktop.
func (m *Model) mailItems(mail steps.Mail) []menuItem {
	items := []menuItem{{key: "c", id: "copy", label: m.t.CopyMail()}}
	if m.o.Open != nil && mail.MailtoURL != "" {
		items = append(items, menuItem{key: "o", id: "open", label: m.t.OpenMail()})
	}
	return items
}

// mailAction runs a pick of mailItems. note is the line to show under the
// menu; handled is false for any other menu id.
func (m *Model) mailAction(id string, mail steps.Mail) (note string, cmd tea.Cmd, handled bool) {
	switch id {
	case "copy":
		txt := mailText(m, mail)
		if m.o.Copy != nil && m.o.Copy(txt) {
			return m.t.Copied(), nil, true
		}
		return m.t.CopyUnsupported(), m.printPlain(txt), true
	case "open":
		if m.o.Open == nil {
			return "", nil, true
		}
		if err := m.o.Open(mail.MailtoURL); err != nil {
			return m.t.OpenMailFailed(err.Error()), nil, true
		}
		return m.t.MailOpened(), nil, true
	}
	return "", nil, false
}

// mailText is what the admin pastes into a new mail.
func mailText(m *Model, mail steps.Mail) string {
	return m.t.MailTo() + ": " + mail.To + "\n" + m.t.MailSubject() + ": " + mail.Subject + "\n\n" + mail.Body
}

// printPlain leaves the full screen and prints text as plain, unwrapped
// lines into the terminal, where the admin can select and copy it — for
// terminals that do not take OSC 52 (the classic Windows console, macOS
// Terminal). Enter goes back; the text stays in the terminal's history.
// tea.Println prints nothing while the alternate screen is active, hence
// the exit first.
func (m *Model) printPlain(text string) tea.Cmd {
	m.plain = true
	return tea.Sequence(tea.ExitAltScreen, tea.Println(text))
}

// plainKey: Enter (or Esc, q) returns from the printed text to the wizard.
func (m *Model) plainKey(k tea.KeyMsg) tea.Cmd {
	switch k.String() {
	case "enter", "esc", "q":
		m.plain = false
		return tea.EnterAltScreen
	}
	return nil
}

// plainView is the note under the printed text, wrapped: outside the full
// screen the renderer cuts lines at the terminal's width.
func (m *Model) plainView() string {
	return m.s.Key.Render(widgets.Wrap(m.t.PlainTextBack(), m.width-2)) + "\n"
}
