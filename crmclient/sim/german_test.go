package sim

import (
	"bytes"
	"sync"
	"testing"
	"time"
)

// §2 "Language": German admin pages carry German headings and texts; step
// names and form field names stay the same.
func TestGermanAdminPages(t *testing.T) {
	r, _ := startSim(t, scenario(t, "german-admin"))
	b := adminBrowser(t, r)
	_, body := b.get(backupPath)
	mustContain(t, text(body), "Datensicherung verwalten", "Sicherungsverlauf: Letzte 10 Sicherungen", "147.9 MB")
	mustContain(t, body, `name="backup_target_dir"`)
	_, body = b.get(listPath)
	mustContain(t, text(body), "Hochgeladene Pakete", "Installierte Pakete", "Call Sheets", "04.03.2024")
	name, data := downloadUpdate(t, r)
	_, body = b.upload(b.uploadForm(), name, bytes.NewReader(data))
	mustContain(t, text(body), "Paket erfolgreich hochgeladen", "Das Paket ist bereit zur Installation")
	_, page := b.post("index.php", formOf(t, body, "perform", "prepare_install"))
	mustContain(t, text(page), "checkSystem Warnung", "Die installierte Erweiterung DATEV Export 2.3.1 gibt keine Kompatibilität mit 1CRM 8.7.7 an.")
	old := extension("exOld", "1.0", `8\.6\.[0-9]+`)
	_, body = b.upload(b.uploadForm(), "old.zip", bytes.NewReader(packageZip(t, old)))
	mustContain(t, text(body), `Das Paket erwartet die 1CRM-Versionen 8\.6\.[0-9]+, die aktuelle Version ist aber 8.7.6`)
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
	mustContain(t, text(lic), "There are no updates available")
	name, data := downloadUpdate(t, r)
	if len(data) == 0 {
		t.Fatal("no partner package")
	}
	_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	mustContain(t, text(body), "Package is ready for installation")
}
