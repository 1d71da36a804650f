package widgets

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/muesli/termenv"

	"github.com/visual4/1crm-update/ui/style"
	"github.com/visual4/1crm-update/ui/text"
)

// Transfer is the state of an upload or download with a known size.
type Transfer struct {
	Done, Total int64
	// Base is what was already there at Started (a resumed download's
	// kept part); it counts for the bar but not for the rate.
	Base    int64
	Started time.Time
	Now     time.Time // when Done was last reported
}

// Rate is the average speed since the start in bytes per second.
func (t Transfer) Rate() float64 {
	secs := t.Now.Sub(t.Started).Seconds()
	if secs <= 0 {
		return 0
	}
	return float64(t.Done-t.Base) / secs
}

// Left estimates the time until the transfer is done; ok is false while
// there is not enough data for an honest estimate.
func (t Transfer) Left() (time.Duration, bool) {
	r := t.Rate()
	if r <= 0 || t.Total <= 0 || t.Done <= 0 {
		return 0, false
	}
	return time.Duration(float64(t.Total-t.Done) / r * float64(time.Second)), true
}

// ProgressView renders a bar with size, rate and time left. The bar is drawn
// statically (ViewAs) rather than animated: progress arrives often enough,
// and a static bar keeps golden tests and screen recordings stable.
func ProgressView(s *style.Styles, t text.Texts, tr Transfer, width int) string {
	if width > 70 {
		width = 70
	}
	opts := []progress.Option{progress.WithWidth(width), progress.WithFillCharacters('█', '░')}
	if s.Opts.NoColor {
		opts = append(opts, progress.WithColorProfile(termenv.Ascii), progress.WithFillCharacters('#', '.'))
	} else {
		opts = append(opts, progress.WithSolidFill(s.BarFull))
	}
	bar := progress.New(opts...)
	if !s.Opts.NoColor {
		bar.EmptyColor = s.BarEmpty
	}
	pct := 0.0
	if tr.Total > 0 {
		pct = float64(tr.Done) / float64(tr.Total)
	}
	parts := []string{t.Of(tr.Done, tr.Total)}
	if r := tr.Rate(); r > 0 {
		parts = append(parts, t.Rate(r))
	}
	// Under a second left, "about 0 s" reads like a stall: say nothing.
	if left, ok := tr.Left(); ok && left >= time.Second {
		parts = append(parts, t.TimeLeft(left))
	}
	return bar.ViewAs(pct) + "\n" + s.Muted.Render(strings.Join(parts, " · "))
}

// NewSpinner is the spinner of actions without a known size (backup, install).
// ASCII frames: they survive every terminal and screen-sharing tool.
func NewSpinner(s *style.Styles) spinner.Model {
	return spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(s.Title))
}

// Activity renders "spinner label — running for 2 min 05 s".
func Activity(s *style.Styles, t text.Texts, spin, label string, elapsed time.Duration) string {
	return spin + " " + s.Bold.Render(label) + s.Muted.Render(" — "+t.Elapsed(elapsed))
}
