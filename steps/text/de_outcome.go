package text

import (
	"fmt"
	"strings"
)

// ---- errors in words (German)

func (de) ServerSaid(msg string) string { return "Meldung von 1CRM: „" + msg + "“" }

func (de) ErrKind(code, arg string) string {
	switch code {
	case ErrCodeWrongPassword:
		return "1CRM hat die Anmeldung abgelehnt: Benutzername oder Passwort stimmen nicht."
	case ErrCodeNotAdmin:
		return "Die Anmeldung hat geklappt, aber der Benutzer ist kein Administrator."
	case ErrCodeSessionExpired:
		return "Die Anmeldung bei 1CRM ist abgelaufen und ließ sich nicht erneuern."
	case ErrCodeAPINotAvailable:
		return "Diese Instanz bietet keine REST-API (Startup/Startup+ oder API abgeschaltet)."
	case ErrCodeAPICredentials:
		return "1CRM hat die Zugangsdaten für die REST-API abgelehnt."
	case ErrCodePlainHTTP:
		return "1CRM nimmt API-Aufrufe nur über https an; bitte die Adresse mit https:// angeben."
	case ErrCodeNotOneCRM:
		return "Unter dieser Adresse antwortet keine 1CRM-Instanz; bitte die Adresse prüfen."
	case ErrCodeUpgradesDisabled:
		return "Der Update-Manager von 1CRM ist gesperrt: das Update-Abo ist abgelaufen."
	case ErrCodeUploadDisabled:
		return "Auf dieser gehosteten Instanz ist das Hochladen von Paketen abgeschaltet."
	case ErrCodeUploadNotAccepted:
		return "1CRM hat das hochgeladene Paket nicht angenommen – vermutlich ist es größer als die PHP-Upload-Grenze des Servers."
	case ErrCodeNotZip:
		return "1CRM hält die Datei nicht für ein ZIP-Paket."
	case ErrCodeInvalidVersion:
		return "Das Paket passt laut 1CRM nicht zur installierten Version."
	case ErrCodeEmptyFields:
		return "Im Paket fehlen Typ, Kennung oder Version."
	case ErrCodeInvalidType:
		return "1CRM lässt diesen Pakettyp nicht zu."
	case ErrCodeDuplicateUpload:
		return "Ein Paket mit diesem Dateinamen ist bereits hochgeladen."
	case ErrCodeOutdated:
		return "Diese oder eine neuere Version des Pakets ist bereits installiert."
	case ErrCodePrepareFailed:
		return "Die Prüfungen vor der Installation haben einen Fehler gemeldet."
	case ErrCodeInstallFailed:
		return "Die Installation ist auf dem Server abgebrochen."
	case ErrCodeInstallTimeout:
		return "Die Installation ist nicht in der erwarteten Zeit fertig geworden."
	case ErrCodeInstallStuck:
		return "Die Installation hängt auf dem Server; der Assistent startet sie nicht ein zweites Mal."
	case ErrCodeBackupFailed:
		return "1CRM konnte das Backup nicht erstellen."
	case ErrCodeNoNewBackup:
		return "1CRM hat kein neues Backup angelegt: im Backup-Verlauf ist keins hinzugekommen. Einen Grund zeigt 1CRM auf der Seite nicht an, nur in seinem Log; oft ist das Backup-Verzeichnis nicht beschreibbar oder der Datenträger voll."
	case ErrCodeCaptcha:
		return "Die Anmeldeseite von 1CRM verlangt eine Prüfung „Ich bin ein Mensch“, die der Assistent nicht lösen kann. Bitte melden Sie sich einmal im Browser an und starten Sie den Schritt dann erneut."
	case ErrCodeUpgradeInProgress:
		return "1CRM meldet ein laufendes Update: bis es abgeschlossen ist, können sich Benutzer nicht anmelden."
	case ErrCodeInstallNeedsBrowser:
		return "Die Installation muss im Browser zu Ende geführt werden (upgrade.php): diese Seite kann der Assistent nicht bedienen. Bis die restlichen Schritte erledigt sind, bleiben die Benutzer aus 1CRM ausgesperrt."
	case ErrCodeRedirectedHome:
		return "Der Update-Manager von 1CRM hat auf die Startseite umgeleitet, statt seine Listen zu zeigen. Das tut 1CRM, wenn das Update-Abo abgelaufen ist."
	case ErrCodeNotPDF:
		return "Statt eines PDFs kam eine andere Antwort."
	case ErrCodeNoAPIAuth:
		return "Für die REST-API gibt es keine nutzbaren Zugangsdaten."
	case ErrCodeNotUploaded:
		return "Das Paket steht nicht (mehr) unter den hochgeladenen Paketen."
	case ErrCodeDeleteFailed:
		return "Das hochgeladene Paket ließ sich nicht löschen."
	case ErrCodeDownloadNotZip:
		return "Der Download ist keine ZIP-Datei (oft eine Anmelde- oder Fehlerseite)."
	case ErrCodeResumeURL:
		return "Die gespeicherte Adresse der Installation gehört nicht zu dieser Instanz; sie wird nicht verwendet."
	case ErrCodeServerError:
		return "Der Server hat mit einer Fehlerseite geantwortet (PHP-Fehler oder HTTP 5xx)."
	case ErrCodePageChanged:
		return "Die 1CRM-Seite „" + arg + "“ sieht anders aus als erwartet; bitte diesen Schritt in 1CRM von Hand erledigen."
	case ErrCodeNotJSON:
		return "Der Server hat statt einer API-Antwort eine Webseite geliefert (Proxy, PHP-Fehler oder falsche Adresse)."
	case ErrCodeHTTP:
		return "Der Server hat mit dem HTTP-Status " + arg + " geantwortet."
	}
	return "Ein unerwarteter Fehler ist aufgetreten; die Einzelheiten stehen im technischen Teil des Protokolls."
}

func (de) ErrNetwork(kind, host string) string {
	switch kind {
	case NetRefused:
		return "Der Server " + host + " nimmt keine Verbindung an (Verbindung abgelehnt). Läuft er, und stimmt die Adresse?"
	case NetDNS:
		return "Der Name " + host + " lässt sich nicht auflösen. Bitte die Adresse und die Netzverbindung prüfen."
	case NetTimeout:
		return "Der Server " + host + " hat nicht rechtzeitig geantwortet (Zeitüberschreitung). Netz oder Server sind gerade langsam oder nicht erreichbar."
	case NetTLS:
		return "Die gesicherte Verbindung zu " + host + " ist gescheitert (Zertifikat oder TLS). Bitte das Zertifikat des Servers prüfen."
	case NetReset:
		return "Die Verbindung zu " + host + " ist mitten in der Antwort abgebrochen. Bitte die Netzverbindung prüfen und den Schritt wiederholen."
	}
	return "Die Verbindung zu " + host + " ist gestört. Bitte die Netzverbindung prüfen und den Schritt wiederholen."
}

func diskWhyDE(kind string) string {
	switch kind {
	case DiskFull:
		return "der Datenträger ist voll"
	case DiskReadOnly:
		return "der Datenträger ist schreibgeschützt"
	case DiskDenied:
		return "keine Schreibrechte"
	}
	return "der Ort ist nicht beschreibbar"
}

func (de) JournalWriteFailed(kind, dir string, serverChanged bool) string {
	s := "Das Protokoll kann nicht geschrieben werden: " + diskWhyDE(kind) + " (" + dir + "). "
	var fix string
	switch kind {
	case DiskFull:
		fix = "Platz schaffen"
	case DiskDenied:
		fix = "dem Benutzer, der den Assistenten startet, Schreibrechte auf " + dir + " geben"
	default:
		fix = dir + " beschreibbar machen"
	}
	if serverChanged {
		// Another state directory would lose this run's journal: fix it here.
		return s + "Die Änderung am Server ist erfolgt, aber noch nicht vermerkt; " + fix + " und den Assistenten erneut starten – er gleicht den Stand mit dem Server ab und setzt fort."
	}
	if kind == DiskFull {
		return s + "Es wurde nichts am Server geändert; Platz schaffen und den Assistenten erneut starten – er setzt fort."
	}
	return s + "Es wurde nichts am Server geändert; " + fix + " oder mit --state-dir ein beschreibbares Zustandsverzeichnis angeben und den Assistenten erneut starten."
}

func (de) DownloadWriteFailed(kind, dir string) string {
	return "Das Update-Paket kann nicht gespeichert werden: " + diskWhyDE(kind) + " (" + dir + "). Die angefangene Datei ist gelöscht; Platz schaffen und den Download wiederholen."
}

func (de) UploadCut(host, sent, total string) string {
	return "Die Verbindung zu " + host + " ist beim Hochladen abgebrochen (nach " + sent + " von " + total + "). " +
		"1CRM führt das Paket nicht auf; installiert wurde nichts. Prüfen Sie die Netzverbindung und laden Sie erneut hoch."
}

func (de) JournalUnreadable(kind, path, stateDir string) string {
	var why, todo string
	switch kind {
	case JournalNewer:
		why = "es wurde von einer neueren Version von 1crm-update geschrieben"
		todo = "Setzen Sie diesen Lauf mit der neueren Version fort. "
	case JournalDenied:
		why = "es fehlt die Berechtigung, es zu lesen"
		todo = "Starten Sie den Assistenten als der Benutzer, dem die Datei gehört, oder geben Sie ihm Leserechte (chmod 600). "
	case JournalNotFile:
		why = "es ist keine normale Datei (ein Verzeichnis oder eine Sonderdatei)"
	default:
		why = "es ist beschädigt (leer, abgeschnitten oder kein Journal)"
	}
	return "Das Journal " + path + " kann nicht gelesen werden: " + why + ". Es kann ein Backup oder eine Installation dieses Laufs festhalten, " +
		"daher beginnt der Assistent nichts daneben. Was tun: " + todo +
		"Bewahren Sie die Datei für den Partner auf und verschieben Sie ihren Lauf-Ordner aus " + stateDir + " heraus, oder verwenden Sie mit --state-dir ein anderes Zustandsverzeichnis."
}

func (de) ReportSectionTechnical() string { return "Technische Einzelheiten (für den Partner)" }

// ---- outcomes (German)

func (de) OutcomeLine(outcome, stage string) string {
	switch outcome {
	case OutcomeSuccess:
		return "Ergebnis: Update installiert und getestet, keine Probleme."
	case OutcomeProblems:
		return "Ergebnis: Update installiert, beim Testen auf dem " + stage + " wurden Probleme gefunden."
	case OutcomeInstallFailed:
		return "Ergebnis: Die Installation auf dem " + stage + " ist fehlgeschlagen."
	case OutcomeBackupFailed:
		return "Ergebnis: Das Backup ließ sich nicht erstellen; es wurde nichts installiert."
	case OutcomeBackupUnknown:
		return "Ergebnis: Ob das Backup entstanden ist, ist unbekannt – 1CRM hat es nicht bestätigt; bitte im Backup-Verlauf nachsehen. Es wurde nichts installiert."
	case OutcomeInstallUnknown:
		return "Ergebnis: Wie die Installation auf dem " + stage + " ausgegangen ist, ist unbekannt – bitte am Server nachsehen, bevor etwas wiederhergestellt wird."
	case OutcomeBlocked:
		return "Ergebnis: Die Vorabprüfung hat das Update gestoppt; am Server wurde nichts geändert."
	case OutcomeRunning:
		return "Stand: Der Durchgang läuft noch – der Assistent arbeitet daran; dieser Bericht zeigt den bisherigen Stand."
	}
	return "Ergebnis: Der Durchgang wurde vor dem Ende beendet."
}

func (de) OutcomeSubject(outcome, url, before, after string) string {
	switch outcome {
	case OutcomeSuccess:
		if after == "" || after == before || after == "–" {
			return "1CRM-Update abgeschlossen (" + url + ")"
		}
		return "1CRM-Update abgeschlossen (" + url + ", " + before + " → " + after + ")"
	case OutcomeProblems:
		return "1CRM-Update mit Problemen beendet (" + url + ", " + before + " → " + after + ")"
	case OutcomeInstallFailed:
		return "1CRM-Update fehlgeschlagen – bitte um Hilfe (" + url + ", Version " + before + ")"
	case OutcomeBackupFailed:
		return "1CRM-Update: Backup nicht möglich (" + url + ")"
	case OutcomeBackupUnknown:
		return "1CRM-Update angehalten: Backup unbestätigt – bitte nachsehen (" + url + ")"
	case OutcomeInstallUnknown:
		return "1CRM-Update: Ergebnis der Installation unbekannt – bitte nachsehen (" + url + ", bisher Version " + before + ")"
	case OutcomeBlocked:
		return "1CRM-Update nicht möglich (" + url + ")"
	}
	return "1CRM-Update abgebrochen (" + url + ")"
}

func (de) InstallFailedIntro(stage, url, before, target string, step, of int) string {
	at := deStepAt(" in ", step, of, "")
	return fmt.Sprintf("Guten Tag,\n\ndie Installation %s auf dem %s (%s, bisher Version %s) ist%s abgebrochen.", deUpdateOf(target), stage, url, before, at)
}

func (de) InstallFailedState() string {
	return "Zustand des Servers: Das Update kann teilweise eingespielt sein, und 1CRM kann die Aktualisierung noch als laufend führen. Wir haben die Installation nicht wiederholt."
}

func (de) InstallFailedAdvice(stage string) string {
	return "Bitte prüfen Sie den Zustand des " + stage + "s und sagen Sie uns, ob wir auf ein Backup zurückgehen oder ob Sie die Installation reparieren."
}

func (de) BackupFailedIntro(url, version string) string {
	return fmt.Sprintf("Guten Tag,\n\nvor dem 1CRM-Update auf %s (Version %s) ließ sich unser eigenes Backup nicht erstellen. Ohne Backup installieren wir das Update nicht.", url, version)
}

func (de) BackupFailedAdvice() string {
	return "Bitte helfen Sie uns, das Backup zum Laufen zu bringen (z. B. die Backup-Einstellungen oder mysqldump auf dem Server prüfen)."
}

func (de) BackupUnknownIntro(url, version string) string {
	return fmt.Sprintf("Guten Tag,\n\nvor dem 1CRM-Update auf %s (Version %s) hat der Assistent ein Backup angestoßen, konnte aber nicht feststellen, ob es entstanden ist: 1CRM hat nicht geantwortet, und im Backup-Verlauf ist in der vorgesehenen Zeit kein neuer Eintrag erschienen. Das Backup kann trotzdem entstanden sein oder noch geschrieben werden. Ohne bestätigtes Backup installieren wir das Update nicht.", url, version)
}

func (de) BackupUnknownAdvice(page string) string {
	s := "Bitte sehen Sie in 1CRM unter Administration › Backup Management im Backup-Verlauf nach, ob seit dem Start ein neues Backup mit plausibler Größe steht"
	if page != "" {
		s += " (" + page + ")"
	}
	return s + ", bevor jemand ein weiteres anstößt. Steht es dort, findet der Assistent es beim nächsten Versuch und macht kein zweites."
}

func (de) InstallUnknownIntro(stage, url, before, target string, step, of int) string {
	at := deStepAt(" (zuletzt gesehen: ", step, of, ")")
	return fmt.Sprintf("Guten Tag,\n\nwie die Installation %s auf dem %s (%s, bisher Version %s) ausgegangen ist, wissen wir nicht%s. Ein Ergebnis konnte der Assistent nicht feststellen; was er gesehen hat, steht hier.", deUpdateOf(target), stage, url, before, at)
}

// deUpdateOf names the package in the install mails' intros: its label
// quoted as a name, since it may itself say "1CRM" and "Update" ("1CRM
// 8.7.7 Update"); without a label, just the 1CRM update.
func deUpdateOf(target string) string {
	if target == "" || target == "–" {
		return "des 1CRM-Updates"
	}
	return "des Update-Pakets " + lowDE(target)
}

func (de) InstallUnknownState() string {
	return "Zustand des Servers: unbekannt – das Update kann vollständig, teilweise oder gar nicht eingespielt sein, und 1CRM kann die Aktualisierung noch als laufend führen (dann bleiben die Benutzer ausgesperrt). Wir haben die Installation nicht wiederholt."
}

func (de) InstallUnknownAdvice(stage, url string) string {
	base := strings.TrimRight(url, "/")
	return "Bitte sehen Sie auf dem " + stage + " nach, bevor ein Backup eingespielt oder die Installation wiederholt wird:\n" +
		"- welche Version " + base + "/api.php/version meldet,\n" +
		"- ob das Paket in 1CRM unter Administration › Upgrades & Customization bei „Installed Packages“ steht,\n" +
		"- ob 1CRM noch eine laufende Aktualisierung führt (Benutzer können sich nicht anmelden; " + base + "/upgrade.php zeigt die offenen Schritte).\n" +
		"Sagen Sie uns dann, ob wir auf ein Backup zurückgehen oder ob die Installation zu Ende gebracht bzw. repariert wird."
}

func (de) BlockedIntro(url, version string) string {
	return fmt.Sprintf("Guten Tag,\n\ndas 1CRM-Update auf %s (Version %s) ist derzeit nicht möglich. Die Vorabprüfung des Assistenten hat ergeben:", url, version)
}

func (de) AbortedIntro(url, version, at string) string {
	return fmt.Sprintf("Guten Tag,\n\nwir haben das 1CRM-Update auf %s (Version %s) beim Schritt „%s“ unterbrochen und noch nicht abgeschlossen.", url, version, at)
}

func (de) ServerUnchanged() string {
	return "Am Server wurde nichts installiert; 1CRM läuft unverändert mit der bisherigen Version."
}

func (de) OwnBackupMade(own OwnBackup) string {
	return "Unser eigenes Backup: " + ownBackupDE(own) + "."
}

func (de) DoneChecklist(passed, na int) string {
	return fmt.Sprintf("Testpunkte: %d funktionieren, %d nicht zutreffend, keine Probleme.", passed, na)
}

// deStepAt is "<pre>Schritt 3 von 6<post>" (or without "von N" when
// the total is unknown), or "" before any step was seen.
func deStepAt(pre string, step, total int, post string) string {
	switch {
	case step > 0 && total > 0:
		return fmt.Sprintf("%sSchritt %d von %d%s", pre, step, total, post)
	case step > 0:
		return fmt.Sprintf("%sSchritt %d%s", pre, step, post)
	}
	return ""
}
