package page

import (
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/steps/clock"
)

// startCheck is W3 at now as steps hands it to the page (level and case
// from steps/clock).
func startCheck(now time.Time) steps.StartCheck {
	c := clock.CheckStart(now, 0)
	level := map[clock.StartLevel]steps.StartLevel{clock.StartOK: steps.StartOK, clock.StartWarn: steps.StartWarn, clock.StartRefuse: steps.StartRefuse}[c.Level]
	return steps.StartCheck{Level: level, Case: c.Case, Now: now, TestDeadline: c.TestsDeadline, ReportDeadline: c.ReportDeadline,
		TimeLeft: c.TimeToTestDeadline, Weekend: c.Weekend, Tomorrow: c.NextMorning}
}

// The start-time page's headline (issue 10 item 4): on Saturday and Sunday
// it names the day and the partner not being reachable — at 09:00 with six
// hours left never "little time"; at 13:30 also the little time; at 15:30
// too late. Working days keep their words.
func TestTimeGuardHeadline_W3(t *testing.T) {
	at := func(day, h, m int) time.Time { return time.Date(2026, 11, day, h, m, 0, 0, clock.Berlin) }
	for _, lang := range []string{"de", "en"} {
		ui := NewUI(lang)
		tx := ui.T
		day := map[string][2]string{"de": {"Samstag", "Sonntag"}, "en": {"Saturday", "Sunday"}}[lang]
		cases := []struct {
			now  time.Time
			mark Mark
			want string
			go_  string // the choice that goes on
		}{
			{at(26, 9, 0), MarkOK, tx.GuardOK(), "go"},
			{at(26, 13, 30), MarkWarn, tx.GuardWarn(), "go"},
			{at(26, 15, 30), MarkBad, tx.GuardRefuse(), "override"},
			{at(28, 9, 0), MarkWarn, tx.GuardWeekend(day[0]), "go"},
			{at(28, 13, 30), MarkWarn, tx.GuardWeekendLate(day[0]), "go"},
			{at(28, 15, 30), MarkBad, tx.GuardWeekendRefuse(day[0]), "override"},
			{at(29, 9, 0), MarkWarn, tx.GuardWeekend(day[1]), "go"},
			{at(29, 13, 30), MarkWarn, tx.GuardWeekendLate(day[1]), "go"},
			{at(29, 15, 30), MarkBad, tx.GuardWeekendRefuse(day[1]), "override"},
		}
		for _, c := range cases {
			v := &Visit{Step: steps.StepTimeGuard, Start: startCheck(c.now)}
			p := Build(steps.Snapshot{Next: steps.StepTimeGuard, Path: steps.PathB}, ui, v)
			var got *Status
			for _, b := range p.Blocks {
				if s, ok := b.(Status); ok {
					got = &s
				}
			}
			if got == nil || got.Mark != c.mark || got.Text != c.want {
				t.Errorf("%s %s: headline %+v, want %s %q", lang, c.now.Format("Mon 15:04"), got, c.mark, c.want)
			}
			if c.now.Hour() == 9 && strings.Contains(got.Text, map[string]string{"de": "wenig Zeit", "en": "little time"}[lang]) {
				t.Errorf("%s %s: little time with six hours left: %q", lang, c.now.Format("Mon 15:04"), got.Text)
			}
			if choice(p, c.go_) == nil {
				t.Errorf("%s %s: no %q choice", lang, c.now.Format("Mon 15:04"), c.go_)
			}
		}
	}
}
