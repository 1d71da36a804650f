package crmclient

import (
	"errors"
	"strings"
	"testing"
)

// Spec §2: login copies hidden inputs (a CSRF token survives), success is
// the redirect to index.php.
func TestLoginCopiesHiddenCSRF(t *testing.T) {
	f := newFake(t)
	f.csrf = "tok-123"
	c := f.client(t, nil)
	if err := c.Login(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if f.badCSRF != 0 {
		t.Fatalf("server saw %d POSTs without the CSRF token", f.badCSRF)
	}
	p := f.posts[0]
	if p.Get("return_module") != "Home" || p.Get("module") != "Users" || p.Get("action") != "Authenticate" {
		t.Errorf("login form fields not copied/set: %v", p)
	}
	// A later POST (delete) also carries the token it read from the page.
	f.uploaded = []fakePkg{{Name: "X", Type: "module", Version: "1", Source: "cache/upgrades/module/x.zip"}}
	if err := c.DeleteUpload(ctxT(t), "cache/upgrades/module/x.zip"); err != nil {
		t.Fatal(err)
	}
	if f.badCSRF != 0 || len(f.uploaded) != 0 {
		t.Fatalf("delete with CSRF failed: bad=%d uploaded=%v", f.badCSRF, f.uploaded)
	}
}

func TestLoginWrongPassword(t *testing.T) {
	for _, mode200 := range []bool{false, true} {
		f := newFake(t)
		f.login200 = mode200
		c := f.client(t, func(c *Config) { c.Password = "wrong" })
		err := c.Login(ctxT(t))
		if !errors.Is(err, ErrWrongPassword) {
			t.Errorf("login200=%v: err = %v, want ErrWrongPassword", mode200, err)
		}
		if err != nil && strings.Contains(err.Error(), "wrong\"") {
			t.Error("password leaked into the error")
		}
	}
}

func TestLoginGermanPage(t *testing.T) {
	f := newFake(t)
	f.lang = "de"
	c := f.client(t, nil)
	if err := c.Login(ctxT(t)); err != nil {
		t.Fatal(err)
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

// Spec §2 "Session expired": one transparent re-login, the GET repeated.
func TestSessionExpiryReloginOnce(t *testing.T) {
	f := newFake(t)
	c := f.client(t, nil)
	if _, err := c.Packages(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	f.expireNext = 1
	if _, err := c.Packages(ctxT(t)); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if f.logins != 2 {
		t.Fatalf("logins = %d, want 2", f.logins)
	}
	// Expired again right after the re-login: give up, no loop.
	f.expireNext = 2
	if _, err := c.Packages(ctxT(t)); !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("err = %v, want ErrSessionExpired", err)
	}
	if f.logins != 3 {
		t.Fatalf("logins = %d, want 3 (exactly one re-login)", f.logins)
	}
}

// Spec §2 "Not admin": login works, the admin pages lack their markers.
func TestNotAdmin(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		f := newFake(t)
		f.lang = lang
		c := f.client(t, func(c *Config) { c.User, c.Password = "clerk", "pw" })
		if err := c.Login(ctxT(t)); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Packages(ctxT(t)); !errors.Is(err, ErrNotAdmin) {
			t.Errorf("%s Packages: %v, want ErrNotAdmin", lang, err)
		}
		if _, err := c.License(ctxT(t)); !errors.Is(err, ErrNotAdmin) {
			t.Errorf("%s License: %v, want ErrNotAdmin", lang, err)
		}
		if _, err := c.BackupPage(ctxT(t)); !errors.Is(err, ErrNotAdmin) {
			t.Errorf("%s BackupPage: %v, want ErrNotAdmin", lang, err)
		}
	}
}

// A page without markers and without a denial text: both ErrNotAdmin and
// PageChangedError match, so the wizard can say "not admin, or the page
// changed — do it by hand".
func TestUnknownPageIsNotAdminOrChanged(t *testing.T) {
	p := newPage(mustURL("https://h/index.php"), 200, []byte(`<html><body><h1>Home</h1></body></html>`))
	_, err := parsePackageList(p)
	var pc *PageChangedError
	if !errors.Is(err, ErrNotAdmin) || !errors.As(err, &pc) || pc.Page != "uwizard" {
		t.Fatalf("err = %v", err)
	}
}
