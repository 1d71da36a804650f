package crmclient

import (
	"net/url"
	"strconv"
	"strings"
)

// Login page (spec §2, 7.x forms). The only place that knows its shape.

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
	if f.action == nil || !strings.HasSuffix(f.action.Path, ".php") {
		// Login posts to index.php (spec §2); a form without a PHP action
		// posts back to the page, which is index.php as well.
		u, _ := url.Parse(p.url.String())
		u.RawQuery = ""
		if !strings.HasSuffix(u.Path, "index.php") {
			u.Path = strings.TrimRight(u.Path, "/") + "/index.php"
		}
		f.action = u
	}
	return f, nil
}

// loginOutcome judges the answer to the login POST: success is a redirect
// to an index.php URL that does not point back to Users/Login; a redirect
// back to the login action, or the login form again → ErrWrongPassword.
// The wording of the error on the page depends on the language: not matched.
func loginOutcome(action *url.URL, resp *page, loc string) error {
	if loc != "" {
		next, err := action.Parse(loc)
		if err != nil {
			return &PageChangedError{Page: "login", Missing: []string{"valid redirect after login"}}
		}
		if isLoginURL(next) {
			return ErrWrongPassword
		}
		return nil
	}
	if resp.isLoginPage() {
		return ErrWrongPassword
	}
	if resp.status >= 400 {
		return changedOrServerError(resp, "login", "redirect after login (got HTTP "+strconv.Itoa(resp.status)+")")
	}
	return changedOrServerError(resp, "login", "redirect after login")
}
