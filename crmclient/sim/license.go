package sim

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"sort"
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

// licensePage is GET module=LicenseInfo&action=index (7.x
// modules/LicenseInfo/index.php, views/view.Index.php, spec §3): the detail
// view (License Status, Support Status with its LED, Products; the
// license update forms beside the vendor block), the Available Updates
// table of SystemUpdateManager, the License History subpanel. The
// FormGenerator and ListView markup of 7.x is not public; the texts,
// field order, LED classes and the updates table are the real ones.
func (s *Server) licensePage(w http.ResponseWriter, r *http.Request, se *session) {
	t := s.tr(se)
	lic := s.sc.License
	s.mu.Lock()
	days, hasSupport := s.supportDaysLocked()
	updates := s.offeredUpdatesLocked()
	s.mu.Unlock()
	p := s.newPage(se, t.LicenseTitle)
	p.raw("<form method=\"post\" action=\"index.php\" name=\"DetailForm\" enctype=\"multipart/form-data\">\n")
	p.hidden("module", "LicenseInfo")
	p.hidden("action", "Update")
	p.raw("<table class=\"tabDetailView\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\">\n")
	status := htmlEscape(t.LicenseMissing)
	if !lic.Unlicensed {
		status = sprintf(htmlEscape(t.LicenseInfo), "<b>"+htmlEscape(lic.Licensee)+"</b>", "<b>"+fmt.Sprint(lic.UserLimit)+"</b>")
	}
	detailRow(p, t.LicenseStatus, status)
	// get_support_status: grey without support info, red at 0 days or
	// less, yellow for a trial or under 30 days, else green.
	colour, sentence := "grey", htmlEscape(t.LicenseNoSupport)
	if hasSupport && !lic.Unlicensed {
		end := "<b>" + htmlEscape(s.fmtDate(s.supportEnd)) + "</b>"
		n := "<b>" + fmt.Sprint(days) + "</b>"
		switch {
		case days <= 0 && lic.Trial:
			colour, sentence = "red", sprintf(t.LicenseTrialExpired, end)
		case days <= 0:
			colour, sentence = "red", sprintf(htmlEscape(t.LicenseExpired), end)
		case lic.Trial:
			colour, sentence = "yellow", sprintf(t.LicenseTrial, end, n)
		case days < 30:
			colour, sentence = "yellow", sprintf(htmlEscape(t.LicenseExpiring), end, n)
		default:
			colour, sentence = "green", sprintf(htmlEscape(t.LicenseExpiring), end, n)
		}
	}
	detailRow(p, t.LicenseSupport, `<div class="input-icon icon-led`+colour+`"></div>&nbsp;`+sentence)
	if !lic.Unlicensed && len(s.sc.ProductNames) > 0 {
		detailRow(p, t.LicenseProducts, htmlEscape(strings.Join(s.sc.ProductNames, ", ")))
	}
	p.raw("</table>\n")
	s.writeVendorBlock(p, t)
	p.raw("</form>\n")
	if !lic.Unlicensed {
		p.raw("<br>\n")
		s.writeUpdatesTable(p, t, updates)
	}
	p.raw("<br>\n")
	s.writeLicenseHistory(p, t)
	p.write(w)
}

func detailRow(p *page, label, html string) {
	p.printf("<tr>\n<td class=\"tabDetailViewDL\" width=\"20%%\">%s</td>\n<td class=\"tabDetailViewDF\" colspan=\"3\">%s</td>\n</tr>\n",
		htmlEscape(label), html)
}

// writeVendorBlock is the "update" section: Quick Update and Upload
// License (each spanning three rows) beside the vendor fields.
func (s *Server) writeVendorBlock(p *page, t *texts) {
	v := s.sc.Vendor
	dl := func(l string) string { return `<td class="tabDetailViewDL" width="20%">` + htmlEscape(l) + "</td>" }
	df := func(h string) string { return `<td class="tabDetailViewDF">` + h + "</td>" }
	keyForm := "<p>" + htmlEscape(t.QuickUpdateText) + "</p>\n<input type=\"text\" size=\"20\" class=\"input-text\" name=\"license_key\"><br>\n" +
		"<button type=\"submit\" class=\"input-button input-outer\" style=\"margin-top: 0.2em\"><div class=\"input-icon icon-accept left\"></div><span class=\"input-label\">" + htmlEscape(t.UpdateButton) + "</span></button>"
	upForm := "<p>" + htmlEscape(t.UploadLicenseText) + "</p>\n<input type=\"file\" size=\"20\" class=\"input-file\" name=\"license_file\"><br>\n" +
		"<button type=\"submit\" class=\"input-button input-outer\" style=\"margin-top: 0.2em\"><div class=\"input-icon icon-accept left\"></div><span class=\"input-label\">" + htmlEscape(t.UpdateButton) + "</span></button>"
	mail := func(a string) string { return `<a href="mailto:` + htmlEscape(a) + `">` + htmlEscape(a) + "</a>" }
	p.raw("<table class=\"tabDetailView\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\">\n")
	p.raw("<tr>" + `<td class="tabDetailViewDL" width="20%" rowspan="3">` + htmlEscape(t.QuickUpdate) + `</td><td class="tabDetailViewDF" rowspan="3">` + keyForm + "</td>" +
		dl(t.VendorName) + df(htmlEscape(v.Name)) + "</tr>\n")
	p.raw("<tr>" + dl(t.VendorURL) + df(`<a href="`+htmlEscape(v.URL)+`" target="_blank">`+htmlEscape(v.URL)+"</a>") + "</tr>\n")
	p.raw("<tr>" + dl(t.VendorAddress) + df(htmlEscape(v.Address)) + "</tr>\n")
	p.raw("<tr>" + `<td class="tabDetailViewDL" width="20%" rowspan="3">` + htmlEscape(t.UploadLicense) + `</td><td class="tabDetailViewDF" rowspan="3">` + upForm + "</td>" +
		dl(t.VendorPhone) + df(htmlEscape(v.Phone)) + "</tr>\n")
	p.raw("<tr>" + dl(t.VendorEmailSales) + df(mail(v.Email)) + "</tr>\n")
	p.raw("<tr>" + dl(t.VendorEmailSupport) + df(mail(v.Email)) + "</tr>\n")
	p.raw("</table>\n")
}

// writeUpdatesTable is SystemUpdateManager::getUpdatesTable: a title
// header, the "Last checked" line with the Check for Updates button, and
// (when there are updates) a header row of bold td cells and one row per
// update whose Package cell links to the download.
func (s *Server) writeUpdatesTable(p *page, t *texts, updates []UpdateSpec) {
	p.raw("<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\" class=\"tabDetailView\"><tbody id=\"updates_table\">\n")
	p.printf("<tr><th class=\"tabDetailViewDL\" colspan=\"5\">\n<h4 class=\"tabDetailViewDL\">%s</h4>\n</th></tr>\n", htmlEscape(t.UpdatesTitle))
	checked := t.UpdatesNotChecked
	if !s.sc.License.NoUpdatesChecked {
		checked = s.lastChecked().Format(s.sc.DateFormat + " 15:04")
	}
	msg := ""
	if len(updates) == 0 {
		msg = t.NoUpdates + " "
	}
	p.printf("<tr><td class=\"tabDetailViewDL\" colspan=\"5\" style=\"text-align: left; padding-top: 0.8em; padding-bottom: 0.8em\">\n<p>%s%s</p>\n",
		htmlEscape(msg), htmlEscape(strings.ReplaceAll(t.UpdatedTimeChecked, "{TIME}", checked)))
	p.printf("<button onclick=\"return check_for_updates();\" class=\"form-button input-outer\" type=\"button\" name=\"check_updates\" id=\"check_updates\">"+
		"<div class=\"input-icon left icon-recur\"></div><span class=\"input-label\">%s</span></button>\n</td></tr>\n", htmlEscape(t.UpdatesButton))
	if len(updates) > 0 {
		p.raw("<tr>\n")
		for _, h := range []string{t.ColProduct, t.ColDatePosted, t.ColPackage, t.ColNotesLink, t.ColPackageNotes} {
			p.printf("<td nowrap=\"\" style=\"text-align: center; font-weight: bold;\" class=\"tabDetailViewDL\">%s</td>\n", htmlEscape(h))
		}
		p.raw("</tr>\n")
	}
	for _, u := range updates {
		pk := u.Package
		name := pk.Version + "-" + pk.ID + "-" + pk.Type
		notesLink, notes := "&mdash;", "&mdash;"
		if u.ReleaseNotesURL != "" {
			notesLink = `<a class="tabDetailViewDFLink" target="_blank" href="` + htmlEscape(u.ReleaseNotesURL) + `">` + htmlEscape(t.ReleaseNotes) + "</a>"
		}
		if u.Description != "" {
			notes = strings.ReplaceAll(htmlEscape(u.Description), "\n", "<br />\n")
		}
		p.printf("<tr>\n<td nowrap=\"\" style=\"text-align: center;\" class=\"tabDetailViewDL\">%s</td>\n"+
			"<td nowrap=\"\" style=\"text-align: center;\" class=\"tabDetailViewDF\">%s</td>\n"+
			"<td nowrap=\"\" style=\"text-align: center;\" class=\"tabDetailViewDF\"><a class=\"tabDetailViewDFLink\" target=\"_blank\" href=\"%s\">%s</a></td>\n"+
			"<td nowrap=\"\" style=\"text-align: center;\" class=\"tabDetailViewDF\">%s</td>\n"+
			"<td style=\"text-align: left;\" class=\"tabDetailViewDF\">%s</td>\n</tr>\n",
			htmlEscape(u.Product), htmlEscape(s.fmtISODate(u.DatePosted)),
			htmlEscape(strings.TrimPrefix(downloadPrefix, "/")+pk.FileName), htmlEscape(name), notesLink, notes)
	}
	p.raw("</tbody></table>\n")
}

// writeLicenseHistory is the subpanel of views/subpanel.Standard.php:
// name, type, date_purchased, vendor_name, active_limit, date_support_end,
// newest support end first.
func (s *Server) writeLicenseHistory(p *page, t *texts) {
	listHead(p, t.LicenseHistory, t.ListLicenseName, t.ListLicenseType, t.ListPurchased, t.ListVendor, t.ListActiveLimit, t.ListSupportEnd)
	if !s.sc.License.Unlicensed {
		rows := s.licenseHistory()
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].SupportEnd > rows[j].SupportEnd })
		for _, h := range rows {
			typ := h.Type
			if l, ok := t.LicenseTypes[typ]; ok {
				typ = l
			}
			p.raw("\t<tr class=\"oddListRowS1\">\n")
			for _, c := range []string{h.Name, typ, s.fmtISODate(h.Purchased), s.sc.Vendor.Name, fmt.Sprint(h.UserLimit), s.fmtISODate(h.SupportEnd)} {
				td(p, htmlEscape(c))
			}
			p.raw("\t</tr>\n")
		}
	}
	p.raw("</tbody>\n</table>\n")
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
	if s.unknownMarkup("download") && r.URL.Query().Get("start") != "1" {
		unknownDownloadPage(w, name)
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
