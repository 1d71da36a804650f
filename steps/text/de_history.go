package text

import (
	"fmt"
	"strings"
	"time"

	"github.com/visual4/1crm-update/steps/clock"
)

// German texts added with the acceptance review: the unknown version of
// Startup editions, local package findings in words, and the run history
// in words (the journal keeps the codes).

func (de) DeploymentTitle() string { return "Betrieb: in der Cloud oder auf eigenem Server?" }
func (de) VersionUnknown() string {
	return "Die installierte Version ist unbekannt: Diese Edition sperrt die REST-API (auch die Versionsabfrage), und die Paketliste nennt kein eingespieltes Core-Update."
}
func (de) VersionUnknownAdvice() string {
	return "Tragen Sie die Version ein, die 1CRM selbst anzeigt. Ohne Angabe prüft erst der Upgrade-Manager beim Hochladen, ob das Paket passt."
}
func (de) VersionFromList(v string) string {
	return "Version " + v + " laut dem zuletzt eingespielten Core-Update in der Paketliste (die REST-API ist in dieser Edition gesperrt)."
}
func (de) VersionStated(v string) string {
	return "Version " + v + " laut Ihrer Angabe; über die Schnittstelle ließ sie sich nicht prüfen."
}
func (de) VersionKnown(v string) string {
	return "1CRM meldet die Version " + v + " selbst; eine eigene Angabe ist nicht nötig."
}
func (de) VersionInvalid(v string) string {
	return "„" + v + "“ ist keine Versionsangabe. Bitte die Version so eintragen, wie 1CRM sie zeigt, z. B. 8.7.6."
}
func (de) OtherInstance(stage, was, now string) string {
	return "Dieser Durchgang gehört zum " + stage + " " + was + ", eingestellt ist jetzt " + now +
		". Fortsetzen würde mit dem falschen Server abgleichen. Beginnen Sie einen neuen Durchgang (der alte bleibt gespeichert) oder starten Sie den Assistenten mit der Adresse " + was + "."
}

func (de) PackageProblem(code, arg string) string {
	switch code {
	case "not_found":
		return "Die Datei wurde nicht gefunden."
	case "no_access":
		return "Die Datei lässt sich nicht lesen (keine Berechtigung)."
	case "not_zip":
		return "Die Datei ist kein ZIP-Archiv und damit kein 1CRM-Paket."
	case "no_manifest":
		return "Dem ZIP-Archiv fehlt die Datei manifest.php auf oberster Ebene; ein 1CRM-Paket hat sie immer."
	case "unsafe_path":
		return "Das ZIP-Archiv enthält Dateipfade, die aus dem Paket hinausführen. Aus Sicherheitsgründen wird es nicht verwendet."
	case "too_large":
		return "Das ZIP-Archiv wäre entpackt ungewöhnlich groß. Aus Sicherheitsgründen wird es nicht verwendet."
	case "syntax":
		if arg != "" && arg != "0" {
			return "Die manifest.php des Pakets ist in Zeile " + arg + " fehlerhaft."
		}
		return "Die manifest.php des Pakets ist fehlerhaft."
	case "empty_fields":
		return "In der manifest.php fehlt der Typ, die Kennung oder die Version des Pakets."
	case "not_regular":
		switch arg {
		case "fifo":
			return "Der Pfad ist eine benannte Pipe (FIFO), keine Datei: Lesen würde endlos warten. Geben Sie die ZIP-Datei selbst an."
		case "dir":
			return "Der Pfad ist ein Ordner, keine Datei. Geben Sie die ZIP-Datei selbst an."
		}
		return "Der Pfad ist keine normale Datei (ein Gerät oder Socket). Geben Sie die ZIP-Datei selbst an."
	case "invalid_type":
		return "Die manifest.php nennt einen Pakettyp, den 1CRM nicht installiert" + quoteDE(arg) + "."
	}
	return "Die Datei lässt sich nicht als 1CRM-Paket lesen."
}
func (de) PackageChanged(path, recorded, now string) string {
	return "Die Paketdatei " + path + " hat sich seit der Prüfung verändert: Ihr SHA-256 ist jetzt " + now + ", geprüft wurde " + recorded + ". " +
		"Es wurde nichts hochgeladen. Legen Sie die geprüfte Datei zurück und versuchen Sie es erneut – für ein anderes Paket beginnen Sie einen neuen Lauf."
}
func (de) PackageGone(path, why string) string {
	return "Die Paketdatei " + path + " kann nicht mehr gelesen werden: " + why + " Es wurde nichts hochgeladen. Legen Sie die geprüfte Datei zurück und versuchen Sie es erneut."
}
func (de) UncertainBadRegex(re string) string {
	return "Das Paket nennt die passenden Versionen als Muster (" + re + "), das sich hier nicht auswerten lässt."
}
func (de) UncertainBuild(version, release string) string {
	return "1CRM meldet " + version + "; das Paket passt nur zu einer der Schreibweisen " + version + " und " + release + "."
}
func (de) PackageVersionUnknown() string {
	return "Ob das Paket zur installierten Version passt und neuer ist, ließ sich nicht prüfen, weil die installierte Version unbekannt ist. Beides prüft der Upgrade-Manager beim Hochladen."
}

func (de) Did(action, ev string) string {
	switch action {
	case "connect":
		return withDE("Verbunden und angemeldet", ev)
	case "preflight":
		return withDE("Vorabprüfung durchgeführt", ev)
	case "deployment":
		return withDE("Betrieb bestätigt", ev)
	case "version_stated":
		return withDE("Installierte Version eingetragen", ev)
	case "check_file":
		return withDE("Update-Paket geprüft", ev)
	case "check_download":
		return withDE("Heruntergeladenes Update-Paket geprüft", ev)
	case "check_manual":
		return withDE("Im Browser heruntergeladenes Update-Paket geprüft", ev)
	case "download":
		return withDE("Update-Paket heruntergeladen", ev)
	case "path":
		return withDE("Vorgehen gewählt", ev)
	case "refresh_confirmed":
		return withDE("Aktualisierung des Testsystems bestätigt", ev)
	case "parity":
		return withDE("Testsystem mit Live abgeglichen", ev)
	case "parity_accepted":
		return withDE("Unterschiede zwischen Test und Live akzeptiert, Begründung", ev)
	case "refresh_again":
		return withDE("Testsystem erneut zur Aktualisierung angefragt", ev)
	case "start":
		return withDE("Startzeit bestätigt", ev)
	case "override":
		return withDE("Späte Installation trotz Warnung", ev)
	case "pause":
		return withDE("Pausiert bis", ev)
	case "backup":
		if ev == "" {
			return "Backup erstellt"
		}
		return "Backup " + ev + " erstellt"
	case "backup_reconciled":
		return withDE("Unterbrochenes Backup auf dem Server gefunden", ev)
	case "backup_skipped":
		return withDE("Backup übersprungen, Begründung", ev)
	case "backup_check":
		return withDE("Backup-Datei gelesen", ev)
	case "backup_problem_accepted":
		return withDE("Trotz Problem mit dem Backup fortgesetzt, Begründung", ev)
	case "upload":
		return withDE("Paket hochgeladen", ev)
	case "upload_reconciled":
		return withDE("Unterbrochenes Hochladen auf dem Server bestätigt", ev)
	case "prepare":
		return withDE("Installation vorbereitet", ev)
	case "accept_warnings":
		return withDE("Warnungen ausdrücklich akzeptiert", ev)
	case "prepare_again":
		return withDE("Vorbereitung mit denselben Bestätigungen wiederholt", ev)
	case "precopy":
		return "1CRM hat vorab erste Dateien des Updates kopiert (precopy) und die Prüfungen neu gestartet"
	case "install":
		return withDE("Installiert", ev)
	case "install_reconciled":
		return withDE("Unterbrochene Installation auf dem Server als fertig bestätigt", ev)
	case "install_resumed":
		return withDE("Unterbrochene Installation fortgesetzt und abgeschlossen", ev)
	case "recheck":
		return withDE("Vor der Installation erneut geprüft", ev)
	case "smoke":
		return withDE("Automatische Prüfungen", ev)
	case "checklist":
		return withDE("Testliste abgeschlossen", ev)
	case "go_live":
		return withDE("Test bestanden, weiter auf dem Live-System", ev)
	case "problem":
		return withDE("Problem notiert", ev)
	case "problems_reported":
		return withDE("Probleme gemeldet an", ev)
	case "finish":
		return withDE("Durchgang abgeschlossen", ev)
	case "manual_offered":
		return withDE("An den Browser übergeben", ev)
	case "manual_verified":
		return withDE("Von Hand im Browser erledigt, vom Assistenten geprüft", ev)
	case "manual_confirmed":
		return withDE("Von Hand im Browser erledigt – vom Admin bestätigt, nicht geprüft", ev)
	case "manual_cancelled":
		return withDE("Übergabe an den Browser zurückgenommen", ev)
	}
	return withDE("Schritt erledigt", ev)
}
func (de) Unconfirmed(action, stage string) string {
	on := ""
	if stage != "" {
		on = " auf dem " + stage
	}
	switch action {
	case "backup":
		return "Backup" + on + " gestartet, aber nicht bestätigt: Beim Fortsetzen sieht der Assistent auf dem Server nach, ob es fertig wurde, statt ein zweites zu starten."
	case "upload":
		return "Hochladen des Pakets" + on + " begonnen, aber nicht bestätigt: Beim Fortsetzen wird mit der Paketliste abgeglichen."
	case "delete_upload":
		return "Löschen eines alten Uploads" + on + " unterbrochen: Beim Fortsetzen wird mit der Paketliste abgeglichen."
	case "prepare_confirm":
		return "Bestätigung der Warnungen" + on + " unterbrochen: Ihre Zustimmung bleibt gültig."
	case "install":
		return "Installation" + on + " gestartet, aber nicht als abgeschlossen bestätigt: Beim Fortsetzen gleicht der Assistent mit dem Server ab und startet sie nicht ein zweites Mal."
	case "download":
		return "Download des Update-Pakets unterbrochen: Beim Fortsetzen wird geprüft, ob die Datei vollständig ist."
	}
	if a, ok := strings.CutPrefix(action, "manual_"); ok {
		return de{}.ManualActionName(a) + on + " an den Browser übergeben und noch offen: Beim Fortsetzen geht es mit der Übergabe weiter; der Assistent wiederholt nichts."
	}
	return "Eine Aktion" + on + " wurde unterbrochen; beim Fortsetzen wird sie mit dem Server abgeglichen."
}
func (de) PhaseName(p string) string {
	switch p {
	case "upload":
		return "Paket muss hochgeladen werden"
	case "prepare":
		return "Vorbereitung muss wiederholt werden"
	case "confirm":
		return "Warnungen warten auf Ihre Bestätigung"
	case "install":
		return "bereit zur Installation"
	case "installed":
		return "installiert"
	}
	return "noch nicht begonnen"
}
func (de) StartAccepted(startCase string, left time.Duration) string {
	rest := "(noch " + hm(left, "Std.", "Min.") + ")"
	switch clock.StartCase(startCase) {
	case clock.CaseInTime:
		return "genug Zeit bis 15:00 Uhr " + rest
	case clock.CaseLate:
		return "trotz knapper Zeit bis 15:00 Uhr " + rest
	case clock.CaseAfterCutoff:
		return "nach 15:00 Uhr"
	case clock.CaseWeekend:
		return "am Wochenende, genug Zeit bis 15:00 Uhr " + rest
	case clock.CaseWeekendLate:
		return "am Wochenende, trotz knapper Zeit bis 15:00 Uhr " + rest
	case clock.CaseWeekendAfterCutoff:
		return "am Wochenende nach 15:00 Uhr"
	}
	return "ohne Bewertung"
}
func (de) ChecklistCounts(passed, problems, na int) string {
	return fmt.Sprintf("%d funktioniert, %s, %d nicht zutreffend", passed, Count(problems, "Problem", "Probleme"), na)
}
func (de) SmokeCounts(ok, warn, failed int) string {
	if failed == 0 && warn == 0 {
		return fmt.Sprintf("alle %d bestanden", ok)
	}
	return fmt.Sprintf("%d bestanden, %d nicht prüfbar, %d fehlgeschlagen", ok, warn, failed)
}
func (de) RecordNote(code string) string {
	switch code {
	case "reused":
		return "war schon hochgeladen"
	case "already_installed":
		return "war schon installiert"
	}
	return "Vermerk: " + code
}
func (de) Interrupted() string { return "vom Benutzer abgebrochen" }
func (de) ChecklistFileProblem(path string) string {
	return "Die eigene Testliste " + path + " ließ sich nicht verwenden (keine lesbare Textdatei); es gelten die eingebauten Testpunkte."
}
func (de) Technical(detail string) string { return "technische Angabe: " + detail }

// withDE joins a description and its evidence.
func withDE(s, ev string) string {
	if ev == "" {
		return s
	}
	return s + ": " + ev
}

func quoteDE(s string) string {
	if s == "" {
		return ""
	}
	return " („" + s + "“)"
}
