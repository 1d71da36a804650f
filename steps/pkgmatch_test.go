package steps

import (
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/manifest"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/text"
)

// W2 / issue 12: an installed package is the same one only if name and
// type agree, read through the labels the lists render in the admin's
// language (module_types_dom). A language pack named like the module is
// another package.
func TestSamePackage_W2_nameAndType(t *testing.T) {
	pc := &PackageCheck{Name: "Call Sheets", Type: "module", Version: "1.4.2"}
	cases := []struct {
		name, typ, ver string
		want           bool
	}{
		{"Call Sheets", "module", "1.4.2", true},
		{"call sheets ", "Modul", "1.4.2", true}, // German list label
		{"Call Sheets", "Language", "1.4.2", false},
		{"Call Sheets", "Sprache", "1.4.2", false},
		{"Call Sheets", "", "1.4.2", false}, // no type on the row: cannot agree
		{"Call Sheets", "module", "1.4.3", false},
		{"Call Sheet", "module", "1.4.2", false},
	}
	for _, c := range cases {
		if got := samePackage(c.name, c.typ, c.ver, pc); got != c.want {
			t.Errorf("samePackage(%q, %q, %q) = %v, want %v", c.name, c.typ, c.ver, got, c.want)
		}
	}
	list := &crmclient.PackageList{
		Uploaded:  []crmclient.UploadedPackage{{Name: "Call Sheets", Type: "Language", Version: "1.4.2", Source: "lang"}, {Name: "Call Sheets", Type: "Module", Version: "1.4.2", Source: "mod"}},
		Installed: []crmclient.InstalledPackage{{Name: "Call Sheets", Type: "Sprache", Version: "1.4.2"}},
	}
	if u := findUploaded(list, pc); u == nil || u.Source != "mod" {
		t.Errorf("findUploaded took %+v", u)
	}
	if findInstalled(list, pc) {
		t.Error("an installed language pack of the same name counts as the module")
	}
}

// W2 (ERR_OUTDATED): only an installed package of the same name and type
// blocks as "same or newer installed"; a language pack called like the
// new module does not.
func TestPackageOutdated_W2_typeMustAgree(t *testing.T) {
	dir := t.TempDir()
	mod := sim.PackageSpec{Name: "Call Sheets", ID: "CallSheets", Type: "module", Version: "1.4.2", RegexMatches: []string{`8\.7\..*`}}
	file := buildPackage(t, dir, mod)
	check := func(installed crmclient.InstalledPackage) *PackageCheck {
		w := bareWizard(nil, &runState{})
		return w.checkPackage(file, &Preflight{Version: "8.7.6", VersionSource: VersionFromAPI, Extensions: []crmclient.InstalledPackage{installed}})
	}
	if pc := check(crmclient.InstalledPackage{Name: "Call Sheets", Type: "Language", Version: "2.0"}); !pc.OK {
		t.Errorf("a language pack of the same name blocked the module:\n%s", verdictText(pc.Verdicts))
	}
	if pc := check(crmclient.InstalledPackage{Name: "Call Sheets", Type: "Modul", Version: "2.0"}); pc.OK {
		t.Error("a newer installed module of the same name (German label) did not block")
	}
}

// W2: the versions a package accepts are shown as 1CRM shows them, and a
// regex PHP refuses (unescaped "/") does not accept anything here either.
func TestPackageNotAccepted_W2_asOneCRMSaysIt(t *testing.T) {
	dir := t.TempDir()
	p := corePatch()
	p.RegexMatches, p.FileName = []string{`8\.7/[0-6]`, `8\.6\..*`}, "slash.zip"
	file := buildPackage(t, dir, p)
	w := bareWizard(nil, &runState{})
	w.tx = text.EN
	pc := w.checkPackage(file, &Preflight{Version: "8.7.6", VersionSource: VersionFromAPI})
	vt := verdictText(pc.Verdicts)
	if pc.OK || !strings.Contains(vt, "8.7/[0-6], 8.6.*") || strings.Contains(vt, `\.`) {
		t.Errorf("verdicts:\n%s", vt)
	}
	if !strings.Contains(pc.Technical, "PHP refuses regex") {
		t.Errorf("technical detail %q does not name the refused regex", pc.Technical)
	}
}

// R22: a local manifest counts for an installed extension only with the
// same name and type.
func TestFindManifest_R22_typeMustAgree(t *testing.T) {
	known := []*manifest.Manifest{{Name: "Call Sheets", Type: "langpack", Version: "1.0"}, {Name: "Call Sheets", Type: "module", Version: "1.0"}}
	m := findManifest(known, crmclient.InstalledPackage{Name: "Call Sheets", Type: "Modul", Version: "1.0"})
	if m == nil || m.Type != "module" {
		t.Errorf("matched %+v", m)
	}
}
