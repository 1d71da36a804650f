package steps

import (
	"errors"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
)

// noteFailureLocked keeps what the partner mail must say about a failed
// backup or install of a stage (W9, R13): the worded error, 1CRM's own
// message and, for the install, the upgrade.php step it stopped at.
func (w *Wizard) noteFailureLocked(r *StepRecord, err error, wd wordedError) {
	if r.Stage == "" || (r.Step != StepInstall && r.Step != StepBackup) || cancelled(err) {
		return
	}
	f := &failureInfo{Step: r.Step, At: r.Ended, Text: wd.Text}
	var sm *crmclient.ServerMessageError
	if errors.As(err, &sm) && !errors.Is(err, crmclient.ErrInstallNeedsBrowser) {
		// (upgrade.php's progress text, "please wait", is no message
		// about a failure: the install goes on in the browser.)
		f.ServerText = redact(strings.TrimSpace(sm.Text))
	}
	f.Kind = failureKind(err)
	if r.Step == StepInstall && handoverCause(err) != "" {
		// Handed to the browser: the install did not fail; until the
		// hand-over settles, its result is unknown.
		f.Kind = failUnknown
	}
	var se *crmclient.StallError
	if f.Kind == failUnknown && errors.As(err, &se) {
		f.CheckURL = se.CheckURL
	}
	if r.Step == StepInstall && r.Action == "install" {
		at := w.installAt[r.Stage]
		f.InstallStep, f.InstallOf = at[0], at[1]
	}
	w.st.stage(r.Stage).Failure = f
}

// noteInstallStep remembers the upgrade.php step an install has reached.
func (w *Wizard) noteInstallStep(stage Stage, p crmclient.InstallProgress) {
	if p.Step <= 0 {
		return
	}
	w.mu.Lock()
	if w.installAt == nil {
		w.installAt = map[Stage][2]int{}
	}
	w.installAt[stage] = [2]int{p.Step, p.Of}
	w.mu.Unlock()
}

// failUnknown marks a failure whose result the wizard could not see: the
// backup or install may have happened, fully or in part. The mail then asks
// to look on the server instead of calling it failed (W9): otherwise the
// admin may redo a backup that exists or restore a healthy system.
const failUnknown = "unknown"

// failureKind classifies err by its type: an unconfirmed backup, a
// stalled, timed-out, stuck or lost install are unknown results.
func failureKind(err error) string {
	for _, target := range []error{crmclient.ErrBackupUnconfirmed, crmclient.ErrInstallStalled,
		crmclient.ErrInstallTimeout, crmclient.ErrInstallLost, ErrInstallStuck} {
		if errors.Is(err, target) {
			return failUnknown
		}
	}
	return ""
}
