package steps

import (
	"context"
	"errors"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/manifest"
	"github.com/visual4/1crm-update/crmclient/version"
	"github.com/visual4/1crm-update/steps/journal"
)

// InstallPhase is where the install step of a stage stands.
type InstallPhase string

const (
	PhaseUpload    InstallPhase = "upload"
	PhasePrepare   InstallPhase = "prepare"
	PhaseConfirm   InstallPhase = "confirm" // R22: warnings wait for AcceptWarnings
	PhaseInstall   InstallPhase = "install"
	PhaseInstalled InstallPhase = "installed"
)

// Install installs the prepared package (R21). Path B refuses without a
// backup (R10); path A live refuses before a passed test (R9). Path B
// checks the start time again (W3): when the day changed or it is now later
// than what the admin accepted at the time guard, it refuses (Rule "W3")
// and Next() is time_guard again; a backup not made today is due again
// (R10). A resumed, half-done install is continued without that check (W8).
// Stall notices go to the report of WithStallReport(ctx) (stall.go); an
// install without progress ends with crmclient.ErrInstallStalled and stays
// journaled as started, so the next call continues it.
func (w *Wizard) Install(ctx context.Context, progress func(crmclient.InstallProgress)) error {
	return w.install(ctx, progress)
}

// ErrInstallStuck: an install interrupted half-way is still marked in
// progress on the server; the wizard will not post it again (spec §2, §5.4).
var ErrInstallStuck = errors.New("steps: an interrupted install is still in progress on the server")

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
	if !sameNameAndType(name, typ, pc.Name, pc.Type) {
		return false
	}
	return ver == pc.Version || version.Compare(ver, pc.Version) == 0
}

// sameNameAndType: 1CRM keeps one package per type and id (UWizard.php
// isInstallable). The lists show no id, so the name stands in for it, and
// the type must agree as well: a language pack and a module may share a
// name. The lists render the type as a label ("Modul", "Sprache"), which
// manifest.SameType maps; a row without a type never matches.
func sameNameAndType(rowName, rowType, name, typ string) bool {
	return strings.EqualFold(strings.TrimSpace(rowName), strings.TrimSpace(name)) && manifest.SameType(rowType, typ)
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

// install runs perform=install and follows it to the end (R21).
func (w *Wizard) install(ctx context.Context, progress func(crmclient.InstallProgress)) error {
	w.mu.Lock()
	if w.st != nil && w.nextLocked() == StepInstall && !w.busy {
		stage := w.st.currentStage()
		ss := w.st.stage(stage)
		// R10: path B installs on live only with a backup made in this run.
		if w.st.Path == PathB && !backupMade(ss.Backup) {
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
	ctx = w.recordPages(ctx)
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
	err = c.Install(w.watchStalls(ctx, stage), source, target, w.trackInstallURL(stage, w.pendingSeq(act), progress))
	crashPoint("after:" + act)
	if err != nil {
		return w.installError(ctx, stage, rec, act, err)
	}
	return w.markInstalled(ctx, stage, rec, act, c, pc, "", true)
}

// installError records an install (or its continuation) that ended with
// err. Paused, stalled or out of time, 1CRM may still have it in progress:
// the Begin stays pending, so the next attempt reconciles and continues it
// (W8) and never posts perform=install again. A lost install and a failed
// step close it.
func (w *Wizard) installError(ctx context.Context, stage Stage, rec int, act string, err error) error {
	switch {
	case ctx.Err() != nil:
		return w.failInstallPhase(stage, rec, "", ctx.Err(), "")
	case errors.Is(err, crmclient.ErrInstallStalled), errors.Is(err, crmclient.ErrInstallTimeout):
		return specific(w.failInstallPhase(stage, rec, "", err, ""))
	case errors.Is(err, crmclient.ErrInstallLost):
		return specific(w.failInstallPhase(stage, rec, act, err, ""))
	}
	return w.failInstallPhase(stage, rec, act, err, "")
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
		ss.Prepare = nil // that preparation was of the upload that is gone
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
