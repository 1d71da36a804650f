package text

import (
	"fmt"
	"strings"
	"time"

	"github.com/visual4/1crm-update/steps/clock"
)

// English texts added with the acceptance review: the unknown version of
// Startup editions, local package findings in words, and the run history
// in words (the journal keeps the codes).

func (en) DeploymentTitle() string { return "Hosting: in the cloud or on your own server?" }
func (en) VersionUnknown() string {
	return "The installed version is unknown: this edition closes the REST API (the version query included), and the package list shows no installed core update."
}
func (en) VersionUnknownAdvice() string {
	return "Enter the version that 1CRM itself shows. Without it, only the upgrade manager checks on upload whether the package fits."
}
func (en) VersionFromList(v string) string {
	return "Version " + v + " according to the latest core update in the package list (this edition closes the REST API)."
}
func (en) VersionStated(v string) string {
	return "Version " + v + " as you entered it; it could not be checked over the API."
}
func (en) VersionKnown(v string) string {
	return "1CRM reports version " + v + " itself; no entry of your own is needed."
}
func (en) VersionInvalid(v string) string {
	return "\"" + v + "\" is not a version. Please enter the version as 1CRM shows it, e.g. 8.7.6."
}
func (en) OtherInstance(stage, was, now string) string {
	return "This run belongs to the " + stage + " " + was + ", but " + now +
		" is configured now. Resuming would check against the wrong server. Start a new run (the old one stays on disk), or start the wizard with the address " + was + "."
}

func (en) PackageProblem(code, arg string) string {
	switch code {
	case "not_found":
		return "The file was not found."
	case "no_access":
		return "The file cannot be read (no permission)."
	case "not_zip":
		return "The file is not a ZIP archive, so it is no 1CRM package."
	case "no_manifest":
		return "The ZIP archive has no manifest.php at its top level; every 1CRM package has one."
	case "unsafe_path":
		return "The ZIP archive holds file paths that lead outside the package. For safety it is not used."
	case "too_large":
		return "Unpacked, the ZIP archive would be unusually large. For safety it is not used."
	case "syntax":
		if arg != "" && arg != "0" {
			return "The package's manifest.php has an error in line " + arg + "."
		}
		return "The package's manifest.php has an error."
	case "empty_fields":
		return "The manifest.php lacks the package's type, id or version."
	case "not_regular":
		switch arg {
		case "fifo":
			return "The path is a named pipe (FIFO), not a file: reading it would wait for ever. Give the ZIP file itself."
		case "dir":
			return "The path is a folder, not a file. Give the ZIP file itself."
		}
		return "The path is not a regular file (a device or socket). Give the ZIP file itself."
	case "invalid_type":
		if arg != "" {
			return "The manifest.php names a package type that 1CRM does not install (\"" + arg + "\")."
		}
		return "The manifest.php names a package type that 1CRM does not install."
	}
	return "The file cannot be read as a 1CRM package."
}
func (en) PackageChanged(path, recorded, now string) string {
	return "The package file " + path + " has changed since it was checked: its SHA-256 is now " + now + ", checked was " + recorded + ". " +
		"Nothing was uploaded. Put the checked file back and try again – or, for another package, start a new run."
}
func (en) PackageGone(path, why string) string {
	return "The package file " + path + " cannot be read any more: " + why + " Nothing was uploaded. Put the checked file back and try again."
}
func (en) UncertainBadRegex(re string) string {
	return "the package gives its suitable versions as a pattern (" + re + ") that cannot be evaluated here."
}
func (en) UncertainBuild(version, release string) string {
	return "1CRM reports " + version + "; the package fits only one of the forms " + version + " and " + release + "."
}
func (en) PackageVersionUnknown() string {
	return "Whether the package fits the installed version and is newer could not be checked, because the installed version is unknown. The upgrade manager checks both on upload."
}

func (en) Did(action, ev string) string {
	switch action {
	case "connect":
		return withEN("Connected and logged in", ev)
	case "preflight":
		return withEN("Preflight done", ev)
	case "deployment":
		return withEN("Hosting confirmed", ev)
	case "version_stated":
		return withEN("Installed version entered", ev)
	case "check_file":
		return withEN("Update package checked", ev)
	case "check_download":
		return withEN("Downloaded update package checked", ev)
	case "check_manual":
		return withEN("Update package downloaded in the browser checked", ev)
	case "download":
		return withEN("Update package downloaded", ev)
	case "path":
		return withEN("Procedure chosen", ev)
	case "refresh_confirmed":
		return withEN("Test system refresh confirmed", ev)
	case "parity":
		return withEN("Test system compared with live", ev)
	case "parity_accepted":
		return withEN("Differences between test and live accepted, reason", ev)
	case "refresh_again":
		return withEN("Test system refresh requested again", ev)
	case "start":
		return withEN("Start time confirmed", ev)
	case "override":
		return withEN("Late install despite the warning", ev)
	case "pause":
		return withEN("Paused until", ev)
	case "backup":
		if ev == "" {
			return "Backup created"
		}
		return "Backup " + ev + " created"
	case "backup_reconciled":
		return withEN("Interrupted backup found on the server", ev)
	case "backup_skipped":
		return withEN("Backup skipped, reason", ev)
	case "backup_check":
		return withEN("Backup file read", ev)
	case "backup_problem_accepted":
		return withEN("Went on despite a backup problem, reason", ev)
	case "upload":
		return withEN("Package uploaded", ev)
	case "upload_reconciled":
		return withEN("Interrupted upload confirmed on the server", ev)
	case "prepare":
		return withEN("Install prepared", ev)
	case "accept_warnings":
		return withEN("Warnings accepted explicitly", ev)
	case "prepare_again":
		return withEN("Preparation repeated with the same confirmations", ev)
	case "precopy":
		return "1CRM copied the update's early files ahead (precopy) and restarted its checks"
	case "install":
		return withEN("Installed", ev)
	case "install_reconciled":
		return withEN("Interrupted install confirmed as finished on the server", ev)
	case "install_resumed":
		return withEN("Interrupted install continued and finished", ev)
	case "recheck":
		return withEN("Checked again before the install", ev)
	case "smoke":
		return withEN("Automatic checks", ev)
	case "checklist":
		return withEN("Test checklist finished", ev)
	case "go_live":
		return withEN("Test passed, on to the live system", ev)
	case "problem":
		return withEN("Problem noted", ev)
	case "problems_reported":
		return withEN("Problems reported to", ev)
	case "finish":
		return withEN("Run finished", ev)
	case "manual_offered":
		return withEN("Handed to the browser", ev)
	case "manual_verified":
		return withEN("Done by hand in the browser, verified by the wizard", ev)
	case "manual_confirmed":
		return withEN("Done by hand in the browser – confirmed by the admin, not verified", ev)
	case "manual_cancelled":
		return withEN("Hand-over to the browser taken back", ev)
	}
	return withEN("Step done", ev)
}
func (en) Unconfirmed(action, stage string) string {
	on := ""
	if stage != "" {
		on = " on the " + stage
	}
	switch action {
	case "backup":
		return "Backup" + on + " started but not confirmed: on resume the wizard looks on the server whether it finished, instead of starting a second one."
	case "upload":
		return "Package upload" + on + " started but not confirmed: on resume it is checked against the package list."
	case "delete_upload":
		return "Removal of an old upload" + on + " interrupted: on resume it is checked against the package list."
	case "prepare_confirm":
		return "Confirmation of the warnings" + on + " interrupted: your acceptance stays valid."
	case "install":
		return "Install" + on + " started but not confirmed as finished: on resume the wizard checks with the server and does not start it a second time."
	case "download":
		return "Download of the update package interrupted: on resume the file is checked for completeness."
	}
	if a, ok := strings.CutPrefix(action, "manual_"); ok {
		return en{}.ManualActionName(a) + on + " handed to the browser and still open: on resume the hand-over goes on; the wizard repeats nothing."
	}
	return "An action" + on + " was interrupted; on resume it is checked with the server."
}
func (en) PhaseName(p string) string {
	switch p {
	case "upload":
		return "the package must be uploaded"
	case "prepare":
		return "the preparation must be repeated"
	case "confirm":
		return "warnings await your confirmation"
	case "install":
		return "ready to install"
	case "installed":
		return "installed"
	}
	return "not started yet"
}
func (en) StartAccepted(startCase string, left time.Duration) string {
	rest := "(" + hm(left, "h", "min") + " left)"
	switch clock.StartCase(startCase) {
	case clock.CaseInTime:
		return "enough time until 15:00 " + rest
	case clock.CaseLate:
		return "despite little time until 15:00 " + rest
	case clock.CaseAfterCutoff:
		return "after 15:00"
	case clock.CaseWeekend:
		return "at the weekend, enough time until 15:00 " + rest
	case clock.CaseWeekendLate:
		return "at the weekend, despite little time until 15:00 " + rest
	case clock.CaseWeekendAfterCutoff:
		return "at the weekend, after 15:00"
	}
	return "without a rating"
}
func (en) ChecklistCounts(passed, problems, na int) string {
	return fmt.Sprintf("%d working, %s, %d not applicable", passed, Count(problems, "problem", "problems"), na)
}
func (en) SmokeCounts(ok, warn, failed int) string {
	if failed == 0 && warn == 0 {
		return fmt.Sprintf("all %d passed", ok)
	}
	return fmt.Sprintf("%d passed, %d could not be checked, %d failed", ok, warn, failed)
}
func (en) RecordNote(code string) string {
	switch code {
	case "reused":
		return "was already uploaded"
	case "already_installed":
		return "was already installed"
	}
	return "note: " + code
}
func (en) Interrupted() string { return "cancelled by the user" }
func (en) ChecklistFileProblem(path string) string {
	return "Your own checklist " + path + " could not be used (not a readable text file); the built-in test items apply."
}
func (en) Technical(detail string) string { return "technical detail: " + detail }

// withEN joins a description and its evidence.
func withEN(s, ev string) string {
	if ev == "" {
		return s
	}
	return s + ": " + ev
}
