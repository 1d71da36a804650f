package steps

import (
	"context"
	"errors"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/journal"
)

// Connect checks the attached instances answer (/version) and logs in to
// their admin pages. After a resume it first reconciles an unfinished
// server-changing action with the server (W8); Snapshot().Notices says what
// it found.
func (w *Wizard) Connect(ctx context.Context) error { return w.connect(ctx) }

// enter starts an action: a run must be active, nothing else running, and
// step (or one of also) due. On success the wizard is busy until release.
func (w *Wizard) enter(step StepID, also ...StepID) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(step, also...); err != nil {
		return err
	}
	w.busy = true
	return nil
}

func (w *Wizard) release() {
	w.mu.Lock()
	w.busy = false
	w.mu.Unlock()
}

// connect checks /version and logs in on every attached instance, then
// reconciles what a crash interrupted (W8).
func (w *Wizard) connect(ctx context.Context) error {
	w.mu.Lock()
	if w.st == nil {
		w.mu.Unlock()
		return w.refuse("", StepConnect, w.tx.NoRun())
	}
	if w.busy {
		w.mu.Unlock()
		return w.refuse("", StepConnect, w.tx.Busy())
	}
	if w.mismatch != nil {
		err := w.mismatch
		w.mu.Unlock()
		return err // W8: never reconcile against another server
	}
	live, test := w.live, w.test
	if live == nil {
		w.mu.Unlock()
		return w.refuse("", StepConnect, w.tx.NotConnected(w.tx.StageName(string(StageLive))))
	}
	if test != nil && crmclient.SameAddress(live.BaseURL(), test.BaseURL()) {
		// R7: the "test" install would run on live, without a backup.
		w.mu.Unlock()
		return w.refuse("R7", StepConnect, w.tx.TestIsLive(safeURL(live.BaseURL()), safeURL(test.BaseURL())))
	}
	if test == nil && w.st.Path == PathA && !w.st.WentLive {
		w.mu.Unlock()
		return w.refuse("R7", StepConnect, w.tx.NoTestSystem())
	}
	w.busy = true
	w.browserOnly = map[Stage]bool{}
	rec := w.beginRecord(StepConnect, "", "connect")
	w.mu.Unlock()
	defer w.release()
	ctx = w.recordPages(ctx)

	for _, sc := range []struct {
		stage Stage
		c     CRM
	}{{StageLive, live}, {StageTest, test}} {
		if sc.c == nil {
			continue
		}
		vi, err := w.connectOne(ctx, sc.c)
		if closed := adminLoginClosed(err); closed {
			// The admin pages are closed to the wizard (a captcha, a login
			// page it does not know), not to the admin: connected to the
			// public parts, every admin step goes to the browser (issue 10).
			w.mu.Lock()
			w.browserOnly[sc.stage] = true
			w.st.Notices = append(w.st.Notices, w.tx.BrowserOnly(w.tx.StageName(string(sc.stage)), sentence(w.tx, err, hostOf(sc.c.BaseURL()), false)))
			_ = w.j.Event("admin_login_closed", journalData("stage", string(sc.stage), "error", errText(err)))
			w.keepPagesLocked(StepConnect, sc.stage, err)
			w.mu.Unlock()
			vi, err = w.versionOnly(ctx, sc.c)
		}
		if err != nil {
			w.mu.Lock()
			w.endRecord(rec, "", err)
			_ = w.saveLocked()
			w.mu.Unlock()
			return w.actionError(StepConnect, sc.stage, "", err)
		}
		w.mu.Lock()
		ss := w.st.stage(sc.stage)
		if vi != nil && ss.Phase != PhaseInstalled && ss.VersionBefore == "" {
			ss.VersionBefore = vi.Version
			ss.Edition = string(vi.Edition)
			ss.Products = vi.Products
		}
		if sc.stage == StageLive && w.st.LiveURL == "" {
			w.st.LiveURL = safeURL(sc.c.BaseURL())
		}
		if sc.stage == StageTest && w.st.TestURL == "" {
			w.st.TestURL = safeURL(sc.c.BaseURL())
		}
		w.connected[sc.stage] = true
		w.mu.Unlock()
	}

	w.mu.Lock()
	need := !w.reconciled
	w.mu.Unlock()
	var notes []string
	if need {
		var err error
		notes, err = w.reconcileAll(ctx)
		if err != nil {
			w.mu.Lock()
			w.endRecord(rec, "", err)
			_ = w.saveLocked()
			w.mu.Unlock()
			return w.actionError(StepConnect, "", "", err)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.reconciled = true
	w.endRecord(rec, facts("note", strings.Join(notes, " ")), nil)
	return w.saveLocked()
}

// adminLoginClosed: the admin login is one the wizard cannot do, but a
// person in the browser can — a captcha, or a login page it does not know
// (no password was sent in either case).
func adminLoginClosed(err error) bool {
	var pc *crmclient.PageChangedError
	return errors.Is(err, crmclient.ErrCaptcha) || errors.As(err, &pc) && pc.Page == "login" && !errors.Is(err, crmclient.ErrWrongPassword)
}

// versionOnly is connectOne without the admin login.
func (w *Wizard) versionOnly(ctx context.Context, c CRM) (*crmclient.VersionInfo, error) {
	vi, err := c.Version(ctx)
	if err != nil && !errors.Is(err, crmclient.ErrAPINotAvailable) {
		return nil, err
	}
	return vi, nil
}

// connectOne asks /version (no login needed) and logs in to the admin pages.
// Startup/Startup+ answer 403 on the API: that is not a connection failure.
func (w *Wizard) connectOne(ctx context.Context, c CRM) (*crmclient.VersionInfo, error) {
	vi, err := c.Version(ctx)
	if err != nil && !errors.Is(err, crmclient.ErrAPINotAvailable) {
		return nil, err
	}
	if err := c.Login(ctx); err != nil {
		return nil, err
	}
	return vi, nil
}

// Action names in the journal. Server-changing actions carry the stage, so
// the test and the live install are separate actions.
func actBackup(s Stage) string  { return "backup:" + string(s) }
func actUpload(s Stage) string  { return "upload:" + string(s) }
func actConfirm(s Stage) string { return "prepare_confirm:" + string(s) }
func actInstall(s Stage) string { return "install:" + string(s) }
func actDeleteUpload(s Stage) string {
	return "delete_upload:" + string(s)
}

const actDownload = "download"

// pendingEntry returns the unfinished Begin of action, if any.
func (w *Wizard) pendingEntry(action string) (journal.Entry, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.j == nil {
		return journal.Entry{}, false
	}
	for _, e := range w.j.Pending() {
		if e.Action == action {
			return e, true
		}
	}
	return journal.Entry{}, false
}

// pendingLocked reports whether action has an unfinished Begin.
func (w *Wizard) pendingLocked(action string) bool {
	if w.j == nil {
		return false
	}
	for _, e := range w.j.Pending() {
		if e.Action == action {
			return true
		}
	}
	return false
}

// reconcileAll settles every pending action with the server instead of
// repeating it (W8, design.md: "reconcile any started record").
func (w *Wizard) reconcileAll(ctx context.Context) ([]string, error) {
	w.mu.Lock()
	pending := w.j.Pending()
	w.mu.Unlock()
	var notes []string
	for _, e := range pending {
		note, err := w.reconcile(ctx, e)
		if errors.Is(err, ErrInstallStuck) || errors.Is(err, errInstallResumable) || errors.Is(err, errBackupPending) {
			err = nil // reported as a notice; Install continues it or refuses to repeat it
		}
		if err != nil {
			return notes, err
		}
		if note != "" {
			notes = append(notes, note)
		}
	}
	return notes, nil
}

func (w *Wizard) reconcile(ctx context.Context, e journal.Entry) (string, error) {
	name, stageStr, _ := strings.Cut(e.Action, ":")
	stage := Stage(stageStr)
	var (
		note string
		err  error
	)
	if strings.HasPrefix(name, "manual_") {
		// A step handed to the admin: it stays open and the run resumes
		// the hand-over (issue 10); nothing is done on the server here.
		// Cut before the hand-over reached the run state: the action it
		// was to take over is reconciled as usual instead.
		w.mu.Lock()
		defer w.mu.Unlock()
		if h := w.st.Handover; h == nil || manualAct(h.Action, h.Stage) != e.Action {
			return "", w.j.Fail(e.Action, "interrupted before the hand-over was recorded")
		}
		return "", nil
	}
	if h := w.handoverOf(stage); h != nil && takenOver(h, name) {
		// Cut between opening the hand-over and closing the action it
		// took over: the hand-over settles it, it is never repeated (W8).
		w.mu.Lock()
		err = w.j.Fail(e.Action, "handed over to the admin in the browser ("+string(h.Cause)+")")
		w.mu.Unlock()
		return "", err
	}
	switch name {
	case "backup":
		note, err = w.reconcileBackup(ctx, stage, e, 0, nil)
	case "upload":
		note, err = w.reconcileUpload(ctx, stage, e)
	case "delete_upload":
		note, err = w.reconcileDeleteUpload(ctx, stage, e)
	case "prepare_confirm":
		note, err = w.reconcileConfirm(stage, e)
	case "install":
		note, err = w.reconcileInstall(ctx, stage, e, false, nil)
	case actDownload:
		note, err = w.reconcileDownload(e)
	default:
		w.mu.Lock()
		err = w.j.Fail(e.Action, "interrupted")
		w.mu.Unlock()
	}
	if note != "" {
		w.mu.Lock()
		w.st.Notices = append(w.st.Notices, note)
		_ = w.saveLocked()
		w.mu.Unlock()
	}
	return note, err
}

// handoverOf is the open hand-over when it is about stage.
func (w *Wizard) handoverOf(stage Stage) *handoverState {
	w.mu.Lock()
	defer w.mu.Unlock()
	if h := w.st.Handover; h != nil && h.Stage == stage {
		return h
	}
	return nil
}

// takenOver: the journal action name belongs to the step of hand-over h.
func takenOver(h *handoverState, name string) bool {
	switch name {
	case "backup":
		return h.Action == ManualBackup
	case "upload", "prepare_confirm", "install":
		return stepOfManual(h.Action) == StepInstall
	}
	return false
}
