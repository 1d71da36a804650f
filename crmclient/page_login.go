package crmclient

import (
	"encoding/json"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Login pages and answers (spec §2 as corrected, evidence §1.2): the only
// place that knows their shape.
//
//   - 7.x: GET index.php?module=Users&action=Login shows a form with
//     user_name, user_password and the hidden module=Users,
//     action=Authenticate, return_module, return_action (modules/Users/
//     Login.php). Its form POST is the no-JS route; Authenticate.php
//     answers "Location: index.php" for a wrong password AND for a right
//     one, and adds ?module=<login_module>&action=<login_action> only when
//     the login succeeded and login_module was posted. So success is
//     proven only by that module coming back.
//   - current 1CRM (8.x Cloud): the login page is login.php (same field
//     names), browsers log in by POST json.php?action=login answering
//     {"result":"ok",…} or a failure, a CSRF token travels as a cookie and
//     comes back in the X-OneCRM-CSRF-Token header, and the page may show
//     an "I'm a human" widget (id="cap").

// loginTarget is the admin page every login asks to be sent to; a form
// login succeeded only when the answer's Location names this module.
const (
	loginModule = "Administration"
	loginAction = "index"
	// loginLanguage makes 1CRM answer in English, so that the English
	// texts the client knows apply whatever the instance's default is.
	loginLanguage = "en_us"
)

// adminIndexQuery is the admin page read after a login to confirm that
// the session is an administrator's (7.x modules/Administration/index.php:
// non-admins get "Unauthorized access to administration.").
const adminIndexQuery = "module=Administration&action=index"

// loginForm returns the form holding the password field, with all its
// hidden inputs copied.
func loginForm(p *page) (*form, error) {
	pw := p.doc.Find(`input[name="user_password"]`).First()
	if pw.Length() == 0 {
		return nil, changedOrServerError(p, "login", `input name="user_password"`)
	}
	fs := pw.Closest("form")
	if fs.Length() == 0 {
		return nil, &PageChangedError{Page: "login", Missing: []string{"login <form>"}}
	}
	f := readForm(p, fs, false)
	if f.action == nil || !strings.EqualFold(path.Base(f.action.Path), "index.php") {
		// module=Users, action=Authenticate is handled by index.php (7.x);
		// a login.php form, or one without an action (scripted, as on
		// current 1CRM), is sent there.
		u, _ := url.Parse(p.url.String())
		u.RawQuery, u.Fragment = "", ""
		u.Path = path.Join(path.Dir(u.Path), "index.php")
		f.action = u
	}
	return f, nil
}

// fillLoginForm sets what a form login posts: the credentials, the
// Authenticate routing, English as the session language and the admin
// page as the target. js_enabled is dropped: a false value sends 7.x to
// Home/JSDisabled instead of the target.
func fillLoginForm(f *form, user, password string) {
	f.set("module", "Users")
	f.set("action", "Authenticate")
	f.set("user_name", user)
	f.set("user_password", password)
	f.set("login_language", loginLanguage)
	f.set("login_module", loginModule)
	f.set("login_action", loginAction)
	f.del("login_record")
	f.del("js_enabled")
}

// hasCaptcha: the login page shows the "I'm a human" widget (an element
// with id="cap", evidence L8).
func hasCaptcha(p *page) bool {
	return p.doc.Find(`[id="cap"]`).Length() > 0
}

// formLoginVerdict judges the answer to the login form POST. Success is a
// redirect whose query names module=Administration (what was posted as
// login_module); a redirect to plain index.php, to the login page, or the
// login form again is a refused login. Anything else is not understood.
type formLoginVerdict int

const (
	formLoginUnknown formLoginVerdict = iota
	formLoginOK
	formLoginRefused
	formLoginLocked // sent to upgrade.php: an upgrade is in progress
)

func judgeFormLogin(action *url.URL, resp *page, loc string) (formLoginVerdict, *url.URL) {
	if loc != "" {
		next, err := action.Parse(loc)
		if err != nil {
			return formLoginUnknown, nil
		}
		switch {
		case strings.EqualFold(next.Query().Get("module"), loginModule):
			return formLoginOK, next
		case strings.EqualFold(path.Base(next.Path), "upgrade.php"):
			return formLoginLocked, next
		case isLoginURL(next), next.Query().Get("module") == "" && isEntryPage(next):
			return formLoginRefused, next
		}
		return formLoginUnknown, next
	}
	if resp != nil && resp.isLoginPage() {
		return formLoginRefused, nil
	}
	return formLoginUnknown, nil
}

// isEntryPage: index.php (or the directory itself) of the instance.
func isEntryPage(u *url.URL) bool {
	b := strings.ToLower(path.Base(u.Path))
	return b == "index.php" || strings.HasSuffix(u.Path, "/") || b == "." || b == ""
}

// loginMessage is the error text a login page shows after a refused
// attempt (7.x: the span of id error_message in the error row; any
// element whose class says error otherwise), "" when none.
func loginMessage(p *page) string {
	if p == nil {
		return ""
	}
	var out string
	p.doc.Find(`[id="error_message"], .error, .login-error, .loginError`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if t := clean(s); t != "" {
			out = t
			return false
		}
		return true
	})
	return capMessage(out)
}

// lockedText: a login refused because an upgrade is in progress (wording
// unknown for 1CRM; English and German guesses).
func lockedText(msg string) bool {
	return containsAny(msg, "upgrade in progress", "upgrade is in progress", "update in progress",
		"update is in progress", "installation in progress", "being upgraded", "being updated",
		"aktualisierung läuft", "update läuft", "upgrade läuft", "wird aktualisiert", "wartungsarbeiten")
}

// jsonLogin is the answer of POST json.php?action=login: {"result":"ok",
// "json_session_id", "user_id", "session_name", "redirect"} on success;
// on failure result is something else and message says why (the 7.x
// script shows row.message).
type jsonLogin struct {
	Result  string `json:"result"`
	Message string `json:"message"`
}

// parseJSONLogin reads the JSON login answer. answered is false when this
// is no JSON login endpoint (404, an HTML page, JSON without "result"):
// then no login was attempted and the form route is taken.
func parseJSONLogin(status int, body []byte) (answered bool, ok bool, message string) {
	if status == 404 || status == 405 || status >= 500 {
		return false, false, ""
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return false, false, ""
	}
	if _, has := raw["result"]; !has {
		return false, false, ""
	}
	var jl jsonLogin
	_ = json.Unmarshal(body, &jl)
	if jl.Result == "" {
		// "result" of another JSON type: read it as text.
		jl.Result = strings.Trim(string(raw["result"]), `"`)
	}
	return true, jl.Result == "ok", capMessage(jl.Message)
}

// adminMarkerModules are admin modules the Administration page links to
// (7.x modules/Administration/index.php; evidence R3).
var adminMarkerModules = []string{"licenseinfo", "uwizard", "configurator"}

// adminPageError reads the page shown for module=Administration after a
// login: nil when it reads as an administrator's (links into the admin
// modules); ErrNotAdmin when it says access is denied; ErrSessionExpired
// when the login page came back; else page-changed (fail closed).
func adminPageError(p *page) error {
	if fe := fatalError(ErrServerError, p); fe != nil {
		return &serverPageError{msg: fe, changed: &PageChangedError{Page: "administration", Missing: []string{"admin links"}}}
	}
	if p.isLoginPage() {
		return ErrSessionExpired
	}
	if accessDenied(p.text()) {
		return ErrNotAdmin
	}
	found := 0
	p.doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		u, err := p.url.Parse(a.AttrOr("href", ""))
		if err != nil {
			return
		}
		m := strings.ToLower(u.Query().Get("module"))
		for _, want := range adminMarkerModules {
			if m == want {
				found++
			}
		}
	})
	if found > 0 {
		return nil
	}
	return notAdminOrChanged(p, "administration", "links to License, Backup or Upgrade pages")
}

// statusText names an HTTP status for an error.
func statusText(status int) string { return "HTTP " + strconv.Itoa(status) }
