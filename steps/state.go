package steps

import (
	"time"

	"github.com/visual4/1crm-update/steps/checklist"
)

// stateKey is the journal fact that holds the whole run state. The journal
// replaces journal.json atomically on every Set, so the state on disk is
// always one consistent version (W8).
const stateKey = "state"

// stateSchema versions runState inside the journal.
const stateSchema = 1

// runState is everything a run knows, persisted as one journal fact after
// every change. Server-changing actions additionally write Begin/Done
// entries around the change, so a crash between the two is visible as a
// pending action (journal.Pending) and is reconciled with the server.
type runState struct {
	Schema  int       `json:"schema"`
	RunID   string    `json:"run_id"`
	Started time.Time `json:"started"`
	Lang    string    `json:"lang"`

	LiveURL  string `json:"live_url"`
	TestURL  string `json:"test_url,omitempty"`
	User     string `json:"user,omitempty"`
	Insecure bool   `json:"insecure,omitempty"`
	Wizard   string `json:"wizard_version,omitempty"`
	Support  string `json:"support_email,omitempty"`

	Preflight        *Preflight    `json:"preflight,omitempty"`
	Deployment       Deployment    `json:"deployment,omitempty"` // confirmed by the admin
	Package          *PackageCheck `json:"package,omitempty"`
	CompanyChecklist []string      `json:"company_checklist,omitempty"`

	Path             Path    `json:"path,omitempty"`
	RefreshConfirmed bool    `json:"refresh_confirmed,omitempty"`
	Parity           *Parity `json:"parity,omitempty"`
	ParityAccepted   string  `json:"parity_accepted,omitempty"` // reason
	// DistinctConfirmed: the admin confirmed that a test system with live's
	// very data is another system (Parity.Twin, R7).
	DistinctConfirmed bool        `json:"distinct_confirmed,omitempty"`
	StartCheck        *StartCheck `json:"start_check,omitempty"`
	TimeGuardPassed   bool        `json:"time_guard_passed,omitempty"`
	GuardPassedAt     time.Time   `json:"guard_passed_at,omitempty"` // W3: when the start was acknowledged/overridden
	GuardLevel        StartLevel  `json:"guard_level,omitempty"`     // W3: the level the admin accepted then
	LateOverride      string      `json:"late_override,omitempty"`
	Paused            bool        `json:"paused,omitempty"`

	Test stageState `json:"test"`
	Live stageState `json:"live"`

	TestPassed bool `json:"test_passed,omitempty"` // R9: test checklist finished without problems
	WentLive   bool `json:"went_live,omitempty"`

	ProblemsAt       StepID   `json:"problems_at,omitempty"` // step where problems were found
	ProblemsStage    Stage    `json:"problems_stage,omitempty"`
	ProblemNotes     []string `json:"problem_notes,omitempty"`
	ProblemsReported bool     `json:"problems_reported,omitempty"`

	// Handover is the server action waiting for the admin in the browser
	// (issue 10); Manual lists every hand-over of the run for the report;
	// Pages the admin pages kept for the partner (runs/<ID>/pages/).
	Handover *handoverState `json:"handover,omitempty"`
	Manual   []ManualRecord `json:"manual,omitempty"`
	Pages    []PageRecord   `json:"pages,omitempty"`

	Steps      []StepRecord  `json:"steps,omitempty"`
	Errors     []ErrorRecord `json:"errors,omitempty"`
	Notices    []string      `json:"notices,omitempty"`
	ReportPath string        `json:"report_path,omitempty"`
	Finished   bool          `json:"finished,omitempty"`
}

// stageState is the install/smoke/checklist state of one instance.
type stageState struct {
	VersionBefore string   `json:"version_before,omitempty"`
	VersionAfter  string   `json:"version_after,omitempty"`
	Edition       string   `json:"edition,omitempty"`
	Products      []string `json:"products,omitempty"`
	MeID          string   `json:"me_id,omitempty"` // /me before the update (spec §9 #3)
	// AccountsBefore is /data/Account total_results right before the
	// install (spec §9 #5); nil when it could not be read.
	AccountsBefore *int `json:"accounts_before,omitempty"`
	// APIAccess is what REST calls found about this instance's API access
	// (apiaccess.go); kept here so a restarted run judges the smoke checks
	// like an uninterrupted one (W6, W8).
	APIAccess apiAccess `json:"api_access,omitempty"`

	Backup     *BackupInfo `json:"backup,omitempty"`
	BackupDone bool        `json:"backup_done,omitempty"` // made or (allowed) skipped

	Phase   InstallPhase `json:"phase,omitempty"`
	Source  string       `json:"source,omitempty"` // upload row's source, from the server
	Prepare *PrepareView `json:"prepare,omitempty"`
	Confirm []string     `json:"confirm,omitempty"`
	// Precopied: 1CRM copied the package's early files while preparing
	// (precopy); they are on the server from then on (report, W9).
	Precopied   bool      `json:"precopied,omitempty"`
	Accepted    bool      `json:"accepted,omitempty"`
	InstalledAt time.Time `json:"installed_at,omitempty"`

	Smoke *SmokeResult `json:"smoke,omitempty"`

	Checklist     *checklist.List `json:"checklist,omitempty"`
	ChecklistDone bool            `json:"checklist_done,omitempty"`

	// Failure is the last failed backup or install of this stage, for a
	// truthful report and partner mail (W9); nil when none.
	Failure *failureInfo `json:"failure,omitempty"`
}

// failureInfo is what the mail says about a failed backup or install.
type failureInfo struct {
	Step        StepID    `json:"step"`
	At          time.Time `json:"at"`
	Text        string    `json:"text"`                   // worded, run's language
	ServerText  string    `json:"server_text,omitempty"`  // 1CRM's own message, verbatim
	InstallStep int       `json:"install_step,omitempty"` // upgrade.php step it stopped at
	InstallOf   int       `json:"install_of,omitempty"`
	// Kind is failUnknown when the action ended without a known result
	// (the wizard could not see whether it happened); "" for a failure.
	Kind string `json:"kind,omitempty"`
	// CheckURL is the 1CRM page to look at for an unknown result.
	CheckURL string `json:"check_url,omitempty"`
}

func (st *runState) stage(s Stage) *stageState {
	if s == StageTest {
		return &st.Test
	}
	return &st.Live
}

// currentStage is the instance the next install/smoke/checklist is about.
func (st *runState) currentStage() Stage {
	if st.Path == PathA && !st.WentLive {
		return StageTest
	}
	return StageLive
}
