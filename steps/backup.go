package steps

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/journal"
)

// BackupInfo is a backup made (or skipped) during the run.
type BackupInfo struct {
	Stage    Stage
	Entry    *crmclient.BackupEntry // nil when skipped
	Skipped  bool
	Reason   string // why skipped
	DumpWarn bool   // the dump is disabled/unavailable: the backup holds no data
	Started  time.Time
	Finished time.Time
	// Previous and PreviousSize name the newest earlier backup of the
	// history with a size, which the check compares with.
	Previous     string
	PreviousSize int64
	// CheckDue: made, but the check of its file has not settled yet.
	CheckDue bool
	// Check is what reading the backup file found; nil before the check
	// and for skipped backups.
	Check *BackupCheck
	// ProblemAccepted is the admin's reason for going on although the
	// check failed or was cancelled (AcceptBackupProblem).
	ProblemAccepted string
	// Manual: made by hand in the browser (issue 10). Confirmed: the
	// admin confirmed it where the history could not be read — Entry is
	// nil then and Reason holds the admin's note.
	Manual    bool `json:",omitempty"`
	Confirmed bool `json:",omitempty"`
	// SizeText is Entry's size in the run's language ("11,5 KiB"), or
	// 1CRM's own text when the bytes are unknown (Snapshot only).
	SizeText string `json:"-"`
}

// Backup runs an own backup on the current stage's instance (R10), checks
// the backup file where it can be read from here (Config.BackupDir, else
// the path the history shows) and returns the new history entry. elapsed
// ticks while the server works; verify gets bytes read and the file size
// while the wizard reads the file. The outcome is in Snapshot().Backups
// (BackupInfo.Check, with verdicts). A broken backup leaves the step due:
// call Backup again for a new one, or AcceptBackupProblem. A backup made
// whose check was cancelled is only checked by the next call. While 1CRM
// does not answer, stall notices go to the report of WithStallReport(ctx).
func (w *Wizard) Backup(ctx context.Context, elapsed func(time.Duration), verify func(read, total int64)) (*crmclient.BackupEntry, error) {
	return w.backup(ctx, elapsed, verify)
}

// SkipBackup goes on without a backup where that is allowed (path A live,
// recommended only); path B refuses (R10).
func (w *Wizard) SkipBackup(reason string) error { return w.skipBackup(reason) }

// How long a resumed run watches the backup history for a backup that a
// crash interrupted: the server finishes a backup even when the client is
// gone (spec §4), so a new entry may still appear. Variables for tests.
var (
	reconcilePoll       = 10 * time.Second
	backupReconcileWait = 3 * time.Minute
)

// backup runs the own backup of the current stage (R10).
func (w *Wizard) backup(ctx context.Context, elapsed func(time.Duration), verify func(read, total int64)) (*crmclient.BackupEntry, error) {
	if err := w.enter(StepBackup); err != nil {
		return nil, err
	}
	defer w.release()
	ctx = w.recordPages(ctx)
	w.mu.Lock()
	stage := w.st.currentStage()
	c := w.crm(stage)
	w.mu.Unlock()
	act := actBackup(stage)

	// A backup started earlier (crash, cancel) is settled with the server
	// first: never start a second one blindly.
	if e, ok := w.pendingEntry(act); ok {
		// Here the wait is visible (elapsed ticks on the screen), unlike
		// in Connect, which only looks once.
		if _, err := w.reconcileBackup(ctx, stage, e, backupReconcileWait, elapsed); err != nil {
			return nil, err
		}
	}
	// A backup made but not yet checked is checked, not made again.
	w.mu.Lock()
	due := w.checkDueLocked(stage)
	w.mu.Unlock()
	if due {
		return w.verifyBackup(ctx, stage, verify)
	}

	page, err := c.BackupPage(ctx)
	if err != nil {
		return nil, w.failBackup(ctx, stage, -1, "", err)
	}
	var known []string
	for _, h := range page.History {
		known = append(known, h.Name)
	}
	// A backup without a database dump saves no data (spec §4): warn.
	dumpWarn := !page.Settings.DumpEnabled || !page.Settings.DumpAvailable

	w.mu.Lock()
	rec := w.beginRecord(StepBackup, stage, "backup")
	started := w.now()
	err = w.beginLocked(rec, StepBackup, stage, act, journalData("known", strings.Join(known, ","), "dump_warn", boolStr(dumpWarn)))
	w.mu.Unlock()
	if err != nil {
		return nil, err
	}
	crashPoint("before:" + act)
	entry, err := c.RunBackup(w.watchStalls(ctx, stage), elapsed)
	crashPoint("after:" + act)
	if err != nil {
		if ctx.Err() != nil {
			// Cancelled (paused) by the admin: the server carries on. The
			// Begin stays pending, so the next attempt looks for the
			// result first.
			w.mu.Lock()
			w.endRecord(rec, "", ctx.Err())
			_ = w.saveLocked()
			w.mu.Unlock()
			return nil, ctx.Err()
		}
		if errors.Is(err, crmclient.ErrBackupUnconfirmed) {
			return nil, w.backupUnconfirmed(stage, rec, err)
		}
		return nil, w.failBackup(ctx, stage, rec, act, err)
	}
	w.mu.Lock()
	w.finishBackupLocked(stage, entry, dumpWarn, started, previousBackup(page.History, entry.Name))
	w.endRecord(rec, facts("name", entry.Name, "size", backupSizeText(w.tx, entry.Size, entry.SizeBytes)), nil)
	if err := w.saveChangedLocked(); err != nil {
		w.mu.Unlock()
		return nil, err
	}
	_ = w.j.Done(act, backupEvidence(entry))
	w.mu.Unlock()
	return w.verifyBackup(ctx, stage, verify)
}

func (w *Wizard) failBackup(ctx context.Context, stage Stage, rec int, act string, err error) error {
	if handoverCause(err) != "" {
		// A page the client cannot get past: the admin makes the backup
		// in the browser (issue 10). A backup request already sent stays
		// pending until the hand-over is journaled.
		w.mu.Lock()
		if rec < 0 {
			rec = w.beginRecord(StepBackup, stage, "backup")
		}
		w.endRecord(rec, "", err)
		_ = w.saveLocked()
		w.mu.Unlock()
		if herr := w.handOverBackup(ctx, stage, act, err); herr != nil {
			return herr
		}
		rec = -2 // recorded already
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if rec == -1 {
		rec = w.beginRecord(StepBackup, stage, "backup")
	}
	if cancelled(err) {
		// Ctrl-C before the backup was asked for: nothing to reconcile.
		w.endRecord(rec, "", err)
		_ = w.saveLocked()
		return err
	}
	if act != "" {
		_ = w.j.Fail(act, technical(err))
	}
	if rec >= 0 {
		w.endRecord(rec, "", err)
	}
	_ = w.saveLocked()
	// 1CRM's own refusal speaks for itself ("1CRM could not make the
	// backup. 1CRM's message: …"); anything else (network, page) gets the
	// "backup failed" lead. Never the Go chain (it repeats itself in English).
	msg := sentence(w.tx, err, hostOf(w.stageURLLocked(stage)), false)
	if !errors.Is(err, crmclient.ErrBackupFailed) {
		msg = w.tx.BackupFailed(msg)
	}
	aerr := &ActionError{Step: StepBackup, Stage: stage, Text: msg, Err: err}
	// Before the Begin record nothing was asked of the server (issue 8:
	// never "1CRM finishes the backup" when no backup started).
	aerr.Untouched = act == ""
	return aerr
}

// backupUnconfirmed: the backup request dropped and no new backup showed
// up in the history in time (crmclient.BackupMaxWait). 1CRM may still be
// writing it, so it is not "failed": the Begin stays pending, as after a
// pause, and the next attempt looks for it before it starts another.
func (w *Wizard) backupUnconfirmed(stage Stage, rec int, err error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.endRecord(rec, "", err)
	_ = w.saveLocked()
	msg := sentence(w.tx, err, hostOf(w.stageURLLocked(stage)), false)
	return &ActionError{Step: StepBackup, Stage: stage, Text: msg, Err: err, Specific: true}
}

// finishBackupLocked records a made backup; the step is done once its
// check settles (verifyBackup).
func (w *Wizard) finishBackupLocked(stage Stage, e *crmclient.BackupEntry, dumpWarn bool, started time.Time, prev *crmclient.BackupEntry) {
	cp := *e
	ss := w.st.stage(stage)
	ss.Backup = &BackupInfo{Stage: stage, Entry: &cp, DumpWarn: dumpWarn, Started: started, Finished: w.now(), CheckDue: true}
	if prev != nil {
		ss.Backup.Previous, ss.Backup.PreviousSize = prev.Name, prev.SizeBytes
	}
	ss.BackupDone = false
	if dumpWarn {
		w.st.Notices = append(w.st.Notices, w.tx.BackupDumpMissing())
	}
}

func backupEvidence(e *crmclient.BackupEntry) map[string]string {
	return journalData("name", e.Name, "path", e.Path, "size", e.Size, "time", e.Time.Format(time.RFC3339))
}

// errBackupPending: Connect looked once and the backup an interrupted run
// started is not in the history yet; the Begin stays pending and the
// backup step watches for it, visibly.
var errBackupPending = errors.New("steps: an interrupted backup has not appeared yet")

// reconcileBackup looks for the backup a crash interrupted: a history entry
// that was not known before the Begin, with a size. It waits up to wait,
// since the server may still be writing it, ticking elapsed meanwhile;
// with wait 0 (Connect: "Checking the connection" must not sit there for
// minutes) it looks once and returns errBackupPending when nothing is
// there yet.
func (w *Wizard) reconcileBackup(ctx context.Context, stage Stage, e journal.Entry, wait time.Duration, elapsed func(time.Duration)) (string, error) {
	act := e.Action
	known := map[string]bool{}
	for _, n := range strings.Split(e.Data["known"], ",") {
		if n != "" {
			known[n] = true
		}
	}
	w.mu.Lock()
	ss := w.st.stage(stage)
	if b := ss.Backup; b != nil && b.Entry != nil && !known[b.Entry.Name] {
		// The state was saved, only the Done record is missing.
		err := w.j.Done(act, backupEvidence(b.Entry))
		w.mu.Unlock()
		return "", err
	}
	c := w.crm(stage)
	w.mu.Unlock()
	start := time.Now()
	deadline := start.Add(wait)
	for {
		page, err := c.BackupPage(ctx)
		if err == nil {
			for _, h := range page.History {
				if known[h.Name] || (h.SizeBytes == 0 && (h.Size == "" || strings.HasPrefix(h.Size, "0 "))) {
					continue
				}
				h := h
				w.mu.Lock()
				w.finishBackupLocked(stage, &h, e.Data["dump_warn"] == "true", e.Time, previousBackup(page.History, h.Name))
				w.record(StepBackup, stage, "backup_reconciled", facts("name", h.Name, "size", backupSizeText(w.tx, h.Size, h.SizeBytes)))
				_ = w.saveLocked()
				derr := w.j.Done(act, backupEvidence(&h))
				w.mu.Unlock()
				return w.tx.NoticeReconciled(w.tx.StepName(string(StepBackup)), h.Name), derr
			}
		}
		if wait == 0 {
			return w.tx.NoticeBackupPending(w.tx.Duration(backupReconcileWait)), errBackupPending
		}
		if time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(reconcilePoll):
		}
		if elapsed != nil {
			elapsed(time.Since(start))
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.tx.NoticeInterrupted(w.tx.StepName(string(StepBackup))), w.j.Fail(act, "interrupted; no new backup on the server")
}

// skipBackup: only on path A live, where the test system took the risk
// first; path B makes the backup mandatory (R10).
func (w *Wizard) skipBackup(reason string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepBackup); err != nil {
		return err
	}
	if w.st.Path != PathA {
		return w.refuse("R10", StepBackup, w.tx.BackupMandatory())
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return w.refuse("R10", StepBackup, w.tx.NeedReason())
	}
	stage := w.st.currentStage()
	ss := w.st.stage(stage)
	ss.Backup = &BackupInfo{Stage: stage, Skipped: true, Reason: redact(reason), Started: w.now(), Finished: w.now()}
	ss.BackupDone = true
	w.record(StepBackup, stage, "backup_skipped", facts("reason", ss.Backup.Reason))
	_ = w.j.Event("backup_skipped", journalData("stage", string(stage), "reason", reason))
	return w.saveLocked()
}
