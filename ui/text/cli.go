package text

// cli: questions and messages of the command line around the UI.
type cli interface {
	PromptURL() string
	PromptUser() string
	PromptPassword(user, url string) string
	NeedConnection() string
	// InputEnded: stdin ended at a question (what: "url", "user",
	// "password"); nothing was started.
	InputEnded(what string) string
	// BadSupportEmail: --support-email is no mail address.
	BadSupportEmail(value string) string
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
func (de) InputEnded(what string) string {
	q := map[string]string{"url": "der Adresse", "user": "dem Benutzer", "password": "dem Passwort"}[what]
	return "die Eingabe endete bei der Frage nach " + q + " – es wurde nichts begonnen. ONECRM_PASSWORD (bzw. --url, --user) setzen oder im Terminal starten."
}
func (de) BadSupportEmail(value string) string {
	return "--support-email " + value + " ist keine E-Mail-Adresse (z. B. support@visual4.de)."
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
func (en) InputEnded(what string) string {
	q := map[string]string{"url": "the address", "user": "the user", "password": "the password"}[what]
	return "input ended at the question for " + q + " – nothing was started. Set ONECRM_PASSWORD (or --url, --user) or start in a terminal."
}
func (en) BadSupportEmail(value string) string {
	return "--support-email " + value + " is not an e-mail address (e.g. support@visual4.de)."
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
