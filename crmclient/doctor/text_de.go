package doctor

import "fmt"

var textDE = texts{
	Title:      func(u string) string { return "1crm-update doctor – Prüfung von " + u + " (nur lesend)" },
	StatusOK:   "OK",
	StatusWarn: "HINWEIS",
	StatusFail: "FEHLER",
	StatusSkip: "–",
	ByHand:     "(von Hand)",
	Labels: map[string]string{
		CheckURL: "Adresse", CheckReach: "Erreichbarkeit", CheckTLS: "TLS",
		CheckAPIVersion: "REST-API /version", CheckEdition: "Edition", CheckAPIPublic: "REST-API öffentlich",
		CheckAPIAuth: "REST-API Anmeldung", CheckLogin: "Admin-Anmeldung", CheckLicense: "Lizenzseite",
		CheckSupport: "Update-Abo", CheckBackup: "Sicherungsseite", CheckUWizard: "Upgrade-Manager",
	},
	BadURL:           func(e string) string { return "Die Adresse ist ungültig: " + e },
	Unreachable:      func(e string) string { return "Keine Verbindung: " + e },
	TLSUnknownCA:     "Das Zertifikat stammt von einer unbekannten Stelle. Eigene CA mit --ca-file angeben (oder notfalls --insecure).",
	TLSBad:           func(e string) string { return "TLS-Fehler: " + e },
	PlainHTTP:        "Unverschlüsseltes http://: Passwörter gingen im Klartext übers Netz; https:// verwenden, wenn möglich.",
	Insecure:         "Zertifikatsprüfung ist mit --insecure abgeschaltet.",
	Reached:          func(s int, t string) string { return fmt.Sprintf("Antwort HTTP %d%s", s, t) },
	CertExpires:      func(d string, n int) string { return fmt.Sprintf("Zertifikat gültig bis %s (noch %d Tage)", d, n) },
	LoginPageFound:   "Die 1CRM-Anmeldeseite ist da.",
	LoginPageMissing: "Unter index.php ist keine 1CRM-Anmeldeseite zu sehen.",
	APIVersion: func(v, e string, p []string) string {
		return fmt.Sprintf("1CRM %s, Edition %s (Produkte: %s)", v, e, list(p))
	},
	APINotAvailable: "Die REST-API antwortet mit 403: Startup/Startup+ oder API abgeschaltet. Die Edition kommt dann von der Lizenzseite.",
	APIPlainHTTP:    "Die REST-API lehnt http:// ab (SSL verlangt). Mit https:// aufrufen oder API ohne SSL erlauben.",
	APINotOneCRM:    "Unter dieser Adresse antwortet kein 1CRM (falscher Pfad?). Die Basisadresse ohne /index.php angeben.",
	APIOther:        func(e string) string { return "Unerwartete Antwort: " + e },
	EditionFromAPI:  func(e string) string { return e + " (laut REST-API)" },
	EditionFromLicense: func(e string) string {
		return e + " (laut Lizenzseite)"
	},
	EditionUnknown: "unbekannt – der Assistent fragt nach.",
	PublicKeyOK:    "Antwortet (öffentlicher Schlüssel vorhanden).",
	PublicKeyFail:  func(e string) string { return "Keine gültige Antwort: " + e },
	AuthOK: func(n string) string {
		return "Angemeldet als " + n + "; die Prüfungen nach dem Update laufen auch über die API."
	},
	AuthNone:      "Kein API-Client angegeben und HTTP Basic aus: die API-Prüfungen nach dem Update entfallen.",
	AuthRejected:  func(e string) string { return "Zugangsdaten abgelehnt: " + e },
	AuthSkipNoAPI: "Entfällt ohne REST-API.",
	AuthSkipNoLogin: "Nicht versucht: Die Admin-Anmeldung ist gescheitert, und das Passwort wird nicht noch einmal geschickt " +
		"(jeder Fehlversuch zählt für eine Kontosperre).",
	PagesHeading: "Admin-Seiten auf dieser Instanz:",
	DecimalComma: true,
	PageAuto:     "automatisch",
	PageByHand:   func(w string) string { return "von Hand im Browser (nach Anleitung des Assistenten): " + w },
	PageUnchecked: func(w string) string {
		return "nicht geprüft: " + w
	},
	WhyPageChanged: func(m string) string {
		return "Die Seite sieht anders aus, als der Assistent sie kennt (es fehlt: " + m + ")."
	},
	WhyRedirectedHome:   "Der Upgrade-Manager leitet auf die Startseite um.",
	UWizardNoUploadForm: "Das Formular zum Hochladen ist nicht das, das der Assistent kennt: Das Hochladen erledigen Sie im Browser, den Rest der Assistent.",
	VerdictOKByHand:     "Ergebnis: Der Assistent kann mit dieser Instanz arbeiten; die oben als „von Hand“ genannten Seiten bedienen Sie im Browser, der Assistent prüft danach das Ergebnis.",
	NoPassword: func(u string) string {
		if u == "" {
			return "Kein Admin-Benutzer angegeben (--user oder ONECRM_USER): Geprüft wurde nur der öffentliche Teil, nicht die Admin-Anmeldung und die Admin-Seiten."
		}
		return "Kein Passwort für " + u + " angegeben (ONECRM_PASSWORD): Geprüft wurde nur der öffentliche Teil, nicht die Admin-Anmeldung und die Admin-Seiten."
	},
	UnknownUntilLogin: "Was der Assistent auf dieser Instanz übernimmt und was von Hand bleibt (Lizenz und Update-Abo, Sicherung, " +
		"Upgrade-Manager, Prüfungen über die REST-API), lässt sich erst sagen, wenn die Admin-Anmeldung klappt.",
	LoginOK:    func(u string) string { return "Anmeldung als " + u + " klappt." },
	LoginWrong: "1CRM hat Benutzername oder Passwort abgelehnt. Es wurde kein weiterer Versuch unternommen (nach mehreren Fehlversuchen kann das Konto gesperrt werden).",
	LoginCaptcha: "Die 1CRM-Anmeldeseite verlangt eine Prüfung „Ich bin ein Mensch“ (Captcha), die nur ein Mensch im Browser beantworten kann. " +
		"Bitte einmal im Browser anmelden und doctor danach erneut starten. Es wurde keine Anmeldung versucht.",
	LoginLocked: "1CRM lehnt die Anmeldung ab, weil gerade ein Update läuft; Benutzer bleiben ausgesperrt, bis es im Browser " +
		"(upgrade.php) abgeschlossen ist.",
	LoginUnproven: func(m string) string {
		return "Die Anmeldung ließ sich nicht bestätigen: Die Verwaltungsseite sieht anders aus als erwartet (" + m + "). " +
			"Ohne diesen Nachweis macht der Assistent nicht weiter."
	},
	LoginPageUnknown: func(m string) string {
		return "Die Anmeldeseite sieht anders aus als erwartet (" + m + "), daher kann sich der Assistent nicht anmelden; es wurde keine Anmeldung versucht."
	},
	LoginMaybeNotAdmin: func(m string) string {
		return "Angemeldet, aber die Verwaltungsseite öffnete sich nicht wie für einen Administrator (" + m + "): " +
			"Der Benutzer ist wahrscheinlich kein Administrator, oder die Seite sieht anders aus als erwartet."
	},
	ServerSaid:  func(m string) string { return "1CRM meldet: „" + m + "“" },
	LoginFail:   func(e string) string { return "Anmeldung nicht möglich: " + e },
	SkipNoLogin: "Übersprungen (keine Admin-Anmeldung).",
	NotAdmin:    "Der Benutzer ist kein Administrator.",
	PageChanged: func(p string) string {
		return "Die Seite sieht anders aus als erwartet (" + p + "); diesen Teil erledigt der Admin im Browser."
	},
	LicenseOK:     func(l string, n int) string { return fmt.Sprintf("Lizenziert für %s, %d aktive Benutzer", l, n) },
	Unlicensed:    "Keine gültige Lizenz geladen.",
	SupportActive: func(e string, d int) string { return fmt.Sprintf("aktiv bis %s (noch %d Tage)", e, d) },
	SupportExpiring: func(e string, d int) string {
		return fmt.Sprintf("läuft am %s ab (noch %d Tage) – rechtzeitig verlängern", e, d)
	},
	SupportTrial: func(e string, d int) string { return fmt.Sprintf("Testlizenz bis %s (noch %d Tage)", e, d) },
	SupportExpired: func(e string) string {
		return "abgelaufen am " + e + ": 1CRM sperrt den Upgrade-Manager. Abo verlängern, danach neu anmelden."
	},
	SupportNone:    "Keine Angaben zum Update-Abo.",
	UpdatesOffered: func(v []string) string { return "Angebotene Updates: " + list(v) },
	UpdatesNone:    "Auf der Lizenzseite wird kein Update angeboten.",
	Hosted:         "Gehostete Installation (Cloud).",
	StartupOnPremise: "Startup On-Premise bekommt keine Update-Pakete: die neue Version von der Hersteller-Website laden " +
		"und als ZIP mit --package angeben.",
	StartupCloud: "Startup in der Cloud: das Update-ZIP kommt vom Partner; mit --package angeben.",
	BackupOK: func(f string, n int, last string) string {
		s := fmt.Sprintf("Dateiauswahl %q, %s im Verlauf", f, plural(n, "Sicherung", "Sicherungen"))
		if last != "" {
			s += ", neueste " + last
		}
		return s
	},
	BackupNoDump:   "mysqldump ist auf dem Server nicht verfügbar: eine Sicherung enthielte keine Datenbank.",
	BackupDumpOff:  "Der Datenbank-Export ist in den Sicherungseinstellungen abgeschaltet: eine Sicherung enthielte keine Daten.",
	PageUnreadable: func(e string) string { return "Nicht lesbar: " + e },
	UWizardOK: func(u, i int) string {
		return fmt.Sprintf("Erreichbar: %s hochgeladen, %s installiert", plural(u, "Paket", "Pakete"), plural(i, "Paket", "Pakete"))
	},
	UWizardUpgradesDisabled: "Gesperrt, weil das Update-Abo abgelaufen ist.",
	UWizardUploadDisabled:   "Hochladen ist auf dieser gehosteten Installation abgeschaltet: Die Installation übergibt der Assistent Ihnen (Lizenzinformationen) bzw. dem Hoster/Partner und prüft danach das Ergebnis.",
	UWizardRedirectedHome: "Die Update-Verwaltung leitet auf die Startseite um, statt ihre Listen zu zeigen; " +
		"das tut 1CRM, wenn der Wartungsvertrag abgelaufen oder der Lizenzstatus unbekannt ist. Bitte im Browser öffnen, um den Grund zu sehen.",
	UWizardInProgress:    "Meldet ein laufendes Upgrade – vor dem Start klären, ob noch jemand installiert.",
	AutoHeading:          "Das übernimmt der Assistent:",
	ManualHead:           "Das erledigt der Admin selbst (im Browser bzw. auf dem Server):",
	AutoVersion:          "Version und Edition prüfen",
	AutoLicense:          "Lizenz und Update-Abo prüfen",
	AutoBackup:           "Sicherung über die Sicherungsseite anstoßen und das Ergebnis prüfen",
	AutoUpload:           "Update-Paket prüfen (ZIP, Manifest, SHA-256) und hochladen",
	AutoInstall:          "Installation vorbereiten, Warnungen zeigen, installieren und verfolgen",
	AutoRESTCheck:        "Nach dem Update: Version, Anmeldung, Datensätze und PDF über die REST-API prüfen",
	AutoPageCheck:        "Nach dem Update: Paketliste und Anmeldung prüfen",
	ManualRestore:        "Eine Sicherung zurückspielen geht nur auf dem Server (oder über den Partner), nie über die Weboberfläche.",
	ManualTests:          "Die fachlichen Tests nach dem Update (Checkliste) macht der Admin; der Assistent fragt jeden Punkt ab.",
	ManualBackup:         "Eine Datenbanksicherung selbst anlegen (auf dem Server), weil die 1CRM-Sicherung keine Daten enthielte.",
	ManualRenew:          "Update-Abo verlängern und danach neu anmelden.",
	ManualPartnerInstall: "Das Einspielen übernimmt der Hoster bzw. Partner.",
	ManualRESTCheck:      "Ohne REST-API: Datensätze und PDF-Druck nach dem Update von Hand ansehen.",
	ManualLogin:          "Für die Admin-Seiten doctor mit --user erneut aufrufen; das Passwort kommt aus ONECRM_PASSWORD oder wird am Terminal verdeckt abgefragt.",
	ManualPages:          "Seiten, die anders aussehen als erwartet, bedient der Admin nach Anleitung im Browser.",
	ManualGetPackage:     "Das Update-ZIP selbst besorgen (Hersteller-Website bzw. Partner).",
	VerdictOK:            "Ergebnis: Der Assistent kann mit dieser Instanz arbeiten.",
	VerdictPartial:       "Ergebnis: Der öffentliche Teil antwortet. Ob der Assistent mit dieser Instanz arbeiten kann, zeigt erst ein Aufruf mit Admin-Benutzer und Passwort.",
	VerdictNo: func(r []string) string {
		return "Ergebnis: Der Assistent kann hier (noch) nicht arbeiten: " + list(r) + "."
	},
	ReasonUnreachable:    "Instanz nicht erreichbar",
	ReasonNotOneCRM:      "kein 1CRM unter dieser Adresse",
	ReasonLogin:          "Admin-Anmeldung fehlgeschlagen",
	ReasonWrongPassword:  "Admin-Anmeldung abgelehnt: Benutzername oder Passwort falsch",
	ReasonCaptcha:        "die Anmeldung verlangt eine Captcha-Prüfung",
	ReasonLocked:         "ein Update läuft gerade (Benutzer sind ausgesperrt)",
	ReasonNotAdmin:       "Benutzer ist kein Administrator",
	ReasonExpired:        "Update-Abo abgelaufen",
	ReasonUploadDisabled: "Hochladen auf dieser gehosteten Installation abgeschaltet",
}
