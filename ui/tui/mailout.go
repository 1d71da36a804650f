package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/ui/widgets"
)

// A page's mail (refresh request, problems, finish) is handed to the admin
// in whichever way this desktop allows: copied through the terminal
// (OSC 52), opened in the mail program (Options.Open), or, where the
// terminal cannot copy, printed as plain text to select by hand.

// handOver runs the page's copy or open choice. note is the line to show
// under the menu.
func (m *Model) handOver(id string) (note string, cmd tea.Cmd) {
	ml := m.pg.Mail
	if ml == nil {
		return "", nil
	}
	switch id {
	case "copy":
		txt := m.t.MailTo() + ": " + ml.To + "\n" + m.t.MailSubject() + ": " + ml.Subject + "\n\n" + ml.Body
		if m.o.Copy != nil && m.o.Copy(txt) {
			return m.t.Copied(), nil
		}
		return m.t.CopyUnsupported(), m.printPlain(txt)
	case "open":
		if m.o.Open == nil {
			return "", nil
		}
		if err := m.o.Open(ml.MailtoURL); err != nil {
			return m.t.OpenMailFailed(err.Error()), nil
		}
		return m.t.MailOpened(), nil
	}
	return "", nil
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
