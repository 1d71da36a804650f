package steps

import (
	"maps"
	"strings"

	"github.com/visual4/1crm-update/steps/journal"
)

// "Start a new run" after a run that left a server action unfinished (W8,
// R10). The old run may have made the backup, uploaded and prepared the
// package, or started (even finished) the install. A new run that ignored
// that would back up a server the old run already changed — a second
// backup of a half-updated system, taken for the one from before — and
// would find the package "installed" while the install was cut. So the new
// run takes over what the old one left behind: the package, the path and
// its decisions, the state of every instance it touched (the backup
// included) and every unconfirmed action, which the new run's Connect then
// reconciles with the server like a resume. The old run is marked as
// continued by the new one and is not offered again.

// leftover is what an unfinished run left on the servers.
type leftover struct {
	j       *journal.Journal
	st      *runState
	pending []journal.Entry         // unconfirmed server actions (not downloads)
	stages  []Stage                 // instances whose state is taken over
	resume  map[Stage]installResume // journaled continuation of a cut install
}

// leftoverLocked reads the latest unfinished run and returns what it left
// on this run's live instance; nil when it left nothing there (then a new
// run simply starts over) or belongs to another instance.
func (w *Wizard) leftoverLocked() *leftover {
	_, j, st, found, err := latestUnfinished(w.store)
	if err != nil || j == nil || !found || st.Schema == 0 {
		return nil
	}
	if !w.cfg.Demo && !SameInstance(st.LiveURL, safeURL(w.cfg.LiveURL)) {
		return nil // another server: its leftovers are not this run's to settle
	}
	return leftoverOf(j, st)
}

// leftoverOf is what the run (j, st) left on its servers, or nil.
func leftoverOf(j *journal.Journal, st *runState) *leftover {
	lo := &leftover{j: j, st: st, resume: map[Stage]installResume{}}
	for _, e := range j.Pending() {
		if e.Action != actDownload {
			lo.pending = append(lo.pending, e)
		}
	}
	for _, s := range []Stage{StageTest, StageLive} {
		if touched(st.stage(s)) || lo.pendingOn(s) {
			lo.stages = append(lo.stages, s)
		}
		var r installResume
		if ok, err := j.Get(installResumeKey(s), &r); ok && err == nil {
			lo.resume[s] = r
		}
	}
	if !lo.leftSomething() {
		return nil
	}
	return lo
}

// touched: the instance was changed by the run (backup, upload, install).
func touched(ss *stageState) bool {
	return ss.BackupDone || ss.Phase != "" && ss.Phase != PhaseUpload
}

func (lo *leftover) pendingOn(s Stage) bool {
	for _, e := range lo.pending {
		if strings.HasSuffix(e.Action, ":"+string(s)) {
			return true
		}
	}
	return false
}

// leftSomething: an unconfirmed action, or an instance that was uploaded
// to or installed on and not tested to the end. A run that only made a
// backup left nothing unfinished: a new run starts over with its own.
func (lo *leftover) leftSomething() bool {
	if len(lo.pending) > 0 {
		return true
	}
	for _, s := range lo.stages {
		ss := lo.st.stage(s)
		if ss.Phase != "" && ss.Phase != PhaseUpload && !ss.ChecklistDone {
			return true
		}
	}
	return false
}

// adoptLocked takes lo over into the new run w.st (just created) and marks
// the old run as continued by this one.
func (w *Wizard) adoptLocked(lo *leftover) {
	st, old := w.st, lo.st
	st.Package = old.Package
	st.Deployment = old.Deployment
	st.CompanyChecklist = old.CompanyChecklist
	st.Path, st.RefreshConfirmed, st.Parity, st.ParityAccepted = old.Path, old.RefreshConfirmed, old.Parity, old.ParityAccepted
	st.TestPassed, st.WentLive = old.TestPassed, old.WentLive
	st.StartCheck, st.TimeGuardPassed, st.GuardPassedAt, st.GuardLevel, st.LateOverride =
		old.StartCheck, old.TimeGuardPassed, old.GuardPassedAt, old.GuardLevel, old.LateOverride
	if old.TestURL != "" && st.TestURL == "" {
		st.TestURL = old.TestURL
	}
	for _, s := range lo.stages {
		*st.stage(s) = *old.stage(s)
	}
	// A step the admin has in the browser stays handed over (issue 10);
	// the pages it kept stay in the old run's folder (its report lists them).
	st.Manual = old.Manual
	if old.Handover != nil {
		h := *old.Handover
		h.Pages = nil
		st.Handover = &h
	}
	items := w.leftoverItems(lo)
	for _, e := range lo.pending {
		data := maps.Clone(e.Data)
		if data == nil {
			data = map[string]string{}
		}
		data["from_run"] = old.RunID
		if err := w.j.Begin(e.Action, data); err != nil {
			continue
		}
		name, s, _ := strings.Cut(e.Action, ":")
		if r, ok := lo.resume[Stage(s)]; ok && name == "install" && r.Seq == e.Seq {
			r.Seq = w.pendingSeqLocked(e.Action)
			_ = w.j.Set(installResumeKey(Stage(s)), r)
		}
	}
	w.reconciled = len(lo.pending) == 0
	st.Notices = append(st.Notices, w.tx.AdoptedRun(old.RunID, old.Started, items))
	w.record(StepConnect, "", "adopted_run", facts("from_run", old.RunID))
	_ = w.j.Event("adopted_run", journalData("from_run", old.RunID, "pending", pendingNames(lo.pending)))
	_ = lo.j.Event("continued_by", journalData("run", st.RunID))
	_ = lo.j.Finish("continued by run " + st.RunID)
}

// leftoverItems words what lo left, for the notice.
func (w *Wizard) leftoverItems(lo *leftover) []string {
	var items []string
	pkg := ""
	if pc := lo.st.Package; pc != nil {
		pkg = strings.TrimSpace(pc.Name + " " + pc.Version)
	}
	for _, s := range lo.stages {
		ss := lo.st.stage(s)
		on := w.tx.StageName(string(s))
		if b := ss.Backup; b != nil && b.Entry != nil {
			items = append(items, w.tx.Leftover("backup", on, b.Entry.Name))
		} else if b != nil && b.Confirmed {
			items = append(items, w.tx.Leftover("backup_confirmed", on, ""))
		}
		switch ss.Phase {
		case PhasePrepare:
			items = append(items, w.tx.Leftover("uploaded", on, pkg))
		case PhaseConfirm, PhaseInstall:
			items = append(items, w.tx.Leftover("prepared", on, pkg))
		case PhaseInstalled:
			if !ss.ChecklistDone {
				items = append(items, w.tx.Leftover("installed", on, pkg))
			}
		}
	}
	for _, e := range lo.pending {
		name, s, _ := strings.Cut(e.Action, ":")
		switch name {
		case "backup":
			name = "backup_started"
		case "prepare_confirm":
			continue // changes nothing lasting on the server (spec §5.3)
		}
		items = append(items, w.tx.Leftover(name, w.tx.StageName(s), pkg))
	}
	return items
}

// pendingSeqLocked is the sequence number of action's pending entry.
func (w *Wizard) pendingSeqLocked(action string) int {
	for _, e := range w.j.Pending() {
		if e.Action == action {
			return e.Seq
		}
	}
	return 0
}

func pendingNames(es []journal.Entry) string {
	var names []string
	for _, e := range es {
		names = append(names, e.Action)
	}
	return strings.Join(names, ",")
}
