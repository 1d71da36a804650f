package sim

import (
	"fmt"
	"net/http"
	"strings"
)

// phpError is a PHP fatal error: an uncaught exception (class set) or a
// plain fatal (class empty). Paths are relative to the install dir.
type phpError struct {
	class string // "Error", "TypeError", …; "" for a plain fatal error
	msg   string
	file  string
	line  int
	trace []string // frames below the throwing one, "file(line): call"
}

// phpFatal answers a PHP fatal error in the scenario's Faults.PHPFatalStyle:
// by default 500 with PHP's HTML error text (html_errors on, as when a
// shutdown handler sets the status); "display_errors_on" is plain PHP with
// display_errors=On (status 200 plus the text); "display_errors_off" is
// plain PHP with display_errors=Off (500, empty body).
func (s *Server) phpFatal(w http.ResponseWriter, e phpError) {
	status := http.StatusInternalServerError
	switch s.sc.Faults.PHPFatalStyle {
	case "display_errors_off":
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(status)
		return
	case "display_errors_on":
		status = http.StatusOK
	}
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(status)
	fmt.Fprint(w, e.html(s.sc.InstallDir))
}

// html renders the error like PHP 8 with html_errors on: the message is
// HTML-escaped, an uncaught exception carries its stack trace.
func (e phpError) html(installDir string) string {
	dir := strings.TrimRight(installDir, "/") + "/"
	file := dir + e.file
	var b strings.Builder
	if e.class == "" {
		fmt.Fprintf(&b, "<br />\n<b>Fatal error</b>:  %s in <b>%s</b> on line <b>%d</b><br />\n", htmlEscape(e.msg), htmlEscape(file), e.line)
		return b.String()
	}
	fmt.Fprintf(&b, "<br />\n<b>Fatal error</b>:  Uncaught %s: %s in %s:%d\nStack trace:\n", e.class, htmlEscape(e.msg), htmlEscape(file), e.line)
	for i, f := range e.trace {
		fmt.Fprintf(&b, "#%d %s\n", i, htmlEscape(dir+f))
	}
	fmt.Fprintf(&b, "#%d {main}\n  thrown in <b>%s</b> on line <b>%d</b><br />\n", len(e.trace), htmlEscape(file), e.line)
	return b.String()
}
