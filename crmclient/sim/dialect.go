package sim

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Dialects of the web pages (Scenario.Dialect).
const (
	// Dialect7x follows the real 7.x source (danmarcomp/iah3): login by
	// the Users/Login form posted to Users/Authenticate, no json.php.
	Dialect7x = "7x"
	// Dialect8x follows what public test suites show of current 1CRM
	// Cloud: login.php, POST json.php?action=login, a CSRF cookie that
	// every POST returns as X-OneCRM-CSRF-Token, an optional captcha.
	// No 8.x markup of the admin pages is public: they stay as in 7x.
	Dialect8x = "8x"
)

// Upgrade flows of upgrade.php (Scenario.UpgradeFlow).
const (
	FlowScript = "script" // each step page ends with a script location
	FlowForm   = "form"   // each step page carries the 7.x "Next" form
	FlowXHR    = "xhr"    // one progress page drives the steps by XHR
)

// csrfHeader is the request header of the 8x double-submit CSRF token.
const csrfHeader = "X-OneCRM-CSRF-Token"

// Dialects lists the dialect names for flags and messages.
func Dialects() []string { return []string{Dialect7x, Dialect8x} }

// UpgradeFlows lists the upgrade.php flow names for flags and messages.
func UpgradeFlows() []string { return []string{FlowScript, FlowForm, FlowXHR} }

func (s *Server) is8x() bool { return s.sc.Dialect == Dialect8x }

// unknownMarkup reports whether the scenario renders this answer in an
// unrecognisable markup (Faults.UnknownMarkup).
func (s *Server) unknownMarkup(page string) bool {
	for _, u := range s.sc.Faults.UnknownMarkup {
		if u == page {
			return true
		}
	}
	return false
}

var markupSwitches = []string{"login", "list", "upload", "prepare", "install", "backup", "backup-page", "upload-form", "download"}

func knownMarkupSwitch(u string) bool {
	for _, m := range markupSwitches {
		if m == u {
			return true
		}
	}
	return false
}

// captchaRule is a parsed LoginSpec.Captcha.
type captchaRule struct {
	always        bool
	afterFailures int // 0 = never (unless always)
}

func parseCaptcha(v string) (captchaRule, error) {
	switch {
	case v == "" || v == "never":
		return captchaRule{}, nil
	case v == "always":
		return captchaRule{always: true}, nil
	case strings.HasPrefix(v, "after_failures:"):
		n, err := strconv.Atoi(strings.TrimPrefix(v, "after_failures:"))
		if err != nil || n < 1 {
			return captchaRule{}, fmt.Errorf("%q: want after_failures:N with N >= 1", v)
		}
		return captchaRule{afterFailures: n}, nil
	}
	return captchaRule{}, fmt.Errorf("%q: want never, always or after_failures:N", v)
}

// captchaShown is whether login.php shows the widget now (8x only).
func (s *Server) captchaShown() bool {
	if !s.is8x() {
		return false
	}
	rule, _ := parseCaptcha(s.sc.Login.Captcha)
	if rule.always {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return rule.afterFailures > 0 && s.captchaFailures >= rule.afterFailures
}

// ensureCSRFCookie gives an 8x client its CSRF cookie on the first answer
// (and again when it comes back with a token this server never issued).
// The cookie name and this double-submit scheme are simulator conventions
// modelled on evidence S6 (header value = cookie value).
func (s *Server) ensureCSRFCookie(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(s.sc.Login.CSRFCookie); err == nil {
		s.mu.Lock()
		ok := s.csrfTokens[c.Value]
		s.mu.Unlock()
		if ok {
			return
		}
	}
	tok := randomHex(20)
	s.mu.Lock()
	s.csrfTokens[tok] = true
	s.mu.Unlock()
	// Not HttpOnly: the page's script reads it to set the header.
	http.SetCookie(w, &http.Cookie{Name: s.sc.Login.CSRFCookie, Value: tok, Path: s.cookiePath(), SameSite: http.SameSiteLaxMode})
}

// csrfHeaderOK is the 8x double-submit check: the header carries the
// value of a CSRF cookie this server issued.
func (s *Server) csrfHeaderOK(r *http.Request) bool {
	c, err := r.Cookie(s.sc.Login.CSRFCookie)
	if err != nil || c.Value == "" {
		return false
	}
	h := r.Header.Get(csrfHeader)
	if subtle.ConstantTimeCompare([]byte(h), []byte(c.Value)) != 1 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.csrfTokens[c.Value]
}

// csrfRefused is the 8x answer to a POST without the header: 403 and a
// short error page (sim wording; the real text is not public).
func (s *Server) csrfRefused(w http.ResponseWriter, r *http.Request) {
	drainBody(r)
	s.mu.Lock()
	s.counters.CSRFRefused++
	s.mu.Unlock()
	s.logf("POST %s refused: no valid %s header", r.URL.Path, csrfHeader)
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(http.StatusForbidden)
	fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head><body>\n"+
		"<h1>Forbidden</h1>\n<p>Invalid or missing security token. Please reload the page and try again.</p>\n</body></html>\n")
}
