package text

// errorTexts word an error for people. The steps package classifies the
// Go error (typed crmclient errors, network and disk errors) into a code;
// the Go error chain itself, with its English prefixes, only goes to the
// report's technical section and the journal.
type errorTexts interface {
	// ServerSaid labels a message 1CRM itself showed (verbatim, in the
	// instance's language).
	ServerSaid(msg string) string
	// ErrKind words a classified client error. code is one of the
	// ErrCode* constants; arg is e.g. the HTTP status for ErrCodeHTTP.
	ErrKind(code, arg string) string
	// ErrNetwork words a connection problem; kind is one of the Net*
	// constants, host the server's host name.
	ErrNetwork(kind, host string) string
	// JournalWriteFailed: the run's journal could not be written. kind is
	// one of the Disk* constants, dir the run folder. serverChanged says
	// whether the server had already been changed by the action.
	JournalWriteFailed(kind, dir string, serverChanged bool) string
	// DownloadWriteFailed: the update ZIP could not be saved locally.
	DownloadWriteFailed(kind, dir string) string
	// UploadCut: the connection dropped during the upload, after sent of
	// total (sizes already formatted).
	UploadCut(host, sent, total string) string
	// JournalUnreadable: a run's journal.json cannot be read (kind is one
	// of the Journal* constants); the wizard and `report` refuse rather
	// than skip it. path is the file, stateDir the state directory.
	JournalUnreadable(kind, path, stateDir string) string
	// ReportSectionTechnical is the report section with the technical
	// error details (English Go errors, page excerpts) for the partner.
	ReportSectionTechnical() string
}

// Error classification codes (errorTexts.ErrKind).
const (
	ErrCodeWrongPassword       = "wrong_password"
	ErrCodeNotAdmin            = "not_admin"
	ErrCodeSessionExpired      = "session_expired"
	ErrCodeAPINotAvailable     = "api_not_available"
	ErrCodeAPICredentials      = "api_credentials"
	ErrCodePlainHTTP           = "plain_http"
	ErrCodeNotOneCRM           = "not_onecrm"
	ErrCodeUpgradesDisabled    = "upgrades_disabled"
	ErrCodeUploadDisabled      = "upload_disabled"
	ErrCodeUploadNotAccepted   = "upload_not_accepted"
	ErrCodeNotZip              = "not_zip"
	ErrCodeInvalidVersion      = "invalid_version"
	ErrCodeEmptyFields         = "empty_fields"
	ErrCodeInvalidType         = "invalid_type"
	ErrCodeDuplicateUpload     = "duplicate_upload"
	ErrCodeOutdated            = "outdated"
	ErrCodePrepareFailed       = "prepare_failed"
	ErrCodeInstallFailed       = "install_failed"
	ErrCodeInstallTimeout      = "install_timeout"
	ErrCodeBackupFailed        = "backup_failed"
	ErrCodeNotPDF              = "not_pdf"
	ErrCodeNoAPIAuth           = "no_api_auth"
	ErrCodeNotUploaded         = "not_uploaded"
	ErrCodeDeleteFailed        = "delete_failed"
	ErrCodeDownloadNotZip      = "download_not_zip"
	ErrCodeResumeURL           = "resume_url"
	ErrCodeServerError         = "server_error"
	ErrCodePageChanged         = "page_changed" // arg: the page
	ErrCodeNotJSON             = "not_json"
	ErrCodeHTTP                = "http" // arg: the status code
	ErrCodeInstallStuck        = "install_stuck"
	ErrCodeCaptcha             = "captcha"
	ErrCodeUpgradeInProgress   = "upgrade_in_progress"
	ErrCodeInstallNeedsBrowser = "install_needs_browser"
	ErrCodeRedirectedHome      = "redirected_home"
	ErrCodeNoNewBackup         = "no_new_backup"
	ErrCodeUnknown             = "unknown"
)

// Network problem kinds (errorTexts.ErrNetwork).
const (
	NetRefused = "refused"
	NetDNS     = "dns"
	NetTimeout = "timeout"
	NetTLS     = "tls"
	NetReset   = "reset" // connection reset or closed mid-answer (EOF)
	NetOther   = "other"
)

// Local disk problem kinds (JournalWriteFailed, DownloadWriteFailed).
const (
	DiskFull     = "full"     // ENOSPC, EDQUOT, EFBIG
	DiskReadOnly = "readonly" // EROFS
	DiskDenied   = "denied"   // EACCES, EPERM
	DiskOther    = "other"
)

// Why a journal cannot be read (JournalUnreadable).
const (
	JournalDamaged = "damaged" // empty, truncated, not JSON, not a journal
	JournalNewer   = "newer"   // written by a newer 1crm-update
	JournalDenied  = "denied"  // no permission to read it
	JournalNotFile = "notfile" // a directory or another non-regular file
)

// Run outcomes (outcomeTexts). Every report and partner mail is built
// from exactly one of them, so the mail never claims more than happened.
const (
	OutcomeSuccess       = "success"        // installed, smoke and checklist without problems
	OutcomeProblems      = "problems"       // installed, but smoke or checklist found problems
	OutcomeInstallFailed = "install_failed" // the install stopped on the server
	OutcomeBackupFailed  = "backup_failed"  // the own backup could not be made (R10)
	// OutcomeBackupUnknown: the wizard could not confirm the backup (1CRM
	// did not answer, no new history entry within the limit). It may
	// exist: the admin must look before making another one.
	OutcomeBackupUnknown = "backup_unknown"
	// OutcomeInstallUnknown: the install ended without a known result
	// (stalled, out of time, lost by 1CRM). The system may be updated,
	// half-updated or unchanged: the admin must look before restoring.
	OutcomeInstallUnknown = "install_unknown"
	OutcomeBlocked        = "blocked" // the preflight stopped the update (W1, R6)
	OutcomeAborted        = "aborted" // the admin stopped before the end
	// OutcomeRunning heads a report of a run a wizard is still working
	// on (the report's first line only; its mail is the stopped one).
	OutcomeRunning = "running"
)

// outcomeTexts word the run's outcome in the report and the partner mail.
type outcomeTexts interface {
	// OutcomeLine is the one-line result at the top of the report.
	OutcomeLine(outcome, stage string) string
	// OutcomeSubject is the partner mail's subject.
	OutcomeSubject(outcome, url, before, after string) string
	// InstallFailedIntro opens the mail after a failed install; target is
	// the package's label ("" when unknown), named as a quoted name
	// whatever it says itself; step/of are the upgrade.php step it
	// stopped at (0 = unknown).
	InstallFailedIntro(stage, url, before, target string, step, of int) string
	// InstallFailedState says what state the server may be in now.
	InstallFailedState() string
	// InstallFailedAdvice says what the partner is asked to do.
	InstallFailedAdvice(stage string) string
	BackupFailedIntro(url, version string) string
	BackupFailedAdvice() string
	// BackupUnknownIntro opens the mail after a backup whose result the
	// wizard could not see; BackupUnknownAdvice says where in 1CRM to
	// look (the Backup history; page: the address of that page).
	BackupUnknownIntro(url, version string) string
	BackupUnknownAdvice(page string) string
	// InstallUnknownIntro opens the mail after an install that ended
	// without a known result (stalled, out of time, lost); target and
	// step/of as in InstallFailedIntro.
	InstallUnknownIntro(stage, url, before, target string, step, of int) string
	// InstallUnknownState: updated, half-updated or unchanged – unknown.
	InstallUnknownState() string
	// InstallUnknownAdvice says what to look at before anything is
	// restored: url/api.php/version, Upgrades & Customization › Installed
	// and the upgrade lock (upgrade.php).
	InstallUnknownAdvice(stage, url string) string
	BlockedIntro(url, version string) string
	AbortedIntro(url, version, at string) string
	// ServerUnchanged: nothing on the server was changed by the run.
	ServerUnchanged() string
	// OwnBackupMade says what is known of the own backup the run made.
	OwnBackupMade(own OwnBackup) string
	// DoneChecklist summarises the checklist of a successful run.
	DoneChecklist(passed, na int) string
}

// OwnBackup is what is known of a stage's own backup (R10), for the
// mails: either its name from 1CRM's backup history, or – made in the
// browser where the wizard could not see it – the admin's confirmation.
type OwnBackup struct {
	Name string // file name with its time, "(…)"; "" when not seen
	// Confirmed: made in the browser, confirmed by the admin, not seen
	// by the wizard in the backup history.
	Confirmed bool
	Note      string // the admin's note (steps redacts it before)
}

// Known says whether there is anything to say about the backup.
func (o OwnBackup) Known() bool { return o.Name != "" || o.Confirmed }
