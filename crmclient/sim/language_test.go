package sim

import (
	"net/http"
	"strings"
	"testing"
)

// loginAs posts the login form with a user_language choice (§2 "Login").
func (b *browser) loginAs(user, pw, language string) {
	b.t.Helper()
	_, body := b.get("index.php?module=Users&action=Login")
	form := formOf(b.t, body, "action", "Authenticate")
	form.Set("user_name", user)
	form.Set("user_password", pw)
	form.Set("user_language", language)
	resp, _ := b.post("index.php", form)
	if resp.StatusCode != http.StatusFound || strings.Contains(resp.Header.Get("Location"), "action=Login") {
		b.t.Fatalf("login: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// §2 "Language": user_language=en_us at login forces English pages for
// that session (the simulator's answer to open question §10.2 q4); other
// sessions keep the user's language.
func TestUserLanguageAtLogin(t *testing.T) {
	r, _ := startSim(t, scenario(t, "german-admin"))
	en := newBrowser(t, r.URL)
	en.loginAs(DemoUser, DemoPassword, "en_us")
	_, body := en.get(backupPath)
	mustContain(t, text(body), "Backup Management", "Backup History: Last 10 backups")
	mustContain(t, body, `<html lang="en">`)
	_, body = en.get(listPath)
	mustContain(t, text(body), "Uploaded Packages", "Installed Packages")
	mustNotContain(t, text(body), "Hochgeladene Pakete")

	de := newBrowser(t, r.URL)
	de.loginAs(DemoUser, DemoPassword, "")
	_, body = de.get(listPath)
	mustContain(t, text(body), "Hochgeladene Pakete")

	// And the other way round: de_de on an English instance.
	r2, _ := startSim(t, scenario(t, "demo"))
	b := newBrowser(t, r2.URL)
	b.loginAs(DemoUser, DemoPassword, "de_de")
	_, body = b.get(backupPath)
	mustContain(t, text(body), "Datensicherung verwalten")
	// An unknown value keeps the user's language.
	b2 := newBrowser(t, r2.URL)
	b2.loginAs(DemoUser, DemoPassword, "fr_fr")
	_, body = b2.get(backupPath)
	mustContain(t, text(body), "Backup Management")
}
