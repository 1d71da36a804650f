package text

// handoverTexts: a server action handed to the admin in the browser
// (issue 10) — why, what to do, what to look for, what the wizard found
// when it looked again — and the "done by hand" lines of the report.
//
// The menu paths are not here: they are 1CRM's own names, shown in German
// and English whatever the wizard's language (steps.MenuPath).
type handoverTexts interface {
	// ManualActionName names an action for people: download, backup,
	// upload, prepare, install.
	ManualActionName(action string) string
	// HandoverReason says why the step goes to the browser. cause is one
	// of the Cause* codes; page is the client's page name ("uwizard",
	// "prepare", …), detail what 1CRM said or what was missing ("" when
	// nothing).
	HandoverReason(cause, page, detail string) string
	// HandoverSteps is what to do, one sentence per item, for a hand-over
	// kind (Kind* codes).
	HandoverSteps(kind string, f HandoverFacts) []string
	// HandoverLookFor is what shows that it worked.
	HandoverLookFor(kind string, f HandoverFacts) []string
	// HandoverLockedOut warns that 1CRM keeps its users locked out until
	// the last install step is done.
	HandoverLockedOut() string
	// HandoverFound words what a check read back (Found* codes).
	HandoverFound(code, arg string) string
	// HandoverNotYet words what a check did not find yet (NotYet* codes).
	HandoverNotYet(code, arg string) string
	// HandoverConfirmHint explains that the outcome cannot be read back
	// and the admin's explicit confirmation is recorded as "not verified".
	HandoverConfirmHint() string
	// ManualLine is one line of the report's "done by hand" section:
	// verified with the evidence, or confirmed by the admin (not verified)
	// with the admin's note; pending when the hand-over is still open.
	ManualLine(action, stage, cause string, state string, evidence, note string) string
	ReportSectionManual() string
	// ReportSectionPages heads the list of kept pages; PagesIntro says
	// where they are and who they are for.
	ReportSectionPages() string
	PagesIntro(dir string) string
	// BrowserOnly: the admin login of stage is closed to the wizard
	// (why: the worded error); it reads only the public parts and hands
	// every admin step to the browser.
	BrowserOnly(stage, why string) string
	// ListUnreadable: the upgrade manager list page is not one the
	// client knows (preflight warning; detail: the worded error).
	ListUnreadableTitle() string
	ListUnreadable(detail string) string
	ListUnreadableAdvice() string
	// Refusals around hand-overs: none open; another one open (action
	// worded); a check must come first (the outcome can be read); a
	// running install cannot be taken back.
	NoHandover() string
	HandoverOpen(action string) string
	HandoverNeedsCheck() string
	HandoverMustFinish() string
	// BundleReadme is README.txt of the bundle: what is in it, that no
	// secret is, and who it is for.
	BundleReadme(runID string, pages int) string
	// BundleHint tells the admin, on the screen that shows a partner
	// mail, how to make the file the mail names as its attachment
	// (`1crm-update report --bundle`). It never goes into a mail.
	BundleHint(runID string) string
}

// BundleFile is the name the mails give the bundle of run runID.
func BundleFile(runID string) string { return "1crm-update-" + runID + ".zip" }

// HandoverFacts are the values a hand-over's texts name.
type HandoverFacts struct {
	File       string // the local package file (upload)
	Package    string // package name and version, "1CRM 8.7.7 Update 8.7.7"
	Version    string // the target version
	Core       bool   // a core update: 1CRM reports the new version after it
	UpgradeURL string // …/upgrade.php of the instance
	Support    string // the partner's support address
	Since      string // time of day the wizard asked 1CRM for a backup itself ("" when it did not)
	Offered    string // version or name of the listed update to download ("" when unknown)
}

// Hand-over causes (steps.HandoverCause uses the same codes).
const (
	CauseRequested        = "requested"
	CausePageChanged      = "page_changed"
	CauseServerError      = "server_error"
	CauseCaptcha          = "captcha"
	CauseNeedsBrowser     = "needs_browser"
	CauseUploadDisabled   = "upload_disabled"
	CauseRedirectedHome   = "redirected_home"
	CauseDownloadUnusable = "download_unusable"
	CauseSourceUnknown    = "source_unknown"
)

// Hand-over kinds: which instructions apply.
const (
	KindDownload       = "download"        // the ZIP from the License page
	KindBackup         = "backup"          // Backup Management › Perform Backup
	KindUpload         = "upload"          // Upgrades & Customization › Upload
	KindInstallAll     = "install_all"     // upload, prepare, warnings, install, upgrade.php
	KindPrepareInstall = "prepare_install" // prepare, warnings, install, upgrade.php
	KindFinishUpgrade  = "finish_upgrade"  // the install runs: finish upgrade.php
	KindInstallHosted  = "install_hosted"  // uploads off: License page, or the partner
)

// What a check found, and what it did not find yet.
const (
	FoundBackup    = "backup"    // arg: name (size)
	FoundUploaded  = "uploaded"  // arg: package
	FoundInstalled = "installed" // arg: package
	FoundVersion   = "version"   // arg: version
	FoundLockGone  = "lock_gone"
	FoundPackage   = "package" // arg: file, SHA-256

	NotYetBackup            = "no_new_backup"
	NotYetHistoryUnreadable = "history_unreadable" // arg: why
	NotYetBackupsUnknown    = "backups_unknown"    // the history before the hand-over is unknown
	NotYetUploaded          = "not_uploaded"       // arg: package
	NotYetListUnreadable    = "list_unreadable"    // arg: why
	NotYetInstalled         = "not_installed"      // arg: package
	NotYetVersion           = "version"            // arg: "running → target"
	NotYetVersionUnreadable = "version_unreadable" // arg: why
	NotYetLockSet           = "lock_set"
	NotYetLockUnreadable    = "lock_unreadable" // arg: why
	NotYetNoFile            = "no_file"
	NotYetBadPackage        = "bad_package" // arg: the check's finding
)

// States of a "done by hand" report line.
const (
	ManualVerified  = "verified"
	ManualConfirmed = "confirmed"
	ManualPending   = "pending"
	ManualCancelled = "cancelled"
)
