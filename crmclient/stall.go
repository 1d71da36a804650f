package crmclient

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Long waits on 1CRM (issue 8 item 7). The backup POST and the install's
// upgrade.php steps legitimately take minutes to an hour, so they carry no
// short timeout. Instead the client watches them: while such a request is
// outstanding it asks 1CRM every ProbeInterval, without the admin session,
// whether it still answers (liveness.go), and reports a Stall when 1CRM
// has said nothing for StallAfter, or when it answers but the awaited step
// has not moved for a while. Waits that can end on their own (the install,
// the history poll after a dropped backup request) end at a documented
// limit with a *StallError that says what to do.

// Which wait a Stall is about.
const (
	WaitBackup        = "backup"         // the backup request itself (no limit: the admin pauses)
	WaitBackupHistory = "backup_history" // the connection dropped; watching the Backup History
	WaitInstallStep   = "install_step"   // an upgrade.php step, or the chain repeating one page
	WaitInstallList   = "install_list"   // after the chain: waiting for the list to show it installed
)

// Stall is what the client reports while a wait on 1CRM is not going as
// it should, and once more (Ended) when it goes on again. Reports repeat
// about every ProbeInterval while the stall lasts, with Since growing.
type Stall struct {
	Wait string // one of the Wait* constants
	// Since: with Alive false, how long 1CRM has not answered anything;
	// with Alive true, how long the wait has made no progress (for
	// WaitBackupHistory: since the backup started).
	Since time.Duration
	// Alive: 1CRM still answers (busy, or the step is slow); false: no
	// answer at all, not even to the probe.
	Alive bool
	// CheckURL is the admin page to look at in the browser: the Backup
	// Management page or the upgrade manager's list. Both only show;
	// opening them changes nothing.
	CheckURL string
	// Limited: the client stops waiting by itself after Left more without
	// progress (then the call returns a *StallError). Not limited: it waits
	// until the caller's context ends (the admin pauses).
	Limited bool
	Left    time.Duration
	// Ended: answers came back or the wait moved on; the notice can go.
	Ended bool
}

type stallKey struct{}

// WithStallReport returns a context whose long waits (RunBackup, Install,
// ResumeInstall) report stalls to fn, in the manner of net/http/httptrace:
// the calls' signatures stay as they are. fn is called from the client's
// goroutines, one report at a time, and must not block for long.
func WithStallReport(ctx context.Context, fn func(Stall)) context.Context {
	return context.WithValue(ctx, stallKey{}, fn)
}

func stallReporter(ctx context.Context) func(Stall) {
	if fn, ok := ctx.Value(stallKey{}).(func(Stall)); ok && fn != nil {
		return fn
	}
	return func(Stall) {}
}

// Sentinels of the long waits.
var (
	// ErrInstallStalled: the install made no progress for InstallStallLimit
	// (a step request that never answered, or upgrade.php answering the
	// same step again and again). 1CRM still has it in progress: users stay
	// locked out until it is finished in the browser (upgrade.php). It
	// comes as a *StallError.
	ErrInstallStalled = errors.New("the install stopped advancing: it is still in progress in 1CRM, and users stay locked out until it is finished (upgrade.php)")
	// ErrInstallLost: 1CRM no longer has an install in progress, and the
	// package is not installed — the install was lost (1CRM restarted or
	// restored) or never began. Nothing is left to follow.
	ErrInstallLost = errors.New("1CRM has no install in progress any more and the package is not installed: the install was lost")
	// ErrBackupUnconfirmed: the backup request ended without an answer, and
	// no new backup appeared in the history within BackupMaxWait. 1CRM may
	// still be writing it. It comes as a *StallError.
	ErrBackupUnconfirmed = errors.New("the backup request got no answer and no new backup appeared in the history in time")
)

// StallError ends a wait at its limit.
type StallError struct {
	Kind   error         // ErrInstallStalled or ErrBackupUnconfirmed
	Waited time.Duration // how long without progress
	Alive  bool          // 1CRM still answered at the end
	// Step is the install step 1CRM showed last, in its words ("Step 3:
	// Commit changes"); "" when unknown or not an install.
	Step string
	// CheckURL is where to look or finish in the browser: upgrade.php for
	// an install, the Backup Management page for a backup.
	CheckURL string
}

func (e *StallError) Error() string {
	s := fmt.Sprintf("%v (no progress for %s", e.Kind, roundWait(e.Waited))
	if !e.Alive {
		s += ", no answer from 1CRM"
	}
	if e.Step != "" {
		s += ", last step: " + e.Step
	}
	return s + ")"
}

func (e *StallError) Unwrap() error { return e.Kind }

// roundWait rounds a wait for messages: to seconds, or to 10 ms below one.
func roundWait(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(time.Second)
}
