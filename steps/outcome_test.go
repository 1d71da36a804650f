package steps

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/steps/text"
)

// goErrorPrefix matches the English Go error chain that must never reach
// user text: sentinel prefixes, HTTP client wording, transport errors.
var goErrorPrefix = regexp.MustCompile(`the backup failed:|the install failed:|api: HTTP|dial tcp|Get "|Post "|context canceled|no space left|journal /|download interrupted`)

// userTexts collects what people read of a run: the partner mail, the
// finish mail's own part, and the report without its technical section.
func userTexts(t *testing.T, w *Wizard) (mail Mail, report string) {
	t.Helper()
	mail = w.PartnerMail()
	report = w.Report()
	if i := strings.Index(report, "## "+text.DE.ReportSectionTechnical()); i >= 0 {
		j := strings.Index(report[i+3:], "\n## ")
		report = report[:i] + report[i+3+j+1:]
	}
	for _, s := range []string{mail.Subject, mail.Body, report} {
		if m := goErrorPrefix.FindString(s); m != "" {
			t.Errorf("Go error wording %q in user text:\n%s", m, s)
		}
	}
	return mail, report
}

func wantAll(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s lacks %q:\n%s", what, sub, s)
		}
	}
}

func wantNone(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			t.Errorf("%s holds %q:\n%s", what, sub, s)
		}
	}
}

// germanRun starts a German path-B wizard on a built-in scenario; the
// config names a test URL the run never uses (path B).
func germanRun(t *testing.T, scenario string) (*Wizard, *testClock, func() (int, int)) {
	t.Helper()
	w, clk, live := startRun(t, scenario, func(c *Config) { c.Lang = "de"; c.TestURL = "https://test.example" })
	counts := func() (int, int) {
		c := live.Server.Counters()
		return c.BackupsStarted, c.InstallsStarted
	}
	return w, clk, counts
}

// doneClaim is what only a successful run may say.
const doneClaim = "eingespielt und getestet"

// TestOutcome_W9_success: installed and tested → the done mail with the
// real versions, the success line in the report.
func TestOutcome_W9_success(t *testing.T) {
	w, _, _ := germanRun(t, "demo")
	must(t, drive(context.Background(), w, plan{path: PathB}))
	m, rep := userTexts(t, w)
	wantAll(t, "mail", m.Body, doneClaim, "8.7.6 → 8.7.7")
	wantAll(t, "report", rep, text.DE.OutcomeLine(text.OutcomeSuccess, ""))
	wantNone(t, "report", rep, "Testsystem") // path B: the test URL was never used
	if fm := w.FinishMail(); !strings.Contains(fm.Subject, "abgeschlossen") || !strings.Contains(fm.Subject, "8.7.7") {
		t.Errorf("finish subject %q", fm.Subject)
	}
}

// TestOutcome_W9_R13_checklistProblems: problems in the checklist → the
// problem mail with the restore options, never the done claim.
func TestOutcome_W9_R13_checklistProblems(t *testing.T) {
	w, _, _ := germanRun(t, "demo")
	answered := false
	must(t, drive(context.Background(), w, plan{path: PathB, answer: func(it ChecklistItem) (string, string) {
		if !answered {
			answered = true
			return AnswerProblem, "Rechnungs-PDF ohne Logo"
		}
		return AnswerPassed, ""
	}}))
	m, rep := userTexts(t, w)
	wantAll(t, "mail", m.Body, "Rechnungs-PDF ohne Logo", "23:00", "Backup einspielen")
	wantNone(t, "mail", m.Body, doneClaim)
	wantAll(t, "report", rep, text.DE.OutcomeLine(text.OutcomeProblems, text.DE.StageName("live")))
}

// TestOutcome_W9_R13_R14_installFailed: the install stops at its first
// upgrade.php step (commit), as 1CRM writes it ("Step 1: Commit changes").
// Whether or not the admin reports it, the mail says so: 1CRM's message,
// the half-applied state, the own backup and the restore options
// (R14, R16–R20) – never "installed and tested", never "8.7.6 → –".
func TestOutcome_W9_R13_R14_installFailed(t *testing.T) {
	w, _, counts := germanRun(t, "install-fails")
	err := drive(context.Background(), w, plan{path: PathB})
	var ae *ActionError
	if !errors.As(err, &ae) || ae.Step != StepInstall {
		t.Fatalf("install should fail: %v", err)
	}
	wantAll(t, "action text", ae.Text, "Die Installation ist auf dem Server abgebrochen.", "Meldung von 1CRM: „Step 1: Commit changes: Cannot copy")
	if goErrorPrefix.MatchString(ae.Text) {
		t.Errorf("Go wording in %q", ae.Text)
	}
	backup := w.Snapshot().Backups[0].Entry.Name
	check := func(stage string) {
		m, rep := userTexts(t, w)
		wantAll(t, stage+" mail", m.Body, "Step 1: Commit changes", "Meldung von 1CRM", "teilweise eingespielt",
			backup, "23:00", "Backup einspielen", "1–2 Wochen", "16:00")
		wantNone(t, stage+" mail", m.Body, doneClaim, "→ –")
		wantAll(t, stage+" subject", m.Subject, "fehlgeschlagen")
		wantAll(t, stage+" report", rep, text.DE.OutcomeLine(text.OutcomeInstallFailed, text.DE.StageName("live")))
		full := w.Report()
		wantAll(t, stage+" technical section", full, "## "+text.DE.ReportSectionTechnical(), "This step cannot be completed")
		if fm := w.FinishMail(); !strings.Contains(fm.Subject, "fehlgeschlagen") || strings.Contains(fm.Body, doneClaim) {
			t.Errorf("%s finish mail: %s\n%s", stage, fm.Subject, fm.Body)
		}
	}
	check("unreported")
	must(t, w.ReportProblem("Seite lädt nicht mehr"))
	check("reported")
	wantAll(t, "mail", w.PartnerMail().Body, "Seite lädt nicht mehr")
	must(t, w.ProblemsReported())
	must(t, w.Finish())
	check("finished")
	if b, i := counts(); b != 1 || i != 1 {
		t.Fatalf("server changes: backups %d installs %d", b, i)
	}
}

// TestOutcome_W9_R10_backupFailed: 7.x names no reason for a failed backup
// (the answer is the same "Backup Complete" script); the wizard says what
// it saw — no new entry in the history — never quotes a notice as 1CRM's
// message, and the mail says nothing was installed.
func TestOutcome_W9_R10_backupFailed(t *testing.T) {
	w, _, counts := germanRun(t, "backup-fails")
	err := drive(context.Background(), w, plan{path: PathB})
	var ae *ActionError
	if !errors.As(err, &ae) || ae.Step != StepBackup {
		t.Fatalf("backup should fail: %v", err)
	}
	want := "1CRM hat kein neues Backup angelegt: im Backup-Verlauf ist keins hinzugekommen."
	if !strings.HasPrefix(ae.Text, want) || strings.Contains(ae.Text, "Meldung von 1CRM") {
		t.Errorf("text %q, want prefix %q and no quoted 1CRM message", ae.Text, want)
	}
	m, rep := userTexts(t, w)
	wantAll(t, "mail", m.Body, "kein neues Backup", "nichts installiert")
	wantNone(t, "mail", m.Body, doneClaim, "Server-Backup einspielen")
	wantAll(t, "report", rep, text.DE.OutcomeLine(text.OutcomeBackupFailed, ""))
	if _, i := counts(); i != 0 {
		t.Fatal("installed without backup")
	}
}

// TestOutcome_W9_W1_blocked: an expired subscription (R6) stops the run
// in the preflight; the mail names the reason and says nothing changed.
func TestOutcome_W9_W1_blocked(t *testing.T) {
	w, _, counts := germanRun(t, "expired-support")
	ctx := context.Background()
	preflightOnPrem(t, ctx, w)
	m, rep := userTexts(t, w)
	var block string
	for _, v := range w.Snapshot().Preflight.Verdicts {
		if v.Level == LevelBlock {
			block = v.Detail
		}
	}
	wantAll(t, "mail", m.Body, block, "nichts installiert")
	wantAll(t, "subject", m.Subject, "nicht möglich")
	wantNone(t, "mail", m.Body, doneClaim)
	wantAll(t, "report", rep, text.DE.OutcomeLine(text.OutcomeBlocked, ""))
	if b, i := counts(); b+i != 0 {
		t.Fatal("server changed")
	}
}

// TestOutcome_W9_aborted: the admin stops after the backup; the mail says
// where the run stopped, names the backup, and that nothing is installed.
func TestOutcome_W9_aborted(t *testing.T) {
	w, _, _ := germanRun(t, "demo")
	driveTo(t, context.Background(), w, plan{path: PathB}, StepInstall)
	m, rep := userTexts(t, w)
	backup := w.Snapshot().Backups[0].Entry.Name
	wantAll(t, "mail", m.Body, "unterbrochen", "Installation", backup, "nichts installiert")
	wantAll(t, "subject", m.Subject, "abgebrochen")
	wantNone(t, "mail", m.Body, doneClaim)
	// While the wizard still holds the run, its report says so (issue 8);
	// once it has ended, `report` says the run ended before its end.
	wantAll(t, "report", rep, text.DE.OutcomeLine(text.OutcomeRunning, ""))
	dir := w.store.Dir()
	must(t, w.Close())
	after, err := LatestReport(dir, "")
	must(t, err)
	wantAll(t, "report after the end", after, text.DE.OutcomeLine(text.OutcomeAborted, ""))
}

// TestErrorWords_W10_networkRefused: a server that is gone gives a German
// sentence of its own, the transport detail stays technical.
func TestErrorWords_W10_networkRefused(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	url := live.URL
	live.Close()
	w := openWizard(t, t.TempDir(), clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = url })
	must(t, w.StartNew())
	w.Attach(newClient(t, url, clk.Now), nil)
	err := w.Connect(context.Background())
	var ae *ActionError
	if !errors.As(err, &ae) {
		t.Fatalf("connect: %v", err)
	}
	wantAll(t, "text", ae.Text, "nimmt keine Verbindung an")
	if goErrorPrefix.MatchString(ae.Text) {
		t.Errorf("Go wording in %q", ae.Text)
	}
	s := w.Snapshot()
	if len(s.Errors) == 0 || !strings.Contains(s.Errors[0].Detail, "connection refused") {
		t.Errorf("technical detail lost: %+v", s.Errors)
	}
}

// TestSize_W10_oneFormatter: one size format per language.
func TestSize_W10_oneFormatter(t *testing.T) {
	for _, c := range []struct {
		tx   text.Texts
		n    int64
		want string
	}{
		{text.DE, 2 << 20, "2,0 MiB"}, {text.EN, 2 << 20, "2.0 MiB"},
		{text.DE, 66253, "64,7 KiB"}, {text.DE, 512, "512 B"},
	} {
		if got := c.tx.Size(c.n); got != c.want {
			t.Errorf("%s Size(%d) = %q, want %q", c.tx.Lang(), c.n, got, c.want)
		}
	}
}
