package sim

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// installRun is the one upgrade in progress (config
// site.upgrade_in_progress): UWizard::beginInstall starts it, upgrade.php
// runs one step per request (UWizard::runCommitStep): commit, each
// hooks.commit step, postcommit (if the package has it), cleanup, which
// clears the lock. Steps advance only when requested: a client that stops
// following leaves the install stuck, as a browser tab closed half-way
// would.
type installRun struct {
	pkg       *uploadedPkg  // install
	inst      *installedPkg // uninstall
	uninstall bool
	name      string
	version   string
	source    string
	steps     []string // commit | hook:<name> | postcommit | cleanup | remove
	next      int      // 1-based number of the next step to run
	failed    int      // step that failed last; 0 = none
	done      bool
	stalled   bool // the Faults.InstallStallStep blank answer was sent
	results   map[int]stepResult
}

// stepResult is what one upgrade.php step reports.
type stepResult struct {
	n                int
	label, status    string // success | error
	message          string
	messages, errors []string
	final            bool
}

// installPost is perform=install: the "Next"/"Retry" form of the form flow
// (uw_step posted while an install is in progress) runs a step; anything
// else is UWizard::beginInstall.
func (s *Server) installPost(w http.ResponseWriter, se *session, form url.Values) {
	if _, ok := form["uw_step"]; ok && s.InProgress() {
		n, _ := strconv.Atoi(form.Get("uw_step"))
		s.serveStep(w, se, n, form.Get("retry") == "1", FlowForm)
		return
	}
	s.beginRun(w, se, form.Get("source"), false)
}

// beginRun is UWizard::beginInstall / beginUninstall: it sets the lock and
// answers LBL_UPGRADE_REDIRECT with a script that loads upgrade.php. A
// second start while one runs is answered the same way and counted
// (the real beginInstall overwrites the upgrade status; the simulator
// keeps the run and only counts the extra start).
func (s *Server) beginRun(w http.ResponseWriter, se *session, source string, uninstall bool) {
	t := s.tr(se)
	s.mu.Lock()
	if s.run != nil && s.inProgress {
		if !uninstall {
			s.counters.InstallsStarted++
		}
		s.logf("install started again while one is in progress")
	} else {
		run := s.newRunLocked(se, source, uninstall)
		if run == nil {
			s.mu.Unlock()
			s.renderList(w, se, nil)
			return
		}
		s.run, s.inProgress = run, true
		if !uninstall {
			s.counters.InstallsStarted++
			if !se.prepared[source] {
				s.counters.InstallsUnprepared++
			}
		}
		s.logf("%s of %s started", map[bool]string{false: "install", true: "uninstall"}[uninstall], run.name)
	}
	s.mu.Unlock()
	p := s.newPage(se, t.UWTitle)
	p.noTitle = true
	if s.unknownMarkup("install") {
		unknownInstallAnswer(p)
	} else {
		p.text(t.UpgradeRedirect)
		p.raw("<script>document.location.href='upgrade.php';</script>")
	}
	p.write(w)
}

// newRunLocked builds the step list of an (un)install of source.
func (s *Server) newRunLocked(se *session, source string, uninstall bool) *installRun {
	run := &installRun{uninstall: uninstall, source: source, next: 1, results: map[int]stepResult{}}
	var spec PackageSpec
	if uninstall {
		ip := s.installedBySourceLocked(source)
		if ip == nil {
			return nil
		}
		run.inst, spec = ip, ip.spec
		run.steps = []string{"remove", "cleanup"}
	} else {
		u := s.findUploadedLocked(source)
		if u == nil {
			return nil
		}
		run.pkg, spec = u, u.spec
		run.steps = []string{"commit"}
		for _, h := range spec.CommitHooks {
			run.steps = append(run.steps, "hook:"+h)
		}
		if spec.PostCommit {
			run.steps = append(run.steps, "postcommit")
		}
		run.steps = append(run.steps, "cleanup")
	}
	run.name, run.version = spec.Name, spec.Version
	return run
}

// stepOutcome is what serving a step request found.
type stepOutcome int

const (
	stepRan     stepOutcome = iota // res is the step just run (or shown again)
	stepNoRun                      // no upgrade in progress
	stepStalled                    // the stall fault: nothing ran, blank answer
)

// advance runs upgrade.php step want (0 = the step that is due) unless it
// already ran: an earlier step is shown again, a failed step only runs
// again on retry. Steps never run concurrently or out of order.
func (s *Server) advance(se *session, want int, retry bool) (stepResult, *installRun, stepOutcome) {
	s.stepMu.Lock()
	defer s.stepMu.Unlock()
	s.mu.Lock()
	run := s.run
	if run == nil {
		s.mu.Unlock()
		return stepResult{}, nil, stepNoRun
	}
	if want <= 0 || want > run.next {
		want = run.next
	}
	switch {
	case run.done:
		res := run.results[len(run.steps)]
		s.mu.Unlock()
		return res, run, stepRan
	case run.failed != 0 && !(retry && want == run.failed):
		res := run.results[run.failed]
		s.mu.Unlock()
		return res, run, stepRan
	case want < run.next:
		res := run.results[want]
		s.mu.Unlock()
		return res, run, stepRan
	case s.lostAt(want):
		// The server restarted from before the install (stall.go).
		s.inProgress, s.run = false, nil
		s.mu.Unlock()
		s.logf("the server lost the install of %s before step %d", run.name, want)
		return stepResult{}, nil, stepNoRun
	case s.hangAt(want):
		s.mu.Unlock()
		if !s.hang(run.name, want) {
			return stepResult{}, run, stepStalled // closed while hanging
		}
		s.mu.Lock()
		if s.run != run {
			s.mu.Unlock()
			return stepResult{}, nil, stepNoRun
		}
		s.mu.Unlock()
		return s.runStep(se, run, want)
	case s.sc.Faults.InstallStallStep == want && !run.stalled:
		// PHP died without output (display_errors off): nothing ran and
		// the client has nowhere to go.
		run.stalled = true
		s.mu.Unlock()
		s.logf("install of %s stalled before step %d", run.name, want)
		s.sleep(s.sc.Timings.InstallStep.D())
		return stepResult{}, run, stepStalled
	}
	s.mu.Unlock()
	return s.runStep(se, run, want)
}

// runStep runs step want of run (the caller holds stepMu, not mu).
func (s *Server) runStep(se *session, run *installRun, want int) (stepResult, *installRun, stepOutcome) {
	s.mu.Lock()
	key := run.steps[want-1]
	s.mu.Unlock()

	// The step takes its time whether or not the client waits (like PHP
	// with ignore_user_abort).
	s.sleep(s.sc.Timings.InstallStep.D())

	s.mu.Lock()
	defer s.mu.Unlock()
	res := s.applyStepLocked(se, run, want, key)
	run.results[want] = res
	if res.status == "error" {
		run.failed = want
		if !run.uninstall {
			s.counters.InstallsFailed++
		}
		s.logf("%s failed at step %d", run.name, want)
		return res, run, stepRan
	}
	run.failed = 0
	run.next = want + 1
	return res, run, stepRan
}

// applyStepLocked makes the step's change to the instance (spec §5.4).
func (s *Server) applyStepLocked(se *session, run *installRun, n int, key string) stepResult {
	t := s.tr(se)
	res := stepResult{n: n, status: "success"}
	fail := s.sc.Faults.InstallFailStep == n
	switch {
	case key == "commit":
		res.label = t.StepCommit
		if fail {
			dir := strings.TrimRight(s.sc.InstallDir, "/")
			res.status = "error"
			res.errors = []string{strings.NewReplacer("{FROM}", "modules/Accounts/Account.php", "{TO}", "modules/Accounts/Account.php").Replace(t.CantCopy) +
				" (" + dir + "/modules/Accounts/Account.php: Permission denied)"}
			return res
		}
		res.messages = s.commitLocked(t, se, run)
	case strings.HasPrefix(key, "hook:"):
		res.label = hookLabel(strings.TrimPrefix(key, "hook:"))
	case key == "postcommit":
		res.label = hookLabel("postcommit")
	case key == "remove":
		res.label = t.Uninstalling
		res.messages = s.removeLocked(t, run)
	case key == "cleanup":
		res.label = t.StepCleanup
		res.messages = []string{t.RemovedTemp}
		if !run.uninstall && !run.pkg.spec.Uninstallable {
			res.messages = append(res.messages, t.RemovedPackage)
		}
		res.messages = append(res.messages, t.RestoredAccess)
		res.final = true
	}
	if fail {
		res.status = "error"
		res.messages = nil
		res.errors = []string{"Database error: Table 'upgrade_history' is marked as crashed and should be repaired."}
		return res
	}
	if key == "cleanup" {
		s.inProgress = false
		run.done = true
		if run.uninstall {
			s.counters.Uninstalls++
		} else {
			s.updated = true
			s.counters.InstallsFinished++
		}
		s.logf("%s of %s finished", map[bool]string{false: "install", true: "uninstall"}[run.uninstall], run.name)
	}
	return res
}

// commitLocked is UWizard::commit: copy the files (with the conditional
// parts the session asked for), reset caches, repair the database,
// record the history row and, for a core patch, set the system version.
func (s *Server) commitLocked(t *texts, se *session, run *installRun) []string {
	u := run.pkg
	for i, x := range s.uploaded {
		if x == u {
			s.uploaded = append(s.uploaded[:i], s.uploaded[i+1:]...)
			break
		}
	}
	var conds []string
	for _, c := range se.conditions {
		if contains(conditionsOf(u.spec), c) {
			conds = append(conds, c)
		}
	}
	row := &installedPkg{spec: u.spec, date: s.today().Format("2006-01-02"), source: sourceIfUninstallable(u.spec), conditions: conds}
	if !isCore(u.spec) {
		for i, ip := range s.installed {
			if ip.spec.ID == u.spec.ID && ip.spec.Type == u.spec.Type {
				s.installed = append(s.installed[:i], s.installed[i+1:]...)
				break
			}
		}
	}
	s.installed = append(s.installed, row)
	msgs := []string{t.CopiedFiles}
	if u.spec.Type == "langpack" {
		msgs = append(msgs, t.ResetLang)
	} else {
		msgs = append(msgs, t.ResetCache, t.ResetLang)
		if u.spec.Type == "module" || u.spec.Type == "patch" || u.spec.Type == "pers_pack" {
			msgs = append(msgs, t.RepairedDB)
		}
	}
	msgs = append(msgs, t.RecordedHistory)
	if isCore(u.spec) {
		s.version = s.targetVersion(u.spec)
		msgs = append(msgs, t.UpdatedVersion)
		s.logf("system version now %s", s.version)
	}
	return msgs
}

// removeLocked is UWizard::remove: restore the backed-up files, delete the
// history row.
func (s *Server) removeLocked(t *texts, run *installRun) []string {
	for i, ip := range s.installed {
		if ip == run.inst {
			s.installed = append(s.installed[:i], s.installed[i+1:]...)
			break
		}
	}
	return []string{t.RestoredFilesBackup, t.RemovedHistory, t.ResetCache, t.ResetLang}
}
