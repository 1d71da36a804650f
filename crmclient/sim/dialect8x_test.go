package sim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// 8x login.php (evidence S3–S9): inputs by name and id, selects, button,
// the hidden login_module/login_action, the CSRF cookie on first contact.
func TestLoginPHP8x(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo-8x"))
	b := newBrowser(t, r.URL)
	resp, body := b.get("login.php?login_module=UWizard&login_action=index")
	if resp.StatusCode != 200 || b.cookie("onecrm_csrf") == "" || b.cookie("PHPSESSID") == "" {
		t.Fatalf("login.php %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
	for _, c := range resp.Cookies() {
		if c.Name == "onecrm_csrf" && c.HttpOnly {
			t.Error("CSRF cookie is HttpOnly: the page script could not read it")
		}
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	for _, sel := range []string{`input#login_user[name="user_name"]`, `input#login_pass[name="user_password"][type="password"]`,
		`button#login_button`, `select#login_lang`, `select#login_theme`} {
		if doc.Find(sel).Length() != 1 {
			t.Errorf("missing %s", sel)
		}
	}
	h := hiddenInputs(doc.Find("form"))
	if h.Get("login_module") != "UWizard" || h.Get("login_action") != "index" {
		t.Errorf("hidden %v", h)
	}
	mustContain(t, body, "json.php?action=login", "X-OneCRM-CSRF-Token")
	mustNotContain(t, body, `id="cap"`)
	// 7x has no login.php and no json.php.
	r7, _ := startSim(t, scenario(t, "demo"))
	b7 := newBrowser(t, r7.URL)
	for _, p := range []string{"login.php"} {
		if resp, _ := b7.get(p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("7x %s: %d", p, resp.StatusCode)
		}
	}
	if resp, _ := b7.post("json.php?action=login", url.Values{"username": {DemoUser}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("7x json.php: %d", resp.StatusCode)
	}
}

// L1/L6: without a session, GET and POST to index.php are redirected to
// login.php?login_module=…&login_action=…; the bare URL to Home/index.
func TestUnauthenticatedRedirects8x(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo-8x"))
	b := newBrowser(t, r.URL)
	cases := []struct {
		method, path string
		form         url.Values
		want         string
	}{
		{"GET", "", nil, "login.php?login_module=Home&login_action=index"},
		{"GET", "index.php", nil, "login.php?login_module=Home&login_action=index"},
		{"GET", listPath, nil, "login.php?login_module=UWizard&login_action=index"},
		{"GET", "index.php?module=Users&action=Login&login_module=LicenseInfo&login_action=index", nil, "login.php?login_module=LicenseInfo&login_action=index"},
		{"POST", "index.php", url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"install"}, "source": {"x"}},
			"login.php?login_module=UWizard&login_action=index"},
		{"POST", "index.php", url.Values{"module": {"Configurator"}, "action": {"EditView"}, "layout": {"Backup"}, "record_perform": {"runbackup"}},
			"login.php?login_module=Configurator&login_action=EditView"},
		{"GET", "upgrade.php", nil, "login.php?login_module=Home&login_action=index"},
	}
	b.get("login.php") // the CSRF cookie, so the POSTs pass the CSRF check
	for _, c := range cases {
		var resp *http.Response
		if c.method == "POST" {
			resp, _ = b.post(c.path, c.form)
		} else {
			resp, _ = b.get(c.path)
		}
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != c.want {
			t.Errorf("%s %s: %d %q, want %q", c.method, c.path, resp.StatusCode, resp.Header.Get("Location"), c.want)
		}
	}
	if c := r.Server.Counters(); c.BackupsStarted != 0 || c.InstallsStarted != 0 {
		t.Errorf("unauthenticated POSTs changed the server: %+v", c)
	}
	// Session expiry sends GET and POST the same way.
	r2, clock := startSim(t, scenario(t, "session-expiry", func(sc *Scenario) { sc.Dialect = Dialect8x }))
	b2 := adminBrowser(t, r2)
	clock.Advance(3 * 60e9)
	if resp, _ := b2.get(listPath); resp.Header.Get("Location") != "login.php?login_module=UWizard&login_action=index" {
		t.Errorf("expired GET: %q", resp.Header.Get("Location"))
	}
	if resp, _ := b2.post("index.php", url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"upload"}}); resp.Header.Get("Location") != "login.php?login_module=UWizard&login_action=index" {
		t.Errorf("expired POST: %q", resp.Header.Get("Location"))
	}
}

// L3/L4: POST json.php?action=login answers JSON result "ok" with the
// session fields, or result "error" with a message; JSON and
// form-encoded bodies are accepted.
func TestJSONLogin8x(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo-8x"))
	b := newBrowser(t, r.URL)
	resp, out := b.jsonLogin(DemoUser, DemoPassword, "en_us")
	if resp.StatusCode != 200 || out["result"] != "ok" || out["user_id"] != "1" || out["session_name"] != "PHPSESSID" ||
		out["redirect"] != "index.php?module=Administration&action=index" || out["json_session_id"] != b.cookie("PHPSESSID") {
		t.Fatalf("ok answer %d %v", resp.StatusCode, out)
	}
	if _, body := b.get(listPath); !strings.Contains(body, "Uploaded Packages") {
		t.Error("no admin session after the JSON login")
	}
	b2 := newBrowser(t, r.URL)
	_, out = b2.jsonLogin(DemoUser, "wrong", "en_us")
	if out["result"] != "error" || out["message"] != "Login failed." {
		t.Errorf("failure answer %v", out)
	}
	_, out = b2.jsonLogin(DemoUser, "wrong", "de_DE")
	if out["message"] != "Die Identifizierung ist fehlgeschlagen." {
		t.Errorf("German failure %v", out)
	}
	// Form-encoded, as a script with form: true sends it.
	b3 := newBrowser(t, r.URL)
	b3.get("login.php")
	resp, body := b3.post("json.php?action=login", url.Values{"username": {DemoUser}, "password": {DemoPassword}, "language": {"en_us"}})
	if resp.StatusCode != 200 || !strings.Contains(body, `"result":"ok"`) || !strings.Contains(body, `"redirect":"index.php?module=Home\u0026action=index"`) {
		t.Errorf("form-encoded login: %d %s", resp.StatusCode, body)
	}
	if c := r.Server.Counters(); c.Logins != 2 || c.FailedLogins != 2 {
		t.Errorf("counters %+v", c)
	}
}

// L7: every POST must send the CSRF cookie's value as X-OneCRM-CSRF-Token;
// without it (or with a wrong one) 403 and nothing changes.
func TestCSRFHeader8x(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo-8x"))
	b := adminBrowser(t, r)
	b.noCSRF = true
	form := url.Values{"module": {"Configurator"}, "action": {"EditView"}, "layout": {"Backup"}, "record_perform": {"runbackup"}}
	resp, body := b.post("index.php", form)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "security token") {
		t.Errorf("POST without header: %d %s", resp.StatusCode, body)
	}
	req, _ := http.NewRequest("POST", r.URL+"/index.php", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-OneCRM-CSRF-Token", "forged")
	if resp, _ := b.do(req); resp.StatusCode != http.StatusForbidden {
		t.Errorf("wrong header: %d", resp.StatusCode)
	}
	for _, p := range []string{"json.php?action=login", "upgrade.php?ajax=1&step=1"} {
		if resp, _ := b.post(p, url.Values{}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s without header: %d", p, resp.StatusCode)
		}
	}
	if c := r.Server.Counters(); c.BackupsStarted != 0 || c.CSRFRefused != 4 {
		t.Errorf("counters %+v", c)
	}
	// GETs need no header; with it the POST works.
	if resp, _ := b.get(backupPath); resp.StatusCode != 200 {
		t.Errorf("GET: %d", resp.StatusCode)
	}
	b.noCSRF = false
	if resp, body := b.post("index.php", form); resp.StatusCode != 200 || !strings.Contains(body, "Backup Complete") {
		t.Errorf("POST with header: %d", resp.StatusCode)
	}
	// A fresh client's first POST (no cookie yet) is refused and gets the cookie.
	nb := newBrowser(t, r.URL)
	resp, _ = nb.post("json.php?action=login", url.Values{"username": {DemoUser}, "password": {DemoPassword}})
	if resp.StatusCode != http.StatusForbidden || nb.cookie("onecrm_csrf") == "" {
		t.Errorf("first POST: %d, cookie %q", resp.StatusCode, nb.cookie("onecrm_csrf"))
	}
}

// L8: the captcha widget id="cap" (always, or after N failures); while it
// is shown every login fails, even with the right password.
func TestCaptcha8x(t *testing.T) {
	r, _ := startSim(t, scenario(t, "captcha-login"))
	b := newBrowser(t, r.URL)
	_, body := b.get("login.php")
	mustContain(t, body, `<div id="cap"`)
	_, out := b.jsonLogin(DemoUser, DemoPassword, "en_us")
	if out["result"] != "error" || out["message"] != "Please confirm that you are a human." {
		t.Errorf("captcha login %v", out)
	}

	r2, _ := startSim(t, scenario(t, "captcha-after-failures"))
	b2 := newBrowser(t, r2.URL)
	for i := 0; i < 3; i++ {
		_, body := b2.get("login.php")
		mustNotContain(t, body, `id="cap"`)
		b2.jsonLogin(DemoUser, "wrong", "")
	}
	_, body = b2.get("login.php")
	mustContain(t, body, `id="cap"`)
	if _, out := b2.jsonLogin(DemoUser, DemoPassword, ""); out["result"] == "ok" {
		t.Error("login accepted with the captcha shown")
	}
	// Also the form route is closed while the widget is shown.
	if resp, _ := b2.post("index.php", url.Values{"module": {"Users"}, "action": {"Authenticate"}, "user_name": {DemoUser},
		"user_password": {DemoPassword}, "login_module": {"Administration"}}); resp.Header.Get("Location") != "index.php" {
		t.Errorf("Authenticate with the captcha shown: %q", resp.Header.Get("Location"))
	}
}

// Language at login: 7x honours login_language (not user_language), 8x
// the JSON language; the ignore option keeps the stored language.
func TestLoginLanguage(t *testing.T) {
	type lc struct {
		scenario, field, value string
		wantDE                 bool
	}
	for _, c := range []lc{
		{"german-admin", "login_language", "en_us", false},
		{"german-admin", "user_language", "en_us", true},
		{"german-admin", "", "", true},
		{"demo", "login_language", "de_DE", true},
		{"german-admin-language-ignored", "login_language", "en_us", true},
	} {
		r, _ := startSim(t, scenario(t, c.scenario))
		b := newBrowser(t, r.URL)
		_, body := b.get("index.php?module=Users&action=Login")
		form := formOf(t, body, "action", "Authenticate")
		form.Set("user_name", DemoUser)
		form.Set("user_password", DemoPassword)
		form.Set("login_module", "Administration")
		if c.field != "" {
			form.Set(c.field, c.value)
		}
		b.post("index.php", form)
		if _, list := b.get(listPath); strings.Contains(list, "<td class=\"listViewTd\">\n\t\t\tModul\n") != c.wantDE {
			t.Errorf("%+v: German type labels %v", c, !c.wantDE)
		}
	}
	r, _ := startSim(t, scenario(t, "german-admin", func(sc *Scenario) { sc.Dialect = Dialect8x }))
	b := newBrowser(t, r.URL)
	b.jsonLogin(DemoUser, DemoPassword, "en_us")
	if _, list := b.get(listPath); !strings.Contains(list, `<html lang="en">`) {
		t.Error("8x JSON language en_us not honoured")
	}
}
