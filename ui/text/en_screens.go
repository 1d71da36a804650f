package text

import (
	"fmt"
	"strings"
	"time"
)

// start, resume, report
func (en) TitleStart() string  { return "Start" }
func (en) Starting() string    { return "Preparing the run …" }
func (en) TitleResume() string { return "Continue the unfinished run?" }
func (en) TitleReport() string { return "Support report" }
func (en) ResumeFound(id, started string) string {
	return fmt.Sprintf("There is an unfinished run (%s, started %s).", id, started)
}
func (en) ResumeInstance(url string) string { return "Instance: " + url }
func (en) ResumeDone() string               { return "Already done:" }
func (en) ResumeNext(step string) string    { return "After connecting again, next: " + step }
func (en) ResumePaused() string             { return "paused until the next working day" }
func (en) ResumeContinue() string           { return "Continue this run" }
func (en) ResumeStartOver() string          { return "Start a new run" }
func (en) ResumeStartOverNote(takesOver bool) string {
	if takesOver {
		return "A new run deletes nothing and repeats nothing: it takes over what this run left on the server (backup, upload, install) and checks it with the server first."
	}
	return "A new run deletes nothing: the old run's journal stays on disk."
}

// shared
func (en) ContinueTo(step string) string { return "Next: " + step }
func (en) LiveSystem() string            { return "Live system" }
func (en) TestSystem() string            { return "Test system" }
func (en) LiveShort() string             { return "LIVE" }
func (en) TestShort() string             { return "TEST" }
func (en) NoTestSystem() string          { return "none given (--test-url)" }
func (en) Instance() string              { return "Instance" }
func (en) Edition() string               { return "Edition" }
func (en) Installed() string             { return "Installed" }
func (en) Support() string               { return "Update subscription" }
func (en) SupportUntil(end string, days int) string {
	if days < 0 {
		return fmt.Sprintf("%s (expired %d days ago)", end, -days)
	}
	return fmt.Sprintf("until %s (%d days left)", end, days)
}
func (en) Extensions() string      { return "Extensions" }
func (en) UpdatesOffered() string  { return "Updates offered" }
func (en) ServerUnchanged() string { return "Nothing on the server was changed by this." }
func (en) MoreAbove() string       { return "↑ more above (PgUp)" }
func (en) MoreBelow() string       { return "↓ more below (PgDn / space)" }
func (en) MoreBoth() string        { return "↕ more above and below (PgUp/PgDn)" }
func (en) ReasonTitle() string     { return "Reason (kept in the journal and the report)" }
func (en) ReasonRequired() string  { return "Please give a short reason." }
func (en) Recommended() string     { return "(recommended)" }
func (en) Note() string            { return "Note" }
func (en) NoteRequired() string    { return "Please describe briefly what does not work." }
func (en) PathWord() string        { return "Path" }
func (en) ReportWord() string      { return "Report" }
func (en) ChecklistWord() string   { return "Test checklist" }
func (en) Cause(code string) string {
	switch code {
	case "canceled":
		return "The operation was cancelled."
	case "wrong_password":
		return "1CRM rejected the login: wrong user name or password."
	case "not_admin":
		return "The login worked, but this user is not an administrator. Please start with an admin account."
	case "session_expired":
		return "The admin session expired and could not be renewed."
	case "not_1crm":
		return "No 1CRM answers at this address (the answer is not 1CRM's JSON, e.g. another web page). Please check the address 1CRM opens at in the browser, e.g. https://crm.example.com or https://server/1crm."
	case "plain_http":
		return "The instance refuses API calls over plain http. Please use the https address."
	case "upgrades_disabled":
		return "The upgrade manager is locked because the update subscription has expired. Renew it, then start again."
	case "upload_disabled":
		return "This hosted instance does not allow package uploads. The partner installs the update."
	case "upload_not_accepted":
		return "The server did not accept the upload — the file is probably larger than the PHP upload limit."
	case "bad_package":
		return "1CRM does not accept the file as a package (not a ZIP, or the manifest is incomplete)."
	case "invalid_version":
		return "The package does not fit the installed 1CRM version."
	case "duplicate_upload":
		return "A package with this file name is already uploaded."
	case "outdated":
		return "This version or a newer one is already installed."
	case "prepare_failed":
		return "The upgrade manager's checks reported an error."
	case "install_failed":
		return "The install stopped half-way; the instance may now be partly updated. Please do not simply repeat it: first report it to the partner as a problem and agree on what to do next."
	case "install_timeout":
		return "The install did not finish in time. The server may still be working."
	case "backup_failed":
		return "The backup failed (for example mysqldump is missing or the target folder is not writable)."
	case "page_changed":
		return "An admin page looks different than expected. Please do this step by hand in 1CRM."
	case "tls":
		return "The server's TLS certificate is not trusted. Give your own CA with --ca-file."
	case "tls_unknown_ca":
		return "The server's TLS certificate comes from an authority this computer does not know (e.g. self-signed). Give your own CA with --ca-file."
	case "tls_hostname":
		return "The server's TLS certificate is not valid for this host name. Please use the address as written in the certificate."
	case "tls_expired":
		return "The server's TLS certificate has expired or is not valid yet. Please have it renewed (or check this computer's clock)."
	case "tls_not_https":
		return "A server without encryption answers at this https address. Please check whether http:// or another port is meant."
	case "server_error":
		return "1CRM answered with an error page (PHP error or server error). Pass the message below to the partner; try again once the error is fixed."
	case "install_stuck":
		return "An interrupted install is still marked as running on the server. Do not start it again: please agree with the partner how to go on."
	case "download_not_zip":
		return "The download did not deliver a ZIP file (often a login or error page). Download the package by hand and give it as a file."
	case "not_uploaded":
		return "The package is not (or no longer) listed under the uploaded packages, e.g. because it was installed or deleted meanwhile."
	case "delete_failed":
		return "The uploaded package could not be deleted; it is still in the upgrade manager."
	case "resume_url":
		return "The saved address of the running install does not belong to this instance. The wizard does not follow it."
	case "api_not_available":
		return "This instance has no REST API (Startup/Startup+ edition, or the API is switched off). The checks through it are skipped."
	case "api_credentials":
		return "The REST API does not accept the credentials. The checks through the API are skipped; please check by hand."
	case "api_error":
		return "The 1CRM REST API reported an error."
	case "not_pdf":
		return "The PDF output did not deliver a PDF."
	case "download_failed":
		return "Downloading the update package failed. Try again, or download the package by hand and give it as a file."
	case "network":
		return "The server cannot be reached (network, DNS or timeout)."
	case "network_refused":
		return "The host refuses the connection: no web server listens at this address and port. Please check address and port."
	case "network_dns":
		return "This host name does not exist (DNS). Please check the address for typos."
	case "network_timeout":
		return "The server does not answer in time (timeout). Check network, VPN or firewall and try again."
	case "local_disk":
		return "A file on this computer could not be written or read (disk full, read-only or no permission). The server is not the problem."
	case "network_dropped":
		return "The connection to the server broke off. What the server was doing is shown below; try again once it is reachable."
	default:
		return "An unexpected error occurred."
	}
}

// connect
func (en) Connecting() string     { return "Checking the connection and logging in" }
func (en) Connected() string      { return "Connected and logged in." }
func (en) ReconcileTitle() string { return "Checked after the interruption:" }

// preflight
func (en) Checking() string          { return "Checking edition, license and versions" }
func (en) PreflightOK() string       { return "All fine — the update can be prepared." }
func (en) PreflightWarnings() string { return "There are notes. Please read and confirm them." }
func (en) PreflightBlocked() string {
	return "The update is not possible like this. Nothing on the server was changed."
}
func (en) AckWarnings() string        { return "I have read the notes — continue" }
func (en) QuitBlocked() string        { return "Quit" }
func (en) DeploymentQuestion() string { return "Where does this instance run?" }
func (en) DeploymentCloud() string    { return "In the cloud (hosted by the partner)" }
func (en) DeploymentOnPrem() string   { return "On-premise (own server)" }
func (en) VersionEnter() string       { return "Enter the installed version" }
func (en) VersionInputTitle() string  { return "Installed 1CRM version" }
func (en) VersionInputHelp() string {
	return "As 1CRM itself shows it, e.g. 8.7.6 or 8.7.7-318"
}
func (en) VersionRequired() string { return "Please enter the version, e.g. 8.7.6." }

// package
func (en) PackageIntro(installed string) string {
	return "Which update package should be installed? Installed now: " + installed + "."
}
func (en) PackageNoneListed() string {
	return "1CRM offers no update under License Information right now — please give the ZIP file."
}
func (en) PackageFromVendor() string {
	return "For this edition the update comes as a ZIP file from the vendor's website — please give the downloaded file."
}
func (en) PackageFromPartner(mail string) string {
	return "For this edition the partner sends the ZIP file (" + mail + ") — please give the file you received."
}
func (en) PackageUsePreset(f string) string { return "Use file " + f + " (--package)" }
func (en) PackageDownload(v, pkg string) string {
	return "Download update " + v + " (" + pkg + ")"
}
func (en) PackageLocalFile() string { return "Use a ZIP file on this computer" }
func (en) PackagePathTitle() string { return "Path to the update ZIP" }
func (en) PackagePathHelp() string {
	return "e.g. ~/Downloads/8.7.7-InfoAtHand-patch.zip"
}
func (en) PackagePathMissing() string { return "This file does not exist." }
func (en) PackagePathIsDir() string   { return "This is a folder, please give the ZIP file." }
func (en) PackageChecking(f string) string {
	return "Checking package " + f + " (manifest, version, SHA-256)"
}
func (en) PackageDownloading(v string) string { return "Downloading update " + v }
func (en) PackageFile() string                { return "File" }
func (en) PackageSize() string                { return "Size" }
func (en) PackageName() string                { return "Package" }
func (en) PackageValid() string               { return "The package fits this instance." }
func (en) PackageInvalid() string             { return "This package cannot be installed here." }
func (en) PackageChooseOther() string         { return "Choose another package" }
func (en) PackageExtensionsNote(list string) string {
	return "Installed extensions for which 1CRM may show version warnings during the install: " + list
}

// path
func (en) PathATitle() string { return "Path A — test system first, then live" }
func (en) PathAFacts() string {
	return "Ask the partner to refresh the test system → install the update there → test thoroughly → only then live. Problems do not touch live."
}
func (en) PathANeedsTest() string {
	return "Not available: no test system given (--test-url). Test systems come with a service package."
}
func (en) PathBTitle() string { return "Path B — own backup, then live directly" }
func (en) PathBFacts() string {
	return "Backup via Administration → update live → test the same day: done by 15:00, problems reported to the partner by 16:00."
}
func (en) PathAChoice() string { return "Path A: test system first" }
func (en) PathBChoice() string { return "Path B: backup, then live" }

// refresh, mails
func (en) RefreshIntro() string {
	return "For the test to mean something, the test system must have live's current state. Please send this request to the partner and wait until the refresh is confirmed."
}
func (en) RefreshConfirm() string { return "The partner has refreshed the test system" }
func (en) MailTo() string         { return "To" }
func (en) MailSubject() string    { return "Subject" }
func (en) MailtoLabel() string    { return "[open the e-mail in your mail program]" }
func (en) CopyMail() string       { return "Copy the e-mail to the clipboard" }
func (en) Copied() string         { return "Copied (OSC 52) — paste it into your mail program." }
func (en) CopyUnsupported() string {
	return "This terminal cannot copy to the clipboard; the e-mail was printed as text and stays in the terminal after the wizard ends."
}

// parity
func (en) ParityChecking() string { return "Comparing the test system with live" }
func (en) ParityOK() string       { return "Test system and live are at the same state." }
func (en) ParityDiffers() string {
	return "Test system and live differ — the test would not mean much."
}
func (en) ParityMissing(x string) string { return "missing on the test system: " + x }
func (en) ParityExtra(x string) string   { return "only on the test system: " + x }
func (en) ParityRedo() string            { return "Ask the partner for a refresh again" }
func (en) ParityAccept() string          { return "Continue anyway (with a reason)" }
func (en) TwinYes() string {
	return "Yes, checked in the browser: two different systems"
}
func (en) TwinStop() string {
	return "No, or not sure – stop here"
}
func (en) TwinStopFarewell() string {
	return "Stopped before anything was installed. Check the test system's address, then start again with the right --test-url."
}
func (en) ParityReasonHelp() string {
	return "Why does the difference not matter here?"
}

// time guard
func (en) Now() string         { return "Now" }
func (en) TestsDoneBy() string { return "Tests done by" }
func (en) ReportBy() string    { return "Report problems by" }
func (en) LeftFmt(d time.Duration) string {
	if d <= 0 {
		return "passed"
	}
	return enSpan(d) + " left"
}
func (en) GuardWhy() string {
	return "After a live update, testing must happen the same day. Problems reported later cost a restore or a repair."
}
func (en) GuardOK() string     { return "Enough time to test today." }
func (en) GuardWarn() string   { return "Tight: little time is left to test before 15:00." }
func (en) GuardRefuse() string { return "Too late: today's 15:00 test deadline has passed." }
func (en) GuardWeekend(day string) string {
	return day + ": the partner is normally not reachable today – a working day is safer."
}
func (en) GuardWeekendLate(day string) string {
	return day + ": the partner is normally not reachable today, and little time is left to test before 15:00."
}
func (en) GuardWeekendRefuse(day string) string {
	return "Too late: the 15:00 test deadline has passed, and it is " + day + "."
}
func (en) GuardPause(when string) string {
	return "Pause now, continue on " + when
}
func (en) GuardGoAnyway() string { return "Continue now anyway" }
func (en) GuardOverride() string { return "Continue now anyway (with a reason)" }
func (en) GuardReasonHelp() string {
	return "Why must the update reach live today?"
}
func (en) PausedFarewell(when string) string {
	return "Run paused. Continue on " + when + " with the same command — it picks up right here."
}

// backup
func (en) BackupIntro() string {
	return "1CRM now makes an own backup through Administration › Backup. Without a backup nothing is installed on live. On large instances this takes a few minutes."
}
func (en) BackupIntroOptional() string {
	return "The test on the test system passed. An own backup through Administration › Backup is still recommended before the live update; on large instances it takes a few minutes."
}
func (en) BackupStart() string { return "Make the backup now" }
func (en) BackupSkip() string  { return "Continue without a backup (not recommended, with a reason)" }
func (en) BackupSkipHelp() string {
	return "Why is no own backup needed here?"
}
func (en) BackupRunning() string { return "Making the backup" }
func (en) BackupServerState() string {
	return "1CRM finishes the backup even after a cancel; the CRM itself does not change."
}
func (en) BackupDone() string  { return "Backup made." }
func (en) BackupName() string  { return "Backup" }
func (en) BackupTime() string  { return "Time" }
func (en) BackupWhere() string { return "Stored at" }
func (en) BackupNoDump() string {
	return "The database dump is off: this backup holds files only, no data."
}
func (en) BackupRestoreNote() string {
	return "Restoring does not work through the 1CRM web interface; follow the guide \"Backup einspielen\" (restore a backup)."
}

// install
func (en) PhaseUpload() string  { return "Upload" }
func (en) PhasePrepare() string { return "Checks" }
func (en) PhaseAccept() string  { return "Warnings" }
func (en) PhaseInstall() string { return "Install" }
func (en) InstallUpload(st string) string {
	return "Upload the package to " + st + " and have it checked"
}
func (en) InstallPrepare() string        { return "Start the checks" }
func (en) InstallPrepareAgain() string   { return "Run the checks again" }
func (en) InstallAccept() string         { return "Warnings understood — accept them" }
func (en) InstallStart(st string) string { return "Install on " + st + " now" }
func (en) Uploading() string             { return "Uploading the package" }
func (en) UploadServerState() string {
	return "1CRM discards a half-uploaded package; nothing is installed yet."
}
func (en) Preparing() string { return "1CRM is checking the package" }
func (en) PrepareServerState() string {
	return "The checks change nothing in the CRM; the package stays uploaded."
}
func (en) Installing(st string) string { return "Installing the update on " + st }
func (en) InstallServerState() string {
	return "CAUTION: 1CRM is installing right now. Cancelling here does not stop the server; the next start checks where it stands."
}
func (en) InstallStep(step, of int, t string) string {
	return fmt.Sprintf("Step %d of %d: %s", step, of, t)
}
func (en) InstallPolling() string { return "Waiting for the install to finish …" }
func (en) PrepareResults() string { return "Result of the checks:" }
func (en) PrepareBlocked() string {
	return "The checks reported an error — the wizard will not install like this."
}
func (en) R22Title() string { return "Version warnings about extensions — this is normal" }
func (en) R22Explain() string {
	return "Extensions are built for the 1CRM version current when they were made, so 1CRM warns during a core update; they usually keep working. Please test these extensions with extra care."
}
func (en) R22Affected(list string) string { return "Affected: " + list }
func (en) InstalledOK(st string) string   { return "Update installed on " + st + "." }

// smoke
func (en) SmokeRunning() string { return "Automatic checks after the update" }
func (en) SmokeOK() string      { return "All automatic checks passed." }
func (en) SmokeFailed() string  { return "At least one check failed." }
func (en) SmokeOKWithoutREST() string {
	return "The checks that ran passed; the checks through the REST API were skipped."
}

// checklist
func (en) ChecklistProgress(a, n int) string {
	return fmt.Sprintf("%d of %d items answered.", a, n)
}
func (en) ChecklistAnswer() string { return "answer" }
func (en) ChecklistOpenLeft(n int) string {
	if n == 1 {
		return "1 item still has no answer — there is no way on without complete tests."
	}
	return fmt.Sprintf("%d items still have no answer — there is no way on without complete tests.", n)
}
func (en) ChecklistAdd() string      { return "own item" }
func (en) ChecklistAddTitle() string { return "Own test item" }
func (en) ChecklistAddHelp() string  { return "What else should be tested?" }
func (en) ChecklistFinish() string   { return "finish tests" }
func (en) ChecklistSource(src string) string {
	if src == "extension" {
		return "extension"
	}
	return "own list"
}
func (en) ChecklistCounts(p, x, na int) string {
	problems := fmt.Sprintf("%d problems", x)
	if x == 1 {
		problems = "1 problem"
	}
	return fmt.Sprintf("%d passed, %s, %d n/a", p, problems, na)
}
func (en) ProblemNoteTitle(item string) string { return "Problem with: " + item }
func (en) ProblemNoteHelp() string {
	return "What exactly does not work? (goes into the report to the partner)"
}

// go live
func (en) GoLiveTestPassed() string { return "The test on the test system passed." }
func (en) GoLiveIntro() string {
	return "Now the same package goes to live: backup, upload, checks, install, then a short test on live."
}
func (en) GoLiveConfirm() string { return "Continue with the live system now" }

// problems
func (en) ProblemsIntroA() string {
	return "The test system has problems. Live stays untouched. Please send the report to the partner; they will get back to you with a solution."
}
func (en) ProblemsIntroB() string {
	return "Live has problems. Please report them to the partner today before 16:00 — asking for a restore if needed."
}
func (en) ProblemsIntroUnchanged() string {
	return "Nothing was installed yet: live runs unchanged on its previous version, no restore is needed. Please report the error to the partner and agree on how to go on."
}
func (en) RestoreOptions() string { return "Options:" }
func (en) RestoreOwn() string {
	return "Restore your own backup yourself (guide \"Backup einspielen\"). If you cannot do that yourself: report it today."
}
func (en) RestoreServer(since, span, cost string) string {
	return "The partner restores its server backup: every change since " + since + " (" + span + ") is lost. Cost: " + cost + "."
}
func (en) RestoreRepair() string {
	return "Instead of a restore: the partner repairs the problems within the next 1–2 weeks, billed by effort."
}
func (en) ProblemsSent() string { return "The report is sent" }

// done
func (en) DoneOK() string { return "Done — the update is installed and tested." }
func (en) DoneWithProblems() string {
	return "Finished with reported problems — the partner is informed."
}
func (en) DoneMailIntro(to string) string {
	return "Closing message to " + to + " (with the report), ready to send:"
}
func (en) FinishedFarewell(p string) string { return "Run finished. Report: " + p }

func (en) ChecksPassed(n int, names string) string {
	if n == 1 {
		return "1 check passed (" + names + ")"
	}
	return fmt.Sprintf("%d checks passed (%s)", n, names)
}

func (en) PrecopyDone() string {
	return "Early copy: 1CRM copied the update's first files and restarted its checks."
}

func (en) RowsOK(n int) string {
	if n == 1 {
		return "(1 more check item passed)"
	}
	return fmt.Sprintf("(%d more check items passed)", n)
}

func (en) ChecklistAbove(n int) string {
	if n == 1 {
		return "  ↑ 1 more item above"
	}
	return fmt.Sprintf("  ↑ %d more items above", n)
}

func (en) ChecklistBelow(n int) string {
	if n == 1 {
		return "  ↓ 1 more item below"
	}
	return fmt.Sprintf("  ↓ %d more items below", n)
}

func (en) LineYesNoOr(keys []string) string {
	return "[y/n" + strings.Join(append([]string{""}, keys...), "/") + "]"
}

func (en) LineChecklistPause() string {
	return "     [q] pause (the answers are saved; the next start continues here) · [?] all keys"
}

func (en) StepNoTotal(n int, title string) string {
	return fmt.Sprintf("Step %d — %s", n, title)
}

func (en) ChecksAccepted(n int, names string) string {
	if n == 1 {
		return "1 warning accepted (" + names + ")"
	}
	return fmt.Sprintf("%d warnings accepted (%s)", n, names)
}

func (en) DoneLockedOut(stage string) string {
	return "The install on " + stage + " is not finished: 1CRM keeps all users locked out until upgrade.php is finished in the browser."
}

func (en) DoneLockedOutHow() string {
	return "Please finish upgrade.php in the browser now (logged in as administrator) until it shows “Restored system access for users” – only then can users log in again."
}
