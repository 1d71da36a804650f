package text

import (
	"fmt"
	"strconv"
)

func (de) BackupCheckTitle() string { return "Prüfung des Backups" }
func (de) BackupVerified(tables int, size, sha string) string {
	return fmt.Sprintf("geprüft: %d Tabellen, Dump vollständig, %s, SHA-256 %s", tables, size, sha)
}
func (de) BackupVerifiedNoDump(files int, size, sha string) string {
	return fmt.Sprintf("Archiv geprüft und unbeschädigt (%d Dateien, %s, SHA-256 %s), enthält aber keinen Datenbank-Dump.", files, size, sha)
}
func (de) BackupNotVerified(path string) string {
	return "nicht geprüft: von hier aus nicht lesbar (" + path + ")"
}
func (de) BackupNotVerifiedAdvice() string {
	return "Läuft der Assistent nicht auf dem CRM-Server, geben Sie mit --backup-dir den Ordner an, in dem die Backups liegen (eingehängt oder kopiert) – dann prüft er die Datei."
}
func (de) BackupProblem(kind, entry string, tables int) string {
	switch kind {
	case "not_zip":
		return "Die Datei ist kein vollständiges ZIP-Archiv (abgeschnitten oder kein ZIP)."
	case "damaged":
		return "Die Datei " + entry + " im Archiv ist beschädigt (Prüfsumme stimmt nicht)."
	case "no_dump":
		return "Das Archiv enthält keinen Datenbank-Dump (iahdb_*.sql), obwohl der Dump eingeschaltet ist."
	case "dump_empty":
		return "Der Datenbank-Dump " + entry + " ist leer – mysqldump ist gescheitert."
	case "dump_incomplete":
		return "Der Datenbank-Dump " + entry + " bricht nach " + strconv.Itoa(tables) + " Tabellen ab (die Schlusszeile „-- Dump completed“ fehlt) – mysqldump wurde nicht fertig."
	}
	return "Das Archiv ist nicht in Ordnung (" + kind + ")."
}
func (de) BackupCheckFailed(problems string) string {
	return "Prüfung fehlgeschlagen: " + problems + " Mit diesem Backup ließe sich das CRM nicht wiederherstellen."
}
func (de) BackupCheckFailedAdvice() string {
	return "Erstellen Sie ein neues Backup. Nur wenn Sie ein anderes, geprüftes Backup haben (etwa einen Snapshot des Hosters), können Sie mit Begründung trotzdem fortfahren."
}
func (de) BackupShrunk(size, previous, previousSize string) string {
	return "Dieses Backup ist deutlich kleiner als das vorige: " + size + " statt " + previousSize + " (" + previous + ")."
}
func (de) BackupShrunkAdvice() string {
	return "Prüfen Sie, ob der Dateifilter verkleinert wurde oder ob Daten fehlen; bei einem abgebrochenen Dump erstellen Sie ein neues Backup."
}
func (de) BackupCheckAccepted(reason string) string {
	return "Trotz fehlgeschlagener oder abgebrochener Prüfung fortgesetzt, Begründung: " + reason
}
func (de) BackupNothingToAccept() string {
	return "Es gibt keine fehlgeschlagene Prüfung eines Backups, die Sie übergehen könnten."
}
func (de) BackupNotChecked() string { return "nicht geprüft" }

func (de) DownloadTitle() string { return "Herunterladen" }
func (de) DownloadResumed(kept, total string) string {
	return "Der Download wurde fortgesetzt: " + kept + " von " + total + " lagen schon vor und wurden nicht erneut geladen."
}
func (de) DownloadRestarted(reason string) string {
	why := "Der Server kann einen abgebrochenen Download nicht fortsetzen"
	switch reason {
	case "changed":
		why = "Die Datei auf dem Server hat sich seit dem abgebrochenen Download geändert"
	case "no_validator":
		why = "Der Server nennt kein Merkmal der Datei (ETag oder Änderungsdatum), an dem sich ein Teil-Download sicher fortsetzen ließe"
	case "corrupt":
		why = "Die fortgesetzte Datei bestand die Prüfung nicht"
	}
	return why + "; der Download begann deshalb von vorn."
}
func (de) DownloadRetried(n int) string {
	if n == 1 {
		return "Die Verbindung brach einmal ab; der Download wurde an derselben Stelle fortgesetzt."
	}
	return fmt.Sprintf("Die Verbindung brach %d-mal ab; der Download wurde jeweils an derselben Stelle fortgesetzt.", n)
}
