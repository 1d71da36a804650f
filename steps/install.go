package steps

import (
	"context"
	"errors"
	"path"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/version"
	"github.com/visual4/1crm-update/steps/journal"
)

// ErrInstallStuck: an install interrupted half-way is still marked in
// progress on the server; the wizard will not post it again (spec §2, §5.4).
var ErrInstallStuck = errors.New("steps: an interrupted install is still in progress on the server")

// ErrInstallIncomplete: the package is listed as installed, but 1CRM
// reports another release: the install stopped half-way (spec §5.4).
var ErrInstallIncomplete = errors.New("steps: the package is listed as installed but the install did not finish")

// unfinishedInstall checks a package the list shows as installed: when
// 1CRM still reports an install in progress, or (core update) /version
// another release, the install was cut and is not reported as done (W8).
// It returns the admin's words and ErrInstallStuck/ErrInstallIncomplete;
// nil when the package really is installed.
func (w *Wizard) unfinishedInstall(ctx context.Context, c CRM, list *crmclient.PackageList, pc *PackageCheck) (string, error) {
	if list.InProgress {
		return w.tx.InstallStuck(w.cfg.SupportEmail), ErrInstallStuck
	}
	if !pc.Core {
		return "", nil
	}
	if vi, err := c.Version(ctx); err == nil && !version.SameRelease(vi.Version, pc.Version) {
		return w.tx.InstallIncomplete(vi.Version, pc.Version, w.cfg.SupportEmail), ErrInstallIncomplete
	}
	return "", nil
}

// The install step of a stage runs in phases: upload → prepare → (confirm
// warnings, R22) → install (R21). Each server-changing phase is journaled
// before and after (W8).

func (w *Wizard) installCtx(want ...InstallPhase) (Stage, *stageState, CRM, *PackageCheck, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepInstall); err != nil {
		return "", nil, nil, nil, err
	}
	stage := w.st.currentStage()
	ss := w.st.stage(stage)
	phase := ss.Phase
	if phase == "" {
		phase = PhaseUpload
	}
	ok := false
	for _, p := range want {
		if p == phase {
			ok = true
		}
	}
	if !ok {
		var reason, rule string
		switch phase {
		case PhaseUpload:
			reason, rule = w.tx.NotUploaded(), "R21"
		case PhasePrepare:
			reason, rule = w.tx.NotPrepared(), "R21"
		case PhaseConfirm:
			reason, rule = w.tx.WarningsNotAccepted(), "R22"
		default:
			reason, rule = w.tx.NoWarnings(), "R22"
		}
		return "", nil, nil, nil, w.refuse(rule, StepInstall, reason)
	}
	w.busy = true
	return stage, ss, w.crm(stage), w.st.Package, nil
}

// samePackage matches a list row to the local manifest by name, type and
// version (spec §5.1: the id is not displayed).
func samePackage(name, typ, ver string, pc *PackageCheck) bool {
	if !strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(pc.Name)) {
		return false
	}
	if typ != "" && !strings.EqualFold(typ, pc.Type) {
		return false
	}
	return ver == pc.Version || version.Compare(ver, pc.Version) == 0
}

func findUploaded(l *crmclient.PackageList, pc *PackageCheck) *crmclient.UploadedPackage {
	for i := range l.Uploaded {
		u := &l.Uploaded[i]
		if samePackage(u.Name, u.Type, u.Version, pc) {
			return u
		}
	}
	return nil
}

func findInstalled(l *crmclient.PackageList, pc *PackageCheck) bool {
	for _, p := range l.Installed {
		if samePackage(p.Name, p.Type, p.Version, pc) {
			return true
		}
	}
	return false
}

// upload sends the ZIP to the current stage's instance.
func (w *Wizard) upload(ctx context.Context, progress func(sent, total int64)) error {
	stage, _, c, pc, err := w.installCtx(PhaseUpload)
	if err != nil {
		return err
	}
	defer w.release()
	act := actUpload(stage)
	if e, ok := w.pendingEntry(act); ok {
		if _, err := w.reconcileUpload(ctx, stage, e); err != nil {
			return err
		}
		if w.phaseOf(stage) != PhaseUpload {
			return nil
		}
	}
	w.mu.Lock()
	rec := w.beginRecord(StepInstall, stage, "upload")
	w.mu.Unlock()

	list, err := c.Packages(ctx)
	if err != nil {
		return w.failInstallPhase(stage, rec, "", err, "")
	}
	if row := findUploaded(list, pc); row != nil {
		// Already there (an earlier run, or a crash after the server took it).
		return w.uploadDone(stage, rec, act, row.Source, "reused", false)
	}
	if findInstalled(list, pc) {
		if msg, err := w.unfinishedInstall(ctx, c, list, pc); err != nil {
			// Listed, but cut half-way: never reported as installed (W8).
			return specific(w.failInstallPhase(stage, rec, "", err, msg))
		}
		return w.markInstalled(ctx, stage, rec, act, c, pc, "already_installed", false)
	}
	// W2: the file must still be the one validated; nothing changes on the
	// server before this holds (issue 8).
	if msg, err := w.verifyPackage(pc); err != nil {
		return specific(w.failInstallPhase(stage, rec, "", err, msg))
	}
	// A stale upload with our file name blocks the upload (ERR_DUPLICATE_UPLOAD).
	// The delete changes the server, so it is journaled like the others (W8).
	for _, u := range list.Uploaded {
		if u.Source != "" && path.Base(u.Source) == pc.FileName {
			dact := actDeleteUpload(stage)
			w.mu.Lock()
			err := w.beginLocked(rec, StepInstall, stage, dact, journalData("source", u.Source, "name", u.Name, "version", u.Version))
			w.mu.Unlock()
			if err != nil {
				return err // W8: without its "started" record the delete does not run
			}
			if err := c.DeleteUpload(ctx, u.Source); err != nil {
				if ctx.Err() == nil {
					w.mu.Lock()
					_ = w.j.Fail(dact, technical(err))
					w.mu.Unlock()
				}
				return w.failInstallPhase(stage, rec, "", err, "")
			}
			w.mu.Lock()
			_ = w.j.Done(dact, journalData("source", u.Source))
			w.mu.Unlock()
		}
	}

	w.mu.Lock()
	err = w.beginLocked(rec, StepInstall, stage, act, journalData("file", pc.FileName, "name", pc.Name, "version", pc.Version, "sha256", pc.SHA256))
	w.mu.Unlock()
	if err != nil {
		return err
	}
	crashPoint("before:" + act)
	var sent, total int64
	err = c.Upload(ctx, pc.Path, func(s, t int64) {
		sent, total = s, t
		if progress != nil {
			progress(s, t)
		}
	})
	crashPoint("after:" + act)
	if err != nil && !errors.Is(err, crmclient.ErrDuplicateUpload) {
		if ctx.Err() != nil {
			return w.failInstallPhase(stage, rec, "", ctx.Err(), "") // stays pending: reconciled next time
		}
		if msg := w.uploadCutWords(c, err, sent, total); msg != "" {
			return specific(w.failInstallPhase(stage, rec, act, err, msg))
		}
		return w.failInstallPhase(stage, rec, act, err, "")
	}
	list, err = c.Packages(ctx)
	if err != nil {
		return w.failInstallPhase(stage, rec, "", err, "") // pending: reconciled next time
	}
	row := findUploaded(list, pc)
	if row == nil {
		// The upload counts only when the package is listed (spec §5.2).
		return w.failInstallPhase(stage, rec, act, crmclient.ErrUploadNotAccepted, "")
	}
	return w.uploadDone(stage, rec, act, row.Source, "", true)
}

func (w *Wizard) phaseOf(s Stage) InstallPhase {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.st.stage(s).Phase
}

func (w *Wizard) uploadDone(stage Stage, rec int, act, source, note string, begun bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	ss := w.st.stage(stage)
	ss.Source = source
	ss.Phase = PhasePrepare
	w.endRecord(rec, facts("file", path.Base(source), "note", note), nil)
	if err := w.saveChangedLocked(); err != nil {
		return err
	}
	if begun {
		return w.changedRecorded(w.j.Done(act, journalData("source", source)))
	}
	return w.changedRecorded(w.j.Event(act, journalData("source", source, "note", note)))
}

// failInstallPhase records a failure. act == "" leaves a pending Begin
// pending (its outcome is unknown and must be reconciled).
func (w *Wizard) failInstallPhase(stage Stage, rec int, act string, err error, msg string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if act != "" {
		_ = w.j.Fail(act, technical(err))
	}
	w.endRecord(rec, "", err)
	_ = w.saveLocked()
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return w.actionError(StepInstall, stage, msg, err)
}

// reconcileUpload: is the package listed after the interrupted upload?
func (w *Wizard) reconcileUpload(ctx context.Context, stage Stage, e journal.Entry) (string, error) {
	w.mu.Lock()
	c, pc := w.crm(stage), w.st.Package
	w.mu.Unlock()
	list, err := c.Packages(ctx)
	if err != nil {
		return "", err
	}
	label := w.tx.StepName(string(StepInstall))
	if row := findUploaded(list, pc); row != nil {
		w.mu.Lock()
		rec := w.beginRecord(StepInstall, stage, "upload_reconciled")
		w.mu.Unlock()
		return w.tx.NoticeReconciled(label, w.tx.Did("upload", path.Base(row.Source))), w.uploadDone(stage, rec, e.Action, row.Source, "reconciled", true)
	}
	if findInstalled(list, pc) {
		w.mu.Lock()
		rec := w.beginRecord(StepInstall, stage, "upload_reconciled")
		w.mu.Unlock()
		if msg, err := w.unfinishedInstall(ctx, c, list, pc); err != nil {
			w.mu.Lock()
			defer w.mu.Unlock()
			w.endRecord(rec, "", err)
			_ = w.j.Done(e.Action, journalData("note", "listed as installed, install unfinished"))
			_ = w.saveLocked()
			return msg, nil
		}
		return w.tx.NoticeReconciled(label, pc.Name+" "+pc.Version), w.markInstalled(ctx, stage, rec, e.Action, c, pc, "reconciled", true)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.tx.NoticeInterrupted(label), w.j.Fail(e.Action, "interrupted; package not listed on the server")
}

// reconcileDeleteUpload: a stale upload's delete was interrupted. The
// list says whether it is gone; if not, the next Upload deletes it again
// (removing our own stale ZIP twice changes nothing more).
func (w *Wizard) reconcileDeleteUpload(ctx context.Context, stage Stage, e journal.Entry) (string, error) {
	w.mu.Lock()
	c := w.crm(stage)
	w.mu.Unlock()
	if c == nil {
		return "", nil // that instance is not attached now; settled when it is
	}
	list, err := c.Packages(ctx)
	if err != nil {
		return "", err
	}
	src := e.Data["source"]
	for _, u := range list.Uploaded {
		if u.Source == src {
			w.mu.Lock()
			defer w.mu.Unlock()
			return "", w.j.Fail(e.Action, "interrupted; still listed, deleted again before the next upload")
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return "", w.j.Done(e.Action, journalData("source", src, "reconciled", "true"))
}

// prepare runs prepare_install without confirmations (no lasting change).
func (w *Wizard) prepare(ctx context.Context) (*PrepareView, error) {
	stage, ss, c, pc, err := w.installCtx(PhasePrepare, PhaseConfirm)
	if err != nil {
		return nil, err
	}
	defer w.release()
	w.mu.Lock()
	source := ss.Source
	rec := w.beginRecord(StepInstall, stage, "prepare")
	w.mu.Unlock()
	res, err := c.Prepare(ctx, source, nil)
	return w.afterPrepare(stage, rec, "", res, err, pc)
}

// acceptWarnings: R22, the admin's explicit acceptance, recorded, then sent
// to the server as confirm.
func (w *Wizard) acceptWarnings(ctx context.Context) (*PrepareView, error) {
	stage, ss, c, pc, err := w.installCtx(PhaseConfirm)
	if err != nil {
		return nil, err
	}
	defer w.release()
	act := actConfirm(stage)
	w.mu.Lock()
	source := ss.Source
	warnings := append([]string(nil), ss.Prepare.Warnings...)
	ss.Accepted = true
	ss.Confirm = warnings
	rec := w.beginRecord(StepInstall, stage, "accept_warnings")
	_ = w.j.Answer("warnings_accepted", journalData("stage", string(stage), "steps", strings.Join(warnings, ","),
		"extensions", strings.Join(ss.Prepare.AffectedExtensions, ", ")))
	err = w.beginLocked(rec, StepInstall, stage, act, journalData("source", source, "confirm", strings.Join(warnings, ",")))
	w.mu.Unlock()
	if err != nil {
		return nil, err
	}
	crashPoint("before:" + act)
	res, err := c.Prepare(ctx, source, warnings)
	crashPoint("after:" + act)
	return w.afterPrepare(stage, rec, act, res, err, pc)
}

func (w *Wizard) afterPrepare(stage Stage, rec int, act string, res *crmclient.PrepareResult, err error, pc *PackageCheck) (*PrepareView, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	ss := w.st.stage(stage)
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
		result = facts("confirm", strings.Join(ss.Confirm, ", "), "extensions", strings.Join(accepted, ", "), "phase", string(ss.Phase))
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

// install runs perform=install and follows it to the end (R21).
func (w *Wizard) install(ctx context.Context, progress func(crmclient.InstallProgress)) error {
	w.mu.Lock()
	if w.st != nil && w.nextLocked() == StepInstall && !w.busy {
		stage := w.st.currentStage()
		ss := w.st.stage(stage)
		// R10: path B installs on live only with a backup made in this run.
		if w.st.Path == PathB && (ss.Backup == nil || ss.Backup.Entry == nil) {
			w.mu.Unlock()
			return w.refuse("R10", StepInstall, w.tx.BackupMandatory())
		}
		// R9: path A reaches live only after a passed test.
		if w.st.Path == PathA && stage == StageLive && !w.st.TestPassed {
			w.mu.Unlock()
			return w.refuse("R9", StepInstall, w.tx.TestNotPassed())
		}
		// W3, R10 again at install time, unless an install started
		// earlier is being continued (W8: that one must finish).
		if ss.Phase == PhaseInstall && !w.pendingLocked(actInstall(stage)) {
			if err := w.installGuardLocked(); err != nil {
				w.mu.Unlock()
				return err
			}
		}
	}
	w.mu.Unlock()
	stage, ss, c, pc, err := w.installCtx(PhaseInstall)
	if err != nil {
		return err
	}
	defer w.release()
	act := actInstall(stage)
	if e, ok := w.pendingEntry(act); ok {
		note, err := w.reconcileInstall(ctx, stage, e, true, progress)
		if errors.Is(err, ErrInstallStuck) {
			aerr := specific(w.actionError(StepInstall, stage, note, err))
			w.mu.Lock()
			rec := w.beginRecord(StepInstall, stage, "install")
			w.endRecord(rec, "", aerr)
			_ = w.saveLocked()
			w.mu.Unlock()
			return aerr
		}
		if err != nil {
			return err
		}
		if w.phaseOf(stage) != PhaseInstall {
			return nil
		}
	}
	w.mu.Lock()
	source := ss.Source
	w.mu.Unlock()
	if !c.ProceedReady(source) {
		// A new process (or client): the Proceed form of the accepted
		// Prepare is gone. Prepare again with the same confirmations rather
		// than letting the client refuse the install (R22).
		if err := w.prepareAgain(ctx, stage, c, pc); err != nil {
			return err
		}
	}
	w.captureBaseline(ctx, stage, c)
	w.mu.Lock()
	source = ss.Source
	rec := w.beginRecord(StepInstall, stage, "install")
	err = w.beginLocked(rec, StepInstall, stage, act, journalData("source", source, "name", pc.Name, "version", pc.Version))
	w.mu.Unlock()
	if err != nil {
		return err
	}
	target := crmclient.InstallTarget{Name: pc.Name, Type: pc.Type, Version: pc.Version, Core: pc.Core}
	crashPoint("before:" + act)
	err = c.Install(ctx, source, target, w.trackInstallURL(stage, w.pendingSeq(act), progress))
	crashPoint("after:" + act)
	if err != nil {
		if ctx.Err() != nil {
			return w.failInstallPhase(stage, rec, "", ctx.Err(), "")
		}
		return w.failInstallPhase(stage, rec, act, err, "")
	}
	return w.markInstalled(ctx, stage, rec, act, c, pc, "", true)
}

// markInstalled records a finished install with the version the server
// reports now.
func (w *Wizard) markInstalled(ctx context.Context, stage Stage, rec int, act string, c CRM, pc *PackageCheck, note string, begun bool) error {
	after := ""
	if vi, err := c.Version(ctx); err == nil {
		after = vi.Version
	} else if !pc.Core {
		after = ""
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	ss := w.st.stage(stage)
	ss.Phase = PhaseInstalled
	ss.InstalledAt = w.now()
	ss.VersionAfter = after
	if after == "" && pc.Core {
		ss.VersionAfter = pc.Version
	}
	w.endRecord(rec, facts("name", pc.Name, "version", pc.Version, "note", note), nil)
	if err := w.saveChangedLocked(); err != nil {
		return err
	}
	ev := journalData("version_after", ss.VersionAfter, "name", pc.Name, "version", pc.Version, "note", note)
	if begun {
		return w.changedRecorded(w.j.Done(act, ev))
	}
	return w.changedRecorded(w.j.Event(act, ev))
}

// reconcileInstall settles an install the crash interrupted (W8, spec
// §5.4): installed (list, and /version for a core update) → done; cut
// half-way with a journaled upgrade.php URL → continue from there (only
// when resume is set, i.e. from Install with the screen's progress;
// Connect just announces it); in progress with nothing known → stuck, no
// second POST (spec §2); not started → failed, may be started again.
func (w *Wizard) reconcileInstall(ctx context.Context, stage Stage, e journal.Entry, resume bool, progress func(crmclient.InstallProgress)) (string, error) {
	w.mu.Lock()
	c, pc := w.crm(stage), w.st.Package
	ss := w.st.stage(stage)
	if ss.Phase == PhaseInstalled {
		err := w.j.Done(e.Action, journalData("version_after", ss.VersionAfter))
		w.mu.Unlock()
		return "", err
	}
	w.mu.Unlock()
	list, err := c.Packages(ctx)
	if err != nil {
		return "", err
	}
	label := w.tx.StepName(string(StepInstall))
	from := w.savedInstallURL(stage, e)
	// Installed, and not still finishing a chain we know how to follow.
	if reachedTarget(ctx, c, list, pc) && (from == "" || !list.InProgress) {
		w.mu.Lock()
		rec := w.beginRecord(StepInstall, stage, "install_reconciled")
		w.mu.Unlock()
		return w.tx.NoticeReconciled(label, pc.Name+" "+pc.Version), w.markInstalled(ctx, stage, rec, e.Action, c, pc, "reconciled", true)
	}
	// A journaled address is followed only while 1CRM still has the
	// install in progress: a server that no longer does (the flag was
	// cleared, or it is another server than the one the address came
	// from — the demo's simulator starts afresh) is judged by its lists
	// below instead of being sent an address it does not know.
	if from != "" && list.InProgress {
		if !resume {
			return w.tx.InstallResumable(), errInstallResumable
		}
		return w.resumeInstall(ctx, stage, e, c, pc, from, progress)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if findUploaded(list, pc) == nil && !findInstalled(list, pc) {
		ss.Phase = PhaseUpload
		ss.Source = ""
		_ = w.saveLocked()
		return w.tx.InstallNotFound(), w.j.Fail(e.Action, "interrupted; package gone from the server")
	}
	if list.InProgress {
		// Cut before the first upgrade.php address was journaled: the
		// server keeps the in-progress flag and refuses a second install.
		// Repeating the POST blindly is not allowed (spec §2), so the Begin
		// stays pending and every later attempt checks the server again.
		return w.tx.InstallStuck(w.cfg.SupportEmail), ErrInstallStuck
	}
	return w.tx.NoticeInterrupted(label), w.j.Fail(e.Action, "interrupted; not installed")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
