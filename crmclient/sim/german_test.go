package sim

import (
	"bytes"
	"sync"
	"testing"
	"time"
)

// A German UI as the 2014 pack renders it: lists (type labels, backup
// filter options) and application strings in German, the modules UWizard,
// LicenseInfo, Configurator and Users in English; German date format.
func TestGermanAdminPages(t *testing.T) {
	r, _ := startSim(t, scenario(t, "german-admin"))
	b := adminBrowser(t, r)
	_, body := b.get(backupPath)
	mustContain(t, text(body), "Backup Management", "Backup History", "Last 10 backups:", "147.9 MB", "Abspeichern", "Abbrechen",
		"Nur Config Custom und Anwendungsdaten", "Verwaltung", "Abmelden")
	mustContain(t, body, `name="backup_target_dir"`, `<html lang="de">`)
	_, body = b.get(listPath)
	mustContain(t, text(body), "Uploaded Packages", "Installed Packages", "Call Sheets", "04.03.2024", "Modul", "Sprache")
	name, data := downloadUpdate(t, r)
	_, body = b.upload(b.uploadForm(), name, bytes.NewReader(data))
	if box := flashBox(t, body); box.text != "Package uploaded successfully" {
		t.Errorf("box %+v", box)
	}
	mustContain(t, text(body), "Package is ready for installation", "Patch")
	_, page := b.post("index.php", rowForm(t, body, "1CRM 8.7.7 Update", "prepare_install"))
	page = proceedAsBrowser(t, b, parsePrepare(t, page))
	mustContain(t, text(page), "Step 2: Check System Configuration", "Installed extension DATEV Export 2.3.1 does not declare compatibility with 1CRM 8.7.7.")
	old := extension("exOld", "1.0", `8\.6\.[0-9]+`)
	_, body = b.upload(b.uploadForm(), "old.zip", bytes.NewReader(packageZip(t, old)))
	mustContain(t, text(body), "Package expects 1CRM versions 8.6.[0-9]+, but current version is 8.7.6")
	_, lic := b.get("index.php?module=LicenseInfo&action=index")
	mustContain(t, text(lic), "License and Support Information", "Erneuerung")
}

// Slow responses: every request waits the scenario's response delay.
func TestResponseDelay(t *testing.T) {
	var mu sync.Mutex
	var slept []time.Duration
	sc := scenario(t, "demo", func(sc *Scenario) { sc.Timings.ResponseDelay = Duration(1500 * time.Millisecond) })
	r, _ := startSim(t, sc, func(o *Options) {
		o.Sleep = func(d time.Duration) { mu.Lock(); slept = append(slept, d); mu.Unlock() }
	})
	api(t, "GET", r.URL+"/api.php/version", "", nil)
	api(t, "GET", r.URL+"/api.php/public_key", "", nil)
	mu.Lock()
	defer mu.Unlock()
	if len(slept) != 2 || slept[0] != 1500*time.Millisecond {
		t.Errorf("slept %v", slept)
	}
}

// R2/R3: a Startup instance lists no update, but the partner's ZIP is
// downloadable from its link and installs like an extension.
func TestStartupPartnerPackage(t *testing.T) {
	r, _ := startSim(t, scenario(t, "startup-cloud"))
	b := adminBrowser(t, r)
	_, lic := b.get("index.php?module=LicenseInfo&action=index")
	mustContain(t, text(lic), "No available updates.")
	name, data := downloadUpdate(t, r)
	if len(data) == 0 {
		t.Fatal("no partner package")
	}
	_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	mustContain(t, text(body), "Package is ready for installation")
}
