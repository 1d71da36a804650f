package sim

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"
)

const downloadPrefix = "/download/updates/"

// supportDaysLocked returns days left of the support contract (spec §3:
// support end − today) and whether there is support information.
func (s *Server) supportDaysLocked() (int, bool) {
	if s.supportEnd.IsZero() {
		return 0, false
	}
	return int(math.Round(s.supportEnd.Sub(s.today()).Hours() / 24)), true
}

// supportExpiredLocked is the condition that disables the upgrade manager.
func (s *Server) supportExpiredLocked() bool {
	d, ok := s.supportDaysLocked()
	return ok && d < 0
}

func (s *Server) fmtDate(t time.Time) string { return t.In(s.loc).Format(s.sc.DateFormat) }

// fmtISODate re-renders a YYYY-MM-DD scenario date in the user's format.
func (s *Server) fmtISODate(d string) string {
	t, err := time.ParseInLocation("2006-01-02", d, s.loc)
	if err != nil {
		return d
	}
	return s.fmtDate(t)
}

// offeredUpdatesLocked are the Available Updates rows still newer than what
// is installed: a core update disappears once /version reached it (§9 #9).
func (s *Server) offeredUpdatesLocked() []UpdateSpec {
	var out []UpdateSpec
	for _, u := range s.sc.Updates {
		p := u.Package
		if u.Unlisted {
			continue
		}
		if isCore(p) {
			if newer(releaseOf(p.Version), releaseOf(s.version)) {
				out = append(out, u)
			}
			continue
		}
		if ip := s.installedByIDLocked(p.ID, p.Type); ip != nil && !newer(p.Version, ip.spec.Version) {
			continue
		}
		out = append(out, u)
	}
	return out
}

// licensePage is GET module=LicenseInfo&action=index (spec §3).
func (s *Server) licensePage(w http.ResponseWriter, r *http.Request, se *session) {
	t := s.tr(se)
	lic := s.sc.License
	p := s.newPage(se, t.LicenseTitle)
	if r.Method == http.MethodPost && r.Form.Get("perform") == "check_updates" {
		// The vendor server is not asked: the list is what the scenario says.
		s.mu.Lock()
		s.checkedAt = s.now()
		s.mu.Unlock()
	}
	s.mu.Lock()
	days, hasSupport := s.supportDaysLocked()
	updates := s.offeredUpdatesLocked()
	s.mu.Unlock()

	if lic.Unlicensed {
		p.printf("<p><b>%s</b></p>\n", htmlEscape(t.NotLicensed))
	} else {
		p.printf("<p>%s</p>\n", htmlEscape(fmt.Sprintf(t.LicensedTo, lic.Licensee, lic.UserLimit)))
	}
	// The support sentence with its LED (grey/red/yellow/green, spec §3).
	led, sentence := "grey", t.SupportNone
	if hasSupport {
		end := s.fmtDate(s.supportEnd)
		switch {
		case days < 0:
			led, sentence = "red", fmt.Sprintf(t.SupportExpired, end)
		case lic.Trial:
			led, sentence = "yellow", fmt.Sprintf(t.SupportTrial, end, days)
		case days < 30:
			led, sentence = "yellow", fmt.Sprintf(t.SupportActive, end, days)
		default:
			led, sentence = "green", fmt.Sprintf(t.SupportActive, end, days)
		}
	}
	p.printf("<p><img src=\"themes/default/images/led_%s.gif\" alt=\"%s\" width=\"12\" height=\"12\"> %s</p>\n", led, led, htmlEscape(sentence))

	if !lic.Unlicensed {
		p.printf("<h3>%s</h3>\n<ul>\n", htmlEscape(t.Products))
		for _, n := range s.sc.ProductNames {
			p.printf("<li>%s</li>\n", htmlEscape(n))
		}
		p.raw("</ul>\n")
	}

	v := s.sc.Vendor
	p.printf("<h3>%s</h3>\n<table>\n", htmlEscape(t.Vendor))
	p.printf("<tr><td>%s</td><td>%s</td></tr>\n", htmlEscape(t.VendorName), htmlEscape(v.Name))
	p.printf("<tr><td>%s</td><td><a href=\"%s\">%s</a></td></tr>\n", htmlEscape(t.VendorURL), htmlEscape(v.URL), htmlEscape(v.URL))
	p.printf("<tr><td>%s</td><td>%s</td></tr>\n", htmlEscape(t.VendorAddress), htmlEscape(v.Address))
	p.printf("<tr><td>%s</td><td>%s</td></tr>\n", htmlEscape(t.VendorPhone), htmlEscape(v.Phone))
	p.printf("<tr><td>%s</td><td><a href=\"mailto:%s\">%s</a></td></tr>\n</table>\n", htmlEscape(t.VendorEmail), htmlEscape(v.Email), htmlEscape(v.Email))

	p.printf("<h3>%s</h3>\n", htmlEscape(t.AvailableUpdates))
	if lic.NoUpdatesChecked {
		p.printf("<p>%s</p>\n", htmlEscape(t.NeverChecked))
	} else {
		p.printf("<p>%s</p>\n", htmlEscape(fmt.Sprintf(t.LastChecked, s.lastChecked().Format(s.sc.DateFormat+" 15:04"))))
	}
	if len(updates) == 0 {
		p.printf("<p>%s</p>\n", htmlEscape(t.NoUpdates))
	} else {
		p.table(t.ColProduct, t.ColDatePosted, t.ColPackage, t.ColReleaseNotes, t.ColDescription)
		for _, u := range updates {
			pk := u.Package
			label := pk.Version + "-" + pk.ID + "-" + pk.Type
			notes := ""
			if u.ReleaseNotesURL != "" {
				notes = fmt.Sprintf(`<a href="%s" target="_blank">%s</a>`, htmlEscape(u.ReleaseNotesURL), htmlEscape(t.ReleaseNotes))
			}
			p.printf("<tr><td>%s</td><td>%s</td><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td></tr>\n",
				htmlEscape(u.Product), htmlEscape(s.fmtISODate(u.DatePosted)),
				htmlEscape(strings.TrimPrefix(downloadPrefix, "/")+pk.FileName), htmlEscape(label),
				notes, htmlEscape(u.Description))
		}
		p.raw("</table>\n")
	}
	p.formStart("", "module", "LicenseInfo", "action", "index", "perform", "check_updates")
	p.submit(t.CheckUpdates)
	p.raw("</form>\n")

	if !lic.Unlicensed {
		p.printf("<h3>%s</h3>\n", htmlEscape(t.LicenseHistory))
		p.table(t.ColName, t.ColType, t.ColProducts, t.ColLicensee, t.ColPurchased, t.ColSupportStart, t.ColSupportEnd, t.ColLoaded, t.ColUsers)
		for _, h := range s.licenseHistory() {
			p.row(h.Name, h.Type, h.Products, h.Licensee, s.fmtISODate(h.Purchased), s.fmtISODate(h.SupportStart),
				s.fmtISODate(h.SupportEnd), s.fmtISODate(h.Loaded), fmt.Sprint(h.UserLimit))
		}
		p.raw("</table>\n")
	}
	p.formStart("", "module", "LicenseInfo", "action", "Update")
	p.submit(t.UpdateLicense)
	p.raw("</form>\n")
	p.write(w)
}

// lastChecked is the last daily update check: 06:00 server time today, or
// yesterday when it is earlier than that.
func (s *Server) lastChecked() time.Time {
	s.mu.Lock()
	checked := s.checkedAt
	s.mu.Unlock()
	if !checked.IsZero() {
		return checked.In(s.loc)
	}
	t := s.today().Add(6 * time.Hour)
	if s.now().Before(t) {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// licenseHistory fills the scenario's rows (or generates one) with the
// license defaults, and adds the "hosted" row of a cloud instance (§8).
func (s *Server) licenseHistory() []LicenseHistorySpec {
	lic := s.sc.License
	rows := append([]LicenseHistorySpec(nil), lic.History...)
	end := ""
	if !s.supportEnd.IsZero() {
		end = s.supportEnd.Format("2006-01-02")
	}
	// Rows without dates get those of the current contract: one year
	// before the support end (or before today without support info).
	anchor := s.today()
	if !s.supportEnd.IsZero() {
		anchor = s.supportEnd
	}
	start := anchor.AddDate(-1, 0, 1).Format("2006-01-02")
	if len(rows) == 0 {
		rows = append(rows, LicenseHistorySpec{Name: s.sc.ProductNames[0], Type: "initial", Purchased: start, SupportStart: start, Loaded: start})
	}
	hosted := false
	for _, h := range rows {
		hosted = hosted || h.Type == "hosted"
	}
	if s.sc.Deployment == "cloud" && !hosted {
		rows = append(rows, LicenseHistorySpec{Name: s.sc.ProductNames[0] + " (hosted)", Type: "hosted", Purchased: start, SupportStart: start, Loaded: start})
	}
	for i := range rows {
		h := &rows[i]
		if h.Products == "" {
			h.Products = strings.Join(s.sc.ProductNames, ", ")
		}
		if h.Licensee == "" {
			h.Licensee = lic.Licensee
		}
		if h.SupportEnd == "" {
			h.SupportEnd = end
		}
		if h.Purchased == "" {
			h.Purchased = start
		}
		if h.SupportStart == "" {
			h.SupportStart = start
		}
		if h.Loaded == "" {
			h.Loaded = start
		}
		if h.UserLimit == 0 {
			h.UserLimit = lic.UserLimit
		}
	}
	return rows
}

// serveDownload serves an Available Updates package as a real ZIP. The
// link works without the session (spec §10.2 q8 is open; the simulator
// keeps the simpler convention).
func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request, name string) {
	b, err := s.UpdateZip(name)
	if errors.Is(err, errNoSuchUpdate) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.phpFatal(w, phpError{msg: "cannot build package: " + err.Error(), file: "modules/LicenseInfo/Download.php", line: 52})
		return
	}
	s.mu.Lock()
	s.counters.Downloads++
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	s.serveUpdate(w, r, name, b) // Range, If-Range, validators, faults: download.go
}

var errNoSuchUpdate = errors.New("no such update package")

// UpdateZip returns the ZIP of the scenario's update with this file name
// (listed or unlisted), built once with crmclient/manifest.WriteZip. Tests
// of other packages use it as "the package the admin has".
func (s *Server) UpdateZip(fileName string) ([]byte, error) {
	for _, u := range s.sc.Updates {
		if u.Package.FileName != fileName {
			continue
		}
		s.mu.Lock()
		b, ok := s.zipCache[fileName]
		s.mu.Unlock()
		if ok {
			return b, nil
		}
		b, err := buildPackageZip(u.Package, u.PaddingBytes)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		s.zipCache[fileName] = b
		s.mu.Unlock()
		return b, nil
	}
	return nil, fmt.Errorf("%w: %s", errNoSuchUpdate, fileName)
}

// UpdateURL is the download path (below the base URL) of an update package.
func UpdateURL(fileName string) string { return downloadPrefix + fileName }

// RenewSupport loads a renewed license: support now ends days from today.
// Sessions that logged in before keep the status cached at their login
// (spec §3), so an expired manager stays disabled until the next login.
func (s *Server) RenewSupport(days int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.supportEnd = s.today().AddDate(0, 0, days)
	s.logf("support renewed for %d days", days)
}
