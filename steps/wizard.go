package steps

import (
	"errors"
	"sync"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/checklist"
	"github.com/visual4/1crm-update/steps/clock"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// Wizard drives one update run. Create it with Open.
type Wizard struct {
	mu    sync.Mutex
	cfg   Config
	tx    text.Texts
	clk   clock.Clock
	store *journal.Store

	j  *journal.Journal // nil until Resume/StartNew
	st *runState

	live, test CRM
	connected  map[Stage]bool
	busy       bool
	reconciled bool             // pending actions of a resumed run were checked
	mismatch   error            // W8: an attached client serves another address than the run's
	installAt  map[Stage][2]int // upgrade.php step/of an install reached (for the mail)
	// inProgress: a wizard is working on this run (this process, or one
	// `report` found holding it); an unfinished run then is "still
	// running", not "ended before its end".
	inProgress bool
	// pages records the admin pages of the running action (pages.go).
	pages *crmclient.PageRecorder
	// browserOnly: the admin login of a stage is closed to the wizard
	// (captcha, unknown login page); its admin steps go to the browser.
	browserOnly map[Stage]bool
}

// ErrNoRun is returned by actions before Resume or StartNew.
var ErrNoRun = errors.New("steps: no active run")

type funcClock func() time.Time

func (f funcClock) Now() time.Time { return f().In(clock.Berlin) }

func open(cfg Config) (*Wizard, error) {
	for _, sec := range cfg.Secrets {
		journal.RegisterSecret(sec) // masked in everything the run writes or shows
	}
	if cfg.SupportEmail == "" {
		cfg.SupportEmail = DefaultSupportEmail
	}
	if cfg.StartMargin <= 0 {
		cfg.StartMargin = clock.DefaultMargin
	}
	var clk clock.Clock = clock.System()
	if cfg.Now != nil {
		clk = funcClock(cfg.Now)
	}
	store, err := journal.OpenStore(cfg.StateDir)
	if err != nil {
		var le *journal.LockedError
		if errors.As(err, &le) {
			return nil, err // *journal.LockedError passes through for exit code 3
		}
		return nil, stateDirError(text.For(cfg.Lang), cfg.StateDir, err)
	}
	if err := checkJournals(store); err != nil {
		_ = store.Close()
		return nil, journalUnreadable(text.For(cfg.Lang), store.Dir(), err)
	}
	store.SetClock(clk)
	return &Wizard{
		cfg:         cfg,
		tx:          text.For(cfg.Lang),
		clk:         clk,
		store:       store,
		connected:   map[Stage]bool{},
		browserOnly: map[Stage]bool{},
		inProgress:  true,
	}, nil
}

func (w *Wizard) now() time.Time { return w.clk.Now() }

func (w *Wizard) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.store == nil {
		return nil
	}
	err := w.store.Close()
	w.store = nil
	return err
}

func (w *Wizard) attach(live, test CRM) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if live != w.live {
		w.connected[StageLive] = false
	}
	if test != w.test {
		w.connected[StageTest] = false
	}
	w.live, w.test = live, test
	w.mismatch = nil
	if w.st != nil {
		w.mismatch = w.attachedMismatchLocked()
	}
}

func (w *Wizard) runID() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st == nil {
		return ""
	}
	return w.st.RunID
}

func (w *Wizard) unfinished() *RunSummary {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.store == nil {
		return nil
	}
	info, j, st, found, err := latestUnfinished(w.store)
	if err != nil || j == nil {
		return nil
	}
	if !found {
		st = &runState{RunID: info.ID, Started: info.Started}
	}
	return w.summaryOf(j, st)
}

// latestUnfinished opens the latest unfinished run and reads its state;
// j is nil when there is none. found says whether a state was saved.
func latestUnfinished(store *journal.Store) (info *journal.RunInfo, j *journal.Journal, st *runState, found bool, err error) {
	info, err = store.LatestUnfinished()
	if err != nil || info == nil {
		return nil, nil, nil, false, err
	}
	if j, err = store.Open(info.ID); err != nil {
		return nil, nil, nil, false, err
	}
	st = &runState{}
	if found, err = j.Get(stateKey, st); err != nil {
		return info, j, nil, false, err
	}
	return info, j, st, found, nil
}

func (w *Wizard) summaryOf(j *journal.Journal, st *runState) *RunSummary {
	s := &RunSummary{
		RunID:   st.RunID,
		Started: st.Started,
		Path:    st.Path,
		Stage:   st.currentStage(),
		LiveURL: st.LiveURL,
		Paused:  st.Paused,
		Next:    nextOf(st, true, true),
	}
	// Done lists finished records in words with their evidence; a record
	// still open (cut by a crash) or failed (Ctrl-C included) is not done.
	// What was started on the server but never confirmed is listed apart
	// (Unconfirmed): the next Connect reconciles it (W8).
	for _, r := range st.Steps {
		if r.Ended.IsZero() || r.Error != "" {
			continue
		}
		s.Done = append(s.Done, summaryLine(w.tx, st, r))
		s.LastStep = r.Step
	}
	pending := j.Pending()
	for _, p := range pending {
		s.Pending = p.Action
	}
	s.Unconfirmed = unconfirmedLines(w.tx, pending)
	s.TakesOver = leftoverOf(j, st) != nil
	return s
}

func (w *Wizard) resume() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.store == nil {
		return journal.ErrClosed
	}
	_, j, st, found, err := latestUnfinished(w.store)
	if err != nil {
		return err
	}
	if j == nil {
		return journal.ErrNotFound
	}
	if !found || st.Schema == 0 {
		st = w.freshState(j)
	}
	if err := w.sameInstanceLocked(st); err != nil {
		return err // W8: never reconcile against another server
	}
	st.Paused = false
	w.j, w.st = j, st
	w.mismatch = w.attachedMismatchLocked()
	w.reconciled = len(j.Pending()) == 0
	w.connected = map[Stage]bool{}
	return w.saveLocked()
}

func (w *Wizard) startNew() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.store == nil {
		return journal.ErrClosed
	}
	meta := map[string]string{"live_url": safeURL(w.cfg.LiveURL), "user": w.cfg.User}
	if w.cfg.TestURL != "" {
		meta["test_url"] = safeURL(w.cfg.TestURL)
	}
	if w.cfg.Insecure {
		meta["insecure"] = "true"
	}
	// What an unfinished run left on the server is read before the new
	// journal exists (the new one would be the latest unfinished run).
	lo := w.leftoverLocked()
	j, err := w.store.Create(meta)
	if err != nil {
		return stateDirError(w.tx, w.store.Dir(), err)
	}
	w.j = j
	w.st = w.freshState(j)
	w.mismatch = nil
	w.reconciled = true
	w.connected = map[Stage]bool{}
	if lo != nil {
		w.adoptLocked(lo) // W8, R10: settle the old run's leftovers, never repeat them
	}
	w.cleanFinishedDownloadsLocked()
	if w.cfg.Insecure {
		// --insecure is recorded in the journal (spec/cli.md).
		_ = j.Event("insecure", map[string]string{"tls_verification": "off"})
	}
	if w.cfg.ChecklistFile != "" {
		lines, err := checklist.LoadFile(w.cfg.ChecklistFile)
		if err != nil {
			// The admin reads words; the journal keeps the technical cause.
			w.st.Notices = append(w.st.Notices, w.tx.ChecklistFileProblem(w.cfg.ChecklistFile))
			_ = j.Event("checklist_file_unusable", journalData("file", w.cfg.ChecklistFile, "error", errText(err)))
		} else {
			w.st.CompanyChecklist = lines
		}
	}
	return w.saveLocked()
}

func (w *Wizard) freshState(j *journal.Journal) *runState {
	return &runState{
		Schema:   stateSchema,
		RunID:    j.ID(),
		Started:  j.Created(),
		Lang:     w.tx.Lang(),
		LiveURL:  safeURL(w.cfg.LiveURL),
		TestURL:  safeURL(w.cfg.TestURL),
		User:     w.cfg.User,
		Insecure: w.cfg.Insecure,
		Wizard:   w.cfg.Version,
		Support:  w.cfg.SupportEmail,
	}
}

// saveLocked persists the run state as one atomic journal write. A write
// that fails (disk full, read-only, no permission) comes back as an
// *ActionError worded for the admin; use saveChangedLocked right after a
// server change, so the words say the change happened.
func (w *Wizard) saveLocked() error { return w.saveWordedLocked(false) }

// saveChangedLocked is saveLocked after the server was changed.
func (w *Wizard) saveChangedLocked() error { return w.saveWordedLocked(true) }

func (w *Wizard) saveWordedLocked(serverChanged bool) error {
	if w.j == nil || w.st == nil {
		return ErrNoRun
	}
	err := w.j.Set(stateKey, w.st)
	if err == nil {
		return nil
	}
	return &ActionError{Step: w.nextLocked(), Stage: w.st.currentStage(), Text: sentence(w.tx, err, "", serverChanged), Err: err}
}

// beginLocked writes the "started" record of a server-changing action
// (W8). When it cannot be written, the action must not run: the step
// record rec is closed with the worded failure and an *ActionError comes
// back ("nothing was changed on the server").
func (w *Wizard) beginLocked(rec int, step StepID, stage Stage, act string, data map[string]string) error {
	err := w.j.Begin(act, data)
	if err == nil {
		_ = w.saveLocked()
		return nil
	}
	w.endRecord(rec, "", err)
	_ = w.saveLocked()
	aerr := w.actionError(step, stage, "", err).(*ActionError)
	aerr.Untouched = true // without its "started" record the action never ran
	return aerr
}

// ---- helpers used by the actions

// refuse builds a localised refusal.
func (w *Wizard) refuse(rule string, step StepID, reason string) error {
	return &Refusal{Rule: rule, Step: step, Reason: reason}
}

// due checks that a run is active, no other action runs and step is due
// (or one of also). Called with w.mu held.
func (w *Wizard) dueLocked(step StepID, also ...StepID) error {
	if w.st == nil {
		return w.refuse("", step, w.tx.NoRun())
	}
	if w.st.Finished {
		return w.refuse("", step, w.tx.RunFinished())
	}
	if w.busy {
		return w.refuse("", step, w.tx.Busy())
	}
	if h := w.st.Handover; h != nil && (step == StepBackup || step == StepInstall) && stepOfManual(h.Action) == step {
		// The admin has this step in the browser: the wizard does not do
		// it a second time (issue 10, W8).
		return w.refuse("W8", step, w.tx.HandoverOpen(w.tx.ManualActionName(string(h.Action))))
	}
	n := w.nextLocked()
	if n == step {
		return nil
	}
	for _, a := range also {
		if n == a {
			return nil
		}
	}
	return w.refuse("", step, w.tx.NotDue(w.tx.StepName(string(step)), w.tx.StepName(string(n))))
}

// beginRecord appends a step record and returns its index.
func (w *Wizard) beginRecord(step StepID, stage Stage, action string) int {
	w.st.Steps = append(w.st.Steps, StepRecord{Step: step, Stage: stage, Action: action, Started: w.now()})
	return len(w.st.Steps) - 1
}

func (w *Wizard) endRecord(i int, result string, err error) {
	if i < 0 || i >= len(w.st.Steps) {
		return
	}
	r := &w.st.Steps[i]
	r.Ended = w.now()
	r.Result = result
	if cancelled(err) {
		// The admin's own cancel is an interruption, not a server error:
		// it is not listed under errors (W8 resumes it).
		r.Error = w.tx.Interrupted()
		return
	}
	if err != nil {
		w.keepPagesLocked(r.Step, r.Stage, err)
		// People read words in the run's language; the Go error chain and
		// the server's page excerpt go to the technical section only.
		wd := words(w.tx, err, hostOf(w.stageURLLocked(r.Stage)), false)
		r.Error = wd.Text
		w.st.Errors = append(w.st.Errors, ErrorRecord{At: r.Ended, Step: r.Step, Stage: r.Stage, Text: wd.Text, Detail: wd.Technical})
		w.noteFailureLocked(r, err, wd)
	}
}

// stageURLLocked is the address of a stage's instance ("" = live).
func (w *Wizard) stageURLLocked(s Stage) string {
	if s == StageTest {
		return w.st.TestURL
	}
	return w.st.LiveURL
}

// record is a finished one-shot step record (choices, confirmations).
func (w *Wizard) record(step StepID, stage Stage, action, result string) {
	i := w.beginRecord(step, stage, action)
	w.endRecord(i, result, nil)
}

// crm returns the client of a stage.
func (w *Wizard) crm(s Stage) CRM {
	if s == StageTest {
		return w.test
	}
	return w.live
}
