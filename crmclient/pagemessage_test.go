package crmclient

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Hand-written answer pages with the navigation chrome of real admin
// pages around the message (testdata/errorpages): spec §4 "report the
// page text verbatim", §5.2 "message box above the lists", §5.4 "a page
// shows an error or a PHP fatal error". The admin must see the message,
// not "Backup Management » 1CRM Home … Logged in as admin …".

func errorPage(t *testing.T, name string, status int, repl ...string) *page {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "errorpages", name))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer(repl...).Replace(string(b))
	u, _ := url.Parse("https://crm.example.com/index.php")
	return newPage(u, status, []byte(s))
}

// chromeWords must never reach a message.
var chromeWords = []string{"Logged in as", "Angemeldet als", "Log Out", "Abmelden", "1CRM Corp", "»", "›",
	"Startseite", "Rechte vorbehalten", "Rights Reserved", "Backup Management", "Upgrade Wizard"}

func assertNoChrome(t *testing.T, what, msg string) {
	t.Helper()
	for _, w := range chromeWords {
		if strings.Contains(msg, w) {
			t.Errorf("%s: message carries page chrome %q: %q", what, w, msg)
		}
	}
}

// Spec §4: the failed backup answer is the Backup page plus an error; the
// message is what it has that a freshly read Backup page lacks. The
// footer's response time differs between the two (noise a diff must
// survive); the German page has a label with "Fehlern" in its settings.
func TestMessageTextBackupPages(t *testing.T) {
	cases := []struct {
		file, box, want string
	}{
		{"backup_en.html", `<font color="red"><b>Backup failed:</b> mysqldump could not be run at /usr/bin/mysqldump.
			Check the path in the backup settings.</font><br>`,
			"Backup failed: mysqldump could not be run at /usr/bin/mysqldump. Check the path in the backup settings."},
		{"backup_de.html", `<div class="messageBox"><p>Sicherung fehlgeschlagen: Der Webserver kann nicht in das
			Sicherungsverzeichnis files/backups/ schreiben.</p></div>`,
			"Sicherung fehlgeschlagen: Der Webserver kann nicht in das Sicherungsverzeichnis files/backups/ schreiben."},
		// A box without any error word: only the comparison finds it.
		{"backup_en.html", `<p>mysqldump: Got errno 28 on write</p>`, "mysqldump: Got errno 28 on write"},
		{"backup_de.html", `<p><i>Speicherplatz erschöpft (1,2 GB frei, 3,4 GB benötigt)</i></p>`,
			"Speicherplatz erschöpft (1,2 GB frei, 3,4 GB benötigt)"},
		// A box of two lines, the second without error words: kept whole.
		{"backup_en.html", `<p class="error">Backup failed.</p><p>Details: quota of user www-data reached</p>`,
			"Backup failed. Details: quota of user www-data reached"},
		// A box in markup that looks like page chrome is still found.
		{"backup_de.html", `<div class="header-message"><p>Sicherung fehlgeschlagen: Zielverzeichnis fehlt.</p></div>`,
			"Sicherung fehlgeschlagen: Zielverzeichnis fehlt."},
	}
	for _, c := range cases {
		plain := errorPage(t, c.file, 200)
		failed := errorPage(t, c.file, 200, "<!--MESSAGE-->", c.box, "0.41 seconds", "1.87 seconds")
		got := messageText(failed, plain)
		if got != c.want {
			t.Errorf("%s with plain page:\n got %q\nwant %q", c.file, got, c.want)
		}
		assertNoChrome(t, c.file, got)
		e := serverMessage(ErrBackupFailed, failed, plain)
		if !errors.Is(e, ErrBackupFailed) || e.Text != c.want || e.Error() != ErrBackupFailed.Error()+": "+c.want {
			t.Errorf("%s: error %q", c.file, e.Error())
		}
		// Detail keeps the longer page text for the report: the message
		// and the chrome around it, bounded.
		if !strings.Contains(e.Detail, "1CRM Corp") && !strings.Contains(e.Detail, "Rights Reserved") {
			t.Errorf("%s: Detail lacks the page text: %q", c.file, e.Detail)
		}
		if !strings.Contains(strings.Join(strings.Fields(e.Detail), " "), c.want[:20]) || len(e.Detail) > maxErrBody || strings.Contains(e.Detail, "<") {
			t.Errorf("%s: Detail %d bytes %q", c.file, len(e.Detail), e.Detail)
		}
	}
	// Without a plain page, messages with error words are still found
	// (outside the settings table that holds "bei Fehlern").
	for _, c := range cases[:2] {
		failed := errorPage(t, c.file, 200, "<!--MESSAGE-->", c.box)
		if got := messageText(failed, nil); got != c.want {
			t.Errorf("%s without plain page:\n got %q\nwant %q", c.file, got, c.want)
		}
	}
	// The same page again: nothing new is no message.
	if got := messageText(errorPage(t, "backup_en.html", 200), errorPage(t, "backup_en.html", 200)); got != "" {
		t.Errorf("identical pages: %q", got)
	}
}

// Spec §5.2: an upload error in the message box; the list holds another
// package whose status is the ERR_INVALID_VERSION text. Only the new
// message counts, even inside a layout table cell.
func TestMessageTextUploadBoxInLayoutTable(t *testing.T) {
	plain := errorPage(t, "uwizard_en.html", 200)
	box := `<table><tr><td><span style="color:red">The uploaded file could not be moved to cache/upgrades/module/ (permission denied).</span></td></tr></table>`
	failed := errorPage(t, "uwizard_en.html", 200, "<!--MESSAGE-->", box)
	want := "The uploaded file could not be moved to cache/upgrades/module/ (permission denied)."
	if got := messageText(failed, plain); got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	// Silently dropped upload (post_max_size): the list page unchanged —
	// the row status of another package is no message.
	if got := messageText(errorPage(t, "uwizard_en.html", 200), plain); got != "" {
		t.Fatalf("unchanged list page gave %q", got)
	}
}

// Spec §5.4: install failure pages (no plain page to compare with).
func TestErrorTextInstallPages(t *testing.T) {
	cases := map[string]string{
		"install_failed_de.html": "Fehler in Schritt 4 von 6 (Datenbank reparieren): Die Tabelle „accounts_cstm“ konnte nicht geändert werden. Das Upgrade wurde nicht abgeschlossen.",
		"install_failed_en.html": "Error: could not copy modules/Accounts/Account.php to /var/www/crm/modules/Accounts/Account.php (permission denied) The upgrade was aborted.",
	}
	for file, want := range cases {
		p := errorPage(t, file, 200)
		e := reportedError(ErrInstallFailed, p)
		if e == nil || e.Text != want {
			t.Errorf("%s:\n got %+v\nwant %q", file, e, want)
			continue
		}
		assertNoChrome(t, file, e.Text)
		if fatalError(ErrInstallFailed, p) != nil {
			t.Errorf("%s: not a PHP fatal error", file)
		}
	}
	// A step page without an error is none.
	ok := newPage(mustURL("https://crm.example.com/upgrade.php"), 200, []byte(`<html><head><title>Upgrade » 1CRM</title></head><body>
<div id="header">Logged in as admin | <a href="x">Log Out</a> | <a href="y">Error Log</a></div><p>Step 2 of 6: Creating missing tables</p></body></html>`))
	if e := reportedError(ErrInstallFailed, ok); e != nil {
		t.Errorf("plain step page reported %q", e.Text)
	}
}

// A PHP fatal error keeps its "Fatal error: … in file:line" line, inside
// page chrome (display_errors on mid-page), as an uncaught exception with
// its trace, and as a 5xx without any text.
func TestPHPFatalLine(t *testing.T) {
	p := errorPage(t, "php_fatal_in_page.html", 200)
	want := "Fatal error: Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/crm/include/database/DBManager.php on line 1204"
	if e := fatalError(ErrInstallFailed, p); e == nil || e.Text != want || !strings.Contains(e.Detail, "Step 3 of 6") {
		t.Errorf("in page: %+v", e)
	}
	if got := messageText(p, nil); got != want {
		t.Errorf("messageText in page: %q", got)
	}
	p = errorPage(t, "php_fatal_uncaught.html", 500)
	want = "Fatal error: Uncaught TypeError: count(): Argument #1 ($value) must be of type Countable|array, null given in /var/www/crm/modules/UWizard/UpgradeWizard.php:412"
	if e := fatalError(ErrPrepareFailed, p); e == nil || e.Text != want {
		t.Errorf("uncaught: %+v", e)
	}
	// The location only in "thrown in": both parts are kept.
	p = newPage(mustURL("https://crm.example.com/upgrade.php"), 200, []byte("<br />\n<b>Fatal error</b>:  Uncaught Exception: disk full\nStack trace:\n#0 {main}\n  thrown in <b>/var/www/crm/upgrade.php</b> on line <b>77</b><br />"))
	if e := fatalError(ErrInstallFailed, p); e == nil || e.Text != "Fatal error: Uncaught Exception: disk full thrown in /var/www/crm/upgrade.php on line 77" {
		t.Errorf("thrown in: %+v", e)
	}
	p = newPage(mustURL("https://crm.example.com/upgrade.php"), 500, nil)
	if e := fatalError(ErrInstallFailed, p); e == nil || !strings.Contains(e.Text, "HTTP 500") {
		t.Errorf("empty 500: %+v", e)
	}
	if fatalError(ErrInstallFailed, errorPage(t, "backup_en.html", 200)) != nil {
		t.Error("a normal page is no PHP fatal error")
	}
}

// An admin page that is a PHP fatal error is a server error, not "not an
// admin": it matches ErrServerError and *PageChangedError (read by hand).
func TestNotAdminOrChangedOnFatalPage(t *testing.T) {
	err := notAdminOrChanged(errorPage(t, "php_fatal_uncaught.html", 500), "license", "licence sentence")
	var pc *PageChangedError
	var sm *ServerMessageError
	if errors.Is(err, ErrNotAdmin) || !errors.Is(err, ErrServerError) || !errors.As(err, &pc) || !errors.As(err, &sm) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "UpgradeWizard.php:412") || strings.Contains(err.Error(), "Stack trace") || sm.Detail == "" {
		t.Fatalf("err = %q detail %q", err.Error(), sm.Detail)
	}
}

// Long texts are capped at ~500 characters, at a rune boundary; Detail at
// 2 KiB without splitting a rune.
func TestMessageCaps(t *testing.T) {
	long := strings.Repeat("Fehler: Datei äöü.php nicht beschreibbar. ", 60)
	p := newPage(mustURL("https://crm.example.com/index.php"), 200, []byte("<html><body><p>"+long+"</p></body></html>"))
	e := serverMessage(ErrInstallFailed, p, nil)
	if n := utf8.RuneCountInString(e.Text); n > maxMessageRunes || n < maxMessageRunes-10 || !strings.HasSuffix(e.Text, "…") || !utf8.ValidString(e.Text) {
		t.Errorf("text %d runes %q", n, e.Text)
	}
	if len(e.Detail) > maxErrBody || len(e.Detail) < maxErrBody-4 || !utf8.ValidString(e.Detail) {
		t.Errorf("detail %d bytes", len(e.Detail))
	}
}

// NotJSONError/APIError keep one line: for HTML the title, a heading or a
// PHP fatal line — never "<!DOCTYPE html>" or a menu entry.
func TestFirstLineOfHTML(t *testing.T) {
	cases := map[string]string{
		"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>":                        "502 Bad Gateway",
		"<!DOCTYPE html>\n<html><body><nav><a href=/>Home</a></nav><h1>Service Unavailable</h1><p>later</p></body></html>":                  "Service Unavailable",
		"<!doctype html><html><body><div id=\"header\"><a href=/>Home</a> Logged in as x</div><p>Maintenance until 10:00</p></body></html>": "Maintenance until 10:00",
		"\ufeff  <html><head><title>Login » 1CRM</title></head></html>":                                                                     "Login » 1CRM",
		"plain text\nsecond": "plain text",
		`{"broken": json`:    `{"broken": json`,
	}
	for body, want := range cases {
		if got := firstLine([]byte(body)); got != want {
			t.Errorf("firstLine(%.40q) = %q, want %q", body, got, want)
		}
	}
	b, _ := os.ReadFile(filepath.Join("testdata", "errorpages", "php_fatal_in_page.html"))
	if got := firstLine(b); !strings.HasPrefix(got, "Fatal error: Allowed memory size") {
		t.Errorf("fatal in page: %q", got)
	}
}

// A PHP fatal error instead of the login page or after the login POST:
// a *PageChangedError that carries the fatal line (ErrServerError).
func TestLoginOnFatalPage(t *testing.T) {
	p := errorPage(t, "php_fatal_uncaught.html", 500)
	_, err := loginForm(p)
	var pc *PageChangedError
	if !errors.Is(err, ErrServerError) || !errors.As(err, &pc) || pc.Page != "login" || !strings.Contains(err.Error(), "UpgradeWizard.php:412") {
		t.Fatalf("loginForm: %v", err)
	}
	// The answer to the login POST: neither a success nor a refusal.
	if v, _ := judgeFormLogin(p.url, p, ""); v != formLoginUnknown {
		t.Fatalf("judgeFormLogin: %v", v)
	}
}
