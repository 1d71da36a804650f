package crmclient

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Upgrade manager list page (spec §5.1, 7.x forms): the only place that
// knows its shape. Sections are found by their titles, columns by header
// text, in English and German.

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
)

// uwizardPage is the parsed list page plus the forms the client submits.
type uwizardPage struct {
	page       *page
	list       *PackageList
	rowForms   map[string]*rowForms // by source (Uploaded rows)
	uploadForm *form
}

// rowForms holds the forms of one Uploaded row.
type rowForms struct {
	install *form // the form to prepare/install with
	del     *form // the delete form (may equal install when one form has both buttons)
}

// parsePackageList reads the list page. With expired support only
// MSG_LIC_UPGRADES_DISABLED is shown: UpgradesDisabled, no error.
func parsePackageList(p *page) (*uwizardPage, error) {
	out := &uwizardPage{page: p, list: &PackageList{}, rowForms: map[string]*rowForms{}}
	l := out.list
	text := p.text()
	l.Message = pageMessage(p)
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

	if kind, _, _ := classifyMessage(l.Message); kind == ErrUpgradesDisabled && up == nil && inst == nil {
		l.UpgradesDisabled = true
		return out, nil
	}
	if up == nil && inst == nil && !upTitle && !instTitle {
		if kind, _, _ := classifyMessage(text); kind == ErrUpgradesDisabled {
			l.UpgradesDisabled = true
			if l.Message == "" {
				l.Message = disabledLine(p)
			}
			return out, nil
		}
		return nil, notAdminOrChanged(p, "uwizard", "Uploaded Packages", "Installed Packages")
	}
	if up != nil {
		for _, row := range up.dataRows() {
			pkg, forms := uploadedRow(p, row, up.cols)
			if pkg.Name == "" && pkg.Source == "" {
				continue // an empty-list notice row
			}
			l.Uploaded = append(l.Uploaded, pkg)
			if pkg.Source != "" && forms != nil {
				out.rowForms[pkg.Source] = forms
			}
		}
	}
	if inst != nil {
		for _, row := range inst.dataRows() {
			ip := InstalledPackage{
				Name:      cellText(row, inst.cols, "name"),
				Type:      cellText(row, inst.cols, "type"),
				Version:   cellText(row, inst.cols, "version"),
				Installed: cellText(row, inst.cols, "installed"),
			}
			if src := row.Find(`input[name="source"]`).First(); src.Length() > 0 {
				ip.Source = src.AttrOr("value", "")
			}
			if ip.Name == "" || ip.Version == "" {
				continue
			}
			l.Installed = append(l.Installed, ip)
		}
	}
	// Hosted installations show no upload form (spec §5.2).
	if out.uploadForm == nil {
		l.UploadDisabled = true
	}
	return out, nil
}

func uploadedRow(p *page, row *goquery.Selection, cols columns) (UploadedPackage, *rowForms) {
	pkg := UploadedPackage{
		Name:      cellText(row, cols, "name"),
		Type:      cellText(row, cols, "type"),
		Version:   cellText(row, cols, "version"),
		Published: cellText(row, cols, "published"),
		Author:    cellText(row, cols, "author"),
		Status:    cellText(row, cols, "status"),
	}
	pkg.Ready = containsAny(pkg.Status, "ready for install", "bereit zur installation", "installationsbereit", "kann installiert werden")
	forms := &rowForms{}
	row.Find("form").Each(func(_ int, fs *goquery.Selection) {
		if fs.Find(`input[name="source"]`).Length() == 0 {
			return
		}
		f := readForm(p, fs, true)
		applyRowConditions(p, row, fs, f)
		if pkg.Source == "" {
			pkg.Source = f.get("source")
		}
		switch formPurpose(fs, f) {
		case "delete":
			if forms.del == nil {
				forms.del = f
			}
		case "uninstall":
		default:
			if forms.install == nil {
				forms.install = f
			}
		}
	})
	if pkg.Source == "" {
		// No row form: a source input may sit directly in the row.
		if src := row.Find(`input[name="source"]`).First(); src.Length() > 0 {
			pkg.Source = src.AttrOr("value", "")
		}
	}
	if forms.install == nil && forms.del == nil {
		return pkg, nil
	}
	return pkg, forms
}

// formPurpose tells a row's delete form from its install form by the
// perform value or the button texts.
func formPurpose(fs *goquery.Selection, f *form) string {
	perform := strings.ToLower(f.get("perform"))
	switch {
	case strings.Contains(perform, "delete"):
		return "delete"
	case strings.Contains(perform, "uninstall"):
		return "uninstall"
	case strings.Contains(perform, "install"):
		return "install"
	}
	var buttons []string
	fs.Find(`input[type="submit"],button,input[type="button"]`).Each(func(_ int, b *goquery.Selection) {
		buttons = append(buttons, strings.ToLower(b.AttrOr("value", "")+" "+b.AttrOr("name", "")+" "+clean(b)))
	})
	all := strings.Join(buttons, " ")
	if containsAny(all, "install") && !containsAny(all, "uninstall", "deinstall") {
		return "install"
	}
	if containsAny(all, "delete", "remove", "löschen", "entfernen") {
		return "delete"
	}
	return "install"
}

// applyRowConditions folds the row's install-option checkboxes in their
// default state into conditions=a|b (spec §5.3), unless the form already
// carries a filled conditions field. Checkboxes outside the form but in
// the same row count too (a browser script would join them).
func applyRowConditions(p *page, row, fs *goquery.Selection, f *form) {
	var ticked []string
	row.Find(`input[type="checkbox"]`).Each(func(_ int, cb *goquery.Selection) {
		name := cb.AttrOr("name", "")
		if !strings.HasPrefix(strings.ToLower(name), "cond") {
			return
		}
		if _, checked := cb.Attr("checked"); checked {
			ticked = append(ticked, cb.AttrOr("value", name))
		}
	})
	// Remove raw checkbox fields the form snapshot took; conditions is one field.
	for _, fl := range append([]field(nil), f.fields...) {
		ln := strings.ToLower(fl.name)
		if ln != "conditions" && strings.HasPrefix(ln, "cond") {
			f.del(fl.name)
		}
	}
	if f.get("conditions") == "" && len(ticked) > 0 {
		f.set("conditions", strings.Join(ticked, "|"))
	}
}

// FindUploaded returns the Uploaded row matching the local manifest's
// name + type + version (spec §5.1: the manifest id is not displayed).
// Comparison ignores case and surrounding space. nil when absent.
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

// FindInstalled returns the Installed row matching name + type + version.
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
	// A page may render the type as a label ("Module", "Patch"); the
	// manifest type codes are the lower-case words, so EqualFold suffices.
	// An empty type on the page (column missing) does not veto the match.
	return eq(n1, n2) && eq(v1, v2) && (t1 == "" || t2 == "" || typeCode(t1) == typeCode(t2))
}

// typeAliases maps rendered type labels (EN/DE) to manifest type codes.
var typeAliases = map[string]string{
	"module": "module", "modul": "module", "extension": "module", "erweiterung": "module",
	"langpack": "langpack", "language pack": "langpack", "sprachpaket": "langpack",
	"patch": "patch", "update": "patch", "core update": "patch", "aktualisierung": "patch",
	"theme": "theme", "design": "theme", "holidays": "holidays", "feiertage": "holidays",
	"pers_pack": "pers_pack", "personality pack": "pers_pack",
}

func typeCode(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	if c, ok := typeAliases[t]; ok {
		return c
	}
	return t
}

// disabledLine is the line of the page that says the upgrade manager is
// disabled (the page title and menus never are the message).
func disabledLine(p *page) string {
	for _, l := range contentLines(p) {
		if l.head {
			continue
		}
		if kind, _, _ := classifyMessage(l.text); kind == ErrUpgradesDisabled {
			return capMessage(l.text)
		}
	}
	return ""
}
