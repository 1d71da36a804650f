// Package text holds every text the wizard's screens show, one typed table per
// language (lazygit i18n style). Texts is an interface and each language is a
// type that implements it: a text missing in one language is a compile error
// at "var DE Texts = de{}", not a blank on a customer's screen.
//
// Methods are used instead of struct fields for exactly that reason: Go lets a
// keyed struct literal leave fields out silently. Texts that take values are
// methods with parameters, so word order can differ per language.
package text

import (
	"strings"
	"time"
)

// Texts is the full table of screen texts.
type Texts interface {
	Lang() string // "de" or "en"

	common
	chrome
	errs
	screens
	cli
	line
	usage
	recovery
	desktop
	backupCheck
	stall
	bundle
	handover
}

// DE and EN are the two languages (W10). German is the default.
var (
	DE Texts = de{}
	EN Texts = en{}
)

// For returns the table for a language code ("de", "en", "en_US.UTF-8" …).
// Anything that is not English is German (cli.md: German unless the locale is English).
func For(lang string) Texts {
	if IsEnglish(lang) {
		return EN
	}
	return DE
}

// IsEnglish reports whether a language code or locale names English.
func IsEnglish(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	return l == "en" || strings.HasPrefix(l, "en_") || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en.")
}

// common: buttons, keys, small words.
type common interface {
	Continue() string
	Back() string
	Retry() string
	Quit() string
	Help() string
	Cancel() string
	Select() string
	Scroll() string
	OpenReport() string
	Duration(d time.Duration) string
	Bytes(n int64) string
}

// chrome: header, footer, banners and the small-window screen.
type chrome interface {
	AppName() string
	StepOf(n, total int, title string) string
	InsecureBanner() string
	FixedTimeBanner(t time.Time) string
	DemoBanner() string
	Countdown(to15, to16 time.Duration) string
	CountdownPassed15(to16 time.Duration) string
	CountdownPassed16() string
	TooSmall(w, h, minW, minH int) string
	ConfirmCancelTitle() string
	ConfirmCancelBody(action, serverState string) string
	ConfirmCancelYes() string
	ConfirmCancelNo() string
	Elapsed(d time.Duration) string
	Rate(bytesPerSec float64) string
	TimeLeft(d time.Duration) string
	Of(done, total int64) string
}

// errs: the generic error screen.
type errs interface {
	ErrorTitle() string
	ErrorWhat() string
	ErrorSafe() string
	ErrorJournalKept(path string) string
	ErrorRetryHint() string
	ErrorBackHint() string
	ErrorReportHint() string
	ErrorQuitHint() string
}
