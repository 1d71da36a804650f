package text

import (
	"fmt"
	"time"
)

// en is the English table.
type en struct{}

func (en) Lang() string { return "en" }

// common
func (en) Continue() string                { return "continue" }
func (en) Back() string                    { return "back" }
func (en) Retry() string                   { return "retry" }
func (en) Quit() string                    { return "quit" }
func (en) Help() string                    { return "help" }
func (en) Cancel() string                  { return "cancel" }
func (en) Select() string                  { return "select" }
func (en) Scroll() string                  { return "scroll" }
func (en) OpenReport() string              { return "show report" }
func (en) Duration(d time.Duration) string { return enRunning(d) }
func (en) Bytes(n int64) string            { return enSize(n) }

// chrome
func (en) AppName() string { return "1CRM update" }
func (en) StepOf(n, total int, title string) string {
	return fmt.Sprintf("Step %d of %d — %s", n, total, title)
}
func (en) InsecureBanner() string {
	return "WARNING: TLS verification is off (--insecure) — the connection is not protected."
}
func (en) FixedTimeBanner(t time.Time) string {
	return "TEST CLOCK: the clock started at " + t.Format("2006-01-02 15:04") + " (ONECRM_UPDATE_NOW)"
}
func (en) DemoBanner() string { return "DEMO — built-in simulator, not a real 1CRM" }
func (en) Countdown(to15, to16 time.Duration) string {
	return fmt.Sprintf("Tests done by 15:00: %s left · report by 16:00: %s left", enSpan(to15), enSpan(to16))
}
func (en) CountdownPassed15(to16 time.Duration) string {
	return fmt.Sprintf("15:00 has passed · report problems by 16:00: %s left", enSpan(to16))
}
func (en) CountdownPassed16() string {
	return "16:00 has passed — report problems by phone today, right away"
}
func (en) TooSmall(w, h, minW, minH int) string {
	return fmt.Sprintf("The window is too small (%dx%d).\nPlease make it at least %dx%d.", w, h, minW, minH)
}
func (en) ConfirmCancelTitle() string { return "Really cancel?" }
func (en) ConfirmCancelBody(action, serverState string) string {
	return fmt.Sprintf("Running now: %s.\n%s\nThe journal is kept; the next start continues right here.", action, serverState)
}
func (en) ConfirmCancelYes() string        { return "y = cancel and quit" }
func (en) ConfirmCancelNo() string         { return "n / Esc = let it run" }
func (en) Elapsed(d time.Duration) string  { return "running for " + enRunning(d) }
func (en) Rate(bps float64) string         { return enSize(int64(bps)) + "/s" }
func (en) TimeLeft(d time.Duration) string { return "about " + enRunning(d) + " left" }
func (en) Of(done, total int64) string {
	return enSize(done) + " of " + enSize(total)
}

// errs
func (en) ErrorTitle() string { return "That did not work" }
func (en) ErrorWhat() string  { return "What happened:" }
func (en) ErrorSafe() string  { return "What is safe to do now:" }
func (en) ErrorJournalKept(path string) string {
	return "The journal is saved unchanged:" + spaced(path)
}
func (en) ErrorRetryHint() string  { return "r — try this step again" }
func (en) ErrorBackHint() string   { return "Esc — back to the previous screen" }
func (en) ErrorReportHint() string { return "b — show the support report" }
func (en) ErrorQuitHint() string   { return "q — quit (continue here later)" }
