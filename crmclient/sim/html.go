package sim

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"strings"
)

func htmlEscape(s string) string { return html.EscapeString(s) }

// page is one server-rendered page in the 7.x look: a top bar, optional
// output printed before the module title (the Upgrade Wizard's flash
// message box is echoed first), the module title, the body. There are no
// ids or data- attributes beyond those the real templates have: a client
// must find things by headings, classes, labels and field names.
type page struct {
	s       *Server
	sess    *session
	title   string // <title> and the module title
	noTitle bool   // the body renders its own <h2> (prepare, install steps)
	pre     strings.Builder
	errs    []string // <p class="error"> lines under the title
	b       strings.Builder
}

func (s *Server) newPage(sess *session, title string) *page {
	return &page{s: s, sess: sess, title: title}
}

func (p *page) printf(format string, args ...any) { fmt.Fprintf(&p.b, format, args...) }

// text writes escaped text.
func (p *page) text(s string) { p.b.WriteString(htmlEscape(s)) }

func (p *page) raw(s string) { p.b.WriteString(s) }

// formStart opens a POST form to index.php with the given hidden fields
// (name, value pairs) plus the session's hidden CSRF token when the
// scenario uses that (hypothetical) variant.
func (p *page) formStart(enctype string, hidden ...string) {
	p.formStartNamed("", enctype, hidden...)
}

func (p *page) formStartNamed(name, enctype string, hidden ...string) {
	p.raw(`<form method="post" action="index.php"`)
	if name != "" {
		p.printf(` name="%s"`, name)
	}
	if enctype != "" {
		p.printf(` enctype="%s"`, enctype)
	}
	p.raw(">\n")
	for i := 0; i+1 < len(hidden); i += 2 {
		p.hidden(hidden[i], hidden[i+1])
	}
	if p.s.sc.Faults.CSRFToken && p.sess != nil {
		p.hidden(csrfField, p.sess.csrf)
	}
}

func (p *page) hidden(name, value string) {
	p.printf(`<input type="hidden" name="%s" value="%s">`+"\n", htmlEscape(name), htmlEscape(value))
}

// button writes a 1CRM form button: an icon div and a label span.
// typ is submit or button; onclick may be "".
func (p *page) button(typ, class, icon, label, onclick string) {
	p.printf(`<button type="%s" class="%s"`, typ, class)
	if onclick != "" {
		p.printf(` onclick="%s"`, htmlEscape(onclick))
	}
	p.printf(`><div class="input-icon %s left"></div><span class="input-label">%s</span></button>`+"\n", icon, htmlEscape(label))
}

// disableSelf is the 7.x templates' double-click guard.
const disableSelf = "var self=this;setTimeout(function() { self.disabled=true; },50);"

// cancelToList is the 7.x Cancel/Return button's onclick.
const cancelToList = "SUGAR.util.loadUrl('?module=UWizard&action=index');"

// write renders the page with the layout and status 200.
func (p *page) write(w http.ResponseWriter) {
	p.writeStatus(w, http.StatusOK)
}

func (p *page) writeStatus(w http.ResponseWriter, status int) {
	t := p.s.tr(p.sess)
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.Header().Set("Cache-Control", "no-store, no-cache, must-revalidate")
	w.WriteHeader(status)
	lang := p.s.lang(p.sess)
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"UTF-8\">\n<title>1CRM: %s</title>\n", lang, htmlEscape(p.title))
	io.WriteString(w, "<link rel=\"stylesheet\" href=\"themes/Claro/style.css\">\n</head>\n<body>\n")
	io.WriteString(w, "<div class=\"header\">\n<a href=\"index.php?module=Home&amp;action=index\"><img src=\"themes/Claro/images/company_logo.png\" alt=\"1CRM\"></a>\n")
	if p.sess != nil && p.sess.user != nil {
		fmt.Fprintf(w, "<a href=\"index.php?module=Home&amp;action=index\">%s</a> |\n", htmlEscape(t.Home))
		if p.sess.user.Admin {
			fmt.Fprintf(w, "<a href=\"index.php?module=Administration&amp;action=index\">%s</a> |\n", htmlEscape(t.Admin))
		}
		fmt.Fprintf(w, "<span class=\"userName\">%s</span> |\n<a href=\"index.php?module=Users&amp;action=Logout\">%s</a>\n",
			htmlEscape(p.sess.user.UserName), htmlEscape(t.Logout))
	}
	io.WriteString(w, "</div>\n<div class=\"body\">\n")
	io.WriteString(w, p.pre.String())
	if !p.noTitle {
		fmt.Fprintf(w, "<div class=\"moduleTitle\"><h2><div class=\"input-icon theme-icon module-Administration\"></div> %s</h2></div>\n", htmlEscape(p.title))
	}
	for _, e := range p.errs {
		fmt.Fprintf(w, "<p class=\"error\">%s</p>\n", htmlEscape(e))
	}
	io.WriteString(w, p.b.String())
	io.WriteString(w, "\n</div>\n<div class=\"footer\">© 2004-2025 1CRM Corp. All Rights Reserved.</div>\n</body>\n</html>\n")
}

// redirect answers like PHP's header('Location: ...'): a relative Location.
func redirect(w http.ResponseWriter, location string, status int) {
	w.Header().Set("Location", location)
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(status)
}

// bare writes a body without the page layout (what a module prints after
// ob_clean(), or before the layout exists).
func bare(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.Header().Set("Cache-Control", "no-store, no-cache, must-revalidate")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, body)
}

// drainBody reads and discards what is left of the request body, as PHP
// does before a script runs, so the client sees an answer, not a reset.
func drainBody(r *http.Request) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
	}
}

// jsString quotes s for a single-quoted JavaScript string in HTML.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\r", "", "</", `<\/`)
	return r.Replace(s)
}
