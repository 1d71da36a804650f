package steps

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/backupcheck"
	"github.com/visual4/1crm-update/steps/text"
)

// AcceptBackupProblem goes on with a backup whose check failed or was
// cancelled, for the reason given (R10: recorded in journal and report;
// see steps/backupcheck.go for why a broken backup otherwise stops here).
func (w *Wizard) AcceptBackupProblem(reason string) error { return w.acceptBackupProblem(reason) }

// Backup verification (R10, issue 12). The admin usually runs the wizard on
// the CRM server itself, where the backup lies readable; there the file is
// read once, end to end (crmclient/backupcheck). Elsewhere the check says
// plainly that it could not read the file — never a silent pass.
//
// Why a broken backup stops the step: R10 lets the update reach live only
// if a backup exists, and a backup whose archive is damaged or whose dump
// stopped half-way cannot bring the CRM back, so it does not count. The
// check may still be wrong about an unusual server (a dump written without
// its closing comment), and the admin may hold another backup (a hoster
// snapshot): then they go on with AcceptBackupProblem and a reason, which
// the journal and the report keep, as with a skipped backup on path A.

// BackupCheckStatus is the outcome of the backup check.
type BackupCheckStatus string

const (
	BackupVerified   BackupCheckStatus = "verified"   // intact, dump complete
	BackupNoDump     BackupCheckStatus = "no_dump"    // intact, no dump, and the dump is switched off (DumpWarn)
	BackupBroken     BackupCheckStatus = "broken"     // unusable for a restore: the step stays due
	BackupUnreadable BackupCheckStatus = "unreadable" // not verified: the file cannot be read from here
)

// BackupCheck is what the wizard found reading the backup file.
type BackupCheck struct {
	Status   BackupCheckStatus
	Path     string // the file read; when unreadable, the paths tried
	Size     int64  // bytes on disk (0 when unreadable)
	SHA256   string
	Entries  int
	Dump     string // the dump's name in the archive
	Tables   int
	Problems []string // technical, English (backupcheck.Problem)
	// Shrunk: far smaller than the previous backup of the history
	// (backupcheck.FarSmaller), compared by the file size when read, else
	// by the size the history shows.
	Shrunk       bool
	Previous     string
	PreviousSize int64
	Verdicts     []Verdict // in the run's language, for screen and report
	At           time.Time
	Took         time.Duration
}

// previousBackup is the newest other backup of the history with a size:
// what the new one is compared with. History is newest first (spec §4).
func previousBackup(history []crmclient.BackupEntry, name string) *crmclient.BackupEntry {
	for i := range history {
		if h := history[i]; h.Name != name && h.SizeBytes > 0 {
			return &h
		}
	}
	return nil
}

// backupCandidates are the local paths the backup may be read from:
// --backup-dir first (a mounted or copied backup folder), then the path the
// history shows (the wizard runs on the CRM server). A history path is
// used only when it names this very backup file.
func backupCandidates(e crmclient.BackupEntry, dir string) []string {
	var out []string
	if dir != "" {
		out = append(out, filepath.Join(dir, e.Name))
	}
	if p := e.Path; p != "" && filepath.Base(filepath.FromSlash(p)) == e.Name {
		out = append(out, filepath.FromSlash(p))
	}
	return out
}

// checkDueLocked: a backup was made but its check has not settled (crash
// or cancel while reading it): the next Backup checks it, not a new one.
func (w *Wizard) checkDueLocked(stage Stage) bool {
	b := w.st.stage(stage).Backup
	return b != nil && b.Entry != nil && b.CheckDue
}

// verifyBackup checks the stage's backup file and settles the step: done
// unless the backup is broken.
func (w *Wizard) verifyBackup(ctx context.Context, stage Stage, progress func(read, total int64)) (*crmclient.BackupEntry, error) {
	w.mu.Lock()
	b := w.st.stage(stage).Backup
	entry, dumpWarn := *b.Entry, b.DumpWarn
	prev := &crmclient.BackupEntry{Name: b.Previous, SizeBytes: b.PreviousSize}
	dir := w.cfg.BackupDir
	rec := w.beginRecord(StepBackup, stage, "backup_check")
	w.mu.Unlock()

	chk, err := runBackupCheck(ctx, w.tx, entry, dir, dumpWarn, prev, progress)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		// Cancelled: the check stays due; the backup itself is made.
		w.endRecord(rec, "", err)
		_ = w.saveLocked()
		return nil, err
	}
	chk.At = w.now()
	ss := w.st.stage(stage)
	ss.Backup.Check, ss.Backup.CheckDue = chk, false
	ss.BackupDone = chk.Status != BackupBroken
	var failed error
	if chk.Status == BackupBroken {
		// Listed with the run's errors and, should the run stop here, told
		// as a failed backup (outcome, partner mail).
		failed = &ActionError{Step: StepBackup, Stage: stage, Text: firstBlock(chk.Verdicts), Err: errors.New(strings.Join(chk.Problems, "; "))}
	}
	w.endRecord(rec, facts("note", checkSummary(chk)), failed)
	_ = w.j.Event("backup_check", journalData("stage", string(stage), "name", entry.Name, "status", string(chk.Status),
		"path", chk.Path, "size", itoa64(chk.Size), "sha256", chk.SHA256, "tables", itoa64(int64(chk.Tables)),
		"problems", strings.Join(chk.Problems, "; "), "shrunk", boolStr(chk.Shrunk), "previous", chk.Previous))
	if err := w.saveLocked(); err != nil {
		return nil, err
	}
	cp := entry
	return &cp, nil
}

// runBackupCheck reads the first readable candidate; no lock held.
func runBackupCheck(ctx context.Context, tx text.Texts, e crmclient.BackupEntry, dir string, dumpWarn bool,
	prev *crmclient.BackupEntry, progress func(read, total int64)) (*BackupCheck, error) {
	chk := &BackupCheck{Previous: prev.Name, PreviousSize: prev.SizeBytes}
	var tried []string
	for _, p := range backupCandidates(e, dir) {
		res, err := backupcheck.Verify(ctx, p, progress)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ue *backupcheck.UnreadableError
		if errors.As(err, &ue) {
			tried = append(tried, p)
			continue
		}
		if err != nil {
			return nil, err
		}
		fromResult(chk, res, dumpWarn)
		break
	}
	size := chk.Size
	if chk.Status == "" {
		chk.Status = BackupUnreadable
		chk.Path = strings.Join(tried, ", ")
		if chk.Path == "" {
			chk.Path = e.Path
		}
		size = e.SizeBytes
	}
	chk.Shrunk = backupcheck.FarSmaller(size, prev.SizeBytes)
	chk.Verdicts = checkVerdicts(tx, chk, size)
	return chk, nil
}

func fromResult(chk *BackupCheck, r *backupcheck.Result, dumpWarn bool) {
	chk.Path, chk.Size, chk.SHA256, chk.Entries, chk.Took = r.Path, r.Size, r.SHA256, r.Entries, r.Duration
	if r.Dump != nil {
		chk.Dump, chk.Tables = r.Dump.Name, r.Dump.Tables
	}
	for _, p := range r.Problems {
		chk.Problems = append(chk.Problems, p.String())
	}
	switch {
	case r.OK():
		chk.Status = BackupVerified
	case len(r.Problems) == 1 && r.Has(backupcheck.NoDump) && dumpWarn:
		// No dump, and the Backup page said none would be made: the
		// archive is intact; the missing data is the DumpWarn warning.
		chk.Status = BackupNoDump
	default:
		chk.Status = BackupBroken
	}
}

// checkVerdicts words the check for screen and report.
func checkVerdicts(tx text.Texts, chk *BackupCheck, size int64) []Verdict {
	title := tx.BackupCheckTitle()
	var vs []Verdict
	switch chk.Status {
	case BackupVerified:
		vs = append(vs, Verdict{Rule: "R10", Level: LevelOK, Title: title, Detail: tx.BackupVerified(chk.Tables, tx.Size(chk.Size), chk.SHA256)})
	case BackupNoDump:
		vs = append(vs, Verdict{Rule: "R10", Level: LevelWarn, Title: title, Detail: tx.BackupVerifiedNoDump(chk.Entries, tx.Size(chk.Size), chk.SHA256)})
	case BackupUnreadable:
		vs = append(vs, Verdict{Rule: "R10", Level: LevelWarn, Title: title, Detail: tx.BackupNotVerified(orDash(chk.Path)), Advice: tx.BackupNotVerifiedAdvice()})
	case BackupBroken:
		var words []string
		for _, p := range chk.problemKinds() {
			words = append(words, tx.BackupProblem(string(p.Kind), p.Entry, chk.Tables))
		}
		vs = append(vs, Verdict{Rule: "R10", Level: LevelBlock, Title: title,
			Detail: tx.BackupCheckFailed(strings.Join(words, " ")), Advice: tx.BackupCheckFailedAdvice()})
	}
	if chk.Shrunk {
		vs = append(vs, Verdict{Rule: "R10", Level: LevelWarn, Title: title,
			Detail: tx.BackupShrunk(tx.Size(size), chk.Previous, tx.Size(chk.PreviousSize)), Advice: tx.BackupShrunkAdvice()})
	}
	return vs
}

// problemKinds parses the recorded problems back into kind and entry.
func (c *BackupCheck) problemKinds() []backupcheck.Problem {
	var out []backupcheck.Problem
	for _, s := range c.Problems {
		kind, rest, _ := strings.Cut(s, ": ")
		p := backupcheck.Problem{Kind: backupcheck.Kind(kind)}
		if k, entry, ok := strings.Cut(kind, " ("); ok {
			p.Kind, p.Entry = backupcheck.Kind(k), strings.TrimSuffix(entry, ")")
		}
		p.Detail = rest
		out = append(out, p)
	}
	return out
}

// checkSummary is the one line the step list shows.
func checkSummary(c *BackupCheck) string {
	parts := make([]string, 0, 2)
	for _, v := range c.Verdicts {
		parts = append(parts, v.Detail)
	}
	return strings.Join(parts, " ")
}

// acceptBackupProblem goes on with a backup that failed its check, or whose
// check was cancelled, on the admin's written reason (R10; see above).
func (w *Wizard) acceptBackupProblem(reason string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepBackup); err != nil {
		return err
	}
	stage := w.st.currentStage()
	ss := w.st.stage(stage)
	b := ss.Backup
	if b == nil || b.Entry == nil || !(b.CheckDue || (b.Check != nil && b.Check.Status == BackupBroken)) {
		return w.refuse("R10", StepBackup, w.tx.BackupNothingToAccept())
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return w.refuse("R10", StepBackup, w.tx.NeedReason())
	}
	b.ProblemAccepted, b.CheckDue = redact(reason), false
	ss.BackupDone = true
	w.record(StepBackup, stage, "backup_problem_accepted", facts("reason", b.ProblemAccepted))
	_ = w.j.Event("backup_problem_accepted", journalData("stage", string(stage), "name", b.Entry.Name, "reason", reason))
	return w.saveLocked()
}

// backupCheckReport is the report's lines about a backup's check.
func backupCheckReport(tx text.Texts, bi *BackupInfo) []string {
	var out []string
	switch {
	case bi.Check != nil:
		for _, v := range bi.Check.Verdicts {
			out = append(out, "["+v.Rule+"] "+tx.LevelName(string(v.Level))+" "+v.Title+": "+v.Detail)
		}
		for _, p := range bi.Check.Problems {
			out = append(out, "`"+p+"`")
		}
	case bi.Entry != nil && !bi.Skipped:
		out = append(out, tx.BackupNotChecked())
	}
	if bi.ProblemAccepted != "" {
		out = append(out, tx.BackupCheckAccepted(bi.ProblemAccepted))
	}
	return out
}

// itoa64 is n in decimal, "" for 0 (unknown).
func itoa64(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}
