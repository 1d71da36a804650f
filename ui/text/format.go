package text

import (
	"fmt"
	"time"
)

// hm renders a duration as hours and minutes ("2 h 05 min" / "2 h 05 min"),
// or minutes and seconds below one hour. Negative durations are shown as 0.
func hm(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Second)
	h := int(d / time.Hour)
	m := int(d % time.Hour / time.Minute)
	s := int(d % time.Minute / time.Second)
	switch {
	case h > 0:
		return fmt.Sprintf("%d h %02d min", h, m)
	case m > 0:
		return fmt.Sprintf("%d min %02d s", m, s)
	default:
		return fmt.Sprintf("%d s", s)
	}
}

// bytesIEC renders a byte count with one decimal (decimal comma in German).
func bytesIEC(n int64, comma bool) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	s := fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
	if comma {
		s = replaceDot(s)
	}
	return s
}

func replaceDot(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '.' {
			b[i] = ','
		}
	}
	return string(b)
}

// spaced is " "+s, or nothing when s is empty (a value shown elsewhere).
func spaced(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}
