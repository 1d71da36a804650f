package steps

import (
	"strings"

	"github.com/visual4/1crm-update/steps/text"
)

// The outcome of a run decides what the report's summary and the partner
// mail say (W9). Each outcome has its own mail, so a failed install can
// never be reported as "installed and tested".

// outcomeLocked classifies the run as it stands, with the stage it is about.
func (w *Wizard) outcomeLocked() (string, Stage) {
	st := w.st
	cur := st.currentStage()
	for _, s := range []Stage{StageTest, StageLive} {
		ss := st.stage(s)
		if ss.Phase == PhaseInstalled || !ss.InstalledAt.IsZero() {
			continue
		}
		if ss.Failure != nil && ss.Failure.Step == StepInstall && w.installAttemptedLocked(s) {
			if ss.Failure.Kind == failUnknown {
				return text.OutcomeInstallUnknown, s
			}
			return text.OutcomeInstallFailed, s
		}
	}
	if ss := st.stage(cur); !ss.BackupDone && ss.Failure != nil && ss.Failure.Step == StepBackup {
		if ss.Failure.Kind == failUnknown {
			return text.OutcomeBackupUnknown, cur
		}
		return text.OutcomeBackupFailed, cur
	}
	if st.Preflight != nil && st.Preflight.Blocked && !w.installAttemptedLocked(StageTest) && !w.installAttemptedLocked(StageLive) {
		return text.OutcomeBlocked, StageLive
	}
	if w.problemsLocked() {
		s := st.ProblemsStage
		if s == "" {
			s = cur
		}
		return text.OutcomeProblems, s
	}
	if st.Live.Phase == PhaseInstalled && st.Live.ChecklistDone {
		return text.OutcomeSuccess, StageLive
	}
	return text.OutcomeAborted, cur
}

// mailVersionsLocked is "before" and "after" of live for subjects: after
// is the version now running, which is the old one when nothing changed.
func (w *Wizard) mailVersionsLocked() (before, after string) {
	before, after = orDash(w.st.Live.VersionBefore), w.st.Live.VersionAfter
	if after == "" {
		after = before
	}
	return before, after
}

// partnerMailLocked is the mail that goes with the report (W9), chosen by
// the outcome.
func (w *Wizard) partnerMailLocked() Mail {
	st := w.st
	outcome, stage := w.outcomeLocked()
	switch outcome {
	case text.OutcomeProblems:
		return w.problemMailLocked()
	case text.OutcomeInstallFailed, text.OutcomeInstallUnknown:
		return w.installFailedMailLocked(outcome, stage)
	case text.OutcomeBackupFailed, text.OutcomeBackupUnknown, text.OutcomeBlocked, text.OutcomeAborted:
		return w.stoppedMailLocked(outcome, stage)
	}
	body := w.tx.DoneBody(st.LiveURL, orDash(st.Live.VersionBefore), orDash(st.Live.VersionAfter), manualBlock(w.tx, st))
	return w.signedMail(w.tx.DoneSubject(st.LiveURL), body)
}

// installFailedMailLocked: the install stopped on the server (R13, R14):
// where it stopped, 1CRM's message, the possibly half-applied state, and
// on live the restore options (R16–R20) with the own backup's name. An
// install without a known result (OutcomeInstallUnknown) says so and asks
// to look on the server before anything is restored.
func (w *Wizard) installFailedMailLocked(outcome string, stage Stage) Mail {
	st := w.st
	ss := st.stage(stage)
	url := w.stageURLLocked(stage)
	stageName := w.tx.StageName(string(stage))
	target := packageLabel(st.Package)
	f := ss.Failure
	unknown := outcome == text.OutcomeInstallUnknown
	var b strings.Builder
	if unknown {
		b.WriteString(w.tx.InstallUnknownIntro(stageName, url, orDash(ss.VersionBefore), target, f.InstallStep, f.InstallOf) + "\n\n")
	} else {
		b.WriteString(w.tx.InstallFailedIntro(stageName, url, orDash(ss.VersionBefore), target, f.InstallStep, f.InstallOf) + "\n\n")
	}
	if f.ServerText != "" {
		b.WriteString(w.tx.ServerSaid(f.ServerText) + "\n\n")
	} else if f.Text != "" {
		b.WriteString(f.Text + "\n\n")
	}
	if unknown {
		b.WriteString(w.tx.InstallUnknownState() + "\n\n")
	} else {
		b.WriteString(w.tx.InstallFailedState() + "\n\n")
	}
	writeNotes(&b, w.tx, st.ProblemNotes)
	writeManualBlock(&b, w.tx, st)
	if unknown {
		// Look first: a restore over a finished install loses its work.
		b.WriteString(w.tx.InstallUnknownAdvice(stageName, url) + "\n\n")
	}
	w.writeRestoreLocked(&b, stage, ss)
	if !unknown {
		b.WriteString(w.tx.InstallFailedAdvice(stageName) + "\n\n")
	}
	b.WriteString(w.tx.ProblemAsk())
	before, after := w.mailVersionsLocked()
	return w.signedMail(w.tx.OutcomeSubject(outcome, st.LiveURL, before, after), b.String())
}

// writeNotes adds the problems the admin reported, when any.
func writeNotes(b *strings.Builder, tx text.Texts, notes []string) {
	if len(notes) == 0 {
		return
	}
	b.WriteString(tx.ProblemListTitle() + "\n")
	for _, n := range notes {
		b.WriteString("- " + n + "\n")
	}
	b.WriteString("\n")
}

// writeRestoreLocked adds what follows for live after a failed or
// problematic install: path A test → live untouched (R9); live → the
// deadline (R13) and the restore options (R14, R16–R20).
func (w *Wizard) writeRestoreLocked(b *strings.Builder, stage Stage, ss *stageState) {
	if stage == StageTest {
		b.WriteString(w.tx.ProblemLiveUntouched() + "\n\n")
		return
	}
	if w.st.Path == PathB {
		b.WriteString(w.tx.ProblemDeadline(w.countdownLocked().Line) + "\n\n")
	}
	b.WriteString(w.tx.ProblemRestoreOptions(ownBackupOf(w.tx, ss), w.restoreImpactLocked().Stated) + "\n")
}

// ownBackupOf is what is known of the stage's own backup: its name with
// its time from 1CRM's history, or – made in the browser where the wizard
// did not see it – the admin's confirmation with their note (redacted when
// it was confirmed; redacted again here, so a secret registered later is
// masked too).
func ownBackupOf(tx text.Texts, ss *stageState) text.OwnBackup {
	b := ss.Backup
	switch {
	case b == nil || b.Skipped:
		return text.OwnBackup{}
	case b.Entry != nil:
		s := b.Entry.Name
		if !b.Entry.Time.IsZero() {
			s += " (" + tx.DateTime(b.Entry.Time) + ")"
		}
		return text.OwnBackup{Name: s}
	case b.Confirmed:
		return text.OwnBackup{Confirmed: true, Note: redact(strings.TrimSpace(b.Reason))}
	}
	return text.OwnBackup{}
}

// stoppedMailLocked: the run stopped before anything was installed or
// before its end – a failed backup (R10), a blocked preflight (W1, R6) or
// the admin's own stop. It says what happened and what the server's
// state is; it never claims an install.
func (w *Wizard) stoppedMailLocked(outcome string, stage Stage) Mail {
	st := w.st
	ss := st.stage(stage)
	before := orDash(st.Live.VersionBefore)
	var b strings.Builder
	switch outcome {
	case text.OutcomeBackupFailed, text.OutcomeBackupUnknown:
		f := ss.Failure
		if outcome == text.OutcomeBackupUnknown {
			b.WriteString(w.tx.BackupUnknownIntro(w.stageURLLocked(stage), orDash(ss.VersionBefore)) + "\n\n")
		} else {
			b.WriteString(w.tx.BackupFailedIntro(w.stageURLLocked(stage), orDash(ss.VersionBefore)) + "\n\n")
		}
		if f.ServerText != "" {
			b.WriteString(w.tx.ServerSaid(f.ServerText) + "\n\n")
		} else if f.Text != "" {
			b.WriteString(f.Text + "\n\n")
		}
		if outcome == text.OutcomeBackupUnknown {
			b.WriteString(w.tx.BackupUnknownAdvice(f.CheckURL) + "\n\n")
		} else {
			b.WriteString(w.tx.BackupFailedAdvice() + "\n\n")
		}
	case text.OutcomeBlocked:
		b.WriteString(w.tx.BlockedIntro(st.LiveURL, before) + "\n")
		for _, v := range st.Preflight.Verdicts {
			if v.Level != LevelBlock {
				continue
			}
			line := "- " + v.Title + ": " + v.Detail
			if v.Advice != "" {
				line += " " + v.Advice
			}
			b.WriteString(line + "\n")
		}
		b.WriteString("\n")
	default:
		b.WriteString(w.tx.AbortedIntro(st.LiveURL, before, w.tx.StepName(string(w.nextLocked()))) + "\n\n")
		if own := ownBackupOf(w.tx, ss); own.Known() {
			b.WriteString(w.tx.OwnBackupMade(own) + "\n")
		}
	}
	writeNotes(&b, w.tx, st.ProblemNotes)
	writeManualBlock(&b, w.tx, st)
	if w.installAttemptedLocked(StageLive) || w.installAttemptedLocked(StageTest) {
		b.WriteString(w.tx.InstallFailedState() + "\n\n")
	} else {
		b.WriteString(w.tx.ServerUnchanged() + "\n\n")
	}
	b.WriteString(w.tx.ProblemAsk())
	_, after := w.mailVersionsLocked()
	return w.signedMail(w.tx.OutcomeSubject(outcome, st.LiveURL, before, after), b.String())
}
