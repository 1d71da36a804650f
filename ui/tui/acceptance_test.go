package tui

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/text"
)

// Findings of the acceptance pass: each test pins one fix.

// A rejected login asks for the password again instead of offering a retry
// with the same one; the new login goes to the app and connect runs again.
func TestWrongPasswordAsksAgain(t *testing.T) {
	f := sampleEngine()
	f.next = steps.StepConnect
	m := newTestModel(f, "de")
	var gotStage steps.Stage
	var gotUser, gotPW string
	m.o.LoginUser = func(steps.Stage) string { return "admin" }
	m.o.Relogin = func(st steps.Stage, u, pw string) error { gotStage, gotUser, gotPW = st, u, pw; return nil }
	f.err = &steps.ActionError{Step: steps.StepConnect, Stage: steps.StageLive, Text: "admin login rejected", Err: crmclient.ErrWrongPassword}
	f.after = func(name string) {
		if name == "Connect" {
			f.next = steps.StepPreflight
		}
	}
	drive(t, m, m.advance())
	v := m.View()
	if m.fail == nil || m.fail.login == nil || !strings.Contains(v, "Passwort (wird nicht angezeigt)") ||
		!strings.Contains(v, "Anmeldedaten für https://crm.example.com") {
		t.Fatalf("no password form:\n%s", v)
	}
	// q and r are letters of the password here, not quit and retry.
	for _, r := range "qr geheim ä" {
		press(t, m, string(r))
	}
	if m.exit != ExitNone || strings.Count(strings.Join(f.calls, ","), "Connect") != 1 {
		t.Fatalf("typing triggered a key action: exit %v, calls %v", m.exit, f.calls)
	}
	if strings.Contains(m.View(), "qr geheim") {
		t.Fatal("password shown in clear")
	}
	press(t, m, "enter", "enter") // password, then the prefilled user
	if gotStage != steps.StageLive || gotUser != "admin" || gotPW != "qr geheim ä" {
		t.Fatalf("relogin got %q %q %q", gotStage, gotUser, gotPW)
	}
	if m.fail != nil || strings.Count(strings.Join(f.calls, ","), "Connect") != 2 {
		t.Fatalf("connect not run again: %v", f.calls)
	}
}

// Esc leaves the password form for the plain error screen (quit stays possible).
func TestWrongPasswordFormEsc(t *testing.T) {
	f := sampleEngine()
	f.next = steps.StepConnect
	m := newTestModel(f, "en")
	m.o.Relogin = func(steps.Stage, string, string) error { return nil }
	f.err = &steps.ActionError{Step: steps.StepConnect, Stage: steps.StageTest, Text: "rejected", Err: crmclient.ErrWrongPassword}
	drive(t, m, m.advance())
	if !strings.Contains(m.View(), "login for https://test.crm.example.com") {
		t.Fatalf("form does not name the test system:\n%s", m.View())
	}
	press(t, m, "esc")
	if m.fail == nil || m.fail.login != nil || !strings.Contains(m.View(), "q — quit") {
		t.Fatalf("esc:\n%s", m.View())
	}
}

// R6: an expired subscription blocks at once — no deployment question first.
func TestBlockedPreflightAsksNothing(t *testing.T) {
	f := sampleEngine()
	f.pf.NeedsDeployment, f.pf.Blocked = true, true
	f.pf.Verdicts = append(f.pf.Verdicts, steps.Verdict{Rule: "R2,R3", Level: steps.LevelWarn, Title: "nicht bestätigt",
		Detail: "Läuft dieses 1CRM in der Cloud des Partners oder auf einem eigenen Server? Bitte bestätigen."}, steps.Verdict{Rule: "R6", Level: steps.LevelBlock, Title: "Update-Abo",
		Detail: "Das Update-Abo ist abgelaufen.", Advice: "Zuerst das Update-Abo über den Partner verlängern, dann den Assistenten erneut starten."})
	m := newTestModel(f, "de")
	m.height = 40 // everything in view: the note must be absent, not scrolled away
	drive(t, m, m.advance())
	v := m.View()
	if strings.Contains(v, "Wo läuft diese Instanz?") || strings.Contains(v, "Bitte bestätigen") || !strings.Contains(v, "[q] Beenden") {
		t.Fatalf("blocked preflight:\n%s", v)
	}
	press(t, m, "q")
	if m.exit != ExitFailed || !m.Blocked() {
		t.Fatalf("exit %v blocked %v", m.exit, m.Blocked())
	}
}

// Info verdicts carry the route of Startup editions (R2, R3): neither the
// detail nor the advice may be cut off.
func TestVerdictsAreNotCut(t *testing.T) {
	f := sampleEngine()
	detail := "Startup On-Premise: Es gibt kein Update-Paket in 1CRM. Die neue Version kommt als ZIP von der Website des Herstellers."
	advice := "Die ZIP-Datei von der Website laden und im nächsten Schritt angeben."
	f.pf.Verdicts = []steps.Verdict{{Rule: "R2", Level: steps.LevelInfo, Title: "Edition: Startup", Detail: detail, Advice: advice}}
	m := newTestModel(f, "de")
	m.height = 40
	drive(t, m, m.advance())
	flat := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(flat, "Website des Herstellers.") || !strings.Contains(flat, "im nächsten Schritt angeben.") {
		t.Fatalf("verdict cut:\n%s", m.View())
	}
}

// The Startup editions report no version: a blank is shown as "unbekannt".
func TestUnknownVersionIsSaid(t *testing.T) {
	f := sampleEngine()
	f.pf.Version = ""
	m := newTestModel(f, "de")
	drive(t, m, m.advance())
	if !strings.Contains(m.View(), "Installiert:         unbekannt") {
		t.Fatalf("%s", m.View())
	}
}

// R23: the "open items" notice counts again after an own item was added.
func TestChecklistNoticeFollowsCount(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepChecklist, 9)
	press(t, m, "F")
	if !strings.Contains(m.View(), "Noch 1 Punkt ohne Antwort") {
		t.Fatalf("%s", m.View())
	}
	press(t, m, "+")
	for _, r := range "Lager" {
		press(t, m, string(r))
	}
	press(t, m, "enter")
	if !strings.Contains(m.View(), "Noch 2 Punkte ohne Antwort") {
		t.Fatalf("stale count:\n%s", m.View())
	}
}

// A disabled choice says so in words: without colour it looks like any other.
func TestDisabledChoiceSaysSo(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "de")
	m.o.TestURL = ""
	show(t, m, f, steps.StepPath, 4)
	if !strings.Contains(m.View(), "[a] Weg A: Testsystem zuerst (nicht wählbar)") {
		t.Fatalf("%s", m.View())
	}
}

// W8: the resume screen names the interrupted action in words, warns when
// the run belongs to another instance and preselects a new run then.
func TestResumeScreenFacts(t *testing.T) {
	f := sampleEngine()
	f.unfin = &steps.RunSummary{RunID: "20261126-0930-ab12", Started: berlinNow, Path: steps.PathB,
		LiveURL: "https://old.example.com", Next: steps.StepInstall, Pending: "install:live", TakesOver: true,
		Unconfirmed: []string{steptext.DE.Unconfirmed("install", steptext.DE.StageName("live"))}}
	for i := 0; i < 30; i++ {
		f.unfin.Done = append(f.unfin.Done, fmt.Sprintf("Schritt %d", i))
	}
	m := newTestModel(f, "de")
	drive(t, m, m.Init())
	v := m.View()
	checkFrame(t, "resume", v)
	// The whole note under the menu is in view (issue 8: a new run takes over).
	for _, want := range []string{"Installation auf dem Live-System gestartet", "gehört zu https://old.example.com",
		"> [n] Neuen Lauf beginnen", "frühere Schritte", "mit dem Server ab."} {
		if !strings.Contains(v, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if strings.Contains(v, "[OK] …") || strings.Contains(v, "install:live") {
		t.Errorf("raw entries:\n%s", v)
	}
	if t.Failed() {
		t.Log(v)
	}
	// In the demo every start has a new port: no warning there.
	m = newTestModel(f, "de")
	m.o.Demo = true
	m.rebuild()
	if strings.Contains(m.View(), "gehört zu") {
		t.Error("demo run warned about another instance")
	}
	// The warning follows the rule Resume refuses by (W8): an SSH tunnel set
	// up again on a new local port is the same run, another host is not.
	if page.OtherInstance("http://127.0.0.1:35387/1crm", "http://127.0.0.1:41000/1crm/") {
		t.Error("W8: a new loopback port warned as another instance")
	}
	if !page.OtherInstance("https://old.example.com", "https://new.example.com") {
		t.Error("W8: another host not warned about")
	}
}

// A refused connection names the fix; in the middle of the run it is a
// dropped server, and the screen says what the server is doing (backup).
func TestNetworkCauses(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	dns := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "crm.example.con", IsNotFound: true}}
	for err, want := range map[error]string{refused: "network_refused", dns: "network_dns"} {
		if got := page.CauseCode(fmt.Errorf("GET x: %w", err)); got != want {
			t.Errorf("%v: %s, want %s", err, got, want)
		}
	}
	f := sampleEngine()
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepBackup, 6)
	f.err = &steps.ActionError{Step: steps.StepBackup, Stage: steps.StageLive, Text: "GET index.php: connection refused", Err: refused}
	press(t, m, "s")
	v := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(v, "Verbindung zum Server ist abgerissen") || !strings.Contains(v, "Stand auf dem Server: 1CRM schreibt das Backup") {
		t.Fatalf("%s", m.View())
	}
}

// The package question does not say "Installiert ist ." for a Startup edition.
func TestPackageIntroUnknownVersion(t *testing.T) {
	f := sampleEngine()
	f.snap.Live.VersionBefore = ""
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepPackage, 3)
	if !strings.Contains(m.View(), "Installiert ist unbekannt.") {
		t.Fatalf("%s", m.View())
	}
}

// A long mail subject is wrapped below its label, not cut: the admin may
// type it into a mail program.
func TestLongSubjectIsWhole(t *testing.T) {
	f := sampleEngine()
	f.mail.Subject = "Probleme nach 1CRM-Update (Live-System, https://crm.example.com/1crm): 8.7.6 → 8.7.7"
	m := newTestModel(f, "de")
	m.height = 40
	show(t, m, f, steps.StepProblems, 10)
	if !strings.Contains(strings.Join(strings.Fields(m.View()), " "), f.mail.Subject) {
		t.Fatalf("%s", m.View())
	}
}

// The path help shows "~/Downloads/…": the wizard's prompt must expand it,
// and a pasted path in quotes must work too.
func TestExpandPath(t *testing.T) {
	home, _ := os.UserHomeDir()
	for in, want := range map[string]string{
		"~/Downloads/a.zip":        home + "/Downloads/a.zip",
		"  '/tmp/with space.zip' ": "/tmp/with space.zip",
		`"/tmp/b.zip"`:             "/tmp/b.zip",
		"/tmp/~x.zip":              "/tmp/~x.zip",
		`~\Downloads\a.zip`:        map[bool]string{true: filepath.Join(home, "Downloads", "a.zip"), false: `~\Downloads\a.zip`}[runtime.GOOS == "windows"],
	} {
		if got := page.ExpandPath(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// R13/R14: an install that failed on the server can go to the partner as a
// problem straight from the error screen, with the error as the note.
func TestFailedInstallGoesToPartner(t *testing.T) {
	f := sampleEngine()
	f.snap.Phase = steps.PhaseInstall
	m := newTestModel(f, "en")
	show(t, m, f, steps.StepInstall, 7)
	f.err = &steps.ActionError{Step: steps.StepInstall, Stage: steps.StageLive, Text: "the install failed: step 3 of 6", Err: crmclient.ErrInstallFailed}
	press(t, m, "i")
	v := m.View()
	if m.fail == nil || !strings.Contains(v, "m — report it to the partner") || !strings.Contains(v, "do not simply repeat it") {
		t.Fatalf("%s", v)
	}
	if strings.Contains(v, "1CRM is installing right now") {
		t.Error("running-state text shown after the install failed")
	}
	// Repeating a half-done install is what must not happen: no retry key.
	press(t, m, "r")
	if strings.Contains(v, "r — try this step again") || strings.Count(strings.Join(f.calls, ","), "Install") != 1 {
		t.Fatalf("retry offered after a failed install: %v\n%s", f.calls, v)
	}
	press(t, m, "m")
	if !calledWith(f, "ReportProblem The install stopped half-way") || !calledWith(f, "ReportProblem") || m.fail != nil {
		t.Fatalf("calls %v", f.calls)
	}
	if m.visit.Step != steps.StepProblems {
		t.Fatalf("step %s, want the problems step", m.visit.Step)
	}
	// Not offered where nothing on the server changed.
	show(t, m, f, steps.StepPreflight, 2)
	f.err = &steps.ActionError{Step: steps.StepPreflight, Text: "x", Err: crmclient.ErrSessionExpired}
	drive(t, m, m.advance())
	if m.fail == nil || strings.Contains(m.View(), "m — report it") {
		t.Fatalf("%s", m.View())
	}
}

// Startup/Startup+ (/version closed, spec §1.4, §8): the preflight offers
// the version input; steps' refusal of a bad value stands above a fresh
// input that still holds it, and a good value reaches SetInstalledVersion
// and the facts.
func TestPreflightAsksInstalledVersion(t *testing.T) {
	f := sampleEngine()
	pf := *f.pf
	pf.Edition, pf.Version, pf.NeedsVersion = crmclient.EditionStartup, "", true
	pf.Verdicts = []steps.Verdict{{Rule: "W1", Level: steps.LevelWarn, Title: steptext.DE.VersionTitle(),
		Detail: steptext.DE.VersionUnknown(), Advice: steptext.DE.VersionUnknownAdvice()}}
	f.pf, f.snap.Preflight = &pf, &pf
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepPreflight, 2)
	v := m.View()
	if !strings.Contains(v, "> [v] Installierte Version eintragen") || !strings.Contains(v, "Installiert:         unbekannt") {
		t.Fatalf("no version offer:\n%s", v)
	}
	press(t, m, "v")
	press(t, m, "enter")
	if calledWith(f, "SetInstalledVersion") || !strings.Contains(m.View(), "Bitte die Version eintragen") {
		t.Fatalf("empty version passed the input: %v\n%s", f.calls, m.View())
	}
	for _, r := range "8,7" {
		press(t, m, string(r))
	}
	refusal := steptext.DE.VersionInvalid("8,7")
	f.err = &steps.Refusal{Rule: "W1", Step: steps.StepPreflight, Reason: refusal}
	press(t, m, "enter")
	v = m.View()
	if !strings.Contains(strings.Join(strings.Fields(v), " "), strings.Join(strings.Fields(refusal), " ")) || !strings.Contains(v, "8,7") {
		t.Fatalf("refusal not shown with the value kept:\n%s", v)
	}
	for i := 0; i < len("8,7"); i++ {
		m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	for _, r := range "8.7.6" {
		press(t, m, string(r))
	}
	press(t, m, "enter")
	if !calledWith(f, "SetInstalledVersion 8.7.6") {
		t.Fatalf("calls %v", f.calls)
	}
	v = m.View()
	if !strings.Contains(v, "Installiert:         8.7.6") || strings.Contains(v, "[v]") || strings.Contains(v, refusal) {
		t.Fatalf("version not taken:\n%s", v)
	}
}

// R13: when steps already lists the failed backup with 1CRM's message in
// its problem mail, the note does not repeat it — it says the admin
// reported instead of retrying.
func TestReportedBackupErrorNotTwice(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepBackup, 6)
	sm := &crmclient.ServerMessageError{Kind: crmclient.ErrBackupFailed, Text: "Backup failed: mysqldump missing"}
	f.err = &steps.ActionError{Step: steps.StepBackup, Stage: steps.StageLive, Text: "x", Err: sm}
	f.snap.Errors = []steps.ErrorRecord{{Step: steps.StepBackup, Stage: steps.StageLive, Text: "1CRM konnte das Backup nicht erstellen."}}
	press(t, m, "s")
	press(t, m, "m")
	want := "ReportProblem " + text.DE.ProblemReportedInstead(steptext.DE.StepName("backup"))
	if !calledWith(f, want) || calledWith(f, "ReportProblem "+text.DE.Cause("backup_failed")) {
		t.Fatalf("calls %v", f.calls)
	}
}

// A run that reported a failed install ends as "with problems", never as
// "installed and tested", although no checklist item has a problem.
func TestDoneAfterReportedFailure(t *testing.T) {
	f := sampleEngine()
	f.items = nil
	f.snap.Steps = []steps.StepRecord{{Step: steps.StepProblems, Stage: steps.StageLive, Action: "problem"}}
	m := newTestModel(f, "en")
	show(t, m, f, steps.StepDone, 9)
	v := m.View()
	if !strings.Contains(v, text.EN.DoneWithProblems()) || strings.Contains(v, text.EN.DoneOK()) {
		t.Fatalf("%s", v)
	}
}
