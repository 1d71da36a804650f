package steps

// The state machine: which step is due follows from the run state alone, so a
// resumed run continues exactly where the journal says it stopped (W8).

// nextOf is the step due for st. connected says whether the instances the
// run needs are connected in this process.
func nextOf(st *runState, liveConnected, testConnected bool) StepID {
	if st == nil {
		return StepConnect
	}
	if st.Finished || st.ProblemsReported {
		return StepDone
	}
	if !liveConnected {
		return StepConnect
	}
	if st.Path == PathA && !st.WentLive && !testConnected {
		return StepConnect
	}
	if st.ProblemsAt != "" {
		return StepProblems // ReportProblem may come at any step (R13, R14)
	}
	if p := st.Preflight; p == nil || p.Blocked || p.NeedsDeployment {
		return StepPreflight // W1, R6: nothing changes while blocked
	}
	if st.Package == nil || !st.Package.OK {
		return StepPackage // W2
	}
	if st.Path == PathNone {
		return StepPath // R7
	}
	switch st.Path {
	case PathA:
		if !st.RefreshConfirmed {
			return StepRefreshRequest // R8
		}
		if st.Parity == nil || (!st.Parity.OK && st.ParityAccepted == "") || (st.Parity.Twin && !st.DistinctConfirmed) {
			return StepParity // W5; R7: a twin of live is asked about first
		}
		if !st.WentLive {
			if s := stageNext(&st.Test, false); s != StepDone {
				return s
			}
			return StepGoLive // R9
		}
		return stageNext(&st.Live, true)
	default: // PathB
		if !st.TimeGuardPassed {
			return StepTimeGuard // W3
		}
		return stageNext(&st.Live, true)
	}
}

// stageNext is the due step inside one stage: backup (when the stage has
// one), install, smoke, checklist; StepDone when the stage is complete.
func stageNext(s *stageState, withBackup bool) StepID {
	if withBackup && !s.BackupDone {
		return StepBackup // R10 (path B), recommended on path A live
	}
	if s.Phase != PhaseInstalled {
		return StepInstall // R21, R22
	}
	if s.Smoke == nil {
		return StepSmoke // W6
	}
	if !s.ChecklistDone {
		return StepChecklist // W7, R23
	}
	return StepDone
}

func (w *Wizard) nextLocked() StepID {
	return nextOf(w.st, w.connected[StageLive], w.connected[StageTest])
}

func (w *Wizard) next() StepID {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.nextLocked()
}

func (w *Wizard) stage() Stage {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st == nil {
		return StageLive
	}
	return w.st.currentStage()
}

type planStep struct {
	step  StepID
	stage Stage
}

// planOf lists the steps of the chosen path in order; before the choice
// only the steps both paths share.
func planOf(st *runState) []planStep {
	head := []planStep{{StepConnect, ""}, {StepPreflight, ""}, {StepPackage, ""}, {StepPath, ""}}
	if st == nil || st.Path == PathNone {
		return head
	}
	path := st.Path
	var rest []planStep
	if path == PathA {
		rest = []planStep{
			{StepRefreshRequest, ""}, {StepParity, ""},
			{StepInstall, StageTest}, {StepSmoke, StageTest}, {StepChecklist, StageTest},
			{StepGoLive, ""},
			{StepBackup, StageLive}, {StepInstall, StageLive}, {StepSmoke, StageLive}, {StepChecklist, StageLive},
		}
	} else {
		rest = []planStep{
			{StepTimeGuard, ""},
			{StepBackup, StageLive}, {StepInstall, StageLive}, {StepSmoke, StageLive}, {StepChecklist, StageLive},
		}
	}
	// The plan ends in one closing step: "done", or "problems" when the
	// run met problems (issue 10: the total must not change in the middle
	// of a run when problems appear — "von 15" stays "von 15").
	return append(append(head, rest...), planStep{StepDone, ""})
}

func (w *Wizard) stepNumber() (int, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stepNumberLocked()
}

// stepNumberLocked is the step's place in the plan and the plan's length.
// Before the path is chosen the length is unknown: the total is 0 ("outside
// the plan", the screens then show "Step 4 — …" without "of"). Counting a
// guessed path instead made the total jump in the trial: "Schritt 4 von
// 15" while a test system was configured, then "Schritt 5 von 10" after
// path B was chosen. Once chosen, the total stays (issue 10).
func (w *Wizard) stepNumberLocked() (int, int) {
	plan := planOf(w.st)
	chosen := w.st != nil && w.st.Path != PathNone
	next := w.nextLocked()
	stage := StageLive
	if w.st != nil {
		stage = w.st.currentStage()
	}
	// A reconnect after a resume is shown at the position the run stopped.
	if next == StepConnect && w.st != nil && w.st.Preflight != nil {
		next = nextOf(w.st, true, true)
	}
	if next == StepProblems || next == StepDone {
		if !chosen {
			return 0, 0 // closing before a path: no place in a plan
		}
		return len(plan), len(plan) // the closing step
	}
	total := len(plan)
	if !chosen {
		total = 0
	}
	for i, p := range plan {
		if p.step == next && (p.stage == "" || p.stage == stage) {
			return i + 1, total
		}
	}
	return 1, total
}
