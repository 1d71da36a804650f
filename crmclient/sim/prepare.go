package sim

import (
	"net/http"
	"net/url"
	"strings"
)

// prepStep is one step result of UWizard::prepareInstall (7.x
// UWizard.php): status success | warning | error.
type prepStep struct {
	step, label, status string
	message             string
	noDefaultMessage    bool // precopy: no LBL_STEP_WARNINGS line
	retry               bool // a warning offers "Re-check"
	errors              []string
	messages            []sysMessage
}

// sysMessage is one row of a step's messages table (name, message).
type sysMessage struct {
	name, level, message, ext string // level info | warning | error
}

// targetVersion is what /version will report after installing core package p.
func (s *Server) targetVersion(p PackageSpec) string {
	if s.sc.API.VersionShowsBuild {
		return p.Version
	}
	return releaseOf(p.Version)
}

// prepareStepNames is getPrepareSteps: unzipPackage; precopy for a patch
// with early files unless "precopy" is in the posted confirm list;
// checkSystem for module, patch and pers_pack; checkPermissions.
func prepareStepNames(p PackageSpec, confirm []string, uninstall bool) []string {
	if uninstall {
		return []string{"unzipPackage", "checkRemovePermissions"}
	}
	steps := []string{"unzipPackage"}
	if p.Type == "patch" && p.Precopy && !contains(confirm, "precopy") {
		steps = append(steps, "precopy")
	}
	if p.Type == "pers_pack" || p.Type == "patch" || p.Type == "module" {
		steps = append(steps, "checkSystem")
	}
	return append(steps, "checkPermissions")
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// runPrepareStep produces one step's result.
func (s *Server) runPrepareStep(t *texts, name string, p PackageSpec) prepStep {
	switch name {
	case "unzipPackage":
		return prepStep{step: name, label: t.StepUnzip, status: "success", message: t.Unzipped}
	case "precopy":
		// UWizard::precopy copies the early files and forces a reload:
		// a warning without Re-check whose Proceed restarts the prepare.
		s.mu.Lock()
		s.counters.Precopies++
		s.mu.Unlock()
		return prepStep{step: name, label: t.StepPrecopy, status: "warning", noDefaultMessage: true, message: t.PrecopyOK}
	case "checkSystem":
		return s.checkSystem(t, p)
	case "checkRemovePermissions":
		return prepStep{step: name, label: t.StepCheckRemovePermissions, status: "success", message: t.PermissionsOK}
	}
	st := prepStep{step: name, label: t.StepCheckPermissions, status: "success", message: t.PermissionsOK}
	if s.sc.Faults.PermissionsError {
		dir := strings.TrimRight(s.sc.InstallDir, "/") + "/"
		st.status, st.message = "error", ""
		st.errors = []string{t.ErrNotWritable + " (" + dir + "modules/Accounts/Account.php)",
			t.ErrNotWritable + " (" + dir + "include/utils.php)"}
	}
	return st
}

// checkSystem is UWizard::checkSystem: a messages table of PHP and server
// checks (names and messages are simulator wording: the installer
// strings are not public). For a core patch the simulator adds one
// warning row per installed extension whose manifest does not accept the
// target version (R22), which makes the step a warning.
func (s *Server) checkSystem(t *texts, p PackageSpec) prepStep {
	ok := func(name, msg string) sysMessage { return sysMessage{name: name, level: "info", message: msg} }
	msgs := []sysMessage{
		ok("PHP Version", "OK (ver 8.1.27)"), ok("MySQL Database", "OK"), ok("XML Parsing", "OK"),
		ok("cURL Library", "OK"), ok("MB Strings Module", "OK"), ok("ZLIB Compression Module", "OK"),
		ok("ZIP Handling Module", "OK"), ok("IMAP Module", "OK"), ok("SOAP Module", "OK"), ok("DOM Module", "OK"),
		ok("GD Graphics Library", "OK"),
		{name: "Writable Configuration File", level: "info", message: "OK", ext: strings.TrimRight(s.sc.InstallDir, "/") + "/config.php"},
		ok("PHP Memory Limit >= 120M", "OK (512M)"), ok("External Cache", "OK (apcu)"),
	}
	level := "success"
	if isCore(p) {
		target := s.targetVersion(p)
		s.mu.Lock()
		for _, ip := range s.installed {
			if isCore(ip.spec) || ip.spec.Type == "patch" || accepts(ip.spec, target) {
				continue
			}
			level = "warning"
			msgs = append(msgs, sysMessage{name: ip.spec.Name, level: "warning",
				message: sprintf(t.ExtWarning, ip.spec.Name, ip.spec.Version, target)})
		}
		s.mu.Unlock()
	}
	st := prepStep{step: "checkSystem", label: t.StepCheckSystem, status: level, messages: msgs, message: t.CheckSysOK}
	if level == "warning" {
		st.message, st.retry = t.CheckSysWarn, true
	}
	return st
}

// confirmList is UWizard's constructor: array_filter(explode(',', $confirm)).
func confirmList(v string) []string {
	var out []string
	for _, n := range strings.Split(v, ",") {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// prepare is perform=prepare_install (or prepare_uninstall): 7.x
// UWizard::prepareInstall. The posted conditions replace the session's;
// steps in the posted confirm list are remembered as confirmed for this
// package until the list page is shown; a confirmed warning counts as
// success; the steps stop at the first non-success.
func (s *Server) prepare(w http.ResponseWriter, se *session, form url.Values, uninstall bool) {
	t := s.tr(se)
	source := form.Get("source")
	confirm := confirmList(form.Get("confirm"))
	s.mu.Lock()
	s.counters.Prepares++
	var spec PackageSpec
	outdated := false
	if uninstall {
		ip := s.installedBySourceLocked(source)
		if ip == nil {
			s.mu.Unlock()
			s.renderList(w, se, nil)
			return
		}
		spec = ip.spec
	} else {
		se.conditions = nil
		for _, c := range strings.Split(form.Get("conditions"), "|") {
			if c != "" {
				se.conditions = append(se.conditions, c)
			}
		}
		u := s.findUploadedLocked(source)
		if u == nil {
			s.mu.Unlock()
			s.renderList(w, se, nil)
			return
		}
		spec = u.spec
		cmp, ok := s.installedCompareLocked(spec)
		outdated = ok && cmp <= 0
	}
	s.mu.Unlock()
	if outdated {
		// UWizardError ERR_OUTDATED escapes prepareInstall; how 1CRM shows
		// it is not public: a page with the text.
		p := s.newPage(se, t.UWTitle)
		p.errs = append(p.errs, t.ErrOutdated)
		p.write(w)
		return
	}
	var results []prepStep
	for _, name := range prepareStepNames(spec, confirm, uninstall) {
		st := s.runPrepareStep(t, name, spec)
		if st.status == "warning" {
			s.mu.Lock()
			if contains(confirm, name) {
				if se.confirmed[source] == nil {
					se.confirmed[source] = map[string]bool{}
				}
				se.confirmed[source][name] = true
			}
			if se.confirmed[source][name] {
				st.status = "success"
			}
			s.mu.Unlock()
		}
		results = append(results, st)
		if st.status != "success" {
			break
		}
	}
	finished := len(results) > 0 && results[len(results)-1].status == "success"
	s.mu.Lock()
	se.prepared[source] = finished
	conditions := strings.Join(se.conditions, "|")
	s.mu.Unlock()
	pr := prepareRender{t: t, name: spec.Name, version: spec.Version, source: source, uninstall: uninstall,
		finished: finished, confirm: strings.Join(confirm, ","), conditions: conditions, results: results}
	p := s.newPage(se, t.UWTitle)
	p.noTitle = true
	if s.unknownMarkup("prepare") {
		unknownPrepare(p, &pr)
	} else {
		pr.render(p)
	}
	p.write(w)
}

// prepareRender holds what prepareResult.tpl shows.
type prepareRender struct {
	t                     *texts
	name, version, source string
	uninstall, finished   bool
	confirm, conditions   string
	results               []prepStep
}

var (
	stepLEDs   = map[string]string{"success": "icon-ledgreen", "warning": "icon-ledyellow", "error": "icon-ledred"}
	stepColors = map[string]string{"info": "#0c0", "success": "#0c0", "warning": "#009", "error": "#c00"}
)

// render is prepareResult.tpl: the heading, the finished form (top and
// bottom, perform=install) only when the last step succeeded, and one
// bordered block per step; the last block carries the warning form
// (perform=prepare_install, confirm, Proceed appending the step by
// script) or the Retry form.
func (pr *prepareRender) render(p *page) {
	t := pr.t
	title := t.PreparingInstall
	if pr.uninstall {
		title = t.PreparingUninstall
	}
	p.printf("<h2><div class=\"input-icon theme-icon module-Administration\"></div> %s: %s %s</h2>\n\n",
		htmlEscape(title), htmlEscape(pr.name), htmlEscape(pr.version))
	if pr.finished {
		pr.finishedForm(p)
	}
	for i, r := range pr.results {
		final := i == len(pr.results)-1
		border := "#999"
		if r.status != "success" {
			border = stepColors[r.status]
		}
		p.printf("\t<div style=\"border: solid 2px %s; padding: 8px; margin: 8px 0\">\n", border)
		p.printf("\t\t<h4><div class=\"input-icon %s\"></div> %s %d: %s</h4>\n", stepLEDs[r.status], htmlEscape(t.Step), i+1, htmlEscape(r.label))
		if r.status == "success" {
			msg := r.message
			if msg == "" {
				msg = t.StepCompleted
			}
			p.printf("\t\t<p>%s</p>\n", htmlEscape(msg))
		} else {
			if !r.noDefaultMessage {
				line := t.StepFailed
				if r.status == "warning" {
					line = t.StepWarnings
				}
				p.printf("\t\t<p>%s</p>\n", htmlEscape(line))
			}
			p.printf("\t\t<p>%s</p><p></p>\n", htmlEscape(r.message))
			for _, e := range r.errors {
				p.printf("\t\t<div>%s</div>\n", htmlEscape(e))
			}
		}
		if len(r.messages) > 0 {
			writeMessagesTable(p, r.messages)
		}
		if final {
			pr.finalBlock(p, r)
		}
		p.raw("\t</div>\n")
	}
	if pr.finished {
		pr.finishedForm(p)
	}
}

func writeMessagesTable(p *page, msgs []sysMessage) {
	p.raw("\t\t\t<table class=\"tabDetailView\" width=\"700\" cellspacing=0>\n\t\t\t<tbody>\n")
	for _, m := range msgs {
		name := htmlEscape(m.name)
		if m.ext != "" && m.level != "info" {
			name += " (" + htmlEscape(m.ext) + ")"
		}
		p.printf("\t\t\t\t\t<tr>\n\t\t\t\t\t\t<td width=\"50%%\" class=\"tabDetailViewDL\" style=\"text-align: left\">\n\t\t\t\t\t\t\t%s\n\t\t\t\t\t\t</td>\n"+
			"\t\t\t\t\t\t<td width=\"50%%\" class=\"tabDetailViewDF\">\n\t\t\t\t\t\t\t<span style=\"color: %s\">\n\t\t\t\t\t\t\t%s\n\t\t\t\t\t\t\t</span>\n\t\t\t\t\t\t</td>\n\t\t\t\t\t</tr>\n",
			name, stepColors[m.level], htmlEscape(m.message))
	}
	p.raw("\t\t\t</tbody>\n\t\t\t</table>\n")
}

// finishedForm is the Proceed form that starts the (un)install.
func (pr *prepareRender) finishedForm(p *page) {
	perform := "install"
	if pr.uninstall {
		perform = "uninstall"
	}
	p.raw("<div style=\"margin: 8px 0\">\n")
	p.formStart("", "module", "UWizard", "action", "index", "source", pr.source, "perform", perform)
	p.button("submit", "form-button", "icon-accept", pr.t.Proceed, "")
	p.button("button", "form-button", "icon-cancel", pr.t.Cancel, cancelToList)
	p.raw("</form>\n</div>\n")
}

// finalBlock ends the last step's block: the ready sentence, or the
// Retry form (error), or the warning form (warning).
func (pr *prepareRender) finalBlock(p *page, r prepStep) {
	t := pr.t
	action := "prepare_install"
	if pr.uninstall {
		action = "prepare_uninstall"
	}
	switch r.status {
	case "success":
		line := t.PreparedInstall
		if pr.uninstall {
			line = t.PreparedUninstall
		}
		p.printf("\t\t<p><b>%s</b></p>\n", htmlEscape(line))
	case "error":
		p.raw("\t\t<div style=\"margin-top: 0.5em\">\n")
		p.formStart("", "module", "UWizard", "action", "index", "source", pr.source, "perform", action,
			"confirm", pr.confirm, "conditions", pr.conditions)
		p.button("submit", "form-button", "icon-recur", t.Retry, disableSelf)
		p.button("button", "form-button", "icon-cancel", t.Cancel, cancelToList)
		p.raw("</form>\n\t\t</div>\n")
	case "warning":
		p.raw("\t\t<div style=\"margin-top: 0.5em\">\n")
		p.formStart("", "module", "UWizard", "action", "index", "source", pr.source, "perform", action, "confirm", pr.confirm)
		if r.retry {
			p.button("submit", "form-button", "icon-recur", t.Recheck, disableSelf)
		}
		p.button("button", "form-button", "icon-accept", t.Proceed,
			"this.form.confirm.value += ',"+jsString(r.step)+"';"+disableSelf+"this.form.submit();")
		p.button("button", "form-button", "icon-cancel", t.Cancel, cancelToList)
		p.raw("</form>\n\t\t</div>\n")
	}
}
