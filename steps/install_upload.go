package steps

import (
	"context"
	"errors"
	"path"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/version"
	"github.com/visual4/1crm-update/steps/journal"
)

// Upload sends the package to the current stage's instance (R21).
func (w *Wizard) Upload(ctx context.Context, progress func(sent, total int64)) error {
	return w.upload(ctx, progress)
}

// The upload phase of the install step (R21, W2, W8): the package goes to
// the upgrade manager once, checked again right before, and a package the
// list already shows is never taken for installed while its install is cut.

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

// upload sends the ZIP to the current stage's instance.
func (w *Wizard) upload(ctx context.Context, progress func(sent, total int64)) error {
	stage, _, c, pc, err := w.installCtx(PhaseUpload)
	if err != nil {
		return err
	}
	defer w.release()
	ctx = w.recordPages(ctx)
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
	w.endRecord(rec, "", err)
	// A page the client cannot get past goes to the admin in the browser
	// (issue 10); the hand-over is journaled before the action it takes
	// over is closed.
	if herr := w.handOverInstallLocked(stage, act, err); herr != nil {
		_ = w.saveLocked()
		return herr
	}
	if act != "" {
		_ = w.j.Fail(act, technical(err))
	}
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
