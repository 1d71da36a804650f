package tui

import (
	"cmp"
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// installScreen: upload (progress bar), the upgrade manager's checks, the
// R22 warnings explained and explicitly accepted, then the install.
type installScreen struct {
	menu   menu
	scroll scroller
}

func (*installScreen) title(m *Model) string { return m.st.StepName("install") }
func (s *installScreen) keys(m *Model) []key.Binding {
	return []key.Binding{m.bind("up/down", m.t.Select()), m.bind("enter", m.t.Continue()), m.bind("pgdown", m.t.Scroll())}
}
func (s *installScreen) init(m *Model) tea.Cmd {
	m.refresh()
	s.buildMenu(m)
	return nil
}

func (s *installScreen) buildMenu(m *Model) {
	pv := m.snap.Prepare
	switch m.snap.Phase {
	case steps.PhaseUpload, "":
		s.menu = menu{items: []menuItem{{key: "u", id: "upload", label: m.t.InstallUpload(m.stageShort())}}}
	case steps.PhasePrepare:
		items := []menuItem{{key: "p", id: "prepare", label: m.t.InstallPrepare()}}
		s.menu = menu{items: items}
	case steps.PhaseConfirm:
		s.menu = menu{items: []menuItem{{key: "a", id: "accept", label: m.t.InstallAccept()}}}
	case steps.PhaseInstall:
		if pv != nil && len(pv.Errors) > 0 {
			s.menu = menu{items: []menuItem{{key: "p", id: "prepare", label: m.t.InstallPrepareAgain()}}}
			return
		}
		s.menu = menu{items: []menuItem{{key: "i", id: "install", label: m.t.InstallStart(m.stageShort())}}}
	case steps.PhaseInstalled:
		s.menu = menu{items: []menuItem{{id: "next", label: m.t.ContinueTo(m.st.StepName(string(m.e.Next())))}}}
	}
	if pv != nil && len(pv.Errors) > 0 && m.snap.Phase != steps.PhaseInstalled {
		s.menu = menu{items: []menuItem{{key: "p", id: "prepare", label: m.t.InstallPrepareAgain()}}}
	}
}

// stageShort is "TEST" or "LIVE": written big on the buttons that change a server.
func (m *Model) stageShort() string {
	if m.snap.Stage == steps.StageTest {
		return m.t.TestShort()
	}
	return m.t.LiveShort()
}

func (s *installScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.scroll.handle(msg) {
		return nil
	}
	switch s.menu.pick(msg) {
	case "upload":
		return s.upload(m)
	case "prepare":
		return s.prepare(m, false)
	case "accept":
		return s.prepare(m, true)
	case "install":
		return s.install(m)
	case "next":
		return m.advance()
	}
	return nil
}

func (s *installScreen) after(m *Model) {
	m.refresh()
	s.scroll.off = 0
	s.buildMenu(m)
}

func (s *installScreen) upload(m *Model) tea.Cmd {
	a := action{
		label:  m.t.Uploading(),
		server: m.t.UploadServerState(),
		run: func(ctx context.Context, report func(any)) (any, error) {
			return nil, m.e.Upload(ctx, func(sent, total int64) { report(transferMsg{sent, total}) })
		},
	}
	a.done = func(m *Model, _ any, err error) tea.Cmd {
		if err != nil {
			return m.showError(err, &a)
		}
		s.after(m)
		// The checks follow the upload at once: nothing for the admin to decide in between.
		return s.prepare(m, false)
	}
	return m.start(a)
}

func (s *installScreen) prepare(m *Model, accept bool) tea.Cmd {
	a := action{
		label:  m.t.Preparing(),
		server: m.t.PrepareServerState(),
		run: func(ctx context.Context, _ func(any)) (any, error) {
			if accept {
				return m.e.AcceptWarnings(ctx)
			}
			return m.e.Prepare(ctx)
		},
	}
	return s.startThenAfter(m, a)
}

func (s *installScreen) install(m *Model) tea.Cmd {
	a := action{
		label:  m.t.Installing(m.stageShort()),
		server: m.t.InstallServerState(),
		// "1CRM is installing right now" is true while it runs, not after
		// it failed; the cause sentence says what the state is then.
		stateOnlyWhileRunning: true,
		run: func(ctx context.Context, report func(any)) (any, error) {
			return nil, m.e.Install(ctx, func(p crmclient.InstallProgress) { report(p) })
		},
	}
	return s.startThenAfter(m, a)
}

// startThenAfter runs a; on success the screen re-reads where the install
// stands (s.after), on failure the error screen offers to retry a.
func (s *installScreen) startThenAfter(m *Model, a action) tea.Cmd {
	a.done = func(m *Model, _ any, err error) tea.Cmd {
		if err != nil {
			return m.showError(err, &a)
		}
		s.after(m)
		return nil
	}
	return m.start(a)
}

func (s *installScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	snap := m.snap
	b.WriteString(m.fact(m.t.Instance(), m.stageName()) + "\n")
	if p := snap.Package; p != nil {
		b.WriteString(m.fact(m.t.PackageFile(), p.FileName+" ("+p.Version+")") + "\n")
	}
	b.WriteString("\n")
	phase := snap.Phase
	order := map[steps.InstallPhase]int{"": 0, steps.PhaseUpload: 0, steps.PhasePrepare: 1, steps.PhaseConfirm: 2, steps.PhaseInstall: 3, steps.PhaseInstalled: 4}
	at := order[phase]
	// One breadcrumb line keeps the room for what the admin must read.
	var crumbs []string
	crumb := func(n int, label string) {
		k := styleTodo
		if at > n {
			k = styleOK
		}
		crumbs = append(crumbs, m.s.Status(k, label))
	}
	crumb(0, m.t.PhaseUpload())
	crumb(1, m.t.PhasePrepare())
	if pv := snap.Prepare; pv != nil && (pv.NeedsAcceptance || len(pv.Warnings) > 0) {
		crumb(2, m.t.PhaseAccept())
	}
	crumb(3, m.t.PhaseInstall())
	b.WriteString(strings.Join(crumbs, m.s.Muted.Render(" > ")) + "\n")
	if pv := snap.Prepare; pv != nil && phase != steps.PhaseInstalled {
		b.WriteString("\n" + m.s.Bold.Render(m.t.PrepareResults()) + "\n")
		// Passed checks share one line; warnings and errors get the room.
		var passed []string
		for _, st := range pv.Steps {
			if st.Status == crmclient.StepSuccess {
				passed = append(passed, cmp.Or(st.Label, st.Name))
			}
		}
		if len(passed) > 0 {
			b.WriteString(m.statusBlock(styleOK, m.t.ChecksPassed(len(passed), strings.Join(passed, ", ")), width-4) + "\n")
		}
		if pv.Precopied {
			b.WriteString(m.statusBlock(styleOK, m.t.PrecopyDone(), width-4) + "\n")
		}
		for _, st := range pv.Steps {
			if st.Status == crmclient.StepSuccess {
				continue
			}
			k := styleOK
			switch st.Status {
			case crmclient.StepWarning:
				k = styleWarn
			case crmclient.StepError:
				k = styleBad
			}
			msg := prepareStepText(m, st)
			if k == styleOK {
				b.WriteString(m.s.Status(k, widgets.Truncate(msg, width-6)) + "\n")
				continue
			}
			// Warnings and errors are shown whole: they are what the admin accepts.
			b.WriteString(m.s.Status(k, indent(widgets.Wrap(msg, width-6), "    ")[4:]) + "\n")
		}
		if phase == steps.PhaseConfirm || (pv.NeedsAcceptance && phase != steps.PhaseInstall) {
			b.WriteString("\n" + m.s.Warn.Render(m.t.R22Title()) + "\n")
			// The wizard's explanation names the extensions itself; only
			// the fallback text needs the list appended.
			if pv.Explanation != "" {
				b.WriteString(widgets.Wrap(pv.Explanation, width-2) + "\n")
			} else {
				b.WriteString(widgets.Wrap(m.t.R22Explain(), width-2) + "\n")
				if len(pv.AffectedExtensions) > 0 {
					b.WriteString(m.t.R22Affected(strings.Join(pv.AffectedExtensions, ", ")) + "\n")
				}
			}
		}
		if len(pv.Errors) > 0 {
			b.WriteString("\n" + m.s.Bad.Render(m.t.PrepareBlocked()) + "\n")
		}
	}
	if phase == steps.PhaseInstalled {
		b.WriteString("\n" + m.s.Status(styleOK, m.t.InstalledOK(m.stageShort())) + "\n")
	}
	if m.run != nil {
		return s.scroll.window(m, b.String(), height-6)
	}
	foot := s.menu.view(m)
	return s.scroll.window(m, b.String(), height-countLines(foot)-1) + "\n\n" + foot
}

// prepareStepText is a warning or error step as the admin must read it:
// 1CRM's title and the lines that report the problem; the check rows that
// passed are only counted, so the warning is not buried under them.
func prepareStepText(m *Model, st crmclient.PrepareStep) string {
	lines := st.Findings
	if len(lines) == 0 && st.Message != "" {
		lines = []string{st.Message}
	}
	msg := st.Title()
	if len(lines) > 0 {
		msg += ": " + strings.Join(lines, "\n")
	}
	if st.Passed > 0 {
		msg += "\n" + m.t.RowsOK(st.Passed)
	}
	return msg
}
