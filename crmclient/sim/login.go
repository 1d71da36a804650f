package sim

import (
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// loginHidden are the request parameters the login form carries on
// (7.x Login.php copies login_module, login_action, login_record and
// login_layout when the request has them).
var loginHidden = []string{"login_module", "login_action", "login_record", "login_layout"}

// loginPage renders the 7.x login page (modules/Users/Login.php and
// views/widget.Login.php): form LoginForm with hidden module=Users,
// action=Authenticate, return_module, return_action, the fields user_name,
// user_password, user_theme, user_language, the login_button, and the
// error row showing $_SESSION['login_error']. The browser submits it by
// script (JSONRequest 'login'); posting the form itself is the no-JS route.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request, se *session) {
	se, t, p, msg, done := s.startLoginPage(w, se)
	if done {
		return
	}
	p.raw("<script type=\"text/javascript\">\nfunction do_login() {\n" +
		"\tvar form = document.forms.LoginForm, params = {username: form.user_name.value, password: form.user_password.value,\n" +
		"\t\tlanguage: form.user_language.value, theme: form.user_theme.value};\n" +
		"\tnew SUGAR.conn.JSONRequest('login', {status_msg: 'Logging in ...'}, params).fetch(login_received, login_error);\n" +
		"\treturn false;\n}\n</script>\n")
	p.raw(`<div class="loginOuter">` + "\n")
	p.raw(`<table cellpadding="0" cellspacing="0" border="0" align="center" class="tabForm loginForm" style="padding: 0; width: 600px">` + "\n")
	p.raw("<tr valign=\"top\">\n<td class=\"loginLeft\">\n<div class=\"loginLogo\"><img src=\"include/images/iah/infoathand-small.png\" width=\"200\" height=\"45\" alt=\"1CRM\"></div>\n")
	p.raw("<div class=\"loginMessage\">\n<p>Welcome to 1CRM.</p>\n</div>\n</td>\n")
	p.raw(`<td class="tabForm loginMain" align="center" width="200">` + "\n")
	p.raw(`<form method="post" action="index.php" name="LoginForm" onsubmit="return do_login();">` + "\n")
	p.hidden("module", "Users")
	p.hidden("action", "Authenticate")
	p.hidden("return_module", "Users")
	p.hidden("return_action", "Login")
	q := r.URL.Query()
	for _, f := range loginHidden {
		if _, ok := q[f]; ok {
			p.hidden(f, q.Get(f))
		}
	}
	if s.sc.Faults.CSRFToken {
		p.hidden(csrfField, se.csrf)
	}
	s.loginFields(p, t, false)
	p.raw("</form>\n</td>\n</tr>\n")
	s.loginErrorRow(p, msg)
	p.raw("</table>\n</div>\n")
	p.write(w)
}

// loginFields writes the fields of both dialects; ids marks the 8.x
// login.php ids (login_user, login_pass, login_theme, login_lang).
func (s *Server) loginFields(p *page, t *texts, ids bool) {
	id := func(v string) string {
		if ids {
			return ` id="` + v + `"`
		}
		return ""
	}
	p.raw("<table class=\"loginBody\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">\n")
	p.printf("<tr><td class=\"dataLabel\">%s</td></tr>\n<tr><td class=\"dataField\"><input type=\"text\" class=\"input-text\" name=\"user_name\"%s value=\"\" style=\"width: 165px\"></td></tr>\n",
		htmlEscape(t.UserName), id("login_user"))
	p.printf("<tr><td class=\"dataLabel\">%s</td></tr>\n<tr><td class=\"dataField\"><input type=\"password\" class=\"input-text\" name=\"user_password\"%s value=\"\" style=\"width: 165px\"></td></tr>\n",
		htmlEscape(t.Password), id("login_pass"))
	p.printf("<tr><td class=\"dataLabel\">%s</td></tr>\n<tr><td class=\"dataField\"><select name=\"user_theme\"%s><option value=\"Claro\" selected>Claro</option><option value=\"Flex\">Flex</option></select></td></tr>\n",
		htmlEscape(t.Theme), id("login_theme"))
	en, de := " selected", ""
	if s.sc.Language == "de" {
		en, de = "", " selected"
	}
	p.printf("<tr><td class=\"dataLabel\">%s</td></tr>\n<tr><td class=\"dataField\"><select name=\"user_language\"%s><option value=\"en_us\"%s>English (US)</option><option value=\"de_DE\"%s>Deutsch</option></select></td></tr>\n",
		htmlEscape(t.Language), id("login_lang"), en, de)
	if ids && s.captchaShown() {
		// The "I'm a human" proof-of-work widget (evidence L8); a browser
		// runs it, the simulator never accepts a login while it is shown.
		p.raw("<tr><td class=\"dataField\"><div id=\"cap\" class=\"cap-widget\"></div></td></tr>\n")
	}
	p.raw("</table>\n")
	p.printf("<button type=\"submit\" id=\"login_button\" class=\"input-button input-outer\"><div class=\"input-icon icon-accept left\"></div><span class=\"input-label\">%s</span></button>\n",
		htmlEscape(t.LoginButton))
}

func (s *Server) loginErrorRow(p *page, msg string) {
	style := ""
	if msg == "" {
		style = "display: none"
	}
	p.printf("<tr id=\"error_row\" style=\"%s\">\n<td class=\"dataLabel loginError\" style=\"text-align: center; padding: 2px\" colspan=\"2\">\n<span class=\"error\" id=\"error_message\">%s</span>\n</td>\n</tr>\n",
		style, htmlEscape(msg))
}

// loginPHP is the 8x login page, login.php (evidence S3–S9): inputs
// user_name/user_password with ids login_user/login_pass, selects
// login_theme/login_lang, button login_button, the hidden login_module,
// login_action, … it was sent with, and the captcha widget id="cap" when
// the scenario shows it. Its script logs in by POST json.php?action=login
// with the CSRF cookie's value in the X-OneCRM-CSRF-Token header.
func (s *Server) loginPHP(w http.ResponseWriter, r *http.Request) {
	_, t, p, msg, done := s.startLoginPage(w, s.sessionFor(r))
	if done {
		return
	}
	p.printf("<script type=\"text/javascript\">\nfunction csrf_token() {\n\tvar m = document.cookie.match(/(?:^|; )%s=([^;]*)/);\n\treturn m ? decodeURIComponent(m[1]) : '';\n}\n", s.sc.Login.CSRFCookie)
	p.raw("function do_login() {\n\tvar form = document.forms.LoginForm, params = {\n" +
		"\t\tusername: form.user_name.value, password: form.user_password.value, language: form.user_language.value,\n" +
		"\t\ttheme: form.user_theme.value, login_module: form.login_module.value, login_action: form.login_action.value,\n" +
		"\t\tlogin_record: form.login_record.value, login_layout: form.login_layout.value, captcha: form.captcha ? form.captcha.value : '',\n" +
		"\t\tremember: '', mobile: '0', in_frame: false, res_width: window.innerWidth, res_height: window.innerHeight};\n" +
		"\tvar x = new XMLHttpRequest();\n\tx.open('POST', 'json.php?action=login');\n" +
		"\tx.setRequestHeader('Content-Type', 'application/json');\n\tx.setRequestHeader('" + csrfHeader + "', csrf_token());\n" +
		"\tx.onload = function() { var row = JSON.parse(x.responseText);\n" +
		"\t\tif (row.result == 'ok') document.location.href = row.redirect || 'index.php';\n" +
		"\t\telse { document.getElementById('error_message').innerHTML = row.message; document.getElementById('error_row').style.display = ''; } };\n" +
		"\tx.send(JSON.stringify(params));\n\treturn false;\n}\n</script>\n")
	p.raw(`<div class="loginOuter">` + "\n")
	p.raw(`<table cellpadding="0" cellspacing="0" border="0" align="center" class="tabForm loginForm" style="padding: 0; width: 600px">` + "\n")
	p.raw("<tr valign=\"top\">\n<td class=\"tabForm loginMain\" align=\"center\">\n")
	p.raw(`<form method="post" action="login.php" name="LoginForm" onsubmit="return do_login();">` + "\n")
	q := r.URL.Query()
	for _, f := range loginHidden {
		p.hidden(f, q.Get(f))
	}
	s.loginFields(p, t, true)
	p.raw("</form>\n</td>\n</tr>\n")
	s.loginErrorRow(p, msg)
	p.raw("</table>\n</div>\n")
	p.write(w)
}

// jsonLogin is POST json.php?action=login (8x; evidence L3/L4): username,
// password, language, login_module, login_action, login_record, captcha …
// as a JSON body or form-encoded. The answer is 200 JSON: result "ok"
// with json_session_id, user_id, session_name and redirect, or result
// "error" with a message (the 7.x script's login_error(row.message)).
func (s *Server) jsonLogin(w http.ResponseWriter, r *http.Request) {
	in, err := readLoginParams(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"result": "error", "message": "bad request"})
		return
	}
	t := &textsEN
	if s.loginLanguage(in.Get("language")) == "de" || (in.Get("language") == "" && s.sc.Language == "de") {
		t = &textsDE
	}
	se := s.sessionFor(r)
	fail := func(msg string) {
		s.loginFailed(in.Get("username"))
		writeJSON(w, http.StatusOK, map[string]any{"result": "error", "message": msg})
	}
	if s.captchaShown() && in.Get("captcha") != humanCaptcha {
		// Only a person at a browser answers the widget (Browser.Login).
		fail(t.CaptchaRequired)
		return
	}
	u := s.checkPassword(in.Get("username"), in.Get("password"))
	if u == nil {
		fail(t.LoginFailed)
		return
	}
	if msg := s.refuseLogin(u, t); msg != "" {
		fail(msg)
		return
	}
	se = s.startUserSession(w, se, u, in.Get("language"))
	m, a := in.Get("login_module"), in.Get("login_action")
	if m == "" {
		m = "Home"
	}
	if a == "" {
		a = "index"
	}
	redirectTo := "index.php?module=" + m + "&action=" + a
	if rec := in.Get("login_record"); rec != "" {
		redirectTo += "&record=" + rec
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": "ok", "json_session_id": se.id, "user_id": u.ID,
		"session_name": sessionCookie, "redirect": redirectTo})
}

// readLoginParams reads a JSON object or a form-encoded body into values.
func readLoginParams(r *http.Request) (url.Values, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxFormBody)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" {
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		return r.PostForm, nil
	}
	raw := map[string]any{}
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
		return nil, err
	}
	out := url.Values{}
	for k, v := range raw {
		switch x := v.(type) {
		case string:
			out.Set(k, x)
		case nil:
		default:
			b, _ := json.Marshal(x)
			out.Set(k, strings.Trim(string(b), `"`))
		}
	}
	return out, nil
}

// serveJSON is json.php, the 8x XHR entry point; a 7x instance has none
// (404: the form route is what a 7x client uses).
func (s *Server) serveJSON(w http.ResponseWriter, r *http.Request) {
	if !s.is8x() {
		drainBody(r)
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"result": "error", "message": "POST only"})
		return
	}
	switch r.URL.Query().Get("action") {
	case "login":
		s.jsonLogin(w, r)
	case "check_for_updates":
		drainBody(r)
		se := s.sessionFor(r)
		if se == nil || se.user == nil || !se.user.Admin {
			writeJSON(w, http.StatusOK, map[string]any{"result": "error", "message": s.tr(se).NotAdmin})
			return
		}
		s.touch(se)
		s.mu.Lock()
		s.checkedAt = s.now()
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"result": "ok"})
	default:
		drainBody(r)
		writeJSON(w, http.StatusOK, map[string]any{"result": "error", "message": "Unknown action"})
	}
}

// startLoginPage begins either dialect's login page: a session for the
// visitor, the pending login error, the page frame. With the "login"
// unknown-markup fault it writes the unrecognisable variant and done is true.
func (s *Server) startLoginPage(w http.ResponseWriter, se *session) (_ *session, t *texts, p *page, msg string, done bool) {
	s.mu.Lock()
	if se == nil {
		se = s.newSessionLocked(w)
	}
	msg = se.loginError
	s.mu.Unlock()
	t = s.tr(se)
	p = s.newPage(nil, t.LoginButton)
	p.noTitle = true
	if s.unknownMarkup("login") {
		unknownLoginBody(p)
		p.write(w)
		return se, t, p, msg, true
	}
	return se, t, p, msg, false
}
