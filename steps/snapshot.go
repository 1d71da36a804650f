package steps

import (
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/checklist"
)

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

// snapshot copies the state for a screen; nothing in it aliases the
// wizard's own data, so the UI may keep it while an action runs.
func (w *Wizard) snapshot() Snapshot {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := Snapshot{Lang: w.tx.Lang(), Next: w.nextLocked(), Insecure: w.cfg.Insecure}
	s.StepN, s.StepOf = w.stepNumberLocked()
	st := w.st
	if st == nil {
		return s
	}
	s.RunID, s.Path, s.Stage, s.Paused, s.Finished = st.RunID, st.Path, st.currentStage(), st.Paused, st.Finished
	s.Insecure = s.Insecure || st.Insecure
	s.Live = w.factsLocked(StageLive)
	s.Test = w.factsLocked(StageTest)
	if st.Preflight != nil {
		p := *st.Preflight
		p.SupportEndText = w.supportEndText(&p)
		p.Verdicts = append([]Verdict(nil), p.Verdicts...)
		s.Preflight = &p
	}
	if st.Package != nil {
		p := *st.Package
		p.Verdicts = append([]Verdict(nil), p.Verdicts...)
		s.Package = &p
	}
	if st.Parity != nil {
		p := *st.Parity
		s.Parity = &p
	}
	if st.StartCheck != nil {
		c := *st.StartCheck
		s.StartCheck = &c
	}
	for _, stg := range []Stage{StageTest, StageLive} {
		if b := st.stage(stg).Backup; b != nil {
			cp := *b
			if b.Entry != nil {
				e := *b.Entry
				cp.Entry = &e
				cp.SizeText = backupSizeText(w.tx, e.Size, e.SizeBytes)
			}
			s.Backups = append(s.Backups, cp)
		}
		if sm := st.stage(stg).Smoke; sm != nil {
			if s.Smoke == nil {
				s.Smoke = map[Stage]*SmokeResult{}
			}
			cp := *sm
			cp.Checks = append([]Check(nil), sm.Checks...)
			s.Smoke[stg] = &cp
		}
	}
	cur := st.stage(st.currentStage())
	s.Phase = cur.Phase
	if s.Phase == "" && s.Next == StepInstall {
		s.Phase = PhaseUpload
	}
	if cur.Prepare != nil {
		p := *cur.Prepare
		s.Prepare = &p
	}
	var l *checklist.List = cur.Checklist
	if l == nil && s.Next == StepChecklist {
		l = w.ensureChecklistLocked(st.currentStage())
	}
	s.Checklist = itemsOf(l)
	s.Countdown = w.countdownLocked()
	s.Restore = w.restoreImpactLocked()
	s.Notices = append([]string(nil), st.Notices...)
	s.Steps = append([]StepRecord(nil), st.Steps...)
	for i := range s.Steps {
		s.Steps[i].Text = describeRecord(w.tx, st, s.Steps[i])
	}
	s.Errors = append([]ErrorRecord(nil), st.Errors...)
	s.Handover = w.handoverViewLocked()
	s.Manual = append([]ManualRecord(nil), st.Manual...)
	s.Pages = append([]PageRecord(nil), st.Pages...)
	s.ReportPath = st.ReportPath
	return s
}

func (w *Wizard) factsLocked(stage Stage) InstanceFacts {
	ss := w.st.stage(stage)
	f := InstanceFacts{
		Connected:     w.connected[stage],
		VersionBefore: ss.VersionBefore,
		VersionAfter:  ss.VersionAfter,
		Edition:       crmEdition(ss.Edition),
		Products:      append([]string(nil), ss.Products...),
		BrowserOnly:   w.browserOnly[stage],
	}
	if stage == StageLive {
		f.URL = w.st.LiveURL
	} else {
		f.URL = w.st.TestURL
	}
	return f
}

func crmEdition(s string) crmclient.Edition { return crmclient.Edition(s) }
