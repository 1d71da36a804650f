package sim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// 7.x Users/Login.php: form LoginForm with the hidden inputs, the fields,
// the login button, a PHPSESSID cookie; login_module/login_action of the
// request are carried on.
func TestLoginPage7x(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := newBrowser(t, r.URL)
	resp, body := b.get("index.php?module=Users&action=Login&login_module=UWizard&login_action=index")
	if b.cookie("PHPSESSID") == "" {
		t.Error("no PHPSESSID cookie on the login page")
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	f := doc.Find(`form[name="LoginForm"]`)
	if resp.StatusCode != 200 || f.Length() != 1 {
		t.Fatalf("login page %d:\n%s", resp.StatusCode, body)
	}
	h := hiddenInputs(f)
	for k, v := range map[string]string{"module": "Users", "action": "Authenticate", "return_module": "Users", "return_action": "Login",
		"login_module": "UWizard", "login_action": "index"} {
		if h.Get(k) != v {
			t.Errorf("hidden %s = %q, want %q", k, h.Get(k), v)
		}
	}
	for _, sel := range []string{`input[name="user_name"]`, `input[type="password"][name="user_password"]`, `select[name="user_theme"]`,
		`select[name="user_language"]`, `button#login_button`, `tr#error_row`, `span#error_message`} {
		if f.Find(sel).Length()+doc.Find(sel).Length() == 0 {
			t.Errorf("missing %s", sel)
		}
	}
	if v, _ := f.Attr("onsubmit"); v != "return do_login();" {
		t.Errorf("onsubmit %q", v)
	}
	mustNotContain(t, body, `id="login_user"`, `id="cap"`)
}

// Issue 7 failure 2 (7.x Authenticate.php): the answer is Location:
// index.php for a wrong password too; only a success with login_module
// posted carries ?module=…&action=…; the failure shows up as the login
// page with ERR_INVALID_PASSWORD on the next request.
func TestAuthenticateLocations(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	post := func(b *browser, user, pw string, extra url.Values) *http.Response {
		_, body := b.get("index.php?module=Users&action=Login")
		form := formOf(t, body, "action", "Authenticate")
		form.Set("user_name", user)
		form.Set("user_password", pw)
		for k, v := range extra {
			form[k] = v
		}
		resp, _ := b.post("index.php", form)
		return resp
	}
	withModule := url.Values{"login_module": {"Administration"}, "login_action": {"index"}}
	cases := []struct {
		user, pw string
		extra    url.Values
		want     string
	}{
		{DemoUser, "wrong", nil, "index.php"},
		{DemoUser, "wrong", withModule, "index.php"},
		{"nobody", DemoPassword, withModule, "index.php"},
		{DemoUser, DemoPassword, nil, "index.php"},
		{DemoUser, DemoPassword, withModule, "index.php?module=Administration&action=index"},
		{DemoUser, DemoPassword, url.Values{"login_module": {"Accounts"}, "login_action": {"DetailView"}, "login_record": {"abc"}},
			"index.php?module=Accounts&action=DetailView&record=abc"},
		{DemoUser, DemoPassword, url.Values{"login_module": {"Accounts"}}, "index.php?module=Accounts&action=index"},
		{DemoUser, DemoPassword, url.Values{"login_module": {"Administration"}, "login_action": {"index"}, "js_enabled": {"0"}},
			"index.php?module=Home&action=JSDisabled&login_module=Administration&login_action=index&login_record="},
	}
	for i, c := range cases {
		resp := post(newBrowser(t, r.URL), c.user, c.pw, c.extra)
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != c.want {
			t.Errorf("case %d: %d Location %q, want %q", i, resp.StatusCode, resp.Header.Get("Location"), c.want)
		}
	}
	// The refused login: index.php sends to the login page, which shows the error.
	b := newBrowser(t, r.URL)
	post(b, DemoUser, "wrong", withModule)
	resp, _ := b.get("index.php")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "index.php?module=Users&action=Login" {
		t.Fatalf("index.php after a refused login: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body := b.get(resp.Header.Get("Location"))
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	if got := doc.Find("span#error_message").Text(); got != "You must specify a valid username and password." {
		t.Errorf("login error %q", got)
	}
	if style, _ := doc.Find("tr#error_row").Attr("style"); style != "" {
		t.Errorf("error row hidden: %q", style)
	}
	if c := r.Server.Counters(); c.FailedLogins != 4 || c.Logins != 5 {
		t.Errorf("counters %+v", c)
	}
}

// The failure-page variant: a 200 page that again holds the login form.
func TestLoginFailurePageVariantAndWrongPasswordFault(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Faults.LoginFailurePage = true }))
	if resp := newBrowser(t, r.URL).login(DemoUser, "nope"); resp.StatusCode != 200 {
		t.Errorf("failure page variant: %d", resp.StatusCode)
	}
	r2, _ := startSim(t, scenario(t, "wrong-password"))
	if resp := newBrowser(t, r2.URL).login(DemoUser, DemoPassword); resp.Header.Get("Location") != "index.php" {
		t.Errorf("wrong-password scenario accepted the login: %q", resp.Header.Get("Location"))
	}
}

// L11: a non-admin gets "Admin Only" from the Configurator and
// ERR_NOT_ADMIN elsewhere (German: the pack's text); no admin markers.
func TestNonAdminTexts(t *testing.T) {
	for lang, want := range map[string]string{"demo": "Unauthorized access to administration.", "german-admin": "Unbefungter Zugriff auf die Verwaltung"} {
		r, _ := startSim(t, scenario(t, lang))
		b := newBrowser(t, r.URL)
		b.mustLogin(NonAdminUser, NonAdminPassword)
		_, body := b.get(backupPath)
		if body != "Admin Only" {
			t.Errorf("%s: Configurator as non-admin: %q", lang, body)
		}
		for _, p := range []string{listPath, "index.php?module=LicenseInfo&action=index", "index.php?module=Administration&action=index"} {
			resp, body := b.get(p)
			if resp.StatusCode != 200 {
				t.Errorf("%s: %d", p, resp.StatusCode)
			}
			mustContain(t, text(body), want)
			mustNotContain(t, body, "Uploaded Packages", "backup_target_dir", "licensed to", `name="user_password"`)
		}
	}
}

// §2 session expiry after N requests and after idle time: GET and POST
// are sent to the Users/Login action with the page they wanted; a POST
// changes nothing.
func TestSessionExpiry(t *testing.T) {
	r, clock := startSim(t, scenario(t, "session-expiry"))
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	for i := 0; i < 6; i++ {
		if resp, _ := b.get(listPath); resp.StatusCode != 200 {
			t.Fatalf("request %d: %d", i+1, resp.StatusCode)
		}
	}
	resp, _ := b.get(listPath)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "index.php?module=Users&action=Login&login_module=UWizard&login_action=index" {
		t.Fatalf("7th request: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	b.mustLogin(DemoUser, DemoPassword)
	clock.Advance(3 * time.Minute)
	resp, _ = b.post("index.php", url.Values{"module": {"Configurator"}, "action": {"EditView"}, "layout": {"Backup"}, "record_perform": {"runbackup"}})
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "index.php?module=Users&action=Login&login_module=Configurator&login_action=EditView" ||
		r.Server.Counters().BackupsStarted != 0 {
		t.Errorf("POST after expiry: %d %q, backups %d", resp.StatusCode, resp.Header.Get("Location"), r.Server.Counters().BackupsStarted)
	}
}

// The hypothetical hidden-field CSRF variant (csrf-token scenario).
func TestHiddenCSRFTokenVariant(t *testing.T) {
	r, _ := startSim(t, scenario(t, "csrf-token"))
	b := newBrowser(t, r.URL)
	b.get("index.php?module=Users&action=Login")
	resp, _ := b.post("index.php", url.Values{"module": {"Users"}, "action": {"Authenticate"}, "user_name": {DemoUser},
		"user_password": {DemoPassword}, "login_module": {"Administration"}})
	if resp.Header.Get("Location") != "index.php" {
		t.Fatalf("login without token: %q", resp.Header.Get("Location"))
	}
	b.mustLogin(DemoUser, DemoPassword) // copies the hidden inputs, token included
	_, page := b.get(backupPath)
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

// Pages carry no machine-only hooks: the only ids are those the real 7.x
// templates have (login page, condition inputs, backup history, updates
// table), and no data- attributes at all.
func TestPagesHaveNoMachineHooks(t *testing.T) {
	allowed := map[string]bool{"login_button": true, "error_row": true, "error_message": true, "backup_history": true,
		"updates_table": true, "check_updates": true}
	r, _ := startSim(t, scenario(t, "demo"))
	b := newBrowser(t, r.URL)
	_, login := b.get("index.php?module=Users&action=Login")
	b.mustLogin(DemoUser, DemoPassword)
	b.uploadExNew(t)
	pages := []string{login}
	for _, p := range []string{"index.php?module=LicenseInfo&action=index", backupPath, listPath, "index.php?module=Home&action=index"} {
		_, body := b.get(p)
		pages = append(pages, body)
	}
	for _, body := range pages {
		mustNotContain(t, body, " data-")
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
		doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
			id, _ := s.Attr("id")
			if !allowed[id] && !strings.HasPrefix(id, "condition_") && !strings.HasPrefix(id, "conditions_") {
				t.Errorf("unexpected id %q", id)
			}
		})
	}
}
