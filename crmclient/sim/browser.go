package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Browser is an administrator at a web browser in front of the simulator:
// signed in, it does what the admin pages' buttons and scripts do, over
// plain HTTP. A person reads every markup, so it also works where the
// simulator renders a page no client recognises (Faults.UnknownMarkup),
// answers the "I'm a human" widget, and finishes an upgrade.php whose steps
// run by script (FlowXHR). Tests use it to perform a step the wizard
// handed to the admin (issue 10). It knows the simulator's requests; it
// is no client of the real 1CRM.
type Browser struct {
	r      *Running
	c      *http.Client
	jar    http.CookieJar
	hoster bool
}

// humanCaptcha is what the captcha widget's script posts once a person
// solved it; the client never has it.
const humanCaptcha = "solved-by-a-person"

// Browser opens a browser on the simulator (not signed in).
func (r *Running) Browser() *Browser {
	jar, _ := cookiejar.New(nil)
	return &Browser{r: r, jar: jar, c: &http.Client{Jar: jar, Timeout: 2 * time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// AsHoster makes this browser the hoster's: it may upload where uploads
// are switched off for the admins (HostedUploadDisabled).
func (b *Browser) AsHoster() *Browser { b.hoster = true; return b }

func (b *Browser) do(method, path string, body io.Reader, ctype string) (int, string, error) {
	req, err := http.NewRequest(method, b.r.URL+"/"+path, body)
	if err != nil {
		return 0, "", err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if method == http.MethodPost {
		// The 8x pages' scripts send the CSRF cookie back as a header.
		u, _ := url.Parse(b.r.URL + "/")
		for _, c := range b.jar.Cookies(u) {
			if c.Name == b.r.Server.sc.Login.CSRFCookie {
				req.Header.Set(csrfHeader, c.Value)
			}
		}
	}
	resp, err := b.c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data), err
}

func (b *Browser) post(path string, form url.Values) (int, string, error) {
	return b.do(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// Login signs in as user: the JSON login of the 8x pages (with the
// captcha answered, as a person does), or the 7x login form.
func (b *Browser) Login(user, password string) error {
	if b.r.Server.is8x() {
		if _, _, err := b.do(http.MethodGet, "login.php", nil, ""); err != nil {
			return err
		}
		body, _ := json.Marshal(map[string]any{"username": user, "password": password, "language": "en_us",
			"login_module": "Administration", "login_action": "index", "captcha": humanCaptcha})
		_, out, err := b.do(http.MethodPost, "json.php?action=login", bytes.NewReader(body), "application/json")
		if err != nil {
			return err
		}
		var res struct{ Result, Message string }
		if err := json.Unmarshal([]byte(out), &res); err != nil || res.Result != "ok" {
			return fmt.Errorf("browser login refused: %s %s", res.Message, out)
		}
		return nil
	}
	if _, _, err := b.do(http.MethodGet, "index.php?module=Users&action=Login", nil, ""); err != nil {
		return err
	}
	_, _, err := b.post("index.php", url.Values{"module": {"Users"}, "action": {"Authenticate"}, "user_name": {user},
		"user_password": {password}, "login_module": {"Administration"}, "login_action": {"index"}})
	return err
}

// RunBackup clicks "Perform Backup" on Backup Management and waits for the
// answer (the backup runs within the request).
func (b *Browser) RunBackup() error {
	st, _, err := b.post("index.php", url.Values{"module": {"Configurator"}, "action": {"EditView"}, "layout": {"Backup"},
		"record_perform": {"runbackup"}})
	if err == nil && st != http.StatusOK {
		err = fmt.Errorf("backup answered HTTP %d", st)
	}
	return err
}

// Upload chooses the file at path under "Upload New Package" and clicks
// "Upload".
func (b *Browser) Upload(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range map[string]string{"module": "UWizard", "action": "index", "perform": "upload"} {
		_ = mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("upgrade_zip", filepath.Base(path))
	if err != nil {
		return err
	}
	if _, err := io.Copy(fw, f); err != nil {
		return err
	}
	if err := mw.Close(); err != nil {
		return err
	}
	if b.hoster {
		b.r.Server.setHoster(true)
		defer b.r.Server.setHoster(false)
	}
	_, _, err = b.do(http.MethodPost, "index.php", &buf, mw.FormDataContentType())
	return err
}

// InstallUploaded clicks "Install" next to the uploaded package named
// name, reads the checks, accepts every warning (as an admin who read
// them would), clicks "Proceed" and follows upgrade.php to its end.
func (b *Browser) InstallUploaded(name string) error {
	source, steps, ok := b.r.Server.uploadedByName(name)
	if !ok {
		return fmt.Errorf("no uploaded package %q", name)
	}
	form := url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"prepare_install"}, "source": {source}}
	if _, _, err := b.post("index.php", form); err != nil { // the first round: precopy may ask for a restart
		return err
	}
	form.Set("confirm", strings.Join(steps, ","))
	if _, _, err := b.post("index.php", form); err != nil {
		return err
	}
	if _, _, err := b.post("index.php", url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"install"}, "source": {source}}); err != nil {
		return err
	}
	return b.FinishUpgrade()
}

// FinishUpgrade opens upgrade.php and works through its steps as the page
// does in a browser — following its script, clicking "Next", or letting
// its XHR requests run — until 1CRM releases the lock.
func (b *Browser) FinishUpgrade() error {
	for i := 0; i < 200; i++ {
		s := b.r.Server
		if !s.InProgress() {
			return nil
		}
		next, failed, flow := s.upgradeState()
		if failed != 0 {
			return fmt.Errorf("upgrade step %d failed", failed)
		}
		var err error
		switch flow {
		case FlowXHR:
			_, _, err = b.do(http.MethodPost, "upgrade.php?ajax=1&step="+strconv.Itoa(next), nil, "")
		case FlowForm:
			if next <= 1 {
				_, _, err = b.do(http.MethodGet, "upgrade.php", nil, "")
			} else {
				_, _, err = b.post("index.php", url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"install"},
					"uw_step": {strconv.Itoa(next)}, "source": {s.runSource()}, "retry": {"0"}})
			}
		default:
			_, _, err = b.do(http.MethodGet, "upgrade.php", nil, "")
		}
		if err != nil {
			return err
		}
	}
	return errors.New("upgrade.php did not finish")
}

// Download saves the update file behind a License page link to dest, as
// the browser's download does.
func (b *Browser) Download(link, dest string) error {
	u, err := url.Parse(link)
	if err != nil {
		return err
	}
	path := strings.TrimPrefix(u.RequestURI(), "/")
	if base, err := url.Parse(b.r.URL); err == nil {
		path = strings.TrimPrefix(u.RequestURI(), strings.TrimRight(base.Path, "/")+"/")
	}
	st, body, err := b.do(http.MethodGet, path, nil, "")
	if err == nil && st == http.StatusOK && strings.Contains(body, "?start=1") {
		// A download page: its script starts the real download.
		st, body, err = b.do(http.MethodGet, path+"?start=1", nil, "")
	}
	if err != nil {
		return err
	}
	if st != http.StatusOK {
		return fmt.Errorf("download answered HTTP %d", st)
	}
	return os.WriteFile(dest, []byte(body), 0o600)
}

// ---- what the browser's person sees on the server's pages

func (s *Server) setHoster(on bool) {
	s.mu.Lock()
	s.hosterAtWork = on
	s.mu.Unlock()
}

// uploadedByName is the source of the uploaded package called name and
// the names of every prepare step it may show (to confirm them all).
func (s *Server) uploadedByName(name string) (string, []string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.uploaded {
		if u.spec.Name == name {
			steps := prepareStepNames(u.spec, nil, false)
			return u.source(), append(steps, "precopy"), true
		}
	}
	return "", nil, false
}

// upgradeState is the step upgrade.php runs next, the step that failed (0:
// none) and the scenario's flow.
func (s *Server) upgradeState() (next, failed int, flow string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.run != nil {
		next, failed = s.run.next, s.run.failed
	}
	return next, failed, s.sc.UpgradeFlow
}

func (s *Server) runSource() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.run == nil {
		return ""
	}
	return s.run.source
}
