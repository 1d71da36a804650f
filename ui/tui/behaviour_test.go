package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/text"
)

func calledWith(f *fakeEngine, prefix string) bool {
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// R23: the checklist cannot be finished while an item has no answer.
func TestChecklistCannotBeSkipped(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepChecklist, 9)
	press(t, m, "F")
	if calledWith(f, "FinishChecklist") {
		t.Fatal("FinishChecklist called with an open item")
	}
	if !strings.Contains(m.View(), "Noch 1 Punkt ohne Antwort") {
		t.Fatalf("no notice about the open item:\n%s", m.View())
	}
	// The cursor starts on the first item; the open one is the third.
	press(t, m, "down", "down", "1", "F")
	if !calledWith(f, "Answer ext1 passed") || !calledWith(f, "FinishChecklist") {
		t.Fatalf("calls %v", f.calls)
	}
}

// W7: a problem answer needs a note, typed into a fresh form.
func TestChecklistProblemNeedsNote(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "en")
	show(t, m, f, steps.StepChecklist, 9)
	press(t, m, "down", "down", "2", "enter")
	if calledWith(f, "Answer ext1 problem") {
		t.Fatal("empty note accepted")
	}
	for _, r := range "Menü fehlt" { // runes, not bytes: umlauts (design.md)
		press(t, m, string(r))
	}
	press(t, m, "enter")
	if !calledWith(f, "Answer ext1 problem Menü fehlt") {
		t.Fatalf("calls %v", f.calls)
	}
}

// R22: warnings are accepted only by the explicit key, and installing needs
// its own confirmation afterwards.
func TestInstallNeedsExplicitAcceptance(t *testing.T) {
	f := sampleEngine()
	f.snap.Phase = steps.PhaseConfirm
	f.snap.Prepare = &steps.PrepareView{NeedsAcceptance: true, Warnings: []string{"checkSystem"}}
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepInstall, 7)
	press(t, m, "i")
	if calledWith(f, "Install") || calledWith(f, "AcceptWarnings") {
		t.Fatalf("i must not accept or install in the confirm phase: %v", f.calls)
	}
	press(t, m, "a")
	if !calledWith(f, "AcceptWarnings") {
		t.Fatalf("a did not accept: %v", f.calls)
	}
	if calledWith(f, "Install") {
		t.Fatal("install started without its own confirmation")
	}
	f.snap.Phase = steps.PhaseInstall
	m.rebuild()
	press(t, m, "i")
	if !calledWith(f, "Install") {
		t.Fatalf("i did not install: %v", f.calls)
	}
}

// R7: path A is not offered without a test system.
func TestPathANeedsTestSystem(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "de")
	m.o.TestURL = ""
	show(t, m, f, steps.StepPath, 4)
	press(t, m, "a", "up", "enter")
	if calledWith(f, "ChoosePath A") {
		t.Fatal("path A chosen without a test system")
	}
	if !calledWith(f, "ChoosePath B") {
		t.Fatalf("calls %v", f.calls)
	}
}

// Ctrl-C while an action runs asks first and says what the server does.
func TestCtrlCWhileRunningAsks(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "de")
	f.snap.Phase = steps.PhaseInstall
	show(t, m, f, steps.StepInstall, 7)
	blockingRun(t, m, m.t.Installing("LIVE"), m.t.InstallServerState())
	press(t, m, "ctrl+c")
	if !m.askCancel || !strings.Contains(m.View(), "Wirklich abbrechen?") {
		t.Fatalf("no dialog:\n%s", m.View())
	}
	press(t, m, "n")
	if m.askCancel || m.run == nil {
		t.Fatal("n must close the dialog and keep the action running")
	}
	press(t, m, "ctrl+c", "j")
	if m.Exit() != ExitInterrupted {
		t.Fatalf("exit %v", m.Exit())
	}
}

// Ctrl-C when idle quits at once (resumable), q pauses.
func TestQuitKeys(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepPath, 4)
	_, cmd := m.Update(keyMsg("q"))
	if m.Exit() != ExitPaused || cmd == nil {
		t.Fatalf("q: exit %v", m.Exit())
	}
	m = newTestModel(f, "de")
	show(t, m, f, steps.StepPath, 4)
	m.Update(keyMsg("ctrl+c"))
	if m.Exit() != ExitInterrupted {
		t.Fatalf("ctrl+c: exit %v", m.Exit())
	}
}

// An error shows the error screen; r retries the same action, Esc goes back.
func TestErrorRetryAndBack(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "en")
	show(t, m, f, steps.StepBackup, 6)
	sm := &crmclient.ServerMessageError{Kind: crmclient.ErrBackupFailed, Text: "disk full"}
	f.err = &steps.ActionError{Step: steps.StepBackup, Stage: steps.StageLive, Text: "the backup failed: disk full", Err: sm}
	press(t, m, "s")
	if v := m.View(); m.fail == nil || !strings.Contains(v, "Message from 1CRM: disk full") || strings.Contains(v, "the backup failed") {
		t.Fatalf("no error screen:\n%s", m.View())
	}
	press(t, m, "r")
	if m.fail != nil || strings.Count(strings.Join(f.calls, ","), "Backup") != 2 {
		t.Fatalf("retry: %v", f.calls)
	}
	// The wizard's own refusal gives the same answer again: no retry key.
	f.err = &steps.Refusal{Rule: "R10", Reason: "no backup, no install"}
	drive(t, m, m.advance())
	press(t, m, "s")
	if v := m.View(); !strings.Contains(v, "no backup, no install (R10)") || strings.Contains(v, "r — try this step again") {
		t.Fatalf("refusal screen:\n%s", v)
	}
	press(t, m, "r")
	if strings.Count(strings.Join(f.calls, ","), "Backup") != 3 {
		t.Fatalf("r repeated a refusal: %v", f.calls)
	}
	press(t, m, "esc")
	if m.fail != nil {
		t.Fatal("esc did not leave the error screen")
	}
}

// Below 80×24 only the notice is drawn and keys do nothing.
func TestTooSmall(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepPath, 4)
	m.Update(tea.WindowSizeMsg{Width: 79, Height: 24})
	if !strings.Contains(m.View(), "zu klein") {
		t.Fatal("no too-small notice")
	}
	press(t, m, "b")
	if calledWith(f, "ChoosePath") {
		t.Fatal("key acted on a hidden screen")
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if strings.Contains(m.View(), "zu klein") {
		t.Fatal("notice stays after resize")
	}
}

// Ctrl-C during an action in a small window: the cancel question is on the
// too-small screen (its y/n keys act there), n lets the action run on, and
// Ctrl-C again then y cancels it.
func TestCancelQuestionInSmallWindow(t *testing.T) {
	f := sampleEngine()
	f.snap.Phase = steps.PhaseInstall
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepInstall, 7)
	blockingRun(t, m, m.t.Installing("LIVE"), m.t.InstallServerState())
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	press(t, m, "ctrl+c")
	v := m.View()
	for _, want := range []string{m.t.ConfirmCancelTitle(), m.t.ConfirmCancelYes(), m.t.ConfirmCancelNo()} {
		if !strings.Contains(v, want) {
			t.Fatalf("small window hides the cancel question %q:\n%s", want, v)
		}
	}
	press(t, m, "n")
	if m.askCancel || m.run == nil || !strings.Contains(m.View(), "zu klein") {
		t.Fatalf("n did not let the action run on:\n%s", m.View())
	}
	press(t, m, "ctrl+c")
	m.Update(keyMsg("j"))
	if m.exit != ExitInterrupted {
		t.Fatalf("y did not cancel: exit %v", m.exit)
	}
}

// Every screen keeps the insecure banner (cli.md --insecure).
func TestInsecureBannerEverywhere(t *testing.T) {
	f := sampleEngine()
	f.snap.Insecure = true
	m := newTestModel(f, "de")
	for i, id := range []steps.StepID{steps.StepPath, steps.StepBackup, steps.StepChecklist, steps.StepDone} {
		show(t, m, f, id, i+1)
		if !strings.Contains(m.View(), "--insecure") {
			t.Fatalf("%s: no insecure banner", id)
		}
	}
}

// A server error page in an error does not flood the screen, and the Go
// error chain's English prefixes never reach it: the cause is the UI's own
// sentence, the detail 1CRM's own message, labelled.
func TestDetailIsTidy(t *testing.T) {
	sm := &crmclient.ServerMessageError{Kind: crmclient.ErrBackupFailed,
		Text: "Backup failed:\n  mysqldump: Got error 28\n\n  " + strings.Repeat("x", 500)}
	err := &steps.ActionError{Step: steps.StepBackup, Text: "the backup failed: " + sm.Error(), Err: sm}
	cause, d := page.Explain(text.DE, err)
	if cause != text.DE.Cause("backup_failed") {
		t.Errorf("cause %q", cause)
	}
	if strings.Contains(d, "\n") || len([]rune(d)) > 300 || !strings.HasPrefix(d, "Meldung von 1CRM: Backup failed: mysqldump: Got error 28 xxx") {
		t.Fatalf("%q", d)
	}
	if strings.Contains(cause+d, "the backup failed") {
		t.Fatalf("Go error chain on the screen: %q %q", cause, d)
	}
}

// W4: the countdown in the header follows the clock between actions.
func TestCountdownTicks(t *testing.T) {
	f := sampleEngine()
	f.snap.Countdown = steps.Countdown{Applies: true, TestLeft: 2 * time.Hour, ReportLeft: 3 * time.Hour}
	m := newTestModel(f, "en")
	show(t, m, f, steps.StepChecklist, 9)
	if !strings.Contains(m.View(), "Tests done by 15:00: 2 h left") {
		t.Fatalf("no countdown:\n%s", m.View())
	}
	f.snap.Countdown = steps.Countdown{Applies: true, TestLeft: -time.Minute, ReportLeft: 59 * time.Minute, TestPassed: true}
	m.Update(tickMsg(berlinNow))
	if !strings.Contains(m.View(), "15:00 has passed · report problems by 16:00: 59 min left") {
		t.Fatalf("countdown did not tick:\n%s", m.View())
	}
}

// R7: a test system with live's very data is asked about; enter alone
// stops (resumable), only "2" confirms two systems.
func TestParityTwinQuestion(t *testing.T) {
	twin := func() *fakeEngine {
		f := sampleEngine()
		f.parity = &steps.Parity{LiveVersion: "8.7.6", TestVersion: "8.7.6", OK: true, Twin: true,
			Verdicts: []steps.Verdict{{Rule: "R7,W5", Level: steps.LevelWarn, Title: "Abgleich", Detail: "Sind das wirklich zwei verschiedene Systeme?"}}}
		f.snap.Path, f.snap.Stage = steps.PathA, steps.StageTest
		return f
	}
	f := twin()
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepParity, 6)
	press(t, m, "enter")
	if calledWith(f, "ConfirmDistinctSystems") || m.Exit() != ExitPaused {
		t.Fatalf("enter: exit %v, calls %v", m.Exit(), f.calls)
	}
	f = twin()
	m = newTestModel(f, "en")
	show(t, m, f, steps.StepParity, 6)
	press(t, m, "2")
	if !calledWith(f, "ConfirmDistinctSystems") {
		t.Fatalf("2 did not confirm: %v", f.calls)
	}
}
