package text

import (
	"fmt"
	"time"
)

// de is the German table (default language).
type de struct{}

func (de) Lang() string { return "de" }

// common
func (de) Continue() string                { return "weiter" }
func (de) Back() string                    { return "zurück" }
func (de) Retry() string                   { return "erneut versuchen" }
func (de) Quit() string                    { return "beenden" }
func (de) Help() string                    { return "Hilfe" }
func (de) Cancel() string                  { return "abbrechen" }
func (de) Select() string                  { return "auswählen" }
func (de) Scroll() string                  { return "blättern" }
func (de) OpenReport() string              { return "Bericht anzeigen" }
func (de) Duration(d time.Duration) string { return deRunning(d) }
func (de) Bytes(n int64) string            { return deSize(n) }

// chrome
func (de) AppName() string { return "1CRM-Update" }
func (de) StepOf(n, total int, title string) string {
	return fmt.Sprintf("Schritt %d von %d — %s", n, total, title)
}
func (de) InsecureBanner() string {
	return "ACHTUNG: TLS-Prüfung ist aus (--insecure) — die Verbindung ist nicht abgesichert."
}
func (de) FixedTimeBanner(t time.Time) string {
	return "TESTZEIT: die Uhr startete bei " + t.Format("02.01.2006 15:04") + " (ONECRM_UPDATE_NOW)"
}
func (de) DemoBanner() string { return "DEMO — eingebauter Simulator, kein echtes 1CRM" }
func (de) Countdown(to15, to16 time.Duration) string {
	return fmt.Sprintf("Tests bis 15:00: noch %s · Melden bis 16:00: noch %s", deSpan(to15), deSpan(to16))
}
func (de) CountdownPassed15(to16 time.Duration) string {
	return fmt.Sprintf("15:00 ist vorbei · Probleme bis 16:00 melden: noch %s", deSpan(to16))
}
func (de) CountdownPassed16() string {
	return "16:00 ist vorbei — Probleme heute sofort telefonisch melden"
}
func (de) TooSmall(w, h, minW, minH int) string {
	return fmt.Sprintf("Das Fenster ist zu klein (%d×%d).\nBitte auf mindestens %d×%d vergrößern.", w, h, minW, minH)
}
func (de) ConfirmCancelTitle() string { return "Wirklich abbrechen?" }
func (de) ConfirmCancelBody(action, serverState string) string {
	return fmt.Sprintf("Gerade läuft: %s.\n%s\nDas Journal bleibt erhalten; beim nächsten Start geht es an dieser Stelle weiter.", action, serverState)
}
func (de) ConfirmCancelYes() string        { return "j = abbrechen und beenden" }
func (de) ConfirmCancelNo() string         { return "n / Esc = weiterlaufen lassen" }
func (de) Elapsed(d time.Duration) string  { return "läuft seit " + deRunning(d) }
func (de) Rate(bps float64) string         { return deSize(int64(bps)) + "/s" }
func (de) TimeLeft(d time.Duration) string { return "noch ca. " + deRunning(d) }
func (de) Of(done, total int64) string {
	return deSize(done) + " von " + deSize(total)
}

// errs
func (de) ErrorTitle() string { return "Das hat nicht geklappt" }
func (de) ErrorWhat() string  { return "Was passiert ist:" }
func (de) ErrorSafe() string  { return "Was jetzt sicher möglich ist:" }
func (de) ErrorJournalKept(path string) string {
	return "Das Journal ist unverändert gespeichert:" + spaced(path)
}
func (de) ErrorRetryHint() string  { return "r — den Schritt noch einmal versuchen" }
func (de) ErrorBackHint() string   { return "Esc — zurück zum vorigen Bildschirm" }
func (de) ErrorReportHint() string { return "b — Support-Bericht anzeigen" }
func (de) ErrorQuitHint() string   { return "q — beenden (später an dieser Stelle fortsetzen)" }
