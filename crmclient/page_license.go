package crmclient

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// License Information page (spec §3, 7.x forms): the only place that knows
// its shape. Values come from the TEXT (licence sentence, support
// sentence), sections by heading, columns by header text; the LED image
// or class is a fallback for the colour only.

const licenseQuery = "module=LicenseInfo&action=index"

var (
	// "This application is licensed to {licensee} for {N} active users".
	reLicensedEN = regexp.MustCompile(`(?i)licensed to\s+(.+?)\s+for\s+(\d+)\s+(?:active\s+)?users?`)
	// German wording is unknown; accept the plausible sentence shapes.
	reLicensedDE = []*regexp.Regexp{
		regexp.MustCompile(`(?i)(?:ist|wurde)\s+(?:an|für)\s+(.+?)\s+(?:für|mit)\s+(\d+)\s+(?:aktive[n]?\s+)?(?:Benutzer|Nutzer|Anwender)`),
		regexp.MustCompile(`(?i)lizenziert\s+(?:an|für)\s+(.+?)\s+(?:für|mit)\s+(\d+)\s+(?:aktive[n]?\s+)?(?:Benutzer|Nutzer|Anwender)`),
		regexp.MustCompile(`(?i)Lizenznehmer:?\s+(.+?)[,;]?\s+(\d+)\s+(?:aktive[n]?\s+)?(?:Benutzer|Nutzer|Anwender)`),
	}
	reNotLicensed = regexp.MustCompile(`(?i)not\s+properly\s+licensed|nicht\s+(?:ordnungsgemäß|ordnungsgemäss|korrekt|richtig|gültig)\s+lizenziert|keine\s+gültige\s+lizenz`)
	reInDays      = regexp.MustCompile(`(?i)\((?:in|noch)\s+(-?\d+)\s+(?:days?|tag(?:en|e)?)\)`)
	reISODate     = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`)
	reDEDate      = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	reUSDate      = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
	rePkgVersion  = regexp.MustCompile(`^(\d+(?:\.\d+)+[A-Za-z]?(?:-\d+(?:_[A-Za-z0-9]+)?)?)(?:-|$)`)

	updatesTitles  = []string{"available updates", "verfügbare updates", "verfügbare aktualisierungen", "available upgrades"}
	historyTitles  = []string{"license history", "licence history", "lizenzverlauf", "lizenzhistorie", "lizenz-historie", "lizenzhistorie"}
	productsLabels = []string{"licensed products", "products", "lizenzierte produkte", "produkte"}
	updColumnOrder = []string{"product", "date", "package", "notes", "description"}
	updColumnKeys  = map[string][]string{
		"product":     {"product", "produkt"},
		"date":        {"date", "datum", "posted", "veröffentlicht"},
		"package":     {"package", "paket"},
		"notes":       {"release notes", "notes", "versionshinweise", "hinweise", "änderungen"},
		"description": {"description", "beschreibung"},
	}
	histColumnOrder = []string{"supportstart", "supportend", "name", "type", "products", "licensee", "purchased", "loaded", "users"}
	histColumnKeys  = map[string][]string{
		"supportstart": {"support start", "support-start", "supportbeginn", "support-beginn", "support von", "supportstart"},
		"supportend":   {"support end", "support-end", "supportende", "support-ende", "support bis"},
		"name":         {"=name", "license name", "lizenzname", "=lizenz", "=license"},
		"type":         {"type", "typ", "=art", "lizenzart"},
		"products":     {"product", "produkt"},
		"licensee":     {"licensee", "lizenznehmer", "licensed to"},
		"purchased":    {"purchased", "gekauft", "erworben", "kaufdatum"},
		"loaded":       {"loaded", "geladen", "eingespielt", "installed"},
		"users":        {"user", "benutzer", "nutzer"},
	}
)

// parseLicense reads the License Information page. now decides days left
// when the page shows only a date.
func parseLicense(p *page, now time.Time) (*License, error) {
	text := p.text()
	lic := &License{Support: SupportNone}
	licensedFound := false
	for _, line := range strings.Split(text, "\n") {
		if m := reLicensedEN.FindStringSubmatch(line); m != nil {
			lic.Licensed, lic.Licensee, lic.UserLimit = true, strings.TrimSpace(m[1]), atoiSafe(m[2])
			licensedFound = true
			break
		}
		for _, re := range reLicensedDE {
			if m := re.FindStringSubmatch(line); m != nil {
				lic.Licensed, lic.Licensee, lic.UserLimit = true, strings.TrimSpace(m[1]), atoiSafe(m[2])
				licensedFound = true
				break
			}
		}
		if licensedFound {
			break
		}
	}
	if !licensedFound && reNotLicensed.MatchString(text) {
		licensedFound = true
	}
	if !licensedFound {
		return nil, notAdminOrChanged(p, "license", "licence sentence (\"licensed to … for N active users\")")
	}
	parseSupport(p, text, now, lic)
	lic.Products = licenseProducts(p)
	lic.Updates = licenseUpdates(p)
	lic.LastChecked = labelValue(text, "last checked", "zuletzt geprüft", "letzte prüfung", "zuletzt überprüft")
	lic.History = licenseHistory(p)
	return lic, nil
}

// parseSupport derives the support level from the support sentence:
// expired → red; trial → yellow; fewer than 30 days → yellow; else green;
// no sentence → grey (spec §3 "Support rule"). "(in N days)" is preferred
// to the date, whose format follows the user's preferences.
func parseSupport(p *page, text string, now time.Time, lic *License) {
	var line string
	for _, l := range strings.Split(text, "\n") {
		ll := strings.ToLower(l)
		if (strings.Contains(ll, "support") || strings.Contains(ll, "trial") || strings.Contains(ll, "test")) &&
			containsAny(ll, "expire", "läuft", "abgelaufen", "endet", "ablauf", "gültig bis") {
			line = l
			break
		}
	}
	if line == "" {
		// Fallback only: the LED's image name / alt / class.
		switch ledColour(p) {
		case "red":
			lic.Support = SupportExpired
		case "yellow":
			lic.Support = SupportExpiring
		case "green":
			lic.Support = SupportActive
		}
		return
	}
	lic.SupportEnd, lic.SupportDate = findDate(line)
	if m := reInDays.FindStringSubmatch(line); m != nil {
		lic.DaysLeft, _ = strconv.Atoi(m[1])
		lic.HasDaysLeft = true
	} else if !lic.SupportDate.IsZero() {
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		lic.DaysLeft = int(lic.SupportDate.Sub(today).Hours() / 24)
		lic.HasDaysLeft = true
	}
	ll := strings.ToLower(line)
	expiredWords := containsAny(ll, "expired", "abgelaufen", "ist abgelaufen")
	trial := containsAny(ll, "trial", "testlizenz", "test-lizenz", "testversion", "probe")
	switch {
	case expiredWords || (lic.HasDaysLeft && lic.DaysLeft < 0):
		lic.Support = SupportExpired
	case trial:
		lic.Support = SupportTrial
	case lic.HasDaysLeft && lic.DaysLeft < 30:
		lic.Support = SupportExpiring
	case lic.HasDaysLeft:
		lic.Support = SupportActive
	default:
		lic.Support = SupportActive // a "will expire on" sentence without a readable date
		if c := ledColour(p); c == "yellow" {
			lic.Support = SupportExpiring
		} else if c == "red" {
			lic.Support = SupportExpired
		}
	}
}

// findDate returns the first date in 2025-03-31, 31.03.2025 or 03/31/2025
// form (as rendered, and parsed; zero time when unparsable).
func findDate(s string) (string, time.Time) {
	if m := reISODate.FindStringSubmatch(s); m != nil {
		return m[0], mkDate(m[1], m[2], m[3])
	}
	if m := reDEDate.FindStringSubmatch(s); m != nil {
		return m[0], mkDate(m[3], m[2], m[1])
	}
	if m := reUSDate.FindStringSubmatch(s); m != nil {
		// 03/31/2025 is US order; a first part above 12 means day/month.
		if atoiSafe(m[1]) > 12 {
			return m[0], mkDate(m[3], m[2], m[1])
		}
		return m[0], mkDate(m[3], m[1], m[2])
	}
	return "", time.Time{}
}

func mkDate(y, m, d string) time.Time {
	yy, mm, dd := atoiSafe(y), atoiSafe(m), atoiSafe(d)
	if mm < 1 || mm > 12 || dd < 1 || dd > 31 {
		return time.Time{}
	}
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd {
		return time.Time{}
	}
	return t
}

func ledColour(p *page) string {
	col := ""
	p.doc.Find("img,span,div,i").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		hint := strings.ToLower(s.AttrOr("src", "") + " " + s.AttrOr("alt", "") + " " + s.AttrOr("class", "") + " " + s.AttrOr("title", ""))
		if !strings.Contains(hint, "led") && !strings.Contains(hint, "support") {
			return true
		}
		for _, c := range []string{"red", "yellow", "green", "grey", "gray"} {
			if strings.Contains(hint, c) {
				col = c
				return false
			}
		}
		return true
	})
	return col
}

// labelValue returns the text after "Label:" on the first line that has it.
func labelValue(text string, labels ...string) string {
	for _, l := range strings.Split(text, "\n") {
		ll := strings.ToLower(l)
		for _, lab := range labels {
			if i := strings.Index(ll, lab); i >= 0 {
				rest := strings.TrimSpace(l[i+len(lab):])
				rest = strings.TrimSpace(strings.TrimLeft(rest, ":| "))
				if rest != "" {
					return rest
				}
			}
		}
	}
	return ""
}

// licenseProducts: a "Products" heading/label and the items after it
// (list items, or the value cell / text after the label).
func licenseProducts(p *page) []string {
	lab := findLabelled(p.doc, productsLabels...)
	if lab == nil {
		return nil
	}
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !containsAny(s, productsLabels...) {
			out = append(out, s)
		}
	}
	// Label inside a table cell: the products are in the next cell.
	if goquery.NodeName(lab) == "th" || goquery.NodeName(lab) == "td" {
		if next := lab.Next(); next.Length() > 0 {
			if li := next.Find("li"); li.Length() > 0 {
				li.Each(func(_ int, s *goquery.Selection) { add(clean(s)) })
				return out
			}
			for _, part := range strings.Split(clean(next), ",") {
				add(part)
			}
			return out
		}
	}
	// Label with the value in the same element: "Products: A, B".
	t := clean(lab)
	if i := strings.Index(t, ":"); i >= 0 && strings.TrimSpace(t[i+1:]) != "" {
		for _, part := range strings.Split(t[i+1:], ",") {
			add(part)
		}
		return out
	}
	// Heading followed by a list.
	for s := lab.Next(); s.Length() > 0; s = s.Next() {
		if li := s.Find("li"); li.Length() > 0 || goquery.NodeName(s) == "li" {
			if goquery.NodeName(s) == "li" {
				add(clean(s))
				continue
			}
			li.Each(func(_ int, x *goquery.Selection) { add(clean(x)) })
			return out
		}
		if strings.HasPrefix(goquery.NodeName(s), "h") {
			break
		}
		if goquery.NodeName(s) == "p" || goquery.NodeName(s) == "div" {
			for _, part := range strings.Split(clean(s), ",") {
				add(part)
			}
			return out
		}
	}
	return out
}

func licenseUpdates(p *page) []AvailableUpdate {
	t := findTable(p.doc, updatesTitles, updColumnKeys, updColumnOrder, 2)
	if t == nil {
		return nil
	}
	var out []AvailableUpdate
	for _, row := range t.dataRows() {
		u := AvailableUpdate{
			Product:     cellText(row, t.cols, "product"),
			Date:        cellText(row, t.cols, "date"),
			Package:     cellText(row, t.cols, "package"),
			Description: cellText(row, t.cols, "description"),
		}
		if i, ok := t.cols["package"]; ok {
			if cell := cellAt(row, i); cell != nil {
				if a := cell.Find("a[href]").First(); a.Length() > 0 {
					u.DownloadURL = absURL(p, a.AttrOr("href", ""))
				}
			}
		}
		if i, ok := t.cols["notes"]; ok {
			if cell := cellAt(row, i); cell != nil {
				if a := cell.Find("a[href]").First(); a.Length() > 0 {
					u.ReleaseNotesURL = absURL(p, a.AttrOr("href", ""))
				}
			}
		}
		if m := rePkgVersion.FindStringSubmatch(u.Package); m != nil {
			u.Version = m[1]
		}
		if u.Package == "" && u.DownloadURL == "" {
			continue
		}
		out = append(out, u)
	}
	return out
}

func absURL(p *page, href string) string {
	u, err := p.url.Parse(strings.TrimSpace(href))
	if err != nil {
		return ""
	}
	return u.String()
}

func licenseHistory(p *page) []LicenseHistoryEntry {
	t := findTable(p.doc, historyTitles, histColumnKeys, histColumnOrder, 3)
	if t == nil {
		return nil
	}
	var out []LicenseHistoryEntry
	for _, row := range t.dataRows() {
		h := LicenseHistoryEntry{
			Name:         cellText(row, t.cols, "name"),
			Type:         strings.ToLower(cellText(row, t.cols, "type")),
			Products:     cellText(row, t.cols, "products"),
			Licensee:     cellText(row, t.cols, "licensee"),
			Purchased:    cellText(row, t.cols, "purchased"),
			SupportStart: cellText(row, t.cols, "supportstart"),
			SupportEnd:   cellText(row, t.cols, "supportend"),
			Loaded:       cellText(row, t.cols, "loaded"),
			UserLimit:    atoiSafe(cellText(row, t.cols, "users")),
		}
		if h.Name == "" && h.Type == "" && h.SupportEnd == "" {
			continue
		}
		out = append(out, h)
	}
	return out
}
