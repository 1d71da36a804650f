package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// refresh re-reads the wizard's state for the chrome and the screens.
func (m *Model) refresh() { m.snap = m.e.Snapshot() }

// header builds the top lines: app, step x of y, instance, banners, countdown.
func (m *Model) header() string {
	h := widgets.Header{App: m.t.AppName(), Banners: m.o.Banners}
	title := m.scr.title(m)
	if _, plain := m.scr.(unnumbered); plain || m.stepOf == 0 {
		h.Step = title
	} else {
		h.Step = m.t.StepOf(m.stepN, m.stepOf, title)
	}
	h.URL = m.o.LiveURL
	if m.snap.Stage == steps.StageTest && m.o.TestURL != "" {
		h.URL = m.t.TestSystem() + " " + m.o.TestURL
	}
	if m.snap.Insecure && !containsString(m.o.Banners, m.t.InsecureBanner()) {
		h.Banners = append(append([]string{}, h.Banners...), m.t.InsecureBanner())
	}
	if c := m.snap.Countdown; c.Applies {
		switch {
		case c.ReportPassed:
			h.Deadline = m.t.CountdownPassed16()
		case c.TestPassed:
			h.Deadline = m.t.CountdownPassed15(c.ReportLeft)
		default:
			h.Deadline = m.t.Countdown(c.TestLeft, c.ReportLeft)
		}
	}
	return h.Render(m.s, m.width)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unnumbered screens (resume, report) are outside the step plan.
type unnumbered interface{ unnumbered() }

// footerKeys are the screen's keys plus the global ones.
func (m *Model) footerKeys() []key.Binding {
	switch {
	case m.askCancel:
		return []key.Binding{m.bind(strings.Trim(m.t.LineYesNo(), "[]"), m.t.ConfirmCancelTitle())}
	case m.run != nil:
		return []key.Binding{m.bind("ctrl+c", m.t.Cancel())}
	case m.fail != nil && m.fail.login != nil:
		// Letters are typed into the form here: no r/b/q in the footer.
		return []key.Binding{m.bind("enter", m.t.Continue()), m.bind("tab", m.t.Select()), m.bind("esc", m.t.Back())}
	case m.fail != nil:
		ks := []key.Binding{}
		if m.fail.retry != nil {
			ks = append(ks, m.bind("r", m.t.Retry()))
		}
		if m.canReportProblem() {
			// Esc is listed on the screen itself; the footer keeps 80 columns.
			ks = append(ks, m.bind("m", m.t.ProblemShort()))
		} else {
			ks = append(ks, m.bind("esc", m.t.Back()))
		}
		return append(ks, m.bind("b", m.t.OpenReport()), m.bind("q", m.t.Quit()))
	}
	ks := m.scr.keys(m)
	typing := false
	if ty, ok := m.scr.(typer); ok {
		typing = ty.typing()
	}
	if !typing {
		ks = append(ks, m.bind("q", m.t.Quit()), m.bind("?", m.t.Help()))
	}
	return ks
}

// bind makes a help-only key binding ("enter" → "continue").
func (m *Model) bind(keys, desc string) key.Binding {
	label := keys
	switch keys {
	case "up/down":
		label = "↑/↓"
		return key.NewBinding(key.WithKeys("up", "down"), key.WithHelp(label, desc))
	case "pgdown", "ctrl+c":
		label = m.t.KeyLabel(keys)
	}
	return key.NewBinding(key.WithKeys(keys), key.WithHelp(label, desc))
}
