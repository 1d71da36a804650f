package steps

import (
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/steps/clock"
	"github.com/visual4/1crm-update/steps/text"
)

// W3, R12, R13 (issue 10 item 4): a weekend start has its own words at
// every hour — the partner is normally not reachable to restore or repair,
// a working day is safer (Monday 08:00), and the deadlines are still the
// same day's (tests by 15:00 with the time left, problems by 16:00). At
// 09:00 nothing says "little time"; at 13:30 it does; at 15:30 the start
// is refused with the weekend named. One verdict per start.
func TestStartGuard_W3_weekend(t *testing.T) {
	at := func(day, h, m int) time.Time { return time.Date(2026, 11, day, h, m, 0, 0, clock.Berlin) }
	cases := []struct {
		name    string
		now     time.Time
		c       clock.StartCase
		level   StartLevel
		vlevel  Level
		want    map[string][]string // per language: what the verdict says
		notWant map[string]string
	}{
		{"Saturday 09:00", at(28, 9, 0), clock.CaseWeekend, StartWarn, LevelWarn,
			map[string][]string{"de": {"Heute ist Samstag", "nicht erreichbar", "am Montag, 30.11., um 08:00 Uhr", "Tests bis 15:00 Uhr (noch 6 Std.)", "Probleme melden bis 16:00 Uhr"},
				"en": {"It is Saturday", "not reachable", "Monday, 30 Nov at 08:00", "tests done by 15:00 (6 h left)", "problems reported by 16:00"}},
			map[string]string{"de": "nur noch", "en": "only"}},
		{"Sunday 09:00", at(29, 9, 0), clock.CaseWeekend, StartWarn, LevelWarn,
			map[string][]string{"de": {"Heute ist Sonntag", "(noch 6 Std.)", "desselben Tages"}, "en": {"It is Sunday", "(6 h left)", "the same day"}},
			map[string]string{"de": "nur noch", "en": "only"}},
		{"Saturday 13:30", at(28, 13, 30), clock.CaseWeekendLate, StartWarn, LevelWarn,
			map[string][]string{"de": {"Heute ist Samstag", "(nur noch 1 Std. 30 Min.)", "16:00 Uhr"}, "en": {"It is Saturday", "(only 1 h 30 min left)", "16:00"}}, nil},
		{"Sunday 13:30", at(29, 13, 30), clock.CaseWeekendLate, StartWarn, LevelWarn,
			map[string][]string{"de": {"Heute ist Sonntag", "(nur noch 1 Std. 30 Min.)"}, "en": {"It is Sunday", "(only 1 h 30 min left)"}}, nil},
		{"Saturday 15:30", at(28, 15, 30), clock.CaseWeekendAfterCutoff, StartRefuse, LevelBlock,
			map[string][]string{"de": {"Heute ist Samstag, und es ist nach 15:00 Uhr", "nicht erreichbar", "am Montag, 30.11., um 08:00 Uhr", "begründen"},
				"en": {"It is Saturday and past 15:00", "not reachable", "Monday, 30 Nov at 08:00", "state explicitly"}}, nil},
		{"Sunday 15:30", at(29, 15, 30), clock.CaseWeekendAfterCutoff, StartRefuse, LevelBlock,
			map[string][]string{"de": {"Heute ist Sonntag, und es ist nach 15:00 Uhr"}, "en": {"It is Sunday and past 15:00"}}, nil},
		{"Friday 15:30 proposes Monday, not tomorrow", at(27, 15, 30), clock.CaseAfterCutoff, StartRefuse, LevelBlock,
			map[string][]string{"de": {"am Montag, 30.11., um 08:00 Uhr"}, "en": {"Continue on Monday, 30 Nov at 08:00"}},
			map[string]string{"de": "morgen", "en": "tomorrow"}},
	}
	for _, tc := range cases {
		for _, lang := range []string{"de", "en"} {
			t.Run(tc.name+"/"+lang, func(t *testing.T) {
				w := bareWizard(func() time.Time { return tc.now }, &runState{})
				w.tx = text.For(lang)
				sc := w.startCheckAt(tc.now)
				if sc.Case != tc.c || sc.Level != tc.level {
					t.Fatalf("case %q level %s, want %q %s", sc.Case, sc.Level, tc.c, tc.level)
				}
				if len(sc.Verdicts) != 1 || sc.Verdicts[0].Level != tc.vlevel {
					t.Fatalf("verdicts %+v", sc.Verdicts)
				}
				d := sc.Verdicts[0].Detail
				for _, want := range tc.want[lang] {
					if !strings.Contains(d, want) {
						t.Errorf("lacks %q: %s", want, d)
					}
				}
				if nw := tc.notWant[lang]; nw != "" && strings.Contains(d, nw) {
					t.Errorf("says %q: %s", nw, d)
				}
			})
		}
	}
}

// W9: the report words the acknowledged start by its case; a record from
// before the case was kept is judged from level, weekend and time left.
func TestStartAccepted_W3_words(t *testing.T) {
	cases := []struct {
		recorded, level string
		weekend         bool
		left            time.Duration
		want            string
	}{
		{"weekend", "warn", true, 6 * time.Hour, "am Wochenende, genug Zeit bis 15:00 Uhr (noch 6 Std.)"},
		{"weekend_late", "warn", true, 90 * time.Minute, "am Wochenende, trotz knapper Zeit bis 15:00 Uhr (noch 1 Std. 30 Min.)"},
		{"", "warn", true, 6 * time.Hour, "am Wochenende, genug Zeit bis 15:00 Uhr (noch 6 Std.)"},
		{"", "warn", false, 90 * time.Minute, "trotz knapper Zeit bis 15:00 Uhr (noch 1 Std. 30 Min.)"},
		{"", "ok", false, 6 * time.Hour, "genug Zeit bis 15:00 Uhr (noch 6 Std.)"},
		{"", "refuse", true, -time.Hour, "am Wochenende nach 15:00 Uhr"},
	}
	for _, c := range cases {
		if got := text.DE.StartAccepted(startCase(c.recorded, c.level, c.weekend, c.left), c.left); got != c.want {
			t.Errorf("%+v: %q, want %q", c, got, c.want)
		}
	}
}
