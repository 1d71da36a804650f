package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/ui/page"
)

// Driving the pages: a visit per step due, the page rebuilt after every
// action, and each choice run exactly as the page describes it
// (page.Settle says what follows) — the line mode does the same calls.

// advance shows the step that is due now, on a fresh visit: huh forms
// cannot be reset, so nothing of the last visit is kept.
func (m *Model) advance() tea.Cmd {
	m.fail, m.report, m.input, m.asking = nil, nil, nil, nil
	m.showHelp = false
	m.visit = page.Open(m.e, m.e.Next())
	m.scroll, m.list = scroller{}, listView{}
	m.rebuild()
	return m.enter()
}

// rebuild re-reads the wizard's state and builds the visit's page. The
// menu keeps its cursor while the choices are the same ones.
func (m *Model) rebuild() {
	m.syncUI()
	m.snap = m.e.Snapshot()
	m.list.follow(m)
	m.pg = page.Build(m.snap, m.ui, m.visit)
	if m.pg.Blocked {
		m.blocked = true
	}
	if m.pg.Farewell != "" {
		m.farewell = m.pg.Farewell
	}
	m.menu = m.menu.rebuilt(m.pg)
}

// enter runs what the page starts with: nothing to show (Skip) goes on
// to the step due, an Enter action runs at once.
func (m *Model) enter() tea.Cmd {
	switch {
	case m.pg.Skip:
		return m.advance()
	case m.pg.Enter != nil:
		return m.act(m.pg.Enter, page.Arg{})
	}
	return nil
}

// pageKey takes a key for the page: scrolling, the checklist's cursor,
// then the choices.
func (m *Model) pageKey(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if m.pg.Checklist != nil {
		switch k.String() {
		case "enter", "tab", "shift+tab":
			return nil // an answer is a key of its own (1/2/3), never Enter
		}
		if m.list.key(m, k) {
			return nil
		}
	} else if m.scroll.handle(k) {
		return nil
	}
	id, disabled := m.menu.pick(k)
	if id == "" {
		return nil
	}
	if disabled {
		// Its reason is shown while it stays disabled (R23: open items).
		m.visit.Picked = id
		m.rebuild()
		return nil
	}
	return m.choose(id)
}

// choose runs the choice id of the current page.
func (m *Model) choose(id string) tea.Cmd {
	c := m.choice(id)
	if c == nil || c.Do == nil {
		return nil
	}
	if c.Role == page.Handover {
		note, cmd := m.handOver(c.ID)
		m.visit.Note = note
		m.rebuild()
		return cmd
	}
	return m.act(c.Do, page.Arg{Item: m.visit.Item})
}

func (m *Model) choice(id string) *page.Choice {
	for i := range m.pg.Choices {
		if m.pg.Choices[i].ID == id {
			return &m.pg.Choices[i]
		}
	}
	return nil
}

// act runs a: its text is asked first (a fresh huh input), a long call
// runs in the background, a quick one right here.
func (m *Model) act(a *page.Action, arg page.Arg) tea.Cmd {
	if a.Ask != nil && m.asking != a {
		m.input, m.asking = newInput(m, a.Ask), a
		return m.input.form.Init()
	}
	m.input, m.asking = nil, nil
	if a.Run != nil {
		return m.start(a, arg)
	}
	var err error
	if a.Call != nil {
		_, err = a.Call(m.o.Context, m.e, arg, func(any) {})
	}
	return m.settle(a, arg, err)
}

// inputUpdate feeds the input; once a text is accepted the action runs with it.
func (m *Model) inputUpdate(msg tea.Msg) tea.Cmd {
	cmd, done := m.input.update(msg)
	if !done {
		return cmd
	}
	return m.act(m.asking, page.Arg{Text: strings.TrimSpace(*m.input.value), Item: m.visit.Item})
}

// settle shows what follows an action (page.Settle decides).
func (m *Model) settle(a *page.Action, arg page.Arg, err error) tea.Cmd {
	out := page.Settle(m.visit, a, arg, err)
	if out.Err != nil {
		if m.fail != nil && m.fail.fl.Retry != a {
			m.fail.fl.Reword(m.t, out.Err) // a pick on the error page failed too
			return nil
		}
		return m.showError(out.Err, a, arg)
	}
	switch out.Follow {
	case page.Advance:
		return m.advance()
	case page.Quit:
		if out.Farewell != "" {
			m.farewell = out.Farewell
		}
		return quit(out.Exit)
	case page.ShowReport:
		// Over the page or the error page; Esc returns to it.
		m.report = &reportView{text: m.e.Report()}
		return nil
	}
	m.fail = nil
	m.rebuild()
	m.scroll = scroller{}
	m.list.after(m, a.ID)
	if out.Chain != nil {
		return m.act(out.Chain, page.Arg{})
	}
	if out.Reask {
		// steps refused the text: the refusal stands above a fresh input
		// that still holds it, for correcting instead of typing anew.
		for _, c := range m.pg.Choices {
			if c.Do != nil && c.Do.ID == a.ID && c.Do.Ask != nil {
				ask := *c.Do.Ask
				ask.Initial = m.visit.Kept
				m.input, m.asking = newInput(m, &ask), c.Do
				return m.input.form.Init()
			}
		}
	}
	return m.enter()
}
