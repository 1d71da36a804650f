package steps

import (
	"context"
	"errors"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
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
	// Accepted: the step names whose warnings the admin accepted (R22).
	// 1CRM reports a confirmed step as passed; the screen keeps it a
	// warning. (The wizard's own precopy restart is not among them.)
	Accepted []string
}

// Prepare runs the upgrade manager's checks and explains warnings (R22).
func (w *Wizard) Prepare(ctx context.Context) (*PrepareView, error) { return w.prepare(ctx) }

// AcceptWarnings is the admin's explicit acceptance of the prepare warnings
// (R22); it is recorded and sent to the server as confirm.
func (w *Wizard) AcceptWarnings(ctx context.Context) (*PrepareView, error) {
	return w.acceptWarnings(ctx)
}

// The prepare and confirm phases of the install step (R22): 1CRM's checks,
// the version warnings explained, the admin's explicit acceptance.

// prepare runs prepare_install without confirmations (no lasting change).
func (w *Wizard) prepare(ctx context.Context) (*PrepareView, error) {
	stage, ss, c, pc, err := w.installCtx(PhasePrepare, PhaseConfirm)
	if err != nil {
		return nil, err
	}
	defer w.release()
	ctx = w.recordPages(ctx)
	w.mu.Lock()
	source := ss.Source
	if source == "" {
		// An upload the admin confirmed without the wizard seeing it: the
		// package has no source to prepare here (issue 10).
		defer w.mu.Unlock()
		if err := w.installRulesLocked(stage); err != nil {
			return nil, err
		}
		if err := w.openLocked(offer{action: ManualPrepare, stage: stage, cause: CauseSourceUnknown, kind: text.KindPrepareInstall}); err != nil {
			return nil, err
		}
		return nil, w.handedOver(StepInstall, stage, crmclient.ErrPackageNotUploaded)
	}
	rec := w.beginRecord(StepInstall, stage, "prepare")
	w.mu.Unlock()
	res, err := w.prepareRounds(ctx, stage, c, source)
	return w.afterPrepare(stage, rec, "", res, err, pc)
}

// prepareRounds runs prepare_install with every confirmation given so
// far (the server forgets them whenever its list page is shown, so the
// whole list goes along each time). A core patch with early files ends
// its first round with the precopy step as a "warning" that only asks for
// a restart (LBL_PRECOPY_OK): it warns of nothing, so the wizard restarts
// the checks itself, as the browser's Proceed would, and records that
// 1CRM copied those files. Every other warning waits for the admin (R22).
func (w *Wizard) prepareRounds(ctx context.Context, stage Stage, c CRM, source string) (*crmclient.PrepareResult, error) {
	for round := 0; ; round++ {
		w.mu.Lock()
		confirm := append([]string(nil), w.st.stage(stage).Confirm...)
		w.mu.Unlock()
		res, err := c.Prepare(ctx, source, confirm)
		if err != nil || res == nil || round > 0 || !onlyPrecopyRestart(res, confirm) {
			return res, err
		}
		w.mu.Lock()
		ss := w.st.stage(stage)
		ss.Confirm = appendNew(ss.Confirm, precopyStep)
		ss.Precopied = true
		rec := w.beginRecord(StepInstall, stage, "precopy")
		w.endRecord(rec, "", nil)
		jerr := w.j.Event("precopy_restart", journalData("stage", string(stage), "source", source))
		if jerr == nil {
			jerr = w.saveLocked()
		}
		w.mu.Unlock()
		if jerr != nil {
			return nil, jerr
		}
	}
}

// precopyStep is the internal name of 1CRM's early-files prepare step.
const precopyStep = "precopy"

// onlyPrecopyRestart: the round stopped at precopy's restart request and
// at nothing else.
func onlyPrecopyRestart(res *crmclient.PrepareResult, confirm []string) bool {
	ws := res.Warnings()
	return len(ws) == 1 && ws[0] == precopyStep && len(res.Errors()) == 0 && !res.CanProceed && !contains(confirm, precopyStep)
}

// adminConfirmed is the confirmations the admin gave: precopy's restart
// request is answered by the wizard (prepareRounds) and reported apart.
func adminConfirmed(confirm []string) []string {
	var out []string
	for _, c := range confirm {
		if c != precopyStep {
			out = append(out, c)
		}
	}
	return out
}

// appendNew appends the values not yet in list.
func appendNew(list []string, vals ...string) []string {
	for _, v := range vals {
		if v != "" && !contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// acceptWarnings: R22, the admin's explicit acceptance, recorded, then sent
// to the server as confirm.
func (w *Wizard) acceptWarnings(ctx context.Context) (*PrepareView, error) {
	stage, ss, c, pc, err := w.installCtx(PhaseConfirm)
	if err != nil {
		return nil, err
	}
	defer w.release()
	ctx = w.recordPages(ctx)
	act := actConfirm(stage)
	w.mu.Lock()
	source := ss.Source
	warnings := append([]string(nil), ss.Prepare.Warnings...)
	ss.Accepted = true
	// Confirmations add up over the rounds: the server stops at the first
	// step that is not green, so each round can show a new warning.
	ss.Confirm = appendNew(ss.Confirm, warnings...)
	rec := w.beginRecord(StepInstall, stage, "accept_warnings")
	_ = w.j.Answer("warnings_accepted", journalData("stage", string(stage), "steps", strings.Join(warnings, ","),
		"extensions", strings.Join(ss.Prepare.AffectedExtensions, ", ")))
	err = w.beginLocked(rec, StepInstall, stage, act, journalData("source", source, "confirm", strings.Join(warnings, ",")))
	w.mu.Unlock()
	if err != nil {
		return nil, err
	}
	crashPoint("before:" + act)
	res, err := w.prepareRounds(ctx, stage, c, source)
	crashPoint("after:" + act)
	return w.afterPrepare(stage, rec, act, res, err, pc)
}

func (w *Wizard) afterPrepare(stage Stage, rec int, act string, res *crmclient.PrepareResult, err error, pc *PackageCheck) (*PrepareView, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	ss := w.st.stage(stage)
	if handoverCause(err) != "" {
		// A page the client cannot read with certainty: never a guess
		// from a partial result (issue 10: the admin does it in the browser).
		w.endRecord(rec, "", err)
		if herr := w.handOverInstallLocked(stage, act, err); herr != nil {
			_ = w.saveLocked()
			return nil, herr
		}
	}
	if res == nil {
		if err == nil {
			err = crmclient.ErrPrepareFailed
		}
		if act != "" {
			// Also on a cancel: a confirm round leaves nothing lasting on
			// the server (spec §5.3), so nothing is left to reconcile.
			_ = w.j.Fail(act, technical(err))
		}
		w.endRecord(rec, "", err)
		_ = w.saveLocked()
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		return nil, w.actionError(StepInstall, stage, "", err)
	}
	view := w.explain(res, pc)
	view.Precopied = ss.Precopied
	view.Accepted = adminConfirmed(ss.Confirm)
	var accepted []string // R22: the extensions named by the warnings just confirmed
	if ss.Prepare != nil {
		accepted = ss.Prepare.AffectedExtensions
	}
	ss.Prepare = view
	switch {
	case len(view.Errors) > 0:
		ss.Phase = PhasePrepare
		if err == nil {
			err = crmclient.ErrPrepareFailed
		}
	case view.NeedsAcceptance && act == "":
		ss.Phase = PhaseConfirm
		err = nil
	case res.CanProceed:
		ss.Phase = PhaseInstall
		if res.Source != "" {
			ss.Source = res.Source
		}
		err = nil
	default:
		ss.Phase = PhaseConfirm // new warnings after a confirm round
		err = nil
	}
	if act != "" {
		if err != nil {
			_ = w.j.Fail(act, technical(err))
		} else {
			_ = w.j.Done(act, journalData("phase", string(ss.Phase)))
		}
	}
	result := facts("phase", string(ss.Phase))
	if act != "" && len(ss.Confirm) > 0 {
		// R22, W9: the report names what the admin accepted.
		result = facts("confirm", strings.Join(adminConfirmed(ss.Confirm), ", "), "extensions", strings.Join(accepted, ", "), "phase", string(ss.Phase))
	}
	w.endRecord(rec, result, err)
	if serr := w.saveLocked(); serr != nil {
		return nil, serr
	}
	cp := *view
	if err != nil {
		return &cp, w.actionError(StepInstall, stage, w.tx.PrepareErrors(), err)
	}
	return &cp, nil
}

// explain turns a prepare result into the R22 view: which warnings are
// extension version warnings, and which installed extensions their texts
// name (spec §5.3: the texts are passed through verbatim).
func (w *Wizard) explain(res *crmclient.PrepareResult, pc *PackageCheck) *PrepareView {
	v := &PrepareView{
		Steps:      res.Steps,
		Warnings:   res.Warnings(),
		Errors:     res.Errors(),
		CanProceed: res.CanProceed,
	}
	v.NeedsAcceptance = len(v.Warnings) > 0 && len(v.Errors) == 0
	if !v.NeedsAcceptance {
		return v
	}
	var known []string // installed extensions as preflight and the package check saw them
	if w.st.Preflight != nil {
		known = extensionNames(w.st.Preflight.Extensions)
	}
	if pc != nil {
		for _, e := range pc.AffectedExtensions {
			if !contains(known, e) {
				known = append(known, e)
			}
		}
	}
	texts, versionish := 0, false
	for _, s := range res.Steps {
		if s.Status != crmclient.StepWarning || strings.TrimSpace(s.Message) == "" {
			continue
		}
		texts++
		msg := strings.ToLower(s.Message)
		if containsAnyOf(msg, "version", "compatib", "kompatib") {
			versionish = true
		}
		for _, e := range known {
			if e != "" && strings.Contains(msg, strings.ToLower(e)) && !contains(v.AffectedExtensions, e) {
				v.AffectedExtensions = append(v.AffectedExtensions, e)
			}
		}
	}
	core := pc != nil && pc.Core
	names := v.AffectedExtensions
	switch {
	case texts > 0:
		// R22 from the real texts: a core update whose warnings name an
		// installed extension or speak of versions/compatibility.
		v.VersionWarnings = core && (len(v.AffectedExtensions) > 0 || versionish)
	default:
		// Fallback, only for warnings without any text: on a core update
		// with extensions installed they are, as a rule, the expected
		// version warnings; name the extensions the package check expects.
		v.VersionWarnings = core && len(known) > 0
		if pc != nil {
			names = pc.AffectedExtensions
		}
	}
	if v.VersionWarnings {
		v.Explanation = w.tx.VersionWarningsExplained(strings.Join(names, ", "))
	} else {
		v.Explanation = w.tx.OtherWarningsExplained()
	}
	return v
}

// containsAnyOf reports whether lower-case text contains one of needles.
func containsAnyOf(text string, needles ...string) bool {
	for _, n := range needles {
		if strings.Contains(text, n) {
			return true
		}
	}
	return false
}

// reconcileConfirm: a confirm round changes nothing lasting on the server
// (spec §5.3: it unpacks into a temp dir and runs checks), so its outcome
// need not be recovered. The admin's explicit acceptance (R22) was
// journaled before the round, and it stands: the stage moves on to the
// install phase, where Install prepares once more with exactly the
// accepted confirmations (prepareAgain) — new warnings or errors still
// stop it there. The admin is not asked to accept the same warnings twice.
func (w *Wizard) reconcileConfirm(stage Stage, e journal.Entry) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	ss := w.st.stage(stage)
	if ss.Phase == PhaseInstall || ss.Phase == PhaseInstalled {
		return "", w.j.Done(e.Action, journalData("phase", string(ss.Phase)))
	}
	if ss.Accepted && ss.Source != "" && ss.Prepare != nil && len(ss.Prepare.Errors) == 0 {
		ss.Phase = PhaseInstall
		_ = w.saveLocked()
		return w.tx.ConfirmKept(), w.j.Fail(e.Action, "interrupted; acceptance kept, prepared again before the install")
	}
	ss.Phase = PhaseConfirm
	_ = w.saveLocked()
	return w.tx.NoticeInterrupted(w.tx.StepName(string(StepInstall))), w.j.Fail(e.Action, "interrupted; confirm again")
}
