// Package clock holds the wizard's notion of "now" and the time rules of the
// update procedure (spec/procedure.md R12, R13, R15–R18, W3, W4).
//
// Every rule is evaluated in Europe/Berlin, whatever the machine's zone is
// (SSH servers often run UTC). The zone database is embedded through
// time/tzdata, so the rules hold on minimal systems without /usr/share/zoneinfo.
package clock

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // embed the zone database: Berlin must load on any machine
)

// Berlin is Europe/Berlin, loaded once from the embedded zone database.
var Berlin = mustLoadBerlin()

func mustLoadBerlin() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		// Cannot happen with time/tzdata embedded; fail loudly rather than
		// evaluating deadlines in a wrong zone.
		panic("clock: cannot load Europe/Berlin: " + err.Error())
	}
	return loc
}

// EnvNow is the environment variable that fixes the wizard's start time
// (RFC 3339) for demos and tests of the time rules (spec/cli.md).
const EnvNow = "ONECRM_UPDATE_NOW"

// Clock tells the current time. All clocks of this package return times in
// Berlin so that formatting them shows partner-local wall time.
type Clock interface {
	Now() time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now().In(Berlin) }

// System returns the real wall clock.
func System() Clock { return systemClock{} }

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// Fixed returns a clock that always tells t (for tests).
func Fixed(t time.Time) Clock { return fixedClock{t.In(Berlin)} }

type shiftedClock struct {
	base  time.Time
	start time.Time // real time (with monotonic reading) when the clock was made
}

func (c shiftedClock) Now() time.Time {
	return c.base.Add(time.Since(c.start)).In(Berlin)
}

// StartingAt returns a clock that tells t now and then advances with real
// time, so countdowns still tick in demos started at a fixed time.
func StartingAt(t time.Time) Clock {
	return shiftedClock{base: t, start: time.Now()}
}

// FromEnv returns the clock for this process: StartingAt the time in
// ONECRM_UPDATE_NOW when set (overridden = true, the UI shows a banner),
// else System. A value that cannot be parsed is an error naming the variable.
// getenv is os.Getenv in the binary; tests pass a map lookup.
func FromEnv(getenv func(string) string) (c Clock, overridden bool, err error) {
	raw := strings.TrimSpace(getenv(EnvNow))
	if raw == "" {
		return System(), false, nil
	}
	t, err := ParseNow(raw)
	if err != nil {
		return nil, false, fmt.Errorf("%s=%q: %w", EnvNow, raw, err)
	}
	return StartingAt(t), true, nil
}

// localLayouts are accepted besides RFC 3339 for convenience in demos; they
// carry no offset and are read as Berlin wall time.
var localLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"}

// ParseNow parses an ONECRM_UPDATE_NOW value: RFC 3339
// (2026-11-26T09:30:00+01:00), or without offset (2026-11-26T09:30,
// 2026-11-26 09:30) as Berlin wall time.
func ParseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(Berlin), nil
	}
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, Berlin); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not an RFC 3339 time such as 2026-11-26T09:30:00+01:00")
}

// at returns hour:minute on the Berlin calendar day of day, offset by
// addDays days. time.Date normalises day overflow and DST gaps.
func at(day time.Time, addDays, hour, minute int) time.Time {
	y, m, d := day.In(Berlin).Date()
	return time.Date(y, m, d+addDays, hour, minute, 0, 0, Berlin)
}

// DayStart is midnight (Berlin) of t's Berlin calendar day.
func DayStart(t time.Time) time.Time { return at(t, 0, 0, 0) }

// SameDay reports whether a and b fall on the same Berlin calendar day.
func SameDay(a, b time.Time) bool {
	ay, am, ad := a.In(Berlin).Date()
	by, bm, bd := b.In(Berlin).Date()
	return ay == by && am == bm && ad == bd
}

// IsWeekend reports whether t is a Saturday or Sunday in Berlin.
func IsWeekend(t time.Time) bool {
	wd := t.In(Berlin).Weekday()
	return wd == time.Saturday || wd == time.Sunday
}
