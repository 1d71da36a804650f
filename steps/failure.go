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
	if errors.As(err, &sm) {
		f.ServerText = redact(strings.TrimSpace(sm.Text))
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
