package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// backupScreen: an own backup through the admin pages before the install
// (R10). Path B cannot skip it; path A live may, with a recorded reason.
type backupScreen struct {
	menu  menu
	entry *crmclient.BackupEntry
	input *inputForm
}

func (*backupScreen) title(m *Model) string   { return m.st.StepName("backup") }
func (s *backupScreen) typing() bool          { return s.input != nil }
func (s *backupScreen) back(m *Model) tea.Cmd { s.input = nil; return nil }
func (s *backupScreen) keys(m *Model) []key.Binding {
	if s.input != nil {
		return []key.Binding{m.bind("enter", m.t.Continue()), m.bind("esc", m.t.Back())}
	}
	return []key.Binding{m.bind("up/down", m.t.Select()), m.bind("enter", m.t.Continue())}
}
func (s *backupScreen) canSkip(m *Model) bool {
	return m.snap.Path == steps.PathA && m.snap.Stage == steps.StageLive
}
func (s *backupScreen) init(m *Model) tea.Cmd {
	items := []menuItem{{key: "s", id: "start", label: m.t.BackupStart()}}
	if s.canSkip(m) {
		items = append(items, menuItem{key: "o", id: "skip", label: m.t.BackupSkip()})
	}
	s.menu = menu{items: items}
	return nil
}
func (s *backupScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.input != nil {
		cmd, done := s.input.update(msg)
		if !done {
			return cmd
		}
		reason := strings.TrimSpace(*s.input.value)
		s.input = nil
		if err := m.e.SkipBackup(reason); err != nil {
			return m.showError(err, nil)
		}
		m.refresh()
		return m.advance()
	}
	switch s.menu.pick(msg) {
	case "start":
		return s.run(m)
	case "skip":
		s.input = newInput(m, m.t.ReasonTitle(), m.t.BackupSkipHelp(), "", nonEmpty(m.t.ReasonRequired()))
		return s.input.form.Init()
	case "next":
		return m.advance()
	}
	return nil
}
func (s *backupScreen) run(m *Model) tea.Cmd {
	a := action{
		label:  m.t.BackupRunning(),
		server: m.t.BackupServerState(),
		run: func(ctx context.Context, report func(any)) (any, error) {
			return m.e.Backup(ctx, func(d time.Duration) { report(d) })
		},
	}
	a.done = func(m *Model, v any, err error) tea.Cmd {
		if err != nil {
			return m.showError(err, &a)
		}
		s.entry = v.(*crmclient.BackupEntry)
		m.refresh()
		s.menu = menu{items: []menuItem{{id: "next", label: m.t.ContinueTo(m.st.StepName(string(m.e.Next())))}}}
		return nil
	}
	return m.start(a)
}
func (s *backupScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	b.WriteString(m.fact(m.t.Instance(), m.stageName()) + "\n\n")
	if s.entry == nil {
		b.WriteString(widgets.Wrap(m.t.BackupIntro(), width-2) + "\n\n")
		if m.run == nil {
			if s.input != nil {
				b.WriteString(s.input.view())
			} else {
				b.WriteString(s.menu.view(m))
			}
		}
		return b.String()
	}
	e := s.entry
	b.WriteString(m.s.Status(styleOK, m.t.BackupDone()) + "\n\n")
	b.WriteString(m.fact(m.t.BackupName(), e.Name) + "\n")
	if e.Size != "" {
		b.WriteString(m.fact(m.t.PackageSize(), e.Size) + "\n")
	}
	// The time the wizard saw the backup finish (Berlin); the file name
	// carries the server's own local time.
	if n := len(m.snap.Backups); n > 0 && !m.snap.Backups[n-1].Finished.IsZero() {
		b.WriteString(m.fact(m.t.BackupTime(), m.st.DateTime(m.snap.Backups[n-1].Finished)) + "\n")
	}
	if e.Path != "" {
		b.WriteString(m.fact(m.t.BackupWhere(), widgets.Truncate(e.Path, width-20)) + "\n")
	}
	if n := len(m.snap.Backups); n > 0 && m.snap.Backups[n-1].DumpWarn {
		b.WriteString("\n" + m.s.Status(styleWarn, widgets.Wrap(m.t.BackupNoDump(), width-6)) + "\n")
	}
	b.WriteString("\n" + widgets.Wrap(m.t.BackupRestoreNote(), width-2) + "\n\n")
	b.WriteString(s.menu.view(m))
	return b.String()
}

// stageName names the instance the current step is about.
func (m *Model) stageName() string {
	if m.snap.Stage == steps.StageTest {
		return m.t.TestSystem() + " " + m.o.TestURL
	}
	return m.t.LiveSystem() + " " + m.o.LiveURL
}
