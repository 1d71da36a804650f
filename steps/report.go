package steps

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/visual4/1crm-update/steps/clock"
	"github.com/visual4/1crm-update/steps/text"
)

// reportFile is the report's name in the run folder (spec/cli.md "Files").
const reportFile = "report.md"

// problemMailLocked is the R13/R14 mail: what went wrong, and on live the
// restore options with concrete times and costs (R16–R20).
func (w *Wizard) problemMailLocked() Mail {
	st := w.st
	if st == nil {
		return Mail{}
	}
	stage := st.ProblemsStage
	if stage == "" {
		stage = st.currentStage()
	}
	ss := st.stage(stage)
	url := st.LiveURL
	if stage == StageTest {
		url = st.TestURL
	}
	stageName := w.tx.StageName(string(stage))
	installed := stage == StageTest || w.installAttemptedLocked(stage)
	var b strings.Builder
	if installed {
		b.WriteString(w.tx.ProblemIntro(stageName, url, orDash(ss.VersionBefore), orDash(ss.VersionAfter)))
	} else {
		b.WriteString(w.tx.ProblemIntroBeforeInstall(stageName, url, orDash(ss.VersionBefore)))
	}
	b.WriteString("\n\n" + w.tx.ProblemListTitle() + "\n")
	for _, p := range problemLines(st, stage) {
		b.WriteString("- " + p + "\n")
	}
	b.WriteString("\n")
	switch {
	case stage == StageTest:
		b.WriteString(w.tx.ProblemLiveUntouched() + "\n\n") // R9
	case !installed:
		// Nothing was installed yet: no restore to talk about.
		b.WriteString(w.tx.ProblemNothingInstalled() + "\n\n")
	default:
		if st.Path == PathB {
			b.WriteString(w.tx.ProblemDeadline(w.countdownLocked().Line) + "\n\n") // R13
		}
		own := ""
		if ss.Backup != nil && ss.Backup.Entry != nil {
			e := ss.Backup.Entry
			own = e.Name
			if !e.Time.IsZero() {
				own += " (" + w.tx.DateTime(e.Time) + ")"
			}
		}
		b.WriteString(w.tx.ProblemRestoreOptions(own, w.restoreImpactLocked().Text) + "\n")
	}
	b.WriteString(w.tx.BundleHint(st.RunID) + "\n\n")
	b.WriteString(w.tx.ProblemClosing(st.User))
	return newMail(w.cfg.SupportEmail, w.tx.ProblemSubject(url, stageName), b.String())
}

// problemLines lists what went wrong on a stage, for the mail and report.
func problemLines(st *runState, stage Stage) []string {
	ss := st.stage(stage)
	var out []string
	if ss.Checklist != nil {
		for _, it := range ss.Checklist.Problems() {
			out = append(out, it.Title+": "+it.Note)
		}
	}
	if ss.Smoke != nil {
		for _, c := range ss.Smoke.Checks {
			if c.Level == LevelBlock {
				out = append(out, c.Title)
			}
		}
	}
	out = append(out, st.ProblemNotes...)
	for _, e := range st.Errors {
		if e.Stage == stage && (e.Step == StepInstall || e.Step == StepBackup) && !mentioned(st.ProblemNotes, ss.Failure) {
			out = append(out, e.Text)
		}
	}
	return out
}

// mentioned: the admin's note already quotes 1CRM's message of the
// failure (the UI passes the error along), so it is not listed twice.
func mentioned(notes []string, f *failureInfo) bool {
	if f == nil || f.ServerText == "" {
		return false
	}
	for _, n := range notes {
		if strings.Contains(n, f.ServerText) {
			return true
		}
	}
	return false
}

func (w *Wizard) problemMail() Mail {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st == nil {
		return Mail{}
	}
	// A failed install or backup, or a blocked preflight, has a mail of
	// its own: it must not read like problems found after an install.
	switch o, _ := w.outcomeLocked(); o {
	case text.OutcomeInstallFailed, text.OutcomeBackupFailed, text.OutcomeBlocked:
		return w.partnerMailLocked()
	}
	return w.problemMailLocked()
}

func (w *Wizard) report() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st == nil {
		return ""
	}
	return w.renderReportLocked()
}

func (w *Wizard) renderReportLocked() string {
	m := w.partnerMailLocked()
	o, os := w.outcomeLocked()
	if o == text.OutcomeAborted && w.inProgress && !w.st.Finished {
		o = text.OutcomeRunning // not ended: a wizard is still at it
	}
	return renderReport(w.tx, w.st, &m, w.countdownLocked(), w.restoreImpactLocked(), o, os)
}

// problemsLocked says whether the run met problems (checklist, smoke, or a
// problem the admin reported).
func (w *Wizard) problemsLocked() bool {
	return w.st.ProblemsAt != "" || len(w.st.ProblemNotes) > 0
}

// finishMailLocked is the closing mail to the partner (W9): the partner
// mail (done note or problem report, R13) with the whole support report
// below it, because a mailto: link cannot carry an attachment. The report
// in the body leaves out its own "message to the partner" section, which
// would only repeat the mail.
func (w *Wizard) finishMailLocked() Mail {
	st := w.st
	pm := w.partnerMailLocked()
	before, after := w.mailVersionsLocked()
	outcome, _ := w.outcomeLocked()
	subject := w.tx.OutcomeSubject(outcome, st.LiveURL, before, orDash(after))
	var b strings.Builder
	b.WriteString(strings.TrimRight(pm.Body, "\n"))
	if hint := w.tx.BundleHint(st.RunID); !strings.Contains(pm.Body, hint) {
		b.WriteString("\n\n" + hint)
	}
	b.WriteString("\n\n" + w.tx.FinishReportFollows(st.ReportPath) + "\n\n")
	o, os := w.outcomeLocked()
	b.WriteString(renderReport(w.tx, st, nil, w.countdownLocked(), w.restoreImpactLocked(), o, os))
	m := newMail(w.cfg.SupportEmail, subject, b.String())
	if len(m.MailtoURL) > maxMailtoLen {
		// The whole report does not fit into a link mail programs accept;
		// the link carries the note and asks for the file as an attachment,
		// while Body (copied to the clipboard) keeps everything.
		short := strings.TrimRight(pm.Body, "\n") + "\n\n" + w.tx.FinishReportAttach(st.ReportPath) + "\n"
		if hint := w.tx.BundleHint(st.RunID); !strings.Contains(short, hint) {
			short += "\n" + hint + "\n"
		}
		m.MailtoURL = mailto(w.cfg.SupportEmail, subject, short)
	}
	return m
}

func (w *Wizard) finishMail() Mail {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st == nil {
		return Mail{}
	}
	return w.finishMailLocked()
}

// renderReport is the W9 support report. It only reads the state, which
// never holds a secret (journal.Set refuses them).
// mail == nil leaves the "message to the partner" section out (the report
// inside the finish mail).
// outcome (one of text.Outcome*) heads the report, so its first lines
// already say what really happened.
func renderReport(tx text.Texts, st *runState, mail *Mail, cd Countdown, ri RestoreImpact, outcome string, ostage Stage) string {
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	kv := func(key, val string) {
		if val != "" {
			line("- %s: %s", tx.Label(key), val)
		}
	}
	line("# %s", tx.ReportTitle())
	line("")
	line("%s", tx.ReportRun(st.RunID, st.Started))
	line("")
	line("**%s**", tx.OutcomeLine(outcome, tx.StageName(string(ostage))))
	line("")

	line("## %s", tx.ReportSectionInstance())
	kv("url", st.LiveURL)
	// The test system belongs to path A only (R7): on path B it was never
	// touched, so neither its address nor its versions are listed.
	withTest := st.Path == PathA
	if withTest {
		kv("test_url", st.TestURL)
	}
	if st.Preflight != nil {
		kv("edition", tx.EditionName(string(st.Preflight.Edition)))
	}
	kv("deployment", tx.DeploymentName(string(st.Deployment)))
	kv("path", tx.PathName(string(st.Path)))
	kv("user", st.User)
	for _, s := range []Stage{StageTest, StageLive} {
		ss := st.stage(s)
		if (s == StageTest && !withTest) || (ss.VersionBefore == "" && ss.VersionAfter == "") {
			continue
		}
		line("- %s: %s %s → %s %s", tx.StageName(string(s)), tx.Label("version_before"), orDash(ss.VersionBefore),
			tx.Label("version_after"), orDash(ss.VersionAfter))
	}
	if st.Insecure {
		line("- %s", tx.Label("insecure"))
	}
	kv("wizard", st.Wizard)
	line("")

	line("## %s", tx.ReportSectionPackage())
	if p := st.Package; p != nil {
		kv("file", p.FileName)
		kv("name", p.Name)
		kv("version", p.Version)
		kv("type", p.Type)
		kv("size", tx.Size(p.Size))
		line("- SHA-256: `%s`", p.SHA256)
	} else {
		line("%s", tx.ReportNone())
	}
	line("")

	line("## %s", tx.ReportSectionBackup())
	some := false
	for _, s := range []Stage{StageTest, StageLive} {
		bi := st.stage(s).Backup
		if bi == nil {
			continue
		}
		some = true
		if bi.Skipped {
			line("- %s: %s (%s)", tx.StageName(string(s)), tx.Label("skipped"), bi.Reason)
			continue
		}
		if bi.Entry == nil {
			// Made by hand where the history could not be read (issue 10).
			line("- %s", tx.ManualLine(string(ManualBackup), tx.StageName(string(s)), "", text.ManualConfirmed, "", bi.Reason))
			continue
		}
		e := bi.Entry
		when := ""
		if !e.Time.IsZero() {
			when = tx.DateTime(e.Time)
		}
		line("- %s: %s, %s %s, %s %s", tx.StageName(string(s)), e.Name, tx.Label("time"), orDash(when), tx.Label("size"), orDash(backupSizeText(tx, e.Size, e.SizeBytes)))
		if bi.DumpWarn {
			line("  - %s", tx.BackupDumpMissing())
		}
		for _, l := range backupCheckReport(tx, bi) {
			line("  - %s", l)
		}
	}
	if !some {
		line("%s", tx.ReportNone())
	}
	line("")

	line("## %s", tx.ReportSectionSteps())
	line("| %s | %s | %s | %s |", tx.Label("time"), tx.Label("step"), tx.Label("status"), tx.Label("result"))
	line("|---|---|---|---|")
	for _, r := range st.Steps {
		name := tx.StepName(string(r.Step))
		if r.Stage != "" {
			name += " – " + tx.StageName(string(r.Stage))
		}
		status := "OK"
		if r.Ended.IsZero() {
			status = "…"
		}
		if r.Error != "" {
			status = tx.LevelName(string(LevelBlock))
		}
		detail := describeRecord(tx, st, r)
		if r.Error != "" {
			detail = r.Error
		}
		when := tx.DateTime(r.Started)
		if !r.Ended.IsZero() && !r.Ended.Equal(r.Started) {
			when += "–" + tx.Clock(r.Ended)
			if !clock.SameDay(r.Started, r.Ended) {
				when = tx.DateTime(r.Started) + "–" + tx.DateTime(r.Ended)
			}
		}
		line("| %s | %s | %s | %s |", when, name, status, mdCell(detail))
	}
	line("")

	for _, s := range []Stage{StageTest, StageLive} {
		ss := st.stage(s)
		if ss.Smoke == nil {
			continue
		}
		line("## %s (%s)", tx.ReportSectionSmoke(), tx.StageName(string(s)))
		for _, c := range ss.Smoke.Checks {
			line("- [%s] %s", tx.LevelName(string(c.Level)), c.Title)
		}
		line("")
	}
	for _, s := range []Stage{StageTest, StageLive} {
		ss := st.stage(s)
		if ss.Checklist == nil {
			continue
		}
		line("## %s (%s)", tx.ReportSectionChecklist(), tx.StageName(string(s)))
		for _, it := range itemsOf(ss.Checklist) {
			note := ""
			if it.Note != "" {
				note = " – " + it.Note
			}
			line("- [%s] %s%s", tx.AnswerName(it.Status), it.Title, note)
		}
		line("")
	}

	if st.Path == PathB {
		line("## %s", tx.ReportSectionDeadlines())
		if !st.Live.InstalledAt.IsZero() {
			line("- %s", cd.Line)
		}
		if st.LateOverride != "" {
			line("- %s", tx.StartOverridden(st.LateOverride))
		}
		line("- %s", ri.Text)
		line("")
	}

	writeManualSections(&b, tx, st)

	line("## %s", tx.ReportSectionErrors())
	if len(st.Errors) == 0 {
		line("%s", tx.ReportNone())
	}
	for _, e := range st.Errors {
		line("- %s %s: %s", tx.DateTime(e.At), tx.StepName(string(e.Step)), e.Text)
	}
	line("")

	// The technical side of the errors (Go error chain, 1CRM's page text)
	// for the partner; English is fine here, user text never carries it.
	tech := false
	for _, e := range st.Errors {
		if strings.TrimSpace(e.Detail) == "" {
			continue
		}
		if !tech {
			line("## %s", tx.ReportSectionTechnical())
			tech = true
		}
		line("- %s %s:", tx.DateTime(e.At), tx.StepName(string(e.Step)))
		line("")
		line("    %s", strings.ReplaceAll(strings.TrimSpace(e.Detail), "\n", "\n    "))
		line("")
	}

	line("## %s", tx.ReportSectionNotes())
	if st.Preflight != nil {
		for _, v := range st.Preflight.Verdicts {
			line("- [%s] %s %s: %s", v.Rule, tx.LevelName(string(v.Level)), v.Title, v.Detail)
		}
	}
	if st.Package != nil {
		for _, v := range st.Package.Verdicts {
			line("- [%s] %s %s: %s", v.Rule, tx.LevelName(string(v.Level)), v.Title, v.Detail)
		}
	}
	for _, n := range st.Notices {
		line("- %s", n)
	}
	line("")

	if mail == nil {
		return b.String()
	}
	line("## %s", tx.ReportSectionMail())
	line("- %s: %s", tx.Label("to"), mail.To)
	line("- %s: %s", tx.Label("subject"), mail.Subject)
	line("- %s: <%s>", tx.Label("mailto"), mail.MailtoURL)
	line("")
	line("```")
	b.WriteString(mail.Body)
	if !strings.HasSuffix(mail.Body, "\n") {
		b.WriteString("\n")
	}
	line("```")
	return b.String()
}

func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

func (w *Wizard) writeReport() (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.writeReportLocked()
}

func (w *Wizard) writeReportLocked() (string, error) {
	if w.st == nil {
		return "", ErrNoRun
	}
	rep := w.renderReportLocked()
	if err := w.j.WriteFile(reportFile, []byte(rep)); err != nil {
		return "", err
	}
	p := filepath.Join(w.j.Dir(), reportFile)
	w.st.ReportPath = p
	_ = w.j.Event("report_written", journalData("file", reportFile))
	return p, w.saveLocked()
}

// finish closes the run: only when nothing is due but done.
func (w *Wizard) finish() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st == nil {
		return w.refuse("", StepDone, w.tx.NoRun())
	}
	if w.st.Finished {
		return nil
	}
	if n := w.nextLocked(); n != StepDone {
		return w.refuse("R23", StepDone, w.tx.NotDue(w.tx.StepName(string(StepDone)), w.tx.StepName(string(n))))
	}
	w.record(StepDone, "", "finish", "")
	w.st.Finished = true
	if _, err := w.writeReportLocked(); err != nil {
		return err
	}
	summary := "finished"
	if w.st.ProblemsReported {
		summary = "problems reported"
	}
	if err := w.j.Finish(summary); err != nil {
		return err
	}
	w.cleanFinishedDownloadsLocked() // the package of a finished run is needed no more
	return nil
}

func (w *Wizard) partnerMail() Mail {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st == nil {
		return Mail{}
	}
	return w.partnerMailLocked()
}
