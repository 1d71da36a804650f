package text

import "fmt"

// usage: the command line's help and its error messages, in the admin's
// language (cli.md: --help in German or English, exit 0; a usage error
// exits 2 with one clear sentence instead of a wall of flags).
type usage interface {
	usageSub
	// UsageHead is the text above the flag list, UsageTail the one below.
	UsageHead() string
	UsageTail() string
	// FlagHelp describes one wizard flag; a `PLACEHOLDER` in backquotes
	// names its value in the list (Go's flag.UnquoteUsage).
	FlagHelp(name string) string
	// UnknownFlag, FlagNeedsValue, BadFlagValue: cmd is the sub-command
	// whose --help is pointed to ("" = the wizard).
	UnknownFlag(name, cmd string) string
	FlagNeedsValue(name, cmd string) string
	BadFlagValue(detail, cmd string) string
	UnknownCommand(arg string) string
	BadURL(flag, value string) string
	// URLNoScheme: an address without http:// or https://; suggestion
	// is the https form.
	URLNoScheme(flag, value, suggestion string) string
	// URLHasUserInfo: the address holds user:password@ (shown masked);
	// bare is the address without it.
	URLHasUserInfo(flag, shown, bare string) string
	// URLBadPort: the port is not a number from 1 to 65535.
	URLBadPort(flag, value, port string) string
	// NotAFile: a file flag names a FIFO, folder, device or socket (kind:
	// fifo, dir, device, socket, other).
	NotAFile(flag, path, kind string) string
	// TestURLIsLive (R7): --test-url is --url under another spelling.
	TestURLIsLive(url, test string) string
	NoRun(dir string) string
	NoRunDemoHint() string
	DoctorNeedsURL() string
	// DoctorNeedsPassword: doctor --user without ONECRM_PASSWORD where no
	// password can be asked (no terminal), or an empty answer at the prompt.
	DoctorNeedsPassword(user string, asked bool) string
	ReportCommand(demo bool, stateDir string) string
}

func (de) UsageHead() string {
	return `1crm-update — führt Schritt für Schritt und sicher durch ein 1CRM-Update.

Aufruf:
  1crm-update [Optionen]           der Assistent (Vollbild; Zeilenmodus mit --accessible)
  1crm-update --demo               der Assistent gegen den eingebauten Simulator
  1crm-update sim [--listen ADR] [--scenario NAME|DATEI] [--dialect 7x|8x]
                  [--upgrade-flow script|form|xhr] [--list-scenarios]
  1crm-update doctor --url URL     nur lesende Prüfung einer Instanz
                  [--capture VERZ] gelesene Seiten (ohne Geheimnisse) speichern
  1crm-update report [--state-dir VERZ] [--run ID] [--demo]
                  [--bundle DATEI.zip [--force]]
                                   Unterlagen für den Partner als ZIP
  1crm-update version

Optionen des Assistenten:
`
}

func (de) UsageTail() string {
	return `
Umgebung: ONECRM_PASSWORD (Admin-Passwort; nie als Option, sonst sichtbar in ps),
ONECRM_CLIENT_SECRET, ONECRM_TEST_USER / ONECRM_TEST_PASSWORD (Testsystem, sonst
wie Live), ONECRM_UPDATE_NOW (feste Startzeit, RFC 3339, für Demos), NO_COLOR.

Rückgabewerte: 0 fertig oder pausiert (fortsetzbar) · 1 Fehler · 2 falscher Aufruf ·
3 ein anderer Assistent sperrt das Zustandsverzeichnis · 130 abgebrochen.
`
}

func (de) FlagHelp(name string) string {
	switch name {
	case "url":
		return "`URL` der Live-Instanz, z. B. https://crm.example.com (env ONECRM_URL)"
	case "test-url":
		return "`URL` des Testsystems, für Weg A (env ONECRM_TEST_URL)"
	case "user":
		return "Admin-`Benutzer` (env ONECRM_USER); das Passwort kommt aus ONECRM_PASSWORD oder wird abgefragt"
	case "client-id":
		return "`ID` des REST-API-Clients für die Prüfungen nach der Installation (env ONECRM_CLIENT_ID; Secret: ONECRM_CLIENT_SECRET)"
	case "package":
		return "die Update-ZIP-`Datei`, wenn sie schon vorliegt (env ONECRM_PACKAGE)"
	case "checklist":
		return "`Datei` mit eigenen Testpunkten, einer pro Zeile oder YAML (env ONECRM_CHECKLIST)"
	case "backup-dir":
		return "`Ordner` mit den Backup-Dateien der Instanz (eingehängt oder kopiert), um das neue Backup zu prüfen (env ONECRM_BACKUP_DIR; sonst der Pfad aus der Backup-Liste)"
	case "lang":
		return "`Sprache` der Oberfläche, de oder en (sonst aus LC_ALL/LANG; Deutsch, außer bei englischer Umgebung)"
	case "state-dir":
		return "`Verzeichnis` für Journale, Logs und Berichte (env ONECRM_STATE_DIR; sonst " + hostStateDirDefault() + ")"
	case "accessible":
		return "Zeile für Zeile fragen, für Screenreader (auch ACCESSIBLE=1, TERM=dumb)"
	case "support-email":
		return "`Adresse` des Partner-Supports (env ONECRM_SUPPORT_EMAIL; sonst support@visual4.de)"
	case "ca-file":
		return "zusätzliche CA-Zertifikate, PEM-`Datei` (env SSL_CERT_FILE)"
	case "insecure":
		return "TLS-Prüfung abschalten (auf jedem Bildschirm angezeigt, im Journal vermerkt)"
	case "demo":
		return "gegen den eingebauten 1CRM-Simulator arbeiten, ohne Netz"
	case "scenario":
		return "mit --demo: `Szenario` der Live-Instanz (Liste: 1crm-update sim --list-scenarios)"
	case "test-scenario":
		return "mit --demo: `Szenario` des Testsystems; \"none\" = kein Testsystem (nur Weg B)"
	case "start-margin":
		return "`Minuten` vor 15:00, ab denen ein Live-Start gewarnt wird (W3; sonst 120)"
	case "version":
		return "Version ausgeben und beenden"
	}
	return name
}

func (de) UnknownFlag(name, cmd string) string {
	return "unbekannte Option " + name + " — alle Optionen zeigt: " + helpCommand(cmd)
}
func (de) FlagNeedsValue(name, cmd string) string {
	return "zur Option " + name + " fehlt der Wert — alle Optionen zeigt: " + helpCommand(cmd)
}
func (de) BadFlagValue(detail, cmd string) string {
	return "ungültiger Wert: " + detail + " — alle Optionen zeigt: " + helpCommand(cmd)
}
func (de) UnknownCommand(arg string) string {
	return fmt.Sprintf("unbekannter Befehl %q — Befehle: sim, doctor, report, version; Hilfe: 1crm-update --help", arg)
}
func (de) BadURL(flag, value string) string {
	return fmt.Sprintf("%s %q ist keine brauchbare Adresse. Gemeint ist die Adresse, unter der 1CRM im Browser öffnet, z. B. https://crm.example.com oder https://server/1crm", flag, value)
}
func (de) URLNoScheme(flag, value, suggestion string) string {
	return fmt.Sprintf("%s %q: es fehlt http:// oder https:// am Anfang. Geben Sie die Adresse so an, wie 1CRM im Browser öffnet, z. B. %s", flag, value, suggestion)
}
func (de) URLHasUserInfo(flag, shown, bare string) string {
	how := fmt.Sprintf("%s %s --user NAME; das Passwort in der Umgebungsvariable ONECRM_PASSWORD, sonst wird es im Terminal verdeckt abgefragt.", flag, bare)
	if flag == "--test-url" {
		how = fmt.Sprintf("%s %s, Benutzer und Passwort des Testsystems in ONECRM_TEST_USER und ONECRM_TEST_PASSWORD (ohne sie gelten die der Live-Instanz).", flag, bare)
	}
	return fmt.Sprintf("%s %q: Benutzername oder Passwort in der Adresse werden nicht angenommen (sie stünden in ps und im Verlauf der Shell). "+
		"Geben Sie die Adresse ohne sie an und die Zugangsdaten getrennt: %s", flag, shown, how)
}
func (de) URLBadPort(flag, value, port string) string {
	return fmt.Sprintf("%s %q: %q ist kein gültiger Port (1 bis 65535).", flag, value, port)
}
func (de) TestURLIsLive(url, test string) string {
	return fmt.Sprintf("--test-url %s ist dieselbe Instanz wie --url %s (nur anders geschrieben). Die „Test“-Installation liefe auf Live, ohne Backup. Geben Sie die Adresse des Testsystems an – oder lassen Sie --test-url weg (Weg B: Backup, dann Live).", test, url)
}
func (de) NotAFile(flag, path, kind string) string {
	what := map[string]string{"fifo": "eine benannte Pipe (FIFO) – Lesen würde endlos warten", "dir": "ein Ordner",
		"device": "ein Gerät", "socket": "ein Socket"}[kind]
	if what == "" {
		what = "keine normale Datei"
	}
	return fmt.Sprintf("%s %s ist %s. Geben Sie eine normale Datei an.", flag, path, what)
}
func (de) NoRun(dir string) string {
	return "Im Zustandsverzeichnis " + dir + " gibt es noch keinen Lauf."
}
func (de) NoRunDemoHint() string {
	return "Die Läufe von --demo liegen getrennt davon: 1crm-update report --demo"
}
func (de) DoctorNeedsURL() string {
	return "doctor braucht die Adresse der Instanz: 1crm-update doctor --url https://crm.example.com"
}
func (de) DoctorNeedsPassword(user string, asked bool) string {
	why := "Ohne Terminal kann doctor nicht danach fragen."
	if asked {
		why = "Es wurde keins eingegeben."
	}
	return "doctor --user " + user + ": das Passwort fehlt, daher wurde nichts geprüft. " + why +
		" Geben Sie es in der Umgebungsvariable ONECRM_PASSWORD mit (nie als Option, sonst steht es in ps), " +
		"z. B.: read -rs ONECRM_PASSWORD && export ONECRM_PASSWORD — oder starten Sie doctor im Terminal, dann fragt es verdeckt. " +
		"Ohne --user prüft doctor nur den öffentlichen Teil."
}
func (de) ReportCommand(demo bool, dir string) string { return reportCommand(demo, dir) }

func (en) UsageHead() string {
	return `1crm-update — guides a 1CRM admin through one CRM update, safely.

Usage:
  1crm-update [flags]              the wizard (full screen; line mode with --accessible)
  1crm-update --demo               the wizard against the built-in simulator
  1crm-update sim [--listen ADDR] [--scenario NAME|FILE] [--dialect 7x|8x]
                  [--upgrade-flow script|form|xhr] [--list-scenarios]
  1crm-update doctor --url URL     read-only probe of an instance
                  [--capture DIR]  save the pages it read (without secrets)
  1crm-update report [--state-dir DIR] [--run ID] [--demo]
                  [--bundle FILE.zip [--force]]
                                   the papers for the partner as a ZIP
  1crm-update version

Wizard flags:
`
}

func (en) UsageTail() string {
	return `
Environment: ONECRM_PASSWORD (admin password; never a flag, flags show in ps),
ONECRM_CLIENT_SECRET, ONECRM_TEST_USER / ONECRM_TEST_PASSWORD (test system, default:
the live ones), ONECRM_UPDATE_NOW (fixed start time, RFC 3339, for demos), NO_COLOR.

Exit codes: 0 finished or paused (resumable) · 1 failed · 2 usage error ·
3 another wizard holds the lock on the state directory · 130 interrupted.
`
}

func (en) FlagHelp(name string) string {
	switch name {
	case "url":
		return "live instance base `URL`, e.g. https://crm.example.com (env ONECRM_URL)"
	case "test-url":
		return "test system base `URL`, path A (env ONECRM_TEST_URL)"
	case "user":
		return "admin `user` name (env ONECRM_USER); the password comes from ONECRM_PASSWORD or a prompt"
	case "client-id":
		return "REST API client `id` for the checks after the install (env ONECRM_CLIENT_ID; secret: ONECRM_CLIENT_SECRET)"
	case "package":
		return "the update ZIP `file`, when you already have it (env ONECRM_PACKAGE)"
	case "checklist":
		return "`file` of extra test items, one per line or YAML (env ONECRM_CHECKLIST)"
	case "backup-dir":
		return "`folder` holding the instance's backup files (mounted or copied), to verify the new backup (env ONECRM_BACKUP_DIR; else the path the Backup History shows)"
	case "lang":
		return "UI `language`, de or en (default: from LC_ALL/LANG, German unless English)"
	case "state-dir":
		return "`directory` for journals, logs and reports (env ONECRM_STATE_DIR; default " + hostStateDirDefault() + ")"
	case "accessible":
		return "line-by-line prompts for screen readers (also ACCESSIBLE=1, TERM=dumb)"
	case "support-email":
		return "partner support `address` (env ONECRM_SUPPORT_EMAIL; default support@visual4.de)"
	case "ca-file":
		return "extra CA certificates, PEM `file` (env SSL_CERT_FILE)"
	case "insecure":
		return "skip TLS verification (shown on every screen, recorded in the journal)"
	case "demo":
		return "run against the built-in 1CRM simulator, no network needed"
	case "scenario":
		return "with --demo: simulator `scenario` of the live instance (see: 1crm-update sim --list-scenarios)"
	case "test-scenario":
		return "with --demo: `scenario` of the test system; \"none\" = no test system (path B only)"
	case "start-margin":
		return "`minutes` before 15:00 below which a live start is warned about (W3; default 120)"
	case "version":
		return "print version and exit"
	}
	return name
}

func (en) UnknownFlag(name, cmd string) string {
	return "unknown flag " + name + " — all flags: " + helpCommand(cmd)
}
func (en) FlagNeedsValue(name, cmd string) string {
	return "flag " + name + " needs a value — all flags: " + helpCommand(cmd)
}
func (en) BadFlagValue(detail, cmd string) string {
	return "invalid value: " + detail + " — all flags: " + helpCommand(cmd)
}
func (en) UnknownCommand(arg string) string {
	return fmt.Sprintf("unknown command %q — commands: sim, doctor, report, version; help: 1crm-update --help", arg)
}
func (en) BadURL(flag, value string) string {
	return fmt.Sprintf("%s %q is not a usable address. Give the address 1CRM opens at in the browser, e.g. https://crm.example.com or https://server/1crm", flag, value)
}
func (en) URLNoScheme(flag, value, suggestion string) string {
	return fmt.Sprintf("%s %q: http:// or https:// is missing at the start. Give the address as 1CRM opens in the browser, e.g. %s", flag, value, suggestion)
}
func (en) URLHasUserInfo(flag, shown, bare string) string {
	how := fmt.Sprintf("%s %s --user NAME; the password in the environment variable ONECRM_PASSWORD, else it is asked without echo at the terminal.", flag, bare)
	if flag == "--test-url" {
		how = fmt.Sprintf("%s %s, the test system's user and password in ONECRM_TEST_USER and ONECRM_TEST_PASSWORD (without them the live ones apply).", flag, bare)
	}
	return fmt.Sprintf("%s %q: a user name or password in the address is not accepted (it would show in ps and the shell history). "+
		"Give the address without it and the credentials apart: %s", flag, shown, how)
}
func (en) URLBadPort(flag, value, port string) string {
	return fmt.Sprintf("%s %q: %q is not a valid port (1 to 65535).", flag, value, port)
}
func (en) TestURLIsLive(url, test string) string {
	return fmt.Sprintf("--test-url %s is the same instance as --url %s (only spelt differently). The \"test\" install would run on live, without a backup. Give the test system's address – or leave out --test-url (path B: backup, then live).", test, url)
}
func (en) NotAFile(flag, path, kind string) string {
	what := map[string]string{"fifo": "a named pipe (FIFO) – reading it would wait for ever", "dir": "a folder",
		"device": "a device", "socket": "a socket"}[kind]
	if what == "" {
		what = "not a regular file"
	}
	return fmt.Sprintf("%s %s is %s. Give a regular file.", flag, path, what)
}
func (en) NoRun(dir string) string {
	return "There is no run yet in the state directory " + dir + "."
}
func (en) NoRunDemoHint() string {
	return "Runs of --demo are kept apart: 1crm-update report --demo"
}
func (en) DoctorNeedsURL() string {
	return "doctor needs the instance address: 1crm-update doctor --url https://crm.example.com"
}
func (en) DoctorNeedsPassword(user string, asked bool) string {
	why := "Without a terminal doctor cannot ask for it."
	if asked {
		why = "None was entered."
	}
	return "doctor --user " + user + ": the password is missing, so nothing was checked. " + why +
		" Give it in the environment variable ONECRM_PASSWORD (never as a flag, flags show in ps), " +
		"e.g.: read -rs ONECRM_PASSWORD && export ONECRM_PASSWORD — or start doctor in a terminal, where it asks without echo. " +
		"Without --user doctor checks only the public part."
}
func (en) ReportCommand(demo bool, dir string) string { return reportCommand(demo, dir) }

// helpCommand is the command that lists the flags of cmd ("" = wizard).
func helpCommand(cmd string) string {
	if cmd == "" {
		return "1crm-update --help"
	}
	return "1crm-update " + cmd + " --help"
}

// reportCommand is the command that prints the report of this run, with
// the options this run was started with, so it can be pasted as it is.
func reportCommand(demo bool, dir string) string {
	s := "1crm-update report"
	if dir != "" {
		s += " --state-dir " + dir
	}
	if demo {
		s += " --demo"
	}
	return s
}
