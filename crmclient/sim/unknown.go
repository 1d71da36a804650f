package sim

import "net/http"

// Unrecognisable variants of the answers a client acts on
// (Faults.UnknownMarkup). They stand for a 1CRM version whose markup a
// client was not written for: the server state changes as usual, but the
// page has none of the structure of the real 7.x page, so a client that
// fails closed must stop with its "page not recognised" error instead of
// guessing. Several keep a tempting form or text on purpose.

// unknownLoginBody: a login page built entirely by a script bundle.
func unknownLoginBody(p *page) {
	p.raw("<div class=\"app-root\" role=\"main\"></div>\n" +
		"<script src=\"cache/include/javascript/login.bundle.js\"></script>\n" +
		"<noscript>Please enable JavaScript.</noscript>\n")
}

// unknownUploadAnswer: the upload result as a toast, no message box and
// no package lists.
func unknownUploadAnswer(p *page, msg *flash) {
	kind := "toast-error"
	if msg.ok {
		kind = "toast-ok"
	}
	p.printf("<div class=\"toast %s\">%s</div>\n<div class=\"app-root\"></div>\n", kind, htmlEscape(msg.text))
}

// unknownListLocked: the packages as a plain list without the headings,
// tables and row forms of uploaded.tpl / installed.tpl.
func (s *Server) unknownListLocked(p *page, t *texts) {
	p.raw("<ul class=\"packages\">\n")
	for _, u := range s.uploaded {
		p.printf("<li>%s %s (%s)</li>\n", htmlEscape(u.spec.Name), htmlEscape(u.spec.Version), htmlEscape(t.typeLabel(u.spec.Type)))
	}
	for _, ip := range s.installedNewestFirstLocked() {
		p.printf("<li>%s %s</li>\n", htmlEscape(ip.spec.Name), htmlEscape(ip.spec.Version))
	}
	p.raw("</ul>\n")
}

// unknownPrepare: the step outcomes as list items without step blocks or
// LED classes, and a Proceed form with perform=install even while
// warnings are pending (a client must not take it).
func unknownPrepare(p *page, pr *prepareRender) {
	p.printf("<h2>%s %s</h2>\n<ol class=\"checks\">\n", htmlEscape(pr.name), htmlEscape(pr.version))
	for _, r := range pr.results {
		p.printf("<li>%s — %s</li>\n", htmlEscape(r.label), htmlEscape(r.status))
	}
	p.raw("</ol>\n")
	p.formStart("", "module", "UWizard", "action", "index", "source", pr.source, "perform", "install")
	p.button("submit", "form-button", "icon-accept", pr.t.Proceed, "")
	p.raw("</form>\n")
}

// unknownInstallAnswer: the way on to upgrade.php is assembled by a
// script, so no URL can be read from the page.
func unknownInstallAnswer(p *page) {
	p.raw("<p class=\"notice\">…</p>\n<script>var u = ['upg', 'rade', '.php'].join(''); " +
		"window.setTimeout(function() { window.location.assign(u); }, 100);</script>\n")
}

// unknownBackupAnswer: the run's answer as a message to a parent frame.
func unknownBackupAnswer(w http.ResponseWriter) {
	bare(w, "<script>window.parent.postMessage('backup:finished', '*');</script>\n")
}
