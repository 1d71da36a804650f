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

const listPath = "index.php?module=UWizard&action=index"

// downloadUpdate fetches the first Available Updates package of the scenario.
func downloadUpdate(t *testing.T, r *Running) (string, []byte) {
	t.Helper()
	sc := r.Server.Scenario()
	name := sc.Updates[0].Package.FileName
	resp, err := http.Get(r.URL + downloadPrefix + name)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return name, b
}

// uploadedRows reads the Uploaded Packages table: name → status.
func uploadedRows(t *testing.T, body string) map[string]string {
	t.Helper()
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	rows := map[string]string{}
	doc.Find("h3").Each(func(_ int, h *goquery.Selection) {
		if h.Text() != "Uploaded Packages" {
			return
		}
		next := h.Next()
		if goquery.NodeName(next) != "table" {
			return
		}
		next.Find("tr").Each(func(i int, tr *goquery.Selection) {
			if i > 0 {
				td := tr.Find("td")
				rows[td.Eq(1).Text()+" "+td.Eq(3).Text()] = td.Eq(6).Text()
			}
		})
	})
	return rows
}

func installedRows(t *testing.T, body string) []string {
	t.Helper()
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	var rows []string
	doc.Find("h3").Each(func(_ int, h *goquery.Selection) {
		if h.Text() != "Installed Packages" {
			return
		}
		h.Next().Find("tr").Each(func(i int, tr *goquery.Selection) {
			if i > 0 {
				rows = append(rows, tr.Find("td").Eq(0).Text()+" "+tr.Find("td").Eq(2).Text())
			}
		})
	})
	return rows
}

func adminBrowser(t *testing.T, r *Running) *browser {
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	return b
}

// §5.2 upload errors with their texts; nothing lands under Uploaded.
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
	emptyID.Name, emptyID.FileName = "No Id", "noid.zip"
	badType := extension("exBad", "1.0")
	badType.Type = "virus"
	cases := []struct {
		file string
		data []byte
		want string
	}{
		{"notes.txt", []byte("hello"), "not a valid ZIP"},
		{"garbage.zip", []byte("PK not really"), "not a valid ZIP"},
		{"nomanifest.zip", noManifest, "no manifest.php"},
		{"noid.zip", packageZip(t, emptyID), "must define type, id and version"},
		{"bad.zip", packageZip(t, badType), `type "virus"`},
		{"old.zip", packageZip(t, extension("exOld", "1.0", `8\.6\.[0-9]+`)), `Package expects 1CRM versions 8\.6\.[0-9]+, but current version is 8.7.6`},
	}
	for _, c := range cases {
		_, body := b.upload(b.uploadForm(), c.file, bytes.NewReader(c.data))
		mustContain(t, text(body), c.want)
	}
	if got := r.Server.Uploaded(); len(got) != 0 {
		t.Errorf("rejected uploads stored: %v", got)
	}
	// Duplicate file name.
	ok := packageZip(t, extension("exNew", "1.0", `8\.7\.[0-9]+`))
	_, body := b.upload(b.uploadForm(), "exNew.zip", bytes.NewReader(ok))
	mustContain(t, text(body), "Package uploaded successfully")
	_, body = b.upload(b.uploadForm(), "exNew.zip", bytes.NewReader(ok))
	mustContain(t, text(body), "exNew.zip already uploaded. Duplicate filenames are not allowed")
	if c := r.Server.Counters(); c.UploadsAccepted != 1 {
		t.Errorf("counters %+v", c)
	}
}

// §5.1/§5.5: delete removes the upload; the row form carries the hidden source.
func TestDeleteUpload(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	page := b.uploadExNew(t)
	del := formOf(t, page, "perform", "delete")
	if del.Get("source") != "cache/upgrades/module/exNew-1.0.zip" {
		t.Errorf("source %q", del.Get("source"))
	}
	_, body := b.post("index.php", del)
	if len(uploadedRows(t, body)) != 0 || r.Server.Counters().Deletes != 1 {
		t.Errorf("after delete: %v", uploadedRows(t, body))
	}
}

// The main path of §5.3/§5.4 for a core update: warnings for extensions that
// do not accept the target (R22), confirm, proceed, step chain, /version.
func TestCoreUpdatePrepareInstallChain(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	name, data := downloadUpdate(t, r)
	_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	mustContain(t, text(body), "Package uploaded successfully")
	if st := uploadedRows(t, body)["1CRM 8.7.7 Update 8.7.7"]; st != "Package is ready for installation" {
		t.Fatalf("status %q in %v", st, uploadedRows(t, body))
	}

	prep := formOf(t, body, "perform", "prepare_install")
	_, page := b.post("index.php", prep)
	txt := text(page)
	mustContain(t, txt, "unzipPackage", "precopy", "checkSystem", "checkPermissions",
		"Installed extension DATEV Export 2.3.1 does not declare compatibility with 1CRM 8.7.7")
	mustNotContain(t, txt, "Call Sheets 1.4.2 does not")
	if _, ok := findForm(page, "perform", "install"); ok {
		t.Fatal("Proceed offered before the warnings were confirmed")
	}
	confirm := formOf(t, page, "perform", "prepare_install")
	if confirm.Get("confirm") != "checkSystem" {
		t.Errorf("confirm field %q", confirm.Get("confirm"))
	}
	_, page = b.post("index.php", confirm)
	proceed := formOf(t, page, "perform", "install")

	_, page = b.post("index.php", proceed)
	mustContain(t, page, "<script type=\"text/javascript\">window.location.href='upgrade.php?uw_run=")
	if !r.Server.InProgress() {
		t.Fatal("flag not set")
	}
	_, list := b.get(listPath)
	mustContain(t, text(list), "An upgrade is in progress")
	// Non-admins are locked out while the flag is set (§5.4).
	if resp := newBrowser(t, r.URL).login(NonAdminUser, NonAdminPassword); !strings.Contains(resp.Header.Get("Location"), "action=Login") {
		t.Error("non-admin login during the upgrade")
	}

	next := page[strings.Index(page, "upgrade.php?uw_run="):]
	next = next[:strings.Index(next, "'")]
	steps := 0
	for hop := 0; hop < 20; hop++ {
		resp, body := b.get(next)
		if resp.StatusCode == http.StatusSeeOther {
			if resp.Header.Get("Location") != listPath {
				t.Fatalf("final redirect %q", resp.Header.Get("Location"))
			}
			break
		}
		steps++
		mustContain(t, text(body), "Step ", " of 6: ")
		i := strings.Index(body, `content="1;url=`)
		if i < 0 {
			t.Fatalf("no meta refresh in step page:\n%s", body)
		}
		rest := body[i+len(`content="1;url=`):]
		next = strings.ReplaceAll(rest[:strings.Index(rest, `"`)], "&amp;", "&")
	}
	if steps != 6 || r.Server.InProgress() || r.Server.Version() != "8.7.7" {
		t.Fatalf("steps %d inProgress %v version %s", steps, r.Server.InProgress(), r.Server.Version())
	}
	if _, v := api(t, "GET", r.URL+"/api.php/version", "", nil); v["version"] != "8.7.7" {
		t.Errorf("/version %v", v)
	}
	_, list = b.get(listPath)
	if len(uploadedRows(t, list)) != 0 || !strings.Contains(strings.Join(installedRows(t, list), ","), "1CRM 8.7.7 Update 8.7.7") {
		t.Errorf("uploaded %v installed %v", uploadedRows(t, list), installedRows(t, list))
	}
	mustNotContain(t, text(list), "An upgrade is in progress")
	_, lic := b.get("index.php?module=LicenseInfo&action=index")
	mustContain(t, text(lic), "There are no updates available")
	if c := r.Server.Counters(); c.InstallsStarted != 1 || c.InstallsFinished != 1 || c.Prepares != 2 || c.UploadsAccepted != 1 {
		t.Errorf("counters %+v", c)
	}
	// The 8.7.7 package does not accept 8.7.7 itself: ERR_INVALID_VERSION now.
	_, body = b.upload(b.uploadForm(), name, bytes.NewReader(data))
	mustContain(t, text(body), "but current version is 8.7.7")
}

// §5.4 injected failure at step k: 200 error, no refresh, flag stays, package stays.
func TestInstallFailsHalfWay(t *testing.T) {
	r, _ := startSim(t, scenario(t, "install-fails"))
	b := adminBrowser(t, r)
	run := b.startInstallRun(t)
	for step := 1; step <= 3; step++ {
		resp, body := b.get(run + "&step=" + itoa(step))
		if resp.StatusCode != 200 {
			t.Fatalf("step %d: %d", step, resp.StatusCode)
		}
		if step < 3 {
			mustContain(t, body, "http-equiv=\"refresh\"")
			continue
		}
		mustNotContain(t, body, "http-equiv=\"refresh\"")
		mustContain(t, text(body), "Error in step 3 of 5")
	}
	// Asking again repeats the error; the state is stuck as documented.
	if _, body := b.get(run + "&step=4"); !strings.Contains(text(body), "Error in step 3") {
		t.Error("failed run continued")
	}
	_, list := b.get(listPath)
	if !r.Server.InProgress() || uploadedRows(t, list)["Ext exNew 1.0"] == "" {
		t.Errorf("flag %v uploaded %v", r.Server.InProgress(), uploadedRows(t, list))
	}
	mustContain(t, text(list), "An upgrade is in progress")
	if c := r.Server.Counters(); c.InstallsFailed != 1 || c.InstallsFinished != 0 {
		t.Errorf("counters %+v", c)
	}
}

// §5.4: a client that stops following leaves the install stuck.
func TestStalledInstall(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	list := b.uploadExNew(t)
	_, page := b.post("index.php", formOf(t, list, "perform", "prepare_install"))
	b.post("index.php", formOf(t, page, "perform", "install"))
	if !r.Server.InProgress() || r.Server.Counters().InstallsStarted != 1 {
		t.Fatal("install not started")
	}
	// A second install while the flag is set is refused.
	_, body := b.post("index.php", formOf(t, page, "perform", "install"))
	mustContain(t, text(body), "An upgrade is in progress")
	if r.Server.Counters().InstallsStarted != 1 {
		t.Error("second install started")
	}
}

// §5.3: install without a prepared package is refused; checkPermissions error stops.
func TestPrepareErrorsAndUnpreparedInstall(t *testing.T) {
	r, _ := startSim(t, scenario(t, "permissions-error"))
	b := adminBrowser(t, r)
	list := b.uploadExNew(t)
	prep := formOf(t, list, "perform", "prepare_install")
	install := url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"install"}, "source": {prep.Get("source")}}
	_, body := b.post("index.php", install)
	mustContain(t, text(body), "has not been prepared")
	_, page := b.post("index.php", prep)
	mustContain(t, text(page), "checkPermissions error", "not writable")
	if _, ok := findForm(page, "perform", "install"); ok {
		t.Error("Proceed offered despite an error")
	}
	if r.Server.InProgress() {
		t.Error("flag set")
	}
}

// §5.3 ERR_OUTDATED status for an older version of an installed extension.
func TestOutdatedExtension(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	old := PackageSpec{Name: "Call Sheets", ID: "exCallSheets", Type: "module", Version: "1.3.0", RegexMatches: []string{`8\.7\.[0-9]+`}}
	_, body := b.upload(b.uploadForm(), "callsheets-1.3.0.zip", bytes.NewReader(packageZip(t, old)))
	if st := uploadedRows(t, body)["Call Sheets 1.3.0"]; !strings.Contains(st, "newer version") {
		t.Errorf("status %q", st)
	}
	_, body = b.post("index.php", url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"prepare_install"},
		"source": {"cache/upgrades/module/callsheets-1.3.0.zip"}})
	mustContain(t, text(body), "The same or a newer version of this package is already installed")
	// The installed version itself is hidden from Uploaded (§5.3); a newer one is ready.
	same, newer := old, old
	same.Version, newer.Version = "1.4.2", "1.5.0"
	b.upload(b.uploadForm(), "callsheets-1.4.2.zip", bytes.NewReader(packageZip(t, same)))
	_, body = b.upload(b.uploadForm(), "callsheets-1.5.0.zip", bytes.NewReader(packageZip(t, newer)))
	rows := uploadedRows(t, body)
	if _, ok := rows["Call Sheets 1.4.2"]; ok || rows["Call Sheets 1.5.0"] != "Package is ready for installation" || len(rows) != 2 {
		t.Errorf("rows %v", rows)
	}
}

// §3: with expired support the whole manager is MSG_LIC_UPGRADES_DISABLED.
func TestExpiredSupportDisablesUWizard(t *testing.T) {
	r, _ := startSim(t, scenario(t, "expired-support"))
	b := adminBrowser(t, r)
	_, body := b.get(listPath)
	mustContain(t, text(body), "Upgrades are disabled")
	mustNotContain(t, body, "Uploaded Packages", "Installed Packages", "upgrade_zip")
	b.mustRefuseUpload(t, r, "Upgrades are disabled")
}

// §5.2 hosted: no upload form, upload refused with the documented text.
func TestHostedUploadDisabled(t *testing.T) {
	r, _ := startSim(t, scenario(t, "hosted-upload-disabled"))
	b := adminBrowser(t, r)
	_, body := b.get(listPath)
	mustContain(t, text(body), "Package uploads are disabled for this hosted 1CRM installation")
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
	// Streamed without Content-Length (chunked) and with it.
	resp, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mustNotContain(t, text(body), "uploaded successfully", "error")
	req, _ := http.NewRequest("POST", r.URL+"/index.php?module=UWizard&action=index", strings.NewReader(strings.Repeat("x", 9<<20)))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
	resp, body = b.do(req)
	if resp.StatusCode != 200 || !strings.Contains(body, "Uploaded Packages") {
		t.Errorf("content-length drop: %d", resp.StatusCode)
	}
	if c := r.Server.Counters(); c.UploadsDropped != 2 || c.UploadsAccepted != 0 || len(r.Server.Uploaded()) != 0 {
		t.Errorf("counters %+v", c)
	}
}

// PHP upload_max_filesize error text, and a connection cut mid-upload.
func TestUploadMaxFilesizeAndCutoff(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Faults.UploadMaxFilesize = 1 << 20 }))
	b := adminBrowser(t, r)
	name, data := downloadUpdate(t, r)
	_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	mustContain(t, text(body), "upload_max_filesize")

	r2, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Faults.UploadCutoffBytes = 256 << 10 }))
	b2 := adminBrowser(t, r2)
	form := b2.uploadForm()
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte("--zzz\r\nContent-Disposition: form-data; name=\"upgrade_zip\"; filename=\"x.zip\"\r\n\r\n"))
		pw.Write(data)
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", r2.URL+"/index.php?"+form.Encode(), pr)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
	if resp, err := b2.c.Do(req); err == nil {
		resp.Body.Close()
		t.Errorf("cut-off upload answered %d", resp.StatusCode)
	}
	if len(r2.Server.Uploaded()) != 0 {
		t.Error("cut-off upload stored")
	}
}

// Uninstall of an uninstallable extension (§5.5).
func TestUninstallExtension(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	_, list := b.get(listPath)
	_, page := b.post("index.php", formOf(t, list, "perform", "prepare_uninstall"))
	_, body := b.post("index.php", formOf(t, page, "perform", "uninstall"))
	if n := len(installedRows(t, body)); n != 2 {
		t.Errorf("installed after uninstall: %v", installedRows(t, body))
	}
}

// §10.1 "500 after the update (broken instance)".
func TestBrokenAfterUpdate(t *testing.T) {
	r, _ := startSim(t, scenario(t, "broken-after-update"))
	tok := passwordToken(t, r)["access_token"].(string)
	if st, _ := api(t, "GET", r.URL+"/api.php/data/Account?limit=1", tok, nil); st != 200 {
		t.Fatalf("before: %d", st)
	}
	b := adminBrowser(t, r)
	run := b.startInstallRun(t)
	for step := 1; step <= 6; step++ {
		b.get(run + "&step=" + itoa(step))
	}
	if r.Server.InProgress() {
		t.Fatal("install did not finish")
	}
	if st, _ := api(t, "GET", r.URL+"/api.php/data/Account?limit=1", tok, nil); st != 500 {
		t.Errorf("after: %d", st)
	}
	if st, _ := api(t, "GET", r.URL+"/api.php/version", "", nil); st != 200 {
		t.Errorf("/version after: %d", st)
	}
}

// installViaUI uploads, prepares (confirming warnings), proceeds and follows
// the upgrade.php chain like a browser; it returns the number of step pages.
func installViaUI(t *testing.T, b *browser, fileName string, data []byte) int {
	t.Helper()
	_, body := b.upload(b.uploadForm(), fileName, bytes.NewReader(data))
	_, page := b.post("index.php", formOf(t, body, "perform", "prepare_install"))
	if _, ok := findForm(page, "perform", "install"); !ok {
		_, page = b.post("index.php", formOf(t, page, "perform", "prepare_install"))
	}
	_, page = b.post("index.php", formOf(t, page, "perform", "install"))
	i := strings.Index(page, "upgrade.php?uw_run=")
	next := page[i : i+strings.Index(page[i:], "'")]
	for steps := 0; steps < 20; steps++ {
		resp, body := b.get(next)
		if resp.StatusCode == http.StatusSeeOther {
			return steps
		}
		j := strings.Index(body, `content="1;url=`)
		if j < 0 {
			t.Fatalf("chain stopped:\n%s", text(body))
		}
		rest := body[j+len(`content="1;url=`):]
		next = strings.ReplaceAll(rest[:strings.Index(rest, `"`)], "&amp;", "&")
	}
	t.Fatal("chain did not end")
	return 0
}

// §10.2 q1: whether /version shows the build is unknown; both conventions.
func TestCoreUpdateWithBuildSuffix(t *testing.T) {
	for _, showBuild := range []bool{false, true} {
		r, _ := startSim(t, scenario(t, "enterprise-cloud", func(sc *Scenario) { sc.API.VersionShowsBuild = showBuild }))
		b := adminBrowser(t, r)
		name, data := downloadUpdate(t, r)
		if steps := installViaUI(t, b, name, data); steps != 6 {
			t.Errorf("steps %d", steps)
		}
		want := map[bool]string{false: "8.7.7", true: "8.7.7-318"}[showBuild]
		if _, v := api(t, "GET", r.URL+"/api.php/version", "", nil); v["version"] != want {
			t.Errorf("showBuild=%v: /version %v, want %s", showBuild, v["version"], want)
		}
	}
}

// A body that ends inside the file is PHP's UPLOAD_ERR_PARTIAL.
func TestUploadPartialBody(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	form := b.uploadForm()
	body := "--zzz\r\nContent-Disposition: form-data; name=\"upgrade_zip\"; filename=\"x.zip\"\r\n\r\nPK\x03\x04 truncated"
	req, _ := http.NewRequest("POST", r.URL+"/index.php?"+form.Encode(), strings.NewReader(body))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
	_, page := b.do(req)
	mustContain(t, text(page), "only partially uploaded")
	if len(r.Server.Uploaded()) != 0 {
		t.Error("partial upload stored")
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
