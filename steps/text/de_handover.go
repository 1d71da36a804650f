package text

import (
	"strings"
)

// German texts of the hand-over to the browser (issue 10). 1CRM's own
// labels ("Perform Backup", "Uploaded Packages", …) are quoted as 1CRM
// shows them; the 7.x German pack left the admin pages in English.

func (de) ManualActionName(action string) string {
	switch action {
	case "download":
		return "Update-Paket herunterladen"
	case "backup":
		return "Sicherung"
	case "upload":
		return "Paket hochladen"
	case "prepare":
		return "Prüfen und installieren"
	case "install":
		return "Installation"
	}
	return action
}

func (de) HandoverReason(cause, page, detail string) string {
	d, said := "", ""
	if detail != "" {
		d = " (es fehlt: " + detail + ")"
		said = " (1CRM zeigt: „" + detail + "“)"
	}
	switch cause {
	case CauseRequested:
		return "Sie haben gewählt, diesen Schritt selbst im Browser zu erledigen."
	case CausePageChanged:
		return "Die 1CRM-Seite „" + page + "“ sieht anders aus, als der Assistent sie kennt" + d +
			". Damit nichts auf Verdacht geschieht, erledigen Sie diesen Schritt im Browser. Die Seite ist für den Partner gespeichert."
	case CauseServerError:
		return "1CRM hat auf der Seite „" + page + "“ mit einer Fehlerseite geantwortet" + said +
			". Erledigen Sie diesen Schritt im Browser; dort sehen Sie, ob der Fehler bleibt. Die Seite ist für den Partner gespeichert."
	case CauseCaptcha:
		return "Die 1CRM-Anmeldung verlangt eine Prüfung „Ich bin ein Mensch“, die nur Sie im Browser beantworten können. Der Assistent versucht keine weitere Anmeldung."
	case CauseNeedsBrowser:
		return "upgrade.php lässt sich nur im Browser weiterführen; die Schritte laufen dort per Skript" + said +
			". 1CRM hält die Benutzer ausgesperrt, bis die restlichen Schritte erledigt sind – bitte gleich weitermachen."
	case CauseUploadDisabled:
		return "Auf dieser gehosteten Installation ist das Hochladen von Paketen abgeschaltet" + said + "."
	case CauseRedirectedHome:
		return "Der Upgrade-Manager hat auf die Startseite umgeleitet, statt seine Listen zu zeigen. Das tut 1CRM etwa bei abgelaufenem Wartungsvertrag; im Browser sehen Sie den Grund."
	case CauseDownloadUnusable:
		return "Der Download-Link auf der Lizenzseite lieferte keine ZIP-Datei, sondern eine Seite."
	case CauseSourceUnknown:
		return "Der Assistent kann das hochgeladene Paket in der Paketliste nicht sehen; deshalb folgen auch Prüfung und Installation im Browser."
	}
	return "Dieser Schritt wird im Browser erledigt."
}

func (de) HandoverSteps(kind string, f HandoverFacts) []string {
	open := "Öffnen Sie in 1CRM (als Administrator angemeldet) "
	uw := open + "Administration › Upgrades & Customization."
	locked := "Ab „Proceed“ sind alle Benutzer ausgesperrt, bis der letzte Schritt („Restored system access for users“) erreicht ist: Seite nicht schließen, nicht neu laden, nicht „Zurück“ drücken."
	prepare := []string{
		"Klicken Sie beim Paket " + lowDE(f.Package) + " unter „Uploaded Packages“ auf „Install“. 1CRM prüft das Paket in mehreren Schritten.",
		"Lesen Sie Warnungen genau: Versionswarnungen zu Erweiterungen sind bei Core-Updates üblich – dann bestätigen und mit „Proceed“ weiter. Bei Fehlern oder unerwarteten Warnungen abbrechen und hier „Problem melden“ wählen.",
		locked,
		"Folgen Sie upgrade.php bis zum Ende und klicken Sie „Next“, wo 1CRM es verlangt.",
	}
	switch kind {
	case KindDownload:
		what := "das angebotene Update-Paket"
		if f.Offered != "" {
			what = "das Update " + f.Offered
		}
		return []string{
			open + "Administration › Lizenzinformationen (englische Oberfläche: License and Support).",
			"Laden Sie unter „Available Updates“ " + what + " mit „Download Package“ herunter.",
			"Geben Sie danach hier den Pfad der heruntergeladenen ZIP-Datei an; der Assistent prüft sie wie jedes Paket.",
		}
	case KindBackup:
		s := []string{open + "Administration › Backup Management."}
		if f.Since != "" {
			s = append(s, "Sehen Sie zuerst unter „Backup History“ nach: Steht dort eine Sicherung von "+f.Since+" Uhr oder später, hat 1CRM die vom Assistenten angestoßene Sicherung gemacht – dann ist nichts weiter zu tun.")
		}
		click := "Klicken Sie auf „Perform Backup“ und bestätigen Sie die Rückfrage."
		if f.Since != "" {
			click = "Sonst klicken Sie auf „Perform Backup“ und bestätigen die Rückfrage."
		}
		return append(s, click,
			"Warten Sie auf „Backup Complete“. Bei großen Systemen dauert das viele Minuten; lassen Sie die Seite so lange offen.")
	case KindUpload:
		return []string{uw,
			"Wählen Sie unter „Upload New Package“ die Datei " + f.File + " und klicken Sie auf „Upload“.",
			"Installieren Sie noch nicht: Prüfen und Installieren übernimmt danach wieder der Assistent.",
		}
	case KindInstallAll:
		return append([]string{uw, "Wählen Sie unter „Upload New Package“ die Datei " + f.File + " und klicken Sie auf „Upload“."}, prepare...)
	case KindPrepareInstall:
		return append([]string{uw}, prepare...)
	case KindFinishUpgrade:
		return []string{
			"Öffnen Sie im Browser " + f.UpgradeURL + " (als Administrator angemeldet).",
			"1CRM zeigt den laufenden Update-Schritt. Lassen Sie die Seite alle Schritte abarbeiten und klicken Sie „Next“, wo es verlangt wird.",
			"Schließen oder laden Sie die Seite nicht neu, bis „Restored system access for users“ erscheint.",
		}
	case KindInstallHosted:
		return []string{
			open + "Administration › Lizenzinformationen (License and Support). Bietet 1CRM das Update dort an, installieren Sie es von dort aus und folgen Sie den Schritten bis zum Ende.",
			"Bietet 1CRM es nicht an: Bitten Sie Ihren Partner (" + f.Support + "), das Update einzuspielen, und warten Sie auf seine Bestätigung.",
			"Während der Installation sind die Benutzer ausgesperrt.",
		}
	}
	return nil
}

func (de) HandoverLookFor(kind string, f HandoverFacts) []string {
	installed := []string{"Das Paket " + lowDE(f.Package) + " steht unter „Installed Packages“."}
	if f.Core {
		installed = append(installed, "1CRM zeigt danach die Version "+f.Version+".")
	}
	installed = append(installed, "upgrade.php zeigt keinen Schritt mehr; Benutzer können sich wieder anmelden.")
	switch kind {
	case KindDownload:
		return []string{"Eine ZIP-Datei, meist einige hundert MB groß, im Download-Ordner Ihres Browsers."}
	case KindBackup:
		return []string{"Eine neue Zeile unter „Backup History“: backup_JJJJMMTT_HHMMSS.zip mit heutigem Datum und einer Größe über 0."}
	case KindUpload:
		return []string{"Das Paket " + lowDE(f.Package) + " steht unter „Uploaded Packages“."}
	}
	return installed
}

func (de) HandoverLockedOut() string {
	return "Achtung: 1CRM hält alle Benutzer ausgesperrt, bis der letzte Installationsschritt erledigt ist."
}

func (de) HandoverFound(code, arg string) string {
	switch code {
	case FoundBackup:
		return "Neue Sicherung unter „Backup History“: " + arg + "."
	case FoundUploaded:
		return lowDE(arg) + " steht unter „Uploaded Packages“."
	case FoundInstalled:
		return lowDE(arg) + " steht unter „Installed Packages“."
	case FoundVersion:
		return "1CRM meldet die Version " + arg + "."
	case FoundLockGone:
		return "upgrade.php hat die Sperre aufgehoben; Benutzer kommen wieder hinein."
	case FoundPackage:
		return "Update-Paket geprüft: " + arg + "."
	}
	return arg
}

func (de) HandoverNotYet(code, arg string) string {
	switch code {
	case NotYetBackup:
		return "Unter „Backup History“ ist noch keine neue Sicherung zu sehen."
	case NotYetHistoryUnreadable:
		return "Die Sicherungsliste lässt sich nicht lesen (" + arg + ")."
	case NotYetBackupsUnknown:
		return "Welche Sicherungen es vorher gab, ist unbekannt; eine neue lässt sich darum nicht sicher erkennen."
	case NotYetUploaded:
		return lowDE(arg) + " steht noch nicht unter „Uploaded Packages“."
	case NotYetListUnreadable:
		return "Die Paketliste lässt sich nicht lesen (" + arg + ")."
	case NotYetInstalled:
		return lowDE(arg) + " steht noch nicht unter „Installed Packages“."
	case NotYetVersion:
		return "1CRM meldet noch nicht die neue Version (" + arg + ")."
	case NotYetVersionUnreadable:
		return "Die Version lässt sich nicht abfragen (" + arg + ")."
	case NotYetLockSet:
		return "1CRM hält das Update noch für laufend (Benutzer ausgesperrt): upgrade.php zeigt noch einen Schritt."
	case NotYetLockUnreadable:
		return "Ob 1CRM die Sperre aufgehoben hat, lässt sich nicht lesen (" + arg + ")."
	case NotYetNoFile:
		return "Bitte den Pfad der heruntergeladenen ZIP-Datei angeben."
	case NotYetBadPackage:
		return "Die Datei taugt nicht als Update-Paket: " + arg
	}
	return arg
}

func (de) HandoverConfirmHint() string {
	return "Der Assistent kann das Ergebnis nicht selbst nachlesen. Wenn Sie im Browser gesehen haben, dass es geklappt hat, bestätigen Sie es; im Bericht steht dann „vom Admin bestätigt, nicht geprüft“."
}

func (d de) ManualLine(action, stage, cause, state, evidence, note string) string {
	s := d.ManualActionName(action)
	if stage != "" {
		s += " (" + stage + ")"
	}
	switch state {
	case ManualVerified:
		s += ": von Hand im Browser erledigt, vom Assistenten geprüft"
		if evidence != "" {
			s += " – " + evidence
		}
	case ManualConfirmed:
		s += ": von Hand im Browser erledigt – vom Admin bestätigt, nicht geprüft"
		if evidence != "" {
			s += " – gelesen: " + evidence
		}
		if note != "" {
			s += " – Vermerk: " + note
		}
	case ManualCancelled:
		s += ": an den Browser übergeben, dann doch wieder dem Assistenten überlassen"
	default:
		s += ": an den Browser übergeben, noch nicht erledigt"
	}
	if cause != "" && cause != CauseRequested {
		s += " (Anlass: " + causeShortDE(cause) + ")"
	}
	return s
}

func causeShortDE(cause string) string {
	switch cause {
	case CausePageChanged:
		return "unbekannte Seite"
	case CauseServerError:
		return "Fehlerseite von 1CRM"
	case CauseCaptcha:
		return "Captcha bei der Anmeldung"
	case CauseNeedsBrowser:
		return "upgrade.php nur im Browser bedienbar"
	case CauseUploadDisabled:
		return "Hochladen abgeschaltet"
	case CauseRedirectedHome:
		return "Umleitung auf die Startseite"
	case CauseDownloadUnusable:
		return "Download lieferte keine ZIP-Datei"
	case CauseSourceUnknown:
		return "Paket in der Liste nicht sichtbar"
	}
	return cause
}

func (de) ReportSectionManual() string { return "Von Hand im Browser erledigt" }
func (de) ReportSectionPages() string  { return "Gespeicherte Seiten für den Partner" }
func (de) PagesIntro(dir string) string {
	return "Diese 1CRM-Seiten konnte der Assistent nicht lesen; sie liegen ohne Passwörter, Cookies und Tokens in " + dir + "."
}
func (de) BrowserOnly(stage, why string) string {
	return why + " Der Assistent liest darum auf dem " + stage + " nur, was ohne Admin-Anmeldung geht (etwa die Version), und übergibt Ihnen Sicherung und Installation im Browser."
}
func (de) ListUnreadableTitle() string { return "Paketliste des Upgrade-Managers" }
func (de) ListUnreadable(detail string) string {
	return "Die Paketliste ließ sich nicht lesen (" + detail + "). Installierte Erweiterungen und eine laufende Installation sind darum unbekannt."
}
func (de) ListUnreadableAdvice() string {
	return "Hochladen und Installieren übergibt der Assistent Ihnen im Browser; danach prüft er, was er noch lesen kann (etwa die Version)."
}
func (de) NoHandover() string { return "Es ist kein Schritt an den Browser übergeben." }
func (de) HandoverOpen(action string) string {
	return "Der Schritt „" + action + "“ liegt gerade bei Ihnen im Browser. Melden Sie ihn erst als erledigt, oder nehmen Sie die Übergabe zurück."
}
func (de) HandoverNeedsCheck() string {
	return "Der Assistent kann das Ergebnis selbst prüfen: Melden Sie den Schritt als erledigt, dann sieht er nach."
}
func (de) HandoverMustFinish() string {
	return "Die Installation läuft auf dem Server bereits und hält die Benutzer ausgesperrt; sie muss im Browser zu Ende gebracht werden und lässt sich nicht zurücknehmen."
}
func (de) BundleReadme(runID string, pages int) string {
	return "1crm-update – Unterlagen zum Durchgang " + runID + " für den Partner\n\n" +
		"report.md     der Bericht (Ergebnis, Schritte, Fehler, von Hand erledigte Schritte)\n" +
		"wizard.log    das Protokoll der Anfragen an 1CRM (Methode, Pfad, Status, Dauer)\n" +
		"journal.json  das Journal des Durchgangs (jede Aktion vor und nach der Änderung am Server)\n" +
		"pages/        " + Count(pages, "Seite", "Seiten") + " von 1CRM, die der Assistent nicht lesen konnte (.html und .headers.txt)\n\n" +
		"Keine Datei enthält Passwörter, Tokens, Session-Cookies oder CSRF-Werte: Sie wurden beim Schreiben entfernt und beim Packen noch einmal geprüft."
}
func (de) BundleHint(runID string) string {
	return "Die Mail nennt als Anhang die Datei " + BundleFile(runID) + " (Bericht, Protokoll, gespeicherte Seiten, Journal; ohne Passwörter). " +
		"Erstellen Sie sie vor dem Senden mit „1crm-update report --run " + runID + " --bundle " + BundleFile(runID) + "“ und hängen Sie sie an."
}

// lowDE puts German quotation marks around s.
func lowDE(s string) string { return "„" + strings.TrimSpace(s) + "“" }
