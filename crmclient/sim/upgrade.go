package sim

import (
	"net/http"
	"strconv"
)

// serveUpgrade is upgrade.php. The real script is not public (evidence
// §1.7 I2); the simulator offers three ways of advancing
// (Scenario.UpgradeFlow), each one step per request:
//
//   - script: GET upgrade.php runs the step that is due; its page ends with
//     <script>document.location.href='upgrade.php';</script> until the final
//     page, which shows the "Return to Packages List" button instead.
//   - form: the first GET runs step 1; every step page carries the 7.x
//     buttons.tpl "Next" form (POST index.php, module=UWizard, action=index,
//     uw_step, source, perform=install, retry=0) that runs the next step;
//     a failed step shows the Retry form instead. Further GETs only show
//     the last page again.
//   - xhr: GET upgrade.php answers a progress page whose script runs the
//     steps by POST upgrade.php?ajax=1&step=N, each answered with JSON;
//     the page itself has no form, link, location or refresh.
//
// Without an upgrade in progress upgrade.php redirects (302) to the
// Upgrade Wizard list.
func (s *Server) serveUpgrade(w http.ResponseWriter, r *http.Request) {
	se := s.sessionFor(r)
	if se == nil || se.user == nil || !se.user.Admin {
		drainBody(r)
		s.toLogin(w, nil)
		return
	}
	s.touch(se)
	q := r.URL.Query()
	if q.Get("ajax") == "1" {
		s.serveXHRStep(w, r, se)
		return
	}
	drainBody(r)
	if !s.InProgress() {
		redirect(w, uwizardURL, http.StatusFound)
		return
	}
	switch s.sc.UpgradeFlow {
	case FlowXHR:
		s.progressPage(w, se)
	case FlowForm:
		s.mu.Lock()
		shown := s.run.next - 1
		if s.run.failed != 0 {
			shown = s.run.failed
		}
		s.mu.Unlock()
		if shown < 1 {
			s.serveStep(w, se, 1, false, FlowForm)
			return
		}
		s.serveStep(w, se, shown, false, FlowForm)
	default:
		s.serveStep(w, se, 0, false, FlowScript)
	}
}

// serveStep runs (or shows again) step n and renders its page for flow.
func (s *Server) serveStep(w http.ResponseWriter, se *session, n int, retry bool, flow string) {
	res, run, outcome := s.advance(se, n, retry)
	switch outcome {
	case stepNoRun:
		redirect(w, uwizardURL, http.StatusFound)
		return
	case stepStalled:
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(http.StatusOK)
		return
	}
	t := s.tr(se)
	p := s.newPage(se, t.UWTitle)
	p.noTitle = true
	verb := t.Installing
	if run.uninstall {
		verb = t.Uninstalling
	}
	p.printf("<h2>%s %s %s</h2>\n<h3>%s %d: %s</h3>\n\n", htmlEscape(verb), htmlEscape(run.name), htmlEscape(run.version),
		htmlEscape(t.Step), res.n, htmlEscape(res.label))
	writeResultBlock(p, t, res)
	perform := "install"
	if run.uninstall {
		perform = "uninstall"
	}
	switch {
	case res.status == "error":
		// buttons.tpl for a fatal result: Retry the same step.
		p.formStart("", "module", "UWizard", "action", "index", "uw_step", strconv.Itoa(res.n), "source", run.source,
			"perform", perform, "retry", "1")
		p.button("submit", "form-button", "icon-recur", t.Retry, disableSelf)
		p.button("button", "form-button", "icon-cancel", t.Cancel, cancelToList)
		p.raw("</form>\n")
	case res.final:
		p.button("button", "form-button", "icon-return", t.Return, cancelToList)
	case flow == FlowForm:
		p.formStart("", "module", "UWizard", "action", "index", "uw_step", strconv.Itoa(res.n+1), "source", run.source,
			"perform", perform, "retry", "0")
		p.button("submit", "form-button", "icon-accept", t.NextStep, disableSelf)
		p.raw("</form>\n")
	default:
		p.raw("<script>document.location.href='upgrade.php';</script>\n")
	}
	p.write(w)
}

// writeResultBlock is result.tpl: a bordered block with the outcome
// sentence, the step's message and error lines. The list of what the
// step did (its messages, e.g. "Restored system access for users") is
// not in result.tpl; the simulator shows it as one <div> per line.
func writeResultBlock(p *page, t *texts, res stepResult) {
	color, head := "#00EE00", t.StepCompleted
	if res.status != "success" {
		color, head = "#FF0000", t.StepFailed
	}
	p.printf("<div style=\"border: solid 2px %s; padding: 8px; margin: 8px\">\n<h4>%s</h4>\n%s\n", color, htmlEscape(head), htmlEscape(res.message))
	if len(res.errors) > 0 {
		p.raw("<p></p>\n")
		for _, e := range res.errors {
			p.printf("<div>%s</div>\n", htmlEscape(e))
		}
	}
	for _, m := range res.messages {
		p.printf("<div>%s</div>\n", htmlEscape(m))
	}
	p.raw("</div>\n\n")
}

// progressPage is the xhr flow's upgrade.php: a heading, a wait line and
// the script that drives the steps (8x: with the CSRF header).
func (s *Server) progressPage(w http.ResponseWriter, se *session) {
	t := s.tr(se)
	s.mu.Lock()
	run := s.run
	name, version, uninstall := run.name, run.version, run.uninstall
	s.mu.Unlock()
	verb := t.Installing
	if uninstall {
		verb = t.Uninstalling
	}
	p := s.newPage(se, t.UWTitle)
	p.noTitle = true
	p.printf("<h2>%s %s %s</h2>\n<p>%s</p>\n<div class=\"uwProgress\"></div>\n", htmlEscape(verb), htmlEscape(name), htmlEscape(version), htmlEscape(t.PleaseWait))
	p.printf("<script type=\"text/javascript\">\n(function() {\n"+
		"\tvar box = document.querySelector('div.uwProgress');\n"+
		"\tfunction token() { var m = document.cookie.match(/(?:^|; )%s=([^;]*)/); return m ? decodeURIComponent(m[1]) : ''; }\n"+
		"\tfunction step(n) {\n\t\tvar x = new XMLHttpRequest();\n\t\tx.open('POST', 'upgrade.php?ajax=1&step=' + n);\n"+
		"\t\tx.setRequestHeader('%s', token());\n"+
		"\t\tx.onload = function() {\n\t\t\tvar r = JSON.parse(x.responseText);\n"+
		"\t\t\tbox.innerHTML += '<h3>' + r.label + '</h3><p>' + (r.message || '') + '</p>';\n"+
		"\t\t\tif (r.status != 'success') { box.innerHTML += '<p class=\"error\">' + (r.errors || []).join('<br>') + '</p>'; return; }\n"+
		"\t\t\tif (r.next) step(r.next); else SUGAR.util.loadUrl(r.redirect);\n\t\t};\n\t\tx.send('');\n\t}\n"+
		"\tstep(1);\n})();\n</script>\n", s.sc.Login.CSRFCookie, csrfHeader)
	p.write(w)
}

// serveXHRStep is POST upgrade.php?ajax=1&step=N (&retry=1): it runs (or
// reports again) step N and answers JSON: step, label, status, message,
// messages, errors, next (the step to request next; 0 when none), final,
// redirect (the list, once final). Without an upgrade in progress:
// status "none" and the redirect.
func (s *Server) serveXHRStep(w http.ResponseWriter, r *http.Request, se *session) {
	drainBody(r)
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"status": "error", "message": "POST only"})
		return
	}
	q := r.URL.Query()
	n, _ := strconv.Atoi(q.Get("step"))
	if n < 1 {
		n = 1
	}
	res, run, outcome := s.advance(se, n, q.Get("retry") == "1")
	switch outcome {
	case stepNoRun:
		writeJSON(w, http.StatusOK, map[string]any{"status": "none", "redirect": uwizardURL})
		return
	case stepStalled:
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(http.StatusOK)
		return
	}
	out := map[string]any{"step": res.n, "label": res.label, "status": res.status, "message": res.message,
		"messages": nonNil(res.messages), "errors": nonNil(res.errors), "final": res.final, "next": 0}
	if res.status == "success" && !res.final && res.n < len(run.steps) {
		out["next"] = res.n + 1
	}
	if res.final {
		out["redirect"] = uwizardURL
	}
	writeJSON(w, http.StatusOK, out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
