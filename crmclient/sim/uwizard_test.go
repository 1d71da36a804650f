package sim

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func extWithConditions(id, ver string, conds ...string) PackageSpec {
	p := extension(id, ver, `8\.7\.[0-9]+`)
	p.Description = "Adds " + id
	p.Conditions = conds
	return p
}

// uploaded.tpl / installed.tpl structure (evidence U4–U8; issue 7 failure
// 3: description and status rows are no packages): 3+ rows per uploaded
// package, the status in its own italic row, unnamed condition checkboxes
// filled into the hidden conditions input by the page script, localized
// type labels, 2 rows per installed package.
func TestListStructure(t *testing.T) {
	for _, c := range []struct {
		scenario, module, langpack string
	}{{"demo", "Module", "Language"}, {"german-admin", "Modul", "Sprache"}, {"demo-8x", "Module", "Language"}} {
		t.Run(c.scenario, func(t *testing.T) {
			r, _ := startSim(t, scenario(t, c.scenario))
			b := adminBrowser(t, r)
			b.upload(b.uploadForm(), "exNew-1.0.zip", bytes.NewReader(packageZip(t, extWithConditions("exNew", "1.0", "modules", "layout"))))
			_, body := b.get(listPath)
			up := parseList(t, body, "Uploaded Packages")
			if len(up) != 1 {
				t.Fatalf("uploaded packages %+v", up)
			}
			p := up[0]
			if p.name != "Ext exNew" || p.typ != c.module || p.version != "1.0" || p.led != "input-icon icon-ledgreen" ||
				p.description != "Adds exNew" || p.status != "Package is ready for installation" || p.statusClass != "listAddLine" || p.rows != 5 {
				t.Errorf("package row %+v", p)
			}
			if strings.Join(p.conditions, ",") != "condition_modules,condition_layout" {
				t.Errorf("condition checkboxes %v", p.conditions)
			}
			inst := p.forms["prepare_install"]
			if inst.Get("source") != "cache/upgrades/module/exNew-1.0.zip" || inst.Get("conditions") != "" || inst.Get("module") != "UWizard" {
				t.Errorf("install form %v", inst)
			}
			if p.forms["delete"].Get("source") != inst.Get("source") {
				t.Errorf("delete form %v", p.forms["delete"])
			}
			if p.condInputID != "conditions_module_exNew_1.0" {
				t.Errorf("conditions input id %q", p.condInputID)
			}
			mustContain(t, body, "$('conditions_module_exNew_1.0').value += 'modules|';\n$('conditions_module_exNew_1.0').value += 'layout|';",
				`rowspan="3"`, `onclick="return confirm('Delete this package file?');"`)
			// The checkboxes have no name: posting the form as-is sends conditions="".
			doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
			doc.Find("input[type=checkbox]").Each(func(_ int, in *goquery.Selection) {
				if _, named := in.Attr("name"); named {
					t.Error("condition checkbox has a name")
				}
			})
			if got := rowForm(t, body, "Ext exNew", "prepare_install").Get("conditions"); got != "modules|layout|" {
				t.Errorf("script-filled conditions %q", got)
			}

			installed := parseList(t, body, "Installed Packages")
			if len(installed) != 3 {
				t.Fatalf("installed %+v", installed)
			}
			for _, ip := range installed {
				if ip.rows != 2 || ip.led != "input-icon icon-ledgrey" || ip.forms["prepare_uninstall"] == nil {
					t.Errorf("installed row %+v", ip)
				}
			}
			if lp, _ := findPkg(installed, "German Language Pack"); lp.typ != c.langpack ||
				lp.forms["prepare_uninstall"].Get("source") != "cache/upgrades/langpack/GermanLanguagePack-8.7.6.1.zip" {
				t.Errorf("language pack row %+v", lp)
			}
		})
	}
}

// index.php's message box (issue 7 failure 4): a "tabForm flashMessage"
// layout table before the module title whose cell holds the LED and the
// coloured text; old status rows with ERR_OUTDATED stay in the list.
func TestUploadMessageBox(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	old := PackageSpec{Name: "Call Sheets", ID: "exCallSheets", Type: "module", Version: "1.3.0", RegexMatches: []string{`8\.7\.[0-9]+`}}
	b.upload(b.uploadForm(), "callsheets-1.3.0.zip", bytes.NewReader(packageZip(t, old)))
	_, body := b.upload(b.uploadForm(), "exNew-1.0.zip", bytes.NewReader(packageZip(t, extension("exNew", "1.0"))))
	box := flashBox(t, body)
	if box.color != "green" || box.led != "input-icon icon-ledgreen" || box.text != "Package uploaded successfully" || !box.inCell {
		t.Errorf("success box %+v", box)
	}
	if i, j := strings.Index(body, "flashMessage"), strings.Index(body, `class="moduleTitle"`); i < 0 || j < i {
		t.Error("message box not printed before the module title")
	}
	if p, _ := findPkg(parseList(t, body, "Uploaded Packages"), "Call Sheets"); p.status != "Same or newer version is already installed" {
		t.Errorf("outdated row %+v", p)
	}
	_, body = b.upload(b.uploadForm(), "exNew-1.0.zip", bytes.NewReader(packageZip(t, extension("exNew", "1.0"))))
	if box := flashBox(t, body); box.color != "red" || box.led != "input-icon icon-ledred" ||
		box.text != "This package file is already uploaded. Duplicate filenames are not allowed" {
		t.Errorf("duplicate box %+v", box)
	}
	_, list := b.get(listPath)
	mustNotContain(t, list, "flashMessage")
}

type flashInfo struct {
	led, color, text string
	inCell           bool
}

func flashBox(t *testing.T, body string) flashInfo {
	t.Helper()
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	box := doc.Find("table.flashMessage")
	if box.Length() != 1 {
		t.Fatalf("%d message boxes in:\n%s", box.Length(), body)
	}
	span := box.Find("td span")
	style, _ := span.Attr("style")
	led, _ := box.Find("td div").Attr("class")
	return flashInfo{led: led, color: strings.TrimSuffix(strings.TrimPrefix(style, "color:"), ";"),
		text: strings.TrimSpace(span.Text()), inCell: span.ParentsFiltered("td").Length() == 1}
}

// §5.2 upload errors with the real UWizard texts; nothing is stored.
func TestUploadRejections(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	noManifest := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("root/readme.txt")
		w.Write([]byte("hi"))
		zw.Close()
		return buf.Bytes()
	}()
	emptyID := extension("", "1.0", `8\.7\.[0-9]+`)
	emptyID.Name = "No Id"
	badType := extension("exBad", "1.0")
	badType.Type = "virus"
	theme := extension("exTheme", "1.0")
	theme.Type = "theme"
	cases := []struct {
		file string
		data []byte
		want string
	}{
		{"notes.txt", []byte("hello"), "Uploaded file is not a ZIP archive"},
		{"garbage.zip", []byte("PK not really"), "Uploaded file is not a ZIP archive"},
		{"nomanifest.zip", noManifest, "manifest.php"},
		{"noid.zip", packageZip(t, emptyID), "Manifest specifies either of type, ID or version as empty"},
		{"bad.zip", packageZip(t, badType), "Package manifest specifies invalid package type"},
		{"theme.zip", packageZip(t, theme), "Theme package provides no theme ID"},
		{"old.zip", packageZip(t, extension("exOld", "1.0", `8\.6\.[0-9]+`, `8\.5\..*`)),
			"Package expects 1CRM versions 8.6.[0-9]+, 8.5.*, but current version is 8.7.6"},
	}
	for _, c := range cases {
		_, body := b.upload(b.uploadForm(), c.file, bytes.NewReader(c.data))
		if box := flashBox(t, body); box.color != "red" || !strings.Contains(box.text, c.want) {
			t.Errorf("%s: box %+v, want %q", c.file, box, c.want)
		}
	}
	if got := r.Server.Uploaded(); len(got) != 0 {
		t.Errorf("rejected uploads stored: %v", got)
	}
	if c := r.Server.Counters(); c.UploadsReceived != len(cases) || c.UploadsAccepted != 0 {
		t.Errorf("counters %+v", c)
	}
}

// §5.1/§5.5: delete removes the upload and shows the list, no message.
func TestDeleteUpload(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	page := b.uploadExNew(t)
	_, body := b.post("index.php", rowForm(t, page, "Ext exNew", "delete"))
	if n := len(parseList(t, body, "Uploaded Packages")); n != 0 || r.Server.Counters().Deletes != 1 {
		t.Errorf("after delete: %d uploaded", n)
	}
	mustNotContain(t, body, "flashMessage")
	// An unknown source changes nothing and shows the list.
	_, body = b.post("index.php", url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"delete"}, "source": {"../../config.php"}})
	mustContain(t, text(body), "Uploaded Packages")
}

// U8: a package whose version is installed is hidden; an older one shows
// ERR_OUTDATED in its status row (red LED, class error) and has no
// install form; a newer one is ready.
func TestOutdatedAndHiddenPackages(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	old := PackageSpec{Name: "Call Sheets", ID: "exCallSheets", Type: "module", Version: "1.3.0", RegexMatches: []string{`8\.7\.[0-9]+`}}
	same, newer := old, old
	same.Version, newer.Version = "1.4.2", "1.5.0"
	for _, p := range []PackageSpec{old, same, newer} {
		b.upload(b.uploadForm(), "callsheets-"+p.Version+".zip", bytes.NewReader(packageZip(t, p)))
	}
	_, body := b.get(listPath)
	up := parseList(t, body, "Uploaded Packages")
	if len(up) != 2 {
		t.Fatalf("uploaded %+v", up)
	}
	if up[0].version != "1.3.0" || up[0].status != "Same or newer version is already installed" || up[0].led != "input-icon icon-ledred" ||
		up[0].statusClass != "listAddLine error" || up[0].forms["prepare_install"] != nil || up[0].forms["delete"] == nil {
		t.Errorf("outdated %+v", up[0])
	}
	if up[1].version != "1.5.0" || up[1].status != "Package is ready for installation" || up[1].forms["prepare_install"] == nil {
		t.Errorf("newer %+v", up[1])
	}
	// Posting prepare for the outdated one anyway: ERR_OUTDATED page.
	_, page := b.post("index.php", url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"prepare_install"},
		"source": {"cache/upgrades/module/callsheets-1.3.0.zip"}})
	mustContain(t, text(page), "Same or newer version is already installed")
	mustNotContain(t, page, `value="install"`)
}

// U3: with expired support the manager is the MSG_LIC_UPGRADES_DISABLED
// error with the redirect to Home (or, as an option, a plain 302).
func TestExpiredSupportDisablesUWizard(t *testing.T) {
	r, _ := startSim(t, scenario(t, "expired-support"))
	b := adminBrowser(t, r)
	_, body := b.get(listPath)
	mustContain(t, text(body), "Upgrades are disabled. Please check the status of your support contract.", "Redirecting to Home page in 5...")
	mustContain(t, body, "SUGAR.util.loadUrl('index.php?module=Home&action=index')")
	mustNotContain(t, body, "Uploaded Packages", "upgrade_zip")
	b.mustRefuseUpload(t, r, "Upgrades are disabled")

	rde, _ := startSim(t, scenario(t, "expired-support", func(sc *Scenario) { sc.Language = "de" }))
	_, body = adminBrowser(t, rde).get(listPath)
	mustContain(t, text(body), "Aktualisierungen und Updates sind abgeschaltet. Bitte prüfen Sie Ihren Wartungsvertrag.",
		"Wir leiten sie in 5 zurück zur Hompage...")

	r2, _ := startSim(t, scenario(t, "expired-support-redirect"))
	resp, body := adminBrowser(t, r2).get(listPath)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "index.php?module=Home&action=index" || body != "" {
		t.Errorf("redirect variant: %d %q %q", resp.StatusCode, resp.Header.Get("Location"), body)
	}
}

// §3: the manager checks the license status cached at login; after a
// renewal only a new login enables it (R6).
func TestRenewalNeedsNewLogin(t *testing.T) {
	r, _ := startSim(t, scenario(t, "expired-support"))
	b := adminBrowser(t, r)
	r.Server.RenewSupport(365)
	_, body := b.get(listPath)
	mustContain(t, text(body), "Upgrades are disabled")
	_, lic := b.get("index.php?module=LicenseInfo&action=index")
	mustContain(t, text(lic), "(in 365 days)")
	b.mustLogin(DemoUser, DemoPassword)
	_, body = b.get(listPath)
	mustContain(t, text(body), "Uploaded Packages")
}

// U9: hosted uploads off: no upload form, the text in a message box.
func TestHostedUploadDisabled(t *testing.T) {
	r, _ := startSim(t, scenario(t, "hosted-upload-disabled"))
	b := adminBrowser(t, r)
	_, body := b.get(listPath)
	if box := flashBox(t, body); box.text != "Package uploads are disabled for this hosted 1CRM installation." || box.color != "red" {
		t.Errorf("box %+v", box)
	}
	mustNotContain(t, body, "upgrade_zip")
	b.mustRefuseUpload(t, r, "Package uploads are disabled")
}

// §5.2 post_max_size: the body is dropped silently, no message at all.
func TestUploadOverPostMaxSizeSilentlyDropped(t *testing.T) {
	r, _ := startSim(t, scenario(t, "upload-limit"))
	b := adminBrowser(t, r)
	name, data := downloadUpdate(t, r)
	if len(data) <= 8<<20 {
		t.Fatalf("update only %d bytes", len(data))
	}
	resp, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mustNotContain(t, body, "flashMessage")
	req, _ := http.NewRequest("POST", r.URL+"/index.php?module=UWizard&action=index", strings.NewReader(strings.Repeat("x", 9<<20)))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
	resp, body = b.do(req)
	if resp.StatusCode != 200 || !strings.Contains(body, "Uploaded Packages") || strings.Contains(body, "flashMessage") {
		t.Errorf("content-length drop: %d", resp.StatusCode)
	}
	if c := r.Server.Counters(); c.UploadsDropped != 2 || c.UploadsAccepted != 0 || len(r.Server.Uploaded()) != 0 {
		t.Errorf("counters %+v", c)
	}
}

// upload_max_filesize and a partial body: UWizard's own UPLOAD_ERR_*
// texts; a connection cut mid-upload stores nothing.
func TestUploadPHPErrorsAndCutoff(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Faults.UploadMaxFilesize = 1 << 20 }))
	b := adminBrowser(t, r)
	name, data := downloadUpdate(t, r)
	_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	if box := flashBox(t, body); box.text != "Package size exceeds maximum size specified in php.ini file" {
		t.Errorf("ini size box %+v", box)
	}
	form := b.uploadForm()
	partial := "--zzz\r\nContent-Disposition: form-data; name=\"upgrade_zip\"; filename=\"x.zip\"\r\n\r\nPK\x03\x04 truncated"
	req, _ := http.NewRequest("POST", r.URL+"/index.php?"+form.Encode(), strings.NewReader(partial))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
	if _, page := b.do(req); flashBox(t, page).text != "Package file upload error" {
		t.Errorf("partial: %s", text(page))
	}

	r2, _ := startSim(t, scenario(t, "upload-cutoff", func(sc *Scenario) { sc.Faults.UploadCutoffBytes = 256 << 10 }))
	b2 := adminBrowser(t, r2)
	form = b2.uploadForm()
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte("--zzz\r\nContent-Disposition: form-data; name=\"upgrade_zip\"; filename=\"x.zip\"\r\n\r\n"))
		pw.Write(data)
		pw.Close()
	}()
	req, _ = http.NewRequest("POST", r2.URL+"/index.php?"+form.Encode(), pr)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
	if resp, err := b2.c.Do(req); err == nil {
		resp.Body.Close()
		t.Errorf("cut-off upload answered %d", resp.StatusCode)
	}
	if len(r2.Server.Uploaded()) != 0 {
		t.Error("cut-off upload stored")
	}
}

// §5.5: uninstall of an uninstallable extension through prepare_uninstall
// and the upgrade.php chain.
func TestUninstallExtension(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	_, list := b.get(listPath)
	cs, _ := findPkg(parseList(t, list, "Installed Packages"), "Call Sheets")
	_, page := b.post("index.php", cs.forms["prepare_uninstall"])
	mustContain(t, text(page), "Preparing Package Removal: Call Sheets 1.4.2", "Step 2: Check File Permissions")
	_, page = b.post("index.php", formOf(t, page, "perform", "uninstall"))
	mustContain(t, page, "document.location.href='upgrade.php'")
	driveScript(t, b)
	_, list = b.get(listPath)
	if n := len(parseList(t, list, "Installed Packages")); n != 2 || r.Server.InProgress() || r.Server.Counters().Uninstalls != 1 {
		t.Errorf("installed after uninstall: %d, lock %v", n, r.Server.InProgress())
	}
}
