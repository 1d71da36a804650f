package steps

import (
	"path/filepath"
	"strings"

	"github.com/visual4/1crm-update/steps/text"
)

// LatestReport returns the support report (Markdown) of the run runID, or of
// the latest run when runID is empty, for `1crm-update report`. It reads the
// saved report.md, or renders one from the journal when none was written.
func LatestReport(stateDir, runID string) (string, error) { return latestReport(stateDir, runID) }

// ProblemMail is the report to the partner (R9, R13, R14) with the restore
// options (R16–R20).
func (w *Wizard) ProblemMail() Mail { return w.problemMail() }

// Report renders the support report (W9) as Markdown; no secrets.
func (w *Wizard) Report() string { return w.report() }

// WriteReport writes report.md into the run folder and returns its path.
func (w *Wizard) WriteReport() (string, error) { return w.writeReport() }

// Finish marks the run finished (only when Next() is done) and writes the report.
func (w *Wizard) Finish() error { return w.finish() }

// PartnerMail is the mail that goes with the report (W9): the problem mail
// when something went wrong, else a short note that the update is done.
func (w *Wizard) PartnerMail() Mail { return w.partnerMail() }

// FinishMail is the closing mail to the partner (W9): subject with the
// instance and the versions before/after, body = the partner mail (done
// note, or the problem report with the restore options) followed by the
// whole support report, and a mailto: link (RFC 6068: %20, %0D%0A). No
// secrets: it is built from the same state as Report.
func (w *Wizard) FinishMail() Mail { return w.finishMail() }

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
	writeManualBlock(&b, w.tx, st)
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
		b.WriteString(w.tx.ProblemRestoreOptions(ownBackupOf(w.tx, ss), w.restoreImpactLocked().Stated) + "\n")
	}
	b.WriteString(w.tx.ProblemAsk())
	return w.signedMail(w.tx.ProblemSubject(url, stageName), b.String())
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
	case text.OutcomeInstallFailed, text.OutcomeInstallUnknown, text.OutcomeBackupFailed, text.OutcomeBackupUnknown, text.OutcomeBlocked:
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
	content := pm.content
	o, os := w.outcomeLocked()
	body := w.signOff(content, w.tx.FinishReportFollows(st.RunID)) + "\n" +
		renderReport(w.tx, st, nil, w.countdownLocked(), w.restoreImpactLocked(), o, os)
	m := newMail(w.cfg.SupportEmail, subject, body)
	m.AttachHint = pm.AttachHint
	if len(m.MailtoURL) > maxMailtoLen {
		// The whole report does not fit into a link mail programs accept;
		// the link carries the note and names the bundle as its
		// attachment, while Body (copied to the clipboard) keeps everything.
		m.MailtoURL = mailto(w.cfg.SupportEmail, subject, w.signOff(content, w.tx.ReportEnclosed(st.RunID)))
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
