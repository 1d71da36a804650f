package tui

import (
	"context"
	"errors"
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
	// input asks the installed version when /version is closed
	// (Startup/Startup+, spec §1.4, §8); refused is why the last answer
	// was not taken (steps' Refusal, e.g. "„8,7“ ist keine Versionsangabe").
	input   *inputForm
	refused string
}

func (s *preflightScreen) typing() bool { return s.input != nil }
func (s *preflightScreen) back(m *Model) tea.Cmd {
	s.input, s.refused = nil, ""
	return nil
}

func (*preflightScreen) title(m *Model) string { return m.st.StepName("preflight") }
func (s *preflightScreen) keys(m *Model) []key.Binding {
	if s.pf == nil {
		return nil
	}
	if s.input != nil {
		return m.inputKeys()
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
		if pf.NeedsVersion {
			// Offered first: without it W2 cannot judge the package.
			s.menu.items = append([]menuItem{{key: "v", id: "version", label: m.t.VersionEnter()}}, s.menu.items...)
		}
	default:
		s.menu = menu{items: []menuItem{{id: "ack", label: m.t.ContinueTo(m.st.StepName("package"))}}}
	}
}

func (s *preflightScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.pf == nil {
		return nil
	}
	if s.input != nil {
		return s.versionUpdate(m, msg)
	}
	if s.scroll.handle(msg) {
		return nil
	}
	switch s.menu.pick(msg) {
	case "version":
		return s.askVersion(m, "")
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
	if pf.SupportEndText != "" {
		sup := pf.SupportEndText
		if pf.HasSupportDaysLeft {
			sup = m.t.SupportUntil(pf.SupportEndText, pf.SupportDaysLeft)
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
	switch {
	case s.input != nil:
		if s.refused != "" {
			foot.WriteString(m.statusBlock(styleBad, s.refused, width-4) + "\n")
		}
		foot.WriteString(s.input.view())
	case pf.NeedsDeployment && !pf.Blocked:
		foot.WriteString(m.s.Bold.Render(m.t.DeploymentQuestion()) + "\n" + s.menu.view(m))
	default:
		foot.WriteString(s.menu.view(m))
	}
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

// askVersion opens the version input; initial keeps a refused answer for
// correcting it instead of typing it again.
func (s *preflightScreen) askVersion(m *Model, initial string) tea.Cmd {
	s.input = newInput(m, m.t.VersionInputTitle(), m.t.VersionInputHelp(), initial, nonEmpty(m.t.VersionRequired()))
	return s.input.form.Init()
}

// versionUpdate feeds the version input. steps decides what a version is:
// a refusal is shown above a fresh input holding the refused answer.
func (s *preflightScreen) versionUpdate(m *Model, msg tea.Msg) tea.Cmd {
	cmd, done := s.input.update(msg)
	if !done {
		return cmd
	}
	v := strings.TrimSpace(*s.input.value)
	if err := m.e.SetInstalledVersion(v); err != nil {
		var ref *steps.Refusal
		if !errors.As(err, &ref) {
			s.input = nil
			return m.showError(err, nil)
		}
		s.refused = ref.Reason
		return s.askVersion(m, v)
	}
	s.input, s.refused = nil, ""
	s.scroll = scroller{} // the verdicts changed: read them from the top
	m.refresh()
	if m.snap.Preflight != nil {
		s.pf = m.snap.Preflight
	}
	s.buildMenu(m)
	return nil
}
