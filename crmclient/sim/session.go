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
// after Users/Authenticate.
type session struct {
	id       string
	user     *UserSpec
	csrf     string
	requests int
	lastSeen time.Time
	// upgradesDisabled is the license status cached at login (spec §3: a
	// renewal only takes effect after a new login).
	upgradesDisabled bool
	flash            string // error shown once on the login page
	// lang is the page language chosen with user_language at login
	// ("en"/"de"); "" = the user's preference. Set once, before the
	// session is published, so handlers read it without mu.
	lang string
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("sim: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b)
}

func (s *Server) cookiePath() string { return s.base + "/" }

// newSession registers a fresh session and sets its cookie. Caller holds mu.
func (s *Server) newSessionLocked(w http.ResponseWriter) *session {
	se := &session{id: randomHex(16), csrf: randomHex(12), lastSeen: s.opt.Now()}
	s.sessions[se.id] = se
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: se.id, Path: s.cookiePath(), HttpOnly: true})
	return se
}

// sessionFor returns the request's live session or nil. A logged-in session
// past its request budget or idle time is destroyed (spec §10.1 session
// expiry): the next admin GET then redirects to the Login action.
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

func (s *Server) csrfOK(se *session, r *http.Request, value string) bool {
	if !s.sc.Faults.CSRFToken {
		return true
	}
	return se != nil && value != "" && subtle.ConstantTimeCompare([]byte(se.csrf), []byte(value)) == 1
}

// loginPage renders the 7.x login form (spec §2). Every hidden input is
// meant to be copied back by the client.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request, se *session, msg string) {
	s.mu.Lock()
	if se == nil {
		se = s.newSessionLocked(w)
	}
	if msg == "" && se.flash != "" {
		msg, se.flash = se.flash, ""
	}
	s.mu.Unlock()
	t := s.tr(se)
	p := s.newPage(nil, t.LoginTitle)
	if msg != "" {
		p.errs = append(p.errs, msg)
	}
	q := r.URL.Query()
	p.raw(`<form method="post" action="index.php" name="DetailView">` + "\n")
	p.hidden("module", "Users")
	p.hidden("action", "Authenticate")
	p.hidden("return_module", "Users")
	p.hidden("return_action", "Login")
	p.hidden("login_module", q.Get("login_module"))
	p.hidden("login_action", q.Get("login_action"))
	p.hidden("login_record", q.Get("login_record"))
	if s.sc.Faults.CSRFToken {
		p.hidden(csrfField, se.csrf)
	}
	p.raw("<table>\n")
	p.printf(`<tr><td><label>%s</label></td><td><input type="text" name="user_name" value="" size="20"></td></tr>`+"\n", htmlEscape(t.UserName))
	p.printf(`<tr><td><label>%s</label></td><td><input type="password" name="user_password" value="" size="20"></td></tr>`+"\n", htmlEscape(t.Password))
	p.printf(`<tr><td><label>%s</label></td><td><select name="user_language"><option value="">%s</option><option value="en_us">English (US)</option><option value="de_de">Deutsch</option></select></td></tr>`+"\n",
		htmlEscape(t.Language), "")
	p.raw("</table>\n")
	p.submit(t.LoginButton)
	p.raw("</form>\n")
	p.write(w)
}

// authenticate is POST module=Users&action=Authenticate (spec §2).
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, se *session, form url.Values) {
	t := s.tr(se)
	fail := func(msg string) {
		s.mu.Lock()
		s.counters.FailedLogins++
		s.mu.Unlock()
		if s.sc.Faults.LoginFailurePage {
			s.loginPage(w, r, se, msg)
			return
		}
		s.mu.Lock()
		if se == nil {
			se = s.newSessionLocked(w)
		}
		se.flash = msg
		s.mu.Unlock()
		redirect(w, loginURL, http.StatusFound)
	}
	if !s.csrfOK(se, r, form.Get(csrfField)) {
		fail(t.LoginCSRF)
		return
	}
	u := s.checkPassword(form.Get("user_name"), form.Get("user_password"))
	if u == nil {
		s.logf("login rejected for %q", form.Get("user_name"))
		fail(t.LoginFailed)
		return
	}
	if !u.Admin && s.InProgress() {
		fail(t.LoginUpgradeLock)
		return
	}
	s.mu.Lock()
	if se != nil {
		delete(s.sessions, se.id) // PHP session_regenerate_id on login
	}
	se = s.newSessionLocked(w)
	se.user = u
	se.lang = loginLanguage(form.Get("user_language"))
	se.upgradesDisabled = s.supportExpiredLocked()
	s.counters.Logins++
	s.mu.Unlock()
	s.logf("login of %s", u.UserName)
	target := "index.php?module=Home&action=index"
	if m := form.Get("login_module"); m != "" && !(m == "Users" && form.Get("login_action") == "Login") {
		v := url.Values{"module": {m}}
		if a := form.Get("login_action"); a != "" {
			v.Set("action", a)
		}
		if rec := form.Get("login_record"); rec != "" {
			v.Set("record", rec)
		}
		target = "index.php?" + v.Encode()
	}
	redirect(w, target, http.StatusFound)
}

func (s *Server) logout(w http.ResponseWriter, se *session) {
	if se != nil {
		s.mu.Lock()
		delete(s.sessions, se.id)
		s.mu.Unlock()
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: s.cookiePath(), MaxAge: -1})
	redirect(w, loginURL, http.StatusFound)
}

// toLogin sends a request without a live session to the Login action, keeping
// the page it wanted like 1CRM does.
func toLogin(w http.ResponseWriter, module, action string) {
	v := url.Values{"module": {"Users"}, "action": {"Login"}}
	if module != "" {
		v.Set("login_module", module)
	}
	if action != "" {
		v.Set("login_action", action)
	}
	redirect(w, "index.php?"+v.Encode(), http.StatusFound)
}
