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

// Mail is a ready-to-send e-mail: the admin sends it with their own client.
type Mail struct {
	To        string
	Subject   string
	Body      string
	MailtoURL string // mailto: link with subject and body encoded
	// AttachHint is for the admin, not the mail: how to make the bundle
	// file the mail names as its attachment (`report --bundle`). Empty
	// for mails without an attachment (the refresh request).
	AttachHint string
	// content is Body without its sign-off, for the closing mail that
	// adds the report before the greeting (finishMailLocked).
	content string
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
