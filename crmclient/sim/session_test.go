package sim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// §2: login page hidden inputs, PHPSESSID, success redirect, failure back to Login.
func TestLoginSuccessAndFailure(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := newBrowser(t, r.URL)
	resp, body := b.get("index.php?module=Users&action=Login")
	mustContain(t, body, `name="user_password"`)
	hasCookie := false
	for _, c := range resp.Cookies() {
		hasCookie = hasCookie || c.Name == "PHPSESSID"
	}
	if !hasCookie {
		t.Error("no PHPSESSID cookie on the login page")
	}
	form := formOf(t, body, "action", "Authenticate")
	if form.Get("module") != "Users" {
		t.Errorf("hidden inputs %v", form)
	}

	resp = b.login(DemoUser, "wrong")
	if resp.StatusCode != http.StatusFound || !strings.Contains(resp.Header.Get("Location"), "action=Login") {
		t.Fatalf("failed login: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = b.get(resp.Header.Get("Location"))
	mustContain(t, body, `name="user_password"`, "valid username and password")

	resp = b.login(DemoUser, DemoPassword)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, "index.php?") || strings.Contains(loc, "action=Login") {
		t.Fatalf("login: %d %q", resp.StatusCode, loc)
	}
	if resp, body := b.get("index.php?module=LicenseInfo&action=index"); resp.StatusCode != 200 || !strings.Contains(body, "License Information") {
		t.Errorf("license page after login: %d", resp.StatusCode)
	}
	if c := r.Server.Counters(); c.Logins != 1 || c.FailedLogins != 1 {
		t.Errorf("counters %+v", c)
	}
}

// §2: the other real failure shape, a 200 page that again holds the login form.
func TestLoginFailurePageVariantAndWrongPasswordFault(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Faults.LoginFailurePage = true }))
	b := newBrowser(t, r.URL)
	resp := b.login(DemoUser, "nope")
	if resp.StatusCode != 200 {
		t.Errorf("failure page variant: %d", resp.StatusCode)
	}
	r2, _ := startSim(t, scenario(t, "wrong-password"))
	b2 := newBrowser(t, r2.URL)
	if resp := b2.login(DemoUser, DemoPassword); !strings.Contains(resp.Header.Get("Location"), "action=Login") {
		t.Errorf("wrong-password scenario accepted the login: %q", resp.Header.Get("Location"))
	}
}

// §2 "Not admin": the login works, admin pages lack their markers.
func TestNonAdminSeesNoAdminMarkers(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := newBrowser(t, r.URL)
	b.mustLogin(NonAdminUser, NonAdminPassword)
	for _, p := range []string{"index.php?module=UWizard&action=index", "index.php?module=Configurator&action=EditView&layout=Backup", "index.php?module=LicenseInfo&action=index"} {
		resp, body := b.get(p)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
		mustNotContain(t, body, "Uploaded Packages", "backup_target_dir", "licensed to", `name="user_password"`)
		mustContain(t, body, "do not have access")
	}
}

// §2 session expiry after N requests, and after idle time: admin GETs
// redirect to the Login action; a fresh login works again.
func TestSessionExpiry(t *testing.T) {
	r, clock := startSim(t, scenario(t, "session-expiry"))
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	for i := 0; i < 6; i++ {
		if resp, _ := b.get("index.php?module=UWizard&action=index"); resp.StatusCode != 200 {
			t.Fatalf("request %d: %d", i+1, resp.StatusCode)
		}
	}
	resp, _ := b.get("index.php?module=UWizard&action=index")
	if resp.StatusCode != http.StatusFound || !strings.Contains(resp.Header.Get("Location"), "action=Login") {
		t.Fatalf("7th request: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	b.mustLogin(DemoUser, DemoPassword)
	clock.Advance(3 * time.Minute)
	resp, _ = b.get("index.php?module=LicenseInfo&action=index")
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("after idle: %d", resp.StatusCode)
	}
	q, _ := url.ParseQuery(strings.TrimPrefix(resp.Header.Get("Location"), "index.php?"))
	if q.Get("module") != "Users" || q.Get("action") != "Login" || q.Get("login_module") != "LicenseInfo" {
		t.Errorf("redirect %q", resp.Header.Get("Location"))
	}
	// A POST with an expired session changes nothing.
	resp, _ = b.post("index.php", url.Values{"module": {"Configurator"}, "action": {"EditView"}, "layout": {"Backup"}, "record_perform": {"runbackup"}})
	if resp.StatusCode != http.StatusFound || r.Server.Counters().BackupsStarted != 0 {
		t.Errorf("POST after expiry: %d, backups %d", resp.StatusCode, r.Server.Counters().BackupsStarted)
	}
}

// §2 CSRF: posts need the hidden token of the page that holds the form.
func TestCSRFToken(t *testing.T) {
	r, _ := startSim(t, scenario(t, "csrf-token"))
	b := newBrowser(t, r.URL)
	// Login without the token fails.
	b.get("index.php?module=Users&action=Login")
	resp, _ := b.post("index.php", url.Values{"module": {"Users"}, "action": {"Authenticate"}, "user_name": {DemoUser}, "user_password": {DemoPassword}})
	if !strings.Contains(resp.Header.Get("Location"), "action=Login") {
		t.Fatalf("login without token: %q", resp.Header.Get("Location"))
	}
	b.mustLogin(DemoUser, DemoPassword) // copies the hidden inputs, token included
	_, page := b.get("index.php?module=Configurator&action=EditView&layout=Backup")
	form := formOf(t, page, "layout", "Backup")
	if form.Get(csrfField) == "" {
		t.Fatal("no token in the backup form")
	}
	bare := url.Values{"module": {"Configurator"}, "action": {"EditView"}, "layout": {"Backup"}, "record_perform": {"runbackup"}}
	if resp, _ := b.post("index.php", bare); resp.StatusCode != http.StatusForbidden || r.Server.Counters().BackupsStarted != 0 {
		t.Errorf("post without token: %d", resp.StatusCode)
	}
	form.Set("record_perform", "runbackup")
	if _, body := b.post("index.php", form); !strings.Contains(body, "Backup Complete") {
		t.Errorf("post with token: %s", body)
	}
}

// §10.1: pages have no machine-only hooks (ids, data- attributes).
func TestPagesHaveNoMachineHooks(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	for _, p := range []string{"index.php?module=Users&action=Login", "index.php?module=LicenseInfo&action=index",
		"index.php?module=Configurator&action=EditView&layout=Backup", "index.php?module=UWizard&action=index", "index.php?module=Home&action=index"} {
		_, body := b.get(p)
		mustNotContain(t, body, " id=", " data-")
	}
}
