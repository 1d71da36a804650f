package sim

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const (
	sessionCookie = "PHPSESSID"
	csrfField     = "csrf_token"
	loginURL      = "index.php?module=Users&action=Login"
)

// session is a PHP session: anonymous after the login page, bound to a user
// after a login. Fields other than id, user and lang are guarded by s.mu.
type session struct {
	id       string
	user     *UserSpec
	csrf     string // hidden-field CSRF variant (Faults.CSRFToken)
	requests int
	lastSeen time.Time
	// upgradesDisabled is the license status cached at login
	// ($_SESSION['LIC_STATUS'], spec §3): a renewal only takes effect
	// after a new login.
	upgradesDisabled bool
	// loginError is $_SESSION['login_error']: the login page shows it.
	loginError string
	// lang is the page language chosen at login ("en"/"de"); "" = the
	// user's stored language. Set once, before the session is published,
	// so handlers read it without mu.
	lang string
	// conditions is $_SESSION['UWizard_conditions']: what the last
	// prepare_install POST carried in its conditions field.
	conditions []string
	// confirmed is $_SESSION['UWizard_result'][source][step]['confirm']:
	// warnings accepted during prepare. The list page clears it.
	confirmed map[string]map[string]bool
	// prepared records, per source, whether the last prepare of this
	// session finished (simulator bookkeeping for InstallsUnprepared).
	prepared map[string]bool
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("sim: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b)
}

func (s *Server) cookiePath() string { return s.base + "/" }

// newSessionLocked registers a fresh session and sets its cookie. Caller
// holds mu.
func (s *Server) newSessionLocked(w http.ResponseWriter) *session {
	se := &session{id: randomHex(16), csrf: randomHex(12), lastSeen: s.opt.Now(),
		confirmed: map[string]map[string]bool{}, prepared: map[string]bool{}}
	s.sessions[se.id] = se
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: se.id, Path: s.cookiePath(), HttpOnly: true})
	return se
}

// sessionFor returns the request's live session or nil. A logged-in session
// past its request budget or idle time is destroyed (spec §10.1 session
// expiry): the next request is sent to the login page.
func (s *Server) sessionFor(r *http.Request) *session {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	se := s.sessions[c.Value]
	if se == nil {
		return nil
	}
	now := s.opt.Now()
	if se.user != nil {
		f := s.sc.Faults
		if (f.SessionIdle > 0 && now.Sub(se.lastSeen) > f.SessionIdle.D()) ||
			(f.SessionExpiryRequests > 0 && se.requests >= f.SessionExpiryRequests) {
			s.logf("session of %s expired", se.user.UserName)
			delete(s.sessions, se.id)
			return nil
		}
	}
	se.lastSeen = now
	return se
}

// touch counts one authenticated request.
func (s *Server) touch(se *session) {
	s.mu.Lock()
	se.requests++
	s.mu.Unlock()
}

func (s *Server) user(name string) *UserSpec {
	for i := range s.sc.Users {
		if strings.EqualFold(s.sc.Users[i].UserName, name) {
			return &s.sc.Users[i]
		}
	}
	return nil
}

// checkPassword is constant-time and honours the wrong-password fault.
func (s *Server) checkPassword(name, password string) *UserSpec {
	u := s.user(name)
	if u == nil || s.sc.Faults.WrongPasswordAlways {
		return nil
	}
	if subtle.ConstantTimeCompare([]byte(u.Password), []byte(password)) != 1 {
		return nil
	}
	return u
}

// csrfOK checks the hidden-field CSRF variant (Faults.CSRFToken).
func (s *Server) csrfOK(se *session, value string) bool {
	if !s.sc.Faults.CSRFToken {
		return true
	}
	return se != nil && value != "" && subtle.ConstantTimeCompare([]byte(se.csrf), []byte(value)) == 1
}

// loginFailed counts a refused login.
func (s *Server) loginFailed(name string) {
	s.mu.Lock()
	s.counters.FailedLogins++
	s.captchaFailures++
	s.mu.Unlock()
	s.logf("login rejected for %q", name)
}

// startUserSession binds a fresh session (PHP regenerates the id at login)
// to u and returns it; language is the posted language code.
func (s *Server) startUserSession(w http.ResponseWriter, old *session, u *UserSpec, language string) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old != nil {
		delete(s.sessions, old.id)
	}
	se := s.newSessionLocked(w)
	se.user = u
	se.lang = s.loginLanguage(language)
	se.upgradesDisabled = s.supportExpiredLocked()
	s.counters.Logins++
	s.captchaFailures = 0
	s.logf("login of %s", u.UserName)
	return se
}

// refuseLogin checks the conditions under which a correct password still
// does not log in; it returns the error text, or "".
func (s *Server) refuseLogin(u *UserSpec, t *texts) string {
	if !u.Admin && s.InProgress() {
		// upgrade_in_progress locks users out (spec §5.4).
		return t.LoginUpgradeLock
	}
	return ""
}

// authenticate is POST module=Users&action=Authenticate (7.x
// Users/Authenticate.php): the answer is ALWAYS "Location: index.php";
// only a successful login with login_module posted adds
// ?module=…&action=…[&record=…]. A refused login leaves the error in the
// session, and index.php then shows the login page with it.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, se *session, form url.Values) {
	t := s.tr(se)
	fail := func(msg string) {
		s.loginFailed(form.Get("user_name"))
		s.mu.Lock()
		if se == nil {
			se = s.newSessionLocked(w)
		}
		se.loginError = msg
		s.mu.Unlock()
		if s.sc.Faults.LoginFailurePage {
			s.loginPage(w, r, se)
			return
		}
		redirect(w, "index.php", http.StatusFound)
	}
	if !s.csrfOK(se, form.Get(csrfField)) {
		fail(t.InvalidPassword)
		return
	}
	if s.is8x() && s.captchaShown() {
		fail(t.CaptchaRequired)
		return
	}
	u := s.checkPassword(form.Get("user_name"), form.Get("user_password"))
	if u == nil {
		fail(t.InvalidPassword)
		return
	}
	if msg := s.refuseLogin(u, t); msg != "" {
		fail(msg)
		return
	}
	s.startUserSession(w, se, u, form.Get("login_language"))
	redirect(w, "index.php"+afterLoginQuery(form), http.StatusFound)
}

// afterLoginQuery is Authenticate.php's "?module=…&action=…&record=…",
// built by plain concatenation in that order like the PHP does; "" when
// login_module was not posted. js_enabled posted as a false value sends
// the browser to Home/JSDisabled instead.
func afterLoginQuery(form url.Values) string {
	q := ""
	if m := form.Get("login_module"); m != "" {
		a := form.Get("login_action")
		if a == "" {
			a = "index"
		}
		q = "?module=" + m + "&action=" + a
		if rec := form.Get("login_record"); rec != "" {
			q += "&record=" + rec
		}
	}
	if js, ok := form["js_enabled"]; ok && (len(js) == 0 || js[0] == "" || js[0] == "0") {
		q = "?module=Home&action=JSDisabled"
		if _, ok := form["login_module"]; ok {
			q += "&login_module=" + form.Get("login_module") + "&login_action=" + form.Get("login_action") +
				"&login_record=" + form.Get("login_record")
		}
	}
	return q
}

func (s *Server) logout(w http.ResponseWriter, se *session) {
	if se != nil {
		s.mu.Lock()
		delete(s.sessions, se.id)
		s.mu.Unlock()
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: s.cookiePath(), MaxAge: -1})
	if s.is8x() {
		redirect(w, "login.php", http.StatusFound)
		return
	}
	redirect(w, loginURL, http.StatusFound)
}

// toLogin sends a request without a live session to the login page,
// keeping the page it wanted (GET and POST alike). 7x: the Users/Login
// action; 8x: login.php?login_module=…&login_action=… (evidence §1.2 L1).
func (s *Server) toLogin(w http.ResponseWriter, form url.Values) {
	module, action, record := form.Get("module"), form.Get("action"), form.Get("record")
	if s.is8x() {
		if module == "" {
			module, action = "Home", "index"
		}
		if action == "" {
			action = "index"
		}
		loc := "login.php?login_module=" + url.QueryEscape(module) + "&login_action=" + url.QueryEscape(action)
		if record != "" {
			loc += "&login_record=" + url.QueryEscape(record)
		}
		redirect(w, loc, http.StatusFound)
		return
	}
	loc := loginURL
	if module != "" {
		loc += "&login_module=" + url.QueryEscape(module)
		if action != "" {
			loc += "&login_action=" + url.QueryEscape(action)
		}
		if record != "" {
			loc += "&login_record=" + url.QueryEscape(record)
		}
	}
	redirect(w, loc, http.StatusFound)
}
