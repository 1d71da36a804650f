package sim

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

const backupPath = "index.php?module=Configurator&action=EditView&layout=Backup"

// backupHistory reads BackupHistoryWidget's table as (path, size) rows:
// "N. <path>" and "(<size>)".
func backupHistory(t *testing.T, body string) [][2]string {
	t.Helper()
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	var rows [][2]string
	doc.Find("table#backup_history tbody tr").Each(func(i int, tr *goquery.Selection) {
		td := tr.Find("td")
		if td.Length() != 2 {
			return
		}
		name := strings.TrimSpace(td.Eq(0).Text())
		if dot := strings.Index(name, ". "); dot > 0 {
			name = name[dot+2:]
		}
		rows = append(rows, [2]string{name, strings.Trim(td.Eq(1).Text(), "() ")})
	})
	return rows
}

// backupAnswer is EditView.php's answer to record_perform=runbackup.
const backupAnswer = `<script nodisplay>SUGAR.util.loadUrl("index.php?module=Configurator&action=EditView&layout=Backup", "Backup Complete");</script>`

func runBackupForm(t *testing.T, b *browser) url.Values {
	t.Helper()
	_, page := b.get(backupPath)
	form := formOf(t, page, "layout", "Backup")
	form.Set("record_perform", "runbackup")
	return form
}

// §4: settings fields, synchronous run, new newest-first entry with path and size.
func TestBackupRunAddsNewestEntry(t *testing.T) {
	r, clock := startSim(t, scenario(t, "demo"))
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	_, page := b.get(backupPath)
	for _, f := range []string{"backup_enabled", "backup_target_dir", "backup_mysqldump_path", "backup_dump_enabled", "backup_dump_available", "backup_zip_files_filter"} {
		mustContain(t, page, `name="`+f+`"`)
	}
	mustContain(t, text(page), "Backup Management", "Backup History", "Last 10 backups:", "Perform Backup")
	before := backupHistory(t, page)
	if len(before) != 2 {
		t.Fatalf("existing backups %v", before)
	}
	clock.Advance(90 * time.Minute) // 10:30 Berlin
	resp, body := b.post("index.php", runBackupForm(t, b))
	if resp.StatusCode != 200 || body != backupAnswer || text(body) != "" {
		t.Fatalf("run: %d %s", resp.StatusCode, body)
	}
	_, page = b.get(backupPath)
	after := backupHistory(t, page)
	if len(after) != 3 || after[0][0] != "/var/www/1crm/files/backups/backup_20250602_103000.zip" {
		t.Fatalf("history %v", after)
	}
	// The size shown is the real size of the ZIP written (spec §4).
	zipPath, ok := r.Server.BackupFile("backup_20250602_103000.zip")
	if !ok {
		t.Fatal("no local file for the new backup")
	}
	fi, err := os.Stat(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\d+\.\d KB$`).MatchString(after[0][1]) || after[0][1] != formatSize(fi.Size()) {
		t.Errorf("size %q, file has %d bytes", after[0][1], fi.Size())
	}
	if c := r.Server.Counters(); c.BackupsMade != 1 || c.BackupsStarted != 1 {
		t.Errorf("counters %+v", c)
	}
	// Only 10 rows are listed, newest first.
	for i := 0; i < 10; i++ {
		clock.Advance(time.Minute)
		b.post("index.php", runBackupForm(t, b))
	}
	_, page = b.get(backupPath)
	rows := backupHistory(t, page)
	if len(rows) != 10 || rows[0][0] <= rows[1][0] {
		t.Errorf("history of %d rows, first %v", len(rows), rows[:2])
	}
}

// §4: settings present in the POST are saved; absent ones stay.
func TestBackupSavesOnlyPostedSettings(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	form := runBackupForm(t, b)
	form.Set("backup_target_dir", "/srv/bk/")
	b.post("index.php", form)
	_, page := b.get(backupPath)
	mustContain(t, page, `value="/srv/bk/"`, `value="/usr/bin/mysqldump"`)
	if rows := backupHistory(t, page); !strings.HasPrefix(rows[0][0], "/srv/bk/backup_") {
		t.Errorf("history %v", rows)
	}
}

// §4 failures: 7.x ignores runBackup's result, so the answer is the same
// script; only the missing history entry shows the failure.
func TestBackupFailures(t *testing.T) {
	for _, name := range []string{"backup-fails", "backup-dir-not-writable"} {
		r, _ := startSim(t, scenario(t, name))
		b := newBrowser(t, r.URL)
		b.mustLogin(DemoUser, DemoPassword)
		if _, body := b.post("index.php", runBackupForm(t, b)); body != backupAnswer {
			t.Errorf("%s: answer %q", name, body)
		}
		if _, page := b.get(backupPath); len(backupHistory(t, page)) != 2 {
			t.Errorf("%s: a failed backup added an entry", name)
		}
		if c := r.Server.Counters(); c.BackupsFailed != 1 || c.BackupsMade != 0 {
			t.Errorf("%s: counters %+v", name, c)
		}
	}
}

// §4: the backup completes even when the client disconnects.
func TestBackupContinuesAfterDisconnect(t *testing.T) {
	sc := scenario(t, "slow-backup", func(sc *Scenario) { sc.Timings.Backup = Duration(400 * time.Millisecond) })
	r, _ := startSim(t, sc, func(o *Options) { o.Sleep = time.Sleep })
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	form := runBackupForm(t, b)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", r.URL+"/index.php", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, err := b.c.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("expected the client to give up")
	}
	deadline := time.Now().Add(5 * time.Second)
	for r.Server.Counters().BackupsMade != 1 {
		if time.Now().After(deadline) {
			t.Fatal("backup did not complete after the client left")
		}
		time.Sleep(20 * time.Millisecond)
	}
	bs := r.Server.Backups()
	if len(bs) != 3 {
		t.Fatalf("backups %v", bs)
	}
	if p, ok := r.Server.BackupFile(bs[2]); !ok {
		t.Error("the backup finished after the disconnect has no file")
	} else if _, err := os.Stat(p); err != nil {
		t.Error(err)
	}
}

// Closing the simulator cuts a long backup short instead of leaving it
// running for minutes (default real-time sleep).
func TestCloseEndsSlowBackup(t *testing.T) {
	r, err := Start(scenario(t, "slow-backup"), Options{Now: (&fakeClock{t: testNow}).Now, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	form := runBackupForm(t, b)
	go b.c.PostForm(r.URL+"/index.php", form)
	deadline := time.Now().Add(5 * time.Second)
	for r.Server.Counters().BackupsStarted == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	start := time.Now()
	r.Close()
	for r.Server.Counters().BackupsMade == 0 {
		if time.Since(start) > 5*time.Second {
			t.Fatal("backup still sleeping after Close")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
