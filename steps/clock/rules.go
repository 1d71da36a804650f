package clock

import "time"

// Deadline hours of path B, Berlin wall time.
const (
	TestsDeadlineHour  = 15 // R12: tests finished by 15:00 on the install day
	ReportDeadlineHour = 16 // R13: problems reported to the partner by 16:00
	MorningHour        = 8  // W3: "continue tomorrow morning" proposes 08:00
)

// DefaultMargin is the W3 start-time margin: starting a live update less
// than this long before the 15:00 test deadline earns a warning.
const DefaultMargin = 2 * time.Hour

// RestoreFeeEUR is the flat fee for restoring a backup older than one day (R18).
const RestoreFeeEUR = 250

// Deadlines returns the R12 (15:00) and R13 (16:00) deadlines on now's
// Berlin calendar day.
func Deadlines(now time.Time) (tests, report time.Time) {
	return at(now, 0, TestsDeadlineHour, 0), at(now, 0, ReportDeadlineHour, 0)
}

// StartLevel grades a path B start time (W3).
type StartLevel int

const (
	// StartOK: enough time to test before 15:00 on a working day.
	StartOK StartLevel = iota
	// StartWarn: allowed, but the admin should rather continue at NextMorning
	// (less than the margin before 15:00, or a weekend day).
	StartWarn
	// StartRefuse: 15:00 has passed; starting needs an explicit override
	// that the caller records in the journal.
	StartRefuse
)

// String names the level for logs and journals.
func (l StartLevel) String() string {
	switch l {
	case StartOK:
		return "ok"
	case StartWarn:
		return "warn"
	case StartRefuse:
		return "refuse"
	}
	return "unknown"
}

// StartCase is which situation of W3 a start is in; each has its own
// words (steps/text). A weekend start is a case of its own at every hour:
// the partner is normally not reachable on Saturday or Sunday to restore
// or repair, while the deadlines of R12/R13 are still those of the same
// day. The values are stable: they are kept in journals.
type StartCase string

const (
	CaseInTime             StartCase = "in_time"              // a working day, at least the margin before 15:00
	CaseLate               StartCase = "late"                 // a working day, less than the margin before 15:00
	CaseAfterCutoff        StartCase = "after_cutoff"         // a working day, 15:00 or later
	CaseWeekend            StartCase = "weekend"              // Saturday or Sunday, at least the margin before 15:00
	CaseWeekendLate        StartCase = "weekend_late"         // Saturday or Sunday, less than the margin before 15:00
	CaseWeekendAfterCutoff StartCase = "weekend_after_cutoff" // Saturday or Sunday, 15:00 or later
)

// StartCheck is the W3 verdict on starting a live update (path B) now.
type StartCheck struct {
	Level StartLevel
	// Case is the situation, for the words; Level follows from it.
	Case StartCase
	// Weekend: now is Saturday or Sunday in Berlin (warn: the partner may
	// not answer a same-day report).
	Weekend bool
	// Late: before 15:00, but less than the margin is left to test.
	Late bool
	// AfterCutoff: it is 15:00 or later; no test time is left today (refuse).
	AfterCutoff bool
	// TimeToTestDeadline is 15:00 today minus now; negative after 15:00.
	TimeToTestDeadline time.Duration
	// NextMorning is the next 08:00 (Berlin) on a Monday–Friday strictly
	// after now — the proposed time to continue. Public holidays are not known.
	NextMorning time.Time
	// Deadlines of today, for the messages.
	TestsDeadline, ReportDeadline time.Time
}

// CheckStart applies W3 to a path B start at now. margin <= 0 means
// DefaultMargin. Exactly margin before 15:00 (13:00 with 2 h) is still OK:
// only "below the margin" warns. Exactly 15:00 already refuses, since no
// time is left to test.
func CheckStart(now time.Time, margin time.Duration) StartCheck {
	if margin <= 0 {
		margin = DefaultMargin
	}
	tests, report := Deadlines(now)
	c := StartCheck{
		Weekend:            IsWeekend(now),
		TimeToTestDeadline: tests.Sub(now),
		NextMorning:        NextWorkingMorning(now),
		TestsDeadline:      tests,
		ReportDeadline:     report,
	}
	c.AfterCutoff = !now.Before(tests)
	c.Late = !c.AfterCutoff && c.TimeToTestDeadline < margin
	c.Case = CaseOf(c.Weekend, c.Late, c.AfterCutoff)
	switch {
	case c.AfterCutoff:
		c.Level = StartRefuse
	case c.Late || c.Weekend:
		c.Level = StartWarn
	default:
		c.Level = StartOK
	}
	return c
}

// CaseOf is the case of a start on a weekend day or not, below the margin
// (late) or after the test deadline.
func CaseOf(weekend, late, afterCutoff bool) StartCase {
	switch {
	case afterCutoff && weekend:
		return CaseWeekendAfterCutoff
	case afterCutoff:
		return CaseAfterCutoff
	case late && weekend:
		return CaseWeekendLate
	case late:
		return CaseLate
	case weekend:
		return CaseWeekend
	}
	return CaseInTime
}

// NextWorkingMorning is the first 08:00 Berlin on a Monday–Friday strictly
// after now (today's 08:00 when called earlier on a working day).
func NextWorkingMorning(now time.Time) time.Time {
	for days := 0; ; days++ {
		t := at(now, days, MorningHour, 0)
		if t.After(now) && !IsWeekend(t) {
			return t
		}
	}
}

// Countdown is the W4 live countdown to the deadlines of the install day.
type Countdown struct {
	// ToTests and ToReport are the time left until 15:00 and 16:00 of the
	// install day; negative once passed (then the Passed flag is set).
	ToTests, ToReport         time.Duration
	TestsPassed, ReportPassed bool
	// Day is midnight (Berlin) of the install day.
	Day time.Time
	// TestsDeadline and ReportDeadline are 15:00 and 16:00 of Day.
	TestsDeadline, ReportDeadline time.Time
}

// CountdownFor returns the W4 countdown for an update installed at
// installedAt, seen at now. The deadlines stay those of the install day even
// when now is a later day (then both are passed).
func CountdownFor(installedAt, now time.Time) Countdown {
	tests, report := Deadlines(installedAt)
	return Countdown{
		ToTests:        tests.Sub(now),
		ToReport:       report.Sub(now),
		TestsPassed:    !now.Before(tests),
		ReportPassed:   !now.Before(report),
		Day:            DayStart(installedAt),
		TestsDeadline:  tests,
		ReportDeadline: report,
	}
}

// RestoreImpact states what a restore of the partner's server backup would
// cost and lose (R15–R18, shown per W4).
type RestoreImpact struct {
	// LostSince is 23:00 Berlin of the day before the install day: the
	// server backup is from about then (R15, R16), so every change after it
	// is lost.
	LostSince time.Time
	// LostFor is requestAt − LostSince: how much work would be lost.
	LostFor time.Duration
	// SameDay: the restore is requested on the install day (Berlin).
	SameDay bool
	// Free: a same-day restore costs nothing (R17).
	Free bool
	// CostEUR is RestoreFeeEUR when the restore is requested after the
	// install day: the backup from before the update is then older than one
	// day (R18); 0 otherwise.
	CostEUR int
}

// ServerRestoreImpact returns the R15–R18 facts for restoring the partner's
// server backup of an update installed at installedAt, requested at requestAt.
func ServerRestoreImpact(installedAt, requestAt time.Time) RestoreImpact {
	r := RestoreImpact{
		LostSince: at(installedAt, -1, 23, 0),
		SameDay:   SameDay(installedAt, requestAt),
	}
	r.LostFor = requestAt.Sub(r.LostSince)
	r.Free = r.SameDay
	if !r.SameDay && requestAt.After(installedAt) {
		r.CostEUR = RestoreFeeEUR
	}
	return r
}
