package steps

import (
	"strconv"
	"strings"
	"time"

	"github.com/visual4/1crm-update/steps/clock"
)

// StartLevel grades a path B start time (W3).
type StartLevel string

const (
	StartOK     StartLevel = "ok"
	StartWarn   StartLevel = "warn"   // below the margin, or a weekend: proposal to continue tomorrow
	StartRefuse StartLevel = "refuse" // after 15:00: only an explicit override goes on
)

// StartCheck is the W3 start-time guard result, in Europe/Berlin time.
type StartCheck struct {
	Level          StartLevel
	Now            time.Time
	TestDeadline   time.Time // 15:00 today (R12)
	ReportDeadline time.Time // 16:00 today (R13)
	TimeLeft       time.Duration
	Margin         time.Duration
	Weekend        bool
	// Case is the situation (clock.StartCase): on a weekend the words are
	// the weekend's at every hour, not "little time left".
	Case     clock.StartCase
	Tomorrow time.Time // proposed restart: next working morning
	Verdicts []Verdict
}

// Countdown is the W4 live countdown while testing on path B.
type Countdown struct {
	Applies        bool // only after a path B live install (R12, R13)
	Now            time.Time
	TestDeadline   time.Time
	ReportDeadline time.Time
	TestLeft       time.Duration // negative once passed
	ReportLeft     time.Duration
	TestPassed     bool
	ReportPassed   bool
	// Line is R12/R13 for mails and the report, in points in time with
	// "as of" (e.g. "Tests bis … 15:00 Uhr, Probleme melden bis 16:00 Uhr
	// (Stand: …)"); screens count down from TestLeft/ReportLeft.
	Line string
}

// RestoreImpact is the R15–R18 statement with concrete times (W4).
type RestoreImpact struct {
	Now          time.Time
	LostSince    time.Time     // about 23:00 of the previous evening (R16)
	LostSpan     time.Duration // changes that a server restore would lose
	FreeOfCharge bool          // requested on the install day (R17)
	Cost         string        // "0 €" or "250 €" (R18)
	Text         string        // the whole statement for the screen, localised
	// Stated is the statement for mails and the report: a clause after
	// a label, dated "as of" instead of a span that keeps growing.
	Stated string
}

// StartCheck evaluates the path B start time now (W3).
func (w *Wizard) StartCheck() StartCheck { return w.startCheck() }

// AcknowledgeStart goes on after StartOK or StartWarn (the admin read the
// warning). On StartRefuse it refuses: use OverrideLateStart.
func (w *Wizard) AcknowledgeStart() error { return w.acknowledgeStart() }

// OverrideLateStart goes on after 15:00; the reason is recorded (W3).
func (w *Wizard) OverrideLateStart(reason string) error { return w.overrideLateStart(reason) }

// PauseUntilTomorrow ends this session cleanly; the run resumes at the time
// guard (exit 0, resumable).
func (w *Wizard) PauseUntilTomorrow() error { return w.pauseUntilTomorrow() }

// Countdown is the path B deadline countdown (W4, R12, R13).
func (w *Wizard) Countdown() Countdown { return w.countdown() }

// RestoreImpact is what a partner server restore would cost and lose now
// (W4, R15–R18).
func (w *Wizard) RestoreImpact() RestoreImpact { return w.restoreImpact() }

// startCheckAt is W3 at now, in the run's language.
func (w *Wizard) startCheckAt(now time.Time) StartCheck {
	c := clock.CheckStart(now, w.cfg.StartMargin)
	sc := StartCheck{
		Now:            now,
		TestDeadline:   c.TestsDeadline,
		ReportDeadline: c.ReportDeadline,
		TimeLeft:       c.TimeToTestDeadline,
		Margin:         w.cfg.StartMargin,
		Weekend:        c.Weekend,
		Tomorrow:       c.NextMorning,
	}
	switch c.Level {
	case clock.StartRefuse:
		sc.Level = StartRefuse
	case clock.StartWarn:
		sc.Level = StartWarn
	default:
		sc.Level = StartOK
	}
	// One verdict per case, worded for it (steps/text).
	v := Verdict{Rule: "W3,R12", Title: w.tx.StepName(string(StepTimeGuard))}
	switch c.Case {
	case clock.CaseInTime:
		v.Level, v.Detail = LevelOK, w.tx.StartOK(c.TestsDeadline, c.TimeToTestDeadline)
	case clock.CaseLate:
		v.Level, v.Detail = LevelWarn, w.tx.StartLate(c.TestsDeadline, c.TimeToTestDeadline, c.NextMorning)
	case clock.CaseAfterCutoff:
		v.Level, v.Detail = LevelBlock, w.tx.StartRefused(c.TestsDeadline, c.NextMorning)
	case clock.CaseWeekend, clock.CaseWeekendLate:
		v.Rule = "W3,R12,R13"
		v.Level, v.Detail = LevelWarn, w.tx.StartWeekend(now, c.TestsDeadline, c.ReportDeadline, c.TimeToTestDeadline,
			c.Case == clock.CaseWeekendLate, c.NextMorning)
	case clock.CaseWeekendAfterCutoff:
		v.Level, v.Detail = LevelBlock, w.tx.StartWeekendRefused(now, c.TestsDeadline, c.NextMorning)
	}
	sc.Case = c.Case
	sc.Verdicts = []Verdict{v}
	return sc
}

func (w *Wizard) startCheck() StartCheck {
	w.mu.Lock()
	defer w.mu.Unlock()
	sc := w.startCheckAt(w.now())
	if w.st != nil {
		cp := sc
		w.st.StartCheck = &cp
	}
	return sc
}

func (w *Wizard) acknowledgeStart() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepTimeGuard); err != nil {
		return err
	}
	sc := w.startCheckAt(w.now())
	w.st.StartCheck = &sc
	if sc.Level == StartRefuse {
		return w.refuse("W3", StepTimeGuard, w.tx.StartRefusedNeedsOverride())
	}
	w.st.TimeGuardPassed = true
	w.st.GuardPassedAt, w.st.GuardLevel = sc.Now, sc.Level
	w.st.Paused = false
	// W3: the record says what the admin acknowledged, as codes; the
	// report words it (level, weekend, time left until 15:00).
	w.record(StepTimeGuard, StageLive, "start", facts("level", string(sc.Level), "case", string(sc.Case), "weekend", boolStr(sc.Weekend),
		"left", sc.TimeLeft.Round(time.Minute).String()))
	_ = w.j.Event("time_guard", journalData("level", string(sc.Level), "weekend", boolStr(sc.Weekend),
		"deadline", sc.TestDeadline.Format(time.RFC3339), "time_left", sc.TimeLeft.Round(time.Minute).String()))
	return w.saveLocked()
}

// overrideLateStart: W3 "after 15:00 it refuses unless the admin overrides
// explicitly (recorded in the journal)".
func (w *Wizard) overrideLateStart(reason string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepTimeGuard); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return w.refuse("W3", StepTimeGuard, w.tx.NeedReason())
	}
	sc := w.startCheckAt(w.now())
	w.st.StartCheck = &sc
	w.st.TimeGuardPassed = true
	w.st.GuardPassedAt, w.st.GuardLevel = sc.Now, sc.Level
	w.st.Paused = false
	w.st.LateOverride = redact(reason)
	w.record(StepTimeGuard, StageLive, "override", facts("reason", w.st.LateOverride, "level", string(sc.Level)))
	_ = w.j.Event("late_start_override", journalData("level", string(sc.Level), "reason", reason))
	return w.saveLocked()
}

// installGuardLocked checks W3 and R10 again right before a path B live
// install: the admin may have paused between backup and install (a long
// backup, a coffee, an SSH drop overnight). When the day changed, or it is
// now later than what the admin accepted at the time guard (past 15:00
// without an override, or below the margin after an "ok" start), the time
// guard is due again; a backup that is not from today is due again too
// (R10: the backup must reflect the state right before the update). The
// refusal names what happened; Next() then says which step is due.
func (w *Wizard) installGuardLocked() error {
	st := w.st
	if st.Path != PathB || st.currentStage() != StageLive {
		return nil
	}
	now := w.now()
	ss := st.stage(StageLive)
	var reasons []string
	rule := ""
	if b := ss.Backup; ss.BackupDone && backupMade(b) && !b.Finished.IsZero() && !clock.SameDay(b.Finished, now) {
		ss.BackupDone = false
		reasons = append(reasons, w.tx.BackupStale(b.Finished))
		rule = "R10"
		name := "confirmed by the admin"
		if b.Entry != nil {
			name = b.Entry.Name
		}
		_ = w.j.Event("backup_stale", journalData("backup", name, "made", b.Finished.Format(time.RFC3339)))
	}
	sc := w.startCheckAt(now)
	passedAt := st.GuardPassedAt
	if passedAt.IsZero() && st.StartCheck != nil {
		passedAt = st.StartCheck.Now
	}
	accepted := st.GuardLevel
	if accepted == "" {
		accepted = StartOK
	}
	late := sc.Level == StartWarn && sc.TimeLeft > 0 && sc.TimeLeft < sc.Margin
	reopen := (!passedAt.IsZero() && !clock.SameDay(passedAt, now)) ||
		(sc.Level == StartRefuse && accepted != StartRefuse) ||
		(late && accepted == StartOK)
	if reopen {
		st.TimeGuardPassed = false
		st.StartCheck = &sc
		reasons = append([]string{w.tx.InstallGuardReopened(now) + " " + strings.Join(verdictDetails(sc.Verdicts), " ")}, reasons...)
		rule = "W3"
		_ = w.j.Event("time_guard_reopened", journalData("level", string(sc.Level), "accepted", string(accepted),
			"accepted_at", passedAt.Format(time.RFC3339)))
	}
	if len(reasons) == 0 {
		return nil
	}
	w.record(StepInstall, StageLive, "recheck", facts("note", strings.Join(reasons, " ")))
	st.Notices = append(st.Notices, reasons...)
	if err := w.saveLocked(); err != nil {
		return err
	}
	return w.refuse(rule, StepInstall, strings.Join(reasons, " "))
}

// pauseUntilTomorrow ends the session cleanly at the time guard.
func (w *Wizard) pauseUntilTomorrow() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepTimeGuard); err != nil {
		return err
	}
	sc := w.startCheckAt(w.now())
	w.st.Paused = true
	w.record(StepTimeGuard, StageLive, "pause", facts("until", sc.Tomorrow.Format(time.RFC3339)))
	_ = w.j.Event("paused", journalData("until", sc.Tomorrow.Format(time.RFC3339)))
	return w.saveLocked()
}

// countdownLocked is W4: after a path B live install, the time left until
// 15:00 (R12) and 16:00 (R13) of the install day.
func (w *Wizard) countdownLocked() Countdown {
	now := w.now()
	cd := Countdown{Now: now}
	if w.st == nil {
		return cd
	}
	installed := w.st.Live.InstalledAt
	day := now
	if !installed.IsZero() {
		day = installed
	}
	c := clock.CountdownFor(day, now)
	cd.TestDeadline, cd.ReportDeadline = c.TestsDeadline, c.ReportDeadline
	cd.TestLeft, cd.ReportLeft = c.ToTests, c.ToReport
	cd.TestPassed, cd.ReportPassed = c.TestsPassed, c.ReportPassed
	cd.Applies = w.st.Path == PathB && !installed.IsZero()
	if cd.TestPassed {
		cd.Line = w.tx.CountdownPassed(c.TestsDeadline, c.ReportDeadline, now, c.ReportPassed)
	} else {
		cd.Line = w.tx.CountdownLine(c.TestsDeadline, c.ReportDeadline, now)
	}
	return cd
}

func (w *Wizard) countdown() Countdown {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.countdownLocked()
}

// restoreImpactLocked is R15–R18 with concrete times (W4).
func (w *Wizard) restoreImpactLocked() RestoreImpact {
	now := w.now()
	installed := now
	if w.st != nil && !w.st.Live.InstalledAt.IsZero() {
		installed = w.st.Live.InstalledAt
	}
	r := clock.ServerRestoreImpact(installed, now)
	cost := "0 €"
	if r.CostEUR > 0 {
		cost = strconv.Itoa(r.CostEUR) + " €"
	}
	return RestoreImpact{
		Now:          now,
		LostSince:    r.LostSince,
		LostSpan:     r.LostFor,
		FreeOfCharge: r.Free,
		Cost:         cost,
		Text:         w.tx.RestoreText(r.LostSince, now, r.LostFor, r.SameDay, r.CostEUR),
		Stated:       w.tx.RestoreLoss(r.LostSince, now, r.SameDay, r.CostEUR),
	}
}

func (w *Wizard) restoreImpact() RestoreImpact {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.restoreImpactLocked()
}
