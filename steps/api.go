// API-READY
//
// Package steps is the 1CRM update procedure as plain Go: the rules R1–R23 and
// W1–W10 of spec/procedure.md, the order of the steps, the journal that lets a
// run survive crashes (W8), and the support report (W9). It knows nothing about
// terminals: the ui package renders a Snapshot and calls the actions below.
//
// Life cycle of a run, as the UI drives it:
//
//	w, err := steps.Open(cfg)            // takes the state-dir lock (*journal.LockedError → exit 3)
//	if s := w.Unfinished(); s != nil {   // ask: resume or start over?
//		w.Resume()
//	} else {
//		w.StartNew()
//	}
//	w.Attach(live, test)                 // test may be nil (path B)
//	for w.Next() != steps.StepDone { switch w.Next() { … call the action of that step … } }
//	w.Close()
//
// Every action checks its preconditions against the rules and returns a
// *Refusal (errors.As) that explains, in the configured language, why it will
// not act. A failure on the server comes back as *ActionError (localised
// Text, the typed crmclient error inside for errors.Is); the step stays due,
// so the UI offers "retry" or ReportProblem. A cancelled context returns
// ctx.Err() and leaves the run resumable. Snapshot().Errors lists every
// failure with its time for the report.
//
// Progress callbacks are plain funcs called from the action's goroutine;
// the UI bridges them to its own messages. Every action that changes a server writes a journal record before
// the change and one with the server's evidence after it; after a crash the
// next Connect reconciles an unfinished record with the server instead of
// repeating the change. All methods are safe for use from several goroutines
// (an action may run in a worker while the UI calls Snapshot).
package steps

import (
	"context"
	"time"

	"github.com/visual4/1crm-update/crmclient"
)

// CRM is the part of the 1CRM client the procedure needs. *crmclient.Client
// satisfies it (or is wrapped by an adapter in this package); tests use the
// simulator or a fake.
type CRM interface {
	// BaseURL is the instance base URL as the admin gave it (no secrets).
	BaseURL() string
	// Version calls GET /api.php/version (spec §1.2); no login needed.
	Version(ctx context.Context) (*crmclient.VersionInfo, error)
	// Login opens the admin web session (spec §2).
	Login(ctx context.Context) error
	// CheckLogin logs in once with a fresh session, leaving the working
	// session alone (W6: proves the login still works after an install).
	CheckLogin(ctx context.Context) error
	// License scrapes Administration › License Information (spec §3).
	License(ctx context.Context) (*crmclient.License, error)
	// BackupPage reads the Backup Management page (spec §4).
	BackupPage(ctx context.Context) (*crmclient.BackupPage, error)
	// RunBackup runs one backup and returns the new history entry (spec §4).
	RunBackup(ctx context.Context, elapsed func(time.Duration)) (*crmclient.BackupEntry, error)
	// Packages reads the upgrade manager list page (spec §5.1).
	Packages(ctx context.Context) (*crmclient.PackageList, error)
	// Upload streams a package ZIP to the upgrade manager (spec §5.2).
	Upload(ctx context.Context, path string, progress func(sent, total int64)) error
	// DeleteUpload removes an uploaded ZIP (spec §5.5).
	DeleteUpload(ctx context.Context, source string) error
	// Prepare runs perform=prepare_install, confirming the given warning steps (spec §5.3).
	Prepare(ctx context.Context, source string, confirm []string) (*crmclient.PrepareResult, error)
	// BackupHistory reads the backup history even when the Backup page's
	// settings form is not recognised (verifying a backup made by hand).
	BackupHistory(ctx context.Context) ([]crmclient.BackupEntry, error)
	// InstallLockGone reports whether 1CRM released its in-progress lock
	// (verifying an install finished by hand); read-only.
	InstallLockGone(ctx context.Context) (bool, error)
	// Install runs perform=install and follows upgrade.php until done (spec §5.4).
	Install(ctx context.Context, source string, target crmclient.InstallTarget, progress func(crmclient.InstallProgress)) error
	// ResumeInstall continues following an install cut half-way from the
	// upgrade.php URL journaled from InstallProgress.URL, without posting
	// perform=install again (spec §5.4, W8).
	ResumeInstall(ctx context.Context, url string, target crmclient.InstallTarget, progress func(crmclient.InstallProgress)) error
	// ProceedReady reports whether this client holds the Proceed form of a
	// passed Prepare of source (false after a restart: prepare again first).
	ProceedReady(source string) bool
	// Download fetches an update ZIP from the License page link to dest,
	// continuing dest+".part" where an earlier attempt stopped.
	Download(ctx context.Context, url, dest string, opt crmclient.DownloadOptions) (*crmclient.DownloadResult, error)
	// HasAPICredentials reports whether REST calls beyond /version can be authenticated.
	HasAPICredentials() bool
	// Me calls GET /api.php/me.
	Me(ctx context.Context) (*crmclient.Me, error)
	// List calls GET /api.php/data/{model}.
	List(ctx context.Context, model string, o crmclient.ListOptions) (*crmclient.ListResult, error)
	// PDF renders GET /api.php/printer/pdf/{model}/{id}.
	PDF(ctx context.Context, model, id string) ([]byte, error)
}

// Config is what the wizard needs from flags and environment (spec/cli.md).
type Config struct {
	StateDir      string           // journals, logs, reports: runs/<ID>/
	Lang          string           // "de" (default) or "en"
	SupportEmail  string           // partner support address; default DefaultSupportEmail
	PackageFile   string           // --package: the update ZIP, when the admin has it
	ChecklistFile string           // --checklist: the company's own test items
	Now           func() time.Time // wall clock; nil = time.Now (ONECRM_UPDATE_NOW sets a fixed one)
	StartMargin   time.Duration    // W3: warn below this much time before 15:00; 0 = 2 h
	Insecure      bool             // --insecure: recorded in the journal and the report
	LiveURL       string           // recorded for the report; the CRM carries the real one
	TestURL       string           // path A test system, if any (R7)
	User          string           // admin user name (never the password)
	Version       string           // the wizard's own version, for the report
	// Demo: the instances are the built-in simulators, which get a new
	// address on every start, so Resume does not compare addresses (W8).
	Demo bool
	// BackupDir is a folder where the instance's backup files can be read
	// (--backup-dir: mounted or copied); the backup check looks there
	// first, then at the path the Backup History shows.
	BackupDir string
	// Secrets are the secret values this process knows (admin and test
	// password, API client secret). Wherever one turns up — a checklist
	// note, a reason, an echoed error — it is masked before the journal,
	// the log, the report, a mail or a screen gets it
	// (journal.RegisterSecret; values under 4 characters are not).
	Secrets []string
	// ExtensionPackages are local copies of installed extensions (ZIP or
	// manifest.php). Optional: with them the R22 forecast of a core update
	// is exact for those extensions instead of "may warn".
	ExtensionPackages []string
}

// DefaultSupportEmail is the partner's support address (R8, R13).
const DefaultSupportEmail = "support@visual4.de"

// StepID names one step of the procedure. Next() says which one is due.
type StepID string

// The steps, in the order a run meets them. Path A: connect, preflight,
// package, path, refresh_request, parity, install/smoke/checklist on the test
// system, go_live, backup/install/smoke/checklist on live, done. Path B:
// connect, preflight, package, path, time_guard, backup, install, smoke,
// checklist, done. problems comes in when smoke or the checklist found one.
const (
	StepConnect        StepID = "connect"         // attach + log in (and reconcile after a crash)
	StepPreflight      StepID = "preflight"       // W1, R1–R6; ConfirmDeployment
	StepPackage        StepID = "package"         // W2: UsePackageFile or DownloadUpdate
	StepPath           StepID = "path"            // R7: ChoosePath
	StepRefreshRequest StepID = "refresh_request" // R8: RefreshMail, ConfirmRefreshed
	StepParity         StepID = "parity"          // W5: ParityCheck
	StepTimeGuard      StepID = "time_guard"      // W3: StartCheck, AcknowledgeStart/OverrideLateStart/PauseUntilTomorrow
	StepBackup         StepID = "backup"          // R10: Backup or SkipBackup
	StepInstall        StepID = "install"         // R21, R22: Upload, Prepare, AcceptWarnings, Install
	StepSmoke          StepID = "smoke"           // W6: Smoke
	StepChecklist      StepID = "checklist"       // W7, R23: Answer, FinishChecklist
	StepGoLive         StepID = "go_live"         // R9: GoLive
	StepProblems       StepID = "problems"        // R13, R14, R16–R20: ProblemMail, ProblemsReported
	StepDone           StepID = "done"            // WriteReport, Finish
)

// Stage says which instance the current install/smoke/checklist is about.
type Stage string

const (
	StageTest Stage = "test"
	StageLive Stage = "live"
)

// Path is the procedure variant (R7).
type Path string

const (
	PathNone Path = ""
	PathA    Path = "A" // test system first (R8, R9)
	PathB    Path = "B" // own backup, then live (R10–R14)
)

// Deployment is where the instance runs; it matters for Startup (R2, R3).
type Deployment string

const (
	DeploymentUnknown Deployment = ""
	DeploymentCloud   Deployment = "cloud"
	DeploymentOnPrem  Deployment = "onprem"
)

// Level grades a verdict or a check.
type Level string

const (
	LevelOK    Level = "ok"
	LevelWarn  Level = "warn"
	LevelBlock Level = "block"
	LevelInfo  Level = "info"
)

// Verdict is one judgement with its rule, already worded in the run's language.
type Verdict struct {
	Rule   string // "R6", "W2", … (several joined by "," when one verdict encodes more)
	Level  Level
	Title  string
	Detail string
	Advice string // what the admin should do; empty when nothing
}

// Route is how the update package reaches this instance (R2–R4).
type Route string

const (
	RouteUnknown       Route = ""
	RouteVendorWebsite Route = "vendor_website" // R2: on-prem Startup, local ZIP from the vendor site
	RoutePartnerZIP    Route = "partner_zip"    // R3: cloud Startup, ZIP from the partner
	RouteLicensePage   Route = "license_page"   // R4: listed update, or a local ZIP
	RouteNoUpdates     Route = "none"           // R1: no entitlement found
)

// Preflight is the W1 result: everything checked before anything changes.
type Preflight struct {
	Verdicts []Verdict
	Blocked  bool // a LevelBlock verdict: nothing may change (R6)
	Edition  crmclient.Edition
	Products []string
	Version  string // installed version as /version reports it (see VersionSource)
	// VersionSource says where Version comes from: VersionFromAPI,
	// VersionFromList (the latest installed core patch, when /version is
	// closed on Startup/Startup+, spec §1.4, §8), VersionFromAdmin
	// (SetInstalledVersion), or "" = unknown. NeedsVersion asks the admin.
	VersionSource   string
	NeedsVersion    bool
	Deployment      Deployment // confirmed, or the guess while NeedsDeployment
	DeploymentGuess Deployment // from the license history (hosted) or upload availability
	NeedsDeployment bool       // ask the admin: ConfirmDeployment
	Support         crmclient.SupportLevel
	SupportEnd      string    // as the License page renders it
	SupportDate     time.Time // parsed SupportEnd; zero when unreadable
	// SupportEndText is the support end for people, in the run's
	// language (14.06.2027 / 14 Jun 2027); not kept in the journal.
	SupportEndText     string `json:"-"`
	SupportDaysLeft    int
	HasSupportDaysLeft bool
	Extensions         []crmclient.InstalledPackage // installed non-core packages
	Updates            []crmclient.AvailableUpdate  // R4: offered downloads; empty on the R2/R3 routes
	ListedUpdates      []crmclient.AvailableUpdate  // everything the License page lists, whatever the route
	Route              Route
	UploadDisabled     bool   // hosted without upload form: partner installs
	HasAPI             bool   // REST API usable for smoke checks
	TestConfigured     bool   // a test system is attached (R7)
	LicenseError       string // the License page could not be read (its values are then unknown)
	// ListError: the upgrade manager list could not be read (a page the
	// client does not know): extensions and in-progress notice unknown;
	// upload and install are handed to the admin in the browser.
	ListError  string
	InProgress bool // the upgrade manager reports an install in progress
}

// Where Preflight.Version comes from.
const (
	VersionFromAPI   = "api"
	VersionFromList  = "package_list"
	VersionFromAdmin = "admin"
)

// PackageCheck is the W2 validation of the update ZIP.
type PackageCheck struct {
	Path      string
	FileName  string
	Size      int64
	SHA256    string
	Name      string
	ID        string
	Type      string
	Version   string
	Core      bool // type patch + id InfoAtHand
	OK        bool // no LevelBlock verdict
	Uncertain bool // acceptance could not be decided exactly (build suffix, regex)
	Verdicts  []Verdict
	// Technical is the local check's own (English) detail of a finding,
	// e.g. "zip: not a valid zip file"; the verdicts word it for people.
	// It goes to the journal and the report, not into verdicts.
	Technical string
	// R22: installed extensions a core update may warn about. Their manifests
	// are not readable over HTTP, so ExtensionsUnknown says the list is the
	// installed extensions, not a computed set.
	AffectedExtensions []string
	ExtensionsUnknown  bool
	// CompatibleExtensions accept the target version by their manifest
	// (known from Config.ExtensionPackages): no version warning expected.
	CompatibleExtensions []string
}

// Mail is a ready-to-send e-mail: the admin sends it with their own client.
type Mail struct {
	To        string
	Subject   string
	Body      string
	MailtoURL string // mailto: link with subject and body encoded
}

// Parity is the W5 comparison of the test system with live.
type Parity struct {
	LiveVersion   string
	TestVersion   string
	VersionsMatch bool
	MissingOnTest []string // extensions live has, test does not ("name version")
	ExtraOnTest   []string // extensions test has, live does not
	OK            bool
	// Twin: live and test report the same version, products and License
	// data (licensee, user limit, support end, history) — possibly one
	// system under two addresses (R7). Next() stays parity until the admin
	// answers ConfirmDistinctSystems.
	Twin bool
	// DistinctConfirmed: the admin already answered the twin question.
	DistinctConfirmed bool
	Verdicts          []Verdict
}

// StartLevel grades a path B start time (W3).
type StartLevel string

const (
	StartOK     StartLevel = "ok"
	StartWarn   StartLevel = "warn"   // below the margin, or a weekend: proposal to continue tomorrow
	StartRefuse StartLevel = "refuse" // after 15:00: only an explicit override goes on
)

// StartCheck is the W3 start-time guard result, in Europe/Berlin time.
type StartCheck struct {
	Level          StartLevel
	Now            time.Time
	TestDeadline   time.Time // 15:00 today (R12)
	ReportDeadline time.Time // 16:00 today (R13)
	TimeLeft       time.Duration
	Margin         time.Duration
	Weekend        bool
	Tomorrow       time.Time // proposed restart: next working morning
	Verdicts       []Verdict
}

// Countdown is the W4 live countdown while testing on path B.
type Countdown struct {
	Applies        bool // only after a path B live install (R12, R13)
	Now            time.Time
	TestDeadline   time.Time
	ReportDeadline time.Time
	TestLeft       time.Duration // negative once passed
	ReportLeft     time.Duration
	TestPassed     bool
	ReportPassed   bool
	Line           string // one localised line, e.g. "Tests bis 15:00: noch 2 h 10 min"
}

// RestoreImpact is the R15–R18 statement with concrete times (W4).
type RestoreImpact struct {
	Now          time.Time
	LostSince    time.Time     // about 23:00 of the previous evening (R16)
	LostSpan     time.Duration // changes that a server restore would lose
	FreeOfCharge bool          // requested on the install day (R17)
	Cost         string        // "0 €" or "250 €" (R18)
	Text         string        // the whole statement, localised
}

// BackupInfo is a backup made (or skipped) during the run.
type BackupInfo struct {
	Stage    Stage
	Entry    *crmclient.BackupEntry // nil when skipped
	Skipped  bool
	Reason   string // why skipped
	DumpWarn bool   // the dump is disabled/unavailable: the backup holds no data
	Started  time.Time
	Finished time.Time
	// Previous and PreviousSize name the newest earlier backup of the
	// history with a size, which the check compares with.
	Previous     string
	PreviousSize int64
	// CheckDue: made, but the check of its file has not settled yet.
	CheckDue bool
	// Check is what reading the backup file found; nil before the check
	// and for skipped backups.
	Check *BackupCheck
	// ProblemAccepted is the admin's reason for going on although the
	// check failed or was cancelled (AcceptBackupProblem).
	ProblemAccepted string
	// Manual: made by hand in the browser (issue 10). Confirmed: the
	// admin confirmed it where the history could not be read — Entry is
	// nil then and Reason holds the admin's note.
	Manual    bool `json:",omitempty"`
	Confirmed bool `json:",omitempty"`
	// SizeText is Entry's size in the run's language ("11,5 KiB"), or
	// 1CRM's own text when the bytes are unknown (Snapshot only).
	SizeText string `json:"-"`
}

// InstallPhase is where the install step of a stage stands.
type InstallPhase string

const (
	PhaseUpload    InstallPhase = "upload"
	PhasePrepare   InstallPhase = "prepare"
	PhaseConfirm   InstallPhase = "confirm" // R22: warnings wait for AcceptWarnings
	PhaseInstall   InstallPhase = "install"
	PhaseInstalled InstallPhase = "installed"
)

// PrepareView is a prepare round explained for the admin (spec §5.3, R22).
type PrepareView struct {
	Steps              []crmclient.PrepareStep // verbatim from the server
	Warnings           []string                // step names that warned
	Errors             []crmclient.PrepareStep
	VersionWarnings    bool     // R22: the warnings look like extension version warnings
	AffectedExtensions []string // installed extensions the warnings are about
	Explanation        string   // localised R22 explanation
	NeedsAcceptance    bool     // call AcceptWarnings before Install
	CanProceed         bool
	// Precopied: 1CRM copied the update's early files in an earlier round
	// and the wizard restarted the checks, as its restart request asks.
	Precopied bool
}

// Check is one smoke check (W6, spec §9).
type Check struct {
	Name   string // "reachable", "version", "products", "login", "installed", "in_progress", "me", "record", "record_count", "pdf", "api"
	Level  Level  // ok, warn (could not check), block (failed)
	Title  string
	Detail string
}

// SmokeResult is the W6 result after an install.
type SmokeResult struct {
	Stage  Stage
	At     time.Time
	Checks []Check
	OK     bool // no LevelBlock check
}

// Answer status of a checklist item (W7).
const (
	AnswerPassed  = "passed"
	AnswerProblem = "problem"
	AnswerNA      = "na"
)

// ChecklistItem is one test item with its answer (W7).
type ChecklistItem struct {
	ID     string
	Title  string
	Detail string
	Source string // "builtin", "extension", "file"
	Status string // "" (open), AnswerPassed, AnswerProblem, AnswerNA
	Note   string
}

// StepRecord is one entry of the run history, for screens and the report.
type StepRecord struct {
	Step    StepID
	Stage   Stage
	Action  string
	Started time.Time
	Ended   time.Time // zero while running or when interrupted
	Result  string    // evidence as codes (journal), e.g. "name=backup_….zip"
	Error   string
	// Text says in words, in the run's language, what the record did,
	// with its evidence (Snapshot only; the journal keeps the codes).
	Text string `json:"-"`
}

// ErrorRecord is an error the run met (already free of secrets).
type ErrorRecord struct {
	At    time.Time
	Step  StepID
	Stage Stage
	Text  string // in words, in the run's language (1CRM's own message labelled as such)
	// Detail is the technical side for the partner: the Go error chain
	// and up to 2 KiB of the server's page text (no secrets). The report
	// shows it in its technical section only, never in user text.
	Detail string
}

// InstanceFacts describes one instance as the run saw it.
type InstanceFacts struct {
	URL           string
	Connected     bool
	VersionBefore string
	VersionAfter  string
	Edition       crmclient.Edition
	Products      []string
	// BrowserOnly: the admin login is closed to the wizard (a captcha, a
	// login page it does not know); it reads only the public parts, and
	// every admin step of this instance goes to the browser (issue 10).
	BrowserOnly bool
}

// RunSummary describes an unfinished run found on Open.
type RunSummary struct {
	RunID    string
	Started  time.Time
	Path     Path
	Stage    Stage
	LastStep StepID
	Next     StepID
	Done     []string // what was done, in words with evidence, localised
	Pending  string   // journal code of an action started but not confirmed ("install:live"), if any
	// Unconfirmed describes, in words, every server-changing action that
	// was started but not confirmed (e.g. an install cut by Ctrl-C); the
	// next Connect reconciles them with the server (W8). Never in Done.
	Unconfirmed []string
	// TakesOver: the run left something on the server (an unconfirmed
	// action, an upload, a prepared or unfinished install). StartNew takes
	// it over and reconciles it instead of starting from scratch (W8, R10).
	TakesOver bool
	LiveURL   string
	Paused    bool // PauseUntilTomorrow
}

// Snapshot is a read-only copy of everything a screen needs.
type Snapshot struct {
	RunID      string
	Lang       string
	Next       StepID
	StepN      int
	StepOf     int
	Path       Path
	Stage      Stage
	Insecure   bool
	Paused     bool
	Live       InstanceFacts
	Test       InstanceFacts
	Preflight  *Preflight
	Package    *PackageCheck
	Parity     *Parity
	StartCheck *StartCheck
	Backups    []BackupInfo
	Phase      InstallPhase // of the current stage
	Prepare    *PrepareView
	Smoke      map[Stage]*SmokeResult
	Checklist  []ChecklistItem
	Countdown  Countdown
	Restore    RestoreImpact
	Notices    []string // e.g. what reconciliation found after a crash
	Steps      []StepRecord
	Errors     []ErrorRecord
	ReportPath string
	Finished   bool
	// Handover is the server action waiting for the admin in the browser
	// (issue 10; handover.go), nil when none. While it is open, Next()
	// stays at its step and the step's automatic action refuses.
	Handover *Handover
	// Manual lists every hand-over of the run (done by hand: verified,
	// confirmed by the admin, withdrawn, or still open).
	Manual []ManualRecord
	// Pages are the admin pages kept for the partner (runs/<ID>/pages/).
	Pages []PageRecord
}

// Refusal is returned when an action is not allowed now; Reason is localised.
type Refusal struct {
	Rule   string // the rule that refuses, e.g. "R10"
	Step   StepID
	Reason string
}

func (r *Refusal) Error() string { return r.Reason }

// Open prepares a wizard on cfg.StateDir and takes the state-dir lock. A
// second wizard on the same directory gets an error that unwraps to
// *journal.LockedError (exit code 3, spec/cli.md). Open does not start a run:
// call Resume when Unfinished() is not nil, otherwise StartNew.
func Open(cfg Config) (*Wizard, error) { return open(cfg) }

// LatestReport returns the support report (Markdown) of the run runID, or of
// the latest run when runID is empty, for `1crm-update report`. It reads the
// saved report.md, or renders one from the journal when none was written.
func LatestReport(stateDir, runID string) (string, error) { return latestReport(stateDir, runID) }

// Unfinished describes the latest run that did not finish, or nil.
func (w *Wizard) Unfinished() *RunSummary { return w.unfinished() }

// Resume continues the unfinished run. The next Connect reconciles an action
// the crash interrupted (W8). When the run belongs to another live (or, on
// path A, test) address than Config says now, it refuses with a *Refusal
// (Rule "W8"): start a new run instead, the old journal stays on disk.
func (w *Wizard) Resume() error { return w.resume() }

// StartNew starts a new run. An unfinished run's journal stays on disk.
func (w *Wizard) StartNew() error { return w.startNew() }

// Attach gives the wizard its clients. test is nil without a test system.
// Attach may be called again (e.g. after the admin typed a test URL).
// A client whose address differs from the run's makes Connect refuse
// (*Refusal, Rule "W8"): reconciling against another server is never done.
func (w *Wizard) Attach(live, test CRM) { w.attach(live, test) }

// Close releases the lock. The journal stays resumable.
func (w *Wizard) Close() error { return w.close() }

// RunID names the current run (its folder under runs/).
func (w *Wizard) RunID() string { return w.runID() }

// Next is the step that is due now.
func (w *Wizard) Next() StepID { return w.next() }

// Stage is the instance the current install/smoke/checklist is about.
func (w *Wizard) Stage() Stage { return w.stage() }

// StepNumber is the position of Next() in the plan of the chosen path
// (1-based) and the plan's length, for "Schritt 5 von 12".
func (w *Wizard) StepNumber() (n, of int) { return w.stepNumber() }

// Snapshot returns a copy of the run's state for rendering.
func (w *Wizard) Snapshot() Snapshot { return w.snapshot() }

// Connect checks the attached instances answer (/version) and logs in to
// their admin pages. After a resume it first reconciles an unfinished
// server-changing action with the server (W8); Snapshot().Notices says what
// it found.
func (w *Wizard) Connect(ctx context.Context) error { return w.connect(ctx) }

// Preflight runs W1 (R1–R6) on live: edition, support, versions,
// extensions, updates, route. Nothing on the server changes.
func (w *Wizard) Preflight(ctx context.Context) (*Preflight, error) { return w.preflight(ctx) }

// ConfirmDeployment records the admin's answer: cloud or on-premise (R2, R3,
// spec §8: there is no API signal for it). It recomputes the verdicts.
func (w *Wizard) ConfirmDeployment(d Deployment) (*Preflight, error) { return w.confirmDeployment(d) }

// SetInstalledVersion records the installed version as the admin reads it
// in 1CRM, when /version is closed (Startup/Startup+, spec §1.4, §8) and
// the package list names none (Preflight.NeedsVersion). It is journaled as
// the admin's statement, and a package already chosen is checked again
// (W2). It refuses when 1CRM reported the version itself, or v is no version.
func (w *Wizard) SetInstalledVersion(v string) error { return w.setInstalledVersion(v) }

// UsePackageFile validates a local update ZIP (W2) and records its SHA-256.
func (w *Wizard) UsePackageFile(path string) (*PackageCheck, error) { return w.usePackageFile(path) }

// DownloadUpdate downloads an update listed on the License page (R4) into
// the run folder and validates it like UsePackageFile. Only updates in
// Preflight.Updates are downloaded; on the Startup routes (R2 vendor
// website, R3 partner ZIP) it refuses, since the listed download is not the
// official way there (Preflight.ListedUpdates still shows what is listed).
func (w *Wizard) DownloadUpdate(ctx context.Context, u crmclient.AvailableUpdate, progress func(got, total int64)) (*PackageCheck, error) {
	return w.downloadUpdate(ctx, u, progress)
}

// ChoosePath records path A or B with the facts that led to it (R7).
// Path A needs a test system attached.
func (w *Wizard) ChoosePath(p Path) error { return w.choosePath(p) }

// RecommendedPath is A when a test system is configured, else B (R7).
func (w *Wizard) RecommendedPath() Path { return w.recommendedPath() }

// RefreshMail is the request to the partner to refresh the test system (R8).
func (w *Wizard) RefreshMail() Mail { return w.refreshMail() }

// ConfirmRefreshed records that the partner refreshed the test system (R8).
func (w *Wizard) ConfirmRefreshed() error { return w.confirmRefreshed() }

// ParityCheck compares the test system with live (W5). With differences the
// step stays due: RedoRefresh (ask again) or AcceptParity (recorded).
func (w *Wizard) ParityCheck(ctx context.Context) (*Parity, error) { return w.parityCheck(ctx) }

// AcceptParity goes on despite parity differences; the reason is recorded.
func (w *Wizard) AcceptParity(reason string) error { return w.acceptParity(reason) }

// ConfirmDistinctSystems is the admin's answer to Parity.Twin: live and
// the test system are two different systems (checked in the browser). It
// is journaled; it refuses when no such question is open.
func (w *Wizard) ConfirmDistinctSystems() error { return w.confirmDistinct() }

// RedoRefresh goes back to the refresh request (W5 found differences).
func (w *Wizard) RedoRefresh() error { return w.redoRefresh() }

// StartCheck evaluates the path B start time now (W3).
func (w *Wizard) StartCheck() StartCheck { return w.startCheck() }

// AcknowledgeStart goes on after StartOK or StartWarn (the admin read the
// warning). On StartRefuse it refuses: use OverrideLateStart.
func (w *Wizard) AcknowledgeStart() error { return w.acknowledgeStart() }

// OverrideLateStart goes on after 15:00; the reason is recorded (W3).
func (w *Wizard) OverrideLateStart(reason string) error { return w.overrideLateStart(reason) }

// PauseUntilTomorrow ends this session cleanly; the run resumes at the time
// guard (exit 0, resumable).
func (w *Wizard) PauseUntilTomorrow() error { return w.pauseUntilTomorrow() }

// Backup runs an own backup on the current stage's instance (R10), checks
// the backup file where it can be read from here (Config.BackupDir, else
// the path the history shows) and returns the new history entry. elapsed
// ticks while the server works; verify gets bytes read and the file size
// while the wizard reads the file. The outcome is in Snapshot().Backups
// (BackupInfo.Check, with verdicts). A broken backup leaves the step due:
// call Backup again for a new one, or AcceptBackupProblem. A backup made
// whose check was cancelled is only checked by the next call.
func (w *Wizard) Backup(ctx context.Context, elapsed func(time.Duration), verify func(read, total int64)) (*crmclient.BackupEntry, error) {
	return w.backup(ctx, elapsed, verify)
}

// AcceptBackupProblem goes on with a backup whose check failed or was
// cancelled, for the reason given (R10: recorded in journal and report;
// see steps/backupcheck.go for why a broken backup otherwise stops here).
func (w *Wizard) AcceptBackupProblem(reason string) error { return w.acceptBackupProblem(reason) }

// SkipBackup goes on without a backup where that is allowed (path A live,
// recommended only); path B refuses (R10).
func (w *Wizard) SkipBackup(reason string) error { return w.skipBackup(reason) }

// Upload sends the package to the current stage's instance (R21).
func (w *Wizard) Upload(ctx context.Context, progress func(sent, total int64)) error {
	return w.upload(ctx, progress)
}

// Prepare runs the upgrade manager's checks and explains warnings (R22).
func (w *Wizard) Prepare(ctx context.Context) (*PrepareView, error) { return w.prepare(ctx) }

// AcceptWarnings is the admin's explicit acceptance of the prepare warnings
// (R22); it is recorded and sent to the server as confirm.
func (w *Wizard) AcceptWarnings(ctx context.Context) (*PrepareView, error) {
	return w.acceptWarnings(ctx)
}

// Install installs the prepared package (R21). Path B refuses without a
// backup (R10); path A live refuses before a passed test (R9). Path B
// checks the start time again (W3): when the day changed or it is now later
// than what the admin accepted at the time guard, it refuses (Rule "W3")
// and Next() is time_guard again; a backup not made today is due again
// (R10). A resumed, half-done install is continued without that check (W8).
func (w *Wizard) Install(ctx context.Context, progress func(crmclient.InstallProgress)) error {
	return w.install(ctx, progress)
}

// Smoke runs the automatic checks after an install (W6, spec §9).
func (w *Wizard) Smoke(ctx context.Context) (*SmokeResult, error) { return w.smoke(ctx) }

// ChecklistItems is the current stage's checklist with answers (W7).
func (w *Wizard) ChecklistItems() []ChecklistItem { return w.checklistItems() }

// Answer records one checklist answer: AnswerPassed, AnswerProblem (note
// required) or AnswerNA.
func (w *Wizard) Answer(id, status, note string) error { return w.answer(id, status, note) }

// AddChecklistItem adds an item of the admin's own during the run (W7).
func (w *Wizard) AddChecklistItem(title string) (ChecklistItem, error) {
	return w.addChecklistItem(title)
}

// FinishChecklist closes the checklist. It refuses while an item has no
// answer (R23). With a problem answer Next() becomes problems.
func (w *Wizard) FinishChecklist() error { return w.finishChecklist() }

// GoLive moves path A from the test system to live, only after a passed
// test (R9, R23).
func (w *Wizard) GoLive() error { return w.goLive() }

// Countdown is the path B deadline countdown (W4, R12, R13).
func (w *Wizard) Countdown() Countdown { return w.countdown() }

// RestoreImpact is what a partner server restore would cost and lose now
// (W4, R15–R18).
func (w *Wizard) RestoreImpact() RestoreImpact { return w.restoreImpact() }

// ProblemMail is the report to the partner (R9, R13, R14) with the restore
// options (R16–R20).
func (w *Wizard) ProblemMail() Mail { return w.problemMail() }

// ProblemsReported records that the admin sent the problem mail; the run
// then finishes (path A: live stays untouched, R9).
func (w *Wizard) ProblemsReported() error { return w.problemsReported() }

// Report renders the support report (W9) as Markdown; no secrets.
func (w *Wizard) Report() string { return w.report() }

// WriteReport writes report.md into the run folder and returns its path.
func (w *Wizard) WriteReport() (string, error) { return w.writeReport() }

// Finish marks the run finished (only when Next() is done) and writes the report.
func (w *Wizard) Finish() error { return w.finish() }

// ReportProblem leaves the normal flow for the problems step with a note,
// e.g. after an install that failed half-way or a backup that keeps
// failing (R13, R14). Next() becomes problems.
func (w *Wizard) ReportProblem(note string) error { return w.reportProblem(note) }

// PartnerMail is the mail that goes with the report (W9): the problem mail
// when something went wrong, else a short note that the update is done.
func (w *Wizard) PartnerMail() Mail { return w.partnerMail() }

// FinishMail is the closing mail to the partner (W9): subject with the
// instance and the versions before/after, body = the partner mail (done
// note, or the problem report with the restore options) followed by the
// whole support report, and a mailto: link (RFC 6068: %20, %0D%0A). No
// secrets: it is built from the same state as Report.
func (w *Wizard) FinishMail() Mail { return w.finishMail() }
