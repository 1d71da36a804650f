package tui

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
)

// preflightScreen runs W1 (R1–R6) and shows the verdict. Blocking verdicts
// say why and what to do; warnings must be acknowledged explicitly.
type preflightScreen struct {
	pf     *steps.Preflight
	menu   menu
	scroll scroller
}

func (*preflightScreen) title(m *Model) string { return m.st.StepName("preflight") }
func (s *preflightScreen) keys(m *Model) []key.Binding {
	if s.pf == nil {
		return nil
	}
	return []key.Binding{m.bind("up/down", m.t.Select()), m.bind("enter", m.t.Continue()), m.bind("pgdown", m.t.Scroll())}
}

func (s *preflightScreen) init(m *Model) tea.Cmd {
	a := action{
		label:  m.t.Checking(),
		server: m.t.ServerUnchanged(),
		run: func(ctx context.Context, _ func(any)) (any, error) {
			return m.e.Preflight(ctx)
		},
	}
	a.done = func(m *Model, v any, err error) tea.Cmd {
		if err != nil {
			return m.showError(err, &a)
		}
		s.pf = v.(*steps.Preflight)
		m.refresh()
		s.buildMenu(m)
		return nil
	}
	return m.start(a)
}

func (s *preflightScreen) buildMenu(m *Model) {
	pf := s.pf
	switch {
	// A block (R6 expired subscription, uploads disabled) does not depend on
	// where the instance runs: say so at once instead of first asking the
	// deployment question and then refusing anyway.
	case pf.Blocked:
		m.blocked = true
		s.menu = menu{items: []menuItem{
			{key: "b", id: "report", label: m.t.OpenReport()},
			{key: "q", id: "quit", label: m.t.QuitBlocked()},
		}}
	case pf.NeedsDeployment:
		guess := pf.DeploymentGuess
		s.menu = menu{items: []menuItem{
			{key: "1", id: "cloud", label: m.t.DeploymentCloud()},
			{key: "2", id: "onprem", label: m.t.DeploymentOnPrem()},
		}}
		if guess == steps.DeploymentOnPrem {
			s.menu.cursor = 1
		}
	case hasLevel(pf.Verdicts, steps.LevelWarn):
		s.menu = menu{items: []menuItem{{key: "a", id: "ack", label: m.t.AckWarnings()}}}
	default:
		s.menu = menu{items: []menuItem{{id: "ack", label: m.t.ContinueTo(m.st.StepName("package"))}}}
	}
}

func (s *preflightScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.pf == nil {
		return nil
	}
	if s.scroll.handle(msg) {
		return nil
	}
	switch s.menu.pick(msg) {
	case "cloud", "onprem":
		pf, err := m.e.ConfirmDeployment(steps.Deployment(s.menu.items[s.menu.cursor].id))
		if err != nil {
			return m.showError(err, nil)
		}
		s.pf = pf
		m.refresh()
		s.buildMenu(m)
	case "report":
		m.scr = &reportScreen{text: m.e.Report(), prev: s}
		return m.scr.init(m)
	case "quit":
		return quit(ExitFailed)
	case "ack":
		return m.advance()
	}
	return nil
}

func (s *preflightScreen) view(m *Model, width, height int) string {
	if s.pf == nil {
		return m.fact(m.t.LiveSystem(), m.o.LiveURL)
	}
	pf := s.pf
	var b strings.Builder
	ed := m.st.EditionName(string(pf.Edition))
	if pf.Deployment != steps.DeploymentUnknown {
		ed += " · " + m.st.DeploymentName(string(pf.Deployment))
	}
	b.WriteString(m.fact(m.t.Edition(), ed) + "\n")
	b.WriteString(m.fact(m.t.Installed(), orUnknown(m, pf.Version)) + "\n")
	if pf.SupportEnd != "" {
		sup := pf.SupportEnd
		if pf.HasSupportDaysLeft {
			sup = m.t.SupportUntil(pf.SupportEnd, pf.SupportDaysLeft)
		}
		b.WriteString(m.fact(m.t.Support(), sup) + "\n")
	}
	b.WriteString(m.fact(m.t.Extensions(), fmt.Sprint(len(pf.Extensions))) + "\n")
	if len(pf.Updates) > 0 {
		var vs []string
		for _, u := range pf.Updates {
			vs = append(vs, u.Version)
		}
		b.WriteString(m.fact(m.t.UpdatesOffered(), strings.Join(vs, ", ")) + "\n")
	}
	b.WriteString("\n")
	switch {
	case pf.Blocked:
		b.WriteString(m.s.Bad.Render(m.t.PreflightBlocked()) + "\n")
	case hasLevel(pf.Verdicts, steps.LevelWarn):
		b.WriteString(m.s.Warn.Render(m.t.PreflightWarnings()) + "\n")
	default:
		b.WriteString(m.s.OK.Render(m.t.PreflightOK()) + "\n")
	}
	b.WriteString(m.verdicts(ShownVerdicts(pf), width, true))
	var foot strings.Builder
	if pf.NeedsDeployment && !pf.Blocked {
		foot.WriteString(m.s.Bold.Render(m.t.DeploymentQuestion()) + "\n")
	}
	foot.WriteString(s.menu.view(m))
	fixed := countLines(foot.String())
	return s.scroll.window(m, b.String(), height-fixed-1) + "\n\n" + foot.String()
}

// ShownVerdicts are the preflight verdicts worth reading: when the update is
// blocked anyway, the "please confirm the deployment" note (R2, R3) asks
// for an answer nobody will be asked for, so it is left out.
func ShownVerdicts(pf *steps.Preflight) []steps.Verdict {
	if !pf.Blocked || !pf.NeedsDeployment {
		return pf.Verdicts
	}
	var out []steps.Verdict
	for _, v := range pf.Verdicts {
		if v.Rule == "R2,R3" && v.Level == steps.LevelWarn {
			continue
		}
		out = append(out, v)
	}
	return out
}
