package tui

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
)

// parityScreen compares the test system with live (W5) before tests count.
type parityScreen struct {
	reasonPrompt
	p      *steps.Parity
	menu   menu
	scroll scroller
}

func (*parityScreen) title(m *Model) string         { return m.st.StepName("parity") }
func (s *parityScreen) keys(m *Model) []key.Binding { return s.reasonPrompt.keys(m, s.p != nil) }
func (s *parityScreen) init(m *Model) tea.Cmd {
	a := action{
		label:  m.t.ParityChecking(),
		server: m.t.ServerUnchanged(),
		run: func(ctx context.Context, _ func(any)) (any, error) {
			return m.e.ParityCheck(ctx)
		},
	}
	a.done = func(m *Model, v any, err error) tea.Cmd {
		if err != nil {
			return m.showError(err, &a)
		}
		s.p = v.(*steps.Parity)
		m.refresh()
		s.setMenu(m)
		return nil
	}
	return m.start(a)
}

// setMenu offers what is due: the twin question first (R7), then going on
// or the choice about differences (W5).
func (s *parityScreen) setMenu(m *Model) {
	switch {
	case s.p.Twin && !s.p.DistinctConfirmed:
		// Enter alone stops: "2" (two systems) is a choice made on purpose.
		s.menu = menu{items: []menuItem{
			{key: "2", id: "distinct", label: m.t.TwinYes()},
			{key: "n", id: "stop", label: m.t.TwinStop()},
		}, cursor: 1}
	case s.p.OK:
		s.menu = menu{items: []menuItem{{id: "next", label: m.t.ContinueTo(m.st.StepName(string(m.e.Next())))}}}
	default:
		s.menu = menu{items: []menuItem{
			{key: "r", id: "redo", label: m.t.ParityRedo()},
			{key: "i", id: "accept", label: m.t.ParityAccept()},
		}}
	}
}
func (s *parityScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.typing() {
		return s.reasonPrompt.update(m, msg, m.e.AcceptParity)
	}
	if s.p == nil || s.scroll.handle(msg) {
		return nil
	}
	switch s.menu.pick(msg) {
	case "distinct":
		if err := m.e.ConfirmDistinctSystems(); err != nil {
			return m.showError(err, nil)
		}
		s.p.DistinctConfirmed = true
		m.refresh()
		if s.p.OK {
			return m.advance()
		}
		s.setMenu(m)
		return nil
	case "stop":
		m.farewell = m.t.TwinStopFarewell()
		return quit(ExitPaused)
	case "next":
		return m.advance()
	case "redo":
		return m.afterAct(m.e.RedoRefresh())
	case "accept":
		return s.ask(m, m.t.ParityReasonHelp())
	}
	return nil
}
func (s *parityScreen) view(m *Model, width, height int) string {
	if s.p == nil {
		return ""
	}
	p := s.p
	var b strings.Builder
	b.WriteString(m.fact(m.t.LiveSystem(), p.LiveVersion) + "\n")
	b.WriteString(m.fact(m.t.TestSystem(), p.TestVersion) + "\n\n")
	if p.OK {
		b.WriteString(m.s.OK.Render(m.t.ParityOK()) + "\n")
	} else {
		b.WriteString(m.s.Warn.Render(m.t.ParityDiffers()) + "\n")
	}
	for _, x := range p.MissingOnTest {
		b.WriteString(m.s.Status(styleWarn, m.t.ParityMissing(x)) + "\n")
	}
	for _, x := range p.ExtraOnTest {
		b.WriteString(m.s.Status(styleWarn, m.t.ParityExtra(x)) + "\n")
	}
	b.WriteString(m.verdicts(p.Verdicts, width, true))
	foot := s.reasonPrompt.view(m, &s.menu)
	return s.scroll.window(m, b.String(), height-countLines(foot)-1) + "\n\n" + foot
}

func nonEmpty(msg string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(msg)
		}
		return nil
	}
}
