package page

import (
	"context"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/steps/clock"
)

// timeGuard: W3 — is there enough time today to test before 15:00?
func (f Facts) timeGuard() Page {
	c := f.V.Start
	p := Page{Blocks: []Block{
		Fact{Label: f.t.Now(), Value: f.st.Weekday(c.Now) + " " + f.st.Clock(c.Now)},
		Fact{Label: f.t.TestsDoneBy(), Value: f.st.Clock(c.TestDeadline) + " (" + f.t.LeftFmt(c.TimeLeft) + ")"},
		Fact{Label: f.t.ReportBy(), Value: f.st.Clock(c.ReportDeadline)},
		Gap{}, Para{Text: f.t.GuardWhy()}, Gap{},
	}}
	ack := &Action{ID: "acknowledge start", Then: Then{Follow: Advance},
		Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) { return nil, e.AcknowledgeStart() }}
	tomorrow := f.st.Weekday(c.Tomorrow) + " " + f.st.Clock(c.Tomorrow)
	pause := Choice{ID: "pause", Key: "p", Label: f.t.GuardPause(tomorrow), Do: &Action{ID: "pause",
		Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
			return nil, e.PauseUntilTomorrow()
		},
		Then: Then{Follow: Quit, Exit: ExitPaused, Farewell: f.t.PausedFarewell(tomorrow)},
	}}
	switch c.Level {
	case steps.StartOK:
		p.Blocks = append(p.Blocks, Status{Mark: MarkOK, Text: f.t.GuardOK()})
		p.Choices = []Choice{{ID: "go", Label: f.t.ContinueTo(f.st.StepName(string(steps.StepBackup))), Role: Proceed, Do: ack}}
	case steps.StartWarn:
		p.Blocks = append(p.Blocks, Status{Mark: MarkWarn, Text: f.guardHeadline(c)})
		p.Choices = []Choice{pause, {ID: "go", Key: "w", Label: f.t.GuardGoAnyway(), Do: ack}}
	default:
		p.Blocks = append(p.Blocks, Status{Mark: MarkBad, Text: f.guardHeadline(c)})
		p.Choices = []Choice{pause, {ID: "override", Key: "o", Label: f.t.GuardOverride(), Do: &Action{ID: "override",
			Ask: f.reason(f.t.GuardReasonHelp()),
			Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
				return nil, e.OverrideLateStart(trim(a.Text))
			},
			Then: Then{Follow: Advance},
		}}}
	}
	p.Blocks = append(p.Blocks, Verdicts{List: BySeverity(c.Verdicts)})
	return p
}

// guardHeadline words the warning or refusal of the start-time check:
// a weekend start is its own case (the partner is not reachable), not
// "little time left" with six hours to go.
func (f Facts) guardHeadline(c steps.StartCheck) string {
	day := f.st.DayName(c.Now)
	switch c.Case {
	case clock.CaseWeekend:
		return f.t.GuardWeekend(day)
	case clock.CaseWeekendLate:
		return f.t.GuardWeekendLate(day)
	case clock.CaseWeekendAfterCutoff:
		return f.t.GuardWeekendRefuse(day)
	}
	if c.Level == steps.StartRefuse {
		return f.t.GuardRefuse()
	}
	return f.t.GuardWarn()
}

// backup: an own backup through the admin pages before the install (R10).
// Path B cannot skip it; path A live may, with a recorded reason. A backup
// whose file failed its check stops here until a new one is made or the
// admin gives a reason.
func (f Facts) backup() Page {
	p := Page{Blocks: []Block{Fact{Label: f.t.Instance(), Value: f.stageName()}, Gap{}}}
	last := f.lastBackup()
	broken := last != nil && last.Entry != nil && last.Check != nil && last.Check.Status == steps.BackupBroken
	again := f.makeBackup()
	// Made by hand in the browser: settled on this visit, for this stage.
	byHand := f.V.Has("manual") && last != nil && last.Manual && last.Stage == f.S.Stage
	if byHand && last.Entry == nil {
		// Confirmed by the admin where the history could not be read:
		// nothing to show of the file, only who vouches for it.
		p.Blocks = append(p.Blocks, f.settledByHand(steps.StepBackup)...)
		p.Blocks = append(p.Blocks, Gap{}, Status{Mark: MarkWarn, Text: f.t.BackupConfirmed()})
		p.Choices = []Choice{f.onward()}
		return p
	}
	if (f.V.Has("made") || byHand || broken) && last != nil && last.Entry != nil {
		if byHand {
			p.Blocks = append(p.Blocks, f.settledByHand(steps.StepBackup)...)
			p.Blocks = append(p.Blocks, Gap{})
		}
		p.Blocks = append(p.Blocks, f.backupFacts(last)...)
		if broken {
			p.Choices = []Choice{{ID: "start", Key: "n", Label: f.t.BackupAgain(), Danger: true, Do: again},
				{ID: "accept", Key: "a", Label: f.t.BackupAcceptProblem(), Do: &Action{ID: "accept backup problem",
					Ask: f.reason(f.t.BackupAcceptHelp()),
					Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
						return nil, e.AcceptBackupProblem(trim(a.Text))
					},
					Then: Then{Follow: Advance},
				}}, f.requestManual(steps.ManualBackup)}
		} else {
			p.Choices = []Choice{f.onward()}
		}
		return p
	}
	canSkip := f.S.Path == steps.PathA && f.S.Stage == steps.StageLive
	intro := f.t.BackupIntro()
	if canSkip {
		intro = f.t.BackupIntroOptional()
	}
	p.Blocks = append(p.Blocks, Para{Text: intro})
	p.Choices = []Choice{{ID: "start", Key: "s", Label: f.t.BackupStart(), Danger: true, Do: again}}
	if canSkip {
		p.Choices = append(p.Choices, Choice{ID: "skip", Key: "o", Label: f.t.BackupSkip(), Do: &Action{ID: "skip backup",
			Ask: f.reason(f.t.BackupSkipHelp()),
			Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
				return nil, e.SkipBackup(trim(a.Text))
			},
			Then: Then{Follow: Advance},
		}})
	}
	p.Choices = append(p.Choices, f.requestManual(steps.ManualBackup))
	return p
}

// makeBackup runs the backup and reads its file (progress in bytes).
func (f Facts) makeBackup() *Action {
	return &Action{ID: "backup", Mark: "made", Then: Then{Follow: Stay},
		Run: &Running{Label: f.t.BackupRunning(), Server: f.t.BackupServerState(), Progress: Transfer, Stalls: true},
		Call: func(ctx context.Context, e Engine, _ Arg, report func(any)) (any, error) {
			return e.Backup(ctx, func(d time.Duration) { report(d) }, func(read, total int64) { report(Bytes{read, total}) })
		},
	}
}

func (f Facts) lastBackup() *steps.BackupInfo {
	if n := len(f.S.Backups); n > 0 {
		return &f.S.Backups[n-1]
	}
	return nil
}

// backupFacts: what was made, where, and what reading its file found.
func (f Facts) backupFacts(b *steps.BackupInfo) []Block {
	e := b.Entry
	bs := []Block{Status{Mark: MarkOK, Text: f.t.BackupDone()}, Gap{}, Fact{Label: f.t.BackupName(), Value: e.Name}}
	if size := f.backupSize(e); size != "" {
		bs = append(bs, Fact{Label: f.t.PackageSize(), Value: size})
	}
	// The time the wizard saw the backup finish (Berlin); the file name
	// carries the server's own local time.
	if !b.Finished.IsZero() {
		bs = append(bs, Fact{Label: f.t.BackupTime(), Value: f.st.DateTime(b.Finished)})
	}
	if e.Path != "" {
		bs = append(bs, Fact{Label: f.t.BackupWhere(), Value: e.Path, Whole: true})
	}
	if b.DumpWarn {
		bs = append(bs, Gap{}, Status{Mark: MarkWarn, Text: f.t.BackupNoDump()})
	}
	if b.Check != nil {
		bs = append(bs, Gap{}, Verdicts{List: BySeverity(b.Check.Verdicts)})
	}
	return append(bs, Gap{}, Para{Text: f.t.BackupRestoreNote()})
}

// backupSize is the size in the run's language, with the formatter of
// every other size on the screens and in the report ("143,1 MiB"); 1CRM's
// own text ("143.1 MB") only when it could not be read as bytes.
func (f Facts) backupSize(e *crmclient.BackupEntry) string {
	if e.SizeBytes > 0 {
		return f.t.Bytes(e.SizeBytes)
	}
	return e.Size
}
