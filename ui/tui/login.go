package tui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/visual4/1crm-update/steps"
)

// loginForm asks for the password (and, if that was the mistake, the user
// name) again after 1CRM rejected the login. The values live behind
// pointers (huh Value trap) and are handed to Options.Relogin, never stored
// in the model or the journal.
type loginForm struct {
	form     *huh.Form
	user, pw *string
	stage    steps.Stage
}

func newLoginForm(m *Model, stage steps.Stage) *loginForm {
	user, pw := new(string), new(string)
	if m.o.LoginUser != nil {
		*user = m.o.LoginUser(stage)
	}
	url := m.o.LiveURL
	if stage == steps.StageTest && m.o.TestURL != "" {
		url = m.o.TestURL
	}
	// The password first: it is what is usually wrong, and the cursor starts there.
	f := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title(m.t.ReloginPassword()).EchoMode(huh.EchoModePassword).Value(pw).
			Validate(nonEmpty(m.t.ReloginPassword())),
		huh.NewInput().Title(m.t.ReloginUser()).Value(user).Validate(nonEmpty(m.t.ReloginUser())),
	).Title(m.t.ReloginTitle(*user, url))).WithShowHelp(false).WithWidth(m.width - 4)
	if m.s.Opts.NoColor {
		f = f.WithTheme(huh.ThemeBase())
	} else {
		f = f.WithTheme(huh.ThemeCharm())
	}
	return &loginForm{form: f, user: user, pw: pw, stage: stage}
}

// loginKey feeds a key to the form; Esc leaves it for the plain error screen.
func (m *Model) loginKey(k tea.KeyMsg) tea.Cmd {
	if k.Type == tea.KeyEsc {
		m.fail.login = nil
		return nil
	}
	return m.loginUpdate(k)
}

// loginUpdate forwards any message to the form (keys, blink, the focus
// moves huh sends itself). Once the form is complete the new login is
// handed to the app and the failed action runs again.
func (m *Model) loginUpdate(msg tea.Msg) tea.Cmd {
	f := m.fail.login
	mdl, cmd := f.form.Update(msg)
	if ff, ok := mdl.(*huh.Form); ok {
		f.form = ff
	}
	if f.form.State != huh.StateCompleted {
		return cmd
	}
	err := m.o.Relogin(f.stage, *f.user, *f.pw)
	*f.pw = ""
	if err != nil {
		m.fail.login = nil
		m.fail.detail = ErrorLine(m.t, err)
		return nil
	}
	a := *m.fail.retry
	m.fail = nil
	return m.start(a)
}
