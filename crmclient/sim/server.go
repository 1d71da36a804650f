package sim

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/visual4/1crm-update/crmclient/version"
)

// Options configure a Server. The zero value is usable.
type Options struct {
	// Now is the clock (support days, backup names, token expiry, session
	// idle time). Default time.Now.
	Now func() time.Time
	// BasePath is "" or a sub-path like "/1crm" the instance is served under.
	BasePath string
	// Logf receives one line per notable event; never secrets. Default: none.
	Logf func(format string, args ...any)
	// Sleep waits for the scenario's timings (backup, install step, response
	// delay). Default: real time, cut short when the server is closed, so a
	// closed simulator never keeps a 3-minute backup goroutine alive.
	Sleep func(time.Duration)
	// TempDir holds upload temp files and, in a per-server directory made
	// on the first backup and removed by Close, the backup ZIPs; default
	// os.TempDir().
	TempDir string
	// BackupDir, when set, is where the backup ZIPs are written instead
	// (made if missing, left in place by Close): the folder an admin on
	// the server would pass as --backup-dir, so the demo can check them.
	BackupDir string
}

// Counters count what changed the server, for exactly-once crash tests.
type Counters struct {
	Logins          int // successful admin-page logins (any user)
	FailedLogins    int
	BackupsStarted  int
	BackupsMade     int // backups that produced a file
	BackupsFailed   int
	UploadsReceived int // multipart upload requests that reached the handler
	UploadsAccepted int // packages that landed under Uploaded
	UploadsDropped  int // bodies dropped silently (post_max_size)
	Prepares        int // prepare_install requests that ran the steps
	Precopies       int // prepare runs that executed the precopy step
	InstallsStarted int // perform=install answers that (re)started the install
	// InstallsUnprepared counts installs started although this session's
	// last prepare of the package did not finish (a warning not accepted,
	// an error, or no prepare at all): 7.x beginInstall does not check,
	// so only the client can prevent it.
	InstallsUnprepared int
	InstallsFinished   int // upgrade.php chain completed (cleanup ran)
	InstallsFailed     int // failed upgrade.php steps
	Uninstalls         int // uninstall chains completed
	Deletes            int
	TokensIssued       int
	Downloads          int
	CSRFRefused        int // 8x POSTs refused for a missing/wrong CSRF header
}

// Server is one simulated 1CRM instance. It implements http.Handler.
type Server struct {
	sc   *Scenario
	opt  Options
	loc  *time.Location
	base string

	dlOnce sync.Once
	dl     *downloadState // update downloads: files, validators, faults (download.go)

	mu         sync.Mutex
	version    string
	supportEnd time.Time // midnight in loc; zero = no support info
	installed  []*installedPkg
	uploaded   []*uploadedPkg
	backups    []backupFile
	backupCfg  BackupSpec
	inProgress bool        // site.upgrade_in_progress
	run        *installRun // the upgrade that set it (kept after it ends)
	sessions   map[string]*session
	csrfTokens map[string]bool // 8x CSRF cookie values this server issued
	// captchaFailures counts failed logins since the last success (8x
	// captcha after_failures:N).
	captchaFailures int
	tokens          map[string]*accessToken
	refreshes       map[string]*refreshToken
	counters        Counters
	updated         bool // an install finished (broken-after-update fault)
	zipCache        map[string][]byte
	records         map[string][]map[string]any
	checkedAt       time.Time // "Check for updates" pressed; zero = daily check
	closing         chan struct{}
	closeOnce       sync.Once
	// hosterAtWork: the hoster uploads a package although uploads are
	// switched off for the admins (HostedUploadDisabled; Browser.AsHoster).
	hosterAtWork bool

	// stepMu serialises upgrade.php steps: a step never runs twice
	// because a browser (or client) asked twice at once.
	stepMu sync.Mutex

	quiet quietState // Faults.SilentOn, InstallHangStep, InstallLostStep (stall.go)

	// fileMu serialises backups (name, write, history entry) and guards
	// the backup directory, which Close removes.
	fileMu      sync.Mutex
	fileDir     string // per-server dir of written backup ZIPs; "" until the first
	filesClosed bool
}

// New builds a server for a copy of sc (the scenario itself is not changed).
func New(sc *Scenario, opt Options) *Server {
	if sc == nil {
		sc, _ = Builtin(DefaultScenario)
	}
	sc = sc.clone()
	sc.applyDefaults()
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logf == nil {
		opt.Logf = func(string, ...any) {}
	}
	loc, err := time.LoadLocation(sc.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	s := &Server{
		sc:         sc,
		opt:        opt,
		loc:        loc,
		base:       strings.TrimRight(opt.BasePath, "/"),
		version:    sc.Version,
		backupCfg:  sc.Backup,
		sessions:   map[string]*session{},
		csrfTokens: map[string]bool{},
		tokens:     map[string]*accessToken{},
		refreshes:  map[string]*refreshToken{},
		zipCache:   map[string][]byte{},
		closing:    make(chan struct{}),
	}
	if s.base != "" && !strings.HasPrefix(s.base, "/") {
		s.base = "/" + s.base
	}
	today := s.today()
	switch {
	case sc.License.Unlicensed:
	case sc.License.SupportEnd != "":
		t, _ := time.ParseInLocation("2006-01-02", sc.License.SupportEnd, loc)
		s.supportEnd = t
	case sc.License.SupportDays != nil:
		s.supportEnd = today.AddDate(0, 0, *sc.License.SupportDays)
	}
	for _, p := range sc.Extensions {
		s.installed = append(s.installed, &installedPkg{spec: p, date: p.Installed, source: sourceIfUninstallable(p)})
	}
	for _, b := range sc.Backup.Existing {
		s.backups = append(s.backups, backupFile{name: b.Name, size: b.SizeBytes})
	}
	s.records = buildRecords(sc.Data)
	return s
}

// Scenario returns a copy of the effective scenario (defaults applied).
func (s *Server) Scenario() *Scenario { return s.sc.clone() }

// Counters returns a snapshot of the side-effect counters.
func (s *Server) Counters() Counters {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counters
}

// Version is what /version reports now.
func (s *Server) Version() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version
}

// InProgress reports whether site.upgrade_in_progress is set.
func (s *Server) InProgress() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inProgress
}

// Installed lists "name version" of the installed packages (for tests).
func (s *Server) Installed() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, p := range s.installed {
		out = append(out, p.spec.Name+" "+p.spec.Version)
	}
	return out
}

// InstalledConditions returns, per installed package ("name version"),
// the optional parts (conditions) its install included, as the session's
// last prepare posted them (for tests: a client must post the conditions
// the list page's script would fill in).
func (s *Server) InstalledConditions() map[string][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string][]string{}
	for _, p := range s.installed {
		out[p.spec.Name+" "+p.spec.Version] = append([]string(nil), p.conditions...)
	}
	return out
}

// Dialect is the dialect the server renders ("7x" or "8x").
func (s *Server) Dialect() string { return s.sc.Dialect }

// Uploaded lists the file names under Uploaded (for tests).
func (s *Server) Uploaded() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, p := range s.uploaded {
		out = append(out, p.fileName)
	}
	return out
}

// Backups lists the backup file names, oldest first (for tests).
func (s *Server) Backups() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, b := range s.backups {
		out = append(out, b.name)
	}
	return out
}

// sleep waits d with the injected Sleep, or in real time until Close.
func (s *Server) sleep(d time.Duration) {
	if s.opt.Sleep != nil {
		s.opt.Sleep(d)
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-s.closing:
	}
}

// BackupFile returns the local path of a backup ZIP the simulator wrote
// (tests open it with archive/zip). ok is false for unknown names, for the
// scenario's pre-existing backups (only name and size) and after Close.
func (s *Server) BackupFile(name string) (path string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range s.backups {
		if b.name == name && b.path != "" {
			return b.path, true
		}
	}
	return "", false
}

// Close ends running waits (backups, install steps) at once and removes the
// backup ZIPs. The server still answers afterwards (a backup then keeps its
// history entry but writes no file); Running.Close calls it.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
	s.fileMu.Lock()
	defer s.fileMu.Unlock()
	if s.filesClosed {
		return
	}
	s.filesClosed = true
	if s.fileDir != "" && s.opt.BackupDir == "" {
		os.RemoveAll(s.fileDir)
	}
	s.mu.Lock()
	for i := range s.backups {
		s.backups[i].path = ""
	}
	s.mu.Unlock()
}

func (s *Server) now() time.Time { return s.opt.Now().In(s.loc) }

func (s *Server) today() time.Time {
	n := s.now()
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, s.loc)
}

func (s *Server) logf(format string, args ...any) { s.opt.Logf("sim: "+format, args...) }

// ServeHTTP routes like a PHP install: index.php, api.php/PATH_INFO,
// upgrade.php, plus the download links of the License page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if s.base != "" {
		if path != s.base && !strings.HasPrefix(path, s.base+"/") {
			http.NotFound(w, r)
			return
		}
		path = strings.TrimPrefix(path, s.base)
	}
	s.holdWhileSilent()
	if d := s.sc.Timings.ResponseDelay.D(); d > 0 {
		s.sleep(d)
	}
	if s.failPath(path, r.URL.RawQuery) {
		drainBody(r)
		s.phpFatal(w, phpError{class: "Error", msg: "Call to a member function fetch() on null", file: "include/database/MysqliManager.php", line: 318,
			trace: []string{"include/entryPoint.php(212): MysqliManager->query()", scriptOf(path) + "(14): require_once('include/entryPoint.php')"}})
		return
	}
	if s.is8x() && sessionScript(path) {
		s.ensureCSRFCookie(w, r)
		if r.Method == http.MethodPost && !s.csrfHeaderOK(r) {
			s.csrfRefused(w, r)
			return
		}
	}
	switch {
	case path == "" || path == "/":
		s.serveIndex(w, r)
	case path == "/index.php":
		s.serveIndex(w, r)
	case path == "/api.php" || strings.HasPrefix(path, "/api.php/"):
		s.serveAPI(w, r, strings.TrimPrefix(path, "/api.php"))
	case path == "/upgrade.php":
		s.serveUpgrade(w, r)
	case path == "/json.php":
		s.serveJSON(w, r)
	case path == "/login.php" && s.is8x():
		drainBody(r)
		s.loginPHP(w, r)
	case strings.HasPrefix(path, downloadPrefix):
		s.serveDownload(w, r, strings.TrimPrefix(path, downloadPrefix))
	default:
		http.NotFound(w, r)
	}
}

// sessionScript: the browser-session entry points (not api.php, not the
// download links), where the 8x CSRF token applies.
func sessionScript(path string) bool {
	switch path {
	case "", "/", "/index.php", "/upgrade.php", "/json.php", "/login.php":
		return true
	}
	return false
}

// scriptOf is the PHP script a request path runs ("/api.php/me" → "api.php").
func scriptOf(path string) string {
	script, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if !strings.HasSuffix(script, ".php") {
		return "index.php"
	}
	return script
}

func (s *Server) failPath(path, rawQuery string) bool {
	for _, p := range s.sc.Faults.FailPaths {
		if p != "" && failPathMatches(p, path, rawQuery) {
			return true
		}
	}
	return false
}

// failPathMatches: "/api.php/me" matches that path and everything below it;
// "/index.php?module=LicenseInfo" matches that path when the query holds
// every listed parameter with its value, in any order.
func failPathMatches(pattern, path, rawQuery string) bool {
	pp, pq, hasQuery := strings.Cut(pattern, "?")
	if !hasQuery {
		return strings.HasPrefix(path, pp)
	}
	if path != pp {
		return false
	}
	want, err := url.ParseQuery(pq)
	if err != nil {
		return false
	}
	got, _ := url.ParseQuery(rawQuery)
	for k, vs := range want {
		for _, v := range vs {
			if got.Get(k) != v {
				return false
			}
		}
	}
	return true
}

// newerRelease compares package versions like PHP version_compare (§7).
func newer(a, b string) bool { return version.Compare(a, b) > 0 }
