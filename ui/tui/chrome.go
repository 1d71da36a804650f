package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/widgets"
)

// View draws chrome + page, or the small-window notice.
func (m *Model) View() string {
	if m.exit != ExitNone {
		return ""
	}
	if m.plain {
		return m.plainView()
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	header := m.header()
	// The footer offers PgDn only when the body is longer than its room,
	// which is known once the body is drawn: draw, then check the footer.
	footer := m.footer()
	body := m.body(m.height - countLines(header) - countLines(footer))
	if f := m.footer(); f != footer {
		footer = f
		body = m.body(m.height - countLines(header) - countLines(footer))
	}
	return widgets.Frame(header, body, footer, m.width, m.height)
}

func (m *Model) footer() string {
	return widgets.Footer(m.s, widgets.Keys{Short: m.footerKeys()}, m.width, m.showHelp)
}

// body is what is between header and footer, in room lines.
func (m *Model) body(room int) string {
	m.overflow, m.scrollKeys = false, ""
	switch {
	case m.askCancel:
		return m.cancelView(m.width)
	case m.report != nil:
		return m.reportBody(room)
	case m.fail != nil:
		return m.failView(m.width, room)
	case m.pg.Resume != nil:
		return m.resumeView(m.width, room)
	case m.pg.Checklist != nil:
		return m.checklistView(m.width, room)
	}
	return m.pageView(m.width, room)
}

// pageView: the page's blocks and mail scroll above its fixed part — the
// question, the choices (or the input) and the note — which never
// scrolls away. While an action runs, its progress takes that place.
func (m *Model) pageView(width, room int) string {
	content := m.blocks(m.pg.Blocks, width)
	if m.pg.Mail != nil {
		content = strings.TrimRight(content+"\n"+m.mailView(m.pg.Mail, width), "\n")
	}
	if m.run != nil {
		if n := m.run.waits.Notice(); n != nil {
			return m.noticeView(n, width, room)
		}
	}
	var foot string
	switch {
	case m.run != nil:
		foot = m.runView(width)
	case m.input != nil:
		if m.pg.Note != "" {
			foot = m.statusBlock(mark(page.MarkBad), m.pg.Note, width-4) + "\n"
		}
		foot += m.input.view()
	case len(m.pg.Choices) > 0:
		if m.pg.Question != "" {
			foot = m.s.Bold.Render(m.pg.Question) + "\n"
		}
		foot += m.menu.view(m)
		if m.pg.Note != "" {
			foot += "\n" + m.s.Muted.Render(widgets.Wrap(m.pg.Note, width-2))
		}
	}
	if foot == "" {
		return m.window(&m.scroll, content, room)
	}
	return m.window(&m.scroll, content, room-countLines(foot)-1) + "\n\n" + foot
}

// window is the scroller's window of content; it notes an overflow.
func (m *Model) window(s *scroller, content string, room int) string {
	w := s.window(m, content, room)
	if w != strings.TrimRight(content, "\n") {
		m.overflow = true
		m.scrollKeys = s.keys()
	}
	return w
}

// tooSmallView asks the window to grow. After Ctrl-C during an action the
// cancel question stands here too: y/n are answered even in a small window
// (globalKey), so the admin must see what they answer.
func (m *Model) tooSmallView() string {
	msg := m.t.TooSmall(m.width, m.height, widgets.MinWidth, widgets.MinHeight) + "\n" + widgets.Wrap(m.t.TooSmallHint(), m.width-2)
	if m.askCancel && m.run != nil {
		msg = m.t.ConfirmCancelTitle() + "\n" + widgets.Wrap(m.run.a.Run.Server, m.width-2) + "\n\n" +
			m.t.ConfirmCancelYes() + "\n" + m.t.ConfirmCancelNo()
	}
	return widgets.TooSmall(m.s, msg, m.width, m.height)
}

// header builds the top lines: app, step x of y, instance, banners, countdown.
func (m *Model) header() string {
	h := widgets.Header{App: m.t.AppName(), Banners: m.o.Banners}
	switch {
	case m.report != nil:
		h.Step = m.t.TitleReport()
	case m.pg.Of == 0 && m.pg.N > 0: // before the path: no total yet
		h.Step = m.t.StepNoTotal(m.pg.N, m.pg.Title)
	case m.pg.Of == 0:
		h.Step = m.pg.Title
	default:
		h.Step = m.t.StepOf(m.pg.N, m.pg.Of, m.pg.Title)
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

// footerKeys are the keys of what is shown plus the global ones.
func (m *Model) footerKeys() []key.Binding {
	switch {
	case m.askCancel:
		return []key.Binding{m.bind(strings.Trim(m.t.LineYesNo(), "[]"), m.t.ConfirmCancelTitle())}
	case m.run != nil:
		if m.overflow {
			return []key.Binding{m.bind(m.scrollKeys, m.t.Scroll()), m.bind("ctrl+c", m.t.Cancel())}
		}
		return []key.Binding{m.bind("ctrl+c", m.t.Cancel())}
	case m.fail != nil:
		return m.failKeys()
	case m.input != nil:
		// Letters are typed into the form here: no q or ? in the footer.
		return []key.Binding{m.bind("enter", m.t.Continue()), m.bind("esc", m.t.Back())}
	}
	var ks []key.Binding
	switch {
	case m.report != nil:
		if m.overflow {
			ks = append(ks, m.bind(m.scrollKeys, m.t.Scroll()))
		}
		ks = append(ks, m.bind("esc", m.t.Back()))
	case m.pg.Checklist != nil:
		// 1/2/3 are explained above the list; the footer keeps the rest.
		ks = []key.Binding{m.bind("1/2/3", m.t.ChecklistAnswer()), m.bind("+", m.t.ChecklistAdd()), m.bind("F", m.t.ChecklistFinish())}
	case len(m.pg.Choices) > 0:
		if m.menu.enabled() > 1 {
			ks = append(ks, m.bind("up/down", m.t.Select()))
		}
		ks = append(ks, m.bind("enter", m.t.Continue()))
		if m.overflow {
			ks = append(ks, m.bind(m.scrollKeys, m.t.Scroll()))
		}
	}
	return append(ks, m.bind("q", m.t.Quit()), m.bind("?", m.t.Help()))
}

// bind makes a help-only key binding ("enter" → "continue").
func (m *Model) bind(keys, desc string) key.Binding {
	label := keys
	switch keys {
	case "up/down":
		label = "↑/↓"
		return key.NewBinding(key.WithKeys("up", "down"), key.WithHelp(label, desc))
	case "pgup/pgdown":
		return key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp(m.t.KeyLabel(keys), desc))
	case "pgdown", "pgup", "ctrl+c":
		label = m.t.KeyLabel(keys)
	}
	return key.NewBinding(key.WithKeys(keys), key.WithHelp(label, desc))
}
