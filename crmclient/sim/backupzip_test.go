package sim

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// runOneBackup logs in, runs a backup and returns the new history name.
func runOneBackup(t *testing.T, r *Running, clock *fakeClock) string {
	t.Helper()
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	before := len(r.Server.Backups())
	clock.Advance(90 * time.Minute)
	_, body := b.post("index.php", runBackupForm(t, b))
	mustContain(t, body, "Backup Complete")
	bs := r.Server.Backups()
	if len(bs) != before+1 {
		t.Fatalf("backups %v", bs)
	}
	return bs[len(bs)-1]
}

// zipEntries opens the backup with archive/zip and returns name → content.
func zipEntries(t *testing.T, r *Running, name string) map[string]string {
	t.Helper()
	p, ok := r.Server.BackupFile(name)
	if !ok {
		t.Fatalf("no file for %s", name)
	}
	if filepath.Base(p) != name {
		t.Errorf("file %s, want the name %s", p, name)
	}
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = string(b)
	}
	return out
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// §4 "Result": backup_YYYYMMDD_HHMMSS.zip holds iahdb_YYYYMMDD_HHMMSS.sql
// when the dump is on, plus the files the filter selects.
func TestBackupArchiveContents(t *testing.T) {
	for _, tc := range []struct {
		filter        string
		want, wantNot []string
	}{
		{"none", nil, []string{"config.php", "modules/Accounts/Account.php"}},
		{"minimal", []string{"config.php", "custom/include/language/de_de.lang.php", "modules/Accounts/Account.php", "modules/exCallSheets/vardefs.php"},
			[]string{"index.php", "cache/modules/Accounts/Accountvardefs.php"}},
		{"maximal", []string{"config.php", "custom/include/language/de_de.lang.php", "index.php", "sugar_version.php", "include/entryPoint.php"},
			[]string{"cache/modules/Accounts/Accountvardefs.php"}},
		{"complete", []string{"config.php", "index.php", "sugar_version.php", "cache/modules/Accounts/Accountvardefs.php"}, nil},
	} {
		t.Run(tc.filter, func(t *testing.T) {
			r, clock := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Backup.FilesFilter = tc.filter }))
			name := runOneBackup(t, r, clock)
			if name != "backup_20250602_103000.zip" {
				t.Errorf("name %s", name)
			}
			got := zipEntries(t, r, name)
			sql, ok := got["iahdb_20250602_103000.sql"]
			if !ok {
				t.Fatalf("no dump in %v", keys(got))
			}
			mustContain(t, sql, "-- MySQL dump", "CREATE TABLE `accounts`", "INSERT INTO `config` VALUES ('info','sugar_version','8.7.6')",
				"'exCallSheets'", "-- Dump completed on 2025-06-02 10:30:00")
			for _, w := range tc.want {
				if _, ok := got[w]; !ok {
					t.Errorf("%s missing in %v", w, keys(got))
				}
			}
			for _, w := range tc.wantNot {
				if _, ok := got[w]; ok {
					t.Errorf("%s present with filter %s", w, tc.filter)
				}
			}
			if tc.filter == "none" && len(got) != 1 {
				t.Errorf("filter none: %v", keys(got))
			}
		})
	}
}

// §4: with the dump disabled, or mysqldump unavailable, the backup still
// succeeds but holds no .sql; the page says whether mysqldump works.
func TestBackupWithoutDump(t *testing.T) {
	for name, mod := range map[string]func(*Scenario){
		"disabled":    func(sc *Scenario) { sc.Backup.DumpDisabled = true },
		"unavailable": func(sc *Scenario) { sc.Backup.DumpUnavailable = true },
	} {
		t.Run(name, func(t *testing.T) {
			r, clock := startSim(t, scenario(t, "demo", mod))
			got := zipEntries(t, r, runOneBackup(t, r, clock))
			for k := range got {
				if strings.HasSuffix(k, ".sql") {
					t.Errorf("dump %s in a backup without dump", k)
				}
			}
			if _, ok := got["config.php"]; !ok {
				t.Errorf("files missing: %v", keys(got))
			}
			b := newBrowser(t, r.URL)
			b.mustLogin(DemoUser, DemoPassword)
			_, page := b.get(backupPath)
			avail := strings.Contains(page, `name="backup_dump_available" value="1" checked`)
			if avail != (name == "disabled") {
				t.Errorf("backup_dump_available checked=%v", avail)
			}
		})
	}
	// mysqldump missing with the dump switched on: 7.x writes the ZIP without it.
	r, clock := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Faults.BackupFails = "mysqldump_missing" }))
	if got := zipEntries(t, r, runOneBackup(t, r, clock)); len(got) == 0 || got["iahdb_20250602_103000.sql"] != "" {
		t.Errorf("entries %v", keys(got))
	}
}

// The dump reflects the state at backup time: after a core update the
// config row carries the new version.
func TestBackupDumpFollowsVersion(t *testing.T) {
	r, clock := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Backup.FilesFilter = "maximal" }))
	r.Server.mu.Lock()
	r.Server.version = "8.7.7"
	r.Server.mu.Unlock()
	got := zipEntries(t, r, runOneBackup(t, r, clock))
	mustContain(t, got["iahdb_20250602_103000.sql"], "('info','sugar_version','8.7.7')")
	mustContain(t, got["sugar_version.php"], "$sugar_version = '8.7.7';")
}

// BackupSpec.SizeBytes pads the archive to a realistic size on disk.
func TestBackupPadding(t *testing.T) {
	r, clock := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Backup.SizeBytes = 300_000 }))
	name := runOneBackup(t, r, clock)
	p, _ := r.Server.BackupFile(name)
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 290_000 || fi.Size() > 310_000 {
		t.Errorf("padded size %d", fi.Size())
	}
	if got := zipEntries(t, r, name); got["sim_padding.bin"] == "" {
		t.Errorf("no filler: %v", keys(got))
	}
}

// Close removes the per-server backup dir; the history keeps the entry.
func TestCloseRemovesBackupFiles(t *testing.T) {
	r, clock := startSim(t, scenario(t, "demo"))
	name := runOneBackup(t, r, clock)
	p, _ := r.Server.BackupFile(name)
	r.Close()
	if _, err := os.Stat(filepath.Dir(p)); !os.IsNotExist(err) {
		t.Errorf("backup dir still there: %v", err)
	}
	if _, ok := r.Server.BackupFile(name); ok {
		t.Error("BackupFile after Close")
	}
	if bs := r.Server.Backups(); bs[len(bs)-1] != name {
		t.Errorf("history lost: %v", bs)
	}
}
