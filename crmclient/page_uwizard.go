package crmclient

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Upgrade manager list page (spec §5.1 as corrected; facts: 7.x
// modules/UWizard/index.php, templates/uploaded.tpl, installed.tpl): the
// only place that knows its shape. Sections are found by their titles,
// columns by header text. A package is one DATA row (separate name, type
// and version cells; the action cell with the forms spans the following
// rows) plus the rows after it: a description row and an italic status row
// (one cell across the table), condition rows (an unnamed checkbox and its
// label), a separator. Only data rows become packages.

const uwizardQuery = "module=UWizard&action=index"

var (
	uploadedTitles  = []string{"uploaded packages", "uploaded package", "hochgeladene pakete", "hochgeladene erweiterungen", "hochgeladene module"}
	installedTitles = []string{"installed packages", "installed package", "installierte pakete", "installierte erweiterungen", "installierte module"}
	pkgColumnOrder  = []string{"name", "type", "version", "published", "author", "status", "installed"}
	pkgColumnKeys   = map[string][]string{
		"name":      {"=name", "package name", "paketname", "=paket"},
		"type":      {"=type", "=typ", "package type", "pakettyp"},
		"version":   {"version"},
		"published": {"published", "veröffentlicht", "date posted"},
		"author":    {"author", "autor"},
		"status":    {"status"},
		"installed": {"installed", "install date", "date installed", "installiert", "installationsdatum", "=date", "=datum"},
	}
	// readyTexts: STATUS_READY "Package is ready for installation" (7.x en;
	// the German pack left UWizard untranslated), plus German guesses.
	readyTexts = []string{"ready for install", "bereit zur installation", "installationsbereit", "kann installiert werden"}
)

// uwizardPage is the parsed list page plus the forms the client submits.
type uwizardPage struct {
	page       *page
	list       *PackageList
	rowForms   map[string]*rowForms // by source (Uploaded packages)
	uploadForm *form
}

// rowForms holds the forms of one Uploaded package.
type rowForms struct {
	install *form // perform=prepare_install, conditions filled like the browser's script
	del     *form // perform=delete
}

// parsePackageList reads the list page. With expired support only
// MSG_LIC_UPGRADES_DISABLED is shown: UpgradesDisabled, no error. A page
// that was redirected to Home → ErrRedirectedHome (fail closed: the
// reason is not on the page).
func parsePackageList(p *page) (*uwizardPage, error) {
	out := &uwizardPage{page: p, list: &PackageList{}, rowForms: map[string]*rowForms{}}
	l := out.list
	text := p.text()
	if box, ok := findMessageBox(p); ok {
		l.Message = box.text
	}
	l.InProgress = containsAny(text, "upgrade is in progress", "update is in progress",
		"aktualisierung läuft", "upgrade läuft", "update läuft", "installation läuft", "wird gerade durchgeführt")

	if f := p.doc.Find(`input[type="file"][name="upgrade_zip"]`).First(); f.Length() > 0 {
		if fs := f.Closest("form"); fs.Length() > 0 {
			out.uploadForm = readForm(p, fs, false)
		}
	}
	up := findTable(p.doc, uploadedTitles, pkgColumnKeys, pkgColumnOrder[:6], 2)
	inst := findTable(p.doc, installedTitles, pkgColumnKeys, []string{"name", "type", "version", "installed"}, 2)
	upTitle := findLabelled(p.doc, uploadedTitles...) != nil
	instTitle := findLabelled(p.doc, installedTitles...) != nil

	if up == nil && inst == nil && !upTitle && !instTitle {
		if classifyMessage(l.Message).kind == ErrUpgradesDisabled || classifyMessage(text).kind == ErrUpgradesDisabled {
			// MSG_LIC_UPGRADES_DISABLED, shown as a message or as the
			// error page that counts down to Home (redirect_home).
			l.UpgradesDisabled = true
			if l.Message == "" {
				l.Message = disabledLine(p)
			}
			return out, nil
		}
		if strings.EqualFold(p.url.Query().Get("module"), "Home") {
			return nil, &redirectedHomeError{}
		}
		return nil, notAdminOrChanged(p, "uwizard", "Uploaded Packages", "Installed Packages")
	}
	if up != nil {
		scripted := scriptedConditions(p)
		for _, g := range packageGroups(up) {
			pkg, forms := uploadedPackage(p, g, up.cols, scripted)
			l.Uploaded = append(l.Uploaded, pkg)
			if pkg.Source != "" && forms != nil {
				out.rowForms[pkg.Source] = forms
			}
		}
	}
	if inst != nil {
		for _, g := range packageGroups(inst) {
			l.Installed = append(l.Installed, installedPackage(g, inst.cols))
		}
	}
	// Hosted installations show no upload form, and say why
	// (LBL_UPLOAD_DISABLED, spec §5.2). A missing form without that
	// message is a page the client does not know (issue 10: the upload
	// then goes to the admin in the browser), not a hosted instance.
	if out.uploadForm == nil {
		if classifyMessage(l.Message).kind == ErrUploadDisabled || classifyMessage(text).kind == ErrUploadDisabled {
			l.UploadDisabled = true
		} else {
			l.UploadFormMissing = true
		}
	}
	return out, nil
}

// redirectedHomeError: the upgrade manager answered with the Home page.
type redirectedHomeError struct{}

func (e *redirectedHomeError) Error() string { return ErrRedirectedHome.Error() }
func (e *redirectedHomeError) Unwrap() []error {
	return []error{ErrRedirectedHome, &PageChangedError{Page: "uwizard", Missing: []string{"package lists (redirected to Home)"}}}
}

// pkgGroup is one package: its data row and the rows that follow it up
// to the next data row.
type pkgGroup struct {
	data  *goquery.Selection
	extra []*goquery.Selection
}

// packageGroups splits a list table into packages. Rows before the first
// data row (an empty-list notice) belong to none.
func packageGroups(t *foundTable) []pkgGroup {
	var out []pkgGroup
	for _, row := range t.dataRows() {
		if isDataRow(row, t.cols) {
			out = append(out, pkgGroup{data: row})
			continue
		}
		if len(out) > 0 {
			out[len(out)-1].extra = append(out[len(out)-1].extra, row)
		}
	}
	return out
}

// isDataRow: the row has its own cells for name, type and version (a
// description, status or condition row spans them with one cell) and a
// name and a version.
func isDataRow(row *goquery.Selection, cols columns) bool {
	var cells []*goquery.Selection
	for _, k := range []string{"name", "type", "version"} {
		i, ok := cols[k]
		if !ok {
			if k == "type" {
				continue // a list without a type column still has packages
			}
			return false
		}
		c := cellAt(row, i)
		if c == nil || atoiSafe(c.AttrOr("colspan", "1")) > 1 {
			return false
		}
		for _, prev := range cells {
			if prev.Get(0) == c.Get(0) {
				return false
			}
		}
		cells = append(cells, c)
	}
	return cellText(row, cols, "name") != "" && cellText(row, cols, "version") != ""
}

// lineRows are the group's rows that are one text line across the table
// (description, status), in order; rows with a checkbox (conditions) and
// empty rows (separators) are left out.
func (g pkgGroup) lineRows() []*goquery.Selection {
	var out []*goquery.Selection
	for _, r := range g.extra {
		if r.Find(`input[type="checkbox"]`).Length() > 0 {
			continue
		}
		cells := r.ChildrenFiltered("td,th")
		if cells.Length() != 1 || (cells.Children().Length() == 0 && clean(cells) == "") {
			continue // not one line, or a separator
		}
		out = append(out, r)
	}
	return out
}

// statusMarked: the row is styled as the status line (7.x: the listAddLine
// div in italics, with class "error" for a failed check).
func statusMarked(r *goquery.Selection) (marked, isError bool) {
	r.Find("*").Each(func(_ int, s *goquery.Selection) {
		style := strings.ToLower(strings.ReplaceAll(s.AttrOr("style", ""), " ", ""))
		if strings.Contains(style, "font-style:italic") || goquery.NodeName(s) == "i" || goquery.NodeName(s) == "em" {
			marked = true
		}
		if hasClassToken(s, "error") {
			marked, isError = true, true
		}
	})
	return marked, isError
}

// descriptionAndStatus reads the description and status lines of a
// package: the status is the line styled as such; unstyled, the second
// line (the template's order) or a single line that is a known status.
func (g pkgGroup) descriptionAndStatus() (desc, status string, isError bool) {
	lines := g.lineRows()
	statusIdx := -1
	for i, r := range lines {
		if m, e := statusMarked(r); m {
			statusIdx, isError = i, e
			break
		}
	}
	if statusIdx < 0 {
		switch {
		case len(lines) >= 2:
			statusIdx = 1
		case len(lines) == 1 && (containsAny(clean(lines[0]), readyTexts...) || classifyMessage(clean(lines[0])).known):
			statusIdx = 0
		}
	}
	for i, r := range lines {
		t := clean(r)
		switch {
		case i == statusIdx:
			status = t
		case desc == "" && i < max(statusIdx, 1):
			desc = t
		}
	}
	return desc, status, isError
}

func uploadedPackage(p *page, g pkgGroup, cols columns, scripted map[string]string) (UploadedPackage, *rowForms) {
	label := cellText(g.data, cols, "type")
	pkg := UploadedPackage{
		Name:      cellText(g.data, cols, "name"),
		TypeLabel: label,
		Version:   cellText(g.data, cols, "version"),
		Published: cellText(g.data, cols, "published"),
		Author:    cellText(g.data, cols, "author"),
	}
	pkg.Type = typeOf(label)
	var statusError bool
	pkg.Description, pkg.Status, statusError = g.descriptionAndStatus()
	pkg.Ready = !statusError && containsAny(pkg.Status, readyTexts...)

	forms := &rowForms{}
	for _, r := range append([]*goquery.Selection{g.data}, g.extra...) {
		r.Find("form").Each(func(_ int, fs *goquery.Selection) {
			f := readForm(p, fs, false)
			switch f.get("perform") {
			case "prepare_install":
				if forms.install == nil {
					pkg.Conditions = fillConditions(fs, f, g, scripted)
					forms.install = f
				}
			case "delete":
				if forms.del == nil {
					forms.del = f
				}
			}
			if pkg.Source == "" {
				pkg.Source = f.get("source")
			}
		})
	}
	if pkg.Source == "" {
		if src := g.data.Find(`input[name="source"]`).First(); src.Length() > 0 {
			pkg.Source = src.AttrOr("value", "")
		}
	}
	if forms.install == nil && forms.del == nil {
		return pkg, nil
	}
	return pkg, forms
}

func installedPackage(g pkgGroup, cols columns) InstalledPackage {
	label := cellText(g.data, cols, "type")
	ip := InstalledPackage{
		Name:      cellText(g.data, cols, "name"),
		TypeLabel: label,
		Version:   cellText(g.data, cols, "version"),
		Installed: cellText(g.data, cols, "installed"),
	}
	ip.Type = typeOf(label)
	if lines := g.lineRows(); len(lines) > 0 {
		ip.Description = clean(lines[0])
	}
	for _, r := range append([]*goquery.Selection{g.data}, g.extra...) {
		r.Find(`input[name="source"]`).EachWithBreak(func(_ int, in *goquery.Selection) bool {
			ip.Source = in.AttrOr("value", "")
			return ip.Source == ""
		})
	}
	return ip
}

// typeOf is the manifest code of a type label, or the label as shown
// when it is unknown.
func typeOf(label string) string {
	if code, known := TypeCode(label); known {
		return code
	}
	return label
}

// conditionScript matches the lines the list page's script runs on load:
// $('conditions_<type>_<id>_<version>').value += '<name>|';
var conditionScript = regexp.MustCompile(`(?:\$|document\.getElementById)\(\s*['"]([^'"]+)['"]\s*\)\.value\s*\+=\s*['"]([^'"]*)['"]`)

// scriptedConditions is what the page's scripts append to each input, by
// element id, in order.
func scriptedConditions(p *page) map[string]string {
	out := map[string]string{}
	p.doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		for _, m := range conditionScript.FindAllStringSubmatch(s.Text(), -1) {
			out[m[1]] += m[2]
		}
	})
	return out
}

// fillConditions sets the install form's conditions field to what the
// browser would post: its value plus what the page's script appends for
// that input's id; without such script lines, the ticked condition
// checkboxes of the package (id condition_<name>, no name attribute). It
// returns the condition names.
func fillConditions(fs *goquery.Selection, f *form, g pkgGroup, scripted map[string]string) []string {
	in := fs.Find(`input[name="conditions"]`).First()
	if in.Length() == 0 {
		return nil
	}
	value := in.AttrOr("value", "")
	if add, ok := scripted[in.AttrOr("id", "")]; ok && in.AttrOr("id", "") != "" {
		value += add
	} else {
		for _, r := range g.extra {
			r.Find(`input[type="checkbox"]`).Each(func(_ int, cb *goquery.Selection) {
				id := cb.AttrOr("id", "")
				if _, checked := cb.Attr("checked"); checked && strings.HasPrefix(id, "condition_") {
					value += strings.TrimPrefix(id, "condition_") + "|"
				}
			})
		}
	}
	f.set("conditions", value)
	var names []string
	for _, n := range strings.Split(value, "|") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// FindUploaded returns the Uploaded package matching the local manifest's
// name + type + version (spec §5.1: the manifest id is not displayed).
// Names and versions compare without regard to case and surrounding
// space, types through TypeCode (labels in English or German). nil when
// absent.
func FindUploaded(list *PackageList, name, typ, version string) *UploadedPackage {
	if list == nil {
		return nil
	}
	for i := range list.Uploaded {
		u := &list.Uploaded[i]
		if samePkg(u.Name, u.Type, u.Version, name, typ, version) {
			return u
		}
	}
	return nil
}

// FindInstalled returns the Installed package matching name + type + version.
func FindInstalled(list *PackageList, name, typ, version string) *InstalledPackage {
	if list == nil {
		return nil
	}
	for i := range list.Installed {
		u := &list.Installed[i]
		if samePkg(u.Name, u.Type, u.Version, name, typ, version) {
			return u
		}
	}
	return nil
}

func samePkg(n1, t1, v1, n2, t2, v2 string) bool {
	eq := func(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }
	// 1CRM keys packages by type and id: a type that cannot be shown to
	// agree (an empty cell) does not match.
	return eq(n1, n2) && eq(v1, v2) && SameType(t1, t2)
}

// disabledLine is the line of the page that says the upgrade manager is
// disabled (the page title and menus never are the message).
func disabledLine(p *page) string {
	for _, l := range contentLines(p) {
		if l.head {
			continue
		}
		if classifyMessage(l.text).kind == ErrUpgradesDisabled {
			return capMessage(l.text)
		}
	}
	return ""
}
