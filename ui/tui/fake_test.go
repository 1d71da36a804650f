package tui

import (
	"context"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
)

// fakeEngine is a wizard with canned answers, so that screens can be
// rendered as pure functions of a known state (golden tests). The
// end-to-end tests in ui/app use the real wizard against the simulator.
type fakeEngine struct {
	next   steps.StepID
	n, of  int
	snap   steps.Snapshot
	unfin  *steps.RunSummary
	pf     *steps.Preflight
	check  *steps.PackageCheck
	parity *steps.Parity
	start  steps.StartCheck
	smoke  *steps.SmokeResult
	items  []steps.ChecklistItem
	mail   steps.Mail // the problem mail
	finish steps.Mail // the closing mail (W9)
	impact steps.RestoreImpact
	report string
	calls  []string
	err    error // returned by the next action, then cleared
	// after is called with each successful call's name (e.g. to move Next on).
	after func(name string)
	// manualDone answers ManualDone (nil: verified).
	manualDone func(file string) *steps.ManualResult
}

func (f *fakeEngine) called(name string) error {
	f.calls = append(f.calls, name)
	err := f.err
	f.err = nil
	if err == nil && f.after != nil {
		f.after(name)
	}
	return err
}

func (f *fakeEngine) Unfinished() *steps.RunSummary { return f.unfin }
func (f *fakeEngine) Resume() error                 { return f.called("Resume") }
func (f *fakeEngine) StartNew() error               { return f.called("StartNew") }
func (f *fakeEngine) Next() steps.StepID            { return f.next }
func (f *fakeEngine) StepNumber() (int, int)        { return f.n, f.of }
func (f *fakeEngine) Snapshot() steps.Snapshot {
	s := f.snap
	s.Next = f.next
	s.Checklist = f.items
	return s
}
func (f *fakeEngine) Connect(ctx context.Context) error { return f.called("Connect") }

// The fake keeps what an action found in its snapshot, like the wizard.
func (f *fakeEngine) Preflight(ctx context.Context) (*steps.Preflight, error) {
	err := f.called("Preflight")
	if err == nil {
		f.snap.Preflight = f.pf
	}
	return f.pf, err
}
func (f *fakeEngine) ConfirmDeployment(d steps.Deployment) (*steps.Preflight, error) {
	p := *f.pf
	p.NeedsDeployment, p.Deployment = false, d
	err := f.called("ConfirmDeployment")
	if err == nil {
		f.pf, f.snap.Preflight = &p, &p
	}
	return &p, err
}
func (f *fakeEngine) SetInstalledVersion(v string) error {
	if err := f.called("SetInstalledVersion " + v); err != nil {
		return err
	}
	p := *f.pf
	p.Version, p.VersionSource, p.NeedsVersion = v, steps.VersionFromAdmin, false
	f.pf, f.snap.Preflight = &p, &p
	return nil
}
func (f *fakeEngine) UsePackageFile(path string) (*steps.PackageCheck, error) {
	return f.checked(f.called("UsePackageFile"))
}
func (f *fakeEngine) checked(err error) (*steps.PackageCheck, error) {
	if err == nil {
		f.snap.Package = f.check
	}
	return f.check, err
}
func (f *fakeEngine) DownloadUpdate(ctx context.Context, u crmclient.AvailableUpdate, progress func(got, total int64)) (*steps.PackageCheck, error) {
	progress(50, 100)
	return f.checked(f.called("DownloadUpdate"))
}
func (f *fakeEngine) ChoosePath(p steps.Path) error {
	f.snap.Path = p
	return f.called("ChoosePath " + string(p))
}
func (f *fakeEngine) RecommendedPath() steps.Path      { return steps.PathA }
func (f *fakeEngine) RefreshMail() steps.Mail          { return f.mail }
func (f *fakeEngine) ConfirmRefreshed() error          { return f.called("ConfirmRefreshed") }
func (f *fakeEngine) AcceptParity(reason string) error { return f.called("AcceptParity " + reason) }
func (f *fakeEngine) ConfirmDistinctSystems() error {
	err := f.called("ConfirmDistinctSystems")
	if err == nil && f.snap.Parity != nil {
		f.snap.Parity.DistinctConfirmed = true
	}
	return err
}
func (f *fakeEngine) RedoRefresh() error               { return f.called("RedoRefresh") }
func (f *fakeEngine) StartCheck() steps.StartCheck     { return f.start }
func (f *fakeEngine) AcknowledgeStart() error          { return f.called("AcknowledgeStart") }
func (f *fakeEngine) OverrideLateStart(r string) error { return f.called("OverrideLateStart " + r) }
func (f *fakeEngine) PauseUntilTomorrow() error        { return f.called("PauseUntilTomorrow") }
func (f *fakeEngine) SkipBackup(reason string) error   { return f.called("SkipBackup " + reason) }
func (f *fakeEngine) AcceptBackupProblem(reason string) error {
	return f.called("AcceptBackupProblem " + reason)
}
func (f *fakeEngine) ChecklistItems() []steps.ChecklistItem {
	return append([]steps.ChecklistItem(nil), f.items...)
}
func (f *fakeEngine) FinishChecklist() error {
	for _, it := range f.items {
		if it.Status == "" {
			return &steps.Refusal{Rule: "R23", Reason: "open items"}
		}
	}
	return f.called("FinishChecklist")
}
func (f *fakeEngine) GoLive() error                      { return f.called("GoLive") }
func (f *fakeEngine) Countdown() steps.Countdown         { return f.snap.Countdown }
func (f *fakeEngine) RestoreImpact() steps.RestoreImpact { return f.impact }
func (f *fakeEngine) ProblemMail() steps.Mail            { return f.mail }
func (f *fakeEngine) ProblemsReported() error            { return f.called("ProblemsReported") }
func (f *fakeEngine) ReportProblem(note string) error {
	f.next = steps.StepProblems
	return f.called("ReportProblem " + note)
}
func (f *fakeEngine) FinishMail() steps.Mail { return f.finish }

// finishMail is the closing mail as steps words it for the sample run
// (problems found, 8.7.6 → 8.7.7), in the screen's language.
func finishMail(lang, report string) steps.Mail {
	return steps.Mail{To: "support@visual4.de",
		Subject: steptext.For(lang).OutcomeSubject(steptext.OutcomeProblems, "https://crm.example.com", "8.7.6", "8.7.7"),
		Body:    report, MailtoURL: "mailto:support@visual4.de?subject=y"}
}
func (f *fakeEngine) Report() string               { return f.report }
func (f *fakeEngine) WriteReport() (string, error) { return "/state/runs/R1/report.md", nil }
func (f *fakeEngine) Finish() error                { f.snap.Finished = true; return f.called("Finish") }
func (f *fakeEngine) ParityCheck(ctx context.Context) (*steps.Parity, error) {
	err := f.called("ParityCheck")
	if err == nil {
		f.snap.Parity = f.parity
	}
	return f.parity, err
}
func (f *fakeEngine) Backup(ctx context.Context, elapsed func(time.Duration), verify func(read, total int64)) (*crmclient.BackupEntry, error) {
	elapsed(3 * time.Second)
	// As the client reads 1CRM's history: its text, and the bytes it means.
	e := &crmclient.BackupEntry{Name: "backup_20261126_093000.zip", Size: "152.3 MB", SizeBytes: 159697715}
	err := f.called("Backup")
	if err == nil {
		if len(f.snap.Backups) == 0 {
			f.snap.Backups = []steps.BackupInfo{{Stage: f.snap.Stage}}
		}
		f.snap.Backups[len(f.snap.Backups)-1].Entry = e
	}
	return e, err
}
func (f *fakeEngine) Upload(ctx context.Context, progress func(sent, total int64)) error {
	progress(10, 10)
	return f.called("Upload")
}
func (f *fakeEngine) Prepare(ctx context.Context) (*steps.PrepareView, error) {
	return f.snap.Prepare, f.called("Prepare")
}
func (f *fakeEngine) AcceptWarnings(ctx context.Context) (*steps.PrepareView, error) {
	return f.snap.Prepare, f.called("AcceptWarnings")
}
func (f *fakeEngine) Install(ctx context.Context, progress func(crmclient.InstallProgress)) error {
	progress(crmclient.InstallProgress{Step: 2, Of: 6, Text: "Step 2 of 6: Copying files"})
	return f.called("Install")
}
func (f *fakeEngine) Smoke(ctx context.Context) (*steps.SmokeResult, error) {
	err := f.called("Smoke")
	if err == nil {
		f.snap.Smoke = map[steps.Stage]*steps.SmokeResult{f.snap.Stage: f.smoke}
	}
	return f.smoke, err
}
func (f *fakeEngine) Answer(id, status, note string) error {
	for i := range f.items {
		if f.items[i].ID == id {
			f.items[i].Status, f.items[i].Note = status, note
		}
	}
	return f.called("Answer " + id + " " + status + " " + note)
}
func (f *fakeEngine) AddChecklistItem(title string) (steps.ChecklistItem, error) {
	it := steps.ChecklistItem{ID: "own1", Title: title, Source: "file"}
	f.items = append(f.items, it)
	return it, f.called("AddChecklistItem " + title)
}

var _ Engine = (*fakeEngine)(nil)

// berlin is a fixed time on a Thursday morning, for stable screens.
var berlinNow = time.Date(2026, 11, 26, 9, 30, 0, 0, time.FixedZone("CET", 3600))

// sampleEngine is a path B run on live with realistic facts.
func sampleEngine() *fakeEngine {
	f := &fakeEngine{next: steps.StepPreflight, n: 2, of: 10}
	f.snap = steps.Snapshot{
		RunID: "20261126-0930-ab12", Lang: "de", Path: steps.PathB, Stage: steps.StageLive,
		Live: steps.InstanceFacts{URL: "https://crm.example.com", Connected: true, VersionBefore: "8.7.6", Edition: crmclient.EditionProfessional},
	}
	f.pf = &steps.Preflight{
		Edition: crmclient.EditionProfessional, Version: "8.7.6", Deployment: steps.DeploymentOnPrem,
		Support: crmclient.SupportExpiring, SupportEnd: "2026-12-14", SupportEndText: "14.12.2026", SupportDaysLeft: 18, HasSupportDaysLeft: true,
		Extensions: []crmclient.InstalledPackage{{Name: "Call Sheets"}, {Name: "DATEV Export"}},
		Updates:    []crmclient.AvailableUpdate{{Version: "8.7.7", Package: "8.7.7-InfoAtHand-patch"}},
		Verdicts: []steps.Verdict{
			{Rule: "R1", Level: steps.LevelOK, Title: "Edition: Professional", Detail: "Die Edition Professional erhält Update-Pakete."},
			{Rule: "R5", Level: steps.LevelWarn, Title: "Update-Abo endet bald", Detail: "Das Update-Abo läuft am 14.12.2026 aus (noch 18 Tage).", Advice: "Rechtzeitig verlängern; der Support des Partners ist davon nicht betroffen."},
			{Rule: "W1", Level: steps.LevelInfo, Title: "Installierte Version", Detail: "1CRM meldet die Version 8.7.6."},
		},
	}
	f.snap.Preflight = f.pf
	f.check = &steps.PackageCheck{
		FileName: "8.7.7-InfoAtHand-patch.zip", Size: 314572800, Name: "1CRM Update", Version: "8.7.7", Type: "patch",
		SHA256: "545b96d3ac2ca49a3693df3b9978fa65e24b4d6bc7305d887ee9fbd7eb0c1d2e", OK: true, Core: true,
		Verdicts: []steps.Verdict{{Rule: "W2", Level: steps.LevelOK, Title: "Paket passt zu 8.7.6"},
			// R22 as steps words it: the extensions are named here, once.
			{Rule: "R22", Level: steps.LevelInfo, Title: steptext.DE.ExtensionsTitle(),
				Detail: steptext.DE.PackageExtensionsAffected("Call Sheets, DATEV Export"), Advice: steptext.DE.PackageExtensionsUnknown()}},
		AffectedExtensions: []string{"Call Sheets", "DATEV Export"},
	}
	f.snap.Package = f.check
	f.parity = &steps.Parity{LiveVersion: "8.7.6", TestVersion: "8.7.5", MissingOnTest: []string{"DATEV Export 2.1"},
		Verdicts: []steps.Verdict{{Rule: "W5", Level: steps.LevelWarn, Title: "Testsystem nicht aufgefrischt", Advice: "Partner erneut um Auffrischung bitten."}}}
	f.start = steps.StartCheck{
		Level: steps.StartWarn, Now: berlinNow.Add(4 * time.Hour), TestDeadline: time.Date(2026, 11, 26, 15, 0, 0, 0, berlinNow.Location()),
		ReportDeadline: time.Date(2026, 11, 26, 16, 0, 0, 0, berlinNow.Location()), TimeLeft: 90 * time.Minute,
		Tomorrow: time.Date(2026, 11, 27, 8, 0, 0, 0, berlinNow.Location()),
		Verdicts: []steps.Verdict{{Rule: "W3", Level: steps.LevelWarn, Title: "Nur noch 1 h 30 min bis 15:00"}},
	}
	f.smoke = &steps.SmokeResult{Stage: steps.StageLive, OK: false, Checks: []steps.Check{
		{Name: "version", Level: steps.LevelOK, Title: "Version ist jetzt 8.7.7"},
		{Name: "login", Level: steps.LevelOK, Title: "Admin-Anmeldung funktioniert"},
		{Name: "pdf", Level: steps.LevelBlock, Title: "PDF-Ausgabe", Detail: "HTTP 500"},
	}}
	f.items = []steps.ChecklistItem{
		{ID: "login", Title: "Anmelden und Startseite", Detail: "Ab- und wieder anmelden.", Source: "builtin", Status: steps.AnswerPassed},
		{ID: "pdf", Title: "Eigene PDF-Vorlagen", Detail: "Ein Angebot als PDF erzeugen.", Source: "builtin", Status: steps.AnswerProblem, Note: "Logo fehlt"},
		{ID: "ext1", Title: "Erweiterung „Call Sheets“", Source: "extension"},
		{ID: "own", Title: "Lagerliste drucken", Source: "file", Status: steps.AnswerNA},
	}
	f.mail = steps.Mail{To: "support@visual4.de", Subject: "Probleme nach 1CRM-Update (crm.example.com)",
		Body: "Guten Tag,\n\nnach dem Update auf 8.7.7 fehlt das Logo im Angebots-PDF.\n\nViele Grüße", MailtoURL: "mailto:support@visual4.de?subject=x"}
	f.impact = steps.RestoreImpact{Cost: "0 €", FreeOfCharge: true,
		Text: "Partner spielt sein Server-Backup ein: alle Änderungen seit gestern 23:00 (10 h 30 min) gehen verloren. Heute kostenlos."}
	f.report = "# 1CRM-Update – Protokoll\n\n- Adresse: https://crm.example.com\n- Version: 8.7.6 → 8.7.7\n"
	return f
}

// The manual route (issue 10): the fake opens, checks and settles a
// hand-over in its snapshot like the wizard does.
func (f *fakeEngine) RequestManual(ctx context.Context, a steps.ManualAction) error {
	if err := f.called("RequestManual " + string(a)); err != nil {
		return err
	}
	if f.snap.Handover == nil {
		f.snap.Handover = &steps.Handover{Action: a, Stage: f.snap.Stage, Cause: steps.CauseRequested, Verifiable: true,
			Reason: "requested", Steps: []string{"do it"}, LookFor: []string{"see it"}}
	}
	return nil
}

func (f *fakeEngine) ManualDone(ctx context.Context, file string) (*steps.ManualResult, error) {
	if err := f.called("ManualDone " + file); err != nil {
		return nil, err
	}
	if f.manualDone != nil {
		return f.manualDone(file), nil
	}
	return &steps.ManualResult{Verified: true}, nil
}

func (f *fakeEngine) ConfirmManualUnverified(note string) error {
	if h := f.snap.Handover; h != nil && h.NoteNeeded && note == "" {
		return &steps.Refusal{Reason: "a note is needed"}
	}
	// Settled first: a confirmed upload opens the next hand-over (after).
	prev := f.snap.Handover
	f.snap.Handover = nil
	err := f.called("ConfirmManualUnverified " + note)
	if err != nil {
		f.snap.Handover = prev
	}
	return err
}

func (f *fakeEngine) CancelManual() error {
	if h := f.snap.Handover; h != nil && h.LockedOut {
		return &steps.Refusal{Rule: "W8", Reason: "the install runs"}
	}
	err := f.called("CancelManual")
	if err == nil {
		f.snap.Handover = nil
	}
	return err
}
