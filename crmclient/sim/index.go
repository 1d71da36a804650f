package sim

import (
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// maxFormBody bounds url-encoded POST bodies (uploads go through the
// streaming multipart path instead).
const maxFormBody = 1 << 20

// serveIndex is index.php: module/action routing like 1CRM's entry point.
func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct == "multipart/form-data" {
			s.serveMultipart(w, r)
			return
		}
		if s.dropOversized(r) {
			r.Body = io.NopCloser(strings.NewReader(""))
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	s.dispatch(w, r, r.Form, nil)
}

// dropOversized mimics PHP post_max_size: a larger body is read and thrown
// away, the script then runs with empty $_POST/$_FILES and says nothing.
func (s *Server) dropOversized(r *http.Request) bool {
	max := s.sc.Faults.PostMaxSize
	if max <= 0 || r.ContentLength <= max {
		return false
	}
	drainBody(r)
	s.mu.Lock()
	s.counters.UploadsDropped++
	s.mu.Unlock()
	s.logf("POST body of %d bytes dropped (post_max_size %d)", r.ContentLength, max)
	return true
}

// dispatch routes an index.php request once its form is known; up is the
// received upload (multipart requests only).
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, form url.Values, up *receivedUpload) {
	module, action := form.Get("module"), form.Get("action")
	post := r.Method == http.MethodPost
	se := s.sessionFor(r)
	switch {
	case module == "Users" && action == "Authenticate" && post:
		s.authenticate(w, r, se, form)
		return
	case module == "Users" && action == "Login":
		if s.is8x() {
			s.toLogin(w, url.Values{"module": {form.Get("login_module")}, "action": {form.Get("login_action")}})
			return
		}
		s.loginPage(w, r, se)
		return
	case module == "Users" && action == "Logout":
		s.logout(w, se)
		return
	}
	if se == nil || se.user == nil {
		drainBody(r)
		s.toLogin(w, form)
		return
	}
	s.touch(se)
	if post && !s.csrfOK(se, form.Get(csrfField)) {
		p := s.newPage(se, s.tr(se).Admin)
		p.errs = append(p.errs, "Invalid or missing security token. Please reload the page and try again.")
		p.writeStatus(w, http.StatusForbidden)
		return
	}
	if module != "" && module != "Home" && !se.user.Admin && adminModule(module) {
		s.notAdmin(w, se, module)
		return
	}
	switch module {
	case "LicenseInfo":
		s.licensePage(w, r, se)
	case "Configurator":
		if form.Get("layout") == "Backup" {
			s.backupPage(w, r, se, form)
			return
		}
		s.adminIndex(w, se)
	case "Administration":
		s.adminIndex(w, se)
	case "UWizard":
		s.uwizard(w, r, se, form, up)
	default:
		s.homePage(w, se, action)
	}
}

func adminModule(m string) bool {
	switch m {
	case "LicenseInfo", "Configurator", "Administration", "UWizard":
		return true
	}
	return false
}

// notAdmin is what a non-admin user gets on an admin page: the
// Configurator's EditView.php dies with the bare text "Admin Only"; the
// other admin modules show ERR_NOT_ADMIN (how 1CRM renders that error is
// not public: here a normal page with the text).
func (s *Server) notAdmin(w http.ResponseWriter, se *session, module string) {
	if module == "Configurator" {
		bare(w, "Admin Only")
		return
	}
	t := s.tr(se)
	p := s.newPage(se, t.Admin)
	p.errs = append(p.errs, t.NotAdmin)
	p.write(w)
}

func (s *Server) homePage(w http.ResponseWriter, se *session, action string) {
	t := s.tr(se)
	p := s.newPage(se, t.HomeDashboard)
	if action == "JSDisabled" {
		p.errs = append(p.errs, t.JSDisabled)
	}
	p.raw("<h3>My Open Activities</h3>\n<p>—</p>\n")
	p.write(w)
}

func (s *Server) adminIndex(w http.ResponseWriter, se *session) {
	t := s.tr(se)
	p := s.newPage(se, t.Admin)
	p.raw("<table class=\"tabForm\" width=\"100%\">\n")
	p.printf(`<tr><td><a href="./index.php?module=LicenseInfo&amp;action=index">%s</a></td></tr>`+"\n", htmlEscape(t.AdminLicense))
	p.printf(`<tr><td><a href="./index.php?module=Configurator&amp;action=EditView&amp;layout=Backup">%s</a></td></tr>`+"\n", htmlEscape(t.AdminBackup))
	p.printf(`<tr><td><a href="./index.php?module=UWizard&amp;action=index">%s</a></td></tr>`+"\n", htmlEscape(t.AdminUWizard))
	p.raw("</table>\n")
	p.write(w)
}
