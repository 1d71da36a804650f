package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/style"
	"github.com/visual4/1crm-update/ui/tui"
)

func TestMain(m *testing.M) {
	if args := os.Getenv(envMainChild); args != "" {
		os.Exit(mainChild(args)) // signal tests: the real command in its own process
	}
	lipgloss.SetColorProfile(termenv.Ascii)
	// The simulator's timings (backup, install steps) are skipped: the
	// tests drive the real wizard and client, not the clock.
	simSleep = func(time.Duration) {}
	// No 48 MiB padding and rate limit either (demo.go); the simulator's
	// tests cover the pacing, demo_test.go the demo settings.
	demoRealism = false
	os.Exit(m.Run())
}

func mapEnv(m map[string]string) Env { return func(k string) string { return m[k] } }

// demoSession opens the --demo wiring on a fresh state directory.
func demoSession(t *testing.T, stateDir, lang, testScenario string, env map[string]string) *Session {
	t.Helper()
	return demoSessionOf(t, stateDir, lang, "demo", testScenario, env)
}

// demoSessionOf is demoSession on the live scenario named.
func demoSessionOf(t *testing.T, stateDir, lang, scenario, testScenario string, env map[string]string) *Session {
	t.Helper()
	cfg := Config{Demo: true, Scenario: scenario, TestScenario: testScenario, Lang: lang, StateDir: stateDir}
	s, err := Open(cfg, mapEnv(env), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

type driver struct {
	t  *testing.T
	tm *teatest.TestModel
}

func startTUI(t *testing.T, s *Session) *driver {
	t.Helper()
	m := tui.New(s.modelOptions(context.Background(), style.Options{NoColor: true, Dark: true}, IO{Env: mapEnv(nil)}))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	return &driver{t: t, tm: tm}
}

// wait blocks until all texts have shown up in the terminal output. The
// renderer repaints changed lines only, so texts of one frame are awaited
// together (WaitFor consumes what it read).
func (d *driver) wait(texts ...string) {
	d.t.Helper()
	teatest.WaitFor(d.t, d.tm.Output(), func(b []byte) bool {
		for _, x := range texts {
			if !bytes.Contains(b, []byte(x)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// key sends one key: a name (enter, esc) or runes (umlauts stay whole).
func (d *driver) key(k string) {
	switch k {
	case "enter":
		d.tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	case "esc":
		d.tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	default:
		d.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
	}
}

func (d *driver) step(waitFor string, keys ...string) {
	d.t.Helper()
	d.wait(waitFor)
	for _, k := range keys {
		d.key(k)
	}
}

func (d *driver) finish() *tui.Model {
	d.t.Helper()
	fm := d.tm.FinalModel(d.t, teatest.WithFinalTimeout(10*time.Second))
	return fm.(*tui.Model)
}

// answerAll answers every checklist item "passed" and finishes (W7).
func (d *driver) answerAll(first string) {
	d.t.Helper()
	d.wait(first)
	for i := 0; i < 16; i++ {
		d.key("1")
	}
	d.key("F")
}

// Path A end to end against two simulators (R7–R9, R22, R23, W5, W6).
func TestE2EPathA(t *testing.T) {
	s := demoSession(t, t.TempDir(), "de", "test-system", nil)
	d := startTUI(t, s)
	d.step("Wo läuft diese Instanz?", "enter") // the guess (on-premise) is preselected
	d.step("Weiter: Update-Paket", "enter")
	d.step("herunterladen", "1")
	d.step("Das Paket passt zu dieser Instanz.", "enter")
	d.step("Weg A: Testsystem zuerst", "a")
	d.step("Partner hat das Testsystem aufgefrischt", "r")
	// R7: two simulators with the same data: the wizard asks first.
	// Confirmed, and nothing differs (W5): on to the test install.
	d.step("Sind das wirklich zwei verschiedene", "2")
	d.step("auf TEST hochladen", "u")
	d.step("Warnungen verstanden", "a")
	d.step("Jetzt auf TEST installieren", "i")
	d.step("Update auf TEST installiert", "enter")
	d.step("Alle automatischen Prüfungen bestanden", "enter")
	d.answerAll("Punkten beantwortet")
	d.step("Jetzt mit dem Live-System weitermachen", "l")
	d.step("Backup jetzt erstellen", "s")
	d.step("Backup erstellt.", "enter")
	d.step("auf LIVE hochladen", "u")
	d.step("Warnungen verstanden", "a")
	d.step("Jetzt auf LIVE installieren", "i")
	d.step("Update auf LIVE installiert", "enter")
	d.step("Alle automatischen Prüfungen bestanden", "enter")
	d.answerAll("Punkten beantwortet")
	d.step("das Update ist eingespielt und getestet", "q")
	m := d.finish()
	if m.Exit() != tui.ExitFinished {
		t.Fatalf("exit %v", m.Exit())
	}
	snap := s.Wizard.Snapshot()
	if !snap.Finished || snap.Live.VersionAfter != "8.7.7" || snap.Test.VersionAfter != "8.7.7" {
		t.Fatalf("run not finished as expected: finished=%v live=%q test=%q", snap.Finished, snap.Live.VersionAfter, snap.Test.VersionAfter)
	}
	if _, err := os.Stat(snap.ReportPath); err != nil {
		t.Fatalf("report: %v", err)
	}
	if !strings.Contains(m.Farewell(), snap.ReportPath) {
		t.Fatalf("farewell %q does not name the report", m.Farewell())
	}
}

// Path B end to end, with a problem reported (R10–R13, W3, W4, R16–R18).
func TestE2EPathB(t *testing.T) {
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"} // Thursday morning
	s := demoSession(t, t.TempDir(), "en", "none", env)
	d := startTUI(t, s)
	d.step("Where does this instance run?", "enter")
	d.step("Next: Update package", "enter")
	d.step("Download update", "1")
	d.step("The package fits this instance.", "enter")
	d.step("Path B: backup, then live", "b")
	d.step("Enough time to test today.", "enter")
	d.step("Make the backup now", "s")
	d.step("Backup made.", "enter")
	d.step("to LIVE and have it checked", "u")
	d.step("Warnings understood", "a")
	d.step("Install on LIVE now", "i")
	// W4: from the live install on, the countdown to 15:00/16:00 is in the header.
	d.wait("Update installed on LIVE", "Tests done by 15:00: ", " left · report by 16:00: ")
	d.key("enter")
	d.step("All automatic checks passed", "enter")
	d.step("items answered.", "2")
	for _, r := range "Logo fehlt im Angebot" {
		d.key(string(r))
	}
	d.key("enter")
	d.answerAll("1 of ")
	d.step("The report is sent", "s")
	d.step("Finished with reported problems", "q")
	m := d.finish()
	if m.Exit() != tui.ExitFinished {
		t.Fatalf("exit %v", m.Exit())
	}
	snap := s.Wizard.Snapshot()
	found := false
	for _, it := range snap.Checklist {
		if it.Status == steps.AnswerProblem && it.Note == "Logo fehlt im Angebot" {
			found = true
		}
	}
	if !found || snap.Path != steps.PathB || len(snap.Backups) == 0 {
		t.Fatalf("problem note, path or backup missing: %+v", snap.Checklist)
	}
	rep, err := os.ReadFile(snap.ReportPath)
	if err != nil || !strings.Contains(string(rep), "Logo fehlt im Angebot") {
		t.Fatalf("report lacks the note: %v", err)
	}
}

// W8: quit mid-run, start again, continue where it stopped; starting over
// keeps the old journal.
func TestE2EResume(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"}
	s1 := demoSession(t, dir, "de", "none", env)
	d := startTUI(t, s1)
	d.step("Wo läuft diese Instanz?", "enter")
	d.step("Weiter: Update-Paket", "enter")
	d.step("herunterladen", "1")
	d.step("Das Paket passt zu dieser Instanz.", "enter")
	d.step("Weg B: Backup, dann Live", "b")
	d.step("Genug Zeit zum Testen heute.", "q")
	if m := d.finish(); m.Exit() != tui.ExitPaused {
		t.Fatalf("q: exit %v", m.Exit())
	}
	runID := s1.Wizard.RunID()
	s1.Close()

	s2 := demoSession(t, dir, "de", "none", env)
	d = startTUI(t, s2)
	d.step("Angefangenen Lauf fortsetzen?", "w")
	d.step("Genug Zeit zum Testen heute.", "enter")
	d.step("Backup jetzt erstellen", "q")
	d.finish()
	if got := s2.Wizard.RunID(); got != runID {
		t.Fatalf("resumed run %q, want %q", got, runID)
	}
	if s2.Wizard.Snapshot().Path != steps.PathB {
		t.Fatal("path choice lost on resume")
	}
	s2.Close()

	s3 := demoSession(t, dir, "de", "none", env)
	d = startTUI(t, s3)
	d.step("Angefangenen Lauf fortsetzen?", "n")
	d.step("Wo läuft diese Instanz?", "q")
	d.finish()
	if s3.Wizard.RunID() == runID {
		t.Fatal("start over reused the old run")
	}
	if _, err := os.Stat(filepath.Join(demoStateDir(dir), "runs", runID, "journal.json")); err != nil {
		t.Fatalf("old journal gone after starting over: %v", err)
	}
}
