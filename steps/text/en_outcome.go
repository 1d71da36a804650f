package text

import (
	"fmt"
	"strings"
)

// ---- errors in words (English)

func (en) ServerSaid(msg string) string { return "1CRM's message: “" + msg + "”" }

func (en) ErrKind(code, arg string) string {
	switch code {
	case ErrCodeWrongPassword:
		return "1CRM rejected the login: wrong user name or password."
	case ErrCodeNotAdmin:
		return "The login worked, but the user is not an administrator."
	case ErrCodeSessionExpired:
		return "The 1CRM login expired and could not be renewed."
	case ErrCodeAPINotAvailable:
		return "This instance has no REST API (Startup/Startup+, or the API is switched off)."
	case ErrCodeAPICredentials:
		return "1CRM rejected the REST API credentials."
	case ErrCodePlainHTTP:
		return "1CRM accepts API calls over https only; please give the address with https://."
	case ErrCodeNotOneCRM:
		return "No 1CRM instance answers at this address; please check it."
	case ErrCodeUpgradesDisabled:
		return "1CRM's upgrade manager is locked: the update subscription has expired."
	case ErrCodeUploadDisabled:
		return "Package uploads are switched off on this hosted instance."
	case ErrCodeUploadNotAccepted:
		return "1CRM did not accept the uploaded package – probably it is larger than the server's PHP upload limit."
	case ErrCodeNotZip:
		return "1CRM does not take the file for a ZIP package."
	case ErrCodeInvalidVersion:
		return "According to 1CRM the package does not fit the installed version."
	case ErrCodeEmptyFields:
		return "The package lacks its type, id or version."
	case ErrCodeInvalidType:
		return "1CRM does not allow this package type."
	case ErrCodeDuplicateUpload:
		return "A package with this file name is already uploaded."
	case ErrCodeOutdated:
		return "This or a newer version of the package is already installed."
	case ErrCodePrepareFailed:
		return "The checks before the install reported an error."
	case ErrCodeInstallFailed:
		return "The install stopped on the server."
	case ErrCodeInstallTimeout:
		return "The install did not finish in the expected time."
	case ErrCodeInstallStuck:
		return "The install is stuck on the server; the wizard does not start it a second time."
	case ErrCodeBackupFailed:
		return "1CRM could not make the backup."
	case ErrCodeNoNewBackup:
		return "1CRM made no new backup: none was added to the Backup History. 1CRM names no reason on the page, only in its log; often the backup folder is not writable or the disk is full."
	case ErrCodeCaptcha:
		return "The 1CRM login page asks for an \"I'm a human\" check, which the wizard cannot answer. Please sign in once in the browser, then run this step again."
	case ErrCodeUpgradeInProgress:
		return "1CRM reports an update in progress: users cannot sign in until it is finished."
	case ErrCodeInstallNeedsBrowser:
		return "The install has to be finished in the browser (upgrade.php): the wizard cannot operate that page. Users stay locked out of 1CRM until the remaining steps are done."
	case ErrCodeRedirectedHome:
		return "1CRM's upgrade manager redirected to the Home page instead of showing its lists. 1CRM does this when the update subscription has expired."
	case ErrCodeNotPDF:
		return "Something other than a PDF came back."
	case ErrCodeNoAPIAuth:
		return "There are no usable REST API credentials."
	case ErrCodeNotUploaded:
		return "The package is not (or no longer) listed under the uploaded packages."
	case ErrCodeDeleteFailed:
		return "The uploaded package could not be deleted."
	case ErrCodeDownloadNotZip:
		return "The download is not a ZIP file (often a login or error page)."
	case ErrCodeResumeURL:
		return "The saved install address does not belong to this instance; it is not used."
	case ErrCodeServerError:
		return "The server answered with an error page (PHP error or HTTP 5xx)."
	case ErrCodePageChanged:
		return "The 1CRM page “" + arg + "” does not look as expected; please do this step by hand in 1CRM."
	case ErrCodeNotJSON:
		return "The server answered a web page instead of an API answer (proxy, PHP error or wrong address)."
	case ErrCodeHTTP:
		return "The server answered with HTTP status " + arg + "."
	}
	return "An unexpected error occurred; the details are in the report's technical section."
}

func (en) ErrNetwork(kind, host string) string {
	switch kind {
	case NetRefused:
		return "The server " + host + " refuses connections. Is it running, and is the address right?"
	case NetDNS:
		return "The name " + host + " cannot be resolved. Please check the address and the network connection."
	case NetTimeout:
		return "The server " + host + " did not answer in time. The network or the server is slow or unreachable right now."
	case NetTLS:
		return "The secure connection to " + host + " failed (certificate or TLS). Please check the server's certificate."
	case NetReset:
		return "The connection to " + host + " broke off in the middle of an answer. Please check the network and repeat the step."
	}
	return "The connection to " + host + " is disturbed. Please check the network and repeat the step."
}

func diskWhyEN(kind string) string {
	switch kind {
	case DiskFull:
		return "the disk is full"
	case DiskReadOnly:
		return "the disk is read-only"
	case DiskDenied:
		return "no permission to write"
	}
	return "the location is not writable"
}

func (en) JournalWriteFailed(kind, dir string, serverChanged bool) string {
	s := "The journal cannot be written: " + diskWhyEN(kind) + " (" + dir + "). "
	var fix string
	switch kind {
	case DiskFull:
		fix = "free some space"
	case DiskDenied:
		fix = "give the user who runs the wizard write access to " + dir
	default:
		fix = "make " + dir + " writable"
	}
	if serverChanged {
		// Another state directory would lose this run's journal: fix it here.
		return s + "The change on the server was made but is not recorded yet; " + fix + " and start the wizard again – it checks the server's state and continues."
	}
	if kind == DiskFull {
		return s + "Nothing was changed on the server; free some space and start the wizard again – it continues where it stopped."
	}
	return s + "Nothing was changed on the server; " + fix + " or give a writable state directory with --state-dir, and start the wizard again."
}

func (en) DownloadWriteFailed(kind, dir string) string {
	return "The update package cannot be saved: " + diskWhyEN(kind) + " (" + dir + "). The partial file was deleted; free some space and repeat the download."
}

func (en) UploadCut(host, sent, total string) string {
	return "The connection to " + host + " broke off during the upload (after " + sent + " of " + total + "). " +
		"1CRM does not list the package; nothing was installed. Check the network and upload again."
}

func (en) JournalUnreadable(kind, path, stateDir string) string {
	var why, todo string
	switch kind {
	case JournalNewer:
		why = "it was written by a newer version of 1crm-update"
		todo = "Continue this run with that newer version. "
	case JournalDenied:
		why = "there is no permission to read it"
		todo = "Start the wizard as the user who owns the file, or give that user read access (chmod 600). "
	case JournalNotFile:
		why = "it is not a regular file (a directory or a special file)"
	default:
		why = "it is damaged (empty, cut off or not a journal)"
	}
	return "The journal " + path + " cannot be read: " + why + ". It may record a backup or an install of that run, " +
		"so the wizard does not start anything next to it. What to do: " + todo +
		"Keep the file for the partner and move its run folder out of " + stateDir + ", or use another state directory with --state-dir."
}

func (en) ReportSectionTechnical() string { return "Technical details (for the partner)" }

// ---- outcomes (English)

func (en) OutcomeLine(outcome, stage string) string {
	switch outcome {
	case OutcomeSuccess:
		return "Outcome: update installed and tested, no problems."
	case OutcomeProblems:
		return "Outcome: update installed; testing on the " + stage + " found problems."
	case OutcomeInstallFailed:
		return "Outcome: the install on the " + stage + " failed."
	case OutcomeBackupFailed:
		return "Outcome: the backup could not be made; nothing was installed."
	case OutcomeBackupUnknown:
		return "Outcome: whether the backup was made is unknown – 1CRM did not confirm it; please look in the backup history. Nothing was installed."
	case OutcomeInstallUnknown:
		return "Outcome: the result of the install on the " + stage + " is unknown – please look on the server before anything is restored."
	case OutcomeBlocked:
		return "Outcome: the preflight stopped the update; nothing on the server was changed."
	case OutcomeRunning:
		return "Status: the run is still in progress – the wizard is working on it; this report shows the state so far."
	}
	return "Outcome: the run was ended before its end."
}

func (en) OutcomeSubject(outcome, url, before, after string) string {
	switch outcome {
	case OutcomeSuccess:
		if after == "" || after == before || after == "–" {
			return "1CRM update finished (" + url + ")"
		}
		return "1CRM update finished (" + url + ", " + before + " → " + after + ")"
	case OutcomeProblems:
		return "1CRM update finished with problems (" + url + ", " + before + " → " + after + ")"
	case OutcomeInstallFailed:
		return "1CRM update failed – please help (" + url + ", version " + before + ")"
	case OutcomeBackupFailed:
		return "1CRM update: backup not possible (" + url + ")"
	case OutcomeBackupUnknown:
		return "1CRM update on hold: backup unconfirmed – please check (" + url + ")"
	case OutcomeInstallUnknown:
		return "1CRM update: result of the install unknown – please check (" + url + ", version " + before + " so far)"
	case OutcomeBlocked:
		return "1CRM update not possible (" + url + ")"
	}
	return "1CRM update stopped (" + url + ")"
}

func (en) InstallFailedIntro(stage, url, before, target string, step, of int) string {
	at := enStepAt(" at ", step, of, "")
	return fmt.Sprintf("Hello,\n\nthe install of %s on the %s (%s, version %s so far) stopped%s.", enUpdateOf(target), stage, url, before, at)
}

func (en) InstallFailedState() string {
	return "State of the server: the update may be partly applied, and 1CRM may still list the upgrade as in progress. We did not repeat the install."
}

func (en) InstallFailedAdvice(stage string) string {
	return "Please check the state of the " + stage + " and tell us whether we go back to a backup or you repair the install."
}

func (en) BackupFailedIntro(url, version string) string {
	return fmt.Sprintf("Hello,\n\nbefore the 1CRM update on %s (version %s) our own backup could not be made. Without a backup we do not install the update.", url, version)
}

func (en) BackupFailedAdvice() string {
	return "Please help us get the backup working (e.g. check the backup settings or mysqldump on the server)."
}

func (en) BackupUnknownIntro(url, version string) string {
	return fmt.Sprintf("Hello,\n\nbefore the 1CRM update on %s (version %s) the wizard started a backup but could not tell whether it was made: 1CRM did not answer, and no new entry appeared in the backup history within the time allowed. The backup may exist all the same, or still be being written. Without a confirmed backup we do not install the update.", url, version)
}

func (en) BackupUnknownAdvice(page string) string {
	s := "Please look in 1CRM under Administration › Backup Management, in the backup history, for a new backup of a plausible size since the start"
	if page != "" {
		s += " (" + page + ")"
	}
	return s + ", before anyone starts another one. If it is there, the wizard finds it on its next attempt and does not make a second one."
}

func (en) InstallUnknownIntro(stage, url, before, target string, step, of int) string {
	at := enStepAt(" (last seen: ", step, of, ")")
	return fmt.Sprintf("Hello,\n\nwe do not know how the install of %s on the %s (%s, version %s so far) ended%s. The wizard could not tell the result; what it saw follows.", enUpdateOf(target), stage, url, before, at)
}

// enUpdateOf names the package in the install mails' intros: its label
// quoted as a name, since it may itself say "1CRM" and "Update" ("1CRM
// 8.7.7 Update"); without a label, just the 1CRM update.
func enUpdateOf(target string) string {
	if target == "" || target == "–" {
		return "the 1CRM update"
	}
	return "the update package " + enq(target)
}

func (en) InstallUnknownState() string {
	return "State of the server: unknown – the update may be fully applied, partly applied or not at all, and 1CRM may still list the upgrade as in progress (users stay locked out then). We did not repeat the install."
}

func (en) InstallUnknownAdvice(stage, url string) string {
	base := strings.TrimRight(url, "/")
	return "Please look at the " + stage + " before a backup is restored or the install is repeated:\n" +
		"- which version " + base + "/api.php/version reports,\n" +
		"- whether 1CRM lists the package under Administration › Upgrades & Customization, “Installed Packages”,\n" +
		"- whether 1CRM still has an upgrade in progress (users cannot sign in; " + base + "/upgrade.php shows the steps left).\n" +
		"Then tell us whether we go back to a backup, or the install is finished or repaired."
}

func (en) BlockedIntro(url, version string) string {
	return fmt.Sprintf("Hello,\n\nthe 1CRM update on %s (version %s) is not possible at the moment. The wizard's preflight found:", url, version)
}

func (en) AbortedIntro(url, version, at string) string {
	return fmt.Sprintf("Hello,\n\nwe stopped the 1CRM update on %s (version %s) at the step “%s” and have not finished it yet.", url, version, at)
}

func (en) ServerUnchanged() string {
	return "Nothing was installed on the server; 1CRM runs unchanged with its previous version."
}

func (en) OwnBackupMade(own OwnBackup) string { return "Our own backup: " + ownBackupEN(own) + "." }

func (en) DoneChecklist(passed, na int) string {
	return fmt.Sprintf("Test items: %d work, %d not applicable, no problems.", passed, na)
}

// enStepAt is "<pre>step 3 of 6<post>" (or without "of N" when
// the total is unknown), or "" before any step was seen.
func enStepAt(pre string, step, total int, post string) string {
	switch {
	case step > 0 && total > 0:
		return fmt.Sprintf("%sstep %d of %d%s", pre, step, total, post)
	case step > 0:
		return fmt.Sprintf("%sstep %d%s", pre, step, post)
	}
	return ""
}
