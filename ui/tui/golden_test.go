package tui

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/style"
	"github.com/visual4/1crm-update/ui/widgets"
)

var update = flag.Bool("update", false, "rewrite the golden files under ui/testdata/golden")

func TestMain(m *testing.M) {
	// Golden views are compared without colour (design.md: ASCII profile).
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

func newTestModel(f *fakeEngine, lang string, banners ...string) *Model {
	if f.finish.Subject == "" {
		f.finish = finishMail(lang, f.report)
	}
	m := New(Options{
		Engine:       f,
		Lang:         lang,
		Styles:       style.New(style.Options{NoColor: true, Dark: true}),
		LiveURL:      "https://crm.example.com",
		TestURL:      "https://test.crm.example.com",
		Banners:      banners,
		SupportEmail: "support@visual4.de",
		JournalPath:  func() string { return "/state/runs/20261126-0930-ab12/journal.json" },
		Now:          func() time.Time { return berlinNow },
	})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// drive runs cmd and feeds its messages back into m, synchronously, like a
// tea.Program would. Commands that wait (ticks, cursor blinks) are dropped:
// a golden view must not depend on time.
func drive(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 500 {
			t.Fatal("drive: too many messages")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		ch := make(chan tea.Msg, 1)
		go func() { ch <- c() }()
		var msg tea.Msg
		select {
		case msg = <-ch:
		case <-time.After(40 * time.Millisecond):
			continue
		}
		switch msg := msg.(type) {
		case nil, tickMsg, spinner.TickMsg:
			continue
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		case quitMsg:
			m.exit = msg.exit
			continue
		}
		if fmt.Sprintf("%T", msg) == "tea.sequenceMsg" {
			continue // huh focus sequences: nothing visible depends on them
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func press(t *testing.T, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		drive(t, m, cmd)
	}
}

// show makes the step id current and builds its screen like advance does.
func show(t *testing.T, m *Model, f *fakeEngine, id steps.StepID, n int) {
	t.Helper()
	f.next, f.n = id, n
	// As steps counts: no total before the path is chosen.
	switch id {
	case steps.StepConnect, steps.StepPreflight, steps.StepPackage, steps.StepPath:
		f.of = 0
	default:
		if f.of == 0 {
			f.of = 10
		}
	}
	drive(t, m, m.advance())
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("..", "testdata", "golden", name+".txt")
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui/tui -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test ./ui/tui -update rewrites it)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// checkFrame asserts what every screen must keep at 80×24 (W10).
func checkFrame(t *testing.T, name, v string) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) != 24 {
		t.Errorf("%s: %d lines, want 24", name, len(lines))
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > 80 {
			t.Errorf("%s: line %d is %d wide: %q", name, i+1, w, l)
		}
	}
}

// TestScreensGolden renders every screen at 80×24 in German and English.
func TestScreensGolden(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, m *Model, f *fakeEngine)
	}{
		{"resume", func(t *testing.T, m *Model, f *fakeEngine) {}},
		{"preflight", func(t *testing.T, m *Model, f *fakeEngine) { show(t, m, f, steps.StepPreflight, 2) }},
		{"preflight_deployment", func(t *testing.T, m *Model, f *fakeEngine) {
			f.pf.NeedsDeployment, f.pf.DeploymentGuess, f.pf.Deployment = true, steps.DeploymentOnPrem, steps.DeploymentUnknown
			show(t, m, f, steps.StepPreflight, 2)
		}},
		{"preflight_blocked", func(t *testing.T, m *Model, f *fakeEngine) {
			f.pf.Blocked = true
			f.pf.Verdicts = append(f.pf.Verdicts, steps.Verdict{Rule: "R6", Level: steps.LevelBlock, Title: "Update-Abo abgelaufen", Detail: "Der Update-Manager verweigert die Arbeit.", Advice: "Abo verlängern, dann neu starten."})
			show(t, m, f, steps.StepPreflight, 2)
		}},
		{"package_choice", func(t *testing.T, m *Model, f *fakeEngine) { show(t, m, f, steps.StepPackage, 3) }},
		{"package_checked", func(t *testing.T, m *Model, f *fakeEngine) {
			show(t, m, f, steps.StepPackage, 3)
			press(t, m, "1")
		}},
		{"path", func(t *testing.T, m *Model, f *fakeEngine) { show(t, m, f, steps.StepPath, 4) }},
		{"refresh", func(t *testing.T, m *Model, f *fakeEngine) {
			f.snap.Path, f.snap.Stage = steps.PathA, steps.StageTest
			show(t, m, f, steps.StepRefreshRequest, 5)
		}},
		{"parity", func(t *testing.T, m *Model, f *fakeEngine) {
			f.snap.Path, f.snap.Stage = steps.PathA, steps.StageTest
			show(t, m, f, steps.StepParity, 6)
		}},
		{"timeguard", func(t *testing.T, m *Model, f *fakeEngine) { show(t, m, f, steps.StepTimeGuard, 5) }},
		{"backup", func(t *testing.T, m *Model, f *fakeEngine) { show(t, m, f, steps.StepBackup, 6) }},
		{"backup_done", func(t *testing.T, m *Model, f *fakeEngine) {
			show(t, m, f, steps.StepBackup, 6)
			f.snap.Backups = []steps.BackupInfo{{Stage: steps.StageLive, Finished: berlinNow.Add(2 * time.Minute), DumpWarn: true}}
			press(t, m, "s")
		}},
		{"backup_verified", func(t *testing.T, m *Model, f *fakeEngine) {
			show(t, m, f, steps.StepBackup, 6)
			f.snap.Backups = []steps.BackupInfo{{Stage: steps.StageLive, Finished: berlinNow.Add(2 * time.Minute),
				Check: &steps.BackupCheck{Status: steps.BackupVerified, Verdicts: []steps.Verdict{{Rule: "R10", Level: steps.LevelOK, Title: "Backup check",
					Detail: "verified: 87 tables, dump complete, 152.3 MiB, SHA-256 3f1c9a0e5b7d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a"}}}}}
			press(t, m, "s")
		}},
		{"backup_broken", func(t *testing.T, m *Model, f *fakeEngine) {
			show(t, m, f, steps.StepBackup, 6)
			f.snap.Backups = []steps.BackupInfo{{Stage: steps.StageLive, Finished: berlinNow.Add(2 * time.Minute),
				Check: &steps.BackupCheck{Status: steps.BackupBroken, Verdicts: []steps.Verdict{{Rule: "R10", Level: steps.LevelBlock, Title: "Backup check",
					Detail: "check failed: The database dump iahdb_20261126_093000.sql stops after 41 tables: mysqldump did not finish.",
					Advice: "Make a new backup."}}}}}
			press(t, m, "s")
		}},
		{"install_confirm", func(t *testing.T, m *Model, f *fakeEngine) {
			f.snap.Phase = steps.PhaseConfirm
			f.snap.Prepare = &steps.PrepareView{
				Steps: []crmclient.PrepareStep{
					{Name: "unzipPackage", Status: crmclient.StepSuccess, Message: "Package extracted."},
					{Name: "checkSystem", Status: crmclient.StepWarning, Message: "Extension DATEV Export does not list 8.7.7 as an acceptable version."},
					{Name: "checkPermissions", Status: crmclient.StepSuccess},
				},
				Warnings: []string{"checkSystem"}, VersionWarnings: true, NeedsAcceptance: true,
				AffectedExtensions: []string{"DATEV Export"},
			}
			show(t, m, f, steps.StepInstall, 7)
		}},
		{"install_uploading", func(t *testing.T, m *Model, f *fakeEngine) {
			f.snap.Phase = steps.PhaseUpload
			show(t, m, f, steps.StepInstall, 7)
			blockingRun(t, m, m.t.Uploading(), m.t.UploadServerState())
			// Frozen half-way: bar, size, rate and time left.
			m.run.started = berlinNow.Add(-20 * time.Second)
			m.run.transfer = &widgets.Transfer{Done: 150 << 20, Total: 300 << 20, Started: m.run.started, Now: berlinNow}
		}},
		{"smoke", func(t *testing.T, m *Model, f *fakeEngine) { show(t, m, f, steps.StepSmoke, 8) }},
		{"checklist", func(t *testing.T, m *Model, f *fakeEngine) {
			f.snap.Countdown = steps.Countdown{Applies: true, TestLeft: 3*time.Hour + 20*time.Minute, ReportLeft: 4*time.Hour + 20*time.Minute}
			show(t, m, f, steps.StepChecklist, 9)
			press(t, m, "down", "down")
		}},
		{"golive", func(t *testing.T, m *Model, f *fakeEngine) {
			f.snap.Path, f.snap.Stage = steps.PathA, steps.StageTest
			show(t, m, f, steps.StepGoLive, 10)
		}},
		{"problems", func(t *testing.T, m *Model, f *fakeEngine) {
			f.snap.Phase, f.snap.Live.VersionAfter = steps.PhaseInstalled, "8.7.7" // R15–R20: a restore matters
			show(t, m, f, steps.StepProblems, 10)
		}},
		{"problems_unchanged", func(t *testing.T, m *Model, f *fakeEngine) {
			f.snap.Phase = steps.PhaseUpload // the backup failed: nothing installed, no restore options
			show(t, m, f, steps.StepProblems, 7)
		}},
		{"done", func(t *testing.T, m *Model, f *fakeEngine) {
			f.snap.Live.VersionAfter = "8.7.7"
			f.snap.ReportPath = "/state/runs/20261126-0930-ab12/report.md"
			f.snap.Backups = []steps.BackupInfo{{Entry: &crmclient.BackupEntry{Name: "backup_20261126_093000.zip"}}}
			show(t, m, f, steps.StepDone, 10)
		}},
		{"done_locked_out", func(t *testing.T, m *Model, f *fakeEngine) {
			// The trial: a problem reported while the install was with the
			// admin in upgrade.php; LIVE is still locked out at the finish.
			f.snap.ReportPath = "/state/runs/20261126-0930-ab12/report.md"
			f.snap.Backups = []steps.BackupInfo{{Entry: &crmclient.BackupEntry{Name: "backup_20261126_093000.zip"}}}
			f.snap.Steps = append(f.snap.Steps, steps.StepRecord{Step: steps.StepProblems, Stage: steps.StageLive, Action: "problems_reported"})
			f.snap.Handover = &steps.Handover{Action: steps.ManualInstall, Stage: steps.StageLive, Kind: steptext.KindFinishUpgrade,
				URL: "https://crm.example.com/upgrade.php", LockedOut: true}
			f.snap.Manual = []steps.ManualRecord{{Action: steps.ManualInstall, Stage: steps.StageLive, State: steptext.ManualPending}}
			show(t, m, f, steps.StepDone, 10)
		}},
		{"error", func(t *testing.T, m *Model, f *fakeEngine) {
			show(t, m, f, steps.StepBackup, 6)
			sm := &crmclient.ServerMessageError{Kind: crmclient.ErrBackupFailed, Text: "Backup failed: mysqldump: command not found"}
			f.err = &steps.ActionError{Step: steps.StepBackup, Text: "the backup failed: " + sm.Error(), Err: sm}
			press(t, m, "s")
		}},
		{"backup_stall", func(t *testing.T, m *Model, f *fakeEngine) {
			e := &stallingEngine{fakeEngine: f, entered: make(chan struct{}), ended: make(chan error, 1)}
			m.e = e
			startStallingBackup(t, m, e)
			t.Cleanup(m.run.stream.Cancel)
			m.run.waits.Report(backupStall(m.t.Lang()))
			press(t, m, "b")
		}},
		{"cancel_dialog", func(t *testing.T, m *Model, f *fakeEngine) {
			f.snap.Phase = steps.PhaseInstall
			show(t, m, f, steps.StepInstall, 7)
			blockingRun(t, m, m.t.Installing("LIVE"), m.t.InstallServerState())
			press(t, m, "ctrl+c")
		}},
		{"too_small", func(t *testing.T, m *Model, f *fakeEngine) {
			show(t, m, f, steps.StepPath, 4)
			m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
		}},
	}
	for _, c := range cases {
		for _, lang := range []string{"de", "en"} {
			t.Run(c.name+"_"+lang, func(t *testing.T) {
				f := sampleEngine()
				if c.name == "resume" {
					f.unfin = &steps.RunSummary{RunID: "20261126-0930-ab12", Started: berlinNow, Path: steps.PathB,
						LiveURL: "https://crm.example.com", Next: steps.StepInstall, Pending: "upload:live", TakesOver: true,
						Unconfirmed: []string{steptext.For(lang).Unconfirmed("upload", steptext.For(lang).StageName("live"))},
						Done:        []string{"Verbunden", "Vorabprüfung: OK", "Paket 8.7.7 geprüft", "Weg B gewählt", "Backup backup_20261126_093000.zip"}}
				}
				var banners []string
				if c.name == "checklist" {
					banners = []string{"TESTZEIT / TEST CLOCK 26.11.2026 09:30"}
				}
				m := newTestModel(f, lang, banners...)
				drive(t, m, m.Init())
				c.setup(t, m, f)
				v := m.View()
				if c.name != "too_small" {
					checkFrame(t, c.name, v)
				}
				golden(t, c.name+"_"+lang, v)
			})
		}
	}
}

// blockingRun starts an action that runs until the test ends.
func blockingRun(t *testing.T, m *Model, label, server string) {
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	m.start(&page.Action{Run: &page.Running{Label: label, Server: server},
		Call: func(ctx context.Context, _ page.Engine, _ page.Arg, _ func(any)) (any, error) {
			select {
			case <-block:
			case <-ctx.Done():
			}
			return nil, ctx.Err()
		}}, page.Arg{})
}
