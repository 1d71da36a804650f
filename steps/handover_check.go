package steps

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/version"
	"github.com/visual4/1crm-update/steps/text"
)

// Verifying a hand-over: what the admin did in the browser is read back
// (read-only) and the step is settled only on what was seen, or on the
// admin's explicit word where nothing can be read (issue 10).

// look is what one check read.
type look struct {
	verified   bool
	found      []string // worded
	notYet     []string // worded
	unreadable bool     // the outcome could not be read at all
	// What a verified (or confirmed) step records.
	backup  *crmclient.BackupEntry
	source  string // upload: the row's source
	version string // install: the version 1CRM reports now
	pkg     *PackageCheck
}

func (w *Wizard) manualDone(ctx context.Context, file string) (*ManualResult, error) {
	w.mu.Lock()
	open, refused := w.openHandoverLocked()
	if refused != nil {
		w.mu.Unlock()
		return nil, refused
	}
	w.busy = true
	h := *open
	c := w.crm(h.Stage)
	pc := w.st.Package
	w.mu.Unlock()
	defer w.release()
	ctx = w.recordPages(ctx)

	var (
		l   look
		err error
	)
	switch h.Action {
	case ManualDownload:
		l = w.lookDownload(file)
	case ManualBackup:
		l, err = w.lookBackup(ctx, &h, c)
	case ManualUpload:
		l, err = w.lookUpload(ctx, c, pc)
	default:
		l, err = w.lookInstall(ctx, c, pc)
	}
	if err != nil {
		return nil, err // cancelled: nothing settled, nothing counted
	}
	res, err := w.afterLook(&h, l)
	if err != nil || !res.Verified || h.Action != ManualBackup {
		return res, err
	}
	// A backup seen in the history is checked like one the wizard made
	// (R10): a broken file keeps the step due, as it would otherwise.
	_, verr := w.verifyBackup(ctx, h.Stage, nil)
	return res, verr
}

// afterLook settles the hand-over on a verified look, or records the check.
func (w *Wizard) afterLook(h *handoverState, l look) (*ManualResult, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	cur := w.st.Handover
	if cur == nil || cur.Action != h.Action || cur.Stage != h.Stage {
		return nil, w.refuse("", w.nextLocked(), w.tx.NoHandover())
	}
	found := strings.Join(l.found, " ")
	if l.verified {
		w.applyLocked(cur, l, "")
		if err := w.settleLocked(cur, text.ManualVerified, found, ""); err != nil {
			return nil, err
		}
		return &ManualResult{Verified: true, Found: found}, nil
	}
	cur.Checks++
	cur.Found, cur.NotYet, cur.Unreadable = found, strings.Join(l.notYet, " "), l.unreadable
	if l.version != "" {
		cur.VersionSeen = l.version
	}
	_ = w.j.Event(manualAct(cur.Action, cur.Stage), journalData("check", itoa64(int64(cur.Checks)),
		"found", found, "not_yet", cur.NotYet, "readable", boolStr(!l.unreadable)))
	if err := w.saveLocked(); err != nil {
		return nil, err
	}
	can, note := canConfirm(cur)
	return &ManualResult{Found: found, NotYet: cur.NotYet, CanConfirm: can, NoteNeeded: note}, nil
}

// applyLocked writes the outcome of a settled hand-over into the stage.
func (w *Wizard) applyLocked(h *handoverState, l look, note string) {
	ss := w.st.stage(h.Stage)
	switch h.Action {
	case ManualBackup:
		if l.backup != nil {
			w.finishBackupLocked(h.Stage, l.backup, false, h.Offered, nil)
			ss.Backup.Manual = true
			return
		}
		ss.Backup = &BackupInfo{Stage: h.Stage, Manual: true, Confirmed: true, Reason: redact(note), Started: h.Offered, Finished: w.now()}
		ss.BackupDone = true
	case ManualUpload:
		ss.Source, ss.Phase, ss.Prepare = l.source, PhasePrepare, nil
	case ManualPrepare, ManualInstall:
		ss.Phase = PhaseInstalled
		ss.InstalledAt = w.now()
		if v := firstNonEmpty(l.version, h.VersionSeen); v != "" {
			ss.VersionAfter = v
		}
	}
}

// settleLocked closes the hand-over: journaled done (W8), the report's
// record updated, the history told.
func (w *Wizard) settleLocked(h *handoverState, state, evidence, note string) error {
	act := manualAct(h.Action, h.Stage)
	err := w.j.Done(act, journalData("state", state, "evidence", evidence, "note", note))
	for i := len(w.st.Manual) - 1; i >= 0; i-- {
		m := &w.st.Manual[i]
		if m.Action == h.Action && m.Stage == h.Stage && m.State == text.ManualPending {
			m.State, m.Settled, m.Evidence, m.Note = state, w.now(), redact(evidence), redact(note)
			break
		}
	}
	w.st.Handover = nil
	w.record(stepOfManual(h.Action), h.Stage, "manual_"+state, facts("action", string(h.Action), "evidence", evidence, "note", note))
	if serr := w.saveChangedLocked(); serr != nil {
		return serr
	}
	return w.changedRecorded(err)
}

// canConfirm: the admin may confirm unverified when the outcome cannot be
// read back (no note needed), or after a check that could read and did
// not find it (a note is needed). Never for the download.
func canConfirm(h *handoverState) (can, note bool) {
	if h.Action == ManualDownload {
		return false, false
	}
	if !verifiable(h) {
		return true, false
	}
	if h.Checks > 0 {
		return true, true
	}
	return false, false
}

// verifiable: the wizard expects to read the outcome back.
func verifiable(h *handoverState) bool {
	switch {
	case h.Cause == CauseCaptcha, h.Unreadable:
		return false
	case h.Action == ManualBackup && !h.KnownOK:
		return false
	}
	return true
}

func (w *Wizard) lookDownload(file string) look {
	if strings.TrimSpace(file) == "" {
		return look{notYet: []string{w.tx.HandoverNotYet(text.NotYetNoFile, "")}}
	}
	pc, _ := w.adoptPackage(file, "manual")
	if pc == nil {
		return look{notYet: []string{w.tx.HandoverNotYet(text.NotYetNoFile, "")}}
	}
	if !pc.OK {
		return look{notYet: []string{w.tx.HandoverNotYet(text.NotYetBadPackage, firstBlock(pc.Verdicts))}}
	}
	return look{verified: true, pkg: pc,
		found: []string{w.tx.HandoverFound(text.FoundPackage, filepath.Base(pc.Path)+", SHA-256 "+pc.SHA256)}}
}

func (w *Wizard) lookBackup(ctx context.Context, h *handoverState, c CRM) (look, error) {
	hist, err := c.BackupHistory(ctx)
	if cancelled(err) {
		return look{}, err
	}
	if err != nil {
		return look{unreadable: true, notYet: []string{w.tx.HandoverNotYet(text.NotYetHistoryUnreadable, sayErr(w.tx, c, err))}}, nil
	}
	if !h.KnownOK {
		l := look{unreadable: true, notYet: []string{w.tx.HandoverNotYet(text.NotYetBackupsUnknown, "")}}
		if len(hist) > 0 {
			l.found = []string{w.tx.HandoverFound(text.FoundBackup, w.backupLine(hist[0]))}
		}
		return l, nil
	}
	known := map[string]bool{}
	for _, n := range h.Known {
		known[n] = true
	}
	for _, e := range hist {
		if known[e.Name] || (e.SizeBytes == 0 && (e.Size == "" || strings.HasPrefix(e.Size, "0 "))) {
			continue
		}
		e := e
		return look{verified: true, backup: &e, found: []string{w.tx.HandoverFound(text.FoundBackup, w.backupLine(e))}}, nil
	}
	return look{notYet: []string{w.tx.HandoverNotYet(text.NotYetBackup, "")}}, nil
}

// backupLine is "backup_….zip (11,5 KiB)" in the run's size format.
func (w *Wizard) backupLine(e crmclient.BackupEntry) string {
	return backupEvidenceText(e.Name, backupSizeText(w.tx, e.Size, e.SizeBytes))
}

func (w *Wizard) lookUpload(ctx context.Context, c CRM, pc *PackageCheck) (look, error) {
	list, err := c.Packages(ctx)
	if cancelled(err) {
		return look{}, err
	}
	if err != nil {
		return look{unreadable: true, notYet: []string{w.tx.HandoverNotYet(text.NotYetListUnreadable, sayErr(w.tx, c, err))}}, nil
	}
	name := packageLabel(pc)
	if row := findUploaded(list, pc); row != nil {
		return look{verified: true, source: row.Source, found: []string{w.tx.HandoverFound(text.FoundUploaded, name)}}, nil
	}
	if findInstalled(list, pc) {
		// The admin went on and installed: judged as an install.
		return w.lookInstall(ctx, c, pc)
	}
	return look{notYet: []string{w.tx.HandoverNotYet(text.NotYetUploaded, name)}}, nil
}

// lookInstall: installed when the package is under Installed Packages (or,
// where that list cannot be read, a core update's /version reports the
// target), no contradicting fact, and the in-progress lock is gone.
func (w *Wizard) lookInstall(ctx context.Context, c CRM, pc *PackageCheck) (look, error) {
	var l look
	name := packageLabel(pc)
	listed, contradicted := false, false
	list, err := c.Packages(ctx)
	switch {
	case cancelled(err):
		return look{}, err
	case err != nil:
		l.notYet = append(l.notYet, w.tx.HandoverNotYet(text.NotYetListUnreadable, sayErr(w.tx, c, err)))
	case findInstalled(list, pc):
		listed = true
		l.found = append(l.found, w.tx.HandoverFound(text.FoundInstalled, name))
	default:
		contradicted = true
		l.notYet = append(l.notYet, w.tx.HandoverNotYet(text.NotYetInstalled, name))
	}
	versionOK := false
	if pc.Core {
		vi, verr := c.Version(ctx)
		switch {
		case cancelled(verr):
			return look{}, verr
		case verr == nil && version.SameRelease(vi.Version, pc.Version):
			versionOK, l.version = true, vi.Version
			l.found = append(l.found, w.tx.HandoverFound(text.FoundVersion, vi.Version))
		case verr == nil:
			contradicted, l.version = true, vi.Version
			l.notYet = append(l.notYet, w.tx.HandoverNotYet(text.NotYetVersion, vi.Version+" → "+pc.Version))
		case !errors.Is(verr, crmclient.ErrAPINotAvailable):
			l.notYet = append(l.notYet, w.tx.HandoverNotYet(text.NotYetVersionUnreadable, sayErr(w.tx, c, verr)))
		}
	}
	lockGone := false
	if list != nil && list.InProgress {
		contradicted = true
		l.notYet = append(l.notYet, w.tx.HandoverNotYet(text.NotYetLockSet, ""))
	} else {
		gone, lerr := c.InstallLockGone(ctx)
		switch {
		case cancelled(lerr):
			return look{}, lerr
		case lerr != nil:
			l.notYet = append(l.notYet, w.tx.HandoverNotYet(text.NotYetLockUnreadable, sayErr(w.tx, c, lerr)))
		case gone:
			lockGone = true
			l.found = append(l.found, w.tx.HandoverFound(text.FoundLockGone, ""))
		default:
			contradicted = true
			l.notYet = append(l.notYet, w.tx.HandoverNotYet(text.NotYetLockSet, ""))
		}
	}
	installed := listed || (list == nil && pc.Core && versionOK)
	l.verified = installed && lockGone && !contradicted
	if l.verified {
		l.notYet = nil
	}
	l.unreadable = !l.verified && !contradicted
	return l, nil
}

func packageLabel(pc *PackageCheck) string {
	if pc == nil {
		return ""
	}
	if strings.Contains(pc.Name, pc.Version) {
		return pc.Name
	}
	return strings.TrimSpace(pc.Name + " " + pc.Version)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
