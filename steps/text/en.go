package text

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/visual4/1crm-update/crmclient/bytesize"
)

// en is the English table.
type en struct{}

func (en) Lang() string { return "en" }

// ---- formats

func (en) DateTime(t time.Time) string     { return t.Format("2 Jan 2006 15:04") }
func (en) Date(t time.Time) string         { return t.Format("2 Jan 2006") }
func (en) Clock(t time.Time) string        { return t.Format("15:04") }
func (en) Weekday(t time.Time) string      { return t.Format("Monday, 2 Jan") }
func (en) DayName(t time.Time) string      { return t.Format("Monday") }
func (en) Duration(d time.Duration) string { return hm(d, "h", "min") }

// ---- names

func (en) StepName(id string) string {
	switch id {
	case "connect":
		return "Connect"
	case "preflight":
		return "Preflight check"
	case "package":
		return "Update package"
	case "path":
		return "Choose the path"
	case "refresh_request":
		return "Have the test system refreshed"
	case "parity":
		return "Compare test and live"
	case "time_guard":
		return "Check the start time"
	case "backup":
		return "Backup"
	case "install":
		return "Install"
	case "smoke":
		return "Automatic checks"
	case "checklist":
		return "Test checklist"
	case "go_live":
		return "Release for live"
	case "problems":
		return "Report problems"
	case "done":
		return "Finish"
	}
	return id
}

func (en) StageName(s string) string {
	switch s {
	case "test":
		return "test system"
	case "live":
		return "live system"
	}
	return s
}

func (en) PathName(p string) string {
	switch p {
	case "A":
		return "Path A: test system first, then live"
	case "B":
		return "Path B: own backup, then live"
	}
	return "not chosen yet"
}

func (en) EditionName(e string) string { return editionName(e, "unknown") }

func (en) DeploymentName(d string) string {
	switch d {
	case "cloud":
		return "Cloud (hosted by the partner)"
	case "onprem":
		return "On-premise (own server)"
	}
	return "not confirmed"
}

func (en) AnswerName(s string) string {
	switch s {
	case "passed":
		return "works"
	case "problem":
		return "problem"
	case "na":
		return "not applicable"
	}
	return "open"
}

func (en) LevelName(l string) string {
	switch l {
	case "ok":
		return "OK"
	case "warn":
		return "Note"
	case "block":
		return "Stop"
	}
	return "Info"
}

// ---- preflight

func (en) EditionTitle(e string) string { return "Edition: " + editionName(e, "unknown") }
func (en) EditionEntitled(e, d string) string {
	return fmt.Sprintf("The %s edition receives update packages.", editionName(e, "?"))
}
func (en) EditionUnknown() string {
	return "Neither the API nor the license page revealed the edition."
}
func (en) EditionUnknownAdvice() string {
	return "Look up the licensed products under Administration › License Information and ask your partner if in doubt."
}
func (en) NotEntitled(e, d string) string {
	return fmt.Sprintf("There are no update packages for %s (%s).", editionName(e, "?"), deploymentShortEN(d))
}
func (en) NotEntitledAdvice() string {
	return "Updating needs a paid edition or a fresh installation. Talk to your partner."
}
func (en) RouteVendorWebsite() string {
	return "Startup on-premise: 1CRM offers no update package. The new version comes as a ZIP file from the vendor's website."
}
func (en) RouteVendorWebsiteAdvice() string {
	return "Download the new version's ZIP from the vendor's website and give it here as a local file. It is installed like an extension."
}
func (en) RoutePartnerZIP() string {
	return "Startup in the cloud: your partner sends you the update package (by e-mail or download link)."
}
func (en) RoutePartnerZIPAdvice(mail string) string {
	return "If you do not have the ZIP yet, ask " + mail + " for it and then give it here as a local file."
}
func (en) RouteLicensePage(n int) string {
	if n == 1 {
		return "The license page offers 1 update; the wizard can download it directly."
	}
	return fmt.Sprintf("The license page offers %d updates; the wizard can download them directly.", n)
}
func (en) RouteLicensePageNone() string {
	return "The license page lists no update at the moment."
}
func (en) RouteLicensePageAdvice() string {
	return "You can give a ZIP file you already have instead."
}
func (en) DeploymentAsk(guess string) string {
	return "Does this 1CRM run in the partner's cloud or on your own server? The interface cannot tell for sure (guess: " + deploymentShortEN(guess) + "). Please confirm."
}
func (en) SupportTitle() string { return "Update subscription" }
func (en) SupportActive(end string, days int) string {
	return fmt.Sprintf("The update subscription runs until %s (%d days left).", end, days)
}
func (en) SupportExpiring(end string, days int) string {
	return fmt.Sprintf("The update subscription ends soon: on %s, in %d days.", end, days)
}
func (en) SupportExpiringAdvice() string {
	return "That is why 1CRM shows the orange triangle. It concerns only receiving updates, not the support your partner gives you. Plan the renewal in time."
}
func (en) SupportTrial(end string, days int) string {
	return fmt.Sprintf("Trial license until %s (%d days left).", end, days)
}
func (en) SupportExpired(end string) string {
	return "The update subscription has expired (" + end + "). 1CRM's upgrade manager then accepts no packages."
}
func (en) SupportExpiredAdvice() string {
	return "Renew the update subscription first (through your partner), log in to 1CRM again and restart the wizard. Nothing is changed until then."
}
func (en) SupportNone() string {
	return "The license page shows no update subscription information."
}
func (en) SupportNoneAdvice() string {
	return "Without a valid update subscription the install may fail. Check the status with your partner if in doubt."
}
func (en) VersionTitle() string             { return "Installed version" }
func (en) VersionInstalled(v string) string { return "1CRM reports version " + v + "." }
func (en) ExtensionsTitle() string          { return "Extensions" }
func (en) ExtensionsNone() string           { return "No extensions installed." }
func (en) ExtensionsFound(n int, names string) string {
	return Count(n, "extension", "extensions") + " installed: " + names + ". A core update will probably show version warnings for them; that is normal."
}
func (en) UploadDisabled() string {
	return "Package uploads are switched off on this hosted installation."
}
func (en) UploadDisabledAdvice(mail string) string {
	return "The wizard hands the install to you in the browser: through Administration › License and Support if 1CRM offers the update there, otherwise your partner or hoster installs it (" + mail + "). The wizard then checks the outcome."
}
func (en) UpgradeInProgress() string { return "1CRM reports an install in progress." }
func (en) UpgradeInProgressAdvice() string {
	return "An earlier install may not have finished. Check the upgrade manager before you go on."
}
func (en) LicenseUnreadable(detail string) string {
	return "The license page could not be read: " + detail
}
func (en) LicenseUnreadableAdvice() string {
	return "Open Administration › License Information in the browser and check edition and update subscription yourself."
}

// ---- package

func (en) PackageTitle() string { return "Update package" }
func (en) PackageOK(name, version, sha string) string {
	return fmt.Sprintf("%s, version %s, checked. SHA-256: %s", name, version, sha)
}
func (en) PackageUnreadable(detail string) string {
	return "The file is not a valid 1CRM package: " + detail
}
func (en) PackageUnreadableAdvice() string {
	return "Check that the download is complete and fetch the file again if needed."
}
func (en) PackageNotAccepted(installed, expected string) string {
	return "The package does not fit the installed version " + installed + ": it names only these versions as suitable: " + expected + "."
}
func (en) PackageNotAcceptedAdvice() string {
	return "Get the package meant for your installed version, or update in intermediate steps."
}
func (en) PackageUncertain(installed, why string) string {
	return "Whether the package fits version " + installed + " cannot be said for sure: " + why + " The upgrade manager checks it again on upload."
}
func (en) PackageNotNewer(pkg, installed string) string {
	return "The package (" + pkg + ") is not newer than the installed version " + installed + "."
}
func (en) PackageNotNewerAdvice() string {
	return "This update is already installed or older. Check that you chose the right file."
}
func (en) PackageNotCore(typ string) string {
	return "The package is not a 1CRM core update (type \"" + typ + "\"). It is installed like an extension; the version check after the install is skipped."
}
func (en) PackageExtensionsAffected(names string) string {
	return "May show version warnings: " + names + "."
}
func (en) PackageExtensionsUnknown() string {
	return "Whether these extensions declare support for the new version is in their manifests, which 1CRM does not hand out. So they are listed as a precaution."
}
func (en) ListedNotForRoute(route string) string {
	switch route {
	case "vendor_website":
		return "The License page lists an update, but for Startup on your own server the new version comes from the vendor's website. Download it there and give the ZIP file here; the wizard does not offer the list in 1CRM."
	case "partner_zip":
		return "The License page lists an update, but for Startup in the cloud your partner sends you the ZIP file. Give that file here; the wizard does not offer the list in 1CRM."
	}
	return "This update is not offered on this route."
}
func (en) DownloadNotListed() string {
	return "Only updates listed on this instance's License page are downloaded."
}
func (en) PackageExtensionsWillWarn(names, target string) string {
	return "By their manifests these extensions do not name version " + target + "; 1CRM will show a version warning for them: " + names + ". This is usual with core updates."
}
func (en) PackageExtensionsCompatible(names, target string) string {
	return "By their manifests these extensions already support version " + target + ": " + names + "."
}
func (en) DownloadFailed(detail string) string { return "The download failed: " + detail }

// ---- path, parity

func (en) PathRecommendA() string {
	return "You have a test system: path A is recommended – install and test there first, then on live."
}
func (en) PathRecommendB() string {
	return "Without a test system path B applies: make an own backup, install on live and test the same day."
}
func (en) ParityVersionsDiffer(live, test string) string {
	return "Live runs version " + live + ", the test system " + test + "."
}
func (en) ParityMissing(list string) string { return "Missing on the test system: " + list + "." }
func (en) ParityExtra(list string) string   { return "Only on the test system: " + list + "." }
func (en) ParityOK(version string) string {
	return "Test system and live match (version " + version + ", same extensions)."
}
func (en) ParityAdvice() string {
	return "The test system does not seem to mirror live. Ask the partner again for a refresh – otherwise the tests say little about live."
}
func (en) TwinSuspected(licensee string, userLimit int, supportEnd string) string {
	return fmt.Sprintf("Live and the test system report the same version, products and licence data (licensee %s, %d users, support until %s, same licence history). "+
		"Are these really two different systems?", orDashEN(licensee), userLimit, orDashEN(supportEnd))
}
func (en) TwinAdvice() string {
	return "A fresh copy of live looks like this – but so does live itself under a second address. Check in the browser that the test address shows the test system " +
		"(e.g. a record you changed only there). If both lead to live, stop and start again with the right --test-url: otherwise the \"test\" install would run on live, without a backup."
}
func (en) NoTwinQuestion() string {
	return "There is no question about the test system to answer."
}
func (en) TestIsLive(live, test string) string {
	return "The test system " + test + " is the live system " + live + " under another spelling. A test install there would run on live, without a backup. Give the test system's own address (--test-url)."
}
func orDashEN(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
func (en) NoticeReconciled(action, result string) string {
	return "Checked with the server after the interruption: " + action + " – " + result + "."
}
func (en) NoticeBackupPending(wait string) string {
	return "The backup the interrupted run started is not in 1CRM's backup history yet – 1CRM may still be writing it. The backup step watches for it (up to " + wait + ") before it would start another one."
}
func (en) NoticeInterrupted(action string) string {
	return "The step \"" + action + "\" was interrupted and, according to the server, did not happen; you can start it again."
}

// ---- time guard, countdown, restore

func (en) StartOK(deadline time.Time, left time.Duration) string {
	return fmt.Sprintf("%s left until testing ends at %s – enough time.", hm(left, "h", "min"), deadline.Format("15:04"))
}
func (en) StartLate(deadline time.Time, left time.Duration, next time.Time) string {
	return fmt.Sprintf("Only %s left for testing before %s. Better: continue on %s at %s.",
		hm(left, "h", "min"), deadline.Format("15:04"), en{}.Weekday(next), next.Format("15:04"))
}
func (en) StartWeekend(now, tests, report time.Time, left time.Duration, late bool, next time.Time) string {
	remaining := hm(left, "h", "min") + " left"
	if late {
		remaining = "only " + remaining
	}
	return fmt.Sprintf("It is %s: at the weekend the partner is normally not reachable to restore a backup or repair anything. "+
		"Starting on a working day is safer: %s at %s. If you go on today, the deadlines of the same day apply: "+
		"tests done by %s (%s), problems reported by %s.",
		en{}.DayName(now), en{}.Weekday(next), next.Format("15:04"), tests.Format("15:04"), remaining, report.Format("15:04"))
}
func (en) StartRefused(deadline time.Time, next time.Time) string {
	return fmt.Sprintf("It is past %s: no time is left to test today. Continue on %s at %s or state explicitly why it has to be now.",
		deadline.Format("15:04"), en{}.Weekday(next), next.Format("15:04"))
}
func (en) StartWeekendRefused(now, deadline, next time.Time) string {
	return fmt.Sprintf("It is %s and past %s: no time is left to test today, and at the weekend the partner is normally not reachable. "+
		"Continue on %s at %s or state explicitly why it has to be now.",
		en{}.DayName(now), deadline.Format("15:04"), en{}.Weekday(next), next.Format("15:04"))
}
func (en) StartOverridden(reason string) string {
	return "Late install despite the warning, reason: " + reason
}
func (en) CountdownLine(tests, report, now time.Time) string {
	return "Tests until " + en{}.Weekday(tests) + " " + tests.Format("15:04") + ", problems reported by " + report.Format("15:04") + enAsOf(now)
}
func (en) CountdownPassed(tests, report, now time.Time, reportPassed bool) string {
	s := "Tests until " + en{}.Weekday(tests) + " " + tests.Format("15:04") + " (passed), problems reported by " + report.Format("15:04")
	if reportPassed {
		s += " (passed)"
	}
	return s + enAsOf(now)
}

// enAsOf dates a statement that would change with time (a mail is read
// later than it is written).
func enAsOf(now time.Time) string { return " (as of " + en{}.DateTime(now) + ")" }
func (en) RestoreText(lostSince, now time.Time, lost time.Duration, sameDay bool, costEUR int) string {
	since := en{}.Weekday(lostSince) + " " + lostSince.Format("15:04")
	switch daysBetween(lostSince, now) {
	case 0:
		since = "today " + lostSince.Format("15:04")
	case 1:
		since = "yesterday " + lostSince.Format("15:04")
	}
	s := fmt.Sprintf("If the partner restores its server backup, the changes of the last %s are lost (everything since %s).",
		hm(lost, "h", "min"), since)
	if sameDay {
		s += " Today, on the day of the update, the restore is free of charge."
	} else {
		s += fmt.Sprintf(" As the update is not from today, the backup from before it is older than one day: the restore costs a flat %d €.", costEUR)
	}
	return s
}
func (en) RestoreLoss(lostSince, now time.Time, sameDay bool, costEUR int) string {
	s := "this loses every change since " + en{}.Weekday(lostSince) + " " + lostSince.Format("15:04") + enAsOf(now) + "."
	if sameDay {
		return s + " Requested on the day of the update, the restore is free of charge."
	}
	return s + fmt.Sprintf(" The update is more than a day old, so the backup from before it is older than one day: the restore costs a flat %d €.", costEUR)
}
func (en) ReportServerRestore() string { return "Restoring the partner's server backup" }
func (en) InstallGuardReopened(now time.Time) string {
	return "It is now " + now.Format("15:04") + " (" + en{}.Weekday(now) + "). The start time is checked again before the install."
}
func (en) BackupStale(made time.Time) string {
	return "The own backup is from " + en{}.DateTime(made) + ", not from today. A new backup is needed before the install."
}

// ---- install

func (en) BackupDumpMissing() string {
	return "Warning: the backup holds no database dump (mysqldump is off or unavailable). Without a dump it saves no data."
}
func (en) BackupFailed(detail string) string { return "The backup failed: " + detail }
func (en) VersionWarningsExplained(names string) string {
	s := "1CRM warns because extensions were built for an older 1CRM version. That is usual with core updates; the extensions mostly keep working. Test them specifically afterwards."
	if names != "" {
		s += " Probably concerned: " + names + "."
	}
	return s
}
func (en) OtherWarningsExplained() string {
	return "The upgrade manager reports warnings. Read them; the install goes on only when you accept them explicitly."
}
func (en) PrepareErrors() string {
	return "The preparation reports errors; nothing is installed like this. Fix the cause (message below) or contact the partner."
}
func (en) InstallResumable() string {
	return "The install was interrupted while 1CRM was running it. The wizard continues it where it stopped; it is not started a second time."
}

func (en) ConfirmKept() string {
	return "Confirming the warnings was interrupted. Your acceptance stands: before the install the wizard runs the preparation once more with the same confirmations."
}
func (en) InstallStuck(support string) string {
	return "The install was interrupted and is stuck: 1CRM still reports an install in progress. The wizard does not start it a second time. " +
		"What to do: open Administration › Upgrade Wizard in the browser and look whether the install goes on or shows an error – do not start it there again either. " +
		"Then report it to the partner (" + support + ") with this run's report; the partner can finish or reset the install."
}
func (en) InstallIncomplete(running, want, support string) string {
	return "The package is listed as installed, but 1CRM still runs version " + running + " instead of " + want + ": the install did not finish. " +
		"The wizard does not install it again on its own. Report it to the partner (" + support + ") with this run's report."
}
func (en) AdoptedRun(runID string, started time.Time, items []string) string {
	return "The earlier run " + runID + " (started " + en{}.DateTime(started) + ") did not finish and left this on the server: " +
		strings.Join(items, "; ") + ". This run takes it over and checks it with the server first – no second backup, no second install."
}
func (en) Leftover(kind, stage, detail string) string {
	on := " on the " + stage
	switch kind {
	case "backup":
		return "backup " + detail + on
	case "backup_confirmed":
		return "a backup made in the browser" + on + " (confirmed by the admin, not verified by the wizard)"
	case "uploaded":
		return detail + " uploaded" + on
	case "prepared":
		return detail + " uploaded and prepared" + on
	case "installed":
		return detail + " installed" + on + ", not yet tested"
	case "backup_started":
		return "a backup" + on + " that was started and not confirmed"
	case "upload":
		return "an upload of " + detail + on + " that was started and not confirmed"
	case "delete_upload":
		return "the removal of an old upload" + on + ", interrupted"
	case "install":
		return "an install of " + detail + on + " that was started and not confirmed"
	}
	return en{}.Unconfirmed(kind, stage)
}
func (en) InstallNotFound() string {
	return "The package is neither uploaded nor installed; it has to be uploaded again."
}

// ---- smoke

func (en) CheckReachable(ok bool, d string) string {
	return okText(ok, "Instance reachable", "Instance not reachable: "+d)
}
func (en) CheckVersion(want, got string, ok bool) string {
	if ok {
		return "Version is now " + got
	}
	return "Version is " + got + ", expected " + want
}
func (en) CheckProducts(ok bool) string {
	return okText(ok, "Licensed products unchanged", "The reported products changed")
}
func (en) CheckInstalled(pkg string, ok bool) string {
	return okText(ok, pkg+" is listed under Installed Packages", pkg+" is missing under Installed Packages")
}
func (en) CheckInProgress(stuck bool) string {
	return okText(!stuck, "No install is stuck", "1CRM still reports an install in progress")
}
func (en) CheckLogin(ok bool, d string) string {
	return okText(ok, "Admin login works", "Admin login fails: "+d)
}
func (en) CheckMe(ok bool, d string) string {
	return okText(ok, "API login (/me) works", "API login (/me) fails: "+d)
}
func (en) CheckRecord(ok bool, d string) string {
	return okText(ok, "Record readable ("+d+")", "Record not readable: "+d)
}
func (en) CheckPDF(ok bool, d string) string {
	return okText(ok, "PDF output works ("+d+")", "PDF output fails: "+d)
}
func (en) CheckRecordCount(before, after int) string {
	if before == after {
		return fmt.Sprintf("Number of accounts unchanged (%d)", after)
	}
	return fmt.Sprintf("Number of accounts changed: %d before, %d now – check whether entries made during the update explain it", before, after)
}
func (en) CheckRecordCountUnknown() string {
	return "Number of accounts before the update unknown; no comparison possible"
}

// ---- refusals

func (en) NotDue(action, due string) string {
	return "\"" + action + "\" is not due now; next comes: " + due + "."
}
func (en) NoRun() string { return "No run is active: resume or start a new one first." }
func (en) NotConnected(stage string) string {
	return "Not connected to the " + stage + "; connect first."
}
func (en) Blocked() string {
	return "The preflight check found a stop; nothing will be changed."
}
func (en) NeedDeployment() string {
	return "Please confirm first whether 1CRM runs in the cloud or on your own server."
}
func (en) NoPackage() string      { return "No update package chosen yet." }
func (en) PackageInvalid() string { return "The chosen package did not pass the check." }
func (en) NoTestSystem() string {
	return "Path A needs a test system; none is given."
}
func (en) BackupMandatory() string {
	return "Without a test system an own backup is mandatory; it cannot be skipped."
}
func (en) NeedReason() string { return "Please give a reason; it is recorded in the journal." }
func (en) StartRefusedNeedsOverride() string {
	return "After 15:00 the install goes on only with an explicit reason – or tomorrow morning."
}
func (en) NotUploaded() string { return "The package is not uploaded yet." }
func (en) NotPrepared() string { return "The install is not prepared yet." }
func (en) WarningsNotAccepted() string {
	return "The upgrade manager's warnings must be accepted explicitly first."
}
func (en) NoWarnings() string { return "There are no warnings to accept." }
func (en) PrepareHasErrors() string {
	return "The preparation reported errors; nothing is installed like this."
}
func (en) ChecklistOpen(n int) string {
	if n == 1 {
		return "1 test item is still open. Every item needs an answer."
	}
	return fmt.Sprintf("%d test items are still open. Every item needs an answer.", n)
}
func (en) ProblemNeedsNote() string     { return "Please describe the problem briefly." }
func (en) UnknownItem(id string) string { return "Unknown test item: " + id }
func (en) UnknownAnswer(s string) string {
	return "Unknown answer \"" + s + "\" (possible: works, problem, not applicable)."
}
func (en) TestNotPassed() string {
	return "Live comes only after the test on the test system is complete and without problems."
}
func (en) Busy() string        { return "An action is already running." }
func (en) RunFinished() string { return "This run is finished." }

// ---- mails

func (en) RefreshSubject(liveURL string) string {
	return "Please refresh our test system to the live state (" + liveURL + ")"
}
func (en) RefreshBody(liveURL, testURL, liveVersion, testVersion, target, user string) string {
	return fmt.Sprintf(`Hello,

we would like to try a 1CRM update on our test system first. Please
refresh the test system to the current state of the live system.

Live system: %s (version %s)
Test system: %s (version %s)
Planned update: %s

Please let us know when this is done.

Kind regards
%s
`, liveURL, liveVersion, testURL, testVersion, target, user)
}
func (en) ProblemSubject(url, stage string) string {
	return "Problems after the 1CRM update (" + stage + ", " + url + ")"
}
func (en) ProblemIntro(stage, url, before, after string) string {
	return fmt.Sprintf("Hello,\n\nafter the 1CRM update on the %s (%s, version %s → %s) we found the following:", stage, url, before, after)
}
func (en) ProblemIntroBeforeInstall(stage, url, version string) string {
	return fmt.Sprintf("Hello,\n\nwhile preparing the 1CRM update of the %s (%s, version %s) we got stuck:", stage, url, version)
}
func (en) ProblemListTitle() string { return "Problems found:" }
func (en) ProblemLiveUntouched() string {
	return "We have not touched the live system; the update stays on hold there until the problems are solved."
}
func (en) ProblemRestoreOptions(own OwnBackup, loss string) string {
	s := "Possible ways on:\n"
	switch {
	case own.Name != "":
		s += "- Restore our own backup " + own.Name + " (following your guide \"Backup einspielen\") – if we cannot do that ourselves, we ask you to.\n"
	case own.Confirmed:
		s += "- Restore our own backup: " + ownBackupEN(own) + ". Please check first that it is listed there (following your guide \"Backup einspielen\") – if we cannot restore it ourselves, we ask you to.\n"
	}
	s += "- Restore your server backup: " + loss + "\n"
	s += "- Instead of a restore, repair the problems within the next 1–2 weeks (billed by effort).\n"
	return s
}

// ownBackupEN words a backup made in the browser that the wizard did not
// see; the admin's note is quoted as theirs.
func ownBackupEN(own OwnBackup) string {
	if own.Name != "" {
		return own.Name
	}
	s := "made in the browser – confirmed by the admin, not verified by the wizard (it did not see it in the backup history; name and time are in 1CRM under Administration › Backup Management)"
	if own.Note != "" {
		s += "; the admin's note: \"" + own.Note + "\""
	}
	return s
}
func (en) ProblemNothingInstalled() string {
	return "Nothing has been installed yet; the system runs unchanged on its current version."
}
func (en) ProblemAsk() string { return "Please tell us how to proceed." }
func (en) ReportEnclosed(runID string) string {
	return "Attached is the file " + BundleFile(runID) + " with the wizard's report, log, kept pages and journal."
}
func (en) MailGreeting(user string) string { return "Kind regards\n" + user + "\n" }

func (en) ProblemDeadline(line string) string {
	return "Agreed time frame: " + line + "."
}
func (en) DoneSubject(url string) string { return "1CRM update finished (" + url + ")" }
func (en) DoneBody(url, before, after, byHand string) string {
	if byHand != "" {
		byHand = "\n\n" + strings.TrimRight(byHand, "\n")
	}
	return fmt.Sprintf("Hello,\n\nthe 1CRM update on %s (version %s → %s) is installed and tested; every test item is answered and no problems came up.%s", url, before, after, byHand)
}
func (en) MailManualTitle() string { return "Steps handed to the admin in the browser:" }

func (en) FinishSubject(url, before, after string, problems bool) string {
	if problems {
		return "1CRM update ended with problems (" + url + ", " + before + " → " + after + ")"
	}
	if after == "" || after == before {
		return "1CRM update finished (" + url + ")"
	}
	return "1CRM update finished (" + url + ", " + before + " → " + after + ")"
}
func (en) FinishReportFollows(runID string) string {
	return "I have pasted the wizard's report below; attached is the file " + BundleFile(runID) +
		" with the report, log, kept pages and journal."
}

// ---- report

func (en) ReportTitle() string { return "1CRM update – report" }
func (en) ReportRun(id string, started time.Time) string {
	return "Run " + id + ", started " + en{}.DateTime(started)
}
func (en) ReportSectionInstance() string  { return "Instance" }
func (en) ReportSectionPackage() string   { return "Package" }
func (en) ReportSectionBackup() string    { return "Backup" }
func (en) ReportSectionSteps() string     { return "Steps" }
func (en) ReportSectionSmoke() string     { return "Automatic checks" }
func (en) ReportSectionChecklist() string { return "Test checklist" }
func (en) ReportSectionErrors() string    { return "Errors" }
func (en) ReportSectionDeadlines() string { return "Deadlines" }
func (en) ReportSectionMail() string      { return "Message to the partner" }
func (en) ReportSectionNotes() string     { return "Preflight and notices" }
func (en) LabelInline(key string) string  { return lowerFirst(en{}.Label(key)) }
func (en) StageHead(stage string) string  { return upperFirst(en{}.StageName(stage)) }

// lowerFirst and upperFirst change the case of an English label's first
// letter for where it stands in a line.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
func (en) Label(key string) string {
	switch key {
	case "url":
		return "Address"
	case "test_url":
		return "Test system"
	case "edition":
		return "Edition"
	case "deployment":
		return "Deployment"
	case "version_before":
		return "Version before"
	case "version_after":
		return "Version after"
	case "path":
		return "Path"
	case "user":
		return "Admin user"
	case "insecure":
		return "TLS verification off (--insecure)"
	case "file":
		return "File"
	case "size":
		return "Size"
	case "name":
		return "Name"
	case "version":
		return "Version"
	case "type":
		return "Type"
	case "time":
		return "Time"
	case "skipped":
		return "skipped"
	case "mailto":
		return "mailto link"
	case "wizard":
		return "Wizard"
	case "step":
		return "Step"
	case "result":
		return "Result"
	case "to":
		return "To"
	case "subject":
		return "Subject"
	case "status":
		return "Status"
	}
	return key
}
func (en) ReportNone() string { return "–" }

func deploymentShortEN(d string) string {
	switch d {
	case "cloud":
		return "cloud"
	case "onprem":
		return "on-premise"
	}
	return "unknown"
}

func (en) Size(n int64) string { return bytesize.IEC(n, false) }
