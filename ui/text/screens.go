package text

import "time"

// screens: the texts of the step screens.
type screens interface {
	// start, resume (W8), report
	TitleStart() string
	Starting() string
	TitleResume() string
	TitleReport() string
	ResumeFound(runID, started string) string
	ResumeInstance(url string) string
	ResumeDone() string
	ResumeNext(step string) string
	ResumePaused() string
	ResumeContinue() string
	ResumeStartOver() string
	ResumeStartOverNote(takesOver bool) string

	// shared words and facts
	ContinueTo(step string) string
	LiveSystem() string
	TestSystem() string
	LiveShort() string
	TestShort() string
	NoTestSystem() string
	Instance() string
	Edition() string
	Installed() string
	Support() string
	SupportUntil(end string, days int) string
	Extensions() string
	UpdatesOffered() string
	ServerUnchanged() string
	MoreAbove() string
	MoreBelow() string
	MoreBoth() string
	ReasonTitle() string
	ReasonRequired() string
	Recommended() string
	Note() string
	NoteRequired() string
	PathWord() string
	ReportWord() string
	ChecklistWord() string
	Cause(code string) string

	// connect
	Connecting() string
	Connected() string
	ReconcileTitle() string

	// preflight (W1)
	Checking() string
	PreflightOK() string
	PreflightWarnings() string
	PreflightBlocked() string
	AckWarnings() string
	QuitBlocked() string
	DeploymentQuestion() string
	DeploymentCloud() string
	DeploymentOnPrem() string
	// The installed version, when /version is closed (Startup/Startup+):
	// the admin types what 1CRM shows (steps.SetInstalledVersion).
	VersionEnter() string
	VersionInputTitle() string
	VersionInputHelp() string
	VersionRequired() string

	// package (W2)
	PackageIntro(installed string) string
	PackageNoneListed() string
	PackageFromVendor() string             // R2: Startup on-premise
	PackageFromPartner(mail string) string // R3: Startup cloud
	PackageUsePreset(file string) string
	PackageDownload(version, pkg string) string
	PackageLocalFile() string
	PackagePathTitle() string
	PackagePathHelp() string
	PackagePathMissing() string
	PackagePathIsDir() string
	PackageChecking(file string) string
	PackageDownloading(version string) string
	PackageFile() string
	PackageSize() string
	PackageName() string
	PackageValid() string
	PackageInvalid() string
	PackageChooseOther() string
	PackageExtensionsNote(list string) string

	// path (R7–R14)
	PathATitle() string
	PathAFacts() string
	PathANeedsTest() string
	PathBTitle() string
	PathBFacts() string
	PathAChoice() string
	PathBChoice() string

	// refresh request (R8) and mails
	RefreshIntro() string
	RefreshConfirm() string
	MailTo() string
	MailSubject() string
	MailtoLabel() string
	CopyMail() string
	Copied() string
	CopyUnsupported() string

	// parity (W5)
	ParityChecking() string
	ParityOK() string
	ParityDiffers() string
	ParityMissing(ext string) string
	ParityExtra(ext string) string
	ParityRedo() string
	ParityAccept() string
	// R7: the twin question (test and live report the same data).
	TwinYes() string
	TwinStop() string
	TwinStopFarewell() string
	ParityReasonHelp() string

	// time guard (W3)
	Now() string
	TestsDoneBy() string
	ReportBy() string
	LeftFmt(d time.Duration) string
	GuardWhy() string
	GuardOK() string
	GuardWarn() string
	GuardRefuse() string
	// Weekend starts (day: "Sonntag"): the partner is not reachable today.
	GuardWeekend(day string) string
	GuardWeekendLate(day string) string
	GuardWeekendRefuse(day string) string
	GuardPause(when string) string
	GuardGoAnyway() string
	GuardOverride() string
	GuardReasonHelp() string
	PausedFarewell(when string) string

	// backup (R10)
	BackupIntro() string
	BackupIntroOptional() string // path A live: the test passed, a backup is recommended (R10)
	BackupStart() string
	BackupSkip() string
	BackupSkipHelp() string
	BackupRunning() string
	BackupServerState() string
	BackupDone() string
	BackupName() string
	BackupTime() string
	BackupWhere() string
	BackupNoDump() string
	BackupRestoreNote() string

	// install (R21, R22)
	PhaseUpload() string
	PhasePrepare() string
	PhaseAccept() string
	PhaseInstall() string
	InstallUpload(stage string) string
	InstallPrepare() string
	InstallPrepareAgain() string
	InstallAccept() string
	InstallStart(stage string) string
	Uploading() string
	UploadServerState() string
	Preparing() string
	PrepareServerState() string
	Installing(stage string) string
	InstallServerState() string
	InstallStep(step, of int, text string) string
	InstallPolling() string
	PrepareResults() string
	ChecksPassed(n int, names string) string
	// PrecopyDone: 1CRM copied a core update's early files and restarted
	// its checks (the wizard answered that restart request itself).
	PrecopyDone() string
	// RowsOK: how many further check rows of a warning step passed.
	RowsOK(n int) string
	PrepareBlocked() string
	R22Title() string
	R22Explain() string
	R22Affected(list string) string
	InstalledOK(stage string) string

	// smoke (W6)
	SmokeRunning() string
	SmokeOK() string
	// SmokeOKWithoutREST: what ran passed, and the REST checks did not
	// run (the line under it says why); never "all checks passed" then.
	SmokeOKWithoutREST() string
	SmokeFailed() string

	// checklist (W7, R23)
	ChecklistProgress(answered, total int) string
	ChecklistAnswer() string
	// LineYesNoOr is the line mode's yes/no prompt that also takes the
	// given keys (e.g. h: in the browser instead): "[j/n/h]".
	// StepNoTotal heads a step before the path, and so the total, is known.
	StepNoTotal(n int, title string) string
	LineYesNoOr(keys []string) string
	// DoneLockedOut, DoneLockedOutHow: the closing pages while an install
	// handed to the browser is still open and users are locked out.
	DoneLockedOut(stage string) string
	DoneLockedOutHow() string
	// ChecksAccepted: prepare steps that warned and were accepted (R22).
	ChecksAccepted(n int, names string) string
	// LineChecklistPause: the line mode's checklist also takes q and ?.
	LineChecklistPause() string
	ChecklistAbove(n int) string
	ChecklistBelow(n int) string
	ChecklistOpenLeft(n int) string
	ChecklistAdd() string
	ChecklistAddTitle() string
	ChecklistAddHelp() string
	ChecklistFinish() string
	ChecklistSource(src string) string
	ChecklistCounts(passed, problems, na int) string
	ProblemNoteTitle(item string) string
	ProblemNoteHelp() string

	// go live (R9)
	GoLiveTestPassed() string
	GoLiveIntro() string
	GoLiveConfirm() string

	// problems (R13, R14, R16–R20)
	ProblemsIntroA() string
	ProblemsIntroB() string
	ProblemsIntroUnchanged() string // a failure before anything was installed: no restore
	RestoreOptions() string
	RestoreOwn() string
	RestoreServer(since, span, cost string) string
	RestoreRepair() string
	ProblemsSent() string

	// done (W9)
	DoneOK() string
	DoneWithProblems() string
	DoneMailIntro(to string) string
	FinishedFarewell(reportPath string) string
}

// CauseCodes are the error kinds Cause knows; tests check every language has
// a real sentence for each.
var CauseCodes = []string{
	"canceled", "wrong_password", "not_admin", "session_expired", "not_1crm", "plain_http",
	"upgrades_disabled", "upload_disabled", "upload_not_accepted", "bad_package",
	"invalid_version", "duplicate_upload", "outdated", "prepare_failed", "install_failed",
	"install_timeout", "backup_failed", "page_changed", "tls", "network", "network_refused",
	"network_dns", "network_timeout", "network_dropped", "tls_unknown_ca", "tls_hostname",
	"tls_expired", "tls_not_https", "server_error", "install_stuck", "download_not_zip",
	"not_uploaded", "delete_failed", "resume_url", "api_not_available", "api_credentials",
	"api_error", "not_pdf", "download_failed", "local_disk", "unknown",
}
