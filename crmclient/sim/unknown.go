package sim

import (
	"net/http"
	"sort"
	"strings"
)

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

// unknownBackupPage: Backup Management built by a script bundle: the
// settings are no form fields a client can read, the "Perform Backup"
// button posts by script; the history is a plain list that still names
// each backup_YYYYMMDD_HHMMSS.zip with its size.
func unknownBackupPage(p *page, t *texts, backups []backupFile) {
	p.raw("<div class=\"app-root\" data-view=\"backup-settings\"></div>\n" +
		"<script src=\"cache/include/javascript/backup.bundle.js\"></script>\n")
	var names []backupFile
	for _, b := range backups {
		if strings.HasPrefix(b.name, "backup_") {
			names = append(names, b)
		}
	}
	sort.Slice(names, func(i, j int) bool { return names[i].name > names[j].name })
	p.printf("<h4>%s</h4>\n<ul class=\"backups\">\n", htmlEscape(t.BackupHistory))
	for _, b := range names {
		p.printf("<li>%s — %s</li>\n", htmlEscape(b.name), htmlEscape(formatSize(b.size)))
	}
	p.raw("</ul>\n")
}

// unknownUploadForm: "Upload New Package" as a drop zone a script turns
// into the upload (no file input, no form); the lists stay as they are.
func unknownUploadForm(p *page, t *texts) {
	p.printf("<div class=\"dropzone\" data-upload=\"index.php\">%s</div>\n"+
		"<script src=\"cache/include/javascript/upload.bundle.js\"></script>\n", htmlEscape(t.UploadPackage))
}

// unknownDownloadPage: the download link answers a page whose script
// starts the real download (…?start=1), as many portals do; a client
// that expects the ZIP gets HTML.
func unknownDownloadPage(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("<!DOCTYPE html>\n<html><head><title>Download</title></head><body>\n" +
		"<p>Your download will start in a moment.</p>\n<script>window.setTimeout(function() { location.href = '" +
		htmlEscape(name) + "?start=1'; }, 1500);</script>\n</body></html>\n"))
}
