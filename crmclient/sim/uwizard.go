package sim

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

const uwizardURL = "index.php?module=UWizard&action=index"

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// uwizard is module=UWizard&action=index: the list (GET) and every perform
// (POST) of the upgrade manager (spec §5).
func (s *Server) uwizard(w http.ResponseWriter, r *http.Request, se *session, form url.Values, up *receivedUpload) {
	t := s.tr(se)
	if se.upgradesDisabled {
		// Expired support: the whole manager is just this message (spec §3).
		p := s.newPage(se, t.UWTitle)
		p.printf("<p>%s</p>\n", htmlEscape(t.UpgradesDisabled))
		p.write(w)
		return
	}
	var msgs, errs []string
	if r.Method == http.MethodPost {
		switch form.Get("perform") {
		case "upload":
			msgs, errs = s.upload(se, up)
		case "delete":
			msgs, errs = s.deleteUpload(se, form.Get("source"))
		case "prepare_install":
			s.prepare(w, se, form)
			return
		case "install":
			s.install(w, se, form)
			return
		case "prepare_uninstall":
			s.prepareUninstall(w, se, form)
			return
		case "uninstall":
			msgs, errs = s.uninstall(se, form.Get("source"))
		}
	}
	s.renderList(w, se, msgs, errs)
}

// findUploadedLocked resolves a posted source: the server path of the row
// form, or (leniently) the bare file name.
func (s *Server) findUploadedLocked(source string) *uploadedPkg {
	for _, u := range s.uploaded {
		if source != "" && (u.source() == source || u.fileName == source) {
			return u
		}
	}
	return nil
}

func (s *Server) deleteUpload(se *session, source string) (msgs, errs []string) {
	t := s.tr(se)
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, u := range s.uploaded {
		if source != "" && (u.source() == source || u.fileName == source) {
			s.uploaded = append(s.uploaded[:i], s.uploaded[i+1:]...)
			s.counters.Deletes++
			s.logf("package %s deleted", u.fileName)
			return []string{sprintf(t.Deleted, u.fileName)}, nil
		}
	}
	return nil, []string{sprintf(t.ErrNotFound, baseName(source))}
}

// uploadStatusLocked is the Status column: ready, ERR_INVALID_VERSION or
// ERR_OUTDATED. hidden means the same version is already installed (§5.3).
func (s *Server) uploadStatusLocked(se *session, u *uploadedPkg) (status string, ready, hidden bool) {
	t := s.tr(se)
	if cmp, ok := s.installedCompareLocked(u.spec); ok {
		if cmp == 0 {
			return "", false, true
		}
		if cmp < 0 {
			return t.ErrOutdated, false, false
		}
	}
	if !accepts(u.spec, s.version) {
		return invalidVersionText(t, u.spec, s.version), false, false
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

func (s *Server) renderList(w http.ResponseWriter, se *session, msgs, errs []string) {
	t := s.tr(se)
	p := s.newPage(se, t.UWTitle)
	p.msgs, p.errs = msgs, errs
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inProgress {
		p.printf("<p><b>%s</b></p>\n", htmlEscape(t.InProgress))
	}

	if s.sc.Faults.HostedUploadDisabled {
		p.printf("<p>%s</p>\n", htmlEscape(t.UploadOff))
	} else {
		p.printf("<h3>%s</h3>\n", htmlEscape(t.UploadHeading))
		p.formStart("multipart/form-data", "module", "UWizard", "action", "index", "perform", "upload")
		p.raw(`<input type="file" name="upgrade_zip" accept=".zip">` + "\n")
		p.submit(t.UploadButton)
		p.raw("</form>\n")
	}

	p.printf("<h3>%s</h3>\n", htmlEscape(t.Uploaded))
	shown := 0
	for _, u := range s.uploaded {
		status, ready, hidden := s.uploadStatusLocked(se, u)
		if hidden {
			continue
		}
		if shown == 0 {
			p.table("", t.ColName, t.ColType, t.ColVersion, t.ColPublished, t.ColAuthor, t.ColStatus, "")
		}
		shown++
		p.printf("<tr><td><img src=\"themes/default/images/%s.gif\" alt=\"\"></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>\n",
			htmlEscape(u.spec.Type), htmlEscape(u.spec.Name), htmlEscape(u.spec.Type), htmlEscape(u.spec.Version),
			htmlEscape(s.fmtISODate(u.spec.PublishedDate)), htmlEscape(u.spec.Author), htmlEscape(status))
		if ready {
			p.formStart("", "module", "UWizard", "action", "index", "perform", "prepare_install", "source", u.source())
			if !isCore(u.spec) {
				p.printf("%s: <label><input type=\"checkbox\" name=\"conditions[]\" value=\"layout\" checked> layout</label> <label><input type=\"checkbox\" name=\"conditions[]\" value=\"dropdowns\" checked> dropdowns</label>\n", htmlEscape(t.Conditions))
			}
			p.submit(t.Install)
			p.raw("</form>\n")
		}
		p.formStart("", "module", "UWizard", "action", "index", "perform", "delete", "source", u.source())
		p.submit(t.Delete)
		p.raw("</form>\n</td></tr>\n")
	}
	if shown == 0 {
		p.printf("<p>%s</p>\n", htmlEscape(t.NoUploaded))
	} else {
		p.raw("</table>\n")
	}

	p.printf("<h3>%s</h3>\n", htmlEscape(t.Installed))
	if len(s.installed) == 0 {
		p.printf("<p>%s</p>\n", htmlEscape(t.NoInstalled))
	} else {
		p.table(t.ColName, t.ColType, t.ColVersion, t.ColInstalled, "")
		for _, ip := range s.installed {
			p.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", htmlEscape(ip.spec.Name), htmlEscape(ip.spec.Type),
				htmlEscape(ip.spec.Version), htmlEscape(s.fmtISODate(ip.date)))
			if ip.source != "" && !isCore(ip.spec) {
				p.formStart("", "module", "UWizard", "action", "index", "perform", "prepare_uninstall", "source", ip.source)
				p.submit(t.Uninstall)
				p.raw("</form>")
			}
			p.raw("</td></tr>\n")
		}
		p.raw("</table>\n")
	}
	p.write(w)
}

// prepareUninstall shows the confirmation form of an uninstall (§5.5).
func (s *Server) prepareUninstall(w http.ResponseWriter, se *session, form url.Values) {
	t := s.tr(se)
	source := form.Get("source")
	s.mu.Lock()
	var ip *installedPkg
	for _, p := range s.installed {
		if p.source != "" && p.source == source {
			ip = p
		}
	}
	s.mu.Unlock()
	if ip == nil || isCore(ip.spec) {
		s.renderList(w, se, nil, []string{t.NoCoreUninstall})
		return
	}
	p := s.newPage(se, t.Uninstall+": "+ip.spec.Name+" "+ip.spec.Version)
	p.formStart("", "module", "UWizard", "action", "index", "perform", "uninstall", "source", source)
	p.submit(t.Proceed)
	p.raw("</form>\n")
	p.printf("<p><a href=\"%s\">%s</a></p>\n", htmlEscape(uwizardURL), htmlEscape(t.Cancel))
	p.write(w)
}

func (s *Server) uninstall(se *session, source string) (msgs, errs []string) {
	t := s.tr(se)
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, ip := range s.installed {
		if ip.source != "" && ip.source == source && !isCore(ip.spec) {
			s.installed = append(s.installed[:i], s.installed[i+1:]...)
			s.logf("package %s uninstalled", ip.spec.Name)
			return []string{sprintf(t.UninstallOK, ip.spec.Name)}, nil
		}
	}
	return nil, []string{sprintf(t.ErrNotFound, strings.TrimSpace(source))}
}
