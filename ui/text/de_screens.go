package text

import (
	"fmt"
	"strings"
	"time"
)

// start, resume, report
func (de) TitleStart() string  { return "Start" }
func (de) Starting() string    { return "Der Lauf wird vorbereitet …" }
func (de) TitleResume() string { return "Angefangenen Lauf fortsetzen?" }
func (de) TitleReport() string { return "Support-Bericht" }
func (de) ResumeFound(id, started string) string {
	return fmt.Sprintf("Es gibt einen angefangenen Lauf (%s, begonnen %s).", id, started)
}
func (de) ResumeInstance(url string) string { return "Instanz: " + url }
func (de) ResumeDone() string               { return "Bereits erledigt:" }
func (de) ResumeNext(step string) string    { return "Nach dem erneuten Verbinden weiter mit: " + step }
func (de) ResumePaused() string             { return "pausiert bis zum nächsten Arbeitstag" }
func (de) ResumeContinue() string           { return "Diesen Lauf fortsetzen" }
func (de) ResumeStartOver() string          { return "Neuen Lauf beginnen" }
func (de) ResumeStartOverNote(takesOver bool) string {
	if takesOver {
		return "Ein neuer Lauf löscht nichts und wiederholt nichts: Er übernimmt, was dieser Lauf auf dem Server hinterlassen hat (Backup, Upload, Installation), und gleicht es zuerst mit dem Server ab."
	}
	return "Ein neuer Lauf löscht nichts: das Journal des alten Laufs bleibt gespeichert."
}

// shared
func (de) ContinueTo(step string) string { return "Weiter: " + step }
func (de) LiveSystem() string            { return "Live-System" }
func (de) TestSystem() string            { return "Testsystem" }
func (de) LiveShort() string             { return "LIVE" }
func (de) TestShort() string             { return "TEST" }
func (de) NoTestSystem() string          { return "keins angegeben (--test-url)" }
func (de) Instance() string              { return "Instanz" }
func (de) Edition() string               { return "Edition" }
func (de) Installed() string             { return "Installiert" }
func (de) Support() string               { return "Update-Abo" }
func (de) SupportUntil(end string, days int) string {
	if days < 0 {
		return fmt.Sprintf("%s (seit %d Tagen abgelaufen)", end, -days)
	}
	return fmt.Sprintf("bis %s (noch %d Tage)", end, days)
}
func (de) Extensions() string      { return "Erweiterungen" }
func (de) UpdatesOffered() string  { return "Angebotene Updates" }
func (de) ServerUnchanged() string { return "Auf dem Server wurde dabei nichts verändert." }
func (de) MoreAbove() string       { return "↑ mehr oben (Bild↑)" }
func (de) MoreBelow() string       { return "↓ mehr unten (Bild↓ / Leertaste)" }
func (de) MoreBoth() string        { return "↕ mehr oben und unten (Bild↑/Bild↓)" }
func (de) ReasonTitle() string     { return "Begründung (wird im Journal und im Bericht festgehalten)" }
func (de) ReasonRequired() string  { return "Bitte eine kurze Begründung eingeben." }
func (de) Recommended() string     { return "(empfohlen)" }
func (de) Note() string            { return "Notiz" }
func (de) NoteRequired() string    { return "Bitte kurz beschreiben, was nicht funktioniert." }
func (de) PathWord() string        { return "Weg" }
func (de) ReportWord() string      { return "Bericht" }
func (de) ChecklistWord() string   { return "Testliste" }
func (de) Cause(code string) string {
	switch code {
	case "canceled":
		return "Der Vorgang wurde abgebrochen."
	case "wrong_password":
		return "1CRM hat die Anmeldung abgelehnt: Benutzername oder Passwort stimmen nicht."
	case "not_admin":
		return "Die Anmeldung hat geklappt, aber dieser Benutzer ist kein Administrator. Bitte mit einem Admin-Konto starten."
	case "session_expired":
		return "Die Admin-Sitzung ist abgelaufen und konnte nicht erneuert werden."
	case "not_1crm":
		return "Unter dieser Adresse antwortet kein 1CRM (die Antwort ist kein 1CRM-JSON, z. B. eine andere Webseite). Bitte die Adresse prüfen, unter der 1CRM im Browser öffnet, z. B. https://crm.example.com oder https://server/1crm."
	case "plain_http":
		return "Die Instanz lehnt API-Zugriffe über unverschlüsseltes http ab. Bitte die https-Adresse verwenden."
	case "upgrades_disabled":
		return "Der Update-Manager ist gesperrt, weil das Update-Abo abgelaufen ist. Erst verlängern, dann erneut starten."
	case "upload_disabled":
		return "Auf dieser gehosteten Instanz kann man keine Pakete hochladen. Das Update spielt der Partner ein."
	case "upload_not_accepted":
		return "Der Server hat den Upload nicht angenommen — vermutlich ist die Datei größer als das PHP-Upload-Limit."
	case "bad_package":
		return "1CRM hält die Datei nicht für ein gültiges Paket (kein ZIP oder Manifest unvollständig)."
	case "invalid_version":
		return "Das Paket passt nicht zur installierten 1CRM-Version."
	case "duplicate_upload":
		return "Ein Paket mit diesem Dateinamen ist bereits hochgeladen."
	case "outdated":
		return "Diese oder eine neuere Version ist bereits installiert."
	case "prepare_failed":
		return "Die Prüfung durch den Update-Manager hat einen Fehler gemeldet."
	case "install_failed":
		return "Die Installation ist mittendrin abgebrochen; die Instanz kann jetzt halb aktualisiert sein. Bitte nicht einfach wiederholen: zuerst als Problem an den Partner melden und das weitere Vorgehen abstimmen."
	case "install_timeout":
		return "Die Installation ist nicht rechtzeitig fertig geworden. Der Server arbeitet eventuell noch."
	case "backup_failed":
		return "Das Backup ist fehlgeschlagen (z. B. mysqldump fehlt oder das Zielverzeichnis ist nicht beschreibbar)."
	case "page_changed":
		return "Eine Admin-Seite sieht anders aus als erwartet. Diesen Schritt bitte von Hand in 1CRM erledigen."
	case "tls":
		return "Das TLS-Zertifikat des Servers wird nicht anerkannt. Eigene CA mit --ca-file angeben."
	case "tls_unknown_ca":
		return "Das TLS-Zertifikat des Servers stammt von einer Stelle, die dieser Rechner nicht kennt (z. B. selbst signiert). Die eigene CA mit --ca-file angeben."
	case "tls_hostname":
		return "Das TLS-Zertifikat des Servers gilt nicht für diesen Rechnernamen. Bitte die Adresse so angeben, wie sie im Zertifikat steht."
	case "tls_expired":
		return "Das TLS-Zertifikat des Servers ist abgelaufen oder noch nicht gültig. Bitte das Zertifikat erneuern lassen (oder die Uhr dieses Rechners prüfen)."
	case "tls_not_https":
		return "Unter dieser https-Adresse antwortet ein Server ohne Verschlüsselung. Bitte prüfen, ob die Adresse mit http:// oder mit einem anderen Port gemeint ist."
	case "server_error":
		return "1CRM hat mit einer Fehlerseite geantwortet (PHP-Fehler oder Serverfehler). Die Meldung unten an den Partner weitergeben; erneut versuchen, wenn der Fehler behoben ist."
	case "install_stuck":
		return "Eine unterbrochene Installation ist auf dem Server noch als laufend markiert. Nicht neu starten: bitte mit dem Partner abstimmen, wie es weitergeht."
	case "download_not_zip":
		return "Der Download hat keine ZIP-Datei geliefert (oft eine Anmelde- oder Fehlerseite). Das Paket von Hand herunterladen und als Datei angeben."
	case "not_uploaded":
		return "Das Paket steht nicht (mehr) unter den hochgeladenen Paketen, z. B. weil es inzwischen installiert oder gelöscht wurde."
	case "delete_failed":
		return "Das hochgeladene Paket ließ sich nicht löschen; es steht noch im Update-Manager."
	case "resume_url":
		return "Die gespeicherte Adresse der laufenden Installation gehört nicht zu dieser Instanz. Der Assistent folgt ihr nicht."
	case "api_not_available":
		return "Diese Instanz hat keine REST-API (Edition Startup/Startup+ oder API abgeschaltet). Die Prüfungen darüber entfallen."
	case "api_credentials":
		return "Die REST-API nimmt die Zugangsdaten nicht an. Die Prüfungen über die API entfallen; bitte von Hand prüfen."
	case "api_error":
		return "Die REST-API von 1CRM hat einen Fehler gemeldet."
	case "not_pdf":
		return "Die PDF-Ausgabe hat kein PDF geliefert."
	case "download_failed":
		return "Der Download des Update-Pakets ist fehlgeschlagen. Erneut versuchen, oder das Paket von Hand herunterladen und als Datei angeben."
	case "network":
		return "Der Server ist nicht erreichbar (Netzwerk, DNS oder Zeitüberschreitung)."
	case "network_refused":
		return "Der Rechner lehnt die Verbindung ab: unter dieser Adresse und diesem Port läuft kein Webserver. Bitte Adresse und Port prüfen."
	case "network_dns":
		return "Diesen Rechnernamen gibt es nicht (DNS). Bitte die Adresse auf Tippfehler prüfen."
	case "network_timeout":
		return "Der Server antwortet nicht rechtzeitig (Zeitüberschreitung). Netzwerk, VPN oder Firewall prüfen und erneut versuchen."
	case "local_disk":
		return "Eine Datei auf diesem Rechner konnte nicht geschrieben oder gelesen werden (Datenträger voll, schreibgeschützt oder keine Berechtigung). Der Server ist nicht das Problem."
	case "network_dropped":
		return "Die Verbindung zum Server ist abgerissen. Was der Server dabei gerade tat, steht unten; erneut versuchen, sobald er wieder erreichbar ist."
	default:
		return "Ein unerwarteter Fehler ist aufgetreten."
	}
}

// connect
func (de) Connecting() string     { return "Verbindung und Anmeldung werden geprüft" }
func (de) Connected() string      { return "Verbunden und angemeldet." }
func (de) ReconcileTitle() string { return "Abgleich nach der Unterbrechung:" }

// preflight
func (de) Checking() string          { return "Edition, Lizenz und Versionen werden geprüft" }
func (de) PreflightOK() string       { return "Alles in Ordnung — das Update kann vorbereitet werden." }
func (de) PreflightWarnings() string { return "Es gibt Hinweise. Bitte lesen und bestätigen." }
func (de) PreflightBlocked() string {
	return "Das Update ist so nicht möglich. Am Server wurde nichts verändert."
}
func (de) AckWarnings() string        { return "Hinweise gelesen — weiter" }
func (de) QuitBlocked() string        { return "Beenden" }
func (de) DeploymentQuestion() string { return "Wo läuft diese Instanz?" }
func (de) DeploymentCloud() string    { return "In der Cloud (vom Partner gehostet)" }
func (de) DeploymentOnPrem() string   { return "On-Premise (eigener Server)" }
func (de) VersionEnter() string       { return "Installierte Version eintragen" }
func (de) VersionInputTitle() string  { return "Installierte 1CRM-Version" }
func (de) VersionInputHelp() string {
	return "So, wie 1CRM selbst sie anzeigt, z. B. 8.7.6 oder 8.7.7-318"
}
func (de) VersionRequired() string { return "Bitte die Version eintragen, z. B. 8.7.6." }

// package
func (de) PackageIntro(installed string) string {
	return "Welches Update-Paket soll eingespielt werden? Installiert ist " + installed + "."
}
func (de) PackageNoneListed() string {
	return "1CRM bietet unter Lizenzinformationen gerade kein Update an — bitte die ZIP-Datei angeben."
}
func (de) PackageFromVendor() string {
	return "Bei dieser Edition kommt das Update als ZIP-Datei von der Website des Herstellers — bitte die heruntergeladene Datei angeben."
}
func (de) PackageFromPartner(mail string) string {
	return "Bei dieser Edition schickt der Partner die ZIP-Datei (" + mail + ") — bitte die erhaltene Datei angeben."
}
func (de) PackageUsePreset(f string) string { return "Datei " + f + " verwenden (--package)" }
func (de) PackageDownload(v, pkg string) string {
	return "Update " + v + " herunterladen (" + pkg + ")"
}
func (de) PackageLocalFile() string { return "Eine ZIP-Datei auf diesem Rechner angeben" }
func (de) PackagePathTitle() string { return "Pfad zur Update-ZIP" }
func (de) PackagePathHelp() string {
	return "z. B. ~/Downloads/8.7.7-InfoAtHand-patch.zip"
}
func (de) PackagePathMissing() string { return "Diese Datei gibt es nicht." }
func (de) PackagePathIsDir() string   { return "Das ist ein Verzeichnis, bitte die ZIP-Datei angeben." }
func (de) PackageChecking(f string) string {
	return "Paket " + f + " wird geprüft (Manifest, Version, SHA-256)"
}
func (de) PackageDownloading(v string) string { return "Update " + v + " wird heruntergeladen" }
func (de) PackageFile() string                { return "Datei" }
func (de) PackageSize() string                { return "Größe" }
func (de) PackageName() string                { return "Paket" }
func (de) PackageValid() string               { return "Das Paket passt zu dieser Instanz." }
func (de) PackageInvalid() string             { return "Dieses Paket kann hier nicht installiert werden." }
func (de) PackageChooseOther() string         { return "Anderes Paket wählen" }
func (de) PackageExtensionsNote(list string) string {
	return "Installierte Erweiterungen, zu denen 1CRM beim Einspielen Versionswarnungen zeigen kann: " + list
}

// path
func (de) PathATitle() string { return "Weg A — erst Testsystem, dann Live" }
func (de) PathAFacts() string {
	return "Partner um Auffrischung des Testsystems bitten → Update dort einspielen → ausführlich testen → erst dann auf Live. Probleme betreffen Live nicht."
}
func (de) PathANeedsTest() string {
	return "Nicht wählbar: kein Testsystem angegeben (--test-url). Testsysteme gibt es mit Servicepaket."
}
func (de) PathBTitle() string { return "Weg B — eigenes Backup, dann direkt Live" }
func (de) PathBFacts() string {
	return "Backup über die Administration → Update auf Live → noch am selben Tag testen: fertig bis 15:00, Probleme bis 16:00 an den Partner melden."
}
func (de) PathAChoice() string { return "Weg A: Testsystem zuerst" }
func (de) PathBChoice() string { return "Weg B: Backup, dann Live" }

// refresh, mails
func (de) RefreshIntro() string {
	return "Damit der Test aussagekräftig ist, muss das Testsystem den aktuellen Stand von Live haben. Bitte diese Anfrage an den Partner senden und warten, bis er die Auffrischung bestätigt."
}
func (de) RefreshConfirm() string { return "Partner hat das Testsystem aufgefrischt" }
func (de) MailTo() string         { return "An" }
func (de) MailSubject() string    { return "Betreff" }
func (de) MailtoLabel() string    { return "[E-Mail im Mailprogramm öffnen]" }
func (de) CopyMail() string       { return "E-Mail in die Zwischenablage kopieren" }
func (de) Copied() string         { return "Kopiert (OSC 52) — im Mailprogramm einfügen." }
func (de) CopyUnsupported() string {
	return "Dieses Terminal kann nicht in die Zwischenablage kopieren; die E-Mail wurde als Text ausgegeben und steht auch nach dem Beenden im Terminal."
}

// parity
func (de) ParityChecking() string { return "Testsystem und Live werden verglichen" }
func (de) ParityOK() string       { return "Testsystem und Live sind auf demselben Stand." }
func (de) ParityDiffers() string {
	return "Testsystem und Live unterscheiden sich — der Test wäre nicht aussagekräftig."
}
func (de) ParityMissing(x string) string { return "fehlt auf dem Testsystem: " + x }
func (de) ParityExtra(x string) string   { return "nur auf dem Testsystem: " + x }
func (de) ParityRedo() string            { return "Partner erneut um Auffrischung bitten" }
func (de) ParityAccept() string          { return "Trotzdem weiter (mit Begründung)" }
func (de) TwinYes() string {
	return "Ja, im Browser geprüft: zwei verschiedene Systeme"
}
func (de) TwinStop() string {
	return "Nein oder unsicher – hier anhalten"
}
func (de) TwinStopFarewell() string {
	return "Angehalten, bevor etwas installiert wurde. Prüfen Sie die Adresse des Testsystems und starten Sie dann mit der richtigen --test-url neu."
}
func (de) ParityReasonHelp() string {
	return "Warum ist der Unterschied hier unerheblich?"
}

// time guard
func (de) Now() string         { return "Jetzt" }
func (de) TestsDoneBy() string { return "Tests fertig bis" }
func (de) ReportBy() string    { return "Probleme melden bis" }
func (de) LeftFmt(d time.Duration) string {
	if d <= 0 {
		return "vorbei"
	}
	return "noch " + deSpan(d)
}
func (de) GuardWhy() string {
	return "Nach einem Live-Update muss am selben Tag getestet werden. Später gemeldete Probleme kosten eine Wiederherstellung oder Reparatur."
}
func (de) GuardOK() string     { return "Genug Zeit zum Testen heute." }
func (de) GuardWarn() string   { return "Knapp: bis 15:00 bleibt wenig Zeit zum Testen." }
func (de) GuardRefuse() string { return "Zu spät: die Testfrist 15:00 ist heute schon vorbei." }
func (de) GuardWeekend(day string) string {
	return day + ": Der Partner ist heute normalerweise nicht erreichbar – ein Werktag ist sicherer."
}
func (de) GuardWeekendLate(day string) string {
	return day + ": Der Partner ist heute normalerweise nicht erreichbar, und bis 15:00 bleibt wenig Zeit zum Testen."
}
func (de) GuardWeekendRefuse(day string) string {
	return "Zu spät: Die Testfrist 15:00 ist vorbei, und heute ist " + day + "."
}
func (de) GuardPause(when string) string {
	return "Jetzt pausieren, weiter am " + when
}
func (de) GuardGoAnyway() string { return "Trotzdem jetzt weitermachen" }
func (de) GuardOverride() string { return "Trotzdem jetzt weitermachen (mit Begründung)" }
func (de) GuardReasonHelp() string {
	return "Warum muss das Update heute noch auf Live?"
}
func (de) PausedFarewell(when string) string {
	return "Lauf pausiert. Weiter am " + when + " mit demselben Befehl — es geht an dieser Stelle weiter."
}

// backup
func (de) BackupIntro() string {
	return "1CRM erstellt jetzt über Administration › Backup ein eigenes Backup. Ohne Backup wird nicht auf Live installiert. Das kann bei großen Instanzen einige Minuten dauern."
}
func (de) BackupIntroOptional() string {
	return "Der Test auf dem Testsystem ist bestanden. Vor dem Live-Update wird trotzdem ein eigenes Backup über Administration › Backup empfohlen; das kann bei großen Instanzen einige Minuten dauern."
}
func (de) BackupStart() string { return "Backup jetzt erstellen" }
func (de) BackupSkip() string  { return "Ohne Backup weiter (nicht empfohlen, mit Begründung)" }
func (de) BackupSkipHelp() string {
	return "Warum ist hier kein eigenes Backup nötig?"
}
func (de) BackupRunning() string { return "Backup wird erstellt" }
func (de) BackupServerState() string {
	return "1CRM schreibt das Backup auch nach einem Abbruch zu Ende; am CRM selbst ändert sich nichts."
}
func (de) BackupDone() string  { return "Backup erstellt." }
func (de) BackupName() string  { return "Backup" }
func (de) BackupTime() string  { return "Zeitpunkt" }
func (de) BackupWhere() string { return "Ablage" }
func (de) BackupNoDump() string {
	return "Der Datenbank-Dump ist aus: dieses Backup enthält nur Dateien, keine Daten."
}
func (de) BackupRestoreNote() string {
	return "Zurückspielen geht nicht über die 1CRM-Oberfläche, sondern nach der Anleitung „Backup einspielen“."
}

// install
func (de) PhaseUpload() string            { return "Hochladen" }
func (de) PhasePrepare() string           { return "Prüfung" }
func (de) PhaseAccept() string            { return "Warnungen" }
func (de) PhaseInstall() string           { return "Installation" }
func (de) InstallUpload(st string) string { return "Paket auf " + st + " hochladen und prüfen lassen" }
func (de) InstallPrepare() string         { return "Prüfung starten" }
func (de) InstallPrepareAgain() string    { return "Prüfung wiederholen" }
func (de) InstallAccept() string          { return "Warnungen verstanden — akzeptieren" }
func (de) InstallStart(st string) string  { return "Jetzt auf " + st + " installieren" }
func (de) Uploading() string              { return "Paket wird hochgeladen" }
func (de) UploadServerState() string {
	return "Ein halb hochgeladenes Paket wird von 1CRM verworfen; installiert ist noch nichts."
}
func (de) Preparing() string { return "1CRM prüft das Paket" }
func (de) PrepareServerState() string {
	return "Die Prüfung ändert nichts am CRM; das Paket bleibt hochgeladen."
}
func (de) Installing(st string) string { return "Update wird auf " + st + " installiert" }
func (de) InstallServerState() string {
	return "ACHTUNG: 1CRM installiert gerade. Ein Abbruch hier hält den Server nicht an; beim nächsten Start wird der Stand abgeglichen."
}
func (de) InstallStep(step, of int, t string) string {
	return fmt.Sprintf("Schritt %d von %d: %s", step, of, t)
}
func (de) InstallPolling() string { return "Warte auf den Abschluss der Installation …" }
func (de) PrepareResults() string { return "Ergebnis der Prüfung:" }
func (de) PrepareBlocked() string {
	return "Die Prüfung hat einen Fehler gemeldet — so wird nicht installiert."
}
func (de) R22Title() string { return "Versionswarnungen zu Erweiterungen — das ist normal" }
func (de) R22Explain() string {
	return "Erweiterungen werden für die 1CRM-Version gebaut, die bei ihrer Erstellung aktuell war. Bei einem Core-Update warnt 1CRM deshalb; meist laufen sie trotzdem weiter. Bitte diese Erweiterungen beim Testen besonders prüfen."
}
func (de) R22Affected(list string) string { return "Betroffen: " + list }
func (de) InstalledOK(st string) string   { return "Update auf " + st + " installiert." }

// smoke
func (de) SmokeRunning() string { return "Automatische Prüfungen nach dem Update" }
func (de) SmokeOK() string      { return "Alle automatischen Prüfungen bestanden." }
func (de) SmokeFailed() string  { return "Mindestens eine Prüfung ist fehlgeschlagen." }
func (de) SmokeOKWithoutREST() string {
	return "Die durchgeführten Prüfungen sind bestanden; die Prüfungen über die REST-API entfielen."
}

// checklist
func (de) ChecklistProgress(a, n int) string {
	return fmt.Sprintf("%d von %d Punkten beantwortet.", a, n)
}
func (de) ChecklistAnswer() string { return "Antwort" }
func (de) ChecklistOpenLeft(n int) string {
	if n == 1 {
		return "Noch 1 Punkt ohne Antwort — ohne vollständige Tests geht es nicht weiter."
	}
	return fmt.Sprintf("Noch %d Punkte ohne Antwort — ohne vollständige Tests geht es nicht weiter.", n)
}
func (de) ChecklistAdd() string      { return "eigener Punkt" }
func (de) ChecklistAddTitle() string { return "Eigener Testpunkt" }
func (de) ChecklistAddHelp() string  { return "Was soll zusätzlich getestet werden?" }
func (de) ChecklistFinish() string   { return "Tests abschließen" }
func (de) ChecklistSource(src string) string {
	if src == "extension" {
		return "Erweiterung"
	}
	return "eigene Liste"
}
func (de) ChecklistCounts(p, x, na int) string {
	problems := fmt.Sprintf("%d Probleme", x)
	if x == 1 {
		problems = "1 Problem"
	}
	return fmt.Sprintf("%d bestanden, %s, %d entfällt", p, problems, na)
}
func (de) ProblemNoteTitle(item string) string { return "Problem bei: " + item }
func (de) ProblemNoteHelp() string {
	return "Was genau geht nicht? (kommt in die Meldung an den Partner)"
}

// go live
func (de) GoLiveTestPassed() string { return "Der Test auf dem Testsystem ist bestanden." }
func (de) GoLiveIntro() string {
	return "Jetzt wird dasselbe Paket auf Live eingespielt: Backup, Upload, Prüfung, Installation, danach ein kurzer Test auf Live."
}
func (de) GoLiveConfirm() string { return "Jetzt mit dem Live-System weitermachen" }

// problems
func (de) ProblemsIntroA() string {
	return "Auf dem Testsystem gibt es Probleme. Live bleibt unverändert. Bitte die Meldung an den Partner senden; er meldet sich zur Lösung."
}
func (de) ProblemsIntroB() string {
	return "Auf Live gibt es Probleme. Bitte heute noch bis 16:00 an den Partner melden — bei Bedarf mit der Bitte um Wiederherstellung."
}
func (de) ProblemsIntroUnchanged() string {
	return "Es wurde noch nichts installiert: Live läuft unverändert mit der bisherigen Version, eine Wiederherstellung ist nicht nötig. Bitte den Fehler an den Partner melden und das weitere Vorgehen abstimmen."
}
func (de) RestoreOptions() string { return "Möglichkeiten:" }
func (de) RestoreOwn() string {
	return "Eigenes Backup selbst zurückspielen (Anleitung „Backup einspielen“). Wer das nicht selbst kann: heute noch melden."
}
func (de) RestoreServer(since, span, cost string) string {
	return "Partner spielt sein Server-Backup ein: verloren gehen alle Änderungen seit " + since + " (" + span + "). Kosten: " + cost + "."
}
func (de) RestoreRepair() string {
	return "Statt Wiederherstellung: der Partner behebt die Probleme in den nächsten 1–2 Wochen, Abrechnung nach Aufwand."
}
func (de) ProblemsSent() string { return "Meldung ist verschickt" }

// done
func (de) DoneOK() string { return "Fertig — das Update ist eingespielt und getestet." }
func (de) DoneWithProblems() string {
	return "Abgeschlossen mit gemeldeten Problemen — der Partner ist informiert."
}
func (de) DoneMailIntro(to string) string {
	return "Abschlussmeldung an " + to + " (mit Bericht), zum Verschicken bereit:"
}
func (de) FinishedFarewell(p string) string { return "Lauf abgeschlossen. Bericht: " + p }

func (de) ChecksPassed(n int, names string) string {
	if n == 1 {
		return "1 Prüfung bestanden (" + names + ")"
	}
	return fmt.Sprintf("%d Prüfungen bestanden (%s)", n, names)
}

func (de) PrecopyDone() string {
	return "Vorab-Kopie: 1CRM hat erste Dateien des Updates kopiert und die Prüfung neu gestartet."
}

func (de) RowsOK(n int) string {
	if n == 1 {
		return "(1 weiterer Prüfpunkt in Ordnung)"
	}
	return fmt.Sprintf("(%d weitere Prüfpunkte in Ordnung)", n)
}

// ChecklistAbove and ChecklistBelow stand above and below the list, where
// the hidden items are; "weiterer" agrees with a single Punkt.
func (de) ChecklistAbove(n int) string {
	if n == 1 {
		return "  ↑ 1 weiterer Punkt oben"
	}
	return fmt.Sprintf("  ↑ %d weitere Punkte oben", n)
}

func (de) ChecklistBelow(n int) string {
	if n == 1 {
		return "  ↓ 1 weiterer Punkt unten"
	}
	return fmt.Sprintf("  ↓ %d weitere Punkte unten", n)
}

func (de) LineYesNoOr(keys []string) string {
	return "[j/n" + strings.Join(append([]string{""}, keys...), "/") + "]"
}

func (de) LineChecklistPause() string {
	return "     [q] unterbrechen (die Antworten sind gespeichert, der nächste Start macht hier weiter) · [?] alle Tasten"
}

func (de) StepNoTotal(n int, title string) string {
	return fmt.Sprintf("Schritt %d — %s", n, title)
}

func (de) ChecksAccepted(n int, names string) string {
	if n == 1 {
		return "1 Warnung akzeptiert (" + names + ")"
	}
	return fmt.Sprintf("%d Warnungen akzeptiert (%s)", n, names)
}

func (de) DoneLockedOut(stage string) string {
	return "Die Installation auf " + stage + " ist nicht zu Ende: 1CRM hält alle Benutzer ausgesperrt, bis upgrade.php im Browser fertig ist."
}

func (de) DoneLockedOutHow() string {
	return "Bitte upgrade.php jetzt im Browser (als Administrator angemeldet) zu Ende führen, bis „Restored system access for users“ erscheint – erst dann können sich die Benutzer wieder anmelden."
}
