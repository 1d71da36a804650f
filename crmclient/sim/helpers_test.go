package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// testNow is a Monday morning in Berlin.
var testNow = time.Date(2025, 6, 2, 9, 0, 0, 0, time.FixedZone("CEST", 2*3600))

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func scenario(t *testing.T, name string, mod ...func(*Scenario)) *Scenario {
	t.Helper()
	sc, ok := Builtin(name)
	if !ok {
		t.Fatalf("no builtin %q", name)
	}
	for _, m := range mod {
		m(sc)
	}
	return sc
}

// startSim serves sc over real HTTP with a fake clock and no sleeping.
func startSim(t *testing.T, sc *Scenario, mod ...func(*Options)) (*Running, *fakeClock) {
	t.Helper()
	clock := &fakeClock{t: testNow}
	opt := Options{Now: clock.Now, Sleep: func(time.Duration) {}, Logf: t.Logf, TempDir: t.TempDir()}
	for _, m := range mod {
		m(&opt)
	}
	r, err := Start(sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r, clock
}

// browser is a cookie-keeping client that does not follow redirects, so
// tests see each 302/303 like the real client must. Like a browser running
// the 8x pages' scripts, it sends the CSRF cookie's value in the
// X-OneCRM-CSRF-Token header on every POST (unless noCSRF).
type browser struct {
	t      *testing.T
	base   string
	c      *http.Client
	jar    http.CookieJar
	noCSRF bool
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, jar: jar, c: &http.Client{
		Jar:           jar,
		Timeout:       60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// cookie returns the value of the named cookie for the base URL.
func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.base + "/")
	for _, c := range b.jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

func (b *browser) do(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	if req.Method == http.MethodPost && !b.noCSRF {
		if v := b.cookie("onecrm_csrf"); v != "" {
			req.Header.Set(csrfHeader, v)
		}
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func (b *browser) get(path string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.base+"/"+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.base+"/"+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// postJSON posts a JSON body and decodes a JSON answer.
func (b *browser) postJSON(path string, body any) (*http.Response, map[string]any) {
	b.t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", b.base+"/"+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	resp, text := b.do(req)
	out := map[string]any{}
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		out["_raw"] = text
	}
	return resp, out
}

// login posts the 7x login form (its hidden inputs plus the credentials,
// login_module/login_action so success is visible in Location).
func (b *browser) login(user, pw string) *http.Response {
	b.t.Helper()
	_, body := b.get("index.php?module=Users&action=Login")
	form := formOf(b.t, body, "action", "Authenticate")
	form.Set("user_name", user)
	form.Set("user_password", pw)
	form.Set("login_module", "Administration")
	form.Set("login_action", "index")
	resp, _ := b.post("index.php", form)
	return resp
}

// mustLogin logs in with the dialect's browser route: 7x the form (success
// = Location carries module=Administration), 8x the JSON login.
func (b *browser) mustLogin(user, pw string) {
	b.t.Helper()
	if b.cookie("onecrm_csrf") != "" || b.is8x() {
		_, out := b.jsonLogin(user, pw, "")
		if out["result"] != "ok" {
			b.t.Fatalf("JSON login: %v", out)
		}
		return
	}
	resp := b.login(user, pw)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || loc != "index.php?module=Administration&action=index" {
		b.t.Fatalf("login: %d Location %q", resp.StatusCode, loc)
	}
}

// is8x asks the server: login.php exists only in the 8x dialect.
func (b *browser) is8x() bool {
	b.t.Helper()
	resp, _ := b.get("login.php")
	return resp.StatusCode == http.StatusOK
}

// jsonLogin is the 8x browser login: GET login.php (CSRF cookie), then
// POST json.php?action=login with the header.
func (b *browser) jsonLogin(user, pw, language string) (*http.Response, map[string]any) {
	b.t.Helper()
	b.get("login.php")
	return b.postJSON("json.php?action=login", map[string]any{"username": user, "password": pw, "language": language,
		"login_module": "Administration", "login_action": "index", "theme": "Claro", "captcha": "", "res_width": 1280, "res_height": 800})
}

// upload streams a multipart POST with the file in upgrade_zip (after the
// page's hidden inputs), as the real client must.
func (b *browser) upload(fields url.Values, fileName string, data io.Reader) (*http.Response, string) {
	b.t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		for k, vs := range fields {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		fw, err := mw.CreateFormFile("upgrade_zip", fileName)
		if err == nil {
			_, err = io.Copy(fw, data)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest("POST", b.base+"/index.php", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// uploadForm returns the hidden inputs of the list page's upload form.
func (b *browser) uploadForm() url.Values {
	b.t.Helper()
	_, body := b.get("index.php?module=UWizard&action=index")
	return formOf(b.t, body, "perform", "upload")
}

// formOf returns hidden inputs and checked checkboxes of the first form
// that has a hidden input key=value.
func formOf(t *testing.T, body, key, value string) url.Values {
	t.Helper()
	f, ok := findForm(body, key, value)
	if !ok {
		t.Fatalf("no form with %s=%s in page:\n%s", key, value, body)
	}
	return f
}

func findForm(body, key, value string) (url.Values, bool) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		return nil, false
	}
	var out url.Values
	doc.Find("form").EachWithBreak(func(_ int, f *goquery.Selection) bool {
		vals := url.Values{}
		f.Find("input").Each(func(_ int, in *goquery.Selection) {
			typ, _ := in.Attr("type")
			name, _ := in.Attr("name")
			v, _ := in.Attr("value")
			_, checked := in.Attr("checked")
			_, disabled := in.Attr("disabled")
			if name == "" || disabled {
				return
			}
			if typ == "hidden" || (typ == "checkbox" && checked) {
				vals.Add(name, v)
			}
		})
		if vals.Get(key) == value {
			out = vals
			return false
		}
		return true
	})
	return out, out != nil
}

// text is the visible text of a page, whitespace collapsed.
func text(body string) string {
	z := html.NewTokenizer(strings.NewReader(body))
	var parts []string
	skip := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
		case html.StartTagToken:
			name, _ := z.TagName()
			skip = string(name) == "script" || string(name) == "title"
		case html.EndTagToken:
			skip = false
		case html.TextToken:
			if !skip {
				parts = append(parts, string(z.Text()))
			}
		}
	}
}

// api calls api.php and decodes a JSON answer.
func api(t *testing.T, method, u, token string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, u, rd)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	st, raw := sendBearer(t, req, token)
	out := map[string]any{}
	if err := json.Unmarshal(raw, &out); err != nil {
		out["_raw"] = string(raw)
	}
	return st, out
}

// sendBearer sends req, with the bearer token unless it is empty, and
// returns the status and the whole body.
func sendBearer(t *testing.T, req *http.Request, token string) (int, []byte) {
	t.Helper()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}

func passwordToken(t *testing.T, r *Running) map[string]any {
	t.Helper()
	st, tok := api(t, "POST", r.URL+"/api.php/auth/user/access_token", "", map[string]string{
		"grant_type": "password", "client_id": DemoClientID, "client_secret": DemoClientSecret,
		"scope": "read write profile", "username": DemoUser, "password": DemoPassword})
	if st != 200 {
		t.Fatalf("token: %d %v", st, tok)
	}
	return tok
}

func mustContain(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("missing %q in:\n%s", sub, s)
		}
	}
}

func mustNotContain(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			t.Errorf("unexpected %q in:\n%s", sub, s)
		}
	}
}

// packageZip builds a package ZIP in memory.
func packageZip(t *testing.T, p PackageSpec) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := BuildPackageZip(&buf, p, 0); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func extension(id, ver string, regex ...string) PackageSpec {
	return PackageSpec{Name: "Ext " + id, ID: id, Type: "module", Version: ver, RegexMatches: regex,
		Uninstallable: true, FileName: fmt.Sprintf("%s-%s.zip", id, ver)}
}

// uploadExNew uploads the exNew 1.0 extension through the upload form and
// returns the Upgrade Wizard list page that follows.
func (b *browser) uploadExNew(t *testing.T) string {
	t.Helper()
	b.upload(b.uploadForm(), "exNew-1.0.zip", bytes.NewReader(packageZip(t, extension("exNew", "1.0"))))
	_, list := b.get(listPath)
	return list
}

// startInstall uploads exNew 1.0, prepares it and posts the finished
// form's Proceed (perform=install); it returns the install answer.
func (b *browser) startInstall(t *testing.T) string {
	t.Helper()
	list := b.uploadExNew(t)
	_, page := b.post("index.php", rowForm(t, list, "Ext exNew", "prepare_install"))
	_, page = b.post("index.php", formOf(t, page, "perform", "install"))
	mustContain(t, page, "<script>document.location.href='upgrade.php';</script>")
	return page
}

// mustRefuseUpload posts exNew 1.0 to the upload action directly (no form
// on the page to take it from) and checks that the answer says want and
// that nothing was stored (§3 expired support, §5.2 hosted).
func (b *browser) mustRefuseUpload(t *testing.T, r *Running, want string) {
	t.Helper()
	_, body := b.upload(url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"upload"}}, "x.zip",
		bytes.NewReader(packageZip(t, extension("exNew", "1.0"))))
	mustContain(t, text(body), want)
	if up := r.Server.Uploaded(); len(up) != 0 {
		t.Errorf("upload accepted despite %q: %v", want, up)
	}
}
