package sim

import (
	"bytes"
	"os"
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

// Issue 10: the pages of the hand-over scenarios — unreadable for a
// client, usable for a person (Browser).
func TestUnknownMarkupForHandovers(t *testing.T) {
	t.Run("backup-page", func(t *testing.T) {
		r, _ := startSim(t, scenario(t, "unknown-backup-page"))
		b := adminBrowser(t, r)
		_, page := b.get(backupPath)
		mustNotContain(t, page, "backup_target_dir", "<form")
		mustContain(t, text(page), "Backup History", "backup_")
		br := r.Browser()
		if err := br.Login(DemoUser, DemoPassword); err != nil {
			t.Fatal(err)
		}
		if err := br.RunBackup(); err != nil || r.Server.Counters().BackupsMade != 1 {
			t.Fatalf("backup by hand: %v %+v", err, r.Server.Counters())
		}
	})
	t.Run("upload-form", func(t *testing.T) {
		r, _ := startSim(t, scenario(t, "unknown-upload-form"))
		b := adminBrowser(t, r)
		_, list := b.get(listPath)
		mustNotContain(t, list, "upgrade_zip")
		mustContain(t, list, "Uploaded Packages", "Installed Packages")
	})
	t.Run("download", func(t *testing.T) {
		r, _ := startSim(t, scenario(t, "unknown-download"))
		name := r.Server.Scenario().Updates[0].Package.FileName
		_, page := newBrowser(t, r.URL).get(strings.TrimPrefix(UpdateURL(name), "/"))
		mustContain(t, page, "?start=1")
		dest := t.TempDir() + "/u.zip"
		if err := r.Browser().Download(r.URL+UpdateURL(name), dest); err != nil {
			t.Fatal(err)
		}
		if data, _ := os.ReadFile(dest); !bytes.HasPrefix(data, []byte("PK")) {
			t.Fatalf("not a ZIP: %.40q", data)
		}
	})
}

// The Browser passes the captcha a client cannot, and finishes an
// upgrade.php that runs its steps by XHR.
func TestBrowserCaptchaAndXHRUpgrade(t *testing.T) {
	r, _ := startSim(t, scenario(t, "captcha-login", func(sc *Scenario) { sc.UpgradeFlow = FlowXHR }))
	_, out := newBrowser(t, r.URL).jsonLogin(DemoUser, DemoPassword, "en_us")
	if out["result"] == "ok" {
		t.Fatal("a login without the person's captcha answer got through")
	}
	b := r.Browser()
	if err := b.Login(DemoUser, DemoPassword); err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/exNew-1.0.zip"
	if err := os.WriteFile(path, packageZip(t, extension("exNew", "1.0")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := b.Upload(path); err != nil {
		t.Fatal(err)
	}
	if err := b.InstallUploaded("Ext exNew"); err != nil {
		t.Fatal(err)
	}
	if r.Server.InProgress() || r.Server.Counters().InstallsFinished != 1 {
		t.Fatalf("in progress %v, %+v", r.Server.InProgress(), r.Server.Counters())
	}
}
