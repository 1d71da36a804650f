package text

import (
	"fmt"
	"time"

	steptext "github.com/visual4/1crm-update/steps/text"
)

// Durations come in two kinds, formatted alike everywhere (steps' texts
// and the screens side by side must not say "8 h 06 min" and
// "8 Std. 7 Min." for one instant):
//
//   - span: a time to a deadline or a span of hours (W3, W4 countdown):
//     minutes, rounded, in exactly the words of steps/text's Duration.
//   - running: a clock that ticks while the admin watches (elapsed, time
//     left of a transfer): the same words, with seconds below one hour.
//
// Both show a negative duration as 0: a passed deadline has its own text.
func span(st steptext.Texts, d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return st.Duration(d)
}

func running(st steptext.Texts, d time.Duration, min, sec string) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Second)
	if d >= time.Hour {
		return st.Duration(d)
	}
	m := int(d / time.Minute)
	s := int(d % time.Minute / time.Second)
	if m > 0 {
		return fmt.Sprintf("%d %s %02d %s", m, min, s, sec)
	}
	return fmt.Sprintf("%d %s", s, sec)
}

// spaced is " "+s, or nothing when s is empty (a value shown elsewhere).
func spaced(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

func deSpan(d time.Duration) string    { return span(steptext.DE, d) }
func enSpan(d time.Duration) string    { return span(steptext.EN, d) }
func deRunning(d time.Duration) string { return running(steptext.DE, d, "Min.", "Sek.") }
func enRunning(d time.Duration) string { return running(steptext.EN, d, "min", "s") }

// Sizes are steps/text's own formatter ("2,0 MiB" / "2.0 MiB"), so that
// the screens and the support report name one file with one size.
func deSize(n int64) string { return steptext.DE.Size(n) }
func enSize(n int64) string { return steptext.EN.Size(n) }
