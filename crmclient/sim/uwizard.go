package sim

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

const (
	uwizardURL = "index.php?module=UWizard&action=index"
	homeURL    = "index.php?module=Home&action=index"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// flash is the Upgrade Wizard's message box after an upload (7.x
// modules/UWizard/index.php): green for success, red for an error.
type flash struct {
	ok   bool
	text string
}

// uwizard is module=UWizard&action=index (7.x modules/UWizard/index.php):
// the list (GET) and every perform (POST) of the upgrade manager (§5).
func (s *Server) uwizard(w http.ResponseWriter, r *http.Request, se *session, form url.Values, up *receivedUpload) {
	if se.upgradesDisabled {
		drainBody(r)
		s.upgradesDisabled(w, se)
		return
	}
	var msg *flash
	perform := ""
	if r.Method == http.MethodPost { // index.php reads $_POST only
		perform = form.Get("perform")
	}
	source := form.Get("source")
	if _, next := form["uw_step"]; perform == "install" && next && s.InProgress() {
		// The form flow's Next/Retry form (upgrade.php convention).
		s.installPost(w, se, form)
		return
	}
	switch perform {
	case "":
	case "upload":
		msg = s.upload(se, up)
	case "prepare_install", "install", "prepare_uninstall", "uninstall", "delete":
		if !s.validArchive(source) {
			break // an unknown source falls through to the plain list
		}
		switch perform {
		case "prepare_install":
			s.prepare(w, se, form, false)
			return
		case "install":
			s.installPost(w, se, form)
			return
		case "prepare_uninstall":
			s.prepare(w, se, form, true)
			return
		case "uninstall":
			s.beginRun(w, se, source, true)
			return
		case "delete":
			s.deleteUpload(source)
		}
	}
	s.mu.Lock()
	se.confirmed = map[string]map[string]bool{} // unset($_SESSION['UWizard_result'])
	s.mu.Unlock()
	s.renderList(w, se, msg)
}

// upgradesDisabled is the manager's answer with expired support (7.x
// index.php: IAHPermissionError MSG_LIC_UPGRADES_DISABLED with
// redirect_home). How 1CRM renders that error is not public; the
// simulator shows the message, the LBL_REDIRECT_COUNTDOWN line and a
// script that loads Home after 5 s, or (UpgradesDisabledRedirect) answers
// a plain 302 to Home.
func (s *Server) upgradesDisabled(w http.ResponseWriter, se *session) {
	if s.sc.Faults.UpgradesDisabledRedirect {
		redirect(w, homeURL, http.StatusFound)
		return
	}
	t := s.tr(se)
	p := s.newPage(se, t.UWTitle)
	p.errs = append(p.errs, t.UpgradesDisabled)
	p.printf("<p>%s</p>\n", htmlEscape(strings.ReplaceAll(t.RedirectCountdown, "{TIME}", "5")))
	p.printf("<script type=\"text/javascript\">setTimeout(function() { SUGAR.util.loadUrl('%s'); }, 5000);</script>\n", homeURL)
	p.write(w)
}

// validArchive is UWizard::isValidPackageArchive: the source names a
// package ZIP under cache/upgrades/<type>/ (an upload, or the kept ZIP of
// an uninstallable installed package).
func (s *Server) validArchive(source string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if source == "" {
		return false
	}
	if s.findUploadedLocked(source) != nil {
		return true
	}
	return s.installedBySourceLocked(source) != nil
}

// findUploadedLocked resolves a posted source (the row form's path).
func (s *Server) findUploadedLocked(source string) *uploadedPkg {
	for _, u := range s.uploaded {
		if u.source() == source {
			return u
		}
	}
	return nil
}

func (s *Server) installedBySourceLocked(source string) *installedPkg {
	for _, p := range s.installed {
		if p.source != "" && p.source == source {
			return p
		}
	}
	return nil
}

// deleteUpload is perform=delete: the ZIP goes, the list follows with no
// message (7.x deletePackage).
func (s *Server) deleteUpload(source string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, u := range s.uploaded {
		if u.source() == source {
			s.uploaded = append(s.uploaded[:i], s.uploaded[i+1:]...)
			s.counters.Deletes++
			s.logf("package %s deleted", u.fileName)
			return
		}
	}
}

// uploadStatusLocked is listUploadedPackages' status: the manifest check
// (ERR_INVALID_VERSION against the running version), then the history:
// hidden when this version is installed, ERR_OUTDATED when a newer one is.
func (s *Server) uploadStatusLocked(t *texts, u *uploadedPkg) (status string, ready, hidden bool) {
	if !accepts(u.spec, s.version) {
		return invalidVersionText(t, u.spec, s.version), false, false
	}
	if cmp, ok := s.installedCompareLocked(u.spec); ok {
		if cmp == 0 {
			return "", false, true
		}
		if cmp < 0 {
			return t.ErrOutdated, false, false
		}
	}
	return t.StatusReady, true, false
}

// installedCompareLocked compares a package with what is installed under
// its type+id: -1 older, 0 same, +1 newer; ok=false when nothing is. A core
// package compares its release with the running version (§7).
func (s *Server) installedCompareLocked(p PackageSpec) (int, bool) {
	if isCore(p) {
		a, b := releaseOf(p.Version), releaseOf(s.version)
		switch {
		case newer(a, b):
			return 1, true
		case newer(b, a):
			return -1, true
		}
		return 0, true
	}
	ip := s.installedByIDLocked(p.ID, p.Type)
	if ip == nil {
		return 0, false
	}
	switch {
	case newer(p.Version, ip.spec.Version):
		return 1, true
	case newer(ip.spec.Version, p.Version):
		return -1, true
	}
	return 0, true
}

// installedNewestFirstLocked is the Installed list's order (upgrade_history
// by date_entered DESC; later installs of the same day first).
func (s *Server) installedNewestFirstLocked() []*installedPkg {
	out := make([]*installedPkg, len(s.installed))
	for i, p := range s.installed {
		out[len(out)-1-i] = p
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].date > out[j].date })
	return out
}
