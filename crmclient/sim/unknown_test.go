package sim

import (
	"bytes"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Faults.UnknownMarkup: each answer a client acts on can come in a
// markup without the real page's structure, while the server state
// changes as usual (fail-closed tests of the client).
func TestUnknownMarkupVariants(t *testing.T) {
	t.Run("login", func(t *testing.T) {
		for _, sc := range []string{"unknown-login"} {
			r, _ := startSim(t, scenario(t, sc))
			b := newBrowser(t, r.URL)
			_, body := b.get("index.php?module=Users&action=Login")
			mustNotContain(t, body, "user_password", "Authenticate", "<form")
			r8, _ := startSim(t, scenario(t, sc, func(sc *Scenario) { sc.Dialect = Dialect8x }))
			_, body = newBrowser(t, r8.URL).get("login.php")
			mustNotContain(t, body, "user_password", "login_user", "<form")
		}
	})
	t.Run("list", func(t *testing.T) {
		r, _ := startSim(t, scenario(t, "unknown-list"))
		b := adminBrowser(t, r)
		_, body := b.get(listPath)
		mustContain(t, text(body), "Call Sheets 1.4.2")
		mustNotContain(t, body, "Uploaded Packages", "Installed Packages", "listView", "upgrade_zip")
	})
	t.Run("upload", func(t *testing.T) {
		r, _ := startSim(t, scenario(t, "unknown-upload"))
		b := adminBrowser(t, r)
		_, body := b.upload(b.uploadForm(), "exNew-1.0.zip", bytes.NewReader(packageZip(t, extension("exNew", "1.0"))))
		mustNotContain(t, body, "flashMessage", "Uploaded Packages")
		if len(r.Server.Uploaded()) != 1 {
			t.Error("the upload itself did not work")
		}
		_, list := b.get(listPath)
		if _, ok := findPkg(parseList(t, list, "Uploaded Packages"), "Ext exNew"); !ok {
			t.Error("list page not in the real markup")
		}
	})
	t.Run("prepare", func(t *testing.T) {
		r, _ := startSim(t, scenario(t, "unknown-prepare"))
		b := adminBrowser(t, r)
		name, data := downloadUpdate(t, r)
		_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
		_, page := b.post("index.php", rowForm(t, body, "1CRM 8.7.7 Update", "prepare_install"))
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(page))
		if doc.Find("h4").Length() != 0 || strings.Contains(page, "icon-led") || strings.Contains(page, "Step 1:") {
			t.Errorf("prepare page has the real structure:\n%s", page)
		}
		// The trap: an install form although the precopy warning is pending.
		if _, ok := findForm(page, "perform", "install"); !ok {
			t.Error("no tempting install form")
		}
	})
	t.Run("install", func(t *testing.T) {
		r, _ := startSim(t, scenario(t, "unknown-install"))
		b := adminBrowser(t, r)
		list := b.uploadExNew(t)
		_, page := b.post("index.php", rowForm(t, list, "Ext exNew", "prepare_install"))
		_, page = b.post("index.php", formOf(t, page, "perform", "install"))
		mustNotContain(t, page, "upgrade.php", "Redirecting to complete")
		if !r.Server.InProgress() {
			t.Error("lock not set")
		}
	})
	t.Run("backup", func(t *testing.T) {
		r, _ := startSim(t, scenario(t, "unknown-backup"))
		b := adminBrowser(t, r)
		_, body := b.post("index.php", runBackupForm(t, b))
		mustNotContain(t, body, "Backup Complete", "loadUrl")
		if r.Server.Counters().BackupsMade != 1 {
			t.Error("the backup itself did not run")
		}
	})
}
