package steps

import (
	"strings"

	"github.com/visual4/1crm-update/steps/text"
)

// Settling a hand-over on the admin's word, or taking it back (issue 10).

// openHandoverLocked is the open hand-over an admin's answer is about; it
// refuses when there is no run, no hand-over, or an action still running.
func (w *Wizard) openHandoverLocked() (*handoverState, error) {
	if w.st == nil {
		return nil, w.refuse("", StepConnect, w.tx.NoRun())
	}
	if w.st.Handover == nil {
		return nil, w.refuse("", w.nextLocked(), w.tx.NoHandover())
	}
	if w.busy {
		return nil, w.refuse("", w.nextLocked(), w.tx.Busy())
	}
	return w.st.Handover, nil
}

// confirmManual settles the open hand-over on the admin's word.
func (w *Wizard) confirmManual(note string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	h, err := w.openHandoverLocked()
	if err != nil {
		return err
	}
	can, needNote := canConfirm(h)
	note = strings.TrimSpace(note)
	switch {
	case h.Action == ManualDownload:
		return w.refuse("W2", StepPackage, w.tx.HandoverNeedsCheck())
	case !can:
		return w.refuse("", stepOfManual(h.Action), w.tx.HandoverNeedsCheck())
	case needNote && note == "":
		return w.refuse("", stepOfManual(h.Action), w.tx.NeedReason())
	}
	hc := *h
	w.applyLocked(h, look{version: h.VersionSeen}, note)
	if err := w.settleLocked(h, text.ManualConfirmed, hc.Found, note); err != nil {
		return err
	}
	if hc.Action == ManualUpload {
		// The package is not visible to the wizard: the checks and the
		// install follow in the browser as well.
		ss := w.st.stage(hc.Stage)
		if err := w.installRulesLocked(hc.Stage); err != nil {
			return err
		}
		ss.Phase = PhasePrepare
		return w.openLocked(offer{action: ManualPrepare, stage: hc.Stage, cause: CauseSourceUnknown, kind: text.KindPrepareInstall})
	}
	return nil
}

// cancelManual withdraws the open hand-over (not a running install).
func (w *Wizard) cancelManual() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	h, err := w.openHandoverLocked()
	if err != nil {
		return err
	}
	if h.Started || h.Kind == text.KindFinishUpgrade {
		return w.refuse("W8", StepInstall, w.tx.HandoverMustFinish())
	}
	act := manualAct(h.Action, h.Stage)
	_ = w.j.Fail(act, "withdrawn by the admin: the wizard does the step")
	for i := len(w.st.Manual) - 1; i >= 0; i-- {
		m := &w.st.Manual[i]
		if m.Action == h.Action && m.Stage == h.Stage && m.State == text.ManualPending {
			m.State, m.Settled = text.ManualCancelled, w.now()
			break
		}
	}
	w.st.Handover = nil
	w.record(stepOfManual(h.Action), h.Stage, "manual_cancelled", facts("action", string(h.Action)))
	return w.saveLocked()
}
