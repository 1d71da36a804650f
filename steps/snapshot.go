package steps

import (
	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/checklist"
)

// snapshot copies the state for a screen; nothing in it aliases the
// wizard's own data, so the UI may keep it while an action runs.
func (w *Wizard) snapshot() Snapshot {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := Snapshot{Lang: w.tx.Lang(), Next: w.nextLocked(), Insecure: w.cfg.Insecure}
	s.StepN, s.StepOf = w.stepNumberLocked()
	st := w.st
	if st == nil {
		return s
	}
	s.RunID, s.Path, s.Stage, s.Paused, s.Finished = st.RunID, st.Path, st.currentStage(), st.Paused, st.Finished
	s.Insecure = s.Insecure || st.Insecure
	s.Live = w.factsLocked(StageLive)
	s.Test = w.factsLocked(StageTest)
	if st.Preflight != nil {
		p := *st.Preflight
		p.SupportEndText = w.supportEndText(&p)
		p.Verdicts = append([]Verdict(nil), p.Verdicts...)
		s.Preflight = &p
	}
	if st.Package != nil {
		p := *st.Package
		p.Verdicts = append([]Verdict(nil), p.Verdicts...)
		s.Package = &p
	}
	if st.Parity != nil {
		p := *st.Parity
		s.Parity = &p
	}
	if st.StartCheck != nil {
		c := *st.StartCheck
		s.StartCheck = &c
	}
	for _, stg := range []Stage{StageTest, StageLive} {
		if b := st.stage(stg).Backup; b != nil {
			cp := *b
			if b.Entry != nil {
				e := *b.Entry
				cp.Entry = &e
				cp.SizeText = backupSizeText(w.tx, e.Size, e.SizeBytes)
			}
			s.Backups = append(s.Backups, cp)
		}
		if sm := st.stage(stg).Smoke; sm != nil {
			if s.Smoke == nil {
				s.Smoke = map[Stage]*SmokeResult{}
			}
			cp := *sm
			cp.Checks = append([]Check(nil), sm.Checks...)
			s.Smoke[stg] = &cp
		}
	}
	cur := st.stage(st.currentStage())
	s.Phase = cur.Phase
	if s.Phase == "" && s.Next == StepInstall {
		s.Phase = PhaseUpload
	}
	if cur.Prepare != nil {
		p := *cur.Prepare
		s.Prepare = &p
	}
	var l *checklist.List = cur.Checklist
	if l == nil && s.Next == StepChecklist {
		l = w.ensureChecklistLocked(st.currentStage())
	}
	s.Checklist = itemsOf(l)
	s.Countdown = w.countdownLocked()
	s.Restore = w.restoreImpactLocked()
	s.Notices = append([]string(nil), st.Notices...)
	s.Steps = append([]StepRecord(nil), st.Steps...)
	for i := range s.Steps {
		s.Steps[i].Text = describeRecord(w.tx, st, s.Steps[i])
	}
	s.Errors = append([]ErrorRecord(nil), st.Errors...)
	s.Handover = w.handoverViewLocked()
	s.Manual = append([]ManualRecord(nil), st.Manual...)
	s.Pages = append([]PageRecord(nil), st.Pages...)
	s.ReportPath = st.ReportPath
	return s
}

func (w *Wizard) factsLocked(stage Stage) InstanceFacts {
	ss := w.st.stage(stage)
	f := InstanceFacts{
		Connected:     w.connected[stage],
		VersionBefore: ss.VersionBefore,
		VersionAfter:  ss.VersionAfter,
		Edition:       crmEdition(ss.Edition),
		Products:      append([]string(nil), ss.Products...),
		BrowserOnly:   w.browserOnly[stage],
	}
	if stage == StageLive {
		f.URL = w.st.LiveURL
	} else {
		f.URL = w.st.TestURL
	}
	return f
}

func crmEdition(s string) crmclient.Edition { return crmclient.Edition(s) }
