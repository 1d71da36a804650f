package crmclient

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

var dialects = []string{"7x", "8x"}

func fakeIn(t *testing.T, dialect string) *fake {
	f := newFake(t)
	f.dialect = dialect
	return f
}

// Spec §2 as corrected: 7x logs in by the form (json.php is missing),
// posting login_language=en_us and login_module=Administration, and
// proves success by the Location and the admin page; 8x logs in by JSON
// with language=en_us and the CSRF header.
func TestLoginBothDialects(t *testing.T) {
	for _, d := range dialects {
		f := fakeIn(t, d)
		c := f.client(t, nil)
		if err := c.Login(ctxT(t)); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if f.logins != 1 || c.LoginAttempts() != 1 {
			t.Fatalf("%s: %d server / %d client login attempts, want 1", d, f.logins, c.LoginAttempts())
		}
		p := f.posts[0]
		switch d {
		case "7x":
			if p.Get("module") != "Users" || p.Get("action") != "Authenticate" || p.Get("return_module") != "Users" ||
				p.Get("login_language") != "en_us" || p.Get("login_module") != "Administration" || p.Get("login_action") != "index" ||
				p.Has("js_enabled") || p.Get("user_name") != "admin" {
				t.Errorf("7x login form %v", p)
			}
		case "8x":
			if p.Get("username") != "admin" || p.Get("language") != "en_us" || p.Get("login_module") != "Administration" {
				t.Errorf("8x JSON login %v", p)
			}
			if f.badCSRF != 0 || len(f.csrfSeen) == 0 || f.csrfSeen[0] != "csrf-7f3a9c" {
				t.Errorf("8x CSRF header: bad=%d seen=%v", f.badCSRF, f.csrfSeen)
			}
		}
		if _, err := c.Packages(ctxT(t)); err != nil {
			t.Fatalf("%s Packages: %v", d, err)
		}
	}
}

// Failure 2 of issue 7: a wrong password was taken for a login (7.x
// Authenticate answers Location: index.php either way), then every
// "session expired" retry was another failed login. Now: ErrWrongPassword
// at once, with the server's words, and no further attempt by any admin
// call until Login is called again.
func TestWrongPasswordRefusedAtOnceNeverRetried(t *testing.T) {
	for _, d := range dialects {
		f := fakeIn(t, d)
		c := f.client(t, func(c *Config) { c.Password = "wrong-pw" })
		err := c.Login(ctxT(t))
		var sm *ServerMessageError
		if !errors.Is(err, ErrWrongPassword) || !errors.As(err, &sm) || sm.Text == "" {
			t.Fatalf("%s: err = %v, want ErrWrongPassword with the server's text", d, err)
		}
		if strings.Contains(err.Error(), "wrong-pw") {
			t.Errorf("%s: password leaked into the error", d)
		}
		// Every admin call afterwards: the same refusal, no new attempt.
		for i := 0; i < 3; i++ {
			if _, err := c.Packages(ctxT(t)); !errors.Is(err, ErrWrongPassword) {
				t.Fatalf("%s Packages: %v", d, err)
			}
			if _, err := c.License(ctxT(t)); !errors.Is(err, ErrWrongPassword) {
				t.Fatalf("%s License: %v", d, err)
			}
		}
		if _, err := c.BackupPage(ctxT(t)); !errors.Is(err, ErrWrongPassword) {
			t.Fatalf("%s BackupPage: %v", d, err)
		}
		if f.logins != 1 || c.LoginAttempts() != 1 {
			t.Fatalf("%s: %d login attempts reached the server (client counted %d), want exactly 1", d, f.logins, c.LoginAttempts())
		}
		// An explicit Login (a new user action) tries once more.
		_ = c.Login(ctxT(t))
		if f.logins != 2 {
			t.Fatalf("%s: explicit Login: %d attempts", d, f.logins)
		}
	}
}

func TestLoginCaptcha(t *testing.T) {
	f := fakeIn(t, "8x")
	f.captcha = true
	c := f.client(t, nil)
	err := c.Login(ctxT(t))
	if !errors.Is(err, ErrCaptcha) || errors.Is(err, ErrWrongPassword) {
		t.Fatalf("err = %v, want ErrCaptcha", err)
	}
	if !strings.Contains(err.Error(), "human check") {
		t.Errorf("message %q does not say a human check is needed", err)
	}
	if f.logins != 0 {
		t.Fatalf("%d login attempts despite the captcha", f.logins)
	}
	if _, err := c.Packages(ctxT(t)); !errors.Is(err, ErrCaptcha) || f.logins != 0 {
		t.Fatalf("Packages: %v (%d attempts)", err, f.logins)
	}
}

func TestLoginPageChanged(t *testing.T) {
	f := newFake(t)
	c := f.client(t, func(c *Config) { c.BaseURL = f.srv.URL + "/elsewhere" })
	var pc *PageChangedError
	if err := c.Login(ctxT(t)); !errors.As(err, &pc) || pc.Page != "login" {
		t.Fatalf("err = %v, want PageChangedError{login}", err)
	}
}

// Spec §2 "Session expired": one transparent re-login, the GET repeated;
// recognised by 7.x Users/Login and by 8x login.php redirects.
func TestSessionExpiryReloginOnce(t *testing.T) {
	for _, d := range dialects {
		f := fakeIn(t, d)
		c := f.client(t, nil)
		if _, err := c.Packages(ctxT(t)); err != nil {
			t.Fatal(d, err)
		}
		f.expireNext = 1
		if _, err := c.Packages(ctxT(t)); err != nil {
			t.Fatalf("%s after expiry: %v", d, err)
		}
		if f.logins != 2 {
			t.Fatalf("%s logins = %d, want 2", d, f.logins)
		}
		// Expired again right after the re-login: give up, no loop.
		f.expireNext = 2
		if _, err := c.Packages(ctxT(t)); !errors.Is(err, ErrSessionExpired) {
			t.Fatalf("%s err = %v, want ErrSessionExpired", d, err)
		}
		// …and no further automatic logins while the session does not hold.
		f.expireNext = 5
		for i := 0; i < 3; i++ {
			_, _ = c.Packages(ctxT(t))
		}
		if f.logins != 3 {
			t.Fatalf("%s logins = %d, want 3 (exactly one re-login per expiry, none after a failed one)", d, f.logins)
		}
	}
}

// A POST bounced to the login page (8x: login.php?login_module=…) is a
// session expiry, not an answer, and is never re-posted blindly.
func TestSessionExpiryOnPOST(t *testing.T) {
	for _, d := range dialects {
		f := fakeIn(t, d)
		samplePackages(f)
		c := f.client(t, nil)
		if _, err := c.Packages(ctxT(t)); err != nil {
			t.Fatal(err)
		}
		up := &form{action: mustURL(f.base() + "/index.php")}
		ownFields(up, "delete", "x")
		f.expireNext = 1
		if _, _, err := c.adminPost(ctxT(t), up, 0); !errors.Is(err, ErrSessionExpired) {
			t.Fatalf("%s: %v", d, err)
		}
	}
}

// Spec §2 "Not admin": the login works, but the admin page says access is
// denied (7.x "Unauthorized access to administration.", German text).
func TestNotAdmin(t *testing.T) {
	for _, d := range dialects {
		for _, lang := range []string{"en", "de"} {
			f := fakeIn(t, d)
			f.lang = lang
			c := f.client(t, func(c *Config) { c.User, c.Password = "clerk", "pw" })
			err := c.Login(ctxT(t))
			var pc *PageChangedError
			if !errors.Is(err, ErrNotAdmin) || errors.As(err, &pc) {
				t.Errorf("%s %s Login: %v, want a clear ErrNotAdmin", d, lang, err)
			}
			if _, err := c.Packages(ctxT(t)); !errors.Is(err, ErrNotAdmin) || f.logins != 1 {
				t.Errorf("%s %s Packages: %v (%d logins)", d, lang, err, f.logins)
			}
		}
	}
}

// A page without markers and without a denial text: both ErrNotAdmin and
// PageChangedError match, so the wizard can say "not admin, or the page
// changed — do it by hand".
func TestUnknownPageIsNotAdminOrChanged(t *testing.T) {
	p := newPage(mustURL("https://h/index.php?module=UWizard&action=index"), 200, []byte(`<html><body><h1>Welcome</h1></body></html>`))
	_, err := parsePackageList(p)
	var pc *PageChangedError
	if !errors.Is(err, ErrNotAdmin) || !errors.As(err, &pc) || pc.Page != "uwizard" {
		t.Fatalf("err = %v", err)
	}
}

// Smoke check after the install (failure 6): a NEW session, the live one
// untouched; refusals typed.
func TestCheckLoginFreshSession(t *testing.T) {
	for _, d := range dialects {
		f := fakeIn(t, d)
		c := f.client(t, nil)
		if err := c.Login(ctxT(t)); err != nil {
			t.Fatal(err)
		}
		f.mu.Lock()
		live := len(f.sessions)
		f.mu.Unlock()
		if err := c.CheckLogin(ctxT(t)); err != nil {
			t.Fatalf("%s CheckLogin: %v", d, err)
		}
		f.mu.Lock()
		sessions := len(f.sessions)
		f.mu.Unlock()
		if sessions != live+1 || f.logins != 2 {
			t.Fatalf("%s: sessions %d→%d, logins %d: CheckLogin did not log in anew", d, live, sessions, f.logins)
		}
		if _, err := c.Packages(ctxT(t)); err != nil || f.logins != 2 {
			t.Fatalf("%s: the live session was disturbed: %v (%d logins)", d, err, f.logins)
		}
		wrong := f.client(t, func(c *Config) { c.Password = "nope" })
		if err := wrong.CheckLogin(ctxT(t)); !errors.Is(err, ErrWrongPassword) {
			t.Errorf("%s wrong password: %v", d, err)
		}
		clerk := f.client(t, func(c *Config) { c.User, c.Password = "clerk", "pw" })
		if err := clerk.CheckLogin(ctxT(t)); !errors.Is(err, ErrNotAdmin) {
			t.Errorf("%s clerk: %v", d, err)
		}
	}
	f := fakeIn(t, "8x")
	f.captcha = true
	if err := f.client(t, nil).CheckLogin(ctxT(t)); !errors.Is(err, ErrCaptcha) {
		t.Errorf("captcha: %v", err)
	}
	f = fakeIn(t, "8x")
	f.inProgress = true
	clerk := f.client(t, func(c *Config) { c.User, c.Password = "clerk", "pw" })
	if err := clerk.CheckLogin(ctxT(t)); !errors.Is(err, ErrUpgradeInProgress) {
		t.Errorf("locked: %v", err)
	}
}

// The CSRF header carries the cookie's value on every POST (8x): the JSON
// login, admin forms and the upload; a 7.x instance gets none.
func TestCSRFHeaderOnEveryPOST(t *testing.T) {
	path := sparseFile(t, "callsheets-1.4.3.zip", 4096)
	f := fakeIn(t, "8x")
	samplePackages(f)
	c := f.client(t, nil)
	if err := c.Upload(ctxT(t), path, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteUpload(ctxT(t), "cache/upgrades/langpack/nl.zip"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Prepare(ctxT(t), csSource, nil); err != nil {
		t.Fatal(err)
	}
	if f.badCSRF != 0 || len(f.csrfSeen) < 4 {
		t.Fatalf("bad=%d seen=%v", f.badCSRF, f.csrfSeen)
	}
}

// An answer to the login POST the client does not understand (here 7.x's
// JSDisabled redirect) stops, and is not tried again by later calls.
func TestLoginUnknownAnswerNotRetried(t *testing.T) {
	f := newFake(t)
	var n int
	srv := f.srv.Config.Handler
	f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/index.php") {
			_ = r.ParseForm()
			if r.PostForm.Get("action") == "Authenticate" {
				n++
				w.Header().Set("Location", "index.php?module=Home&action=JSDisabled")
				w.WriteHeader(http.StatusFound)
				return
			}
		}
		srv.ServeHTTP(w, r)
	})
	c := f.client(t, nil)
	var pc *PageChangedError
	if err := c.Login(ctxT(t)); !errors.As(err, &pc) || errors.Is(err, ErrWrongPassword) {
		t.Fatalf("err = %v", err)
	}
	for i := 0; i < 3; i++ {
		_, _ = c.Packages(ctxT(t))
	}
	if n != 1 {
		t.Fatalf("%d login POSTs, want 1", n)
	}
}

// The streamed upload POST bounced to login.php (8x): a session expiry,
// never taken for the upload's answer.
func TestSessionExpiryOnUploadPOST(t *testing.T) {
	f := fakeIn(t, "8x")
	srv := f.srv.Config.Handler
	f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			f.toLogin(w, "UWizard", "index")
			return
		}
		srv.ServeHTTP(w, r)
	})
	path := sparseFile(t, "callsheets-1.4.2.zip", 2048)
	c := f.client(t, nil)
	if err := c.Upload(ctxT(t), path, nil); !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("err = %v", err)
	}
}
