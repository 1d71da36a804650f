package clock

import (
	"testing"
	"time"
)

// berlin parses "2006-01-02 15:04" as Berlin wall time.
func berlin(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, Berlin)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// utc parses an RFC 3339 time.
func utc(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// R12, R13: deadlines are 15:00 and 16:00 Berlin on now's Berlin day, also
// across the DST switches (last Sunday of March / October 2026) and when
// now is given in UTC late in the evening (already the next Berlin day).
func TestDeadlines_R12_R13(t *testing.T) {
	cases := []struct {
		name          string
		now           time.Time
		tests, report string // UTC
	}{
		{"winter", berlin(t, "2026-11-26 09:30"), "2026-11-26T14:00:00Z", "2026-11-26T15:00:00Z"},
		{"summer", berlin(t, "2026-07-01 09:30"), "2026-07-01T13:00:00Z", "2026-07-01T14:00:00Z"},
		{"DST start 2026-03-29, before the switch", utc(t, "2026-03-29T00:30:00Z"), "2026-03-29T13:00:00Z", "2026-03-29T14:00:00Z"},
		{"DST end 2026-10-25, before the switch", utc(t, "2026-10-25T00:30:00Z"), "2026-10-25T14:00:00Z", "2026-10-25T15:00:00Z"},
		{"UTC evening is next Berlin day", utc(t, "2026-11-26T23:30:00Z"), "2026-11-27T14:00:00Z", "2026-11-27T15:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tests, report := Deadlines(c.now)
			if !tests.Equal(utc(t, c.tests)) || !report.Equal(utc(t, c.report)) {
				t.Errorf("Deadlines(%v) = %v, %v; want %s, %s", c.now, tests, report, c.tests, c.report)
			}
			if tests.Location() != Berlin {
				t.Errorf("deadline not in Berlin: %v", tests.Location())
			}
		})
	}
}

// W3: start-time guard for path B.
func TestCheckStart_W3(t *testing.T) {
	cases := []struct {
		name        string
		now         string // Berlin
		margin      time.Duration
		level       StartLevel
		late, after bool
		weekend     bool
		left        time.Duration
		next        string // Berlin
	}{
		{"morning ok", "2026-11-26 09:30", 0, StartOK, false, false, false, 5*time.Hour + 30*time.Minute, "2026-11-27 08:00"},
		{"early morning proposes today 08:00", "2026-11-26 06:00", 0, StartOK, false, false, false, 9 * time.Hour, "2026-11-26 08:00"},
		{"13:00 with 2h margin is exactly the margin: ok", "2026-11-26 13:00", 2 * time.Hour, StartOK, false, false, false, 2 * time.Hour, "2026-11-27 08:00"},
		{"13:01 below margin: warn", "2026-11-26 13:01", 2 * time.Hour, StartWarn, true, false, false, 119 * time.Minute, "2026-11-27 08:00"},
		{"margin 0 means default 2h", "2026-11-26 13:30", 0, StartWarn, true, false, false, 90 * time.Minute, "2026-11-27 08:00"},
		{"custom margin 3h", "2026-11-26 12:30", 3 * time.Hour, StartWarn, true, false, false, 150 * time.Minute, "2026-11-27 08:00"},
		{"14:59 warn", "2026-11-26 14:59", 0, StartWarn, true, false, false, time.Minute, "2026-11-27 08:00"},
		{"exactly 15:00 refuses", "2026-11-26 15:00", 0, StartRefuse, false, true, false, 0, "2026-11-27 08:00"},
		{"evening refuses", "2026-11-26 18:00", 0, StartRefuse, false, true, false, -3 * time.Hour, "2026-11-27 08:00"},
		{"friday after 15:00 proposes monday", "2026-11-27 15:30", 0, StartRefuse, false, true, false, -30 * time.Minute, "2026-11-30 08:00"},
		{"saturday morning warns (weekend)", "2026-11-28 10:00", 0, StartWarn, false, false, true, 5 * time.Hour, "2026-11-30 08:00"},
		{"sunday after 15:00 refuses", "2026-11-29 16:00", 0, StartRefuse, false, true, true, -time.Hour, "2026-11-30 08:00"},
		{"DST start sunday 2026-03-29", "2026-03-29 13:30", 0, StartWarn, true, false, true, 90 * time.Minute, "2026-03-30 08:00"},
		{"DST end sunday 2026-10-25", "2026-10-25 10:00", 0, StartWarn, false, false, true, 5 * time.Hour, "2026-10-26 08:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CheckStart(berlin(t, c.now), c.margin)
			if got.Level != c.level || got.Late != c.late || got.AfterCutoff != c.after || got.Weekend != c.weekend {
				t.Errorf("level=%v late=%v after=%v weekend=%v; want %v %v %v %v",
					got.Level, got.Late, got.AfterCutoff, got.Weekend, c.level, c.late, c.after, c.weekend)
			}
			if got.TimeToTestDeadline != c.left {
				t.Errorf("TimeToTestDeadline = %v, want %v", got.TimeToTestDeadline, c.left)
			}
			if want := berlin(t, c.next); !got.NextMorning.Equal(want) {
				t.Errorf("NextMorning = %v, want %v", got.NextMorning, want)
			}
		})
	}
}

// W3 across the spring DST gap: the absolute time left is what counts
// (01:30 UTC = 03:30 CEST on 2026-03-29; 15:00 CEST = 13:00 UTC).
func TestCheckStart_W3_DSTGap(t *testing.T) {
	got := CheckStart(utc(t, "2026-03-29T01:30:00Z"), 0)
	if got.TimeToTestDeadline != 11*time.Hour+30*time.Minute {
		t.Errorf("TimeToTestDeadline = %v", got.TimeToTestDeadline)
	}
}

// W4: countdown to the deadlines of the install day.
func TestCountdownFor_W4(t *testing.T) {
	cases := []struct {
		name                   string
		installed, now         string
		toTests, toReport      time.Duration
		testsPassed, repPassed bool
		day                    string
	}{
		{"during tests", "2026-11-26 10:00", "2026-11-26 14:00", time.Hour, 2 * time.Hour, false, false, "2026-11-26 00:00"},
		{"exactly 15:00 is passed", "2026-11-26 10:00", "2026-11-26 15:00", 0, time.Hour, true, false, "2026-11-26 00:00"},
		{"between deadlines", "2026-11-26 10:00", "2026-11-26 15:30", -30 * time.Minute, 30 * time.Minute, true, false, "2026-11-26 00:00"},
		{"next day keeps install day deadlines", "2026-11-26 10:00", "2026-11-27 09:00", -18 * time.Hour, -17 * time.Hour, true, true, "2026-11-26 00:00"},
		// 00:30 CET is before the spring switch; 14:00 CEST is after it.
		{"DST start day", "2026-03-29 00:30", "2026-03-29 14:00", time.Hour, 2 * time.Hour, false, false, "2026-03-29 00:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CountdownFor(berlin(t, c.installed), berlin(t, c.now))
			if got.ToTests != c.toTests || got.ToReport != c.toReport {
				t.Errorf("ToTests=%v ToReport=%v; want %v %v", got.ToTests, got.ToReport, c.toTests, c.toReport)
			}
			if got.TestsPassed != c.testsPassed || got.ReportPassed != c.repPassed {
				t.Errorf("passed = %v/%v; want %v/%v", got.TestsPassed, got.ReportPassed, c.testsPassed, c.repPassed)
			}
			if !got.Day.Equal(berlin(t, c.day)) {
				t.Errorf("Day = %v, want %s", got.Day, c.day)
			}
		})
	}
}

// R15–R18: what a restore of the partner's server backup costs and loses.
func TestServerRestoreImpact_R15_R18(t *testing.T) {
	cases := []struct {
		name               string
		installed, request string
		lostSince          string
		lostFor            time.Duration
		sameDay, free      bool
		cost               int
	}{
		{"R16 R17 same day is free, changes since yesterday 23:00 lost", "2026-11-26 10:00", "2026-11-26 14:00", "2026-11-25 23:00", 15 * time.Hour, true, true, 0},
		{"R17 same day late evening is still free", "2026-11-26 10:00", "2026-11-26 23:30", "2026-11-25 23:00", 24*time.Hour + 30*time.Minute, true, true, 0},
		{"R18 next day costs 250", "2026-11-26 10:00", "2026-11-27 09:00", "2026-11-25 23:00", 34 * time.Hour, false, false, RestoreFeeEUR},
		{"R15 monday install, backup from sunday night", "2026-11-30 08:30", "2026-11-30 12:00", "2026-11-29 23:00", 13 * time.Hour, true, true, 0},
		// Spring forward: 28th 23:00 CET → 29th 14:00 CEST is 14 h, not 15.
		{"DST start day", "2026-03-29 10:00", "2026-03-29 14:00", "2026-03-28 23:00", 14 * time.Hour, true, true, 0},
		// Fall back: 24th 23:00 CEST → 25th 14:00 CET is 16 h, not 15.
		{"DST end day", "2026-10-25 10:00", "2026-10-25 14:00", "2026-10-24 23:00", 16 * time.Hour, true, true, 0},
		{"first of month, backup from last day of previous month", "2026-12-01 09:00", "2026-12-01 10:00", "2026-11-30 23:00", 11 * time.Hour, true, true, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ServerRestoreImpact(berlin(t, c.installed), berlin(t, c.request))
			if !got.LostSince.Equal(berlin(t, c.lostSince)) {
				t.Errorf("LostSince = %v, want %s", got.LostSince, c.lostSince)
			}
			if got.LostFor != c.lostFor {
				t.Errorf("LostFor = %v, want %v", got.LostFor, c.lostFor)
			}
			if got.SameDay != c.sameDay || got.Free != c.free || got.CostEUR != c.cost {
				t.Errorf("sameDay=%v free=%v cost=%d; want %v %v %d", got.SameDay, got.Free, got.CostEUR, c.sameDay, c.free, c.cost)
			}
		})
	}
}

// The rules must not depend on the machine's zone: an SSH server on UTC
// (time.Local = UTC) and a caller passing UTC or New York times get the
// same Berlin answers (spec: "whatever the machine's time zone is").
func TestRules_MachineZoneUTC(t *testing.T) {
	saved := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = saved })

	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	// 13:30 Berlin on 2026-11-26 = 12:30 UTC = 07:30 New York.
	for _, now := range []time.Time{
		time.Date(2026, 11, 26, 12, 30, 0, 0, time.UTC),
		time.Date(2026, 11, 26, 7, 30, 0, 0, ny),
		time.Date(2026, 11, 26, 12, 30, 0, 0, time.Local),
	} {
		c := CheckStart(now, 0)
		if c.Level != StartWarn || !c.Late || c.TimeToTestDeadline != 90*time.Minute {
			t.Errorf("CheckStart(%v) = %+v; want warn, 90m left (W3 in Berlin)", now, c)
		}
		if got := c.NextMorning.In(time.UTC).Format(time.RFC3339); got != "2026-11-27T07:00:00Z" {
			t.Errorf("NextMorning = %s, want 08:00 Berlin = 07:00Z", got)
		}
		r := ServerRestoreImpact(now, now.Add(time.Hour))
		if got := r.LostSince.In(time.UTC).Format(time.RFC3339); got != "2026-11-25T22:00:00Z" {
			t.Errorf("LostSince = %s, want 23:00 Berlin = 22:00Z (R16)", got)
		}
	}
}

// W3, R12, R13: each start falls in one case, and a weekend start is its
// own case at every hour (issue 10 item 4: at 09:00 on a Sunday "little
// time is left before 15:00" was said with six hours left). The deadlines
// stay those of the same day; the proposal is Monday 08:00.
func TestCheckStart_W3_cases(t *testing.T) {
	cases := []struct {
		now   string // Berlin; 2026-11-26 is a Thursday, 28/29 Saturday/Sunday
		c     StartCase
		level StartLevel
		next  string
	}{
		{"2026-11-26 09:00", CaseInTime, StartOK, "2026-11-27 08:00"},
		{"2026-11-26 13:30", CaseLate, StartWarn, "2026-11-27 08:00"},
		{"2026-11-26 15:30", CaseAfterCutoff, StartRefuse, "2026-11-27 08:00"},
		{"2026-11-28 09:00", CaseWeekend, StartWarn, "2026-11-30 08:00"},
		{"2026-11-28 13:30", CaseWeekendLate, StartWarn, "2026-11-30 08:00"},
		{"2026-11-28 15:30", CaseWeekendAfterCutoff, StartRefuse, "2026-11-30 08:00"},
		{"2026-11-29 09:00", CaseWeekend, StartWarn, "2026-11-30 08:00"},
		{"2026-11-29 13:30", CaseWeekendLate, StartWarn, "2026-11-30 08:00"},
		{"2026-11-29 15:30", CaseWeekendAfterCutoff, StartRefuse, "2026-11-30 08:00"},
	}
	for _, c := range cases {
		t.Run(c.now, func(t *testing.T) {
			now := berlin(t, c.now)
			got := CheckStart(now, 0)
			if got.Case != c.c || got.Level != c.level {
				t.Errorf("case %q level %v, want %q %v", got.Case, got.Level, c.c, c.level)
			}
			if want := berlin(t, c.next); !got.NextMorning.Equal(want) {
				t.Errorf("NextMorning = %v, want %v", got.NextMorning, want)
			}
			if !SameDay(got.TestsDeadline, now) || !SameDay(got.ReportDeadline, now) ||
				got.TestsDeadline.Hour() != 15 || got.ReportDeadline.Hour() != 16 {
				t.Errorf("deadlines %v, %v are not 15:00 and 16:00 of the same day", got.TestsDeadline, got.ReportDeadline)
			}
		})
	}
}
