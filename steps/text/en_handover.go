package text

import (
	"strings"
)

// English texts of the hand-over to the browser (issue 10).

func (en) ManualActionName(action string) string {
	switch action {
	case "download":
		return "Download of the update package"
	case "backup":
		return "Backup"
	case "upload":
		return "Package upload"
	case "prepare":
		return "Checks and install"
	case "install":
		return "Install"
	}
	return action
}

func (en) HandoverReason(cause, page, detail string) string {
	d, said := "", ""
	if detail != "" {
		d = " (missing: " + detail + ")"
		said = " (1CRM shows: “" + detail + "”)"
	}
	switch cause {
	case CauseRequested:
		return "You chose to do this step yourself in the browser."
	case CausePageChanged:
		return "The 1CRM page “" + page + "” differs from the one the wizard knows" + d +
			". So that nothing happens on a guess, please do this step in the browser. The page is kept for the partner."
	case CauseServerError:
		return "1CRM answered the page “" + page + "” with an error page" + said +
			". Please do this step in the browser, where you can see whether the error persists. The page is kept for the partner."
	case CauseCaptcha:
		return "The 1CRM login asks for an \"I'm a human\" check that only you can answer in the browser. The wizard makes no further login attempt."
	case CauseNeedsBrowser:
		return "upgrade.php can only be continued in the browser; its steps run by script there" + said +
			". 1CRM keeps its users locked out until the remaining steps are done, so please carry on right away."
	case CauseUploadDisabled:
		return "Package uploads are switched off on this hosted installation" + said + "."
	case CauseRedirectedHome:
		return "The upgrade manager redirected to the Home page instead of showing its lists. 1CRM does that e.g. when the support contract has expired; the browser shows you the reason."
	case CauseDownloadUnusable:
		return "The download link on the license page returned a page instead of a ZIP file."
	case CauseSourceUnknown:
		return "The wizard cannot see the uploaded package in the package list, so the checks and the install happen in the browser as well."
	}
	return "This step is done in the browser."
}

func (en) HandoverSteps(kind string, f HandoverFacts) []string {
	open := "In 1CRM (signed in as an administrator), open "
	uw := open + "Administration › Upgrades & Customization."
	locked := "From “Proceed” on, all users are locked out until the last step (“Restored system access for users”): do not close or reload the page and do not press “Back”."
	prepare := []string{
		"Click “Install” next to the package " + enq(f.Package) + " under “Uploaded Packages”. 1CRM checks the package in several steps.",
		"Read warnings carefully: version warnings about extensions are usual for a core update — then confirm and go on with “Proceed”. On errors or unexpected warnings, cancel and choose “report a problem” here.",
		locked,
		"Follow upgrade.php to its end and click “Next” wherever 1CRM asks for it.",
	}
	switch kind {
	case KindDownload:
		what := "the offered update package"
		if f.Offered != "" {
			what = "the update " + f.Offered
		}
		return []string{
			open + "Administration › License and Support (German 1CRM: Lizenzinformationen).",
			"Under “Available Updates”, download " + what + " with “Download Package”.",
			"Then enter the path of the downloaded ZIP file here; the wizard checks it like any package.",
		}
	case KindBackup:
		s := []string{open + "Administration › Backup Management."}
		if f.Since != "" {
			s = append(s, "First look under “Backup History”: a backup from "+f.Since+" or later is the one the wizard asked 1CRM for — then nothing more is needed.")
		}
		click := "Click “Perform Backup” and confirm the question."
		if f.Since != "" {
			click = "Otherwise click “Perform Backup” and confirm the question."
		}
		return append(s, click,
			"Wait for “Backup Complete”. On large systems this takes many minutes; keep the page open meanwhile.")
	case KindUpload:
		return []string{uw,
			"Under “Upload New Package”, choose the file " + f.File + " and click “Upload”.",
			"Do not install yet: the wizard takes over the checks and the install again afterwards.",
		}
	case KindInstallAll:
		return append([]string{uw, "Under “Upload New Package”, choose the file " + f.File + " and click “Upload”."}, prepare...)
	case KindPrepareInstall:
		return append([]string{uw}, prepare...)
	case KindFinishUpgrade:
		return []string{
			"Open " + f.UpgradeURL + " in the browser (signed in as an administrator).",
			"1CRM shows the running update step. Let the page work through all steps and click “Next” where it asks for it.",
			"Do not close or reload the page until “Restored system access for users” appears.",
		}
	case KindInstallHosted:
		return []string{
			open + "Administration › License and Support (German 1CRM: Lizenzinformationen). If 1CRM offers the update there, install it from there and follow the steps to the end.",
			"If it is not offered: ask your partner (" + f.Support + ") to install the update and wait for their confirmation.",
			"Users are locked out while the update installs.",
		}
	}
	return nil
}

func (en) HandoverLookFor(kind string, f HandoverFacts) []string {
	installed := []string{"The package " + enq(f.Package) + " is listed under “Installed Packages”."}
	if f.Core {
		installed = append(installed, "1CRM then shows version "+f.Version+".")
	}
	installed = append(installed, "upgrade.php shows no step any more; users can sign in again.")
	switch kind {
	case KindDownload:
		return []string{"A ZIP file, usually a few hundred MB, in your browser's download folder."}
	case KindBackup:
		return []string{"A new line under “Backup History”: backup_YYYYMMDD_HHMMSS.zip with today's date and a size above 0."}
	case KindUpload:
		return []string{"The package " + enq(f.Package) + " is listed under “Uploaded Packages”."}
	}
	return installed
}

func (en) HandoverLockedOut() string {
	return "Attention: 1CRM keeps all users locked out until the last install step is done."
}

func (en) HandoverFound(code, arg string) string {
	switch code {
	case FoundBackup:
		return "New backup under “Backup History”: " + arg + "."
	case FoundUploaded:
		return enq(arg) + " is listed under “Uploaded Packages”."
	case FoundInstalled:
		return enq(arg) + " is listed under “Installed Packages”."
	case FoundVersion:
		return "1CRM reports version " + arg + "."
	case FoundLockGone:
		return "upgrade.php released the lock; users can sign in again."
	case FoundPackage:
		return "Update package checked: " + arg + "."
	}
	return arg
}

func (en) HandoverNotYet(code, arg string) string {
	switch code {
	case NotYetBackup:
		return "No new backup under “Backup History” yet."
	case NotYetHistoryUnreadable:
		return "The backup history cannot be read (" + arg + ")."
	case NotYetBackupsUnknown:
		return "Which backups existed before is unknown, so a new one cannot be told apart for sure."
	case NotYetUploaded:
		return enq(arg) + " is not listed under “Uploaded Packages” yet."
	case NotYetListUnreadable:
		return "The package list cannot be read (" + arg + ")."
	case NotYetInstalled:
		return enq(arg) + " is not listed under “Installed Packages” yet."
	case NotYetVersion:
		return "1CRM does not report the new version yet (" + arg + ")."
	case NotYetVersionUnreadable:
		return "The version cannot be read (" + arg + ")."
	case NotYetLockSet:
		return "1CRM still considers the update running (users locked out): upgrade.php still shows a step."
	case NotYetLockUnreadable:
		return "Whether 1CRM released the lock cannot be read (" + arg + ")."
	case NotYetNoFile:
		return "Please enter the path of the downloaded ZIP file."
	case NotYetBadPackage:
		return "The file is no usable update package: " + arg
	}
	return arg
}

func (en) HandoverConfirmHint() string {
	return "The wizard cannot read the outcome back itself. If you saw in the browser that it worked, confirm it; the report then says “confirmed by the admin, not verified”."
}

func (e en) ManualLine(action, stage, cause, state, evidence, note string) string {
	s := e.ManualActionName(action)
	if stage != "" {
		s += " (" + stage + ")"
	}
	switch state {
	case ManualVerified:
		s += ": done by hand in the browser, verified by the wizard"
		if evidence != "" {
			s += " – " + evidence
		}
	case ManualConfirmed:
		s += ": done by hand in the browser – confirmed by the admin, not verified"
		if evidence != "" {
			s += " – read: " + evidence
		}
		if note != "" {
			s += " – note: " + note
		}
	case ManualCancelled:
		s += ": handed to the browser, then left to the wizard again"
	default:
		s += ": handed to the browser, not done yet"
	}
	if cause != "" && cause != CauseRequested {
		s += " (because: " + causeShortEN(cause) + ")"
	}
	return s
}

func causeShortEN(cause string) string {
	switch cause {
	case CausePageChanged:
		return "unknown page"
	case CauseServerError:
		return "error page from 1CRM"
	case CauseCaptcha:
		return "captcha at the login"
	case CauseNeedsBrowser:
		return "upgrade.php only works in the browser"
	case CauseUploadDisabled:
		return "uploads switched off"
	case CauseRedirectedHome:
		return "redirected to the Home page"
	case CauseDownloadUnusable:
		return "the download was no ZIP file"
	case CauseSourceUnknown:
		return "package not visible in the list"
	}
	return cause
}

func (en) ReportSectionManual() string { return "Done by hand in the browser" }
func (en) ReportSectionPages() string  { return "Pages kept for the partner" }
func (en) PagesIntro(dir string) string {
	return "The wizard could not read these 1CRM pages; they are kept without passwords, cookies and tokens in " + dir + "."
}
func (en) BrowserOnly(stage, why string) string {
	return why + " So on the " + stage + " the wizard reads only what needs no admin login (such as the version) and hands the backup and the install to you in the browser."
}
func (en) ListUnreadableTitle() string { return "Upgrade manager package list" }
func (en) ListUnreadable(detail string) string {
	return "The package list could not be read (" + detail + "), so installed extensions and a running install are unknown."
}
func (en) ListUnreadableAdvice() string {
	return "The wizard hands the upload and the install to you in the browser and then checks what it can still read (such as the version)."
}
func (en) NoHandover() string { return "No step is handed to the browser." }
func (en) HandoverOpen(action string) string {
	return "The step “" + action + "” is with you in the browser right now. Report it as done first, or take the hand-over back."
}
func (en) HandoverNeedsCheck() string {
	return "The wizard can check the outcome itself: report the step as done and it will look."
}
func (en) HandoverMustFinish() string {
	return "The install already runs on the server and keeps the users locked out; it has to be finished in the browser and cannot be taken back."
}
func (en) BundleReadme(runID string, pages int) string {
	return "1crm-update – the papers of run " + runID + " for the partner\n\n" +
		"report.md     the report (outcome, steps, errors, steps done by hand)\n" +
		"wizard.log    the log of the requests to 1CRM (method, path, status, duration)\n" +
		"journal.json  the run's journal (every action before and after it changed the server)\n" +
		"pages/        " + Count(pages, "1CRM page", "1CRM pages") + " the wizard could not read (.html and .headers.txt)\n\n" +
		"No file holds passwords, tokens, session cookies or CSRF values: they were removed when written and checked again when packed."
}
func (en) BundleHint(runID string) string {
	return "The mail names the file " + BundleFile(runID) + " as its attachment (report, log, kept pages, journal; no passwords). " +
		"Before sending, create it with “1crm-update report --run " + runID + " --bundle " + BundleFile(runID) + "” and attach it."
}

// enq puts English quotation marks around s.
func enq(s string) string { return "“" + strings.TrimSpace(s) + "”" }
