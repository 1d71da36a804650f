package crmclient

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The client flows hand their answer pages to the one extractor: a backup
// POST answered by a full admin page with the error (spec §4), an
// upgrade.php step answered by a full error page or a PHP fatal error in
// the middle of a page (spec §5.4), and a prepare answered by a PHP fatal
// error (spec §5.3). Fixtures: testdata/errorpages.

func fixtureBytes(t *testing.T, name string, repl ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "errorpages", name))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.NewReplacer(repl...).Replace(string(b)))
}

func TestRunBackupFailureOnFullAdminPage(t *testing.T) {
	cases := []struct{ file, box, want string }{
		{"backup_en.html", `<p><b>Backup failed:</b> the backup directory files/backups/ is not writable.</p>`,
			"Backup failed: the backup directory files/backups/ is not writable."},
		{"backup_de.html", `<div><p>Sicherung fehlgeschlagen: mysqldump wurde unter /usr/bin/mysqldump nicht gefunden.</p></div>`,
			"Sicherung fehlgeschlagen: mysqldump wurde unter /usr/bin/mysqldump nicht gefunden."},
	}
	for _, c := range cases {
		f := newFake(t)
		f.backupHist = []fakeBackup{{"files/backups/backup_20250228_020000.zip", "10 MB"}}
		page := fixtureBytes(t, c.file, "<!--MESSAGE-->", c.box)
		f.onBackup = func(f *fake, w http.ResponseWriter, r *http.Request) { _, _ = w.Write(page) }
		_, err := f.client(t, nil).RunBackup(ctxT(t), nil)
		var sm *ServerMessageError
		if !errors.Is(err, ErrBackupFailed) || !errors.As(err, &sm) || sm.Text != c.want {
			t.Errorf("%s: err = %v", c.file, err)
			continue
		}
		if !strings.Contains(sm.Detail, "Backup") && !strings.Contains(sm.Detail, "Sicherung") {
			t.Errorf("%s: detail %q", c.file, sm.Detail)
		}
	}
}

// "Backup Complete" without a new entry is ErrNoNewBackup: the completion
// notice is never passed off as the reason.
func TestRunBackupCompleteWithoutEntry(t *testing.T) {
	f := newFake(t)
	f.onBackup = func(f *fake, w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<html><head><title>Backup » 1CRM</title></head><body><div id="header">Logged in as admin</div><p>Backup Complete</p></body></html>`))
	}
	_, err := f.client(t, nil).RunBackup(ctxT(t), nil)
	var sm *ServerMessageError
	if errors.As(err, &sm) || !errors.Is(err, ErrBackupFailed) || !errors.Is(err, ErrNoNewBackup) {
		t.Fatalf("err = %v: want ErrNoNewBackup, not the notice as 1CRM's message", err)
	}
}

func TestInstallFailsOnFullErrorPage(t *testing.T) {
	cases := []struct {
		file   string
		status int
		want   string
	}{
		{"install_failed_de.html", 200, "Fehler in Schritt 4 von 6 (Datenbank reparieren): Die Tabelle „accounts_cstm“ konnte nicht geändert werden. Das Upgrade wurde nicht abgeschlossen."},
		{"install_failed_en.html", 200, "Error: could not copy modules/Accounts/Account.php to /var/www/crm/modules/Accounts/Account.php (permission denied) The upgrade was aborted."},
		{"php_fatal_in_page.html", 200, "Fatal error: Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/crm/include/database/DBManager.php on line 1204"},
		{"php_fatal_uncaught.html", 500, "Fatal error: Uncaught TypeError: count(): Argument #1 ($value) must be of type Countable|array, null given in /var/www/crm/modules/UWizard/UpgradeWizard.php:412"},
	}
	for _, c := range cases {
		f := newFake(t)
		samplePackages(f)
		f.failAt, f.failPage, f.failStatus = 2, fixtureBytes(t, c.file), c.status
		err := f.client(t, nil).Install(ctxT(t), csSource, csTarget, nil)
		var sm *ServerMessageError
		if !errors.Is(err, ErrInstallFailed) || !errors.As(err, &sm) || sm.Text != c.want {
			t.Errorf("%s: err = %v", c.file, err)
			continue
		}
		if sm.Detail == "" || len(sm.Detail) > maxErrBody {
			t.Errorf("%s: detail %d bytes", c.file, len(sm.Detail))
		}
	}
}

func TestPrepareAnsweredByPHPFatal(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	page := fixtureBytes(t, "php_fatal_uncaught.html")
	f.onPrepareRaw = func(w http.ResponseWriter) { w.WriteHeader(500); _, _ = w.Write(page) }
	_, err := f.client(t, nil).Prepare(ctxT(t), csSource, nil)
	var sm *ServerMessageError
	if !errors.Is(err, ErrPrepareFailed) || !errors.As(err, &sm) || !strings.HasSuffix(sm.Text, "UpgradeWizard.php:412") || !strings.HasPrefix(sm.Text, "Fatal error: Uncaught TypeError") {
		t.Fatalf("err = %v", err)
	}
}
