package steps

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/text"
)

// Offering a hand-over: automatically when an action meets what the client
// cannot get past (handoverCause), or on request. Journaled before the
// action it takes over is closed, so a crash in between leaves the
// hand-over open, never the action to be repeated (W8).

// handoverState is the open hand-over as the journal keeps it (codes; the
// texts are made for the Snapshot in the run's language).
type handoverState struct {
	Action  ManualAction  `json:"action"`
	Stage   Stage         `json:"stage,omitempty"`
	Cause   HandoverCause `json:"cause"`
	Kind    string        `json:"kind"`
	Page    string        `json:"page,omitempty"`   // the client's page name that stopped it
	Detail  string        `json:"detail,omitempty"` // what was missing, or 1CRM's words
	Offered time.Time     `json:"offered"`
	// Started: the install POST was sent (1CRM holds its users out).
	Started bool `json:"started,omitempty"`
	// Known: the backups listed before (KnownOK: that list was read; an
	// empty history is a fact too). Since: when the wizard asked 1CRM for
	// a backup itself, zero when it did not.
	Known   []string  `json:"known,omitempty"`
	KnownOK bool      `json:"known_ok,omitempty"`
	Since   time.Time `json:"since,omitempty"`
	// The last check: how many, what it found and did not find (worded),
	// and whether the outcome could not be read at all.
	Checks     int    `json:"checks,omitempty"`
	Found      string `json:"found,omitempty"`
	NotYet     string `json:"not_yet,omitempty"`
	Unreadable bool   `json:"unreadable,omitempty"`
	// VersionSeen: the version 1CRM reported at the last check (install).
	VersionSeen string   `json:"version_seen,omitempty"`
	Pages       []string `json:"pages,omitempty"`
}

// manualAct is the journal action of a hand-over (W8).
func manualAct(a ManualAction, s Stage) string {
	if s == "" {
		return "manual_" + string(a)
	}
	return "manual_" + string(a) + ":" + string(s)
}

// handoverCause classifies an error the wizard hands over on; "" when the
// error is not one a person in the browser gets past where the client
// cannot.
func handoverCause(err error) HandoverCause {
	var pc *crmclient.PageChangedError
	switch {
	case err == nil || cancelled(err):
		return ""
	case errors.Is(err, crmclient.ErrCaptcha):
		return CauseCaptcha
	case errors.Is(err, crmclient.ErrInstallNeedsBrowser):
		return CauseNeedsBrowser
	case errors.Is(err, crmclient.ErrUploadDisabled):
		return CauseUploadDisabled
	case errors.Is(err, crmclient.ErrRedirectedHome):
		return CauseRedirectedHome
	case errors.Is(err, crmclient.ErrServerError):
		return CauseServerError
	case errors.As(err, &pc):
		return CausePageChanged
	case errors.Is(err, crmclient.ErrDownloadNotZip):
		return CauseDownloadUnusable
	}
	return ""
}

// causeDetail is what the error says about the page: the client's page
// name and what was missing, or 1CRM's own words.
func causeDetail(err error) (page, detail string) {
	var pc *crmclient.PageChangedError
	if errors.As(err, &pc) {
		page = pc.Page
		detail = strings.Join(pc.Missing, ", ")
	}
	var sm *crmclient.ServerMessageError
	if errors.As(err, &sm) && strings.TrimSpace(sm.Text) != "" && !IsTransportText(sm.Text) {
		detail = strings.TrimSpace(sm.Text)
	}
	if len(detail) > 300 {
		detail = detail[:300] + "…"
	}
	return page, redact(detail)
}

// offer describes a hand-over about to be opened.
type offer struct {
	action    ManualAction
	stage     Stage
	cause     HandoverCause
	kind      string
	page      string
	detail    string
	started   bool
	known     []string
	knownOK   bool
	since     time.Time
	takesOver []string // the pending journal actions the hand-over takes over
}

// openLocked opens the hand-over o: journaled as started, recorded in the
// history, then the action it takes over is closed as handed over.
func (w *Wizard) openLocked(o offer) error {
	act := manualAct(o.action, o.stage)
	if err := w.j.Begin(act, journalData("cause", string(o.cause), "kind", o.kind, "page", o.page,
		"detail", o.detail, "takes_over", strings.Join(o.takesOver, ","), "started", boolStr(o.started))); err != nil {
		return w.actionError(stepOfManual(o.action), o.stage, "", err)
	}
	h := &handoverState{Action: o.action, Stage: o.stage, Cause: o.cause, Kind: o.kind, Page: o.page,
		Detail: o.detail, Offered: w.now(), Started: o.started, Known: o.known, KnownOK: o.knownOK, Since: o.since}
	for _, p := range w.st.Pages {
		if p.At.After(h.Offered.Add(-time.Minute)) && p.Step == stepOfManual(o.action) && p.Stage == o.stage {
			h.Pages = append(h.Pages, p.File)
		}
	}
	w.st.Handover = h
	w.st.Manual = append(w.st.Manual, ManualRecord{Action: o.action, Stage: o.stage, Cause: o.cause, Offered: h.Offered, State: text.ManualPending})
	w.record(stepOfManual(o.action), o.stage, "manual_offered", facts("action", string(o.action), "cause", string(o.cause), "kind", o.kind))
	if err := w.saveLocked(); err != nil {
		return err
	}
	for _, a := range o.takesOver {
		if w.pendingLocked(a) {
			_ = w.j.Fail(a, "handed over to the admin in the browser ("+string(o.cause)+")")
		}
	}
	return nil
}

// handedOver is the error an action returns after opening a hand-over.
func (w *Wizard) handedOver(step StepID, stage Stage, cause error) error {
	h := w.st.Handover
	msg := w.tx.HandoverReason(string(h.Cause), h.Page, h.Detail)
	return &ActionError{Step: step, Stage: stage, Text: msg, Err: fmt.Errorf("%w: %w", ErrHandedOver, cause), Specific: true}
}

// stepOfManual is the step an action belongs to.
func stepOfManual(a ManualAction) StepID {
	switch a {
	case ManualDownload:
		return StepPackage
	case ManualBackup:
		return StepBackup
	}
	return StepInstall
}

// installKind picks the instructions for an install-step hand-over of
// action in phase; started says the install POST was sent.
func installKind(a ManualAction, phase InstallPhase, started bool, cause HandoverCause) (ManualAction, string) {
	switch {
	case cause == CauseUploadDisabled:
		return ManualInstall, text.KindInstallHosted
	case started:
		return ManualInstall, text.KindFinishUpgrade
	case a == ManualUpload:
		return ManualUpload, text.KindUpload
	case phase == PhaseUpload || phase == "":
		return ManualInstall, text.KindInstallAll
	case a == ManualPrepare || phase == PhasePrepare || phase == PhaseConfirm:
		return ManualPrepare, text.KindPrepareInstall
	}
	return ManualInstall, text.KindPrepareInstall
}

// listUnreadable: the error is about the package lists themselves (not
// the upload form): a list page the client does not know, or a redirect
// to Home instead of it.
func listUnreadable(err error) bool {
	if errors.Is(err, crmclient.ErrRedirectedHome) {
		return true
	}
	var pc *crmclient.PageChangedError
	if !errors.As(err, &pc) || pc.Page != "uwizard" {
		return false
	}
	for _, m := range pc.Missing {
		if strings.Contains(strings.ToLower(m), "packages") {
			return true
		}
	}
	return false
}

// installStarted: the error says the install POST went out (an
// upgrade.php the client cannot drive, or an install answer it could not
// read): 1CRM holds the in-progress lock.
func installStarted(err error) bool {
	var pc *crmclient.PageChangedError
	return errors.Is(err, crmclient.ErrInstallNeedsBrowser) || errors.As(err, &pc) && pc.Page == "install"
}

// handOverInstallLocked opens the hand-over for an install-step failure
// err (upload, prepare or install phase of stage). act is the pending
// journal action it takes over ("" when none). It returns nil when err is
// no hand-over cause, or when an install guard refuses (that refusal).
func (w *Wizard) handOverInstallLocked(stage Stage, act string, err error) error {
	cause := handoverCause(err)
	if cause == "" || w.st.Handover != nil {
		return nil
	}
	ss := w.st.stage(stage)
	started := installStarted(err)
	// Before the upload: only the upload goes to the browser when the
	// wizard can read the package list to go on from there; without it
	// (a captcha, a list it does not know) the whole install does.
	var asked ManualAction
	listClosed := cause == CauseCaptcha || listUnreadable(err) || (w.st.Preflight != nil && w.st.Preflight.ListError != "")
	if (ss.Phase == PhaseUpload || ss.Phase == "") && !listClosed {
		asked = ManualUpload
	}
	a, kind := installKind(asked, ss.Phase, started, cause)
	if !started && (kind == text.KindPrepareInstall || kind == text.KindInstallAll || kind == text.KindInstallHosted) {
		if gerr := w.installRulesLocked(stage); gerr != nil {
			return gerr
		}
	}
	page, detail := causeDetail(err)
	if oerr := w.openLocked(offer{action: a, stage: stage, cause: cause, kind: kind, page: page, detail: detail,
		started: started, takesOver: w.pendingInstallActsLocked(stage, act)}); oerr != nil {
		return oerr
	}
	return w.handedOver(StepInstall, stage, err)
}

// pendingInstallActsLocked lists act and the install-step actions of
// stage still pending in the journal.
func (w *Wizard) pendingInstallActsLocked(stage Stage, act string) []string {
	var out []string
	if act != "" {
		out = append(out, act)
	}
	for _, a := range []string{actUpload(stage), actConfirm(stage), actInstall(stage)} {
		if a != act && w.pendingLocked(a) {
			out = append(out, a)
		}
	}
	return out
}

// installRulesLocked: the rules Install applies before anything is
// installed on stage hold for the manual route as well (R10, R9, W3).
func (w *Wizard) installRulesLocked(stage Stage) error {
	ss := w.st.stage(stage)
	if w.st.Path == PathB && !backupMade(ss.Backup) {
		return w.refuse("R10", StepInstall, w.tx.BackupMandatory())
	}
	if w.st.Path == PathA && stage == StageLive && !w.st.TestPassed {
		return w.refuse("R9", StepInstall, w.tx.TestNotPassed())
	}
	return w.installGuardLocked()
}

// backupMade: a backup exists for R10 — made (automatically or by hand and
// verified), or confirmed by the admin where it could not be read back.
func backupMade(b *BackupInfo) bool {
	return b != nil && (b.Entry != nil || b.Confirmed)
}

// handOverBackup opens the backup hand-over after err. The backups listed
// before come from the pending backup's journal record, else from a fresh
// read of the history (read-only; it may fail on the very page that
// stopped the backup).
func (w *Wizard) handOverBackup(ctx context.Context, stage Stage, act string, err error) error {
	cause := handoverCause(err)
	if cause == "" {
		return nil
	}
	var (
		known   []string
		knownOK bool
		since   time.Time
	)
	if e, ok := w.pendingEntry(act); ok && act != "" {
		known, knownOK, since = splitList(e.Data["known"]), true, e.Time
	} else if c := w.crmOf(stage); c != nil && cause != CauseCaptcha {
		if h, herr := c.BackupHistory(ctx); herr == nil {
			knownOK = true
			for _, e := range h {
				known = append(known, e.Name)
			}
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st.Handover != nil {
		return nil
	}
	page, detail := causeDetail(err)
	var takes []string
	if act != "" {
		takes = []string{act}
	}
	if oerr := w.openLocked(offer{action: ManualBackup, stage: stage, cause: cause, kind: text.KindBackup,
		page: page, detail: detail, known: known, knownOK: knownOK, since: since, takesOver: takes}); oerr != nil {
		return oerr
	}
	return w.handedOver(StepBackup, stage, err)
}

func (w *Wizard) crmOf(s Stage) CRM {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.crm(s)
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// requestManual: the admin asks for the manual route of the due action.
// A backup hand-over first reads the backup history (read-only), so that
// a new backup can be told from the old ones later.
func (w *Wizard) requestManual(ctx context.Context, a ManualAction) error {
	w.mu.Lock()
	step := stepOfManual(a)
	if err := w.dueLocked(step); err != nil {
		w.mu.Unlock()
		return err
	}
	if w.st.Handover != nil {
		w.mu.Unlock()
		return w.refuse("", step, w.tx.HandoverOpen(w.tx.ManualActionName(string(w.st.Handover.Action))))
	}
	stage := w.st.currentStage()
	c := w.crm(stage)
	w.busy = true
	w.mu.Unlock()
	defer w.release()

	o := offer{action: a, stage: stage, cause: CauseRequested}
	if a == ManualBackup {
		ctx = w.recordPages(ctx)
		if h, err := c.BackupHistory(ctx); err == nil {
			o.knownOK = true
			for _, e := range h {
				o.known = append(o.known, e.Name)
			}
		} else if cancelled(err) {
			return err
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	switch a {
	case ManualDownload:
		o.stage, o.kind = "", text.KindDownload
	case ManualBackup:
		o.kind = text.KindBackup
	case ManualUpload, ManualPrepare, ManualInstall:
		ss := w.st.stage(stage)
		if a == ManualUpload && ss.Phase != PhaseUpload && ss.Phase != "" {
			return w.refuse("R21", step, w.tx.NotDue(w.tx.ManualActionName(string(a)), w.tx.PhaseName(string(ss.Phase))))
		}
		if a == ManualPrepare && (ss.Phase == PhaseUpload || ss.Phase == "") {
			return w.refuse("R21", step, w.tx.NotUploaded())
		}
		started := w.pendingLocked(actInstall(stage))
		o.action, o.kind = installKind(a, ss.Phase, started, "")
		o.started = started
		if started {
			o.takesOver = []string{actInstall(stage)}
		} else if o.kind != text.KindUpload {
			if err := w.installRulesLocked(stage); err != nil {
				return err
			}
		}
	default:
		return w.refuse("", step, w.tx.NotDue(string(a), w.tx.StepName(string(w.nextLocked()))))
	}
	return w.openLocked(o)
}
