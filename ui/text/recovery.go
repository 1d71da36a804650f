package text

import (
	"fmt"
	"time"
)

// recovery: texts for what went wrong and how to go on — asking for the
// password again, the server's state on the error screen, resuming (W8).
type recovery interface {
	Unknown() string
	Unavailable() string
	ReloginTitle(user, url string) string
	ReloginUser() string
	ReloginPassword() string
	ErrorServerState() string
	// ServerSaid labels the server's own message on the error screen
	// (verbatim, may be English); AddressAnswered labels what came back
	// from an address that may not be 1CRM at all.
	ServerSaid() string
	AddressAnswered() string
	ErrorProblemHint() string
	ProblemShort() string
	// ProblemReportedInstead is the note of a failure steps already words
	// in its problem mail: the admin reported it instead of retrying.
	ProblemReportedInstead(step string) string
	ErrorOtherPackageHint() string
	ResumeOtherInstance(journalURL, nowURL string) string
	ReconcileRunning(what string) string
	PendingAction(action, stage string) string
	BlockedFarewell(reportCmd string) string
	// ReportHint: where to read what to do, after the blocked verdict was
	// already said (line mode reads it out right before).
	ReportHint(reportCmd string) string
	TooSmallHint() string
	// KeyLabel names a key as printed on the admin's keyboard (Strg, Bild↓);
	// "pgup/pgdown" is both page keys in one short label.
	KeyLabel(key string) string
	ResumeEarlier(n int) string
	LineCancelled(serverState string) string
	Locked(dir string, pid int, host string, since time.Time, runID string) string
}

func (de) Unknown() string     { return "unbekannt" }
func (de) Unavailable() string { return "(nicht wählbar)" }
func (de) ReloginTitle(user, url string) string {
	return "Bitte die Anmeldedaten für " + url + " noch einmal eingeben"
}
func (de) ReloginUser() string      { return "Admin-Benutzer" }
func (de) ReloginPassword() string  { return "Passwort (wird nicht angezeigt)" }
func (de) ErrorServerState() string { return "Stand auf dem Server:" }
func (de) ServerSaid() string       { return "Meldung von 1CRM:" }
func (de) AddressAnswered() string  { return "Antwort unter dieser Adresse:" }
func (de) ProblemShort() string     { return "Problem melden" }
func (de) ProblemReportedInstead(step string) string {
	return "Gemeldet statt wiederholt: „" + step + "“ ist fehlgeschlagen (die Meldung von 1CRM steht in dieser Nachricht)."
}
func (de) ErrorProblemHint() string {
	return "m — als Problem an den Partner melden (mit den Wegen zurück, R13/R14)"
}
func (de) ErrorOtherPackageHint() string {
	return "Esc — zurück und ein anderes Paket wählen"
}
func (de) ResumeOtherInstance(was, now string) string {
	return "Achtung: dieser Lauf gehört zu " + was + ", gestartet wurde aber mit " + now + ". Für eine andere Instanz einen neuen Lauf beginnen."
}
func (de) ReconcileRunning(what string) string {
	return "Abgleich mit dem Server: " + what + " wurde unterbrochen, der Assistent sieht nach (wartet, falls 1CRM noch arbeitet)"
}
func (de) PendingAction(action, stage string) string {
	s := action
	if stage != "" {
		s += " (" + stage + ")"
	}
	return s
}
func (de) ReportHint(cmd string) string {
	return "Was zu tun ist, steht im Bericht: " + cmd
}
func (de) BlockedFarewell(cmd string) string {
	return "Das Update ist so nicht möglich; am Server wurde nichts verändert. Was zu tun ist, steht im Bericht: " + cmd
}
func (de) ResumeEarlier(n int) string {
	return fmt.Sprintf("  … und %d frühere Schritte (vollständig im Bericht)", n)
}
func (de) KeyLabel(k string) string {
	switch k {
	case "ctrl+c":
		return "Strg+C"
	case "pgdown":
		return "Bild↓"
	case "pgup":
		return "Bild↑"
	case "pgup/pgdown":
		return "Bild↑/↓"
	}
	return k
}
func (de) TooSmallHint() string {
	return "Nichts geht verloren. Beenden: Strg+C"
}
func (de) LineCancelled(state string) string {
	return "\nStand auf dem Server: " + state
}
func (de) Locked(dir string, pid int, host string, since time.Time, runID string) string {
	s := "Ein anderer 1crm-update-Assistent arbeitet bereits mit dem Zustandsverzeichnis " + dir
	if pid != 0 {
		s += fmt.Sprintf(" (Prozess %d", pid)
		if host != "" {
			s += " auf " + host
		}
		if !since.IsZero() {
			s += " seit " + since.Format("02.01.2006 15:04")
		}
		if runID != "" {
			s += ", Lauf " + runID
		}
		s += ")"
	}
	return s + ". Bitte dort weitermachen oder ihn beenden; zwei Assistenten dürfen nicht gleichzeitig an einem Update arbeiten."
}

func (en) Unknown() string     { return "unknown" }
func (en) Unavailable() string { return "(not available)" }
func (en) ReloginTitle(user, url string) string {
	return "Please enter the login for " + url + " again"
}
func (en) ReloginUser() string      { return "Admin user" }
func (en) ReloginPassword() string  { return "Password (not shown)" }
func (en) ErrorServerState() string { return "State of the server:" }
func (en) ServerSaid() string       { return "Message from 1CRM:" }
func (en) AddressAnswered() string  { return "This address answered:" }
func (en) ProblemShort() string     { return "report problem" }
func (en) ProblemReportedInstead(step string) string {
	return "Reported instead of retried: “" + step + "” failed (1CRM's message is in this mail)."
}
func (en) ErrorProblemHint() string {
	return "m — report it to the partner as a problem (with the ways back, R13/R14)"
}
func (en) ErrorOtherPackageHint() string {
	return "Esc — back, to choose another package"
}
func (en) ResumeOtherInstance(was, now string) string {
	return "Caution: this run belongs to " + was + ", but the wizard was started with " + now + ". For another instance, start a new run."
}
func (en) ReconcileRunning(what string) string {
	return "Checking with the server: " + what + " was interrupted, the wizard looks where it stands (and waits if 1CRM is still working)"
}
func (en) PendingAction(action, stage string) string {
	s := action
	if stage != "" {
		s += " (" + stage + ")"
	}
	return s
}
func (en) ReportHint(cmd string) string {
	return "What to do is in the report: " + cmd
}
func (en) BlockedFarewell(cmd string) string {
	return "The update is not possible like this; nothing was changed on the server. What to do is in the report: " + cmd
}
func (en) ResumeEarlier(n int) string {
	return fmt.Sprintf("  … and %d earlier steps (all of them in the report)", n)
}
func (en) KeyLabel(k string) string {
	switch k {
	case "ctrl+c":
		return "Ctrl+C"
	case "pgdown":
		return "PgDn"
	case "pgup":
		return "PgUp"
	case "pgup/pgdown":
		return "PgUp/PgDn"
	}
	return k
}
func (en) TooSmallHint() string {
	return "Nothing is lost. To quit: Ctrl+C"
}
func (en) LineCancelled(state string) string {
	return "\nState of the server: " + state
}
func (en) Locked(dir string, pid int, host string, since time.Time, runID string) string {
	s := "Another 1crm-update wizard is already working with the state directory " + dir
	if pid != 0 {
		s += fmt.Sprintf(" (process %d", pid)
		if host != "" {
			s += " on " + host
		}
		if !since.IsZero() {
			s += " since " + since.Format("2006-01-02 15:04")
		}
		if runID != "" {
			s += ", run " + runID
		}
		s += ")"
	}
	return s + ". Please continue there or end it; two wizards must not work on one update at the same time."
}
