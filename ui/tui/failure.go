package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/widgets"
)

// failure is the error page over the step: its content and choices come
// from page.NewFailure and page.FailurePage.
type failure struct {
	fl     *page.Failure
	login  *loginForm // asks the password again after a rejected login
	scroll scroller
}

func (m *Model) showError(err error, a *page.Action, arg page.Arg) tea.Cmd {
	m.input, m.asking = nil, nil
	m.syncUI()
	m.snap = m.e.Snapshot()
	f := &failure{fl: page.NewFailure(m.ui, err, a, arg)}
	m.fail = f
	if f.fl.Relogin {
		f.login = newLoginForm(m, f.fl)
		return f.login.form.Init()
	}
	return nil
}

// failPage is the error page's choices for the step due now.
func (m *Model) failPage() page.Page { return page.FailurePage(m.snap, m.ui, m.fail.fl) }

// failView draws the error page in room lines: what happened (scrolls
// with PgUp/PgDn when a server put a long text into its error) above what
// is safe to do now and where the journal is, which always stay in view.
func (m *Model) failView(width, room int) string {
	fl := m.fail.fl
	var top strings.Builder
	top.WriteString(m.s.Bad.Render(m.t.ErrorTitle()) + "\n\n")
	top.WriteString(m.s.Bold.Render(m.t.ErrorWhat()) + "\n")
	top.WriteString(widgets.Wrap(fl.Cause, width-2) + "\n")
	if fl.Detail != "" {
		top.WriteString(lines(m.s.Muted, widgets.Wrap(fl.Detail, width-2)) + "\n")
	}
	if fl.Server != "" && m.fail.login == nil {
		label := m.t.ErrorServerState()
		top.WriteString("\n" + m.s.Bold.Render(label) + strings.TrimPrefix(widgets.Wrap(label+" "+fl.Server, width-2), label) + "\n")
	}
	if m.fail.login != nil {
		return top.String() + "\n" + m.fail.login.form.View()
	}
	var b strings.Builder
	b.WriteString(m.s.Bold.Render(m.t.ErrorSafe()) + "\n")
	for _, c := range m.failPage().Choices {
		k := c.Key
		if k == "esc" {
			k = "Esc"
		}
		b.WriteString("  " + k + " — " + c.Label + "\n")
	}
	out := strings.TrimRight(b.String(), "\n")
	if fl.Journal != "" {
		// The path on a line of its own: a wrapped path cannot be copied.
		out += "\n\n" + lines(m.s.Muted, widgets.Wrap(m.t.ErrorJournalKept(""), width-2)) + "\n" + fl.Journal
	}
	return m.window(&m.fail.scroll, top.String(), room-countLines(out)-1) + "\n\n" + out
}

// failKeys: the footer keeps 80 columns; Esc is listed on the page itself
// when reporting the problem is offered.
func (m *Model) failKeys() []key.Binding {
	if m.fail.login != nil {
		// Letters are typed into the form here: no r/b/q in the footer.
		return []key.Binding{m.bind("enter", m.t.Continue()), m.bind("tab", m.t.Select()), m.bind("esc", m.t.Back())}
	}
	var ks []key.Binding
	p := m.failPage()
	has := func(id string) bool {
		for _, c := range p.Choices {
			if c.ID == id {
				return true
			}
		}
		return false
	}
	if has("retry") {
		ks = append(ks, m.bind("r", m.t.Retry()))
	}
	if has("problem") {
		ks = append(ks, m.bind("m", m.t.ProblemShort()))
	} else if has("back") { // none where back would only repeat (step 1)
		ks = append(ks, m.bind("esc", m.t.Back()))
	}
	return append(ks, m.bind("b", m.t.OpenReport()), m.bind("q", m.t.Quit()))
}

func (m *Model) failKey(k tea.KeyMsg) tea.Cmd {
	if m.fail.login != nil {
		if k.Type == tea.KeyEsc {
			m.fail.login = nil // the plain error page: quitting stays possible
			return nil
		}
		return m.loginUpdate(k)
	}
	if m.fail.scroll.handle(k) {
		return nil
	}
	for _, c := range m.failPage().Choices {
		if c.Key == k.String() {
			if c.ID == "retry" {
				return m.act(c.Do, m.fail.fl.Arg)
			}
			return m.act(c.Do, page.Arg{})
		}
	}
	return nil
}

// loginForm asks for the password (and, if that was the mistake, the user
// name) again after 1CRM rejected the login. The values live behind
// pointers (huh Value trap) and are handed to Options.Relogin, never kept
// in the model or the journal.
type loginForm struct {
	form     *huh.Form
	user, pw *string
}

func newLoginForm(m *Model, fl *page.Failure) *loginForm {
	user, pw := new(string), new(string)
	*user = fl.User
	// The password first: it is what is usually wrong, and the cursor starts there.
	f := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title(m.t.ReloginPassword()).EchoMode(huh.EchoModePassword).Value(pw).
			Validate(nonEmpty(m.t.ReloginPassword())),
		huh.NewInput().Title(m.t.ReloginUser()).Value(user).Validate(nonEmpty(m.t.ReloginUser())),
	).Title(m.t.ReloginTitle(*user, fl.LoginURL)))
	return &loginForm{form: m.themed(f), user: user, pw: pw}
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
	fl := m.fail.fl
	err := m.o.Relogin(fl.Stage, *f.user, *f.pw)
	*f.pw = ""
	if err != nil {
		m.fail.login = nil
		fl.Reword(m.t, err)
		return nil
	}
	return m.act(fl.Retry, fl.Arg)
}

func nonEmpty(msg string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return huhErr(msg)
		}
		return nil
	}
}

type huhErr string

func (e huhErr) Error() string { return string(e) }
