package text

import (
	"fmt"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient/bytesize"
)

// de is the German table (default language).
type de struct{}

func (de) Lang() string { return "de" }

// ---- formats

func (de) DateTime(t time.Time) string     { return t.Format("02.01.2006 15:04") }
func (de) Date(t time.Time) string         { return t.Format("02.01.2006") }
func (de) Clock(t time.Time) string        { return t.Format("15:04") }
func (de) Weekday(t time.Time) string      { return deDay(t) + ", " + t.Format("02.01.") }
func (de) DayName(t time.Time) string      { return deDay(t) }
func (de) Duration(d time.Duration) string { return hm(d, "Std.", "Min.") }

// ---- names

func (de) StepName(id string) string {
	switch id {
	case "connect":
		return "Verbinden"
	case "preflight":
		return "Vorabprüfung"
	case "package":
		return "Update-Paket"
	case "path":
		return "Vorgehen wählen"
	case "refresh_request":
		return "Testsystem aktualisieren lassen"
	case "parity":
		return "Abgleich Test/Live"
	case "time_guard":
		return "Startzeit prüfen"
	case "backup":
		return "Datensicherung (Backup)"
	case "install":
		return "Installation"
	case "smoke":
		return "Automatische Prüfungen"
	case "checklist":
		return "Testliste"
	case "go_live":
		return "Freigabe für Live"
	case "problems":
		return "Probleme melden"
	case "done":
		return "Abschluss"
	}
	return id
}

func (de) StageName(s string) string {
	switch s {
	case "test":
		return "Testsystem"
	case "live":
		return "Live-System"
	}
	return s
}

func (de) PathName(p string) string {
	switch p {
	case "A":
		return "Weg A: erst Testsystem, dann Live"
	case "B":
		return "Weg B: eigenes Backup, dann Live"
	}
	return "noch nicht gewählt"
}

func (de) EditionName(e string) string { return editionName(e, "unbekannt") }

func (de) DeploymentName(d string) string {
	switch d {
	case "cloud":
		return "Cloud (beim Partner gehostet)"
	case "onprem":
		return "On-Premise (eigener Server)"
	}
	return "nicht bestätigt"
}

func (de) AnswerName(s string) string {
	switch s {
	case "passed":
		return "funktioniert"
	case "problem":
		return "Problem"
	case "na":
		return "nicht zutreffend"
	}
	return "offen"
}

func (de) LevelName(l string) string {
	switch l {
	case "ok":
		return "OK"
	case "warn":
		return "Hinweis"
	case "block":
		return "Stopp"
	}
	return "Info"
}

// ---- preflight

func (de) EditionTitle(e string) string { return "Edition: " + editionName(e, "unbekannt") }
func (de) EditionEntitled(e, d string) string {
	return fmt.Sprintf("Die Edition %s erhält Update-Pakete.", editionName(e, "?"))
}
func (de) EditionUnknown() string {
	return "Die Edition ließ sich weder aus der API noch aus der Lizenzseite bestimmen."
}
func (de) EditionUnknownAdvice() string {
	return "Schauen Sie unter Administration › Lizenzinformationen nach, welche Produkte lizenziert sind, und fragen Sie im Zweifel Ihren Partner."
}
func (de) NotEntitled(e, d string) string {
	return fmt.Sprintf("Für %s (%s) gibt es keine Update-Pakete.", editionName(e, "?"), deploymentShortDE(d))
}
func (de) NotEntitledAdvice() string {
	return "Ein Update ist nur mit einer kostenpflichtigen Edition oder als Neuinstallation möglich. Sprechen Sie mit Ihrem Partner."
}
func (de) RouteVendorWebsite() string {
	return "Startup On-Premise: Es gibt kein Update-Paket in 1CRM. Die neue Version kommt als ZIP-Datei von der Website des Herstellers."
}
func (de) RouteVendorWebsiteAdvice() string {
	return "Laden Sie die ZIP-Datei der neuen Version von der Hersteller-Website herunter und geben Sie sie hier als lokale Datei an. Sie wird wie eine Erweiterung installiert."
}
func (de) RoutePartnerZIP() string {
	return "Startup in der Cloud: Das Update-Paket schickt Ihnen Ihr Partner (per E-Mail oder Download-Link)."
}
func (de) RoutePartnerZIPAdvice(mail string) string {
	return "Falls Sie die ZIP-Datei noch nicht haben, fordern Sie sie bei " + mail + " an und geben Sie sie dann hier als lokale Datei an."
}
func (de) RouteLicensePage(n int) string {
	if n == 1 {
		return "Die Lizenzseite bietet 1 Update an; der Assistent kann es direkt herunterladen."
	}
	return fmt.Sprintf("Die Lizenzseite bietet %d Updates an; der Assistent kann sie direkt herunterladen.", n)
}
func (de) RouteLicensePageNone() string {
	return "Die Lizenzseite listet im Moment kein Update."
}
func (de) RouteLicensePageAdvice() string {
	return "Sie können stattdessen eine ZIP-Datei angeben, die Sie bereits haben."
}
func (de) DeploymentAsk(guess string) string {
	return "Läuft dieses 1CRM in der Cloud des Partners oder auf einem eigenen Server? Das lässt sich über die Schnittstelle nicht sicher erkennen (Vermutung: " + deploymentShortDE(guess) + "). Bitte bestätigen."
}
func (de) SupportTitle() string { return "Update-Abo" }
func (de) SupportActive(end string, days int) string {
	return fmt.Sprintf("Das Update-Abo läuft bis %s (noch %d Tage).", end, days)
}
func (de) SupportExpiring(end string, days int) string {
	return fmt.Sprintf("Das Update-Abo endet bald: am %s, in %d Tagen.", end, days)
}
func (de) SupportExpiringAdvice() string {
	return "Deshalb zeigt 1CRM das orangefarbene Dreieck. Es betrifft nur den Bezug von Updates, nicht die Betreuung durch Ihren Partner. Denken Sie rechtzeitig an die Verlängerung."
}
func (de) SupportTrial(end string, days int) string {
	return fmt.Sprintf("Testlizenz bis %s (noch %d Tage).", end, days)
}
func (de) SupportExpired(end string) string {
	return "Das Update-Abo ist abgelaufen (" + end + "). Der Upgrade-Manager von 1CRM nimmt dann keine Pakete an."
}
func (de) SupportExpiredAdvice() string {
	return "Verlängern Sie zuerst das Update-Abo (über Ihren Partner), melden Sie sich danach neu in 1CRM an und starten Sie den Assistenten erneut. Bis dahin wird nichts verändert."
}
func (de) SupportNone() string {
	return "Die Lizenzseite zeigt keine Angaben zum Update-Abo."
}
func (de) SupportNoneAdvice() string {
	return "Ohne gültiges Update-Abo kann die Installation scheitern. Klären Sie den Status im Zweifel mit Ihrem Partner."
}
func (de) VersionTitle() string             { return "Installierte Version" }
func (de) VersionInstalled(v string) string { return "1CRM meldet die Version " + v + "." }
func (de) ExtensionsTitle() string          { return "Erweiterungen" }
func (de) ExtensionsNone() string           { return "Keine Erweiterungen installiert." }
func (de) ExtensionsFound(n int, names string) string {
	return Count(n, "Erweiterung", "Erweiterungen") + " installiert: " + names + ". Bei einem Core-Update sind Versionswarnungen für sie zu erwarten; das ist normal."
}
func (de) UploadDisabled() string {
	return "Auf dieser gehosteten Installation ist das Hochladen von Paketen abgeschaltet."
}
func (de) UploadDisabledAdvice(mail string) string {
	return "Die Installation übergibt der Assistent Ihnen im Browser: über Administration › Lizenzinformationen, wenn 1CRM das Update dort anbietet, sonst spielt es Ihr Partner bzw. Hoster ein (" + mail + "). Danach prüft der Assistent das Ergebnis."
}
func (de) UpgradeInProgress() string {
	return "1CRM meldet eine laufende Installation."
}
func (de) UpgradeInProgressAdvice() string {
	return "Eine frühere Installation ist womöglich nicht fertig geworden. Prüfen Sie den Upgrade-Manager, bevor Sie weitermachen."
}
func (de) LicenseUnreadable(detail string) string {
	return "Die Lizenzseite ließ sich nicht auswerten: " + detail
}
func (de) LicenseUnreadableAdvice() string {
	return "Öffnen Sie Administration › Lizenzinformationen im Browser und prüfen Sie Edition und Update-Abo selbst."
}

// ---- package

func (de) PackageTitle() string { return "Update-Paket" }
func (de) PackageOK(name, version, sha string) string {
	return fmt.Sprintf("%s, Version %s, geprüft. SHA-256: %s", name, version, sha)
}
func (de) PackageUnreadable(detail string) string {
	return "Die Datei ist kein gültiges 1CRM-Paket: " + detail
}
func (de) PackageUnreadableAdvice() string {
	return "Prüfen Sie, ob der Download vollständig ist, und laden Sie die Datei notfalls erneut."
}
func (de) PackageNotAccepted(installed, expected string) string {
	return "Das Paket passt nicht zur installierten Version " + installed + ": Es nennt nur diese Versionen als passend: " + expected + "."
}
func (de) PackageNotAcceptedAdvice() string {
	return "Besorgen Sie das Paket, das für Ihre installierte Version gedacht ist, oder aktualisieren Sie in Zwischenschritten."
}
func (de) PackageUncertain(installed, why string) string {
	return "Ob das Paket zur Version " + installed + " passt, lässt sich nicht sicher sagen: " + why + " Der Upgrade-Manager prüft es beim Hochladen noch einmal."
}
func (de) PackageNotNewer(pkg, installed string) string {
	return "Das Paket (" + pkg + ") ist nicht neuer als die installierte Version " + installed + "."
}
func (de) PackageNotNewerAdvice() string {
	return "Dieses Update ist schon eingespielt oder älter. Prüfen Sie, ob Sie die richtige Datei gewählt haben."
}
func (de) PackageNotCore(typ string) string {
	return "Das Paket ist kein 1CRM-Core-Update (Typ „" + typ + "“). Es wird wie eine Erweiterung installiert; die Versionsprüfung nach der Installation entfällt."
}
func (de) PackageExtensionsAffected(names string) string {
	return "Möglicherweise von Versionswarnungen betroffen: " + names + "."
}
func (de) PackageExtensionsUnknown() string {
	return "Ob diese Erweiterungen die neue Version ausdrücklich unterstützen, steht in ihrem Manifest, das 1CRM nicht herausgibt. Deshalb sind sie vorsorglich aufgeführt."
}
func (de) ListedNotForRoute(route string) string {
	switch route {
	case "vendor_website":
		return "Die Lizenzseite listet zwar ein Update, für Startup auf eigenem Server kommt die neue Version aber von der Website des Herstellers. Laden Sie sie dort herunter und geben Sie die ZIP-Datei hier an; die Liste in 1CRM bietet der Assistent nicht an."
	case "partner_zip":
		return "Die Lizenzseite listet zwar ein Update, für Startup in der Cloud schickt Ihnen aber Ihr Partner die ZIP-Datei. Geben Sie diese Datei hier an; die Liste in 1CRM bietet der Assistent nicht an."
	}
	return "Dieses Update wird auf diesem Weg nicht angeboten."
}
func (de) DownloadNotListed() string {
	return "Heruntergeladen werden nur Updates, die die Lizenzseite dieser Instanz auflistet."
}
func (de) PackageExtensionsWillWarn(names, target string) string {
	return "Laut ihrem Manifest nennen diese Erweiterungen Version " + target + " nicht; 1CRM wird für sie eine Versionswarnung zeigen: " + names + ". Das ist bei Core-Updates üblich."
}
func (de) PackageExtensionsCompatible(names, target string) string {
	return "Laut ihrem Manifest unterstützen diese Erweiterungen Version " + target + " bereits: " + names + "."
}
func (de) DownloadFailed(detail string) string { return "Der Download ist fehlgeschlagen: " + detail }

// ---- path, parity

func (de) PathRecommendA() string {
	return "Sie haben ein Testsystem: Empfohlen ist Weg A – Update erst dort einspielen und testen, danach auf Live."
}
func (de) PathRecommendB() string {
	return "Ohne Testsystem gilt Weg B: eigenes Backup anlegen, Update auf Live einspielen und noch am selben Tag testen."
}
func (de) ParityVersionsDiffer(live, test string) string {
	return "Live hat Version " + live + ", das Testsystem " + test + "."
}
func (de) ParityMissing(list string) string { return "Auf dem Testsystem fehlen: " + list + "." }
func (de) ParityExtra(list string) string   { return "Nur auf dem Testsystem vorhanden: " + list + "." }
func (de) ParityOK(version string) string {
	return "Testsystem und Live stimmen überein (Version " + version + ", gleiche Erweiterungen)."
}
func (de) ParityAdvice() string {
	return "Das Testsystem ist offenbar nicht auf dem Live-Stand. Bitten Sie den Partner erneut um eine Aktualisierung – sonst sagen die Tests wenig über Live aus."
}
func (de) TwinSuspected(licensee string, userLimit int, supportEnd string) string {
	return fmt.Sprintf("Live und Testsystem melden dieselbe Version, dieselben Produkte und dieselben Lizenzdaten (Lizenznehmer %s, %d Benutzer, Support bis %s, gleiche Lizenzhistorie). "+
		"Sind das wirklich zwei verschiedene Systeme?", orDashEN(licensee), userLimit, orDashEN(supportEnd))
}
func (de) TwinAdvice() string {
	return "So sieht eine frische Kopie von Live aus – aber auch Live selbst unter einer zweiten Adresse. Prüfen Sie im Browser, dass die Test-Adresse das Testsystem zeigt " +
		"(z. B. einen Datensatz, den Sie nur dort geändert haben). Führen beide zu Live, brechen Sie ab und starten Sie mit der richtigen --test-url neu: sonst liefe die „Test“-Installation auf Live, ohne Backup."
}
func (de) NoTwinQuestion() string {
	return "Zum Testsystem ist keine Frage offen."
}
func (de) TestIsLive(live, test string) string {
	return "Das Testsystem " + test + " ist das Live-System " + live + " in anderer Schreibweise. Eine Test-Installation liefe dort auf Live, ohne Backup. Geben Sie die eigene Adresse des Testsystems an (--test-url)."
}
func (de) NoticeReconciled(action, result string) string {
	return "Nach der Unterbrechung mit dem Server abgeglichen: " + action + " – " + result + "."
}
func (de) NoticeBackupPending(wait string) string {
	return "Das Backup, das der unterbrochene Lauf gestartet hat, steht noch nicht in der Backup-Liste von 1CRM – vielleicht schreibt 1CRM es noch. Der Backup-Schritt wartet darauf (bis zu " + wait + "), bevor er ein weiteres startet."
}
func (de) NoticeInterrupted(action string) string {
	return "Der Schritt „" + action + "“ wurde unterbrochen und ist laut Server nicht erfolgt; Sie können ihn erneut starten."
}

// ---- time guard, countdown, restore

func (de) StartOK(deadline time.Time, left time.Duration) string {
	return fmt.Sprintf("Bis zum Testende um %s bleiben %s – genug Zeit.", deadline.Format("15:04"), hm(left, "Std.", "Min."))
}
func (de) StartLate(deadline time.Time, left time.Duration, next time.Time) string {
	return fmt.Sprintf("Bis %s bleiben nur %s zum Testen. Besser: am %s, um %s Uhr weitermachen.",
		deadline.Format("15:04"), hm(left, "Std.", "Min."), de{}.Weekday(next), next.Format("15:04"))
}
func (de) StartWeekend(now, tests, report time.Time, left time.Duration, late bool, next time.Time) string {
	remaining := "noch " + hm(left, "Std.", "Min.")
	if late {
		remaining = "nur noch " + hm(left, "Std.", "Min.")
	}
	return fmt.Sprintf("Heute ist %s: Am Wochenende ist der Partner normalerweise nicht erreichbar, um ein Backup zurückzuspielen oder etwas zu reparieren. "+
		"Sicherer ist der Start an einem Werktag: am %s, um %s Uhr. Wenn Sie heute weitermachen, gelten die Fristen desselben Tages: "+
		"Tests bis %s Uhr (%s), Probleme melden bis %s Uhr.",
		de{}.DayName(now), de{}.Weekday(next), next.Format("15:04"), tests.Format("15:04"), remaining, report.Format("15:04"))
}
func (de) StartRefused(deadline time.Time, next time.Time) string {
	return fmt.Sprintf("Es ist nach %s Uhr: Heute bleibt keine Zeit mehr zum Testen. Machen Sie am %s, um %s Uhr weiter oder begründen Sie ausdrücklich, warum es jetzt sein muss.",
		deadline.Format("15:04"), de{}.Weekday(next), next.Format("15:04"))
}
func (de) StartWeekendRefused(now, deadline, next time.Time) string {
	return fmt.Sprintf("Heute ist %s, und es ist nach %s Uhr: Zum Testen bleibt heute keine Zeit mehr, und am Wochenende ist der Partner normalerweise nicht erreichbar. "+
		"Machen Sie am %s, um %s Uhr weiter oder begründen Sie ausdrücklich, warum es jetzt sein muss.",
		de{}.DayName(now), deadline.Format("15:04"), de{}.Weekday(next), next.Format("15:04"))
}

// deDay is the day's name alone ("Sonntag").
func deDay(t time.Time) string {
	return [...]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}[t.Weekday()]
}
func (de) StartOverridden(reason string) string {
	return "Späte Installation trotz Warnung, Begründung: " + reason
}
func (de) CountdownLine(tests, report, now time.Time) string {
	return "Tests bis " + de{}.Weekday(tests) + " " + tests.Format("15:04") + " Uhr, Probleme melden bis " + report.Format("15:04") + " Uhr" + deAsOf(now)
}
func (de) CountdownPassed(tests, report, now time.Time, reportPassed bool) string {
	s := "Tests bis " + de{}.Weekday(tests) + " " + tests.Format("15:04") + " Uhr (vorbei), Probleme melden bis " + report.Format("15:04") + " Uhr"
	if reportPassed {
		s += " (vorbei)"
	}
	return s + deAsOf(now)
}

// deAsOf dates a statement that would change with time (a mail is read
// later than it is written).
func deAsOf(now time.Time) string { return " (Stand: " + de{}.DateTime(now) + " Uhr)" }
func (de) RestoreText(lostSince, now time.Time, lost time.Duration, sameDay bool, costEUR int) string {
	since := de{}.Weekday(lostSince) + " " + lostSince.Format("15:04") + " Uhr"
	switch daysBetween(lostSince, now) {
	case 0:
		since = "heute " + lostSince.Format("15:04") + " Uhr"
	case 1:
		since = "gestern " + lostSince.Format("15:04") + " Uhr"
	}
	s := fmt.Sprintf("Spielt der Partner sein Server-Backup ein, gehen die Änderungen der letzten %s verloren (alle seit %s).",
		hm(lost, "Std.", "Min."), since)
	if sameDay {
		s += " Heute, am Tag des Updates, ist die Wiederherstellung kostenlos."
	} else {
		s += fmt.Sprintf(" Da das Update nicht von heute ist, ist das Backup von vor dem Update älter als einen Tag: Die Wiederherstellung kostet pauschal %d €.", costEUR)
	}
	return s
}
func (de) RestoreLoss(lostSince, now time.Time, sameDay bool, costEUR int) string {
	s := "dabei gehen alle Änderungen seit " + de{}.Weekday(lostSince) + " " + lostSince.Format("15:04") + " Uhr verloren" + deAsOf(now) + "."
	if sameDay {
		return s + " Wird sie am Tag des Updates angefordert, ist die Wiederherstellung kostenlos."
	}
	return s + fmt.Sprintf(" Das Update liegt mehr als einen Tag zurück, das Backup von davor ist also älter als einen Tag: Die Wiederherstellung kostet pauschal %d €.", costEUR)
}
func (de) ReportServerRestore() string { return "Server-Backup des Partners einspielen" }
func (de) InstallGuardReopened(now time.Time) string {
	return "Es ist inzwischen " + now.Format("15:04") + " Uhr (" + de{}.Weekday(now) + "). Die Startzeit wird vor der Installation noch einmal geprüft."
}
func (de) BackupStale(made time.Time) string {
	return "Das eigene Backup stammt vom " + made.Format("02.01.2006 15:04") + " Uhr, nicht von heute. Vor der Installation ist ein neues Backup nötig."
}

// ---- install

func (de) BackupDumpMissing() string {
	return "Achtung: Das Backup enthält keinen Datenbank-Dump (mysqldump ist abgeschaltet oder nicht verfügbar). Ohne Dump sichert es keine Daten."
}
func (de) BackupFailed(detail string) string { return "Das Backup ist fehlgeschlagen: " + detail }
func (de) VersionWarningsExplained(names string) string {
	s := "1CRM warnt, weil Erweiterungen für eine ältere 1CRM-Version gebaut wurden. Das ist bei Core-Updates üblich; meist funktionieren die Erweiterungen weiter. Testen Sie sie danach gezielt."
	if names != "" {
		s += " Betroffen sind vermutlich: " + names + "."
	}
	return s
}
func (de) OtherWarningsExplained() string {
	return "Der Upgrade-Manager meldet Warnungen. Lesen Sie sie; weiter geht es nur, wenn Sie sie ausdrücklich akzeptieren."
}
func (de) PrepareErrors() string {
	return "Die Vorbereitung meldet Fehler; installiert wird so nicht. Beheben Sie die Ursache (Meldung unten) oder wenden Sie sich an den Partner."
}
func (de) InstallResumable() string {
	return "Die Installation wurde unterbrochen, während 1CRM sie ausführte. Der Assistent setzt sie an der unterbrochenen Stelle fort; sie wird nicht ein zweites Mal gestartet."
}

func (de) ConfirmKept() string {
	return "Die Bestätigung der Warnungen wurde unterbrochen. Ihre Zustimmung bleibt gültig: Vor der Installation prüft der Assistent die Vorbereitung mit denselben Bestätigungen noch einmal."
}
func (de) InstallStuck(support string) string {
	return "Die Installation wurde unterbrochen und hängt: 1CRM meldet weiterhin eine laufende Installation. Der Assistent startet sie kein zweites Mal. " +
		"Was tun: Öffnen Sie im Browser Administration › Upgrade-Assistent und sehen Sie nach, ob die Installation weiterläuft oder einen Fehler zeigt – starten Sie sie auch dort nicht erneut. " +
		"Melden Sie es dann dem Partner (" + support + ") mit dem Bericht dieses Laufs; der Partner kann die Installation abschließen oder zurücksetzen."
}
func (de) InstallIncomplete(running, want, support string) string {
	return "Das Paket steht als installiert in der Liste, aber 1CRM läuft noch mit Version " + running + " statt " + want + ": Die Installation ist nicht fertig geworden. " +
		"Der Assistent installiert es nicht von sich aus erneut. Melden Sie es dem Partner (" + support + ") mit dem Bericht dieses Laufs."
}
func (de) AdoptedRun(runID string, started time.Time, items []string) string {
	return "Der frühere Lauf " + runID + " (begonnen " + de{}.DateTime(started) + ") wurde nicht abgeschlossen und hat auf dem Server hinterlassen: " +
		strings.Join(items, "; ") + ". Dieser Lauf übernimmt das und gleicht es zuerst mit dem Server ab – kein zweites Backup, keine zweite Installation."
}
func (de) Leftover(kind, stage, detail string) string {
	on := " auf dem " + stage
	switch kind {
	case "backup":
		return "Backup " + detail + on
	case "backup_confirmed":
		return "ein im Browser gemachtes Backup" + on + " (vom Admin bestätigt, vom Assistenten nicht geprüft)"
	case "uploaded":
		return detail + on + " hochgeladen"
	case "prepared":
		return detail + on + " hochgeladen und vorbereitet"
	case "installed":
		return detail + on + " installiert, noch nicht getestet"
	case "backup_started":
		return "ein gestartetes, nicht bestätigtes Backup" + on
	case "upload":
		return "ein begonnenes, nicht bestätigtes Hochladen von " + detail + on
	case "delete_upload":
		return "das unterbrochene Löschen eines alten Uploads" + on
	case "install":
		return "eine gestartete, nicht bestätigte Installation von " + detail + on
	}
	return de{}.Unconfirmed(kind, stage)
}
func (de) InstallNotFound() string {
	return "Das Paket ist weder hochgeladen noch installiert; es muss erneut hochgeladen werden."
}

// ---- smoke

func (de) CheckReachable(ok bool, d string) string {
	return okText(ok, "Instanz erreichbar", "Instanz nicht erreichbar: "+d)
}
func (de) CheckVersion(want, got string, ok bool) string {
	if ok {
		return "Version ist jetzt " + got
	}
	return "Version ist " + got + ", erwartet " + want
}
func (de) CheckProducts(ok bool) string {
	return okText(ok, "Lizenzierte Produkte unverändert", "Die gemeldeten Produkte haben sich geändert")
}
func (de) CheckInstalled(pkg string, ok bool) string {
	return okText(ok, pkg+" steht unter „Installierte Pakete“", pkg+" fehlt unter „Installierte Pakete“")
}
func (de) CheckInProgress(stuck bool) string {
	return okText(!stuck, "Keine Installation hängt", "1CRM meldet noch eine laufende Installation")
}
func (de) CheckLogin(ok bool, d string) string {
	return okText(ok, "Admin-Anmeldung funktioniert", "Admin-Anmeldung scheitert: "+d)
}
func (de) CheckMe(ok bool, d string) string {
	return okText(ok, "API-Anmeldung (/me) funktioniert", "API-Anmeldung (/me) scheitert: "+d)
}
func (de) CheckRecord(ok bool, d string) string {
	return okText(ok, "Datensatz lesbar ("+d+")", "Datensatz nicht lesbar: "+d)
}
func (de) CheckPDF(ok bool, d string) string {
	return okText(ok, "PDF-Ausgabe funktioniert ("+d+")", "PDF-Ausgabe scheitert: "+d)
}
func (de) CheckRecordCount(before, after int) string {
	if before == after {
		return fmt.Sprintf("Anzahl der Firmen unverändert (%d)", after)
	}
	return fmt.Sprintf("Anzahl der Firmen hat sich geändert: vorher %d, jetzt %d – prüfen, ob das an Eingaben während des Updates liegt", before, after)
}
func (de) CheckRecordCountUnknown() string {
	return "Anzahl der Firmen vor dem Update unbekannt; kein Vergleich möglich"
}

// ---- refusals

func (de) NotDue(action, due string) string {
	return "„" + action + "“ ist jetzt nicht dran; als Nächstes kommt: " + due + "."
}
func (de) NoRun() string { return "Es läuft kein Durchgang: erst fortsetzen oder neu beginnen." }
func (de) NotConnected(stage string) string {
	return "Keine Verbindung zum " + stage + "; bitte zuerst verbinden."
}
func (de) Blocked() string {
	return "Die Vorabprüfung hat einen Stopp ergeben; es wird nichts verändert."
}
func (de) NeedDeployment() string {
	return "Bitte zuerst bestätigen, ob 1CRM in der Cloud oder auf einem eigenen Server läuft."
}
func (de) NoPackage() string      { return "Es ist noch kein Update-Paket gewählt." }
func (de) PackageInvalid() string { return "Das gewählte Paket hat die Prüfung nicht bestanden." }
func (de) NoTestSystem() string {
	return "Für Weg A wird ein Testsystem gebraucht; es ist keines angegeben."
}
func (de) BackupMandatory() string {
	return "Ohne Testsystem ist ein eigenes Backup Pflicht; es lässt sich nicht überspringen."
}
func (de) NeedReason() string {
	return "Bitte eine Begründung angeben; sie wird im Protokoll vermerkt."
}
func (de) StartRefusedNeedsOverride() string {
	return "Nach 15:00 Uhr geht es nur mit ausdrücklicher Begründung weiter – oder morgen früh."
}
func (de) NotUploaded() string { return "Das Paket ist noch nicht hochgeladen." }
func (de) NotPrepared() string { return "Die Installation ist noch nicht vorbereitet." }
func (de) WarningsNotAccepted() string {
	return "Die Warnungen des Upgrade-Managers müssen erst ausdrücklich akzeptiert werden."
}
func (de) NoWarnings() string { return "Es gibt keine Warnungen zu akzeptieren." }
func (de) PrepareHasErrors() string {
	return "Die Vorbereitung hat Fehler gemeldet; so wird nicht installiert."
}
func (de) ChecklistOpen(n int) string {
	if n == 1 {
		return "1 Testpunkt ist noch offen. Jeder Punkt braucht eine Antwort."
	}
	return fmt.Sprintf("%d Testpunkte sind noch offen. Jeder Punkt braucht eine Antwort.", n)
}
func (de) ProblemNeedsNote() string     { return "Bitte beschreiben Sie das Problem kurz." }
func (de) UnknownItem(id string) string { return "Unbekannter Testpunkt: " + id }
func (de) UnknownAnswer(s string) string {
	return "Unbekannte Antwort „" + s + "“ (möglich: funktioniert, Problem, nicht zutreffend)."
}
func (de) TestNotPassed() string {
	return "Live kommt erst dran, wenn der Test auf dem Testsystem vollständig und ohne Probleme ist."
}
func (de) Busy() string        { return "Es läuft gerade schon eine Aktion." }
func (de) RunFinished() string { return "Dieser Durchgang ist abgeschlossen." }

// ---- mails

func (de) RefreshSubject(liveURL string) string {
	return "Bitte Testsystem auf Live-Stand bringen (" + liveURL + ")"
}
func (de) RefreshBody(liveURL, testURL, liveVersion, testVersion, target, user string) string {
	return fmt.Sprintf(`Guten Tag,

wir möchten ein 1CRM-Update zuerst auf unserem Testsystem prüfen. Bitte
aktualisieren Sie dafür das Testsystem auf den aktuellen Stand des Live-Systems.

Live-System: %s (Version %s)
Testsystem:  %s (Version %s)
Geplantes Update: %s

Geben Sie uns bitte kurz Bescheid, sobald das erledigt ist.

Viele Grüße
%s
`, liveURL, liveVersion, testURL, testVersion, target, user)
}
func (de) ProblemSubject(url, stage string) string {
	return "Probleme nach 1CRM-Update (" + stage + ", " + url + ")"
}
func (de) ProblemIntro(stage, url, before, after string) string {
	return fmt.Sprintf("Guten Tag,\n\nnach dem 1CRM-Update auf dem %s (%s, Version %s → %s) haben wir Folgendes festgestellt:", stage, url, before, after)
}
func (de) ProblemIntroBeforeInstall(stage, url, version string) string {
	return fmt.Sprintf("Guten Tag,\n\nbei der Vorbereitung des 1CRM-Updates für das %s (%s, Version %s) kommen wir nicht weiter:", stage, url, version)
}
func (de) ProblemListTitle() string { return "Gefundene Probleme:" }
func (de) ProblemLiveUntouched() string {
	return "Das Live-System haben wir nicht angefasst; das Update bleibt dort zurückgestellt, bis die Probleme geklärt sind."
}
func (de) ProblemRestoreOptions(own OwnBackup, loss string) string {
	s := "Mögliche Wege:\n"
	switch {
	case own.Name != "":
		s += "- Unser eigenes Backup " + own.Name + " einspielen (nach Ihrer Anleitung „Backup einspielen“) – falls wir das nicht selbst können, bitten wir Sie darum.\n"
	case own.Confirmed:
		s += "- Unser eigenes Backup einspielen: " + ownBackupDE(own) + ". Bitte prüfen Sie vorher, ob es dort steht (nach Ihrer Anleitung „Backup einspielen“) – falls wir das Einspielen nicht selbst können, bitten wir Sie darum.\n"
	}
	s += "- Ihr Server-Backup einspielen: " + loss + "\n"
	s += "- Statt einer Wiederherstellung die Probleme in den nächsten 1–2 Wochen reparieren (Abrechnung nach Aufwand).\n"
	return s
}

// ownBackupDE words a backup made in the browser that the wizard did not
// see; the admin's note is quoted as theirs.
func ownBackupDE(own OwnBackup) string {
	if own.Name != "" {
		return own.Name
	}
	s := "im Browser erstellt – vom Admin bestätigt, vom Assistenten nicht geprüft (im Backup-Verlauf hat er es nicht gesehen; Name und Zeit stehen in 1CRM unter Administration › Backup Management)"
	if own.Note != "" {
		s += "; Vermerk des Admins: „" + own.Note + "“"
	}
	return s
}
func (de) ProblemNothingInstalled() string {
	return "Installiert wurde noch nichts; das System läuft unverändert mit der bisherigen Version."
}
func (de) ProblemAsk() string { return "Bitte melden Sie sich, wie wir vorgehen sollen." }
func (de) ReportEnclosed(runID string) string {
	return "Im Anhang finden Sie die Datei " + BundleFile(runID) + " mit Bericht, Protokoll, gespeicherten Seiten und Journal des Assistenten."
}
func (de) MailGreeting(user string) string { return "Viele Grüße\n" + user + "\n" }

func (de) ProblemDeadline(line string) string {
	return "Zeitrahmen laut Absprache: " + line + "."
}
func (de) DoneSubject(url string) string { return "1CRM-Update abgeschlossen (" + url + ")" }
func (de) DoneBody(url, before, after, byHand string) string {
	if byHand != "" {
		byHand = "\n\n" + strings.TrimRight(byHand, "\n")
	}
	return fmt.Sprintf("Guten Tag,\n\ndas 1CRM-Update auf %s (Version %s → %s) ist eingespielt und getestet; alle Testpunkte sind beantwortet, Probleme gab es keine.%s", url, before, after, byHand)
}
func (de) MailManualTitle() string { return "An den Admin im Browser übergebene Schritte:" }

func (de) FinishSubject(url, before, after string, problems bool) string {
	if problems {
		return "1CRM-Update mit Problemen beendet (" + url + ", " + before + " → " + after + ")"
	}
	if after == "" || after == before {
		return "1CRM-Update abgeschlossen (" + url + ")"
	}
	return "1CRM-Update abgeschlossen (" + url + ", " + before + " → " + after + ")"
}
func (de) FinishReportFollows(runID string) string {
	return "Den Bericht des Assistenten habe ich unten eingefügt; im Anhang finden Sie die Datei " + BundleFile(runID) +
		" mit Bericht, Protokoll, gespeicherten Seiten und Journal."
}

// ---- report

func (de) ReportTitle() string { return "1CRM-Update – Protokoll" }
func (de) ReportRun(id string, started time.Time) string {
	return "Durchgang " + id + ", begonnen " + started.Format("02.01.2006 15:04")
}
func (de) ReportSectionInstance() string  { return "Instanz" }
func (de) ReportSectionPackage() string   { return "Paket" }
func (de) ReportSectionBackup() string    { return "Backup" }
func (de) ReportSectionSteps() string     { return "Schritte" }
func (de) ReportSectionSmoke() string     { return "Automatische Prüfungen" }
func (de) ReportSectionChecklist() string { return "Testliste" }
func (de) ReportSectionErrors() string    { return "Fehler" }
func (de) ReportSectionDeadlines() string { return "Fristen" }
func (de) ReportSectionMail() string      { return "Nachricht an den Partner" }
func (de) ReportSectionNotes() string     { return "Vorabprüfung und Hinweise" }
func (de) LabelInline(key string) string  { return de{}.Label(key) }
func (de) StageHead(stage string) string  { return de{}.StageName(stage) }
func (de) Label(key string) string {
	switch key {
	case "url":
		return "Adresse"
	case "test_url":
		return "Testsystem"
	case "edition":
		return "Edition"
	case "deployment":
		return "Betrieb"
	case "version_before":
		return "Version vorher"
	case "version_after":
		return "Version nachher"
	case "path":
		return "Vorgehen"
	case "user":
		return "Admin-Benutzer"
	case "insecure":
		return "TLS-Prüfung abgeschaltet (--insecure)"
	case "file":
		return "Datei"
	case "size":
		return "Größe"
	case "name":
		return "Name"
	case "version":
		return "Version"
	case "type":
		return "Typ"
	case "time":
		return "Zeit"
	case "skipped":
		return "übersprungen"
	case "mailto":
		return "mailto-Link"
	case "wizard":
		return "Assistent"
	case "step":
		return "Schritt"
	case "result":
		return "Ergebnis"
	case "to":
		return "An"
	case "subject":
		return "Betreff"
	case "status":
		return "Status"
	}
	return key
}
func (de) ReportNone() string { return "–" }

func deploymentShortDE(d string) string {
	switch d {
	case "cloud":
		return "Cloud"
	case "onprem":
		return "On-Premise"
	}
	return "unbekannt"
}

func (de) Size(n int64) string { return bytesize.IEC(n, true) }
