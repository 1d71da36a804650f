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
	reasonPrompt
	menu      menu
	entry     *crmclient.BackupEntry
	accepting bool // the reason prompt is for AcceptBackupProblem
	scroll    scroller
}

func (*backupScreen) title(m *Model) string         { return m.st.StepName("backup") }
func (s *backupScreen) keys(m *Model) []key.Binding { return s.reasonPrompt.keys(m, true) }
func (s *backupScreen) canSkip(m *Model) bool {
	return m.snap.Path == steps.PathA && m.snap.Stage == steps.StageLive
}
func (s *backupScreen) init(m *Model) tea.Cmd {
	if n := len(m.snap.Backups); n > 0 && m.snap.Backups[n-1].Entry != nil && lastCheckBroken(m) {
		// Back at a backup that failed its check (R10), e.g. after a resume.
		e := *m.snap.Backups[n-1].Entry
		s.entry = &e
		s.menu = brokenBackupMenu(m)
		return nil
	}
	items := []menuItem{{key: "s", id: "start", label: m.t.BackupStart()}}
	if s.canSkip(m) {
		items = append(items, menuItem{key: "o", id: "skip", label: m.t.BackupSkip()})
	}
	s.menu = menu{items: items}
	return nil
}
func (s *backupScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.typing() {
		if s.accepting {
			return s.reasonPrompt.update(m, msg, m.e.AcceptBackupProblem)
		}
		return s.reasonPrompt.update(m, msg, m.e.SkipBackup)
	}
	if s.entry != nil && s.scroll.handle(msg) {
		return nil // the check's findings may be longer than the screen
	}
	switch s.menu.pick(msg) {
	case "start":
		return s.run(m)
	case "skip":
		s.accepting = false
		return s.ask(m, m.t.BackupSkipHelp())
	case "accept":
		s.accepting = true
		return s.ask(m, m.t.BackupAcceptHelp())
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
			return m.e.Backup(ctx, func(d time.Duration) { report(d) }, func(read, total int64) { report(transferMsg{read, total}) })
		},
	}
	a.done = func(m *Model, v any, err error) tea.Cmd {
		if err != nil {
			return m.showError(err, &a)
		}
		s.entry = v.(*crmclient.BackupEntry)
		m.refresh()
		if lastCheckBroken(m) {
			s.menu = brokenBackupMenu(m)
			return nil
		}
		s.menu = menu{items: []menuItem{{id: "next", label: m.t.ContinueTo(m.st.StepName(string(m.e.Next())))}}}
		return nil
	}
	return m.start(a)
}
func (s *backupScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	b.WriteString(m.fact(m.t.Instance(), m.stageName()) + "\n\n")
	if s.entry == nil {
		intro := m.t.BackupIntro()
		if s.canSkip(m) {
			intro = m.t.BackupIntroOptional()
		}
		b.WriteString(widgets.Wrap(intro, width-2) + "\n\n")
		if m.run == nil {
			b.WriteString(s.reasonPrompt.view(m, &s.menu))
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
	if n := len(m.snap.Backups); n > 0 && m.snap.Backups[n-1].Check != nil {
		b.WriteString("\n" + m.verdicts(m.snap.Backups[n-1].Check.Verdicts, width, true) + "\n")
	}
	b.WriteString("\n" + widgets.Wrap(m.t.BackupRestoreNote(), width-2) + "\n")
	foot := s.reasonPrompt.view(m, &s.menu)
	return s.scroll.window(m, b.String(), height-countLines(foot)-1) + "\n\n" + foot
}

// lastCheckBroken: the newest backup failed its check (R10).
func lastCheckBroken(m *Model) bool {
	n := len(m.snap.Backups)
	return n > 0 && m.snap.Backups[n-1].Check != nil && m.snap.Backups[n-1].Check.Status == steps.BackupBroken
}

// brokenBackupMenu: the check found the backup unusable (R10): a new one,
// or on with a reason.
func brokenBackupMenu(m *Model) menu {
	return menu{items: []menuItem{{key: "n", id: "start", label: m.t.BackupAgain()},
		{key: "a", id: "accept", label: m.t.BackupAcceptProblem()}}}
}

// stageName names the instance the current step is about.
func (m *Model) stageName() string {
	if m.snap.Stage == steps.StageTest {
		return m.t.TestSystem() + " " + m.o.TestURL
	}
	return m.t.LiveSystem() + " " + m.o.LiveURL
}
