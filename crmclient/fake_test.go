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

// fakeCRM is a hand-written stand-in for one 1CRM instance under the
// sub-path /1crm, answering with the REAL page structure (the 7.x
// templates, see testdata/pages and fake_pages_test.go) in one of two
// dialects:
//   - "7x": index.php?module=Users&action=Login, Authenticate answering
//     Location: index.php (?module=… only on success with login_module),
//     no json.php;
//   - "8x": login.php, redirects of unauthenticated GETs and POSTs to
//     login.php?login_module=…, POST json.php?action=login, a CSRF cookie
//     (named XSRF-TOKEN here, to keep the client generic) that every POST
//     must echo in X-OneCRM-CSRF-Token, an optional captcha widget.
//
// Tests switch behaviours by setting fields or hooks. (The full simulator
// is crmclient/sim; these unit tests do not use it so that the client is
// checked against the real structure, not against the sim.)

var fixtures = template.Must(template.ParseGlob("testdata/*.html"))

const fakeCSRFCookie = "XSRF-TOKEN"

type fakeUser struct {
	password string
	admin    bool
}

type fakePkg struct {
	Name, Type, Version, Published, Author, Status, Source, Installed, Description string
	Conditions                                                                     []string
}

type fakeBackup struct{ Path, Size string }

// fakeStep is one prepare step as the fake renders it.
type fakeStep struct {
	Name, Label, Status, Message string
	Rows                         [][2]string // messages table (name, message)
	Errors                       []string
}

// prepView is one prepare answer.
type prepView struct {
	Steps    []fakeStep
	Finished bool // all passed: the finished form (perform=install)
	Message  string
}

type fake struct {
	t       *testing.T
	mu      sync.Mutex
	srv     *httptest.Server
	prefix  string
	lang    string
	dialect string // "7x" (default) or "8x"

	users       map[string]fakeUser
	sessions    map[string]string
	expireNext  int    // the next N session checks fail (session expired)
	captcha     bool   // 8x: the login page shows the human check; JSON logins fail
	logins      int    // login attempts (Authenticate POSTs and JSON logins)
	loginError  string // 7x: shown once on the login page after a failed attempt
	posts       []url.Values
	badCSRF     int
	csrfSeen    []string // X-OneCRM-CSRF-Token values of POSTs
	apiRequests []string

	uploaded, installed []fakePkg
	upgradesDisabled    bool
	redirectHome302     bool // expired support answered by a plain 302 to Home
	uploadDisabled      bool
	onUpload            func(f *fake, r *http.Request) url.Values // replaces multipart parsing
	uploadReply         string                                    // reject the upload with this message (red box)
	onPrepare           func(f *fake, form url.Values) prepView
	onPrepareRaw        func(w http.ResponseWriter) // answers prepare_install with a raw page
	onInstall           func(f *fake, form url.Values, w http.ResponseWriter)

	flow        string // upgrade.php: "script" (default), "form", "xhr"
	steps       int    // commit steps of an install (the last is the cleanup)
	failAt      int
	warnAt      int
	stallAt     int    // that step's request hangs until the client gives up (once)
	dropAt      int    // that step's request is cut without an answer (once); the step does not run
	loopAt      int    // from that step on, upgrade.php answers "please wait" and refreshes to itself, forever
	noNotice    bool   // the list page shows no "upgrade in progress" notice
	lockStays   bool   // the cleanup step does not lift the lock
	failPage    []byte // when set, the failing step answers this page (status failStatus, else 200)
	failStatus  int
	inProgress  bool
	installing  string // source of the install in progress
	stepsDone   int
	coreTarget  string // when set, the commit step sets version
	version     string
	installPost int // perform=install POSTs without uw_step

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
	f := &fake{t: t, prefix: "/1crm", lang: "en", dialect: "7x", flow: "script",
		users:    map[string]fakeUser{"admin": {"s3cret", true}, "clerk": {"pw", false}},
		sessions: map[string]string{}, api: map[string]http.HandlerFunc{},
		steps: 3, version: "8.7.6", licenseTpl: "license_en.html", backupTpl: "backup_en.html",
		downloadFiles: map[string][]byte{},
	}
	f.licenseData = map[string]any{"Licensed": true, "Licensee": "Acme GmbH", "Users": 25,
		"Support": "Your support contract will expire on 2025-03-31 (in 200 days).", "LED": "green",
		"Updates": true, "FirstType": "initial"}
	f.backupData = map[string]any{"Enabled": true, "Dump": true, "DumpAvail": true}
	f.api["/version"] = func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		v := f.version
		f.mu.Unlock()
		writeJSON(w, 200, map[string]any{"version": v, "authenticated": false, "products": []string{"infoathand", "portal"}})
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) base() string { return f.srv.URL + f.prefix }

func (f *fake) client(t *testing.T, mod func(*Config)) *Client {
	cfg := Config{BaseURL: f.base() + "/index.php", User: "admin", Password: "s3cret",
		HTTPClient: f.srv.Client(), InstallPollInterval: 20 * time.Millisecond, InstallMaxWait: 2 * time.Second,
		BackupPollInterval: 20 * time.Millisecond, BackupTick: 10 * time.Millisecond, Timeout: 5 * time.Second,
		InstallTick: 20 * time.Millisecond}
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

func (f *fake) html(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func (f *fake) redirect(w http.ResponseWriter, to string) {
	w.Header().Set("Location", to)
	w.WriteHeader(http.StatusFound)
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if f.dialect == "8x" {
		if ck, err := r.Cookie(fakeCSRFCookie); err != nil || ck.Value == "" {
			http.SetCookie(w, &http.Cookie{Name: fakeCSRFCookie, Value: "csrf-7f3a9c", Path: "/"})
		}
		if r.Method == http.MethodPost && !strings.HasPrefix(p, f.prefix+"/api.php") {
			got := r.Header.Get(CSRFHeader)
			f.mu.Lock()
			f.csrfSeen = append(f.csrfSeen, got)
			bad := got != "csrf-7f3a9c"
			if bad {
				f.badCSRF++
			}
			f.mu.Unlock()
			if bad {
				f.html(w, http.StatusForbidden, "<html><body><h1>Forbidden</h1><p>Invalid request token.</p></body></html>")
				return
			}
		}
	}
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
	case p == f.prefix+"/json.php" && f.dialect == "8x":
		f.serveJSON(w, r)
	case p == f.prefix+"/login.php" && f.dialect == "8x":
		f.html(w, 200, fakeLogin8(f.captcha))
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

// checkLogin counts an attempt and returns the refusal text ("" = ok).
func (f *fake) checkLogin(user, password string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logins++
	u, ok := f.users[user]
	switch {
	case !ok || u.password != password:
		return "You must specify a valid username and password."
	case !u.admin && f.inProgress:
		return "An upgrade is in progress. Please try again later."
	}
	return ""
}

func (f *fake) newSession(w http.ResponseWriter, user string) {
	f.mu.Lock()
	sid := fmt.Sprintf("sid%d", time.Now().UnixNano())
	f.sessions[sid] = user
	f.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: "PHPSESSID", Value: sid, Path: "/", HttpOnly: true})
}

// serveJSON is 8x json.php?action=login (JSON or form body).
func (f *fake) serveJSON(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("action") != "login" || r.Method != http.MethodPost {
		writeJSON(w, 200, map[string]any{"result": "error", "message": "Unknown action"})
		return
	}
	var in map[string]string
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		_ = json.NewDecoder(r.Body).Decode(&in)
	} else {
		_ = r.ParseForm()
		in = map[string]string{}
		for k := range r.PostForm {
			in[k] = r.PostForm.Get(k)
		}
	}
	v := url.Values{}
	for k, x := range in {
		v.Set(k, x)
	}
	f.mu.Lock()
	f.posts = append(f.posts, v)
	captcha := f.captcha
	f.mu.Unlock()
	if captcha && in["captcha"] == "" {
		f.mu.Lock()
		f.logins++
		f.mu.Unlock()
		writeJSON(w, 200, map[string]any{"result": "error", "message": "Please confirm that you are a human."})
		return
	}
	if msg := f.checkLogin(in["username"], in["password"]); msg != "" {
		if strings.Contains(msg, "valid username") {
			msg = "Login failed."
		}
		writeJSON(w, 200, map[string]any{"result": "error", "message": msg})
		return
	}
	f.newSession(w, in["username"])
	writeJSON(w, 200, map[string]any{"result": "ok", "json_session_id": "x", "user_id": "1", "session_name": "PHPSESSID",
		"redirect": "index.php?module=" + in["login_module"] + "&action=" + in["login_action"]})
}

func (f *fake) toLogin(w http.ResponseWriter, module, action string) {
	if f.dialect == "8x" {
		f.redirect(w, "login.php?"+url.Values{"login_module": {module}, "login_action": {action}}.Encode())
		return
	}
	v := url.Values{"module": {"Users"}, "action": {"Login"}}
	if module != "" {
		v.Set("login_module", module)
		v.Set("login_action", action)
	}
	f.redirect(w, "index.php?"+v.Encode())
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
		f.mu.Unlock()
	} else {
		form = r.URL.Query()
	}
	q := r.URL.Query()
	module, action := q.Get("module"), q.Get("action")
	if form.Get("module") != "" {
		module, action = form.Get("module"), form.Get("action")
	}
	if f.dialect == "8x" && module == "Users" && action == "Login" {
		f.toLogin(w, "Users", "Login")
		return
	}
	if f.dialect == "7x" && module == "Users" && action == "Login" {
		f.mu.Lock()
		msg := f.loginError
		f.loginError = ""
		f.mu.Unlock()
		f.html(w, 200, fakeLogin7(msg, q))
		return
	}
	if f.dialect == "7x" && module == "Users" && action == "Authenticate" && r.Method == http.MethodPost {
		if msg := f.checkLogin(form.Get("user_name"), form.Get("user_password")); msg != "" {
			f.mu.Lock()
			f.loginError = msg
			f.mu.Unlock()
			f.redirect(w, "index.php") // Authenticate.php: plain index.php on failure
			return
		}
		f.newSession(w, form.Get("user_name"))
		to := "index.php"
		if m := form.Get("login_module"); m != "" {
			to += "?module=" + m + "&action=" + form.Get("login_action")
		}
		f.redirect(w, to)
		return
	}
	user := f.sessionUser(r)
	if user == "" {
		if f.dialect == "7x" && module == "" {
			f.mu.Lock()
			msg := f.loginError
			f.loginError = ""
			f.mu.Unlock()
			f.html(w, 200, fakeLogin7(msg, nil)) // index.php without a session shows the login page
			return
		}
		f.toLogin(w, module, action)
		return
	}
	f.mu.Lock()
	admin := f.users[user].admin
	f.mu.Unlock()
	if module == "Home" || module == "" {
		f.html(w, 200, f.frame("Home", "<h2>Home</h2><p>Welcome.</p>"))
		return
	}
	if !admin {
		text := "Unauthorized access to administration."
		if module == "Configurator" {
			text = "Admin Only"
		}
		if f.lang == "de" && text != "Admin Only" {
			text = "Unbefungter Zugriff auf die Verwaltung"
		}
		f.html(w, 200, f.frame("Administration", `<div class="dieMessage">`+text+`</div>`))
		return
	}
	switch module {
	case "Administration":
		f.html(w, 200, f.frame("Administration", fakeAdminLinks))
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
	d := map[string]any{"History": append([]fakeBackup(nil), f.backupHist...), "Message": msg}
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

func (f *fake) serveUWizard(w http.ResponseWriter, r *http.Request, form url.Values) {
	if f.upgradesDisabled {
		if f.redirectHome302 {
			f.redirect(w, "index.php?module=Home&action=index")
			return
		}
		f.html(w, 200, f.redirectHomePage())
		return
	}
	if r.Method != http.MethodPost {
		f.html(w, 200, f.listPage("", true))
		return
	}
	switch form.Get("perform") {
	case "upload":
		f.upload(w, form)
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
		f.html(w, 200, f.listPage("", true))
	case "prepare_install":
		f.prepare(w, form)
	case "install":
		if form.Get("uw_step") != "" {
			f.runStep(w, r) // the Next form of a step page
			return
		}
		f.mu.Lock()
		f.installPost++
		f.mu.Unlock()
		if f.onInstall != nil {
			f.onInstall(f, form, w)
			return
		}
		f.mu.Lock()
		f.inProgress, f.installing, f.stepsDone = true, form.Get("source"), 0
		f.mu.Unlock()
		f.html(w, 200, "Redirecting to complete the installation...<script>document.location.href='upgrade.php';</script>")
	default:
		http.Error(w, "unknown perform", 400)
	}
}

func (f *fake) upload(w http.ResponseWriter, form url.Values) {
	f.mu.Lock()
	reply := f.uploadReply
	f.mu.Unlock()
	switch {
	case reply != "":
		f.html(w, 200, f.listPage(fakeBox(reply, false), true))
	case form.Get("_file_name") != "" && form.Get("_file_field") == "upgrade_zip":
		f.mu.Lock()
		f.uploaded = append(f.uploaded, fakePkg{Name: "Call Sheets", Type: "module", Version: "1.4.2",
			Source: "cache/upgrades/module/" + form.Get("_file_name"), Conditions: []string{"modules"}})
		f.mu.Unlock()
		f.html(w, 200, f.listPage(fakeBox("Package uploaded successfully", true), true))
	default:
		// PHP dropped the body (post_max_size): no message at all.
		f.html(w, 200, f.listPage("", true))
	}
}

func (f *fake) prepare(w http.ResponseWriter, form url.Values) {
	if f.onPrepareRaw != nil {
		f.onPrepareRaw(w)
		return
	}
	v := prepView{Finished: true, Steps: []fakeStep{
		{Name: "unzipPackage", Label: "Unzip the Package", Status: "success", Message: "Package successfully unzipped."},
		{Name: "checkSystem", Label: "Check System Configuration", Status: "success", Message: "No configuration issues found."},
		{Name: "checkPermissions", Label: "Check File Permissions", Status: "success", Message: "All filesystem permissions satisfied."},
	}}
	if f.onPrepare != nil {
		v = f.onPrepare(f, form)
	}
	f.html(w, 200, f.preparePage(v, form))
}

// serveUpgrade is upgrade.php: one commit step per request while an
// install is in progress (flow script/form), a script-driven progress
// page (flow xhr); no install in progress → back to the list.
func (f *fake) serveUpgrade(w http.ResponseWriter, r *http.Request) {
	if f.sessionUser(r) == "" {
		f.toLogin(w, "", "")
		return
	}
	f.mu.Lock()
	inProgress, flow := f.inProgress, f.flow
	f.mu.Unlock()
	if !inProgress {
		f.redirect(w, "index.php?module=UWizard&action=index")
		return
	}
	if flow == "xhr" {
		f.html(w, 200, string(fixture(f.t, "7x", "upgrade_xhr.html")))
		return
	}
	f.runStep(w, r)
}

// runStep runs the next commit step and answers its page. Step 1 commits
// (the package is listed under Installed from then on, and a core update
// changes the version); the last step is the cleanup that lifts the lock.
func (f *fake) runStep(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	if !f.inProgress {
		f.mu.Unlock()
		f.redirect(w, "index.php?module=UWizard&action=index")
		return
	}
	step := min(f.stepsDone+1, f.steps)
	n, flow := f.steps, f.flow
	fail, warn, stall, drop := step == f.failAt, step == f.warnAt, step == f.stallAt, step == f.dropAt
	loop := f.loopAt > 0 && step >= f.loopAt
	failPage, failStatus := f.failPage, f.failStatus
	if drop {
		f.dropAt = 0
	}
	f.mu.Unlock()
	if loop {
		f.html(w, 200, `<html><head><meta http-equiv="refresh" content="0.05;url=upgrade.php"></head><body><p>Please wait …</p></body></html>`)
		return
	}
	if drop {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close() // a proxy cut the long request
		}
		return
	}
	if stall {
		f.mu.Lock()
		f.stallAt = 0
		f.mu.Unlock()
		<-r.Context().Done() // the step never answers
		return
	}
	if fail && failPage != nil {
		if failStatus != 0 {
			w.WriteHeader(failStatus)
		}
		_, _ = w.Write(failPage)
		return
	}
	if fail {
		f.html(w, 200, f.stepPage(step, "fatal", "Cannot copy modules/Accounts/Account.php to /var/www/crm/modules/Accounts/Account.php", flow, false))
		return
	}
	f.mu.Lock()
	f.stepsDone = step
	if step == 1 {
		f.commitLocked()
	}
	final := step >= n
	if final {
		f.cleanupLocked()
	}
	f.mu.Unlock()
	status, msg := "success", "Package files copied successfully"
	if warn {
		status, msg = "warning", "Report templates could not be refreshed; rebuild them under Administration."
	}
	if final {
		msg = "Removed temporary files<br>Restored system access for users"
	}
	f.html(w, 200, f.stepPage(step, status, msg, flow, final))
}

func (f *fake) commitLocked() {
	for _, p := range f.uploaded {
		if p.Source == f.installing {
			inst := p
			inst.Installed = "2025-03-01 10:00"
			f.installed = append(f.installed, inst)
			if p.Type == "patch" && f.coreTarget != "" {
				f.version = f.coreTarget
			}
		}
	}
}

func (f *fake) cleanupLocked() {
	var keep []fakePkg
	for _, p := range f.uploaded {
		if p.Source != f.installing {
			keep = append(keep, p)
		}
	}
	f.uploaded = keep
	if !f.lockStays {
		f.inProgress, f.installing = false, ""
	}
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
