package sim

import (
	"net/http"
	"net/url"
	"strconv"
)

// installRun is one upgrade.php commit chain (spec §5.4, simulator
// convention): steps advance only when the client requests them.
type installRun struct {
	token   string
	pkg     *uploadedPkg
	steps   []string // step keys
	next    int      // 1-based number of the next step to run
	running bool
	failed  string // error text once failed
	done    bool
	stalled bool // the Faults.InstallStallStep blank page was sent
}

var stepTitles = map[string][2]string{ // key → {en, de}
	"precommit":       {"Running pre-commit hooks", "Pre-Commit-Hooks ausführen"},
	"commit":          {"Copying files and repairing the database", "Dateien kopieren und Datenbank reparieren"},
	"upgrade_history": {"Recording the upgrade history", "Upgrade-Verlauf schreiben"},
	"set_version":     {"Setting the system version", "Systemversion setzen"},
	"postcommit":      {"Running post-commit hooks", "Post-Commit-Hooks ausführen"},
	"cleanup":         {"Cleaning up", "Aufräumen"},
}

func (s *Server) stepTitle(se *session, key string) string {
	if s.lang(se) == "de" {
		return stepTitles[key][1]
	}
	return stepTitles[key][0]
}

// install is perform=install: set upgrade_in_progress and send the browser
// to upgrade.php (spec §5.4).
func (s *Server) install(w http.ResponseWriter, se *session, form url.Values) {
	t := s.tr(se)
	s.mu.Lock()
	u := s.findUploadedLocked(form.Get("source"))
	var refuse string
	switch {
	case u == nil:
		refuse = sprintf(t.ErrNotFound, baseName(form.Get("source")))
	case s.inProgress:
		refuse = t.InProgress
	case !u.prepared:
		refuse = t.ErrNotPrepared
	}
	if refuse != "" {
		s.mu.Unlock()
		s.renderList(w, se, nil, []string{refuse})
		return
	}
	steps := []string{"precommit", "commit", "upgrade_history"}
	if isCore(u.spec) {
		steps = append(steps, "set_version")
	}
	steps = append(steps, "postcommit", "cleanup")
	run := &installRun{token: randomHex(10), pkg: u, steps: steps, next: 1}
	s.runs[run.token] = run
	s.inProgress = true
	s.counters.InstallsStarted++
	s.mu.Unlock()
	s.logf("install of %s started", u.fileName)

	target := "upgrade.php?uw_run=" + run.token
	p := s.newPage(se, sprintf(t.InstallTitle, u.spec.Name, u.spec.Version))
	p.printf("<script type=\"text/javascript\">window.location.href='%s';</script>\n", target)
	p.printf("<p><a href=\"%s\">%s</a></p>\n", htmlEscape(target), htmlEscape(t.InstallLink))
	p.write(w)
}

// serveUpgrade is GET upgrade.php?uw_run=T&step=N: one commit step per
// request, meta refresh to the next, 303 to the list after the last.
func (s *Server) serveUpgrade(w http.ResponseWriter, r *http.Request) {
	se := s.sessionFor(r)
	if se == nil || se.user == nil || !se.user.Admin {
		redirect(w, loginURL, http.StatusFound)
		return
	}
	s.touch(se)
	t := s.tr(se)
	q := r.URL.Query()
	step, err := strconv.Atoi(q.Get("step"))
	if err != nil || step < 1 {
		step = 1
	}
	s.mu.Lock()
	run := s.runs[q.Get("uw_run")]
	if run == nil {
		s.mu.Unlock()
		p := s.newPage(se, t.UWTitle)
		p.errs = append(p.errs, sprintf(t.ErrNotFound, q.Get("uw_run")))
		p.write(w)
		return
	}
	m := len(run.steps)
	switch {
	case run.failed != "":
		msg := run.failed
		s.mu.Unlock()
		s.stepFailedPage(w, se, msg)
		return
	case run.done && step > m:
		s.mu.Unlock()
		redirect(w, uwizardURL, http.StatusSeeOther)
		return
	case step > run.next || step > m:
		// Not there yet: send the client to the step that is due.
		next := run.next
		s.mu.Unlock()
		redirect(w, "upgrade.php?uw_run="+run.token+"&step="+strconv.Itoa(next), http.StatusSeeOther)
		return
	case step < run.next || run.running:
		// Already run (or running): answer again without repeating it.
		s.mu.Unlock()
		s.stepPage(w, se, run, step)
		return
	}
	if s.sc.Faults.InstallStallStep == step && !run.stalled {
		// A blank page (PHP died without output, display_errors off): the
		// client has no refresh or link to follow, the step did not run.
		run.stalled = true
		s.mu.Unlock()
		s.logf("install of %s stalled before step %d", run.pkg.fileName, step)
		s.sleep(s.sc.Timings.InstallStep.D())
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(http.StatusOK)
		return
	}
	run.running = true
	key := run.steps[step-1]
	s.mu.Unlock()

	// The step takes its time whether or not the client waits (like PHP
	// with ignore_user_abort).
	s.sleep(s.sc.Timings.InstallStep.D())

	s.mu.Lock()
	run.running = false
	if s.sc.Faults.InstallFailStep == step {
		run.failed = sprintf(t.StepFailed, step, m, s.stepTitle(se, key),
			"Database error: Table 'upgrade_history' is marked as crashed and should be repaired.")
		s.counters.InstallsFailed++
		msg := run.failed
		s.mu.Unlock()
		s.logf("install of %s failed at step %d", run.pkg.fileName, step)
		s.stepFailedPage(w, se, msg)
		return
	}
	s.applyStepLocked(run, key)
	run.next = step + 1
	s.mu.Unlock()
	s.stepPage(w, se, run, step)
}

// applyStepLocked makes the step's change to the instance (§5.4 table).
func (s *Server) applyStepLocked(run *installRun, key string) {
	u := run.pkg
	switch key {
	case "upgrade_history":
		for i, x := range s.uploaded {
			if x == u {
				s.uploaded = append(s.uploaded[:i], s.uploaded[i+1:]...)
				break
			}
		}
		row := &installedPkg{spec: u.spec, date: s.today().Format("2006-01-02"), source: sourceIfUninstallable(u.spec)}
		for i, ip := range s.installed {
			if ip.spec.ID == u.spec.ID && ip.spec.Type == u.spec.Type {
				s.installed = append(s.installed[:i], s.installed[i+1:]...)
				break
			}
		}
		s.installed = append(s.installed, row)
	case "set_version":
		s.version = s.targetVersion(u.spec)
		s.logf("system version now %s", s.version)
	case "cleanup":
		s.inProgress = false
		run.done = true
		s.updated = true
		s.counters.InstallsFinished++
		s.logf("install of %s finished", u.fileName)
	}
}

func (s *Server) stepPage(w http.ResponseWriter, se *session, run *installRun, step int) {
	t := s.tr(se)
	m := len(run.steps)
	next := "upgrade.php?uw_run=" + run.token + "&step=" + strconv.Itoa(step+1)
	p := s.newPage(se, t.UWTitle)
	p.printf("<meta http-equiv=\"refresh\" content=\"1;url=%s\">\n", htmlEscape(next))
	p.printf("<p>%s</p>\n", htmlEscape(sprintf(t.StepOf, step, m, s.stepTitle(se, run.steps[step-1]))))
	if step == m {
		p.printf("<p>%s</p>\n", htmlEscape(t.Finished))
	}
	p.write(w)
}

func (s *Server) stepFailedPage(w http.ResponseWriter, se *session, msg string) {
	p := s.newPage(se, s.tr(se).UWTitle)
	p.errs = append(p.errs, msg)
	p.write(w)
}
