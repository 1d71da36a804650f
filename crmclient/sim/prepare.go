package sim

import (
	"net/http"
	"net/url"
	"strings"
)

// prepStep is one prepare_install step result (spec §5.3).
type prepStep struct {
	name, status string // status: success | warning | error
	lines        []string
}

// targetVersion is what /version will report after installing core package p.
func (s *Server) targetVersion(p PackageSpec) string {
	if s.sc.API.VersionShowsBuild {
		return p.Version
	}
	return releaseOf(p.Version)
}

// prepareSteps runs unzipPackage → precopy (patch) → checkSystem →
// checkPermissions, stopping at the first error.
func (s *Server) prepareSteps(se *session, p PackageSpec) []prepStep {
	t := s.tr(se)
	steps := []prepStep{{name: "unzipPackage", status: "success", lines: []string{t.MsgUnzip}}}
	if p.Type == "patch" {
		steps = append(steps, prepStep{name: "precopy", status: "success", lines: []string{t.MsgPrecopy}})
	}
	sys := prepStep{name: "checkSystem", status: "success", lines: []string{t.MsgSystemOK}}
	if isCore(p) {
		// R22: extensions that do not declare the target version warn.
		target := s.targetVersion(p)
		s.mu.Lock()
		for _, ip := range s.installed {
			if isCore(ip.spec) || accepts(ip.spec, target) {
				continue
			}
			if sys.status != "warning" {
				sys.status, sys.lines = "warning", nil // only the warnings then
			}
			sys.lines = append(sys.lines, sprintf(t.MsgExtWarning, ip.spec.Name, ip.spec.Version, target))
		}
		s.mu.Unlock()
	}
	steps = append(steps, sys)
	perm := prepStep{name: "checkPermissions", status: "success", lines: []string{t.MsgPermsOK}}
	if s.sc.Faults.PermissionsError {
		perm.status = "error"
		perm.lines = []string{sprintf(t.MsgPermsError, "modules/Accounts/Account.php, include/utils.php")}
	}
	return append(steps, perm)
}

// confirmed collects confirm=<step,step> (also confirm[] values).
func confirmed(form url.Values) map[string]bool {
	out := map[string]bool{}
	for _, key := range []string{"confirm", "confirm[]"} {
		for _, v := range form[key] {
			for _, n := range strings.Split(v, ",") {
				if n = strings.TrimSpace(n); n != "" {
					out[n] = true
				}
			}
		}
	}
	return out
}

// prepare is perform=prepare_install (spec §5.3).
func (s *Server) prepare(w http.ResponseWriter, se *session, form url.Values) {
	t := s.tr(se)
	source := form.Get("source")
	s.mu.Lock()
	u := s.findUploadedLocked(source)
	var refuse string
	if u != nil {
		if cmp, ok := s.installedCompareLocked(u.spec); ok && cmp <= 0 {
			refuse = t.ErrOutdated
		} else if !accepts(u.spec, s.version) {
			refuse = invalidVersionText(t, u.spec, s.version)
		}
	}
	s.counters.Prepares++
	s.mu.Unlock()
	if u == nil {
		s.renderList(w, se, nil, []string{sprintf(t.ErrNotFound, baseName(source))})
		return
	}
	if refuse != "" {
		s.renderList(w, se, nil, []string{refuse})
		return
	}
	conditions := form.Get("conditions")
	if c := form["conditions[]"]; len(c) > 0 && conditions == "" {
		conditions = strings.Join(c, "|")
	}
	ok := confirmed(form)
	p := s.newPage(se, sprintf(t.PrepareTitle, u.spec.Name, u.spec.Version))
	p.table(t.ColStep, t.ColStatus, t.ColMessage)
	var pending []string
	failed := false
	for _, st := range s.prepareSteps(se, u.spec) {
		label := map[string]string{"success": t.StSuccess, "warning": t.StWarning, "error": t.StError}[st.status]
		p.printf("<tr><td>%s</td><td>%s</td><td>", htmlEscape(st.name), htmlEscape(label))
		for i, l := range st.lines {
			if i > 0 {
				p.raw("<br>\n")
			}
			p.text(l)
		}
		p.raw("</td></tr>\n")
		if st.status == "warning" && !ok[st.name] {
			pending = append(pending, st.name)
		}
		if st.status == "error" {
			failed = true
			break
		}
	}
	p.raw("</table>\n")
	switch {
	case failed:
		p.errs = append(p.errs, t.PrepareFailed)
	case len(pending) > 0:
		p.msgs = append(p.msgs, t.ConfirmWarnings)
		p.formStart("", "module", "UWizard", "action", "index", "perform", "prepare_install", "source", u.source(),
			"conditions", conditions, "confirm", strings.Join(pending, ","))
		p.submit(t.ConfirmButton)
		p.raw("</form>\n")
	default:
		s.mu.Lock()
		u.prepared = true
		s.mu.Unlock()
		p.msgs = append(p.msgs, t.PrepareOK)
		p.formStart("", "module", "UWizard", "action", "index", "perform", "install", "source", u.source(), "conditions", conditions)
		p.submit(t.Proceed)
		p.raw("</form>\n")
	}
	p.printf("<p><a href=\"%s\">%s</a></p>\n", htmlEscape(uwizardURL), htmlEscape(t.Cancel))
	p.write(w)
}
