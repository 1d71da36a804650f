package text

// usageSub: the help of the sub-commands (doctor, report, sim) in the
// admin's language, like the wizard's own --help. The descriptions are
// tables keyed by flag name: a flag without an entry keeps the English
// text of its definition, so a new flag is never left out of the list.
type usageSub interface {
	// SubUsageHead is the text above a sub-command's flag list.
	SubUsageHead(cmd string) string
	// SubUsageTail is the text below it.
	SubUsageTail(cmd string) string
	// SubFlagHelp describes one flag of cmd; def is the flag's own
	// (English) description, kept where this language has none.
	SubFlagHelp(cmd, name, def string) string
}

var subHeadDE = map[string]string{
	"doctor": `1crm-update doctor — nur lesende Prüfung einer Instanz: was der Assistent dort
übernehmen kann und was von Hand bleibt. Ändert nichts am Server.

Aufruf:
  ONECRM_PASSWORD=… 1crm-update doctor --url URL --user NAME [Optionen]
  (ohne ONECRM_PASSWORD wird das Passwort im Terminal verdeckt abgefragt)

Optionen:
`,
	"report": `1crm-update report — zeigt den Support-Bericht des letzten (oder eines
bestimmten) Laufs oder packt die Unterlagen für den Partner in eine ZIP-Datei.

Aufruf:
  1crm-update report [Optionen]

Optionen:
`,
	"sim": `1crm-update sim — startet den 1CRM-Simulator als Webserver, bis er mit Strg+C
beendet wird. Die erste Zeile lautet "listening on http://HOST:PORT".

Aufruf:
  1crm-update sim [Optionen]

Optionen:
`,
}

var subHeadEN = map[string]string{
	"doctor": `1crm-update doctor — read-only probe of an instance: what the wizard can take
care of there and what stays manual. Changes nothing on the server.

Usage:
  ONECRM_PASSWORD=… 1crm-update doctor --url URL --user NAME [flags]
  (without ONECRM_PASSWORD the password is asked without echo at the terminal)

Flags:
`,
	"report": `1crm-update report — prints the support report of the latest (or a given) run,
or packs the papers for the partner into a ZIP file.

Usage:
  1crm-update report [flags]

Flags:
`,
	"sim": `1crm-update sim — runs the 1CRM simulator as a web server until Ctrl+C.
Its first line is "listening on http://HOST:PORT".

Usage:
  1crm-update sim [flags]

Flags:
`,
}

var subFlagsDE = map[string]map[string]string{
	"doctor": {
		"url":       "`URL` der Instanz, z. B. https://crm.example.com (env ONECRM_URL)",
		"user":      "Admin-`Benutzer` (env ONECRM_USER); das Passwort kommt aus ONECRM_PASSWORD oder wird abgefragt",
		"client-id": "`ID` des REST-API-Clients (env ONECRM_CLIENT_ID; Secret: ONECRM_CLIENT_SECRET)",
		"ca-file":   "zusätzliche CA-Zertifikate, PEM-`Datei` (env SSL_CERT_FILE)",
		"insecure":  "TLS-Prüfung abschalten",
		"lang":      "`Sprache` der Ausgabe, de oder en",
		"capture":   "die gelesenen Admin-Seiten in diesem `Ordner` speichern (ohne Passwörter, Cookies, Tokens)",
	},
	"report": {
		"state-dir": "`Verzeichnis` der Läufe (Zustandsverzeichnis; env ONECRM_STATE_DIR)",
		"run":       "`ID` des Laufs (sonst der letzte)",
		"demo":      "der Bericht des letzten Laufs mit --demo",
		"lang":      "`Sprache` der Meldungen dieses Befehls, de oder en (der Bericht bleibt in der Sprache seines Laufs)",
		"bundle":    "Bericht, Log, aufbewahrte 1CRM-Seiten und Journal für den Partner in diese ZIP-`Datei` packen",
		"force":     "mit --bundle: eine vorhandene Datei überschreiben",
	},
	"sim": {
		"listen":         "`Adresse` zum Lauschen (Port 0 wählt einen freien)",
		"scenario":       "eingebautes `Szenario` oder JSON-Datei",
		"list-scenarios": "die eingebauten Szenarien auflisten und beenden",
		"base-path":      "die Instanz unter diesem `Pfad` anbieten, z. B. \"/1crm\"",
		"quiet":          "keine Ereignisse auf stderr protokollieren",
		"dialect":        "`Dialekt` der Seiten: 7x (die echten 7.x-Seiten, Standard) oder 8x (login.php, json.php, CSRF-Header); geht dem Szenario vor",
		"upgrade-flow":   "`Ablauf` von upgrade.php: script (Standard), form oder xhr; geht dem Szenario vor",
		"lang":           "`Sprache` dieser Hilfe und der Fehlermeldungen zum Aufruf, de oder en",
	},
}

var subFlagsEN = map[string]map[string]string{
	"doctor": {
		"url":       "instance base `URL`, e.g. https://crm.example.com (env ONECRM_URL)",
		"user":      "admin `user` name (env ONECRM_USER); the password comes from ONECRM_PASSWORD or a prompt",
		"client-id": "REST API client `id` (env ONECRM_CLIENT_ID; secret: ONECRM_CLIENT_SECRET)",
		"ca-file":   "extra CA certificates, PEM `file` (env SSL_CERT_FILE)",
		"insecure":  "skip TLS verification",
		"lang":      "output `language`, de or en",
		"capture":   "save the admin pages doctor read to this `folder` (no passwords, cookies or tokens)",
	},
	"report": {
		"state-dir": "state `directory` (env ONECRM_STATE_DIR)",
		"run":       "run `ID` (default: the latest run)",
		"demo":      "the report of the latest --demo run",
		"lang":      "`language` of this command's messages, de or en (the report keeps its run's language)",
		"bundle":    "pack report, log, kept 1CRM pages and journal into this ZIP `file` for the partner",
		"force":     "with --bundle: overwrite an existing file",
	},
	"sim": {
		"listen":         "`address` to listen on (port 0 picks a free one)",
		"scenario":       "built-in `scenario` name or JSON file",
		"list-scenarios": "list the built-in scenarios and exit",
		"base-path":      "serve the instance under a sub-`path`, e.g. \"/1crm\"",
		"quiet":          "do not log events to stderr",
		"dialect":        "page `dialect`: 7x (the real 7.x pages, default) or 8x (login.php, json.php, CSRF header); overrides the scenario",
		"upgrade-flow":   "how upgrade.php advances (`flow`): script (default), form or xhr; overrides the scenario",
		"lang":           "`language` of this help and of the messages about the call, de or en",
	},
}

func (de) SubUsageHead(cmd string) string {
	if h, ok := subHeadDE[cmd]; ok {
		return h
	}
	return "Aufruf:\n  1crm-update " + cmd + " [Optionen]\n\nOptionen:\n"
}
func (de) SubUsageTail(string) string {
	return "\nAlle Befehle und die Optionen des Assistenten: 1crm-update --help\n"
}
func (de) SubFlagHelp(cmd, name, def string) string { return flagHelp(subFlagsDE, cmd, name, def) }

func (en) SubUsageHead(cmd string) string {
	if h, ok := subHeadEN[cmd]; ok {
		return h
	}
	return "Usage:\n  1crm-update " + cmd + " [flags]\n\nFlags:\n"
}
func (en) SubUsageTail(string) string {
	return "\nAll commands and the wizard's flags: 1crm-update --help\n"
}
func (en) SubFlagHelp(cmd, name, def string) string { return flagHelp(subFlagsEN, cmd, name, def) }

// flagHelp is the table's description of cmd's flag name, else def.
func flagHelp(tab map[string]map[string]string, cmd, name, def string) string {
	if h := tab[cmd][name]; h != "" {
		return h
	}
	return def
}
