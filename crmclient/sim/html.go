package sim

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"strings"
)

func htmlEscape(s string) string { return html.EscapeString(s) }

// page is one server-rendered admin page in the 7.x look: a top bar, a
// module title, a message box, the body. Deliberately no ids or data-
// attributes: the client must find things by headings, labels and form
// field names, as on a real instance (spec §3 "Simulator").
type page struct {
	s     *Server
	sess  *session
	title string
	msgs  []string // informational message box lines
	errs  []string // error message box lines
	b     strings.Builder
}

func (s *Server) newPage(sess *session, title string) *page {
	return &page{s: s, sess: sess, title: title}
}

func (p *page) printf(format string, args ...any) { fmt.Fprintf(&p.b, format, args...) }

// text writes escaped text.
func (p *page) text(s string) { p.b.WriteString(htmlEscape(s)) }

func (p *page) raw(s string) { p.b.WriteString(s) }

// formStart opens a POST form to index.php with the given hidden fields
// (name, value pairs) plus the session's CSRF token when the scenario uses one.
func (p *page) formStart(enctype string, hidden ...string) {
	if enctype != "" {
		p.printf(`<form method="post" action="index.php" enctype="%s">`+"\n", enctype)
	} else {
		p.raw(`<form method="post" action="index.php">` + "\n")
	}
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

func (p *page) submit(label string) {
	p.printf(`<input type="submit" class="button" value="%s">`+"\n", htmlEscape(label))
}

func (p *page) table(headers ...string) {
	p.raw(`<table class="list view" cellpadding="0" cellspacing="0" border="0" width="100%">` + "\n<tr>")
	for _, h := range headers {
		p.printf("<th>%s</th>", htmlEscape(h))
	}
	p.raw("</tr>\n")
}

func (p *page) row(cells ...string) {
	p.raw("<tr>")
	for _, c := range cells {
		p.printf("<td>%s</td>", htmlEscape(c))
	}
	p.raw("</tr>\n")
}

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
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"UTF-8\">\n<title>%s » 1CRM</title>\n", lang, htmlEscape(p.title))
	io.WriteString(w, "<link rel=\"stylesheet\" href=\"themes/Claro/style.css\">\n</head>\n<body>\n")
	io.WriteString(w, "<div class=\"header\">\n<a href=\"index.php?module=Home&amp;action=index\"><img src=\"themes/Claro/images/company_logo.png\" alt=\"1CRM\"></a>\n")
	if p.sess != nil && p.sess.user != nil {
		fmt.Fprintf(w, "<a href=\"index.php?module=Home&amp;action=index\">%s</a> |\n", htmlEscape(t.Home))
		if p.sess.user.Admin {
			fmt.Fprintf(w, "<a href=\"index.php?module=Administration&amp;action=index\">%s</a> |\n", htmlEscape(t.Admin))
		}
		fmt.Fprintf(w, "<span>%s %s</span> |\n<a href=\"index.php?module=Users&amp;action=Logout\">%s</a>\n",
			htmlEscape(t.LoggedInAs), htmlEscape(p.sess.user.UserName), htmlEscape(t.Logout))
	}
	io.WriteString(w, "</div>\n<div class=\"moduleTitle\"><h2>")
	io.WriteString(w, htmlEscape(p.title))
	io.WriteString(w, "</h2></div>\n")
	if len(p.errs) > 0 || len(p.msgs) > 0 {
		io.WriteString(w, "<div class=\"messageBox\">\n")
		for _, e := range p.errs {
			fmt.Fprintf(w, "<p class=\"error\">%s</p>\n", htmlEscape(e))
		}
		for _, m := range p.msgs {
			fmt.Fprintf(w, "<p>%s</p>\n", htmlEscape(m))
		}
		io.WriteString(w, "</div>\n")
	}
	io.WriteString(w, p.b.String())
	io.WriteString(w, "\n<div class=\"footer\">© 2004-2025 1CRM Corp. All Rights Reserved.</div>\n</body>\n</html>\n")
}

// redirect answers like PHP's header('Location: ...'): a relative Location.
func redirect(w http.ResponseWriter, location string, status int) {
	w.Header().Set("Location", location)
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(status)
}

// drainBody reads and discards what is left of the request body, as PHP
// does before a script runs, so the client sees an answer, not a reset.
func drainBody(r *http.Request) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
	}
}
