package text

// cli: questions and messages of the command line around the UI.
type cli interface {
	PromptURL() string
	PromptUser() string
	PromptPassword(user, url string) string
	NeedConnection() string
	PausedFarewellShort() string
	InterruptedFarewell() string
	FailedFarewell(journal, reportCmd string) string
}

func (de) PromptURL() string  { return "Adresse der Live-Instanz (z. B. https://crm.example.com):" }
func (de) PromptUser() string { return "Admin-Benutzer:" }
func (de) PromptPassword(user, url string) string {
	return "Passwort für " + user + " auf " + url + " (wird nicht angezeigt):"
}
func (de) NeedConnection() string {
	return "es fehlen Adresse, Benutzer oder Passwort: --url, --user und ONECRM_PASSWORD angeben (oder --demo)"
}
func (de) PausedFarewellShort() string {
	return "Unterbrochen. Mit demselben Befehl geht es an dieser Stelle weiter."
}
func (de) InterruptedFarewell() string {
	return "Abgebrochen. Das Journal ist gespeichert; mit demselben Befehl geht es an dieser Stelle weiter."
}
func (de) FailedFarewell(journal, cmd string) string {
	return "Beendet nach einem Fehler. Journal: " + journal + " — Bericht: " + cmd
}

func (en) PromptURL() string  { return "Address of the live instance (e.g. https://crm.example.com):" }
func (en) PromptUser() string { return "Admin user:" }
func (en) PromptPassword(user, url string) string {
	return "Password of " + user + " on " + url + " (not shown):"
}
func (en) NeedConnection() string {
	return "address, user or password missing: give --url, --user and ONECRM_PASSWORD (or --demo)"
}
func (en) PausedFarewellShort() string {
	return "Stopped. The same command continues right here."
}
func (en) InterruptedFarewell() string {
	return "Interrupted. The journal is saved; the same command continues right here."
}
func (en) FailedFarewell(journal, cmd string) string {
	return "Stopped after an error. Journal: " + journal + " — report: " + cmd
}
