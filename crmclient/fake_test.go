package crmclient

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeCRM is a hand-written stand-in for one 1CRM instance, serving the
// testdata/ fixtures that follow the SPEC (1crm-interfaces.md), under the
// sub-path /1crm. Tests switch behaviours by setting fields or hooks.
// (The full simulator is crmclient/sim; these unit tests do not use it so
// that the client is checked against the spec, not against the sim.)

var fixtures = template.Must(template.ParseGlob("testdata/*.html"))

type fakeUser struct {
	password string
	admin    bool
}

type fakePkg struct {
	Name, Type, Version, Published, Author, Status, Source, Installed string
	Conditions                                                        bool
}

type fakeBackup struct{ Path, Size string }

type prepView struct {
	Lang, Name, Message, Source, CSRF, Warnings string
	Steps                                       []PrepareStep
	Proceed                                     bool
}

type fake struct {
	t      *testing.T
	mu     sync.Mutex
	srv    *httptest.Server
	prefix string
	lang   string
	csrf   string // when set, every POST must carry csrf_token=csrf

	users       map[string]fakeUser
	sessions    map[string]string
	expireNext  int  // the next N session checks fail (session expired)
	login200    bool // a failed login answers 200 with the login page again
	logins      int
	posts       []url.Values
	badCSRF     int
	apiRequests []string

	uploaded, installed              []fakePkg
	upgradesDisabled, uploadDisabled bool
	message                          string
	disabledText                     string
	onUpload                         func(f *fake, r *http.Request) url.Values // replaces multipart parsing
	uploadReply                      string                                    // reject the upload with this message
	onPrepare                        func(f *fake, form url.Values) prepView
	onPrepareRaw                     func(w http.ResponseWriter) // answers prepare_install with a raw page
	onInstall                        func(f *fake, form url.Values, w http.ResponseWriter)
	steps, failAt, stallAt           int
	failPage                         []byte // when set, the failing step answers this page (status failStatus, else 200)
	failStatus                       int
	stepsDone                        int
	coreTarget                       string // when set, install completion sets version
	version                          string

	licenseTpl  string
	licenseData map[string]any

	backupTpl     string
	backupHist    []fakeBackup
	backupData    map[string]any
	onBackup      func(f *fake, w http.ResponseWriter, r *http.Request)
	api           map[string]http.HandlerFunc
	downloadFiles map[string][]byte
	dlCookies     []string // PHPSESSID values seen on download requests ("" = none)
}

func newFake(t *testing.T) *fake {
	f := &fake{t: t, prefix: "/1crm", lang: "en",
		users:    map[string]fakeUser{"admin": {"s3cret", true}, "clerk": {"pw", false}},
		sessions: map[string]string{}, api: map[string]http.HandlerFunc{},
		steps: 4, version: "8.7.6", licenseTpl: "license_en.html", backupTpl: "backup_en.html",
		disabledText:  "MSG_LIC_UPGRADES_DISABLED: Upgrades are disabled because your support subscription has expired.",
		downloadFiles: map[string][]byte{},
	}
	f.licenseData = map[string]any{"Licensed": true, "Licensee": "Acme GmbH", "Users": 25,
		"Support": "Your support contract will expire on 2025-03-31 (in 200 days).", "LED": "green",
		"Updates": true, "FirstType": "initial"}
	f.backupData = map[string]any{"Enabled": true, "Dump": true, "DumpAvail": true}
	f.api["/version"] = func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"version": f.version, "authenticated": false, "products": []string{"infoathand", "portal"}})
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) base() string { return f.srv.URL + f.prefix }

func (f *fake) client(t *testing.T, mod func(*Config)) *Client {
	cfg := Config{BaseURL: f.base() + "/index.php", User: "admin", Password: "s3cret",
		HTTPClient: f.srv.Client(), InstallPollInterval: 20 * time.Millisecond, InstallMaxWait: 2 * time.Second,
		BackupPollInterval: 20 * time.Millisecond, BackupTick: 10 * time.Millisecond, Timeout: 5 * time.Second}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fake) render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := fixtures.ExecuteTemplate(w, name, data); err != nil {
		f.t.Errorf("render %s: %v", name, err)
	}
}

func (f *fake) redirect(w http.ResponseWriter, to string) {
	w.Header().Set("Location", to)
	w.WriteHeader(http.StatusFound)
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, f.prefix+"/api.php"):
		f.mu.Lock()
		f.apiRequests = append(f.apiRequests, r.Method+" "+strings.TrimPrefix(p, f.prefix+"/api.php"))
		h := f.api[strings.TrimPrefix(p, f.prefix+"/api.php")]
		f.mu.Unlock()
		if h == nil {
			writeJSON(w, 404, map[string]string{"message": "Not found", "error": "not_found"})
			return
		}
		h(w, r)
	case p == f.prefix+"/index.php":
		f.serveIndex(w, r)
	case p == f.prefix+"/upgrade.php":
		f.serveUpgrade(w, r)
	case strings.HasPrefix(p, "/dl/") || p == f.prefix+"/dl.php":
		ck, _ := r.Cookie("PHPSESSID")
		f.mu.Lock()
		b, ok := f.downloadFiles[p]
		if ck != nil {
			f.dlCookies = append(f.dlCookies, ck.Value)
		} else {
			f.dlCookies = append(f.dlCookies, "")
		}
		f.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(b)))
		_, _ = w.Write(b)
	default:
		http.NotFound(w, r)
	}
}

// sessionUser returns the logged-in user name or "".
func (f *fake) sessionUser(r *http.Request) string {
	ck, err := r.Cookie("PHPSESSID")
	if err != nil {
		return ""
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.expireNext > 0 {
		f.expireNext--
		delete(f.sessions, ck.Value)
		return ""
	}
	return f.sessions[ck.Value]
}

func (f *fake) serveIndex(w http.ResponseWriter, r *http.Request) {
	var form url.Values
	if r.Method == http.MethodPost {
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") && f.onUpload != nil {
			form = f.onUpload(f, r)
		} else if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			form = f.multipartFields(r)
		} else {
			_ = r.ParseForm()
			form = r.PostForm
		}
		f.mu.Lock()
		f.posts = append(f.posts, form)
		bad := f.csrf != "" && form.Get("csrf_token") != f.csrf
		if bad {
			f.badCSRF++
		}
		f.mu.Unlock()
		if bad {
			http.Error(w, "Invalid request token", http.StatusForbidden)
			return
		}
	} else {
		form = r.URL.Query()
	}
	q := r.URL.Query()
	module, action := q.Get("module"), q.Get("action")
	if form.Get("module") != "" {
		module, action = form.Get("module"), form.Get("action")
	}
	if module == "Users" && action == "Login" {
		f.render(w, "login.html", map[string]any{"Lang": f.lang, "CSRF": f.csrf, "Failed": q.Get("login_failed") != ""})
		return
	}
	if module == "Users" && action == "Authenticate" && r.Method == http.MethodPost {
		f.mu.Lock()
		f.logins++
		u, ok := f.users[form.Get("user_name")]
		f.mu.Unlock()
		if !ok || u.password != form.Get("user_password") {
			if f.login200 {
				f.render(w, "login.html", map[string]any{"Lang": f.lang, "CSRF": f.csrf, "Failed": true})
				return
			}
			f.redirect(w, "index.php?module=Users&action=Login&login_failed=1")
			return
		}
		sid := fmt.Sprintf("sid%d", time.Now().UnixNano())
		f.mu.Lock()
		f.sessions[sid] = form.Get("user_name")
		f.mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: "PHPSESSID", Value: sid, Path: "/", HttpOnly: true})
		f.redirect(w, "index.php?module=Home&action=index")
		return
	}
	user := f.sessionUser(r)
	if user == "" {
		f.redirect(w, "index.php?module=Users&action=Login")
		return
	}
	if module == "Home" {
		f.render(w, "home.html", nil)
		return
	}
	if !f.users[user].admin {
		f.render(w, "denied_"+f.lang+".html", nil)
		return
	}
	switch module {
	case "UWizard":
		f.serveUWizard(w, r, form)
	case "LicenseInfo":
		f.render(w, f.licenseTpl, f.licenseData)
	case "Configurator":
		if r.Method == http.MethodPost && form.Get("record_perform") == "runbackup" {
			if f.onBackup != nil {
				f.onBackup(f, w, r)
				return
			}
		}
		f.renderBackup(w, "")
	default:
		http.NotFound(w, r)
	}
}

func (f *fake) renderBackup(w http.ResponseWriter, msg string) {
	f.mu.Lock()
	d := map[string]any{"History": append([]fakeBackup(nil), f.backupHist...), "CSRF": f.csrf, "Message": msg}
	for k, v := range f.backupData {
		d[k] = v
	}
	f.mu.Unlock()
	f.render(w, f.backupTpl, d)
}

func (f *fake) multipartFields(r *http.Request) url.Values {
	mr, err := r.MultipartReader()
	if err != nil {
		return url.Values{}
	}
	return readMultipartFields(mr)
}

// readMultipartFields reads an upload form the way PHP sees it: the text
// fields as values, the file part only as its name, field and size
// (_file_name, _file_field, _file_size), its bytes read and dropped.
func readMultipartFields(mr *multipart.Reader) url.Values {
	out := url.Values{}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return out
		}
		if part.FileName() != "" {
			n, _ := io.Copy(io.Discard, part)
			out.Set("_file_name", part.FileName())
			out.Set("_file_field", part.FormName())
			out.Set("_file_size", fmt.Sprint(n))
			continue
		}
		b, _ := io.ReadAll(part)
		out.Add(part.FormName(), string(b))
	}
}

func (f *fake) listView(msg string) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return map[string]any{"Message": msg, "CSRF": f.csrf, "Uploaded": f.uploaded, "Installed": f.installed,
		"UpgradesDisabled": f.upgradesDisabled, "UploadDisabled": f.uploadDisabled,
		"DisabledText": f.disabledText, "InProgress": f.stepsDone > 0 && f.stepsDone < f.steps}
}

func (f *fake) serveUWizard(w http.ResponseWriter, r *http.Request, form url.Values) {
	tpl := "uwizard_" + f.lang + ".html"
	if r.Method != http.MethodPost {
		f.render(w, tpl, f.listView(f.message))
		return
	}
	switch form.Get("perform") {
	case "upload":
		msg := ""
		if f.uploadReply != "" {
			msg = f.uploadReply
		} else if form.Get("_file_name") != "" && form.Get("_file_field") == "upgrade_zip" {
			msg = "Package uploaded successfully"
			f.mu.Lock()
			f.uploaded = append(f.uploaded, fakePkg{Name: "Call Sheets", Type: "module", Version: "1.4.2",
				Status: "Package is ready for installation", Source: "cache/upgrades/module/" + form.Get("_file_name")})
			f.mu.Unlock()
		}
		f.render(w, tpl, f.listView(msg))
	case "delete":
		f.mu.Lock()
		var keep []fakePkg
		for _, p := range f.uploaded {
			if p.Source != form.Get("source") {
				keep = append(keep, p)
			}
		}
		f.uploaded = keep
		f.mu.Unlock()
		f.render(w, tpl, f.listView(""))
	case "prepare_install":
		if f.onPrepareRaw != nil {
			f.onPrepareRaw(w)
			return
		}
		v := prepView{Lang: f.lang, Source: form.Get("source"), CSRF: f.csrf, Proceed: true,
			Steps: []PrepareStep{{"unzipPackage", "success", "ok"}, {"checkSystem", "success", "ok"}, {"checkPermissions", "success", "ok"}}}
		if f.onPrepare != nil {
			v = f.onPrepare(f, form)
			v.Lang, v.Source, v.CSRF = f.lang, form.Get("source"), f.csrf
		}
		f.render(w, "prepare.html", v)
	case "install":
		if f.onInstall != nil {
			f.onInstall(f, form, w)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<html><body><script>window.location.href='upgrade.php?uw_run=tok1';</script>
<p>Installing… <a href="upgrade.php?uw_run=tok1">continue</a></p></body></html>`)
	default:
		http.Error(w, "unknown perform", 400)
	}
}

// serveUpgrade runs one commit step per GET (the simulator convention of
// spec §5.4), failing at failAt or stalling (no refresh) at stallAt.
func (f *fake) serveUpgrade(w http.ResponseWriter, r *http.Request) {
	if f.sessionUser(r) == "" {
		f.redirect(w, "index.php?module=Users&action=Login")
		return
	}
	step := 1
	fmt.Sscan(r.URL.Query().Get("step"), &step)
	if step == 0 {
		step = 1
	}
	f.mu.Lock()
	f.stepsDone = step
	n, failAt, stallAt := f.steps, f.failAt, f.stallAt
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/html")
	if step == failAt && f.failPage != nil {
		if f.failStatus != 0 {
			w.WriteHeader(f.failStatus)
		}
		_, _ = w.Write(f.failPage)
		return
	}
	if step == failAt {
		fmt.Fprintf(w, `<html><body><p>Step %d of %d: commit</p><p>Error: could not copy modules/Accounts/Account.php (permission denied)</p></body></html>`, step, n)
		return
	}
	if step == stallAt {
		fmt.Fprintf(w, `<html><body><p>Step %d of %d: commit</p></body></html>`, step, n)
		return
	}
	if step > n {
		f.mu.Lock()
		var keep []fakePkg
		for _, p := range f.uploaded {
			if p.Name == "Call Sheets" || p.Type == "patch" {
				inst := p
				inst.Installed = "2025-03-01"
				f.installed = append(f.installed, inst)
				if p.Type == "patch" && f.coreTarget != "" {
					f.version = f.coreTarget
				}
				continue
			}
			keep = append(keep, p)
		}
		f.uploaded = keep
		f.stepsDone = 0
		f.mu.Unlock()
		w.Header().Set("Location", "index.php?module=UWizard&action=index")
		w.WriteHeader(http.StatusSeeOther)
		return
	}
	fmt.Fprintf(w, `<html><head><meta http-equiv="refresh" content="1;url=upgrade.php?uw_run=tok1&amp;step=%d"></head><body><p>Step %d of %d: commit</p></body></html>`, step+1, step, n)
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// logBuffer captures the client's slog output for secret checks.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *logBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func newLogger(lb *logBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(lb, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
