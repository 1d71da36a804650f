package page

import (
	"context"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
)

// Engine is the part of *steps.Wizard the screens drive. It is an interface
// only so that the root model does not care whether it talks to a wizard
// attached to real instances or to the simulator.
type Engine interface {
	Unfinished() *steps.RunSummary
	Resume() error
	StartNew() error
	Next() steps.StepID
	StepNumber() (n, of int)
	Snapshot() steps.Snapshot

	Connect(ctx context.Context) error
	Preflight(ctx context.Context) (*steps.Preflight, error)
	ConfirmDeployment(d steps.Deployment) (*steps.Preflight, error)
	SetInstalledVersion(v string) error
	UsePackageFile(path string) (*steps.PackageCheck, error)
	DownloadUpdate(ctx context.Context, u crmclient.AvailableUpdate, progress func(got, total int64)) (*steps.PackageCheck, error)
	ChoosePath(p steps.Path) error
	RecommendedPath() steps.Path
	RefreshMail() steps.Mail
	ConfirmRefreshed() error
	ParityCheck(ctx context.Context) (*steps.Parity, error)
	AcceptParity(reason string) error
	ConfirmDistinctSystems() error
	RedoRefresh() error
	StartCheck() steps.StartCheck
	AcknowledgeStart() error
	OverrideLateStart(reason string) error
	PauseUntilTomorrow() error
	Backup(ctx context.Context, elapsed func(time.Duration), verify func(read, total int64)) (*crmclient.BackupEntry, error)
	SkipBackup(reason string) error
	AcceptBackupProblem(reason string) error
	Upload(ctx context.Context, progress func(sent, total int64)) error
	Prepare(ctx context.Context) (*steps.PrepareView, error)
	AcceptWarnings(ctx context.Context) (*steps.PrepareView, error)
	Install(ctx context.Context, progress func(crmclient.InstallProgress)) error
	Smoke(ctx context.Context) (*steps.SmokeResult, error)
	ChecklistItems() []steps.ChecklistItem
	Answer(id, status, note string) error
	AddChecklistItem(title string) (steps.ChecklistItem, error)
	FinishChecklist() error
	GoLive() error
	Countdown() steps.Countdown
	RestoreImpact() steps.RestoreImpact
	ProblemMail() steps.Mail
	ProblemsReported() error
	ReportProblem(note string) error
	FinishMail() steps.Mail
	Report() string
	WriteReport() (string, error)
	Finish() error

	// The manual route (issue 10): a server action done by the admin in
	// the browser, verified by the wizard (steps/handover.go).
	RequestManual(ctx context.Context, a steps.ManualAction) error
	ManualDone(ctx context.Context, file string) (*steps.ManualResult, error)
	ConfirmManualUnverified(note string) error
	CancelManual() error
}

var _ Engine = (*steps.Wizard)(nil)
