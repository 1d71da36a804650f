package sim

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

const backupPageURL = "index.php?module=Configurator&action=EditView&layout=Backup"

// backupFile is one backup_*.zip in the backup dir. Backups the simulator
// runs are real ZIPs in a per-server temp dir (path); the scenario's
// pre-existing ones are only a name and a size.
type backupFile struct {
	name string
	size int64
	path string // local file; "" for pre-existing entries and after Close
}

// backupPage is module=Configurator&action=EditView&layout=Backup (spec §4).
func (s *Server) backupPage(w http.ResponseWriter, r *http.Request, se *session, form url.Values) {
	t := s.tr(se)
	var msgs, errs []string
	if r.Method == http.MethodPost {
		switch form.Get("record_perform") {
		case "save":
			s.saveBackupSettings(form)
			msgs = append(msgs, t.SettingsSaved)
		case "runbackup":
			// Settings present in the POST are saved first (spec §4 "Run").
			s.saveBackupSettings(form)
			if failure := s.runBackup(se); failure != "" {
				errs = append(errs, failure)
			} else {
				backupComplete(w, t.BackupComplete)
				return
			}
		}
	}
	s.renderBackupPage(w, se, msgs, errs)
}

// saveBackupSettings stores each setting field that is present in the POST.
func (s *Server) saveBackupSettings(form url.Values) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &s.backupCfg
	has := func(k string) bool { _, ok := form[k]; return ok }
	on := func(k string) bool {
		v := strings.ToLower(form.Get(k))
		return v == "1" || v == "on" || v == "true" || v == "yes"
	}
	if has("backup_enabled") {
		c.Enabled = on("backup_enabled")
	}
	if has("backup_target_dir") {
		c.TargetDir = form.Get("backup_target_dir")
	}
	if has("backup_mysqldump_path") {
		c.MysqldumpPath = form.Get("backup_mysqldump_path")
	}
	if has("backup_dump_enabled") {
		c.DumpDisabled = !on("backup_dump_enabled")
	}
	if has("backup_zip_files_filter") {
		switch f := form.Get("backup_zip_files_filter"); f {
		case "none", "minimal", "maximal", "complete":
			c.FilesFilter = f
		}
	}
}

// runBackup runs synchronously for the scenario's backup time. It does not
// watch the request context: like PHP with ignore_user_abort, the backup
// completes even when the client goes away (spec §4). It returns the error
// text of a failed backup, or "".
func (s *Server) runBackup(se *session) string {
	t := s.tr(se)
	s.mu.Lock()
	s.counters.BackupsStarted++
	cfg := s.backupCfg
	start := s.now()
	s.mu.Unlock()
	s.logf("backup started")

	failure := ""
	switch s.sc.Faults.BackupFails {
	case "mysqldump_missing":
		if !cfg.DumpDisabled {
			failure = fmt.Sprintf(t.BackupNoDump, cfg.MysqldumpPath)
		}
	case "dir_not_writable":
		failure = fmt.Sprintf(t.BackupDirNotWritable, s.backupDir())
	}
	if failure != "" {
		s.sleep(s.sc.Timings.Backup.D() / 10)
		s.mu.Lock()
		s.counters.BackupsFailed++
		s.mu.Unlock()
		s.logf("backup failed")
		return failure
	}
	s.sleep(s.sc.Timings.Backup.D())

	name, size, err := s.writeBackup(cfg, start)
	if err != nil {
		s.mu.Lock()
		s.counters.BackupsFailed++
		s.mu.Unlock()
		s.logf("backup failed: %v", err)
		return fmt.Sprintf(t.BackupDirNotWritable, s.backupDir())
	}
	s.logf("backup %s written (%d bytes)", name, size)
	return ""
}

// dumpAvailable is the read-only backup_dump_available: whether mysqldump
// works on this server.
func (s *Server) dumpAvailable() bool {
	return s.sc.Faults.BackupFails != "mysqldump_missing" && !s.sc.Backup.DumpUnavailable
}

// writeBackup writes backup_YYYYMMDD_HHMMSS.zip of the current state into
// the per-server backup dir and adds it to the history. After Close the
// archive is only measured, not kept.
func (s *Server) writeBackup(cfg BackupSpec, start time.Time) (string, int64, error) {
	s.fileMu.Lock()
	defer s.fileMu.Unlock()
	s.mu.Lock()
	name := uniqueBackupName(start, s.backups)
	snap := backupSnapshot{
		stamp:      strings.TrimSuffix(strings.TrimPrefix(name, "backup_"), ".zip"),
		at:         start,
		version:    s.version,
		users:      s.sc.Users,
		accounts:   s.records["Account"],
		dump:       !cfg.DumpDisabled && s.dumpAvailable(),
		filter:     cfg.FilesFilter,
		installDir: s.sc.InstallDir,
		padTo:      s.sc.Backup.SizeBytes,
	}
	for _, p := range s.installed {
		snap.installed = append(snap.installed, *p)
	}
	s.mu.Unlock()

	var w io.Writer = io.Discard
	var f *os.File
	local := ""
	if !s.filesClosed {
		if s.fileDir == "" {
			dir, err := os.MkdirTemp(s.opt.TempDir, "1crm-sim-backups-*")
			if err != nil {
				return "", 0, err
			}
			s.fileDir = dir
		}
		local = filepath.Join(s.fileDir, name)
		var err error
		if f, err = os.Create(local); err != nil {
			return "", 0, err
		}
		w = f
	}
	cw := &countingWriter{w: w}
	err := writeBackupArchive(cw, snap)
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(local)
		}
	}
	if err != nil {
		return "", 0, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.backups = append(s.backups, backupFile{name: name, size: cw.n, path: local})
	s.counters.BackupsMade++
	return name, cw.n, nil
}

// uniqueBackupName is backup_YYYYMMDD_HHMMSS.zip in server local time.
func uniqueBackupName(t time.Time, existing []backupFile) string {
	for {
		name := "backup_" + t.Format("20060102_150405") + ".zip"
		taken := false
		for _, b := range existing {
			taken = taken || b.name == name
		}
		if !taken {
			return name
		}
		t = t.Add(time.Second)
	}
}

// backupDir is the full server path of the backup directory.
func (s *Server) backupDir() string {
	s.mu.Lock()
	dir := s.backupCfg.TargetDir
	s.mu.Unlock()
	if !strings.HasPrefix(dir, "/") {
		dir = path.Join(s.sc.InstallDir, dir)
	}
	return strings.TrimRight(dir, "/") + "/"
}

// backupComplete is the small JS page that sends the browser back to the
// Backup page (spec §4).
func backupComplete(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	fmt.Fprintf(w, "<html><head><title>%s</title></head><body>\n<script type=\"text/javascript\">alert('%s'); document.location.href='%s';</script>\n<p>%s</p>\n<p><a href=\"%s\">OK</a></p>\n</body></html>\n",
		htmlEscape(msg), htmlEscape(msg), backupPageURL, htmlEscape(msg), htmlEscape(backupPageURL))
}

// formatSize renders a size like the page does: "152.3 MB".
func formatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func (s *Server) renderBackupPage(w http.ResponseWriter, se *session, msgs, errs []string) {
	t := s.tr(se)
	s.mu.Lock()
	cfg := s.backupCfg
	backups := append([]backupFile(nil), s.backups...)
	s.mu.Unlock()
	dumpAvailable := s.dumpAvailable()

	p := s.newPage(se, t.BackupTitle)
	p.msgs, p.errs = msgs, errs
	p.formStart("", "module", "Configurator", "action", "EditView", "layout", "Backup", "record_perform", "")
	p.printf("<h3>%s</h3>\n<table>\n", htmlEscape(t.BackupSettings))
	checkbox := func(label, name string, on, disabled bool) {
		attr := ""
		if on {
			attr += " checked"
		}
		if disabled {
			attr += " disabled"
		}
		p.printf("<tr><td><label>%s</label></td><td><input type=\"checkbox\" name=\"%s\" value=\"1\"%s></td></tr>\n", htmlEscape(label), name, attr)
	}
	textField := func(label, name, value string) {
		p.printf("<tr><td><label>%s</label></td><td><input type=\"text\" name=\"%s\" value=\"%s\" size=\"40\"></td></tr>\n", htmlEscape(label), name, htmlEscape(value))
	}
	checkbox(t.BackupEnabled, "backup_enabled", cfg.Enabled, false)
	textField(t.BackupDir, "backup_target_dir", cfg.TargetDir)
	textField(t.MysqldumpPath, "backup_mysqldump_path", cfg.MysqldumpPath)
	checkbox(t.DumpEnabled, "backup_dump_enabled", !cfg.DumpDisabled, false)
	checkbox(t.DumpAvailable, "backup_dump_available", dumpAvailable, true)
	p.printf("<tr><td><label>%s</label></td><td><select name=\"backup_zip_files_filter\">", htmlEscape(t.FilesFilter))
	for _, o := range [][2]string{{"none", t.FilterNone}, {"minimal", t.FilterMinimal}, {"maximal", t.FilterMaximal}, {"complete", t.FilterComplete}} {
		sel := ""
		if o[0] == cfg.FilesFilter {
			sel = " selected"
		}
		p.printf("<option value=\"%s\"%s>%s</option>", o[0], sel, htmlEscape(o[1]))
	}
	p.raw("</select></td></tr>\n")
	checkbox(t.RsyncEnabled, "backup_rsync_enabled", false, false)
	textField(t.RsyncPath, "backup_rsync_path", "/usr/bin/rsync")
	textField(t.RsyncDir, "backup_rsync_target_dir", "")
	p.raw("</table>\n")
	p.printf("<input type=\"submit\" class=\"button\" value=\"%s\" onclick=\"this.form.record_perform.value='save';\">\n", htmlEscape(t.Save))
	p.printf("<input type=\"submit\" class=\"button\" value=\"%s\" onclick=\"this.form.record_perform.value='runbackup';\">\n", htmlEscape(t.RunBackup))
	p.raw("</form>\n")

	p.printf("<h3>%s</h3>\n", htmlEscape(t.BackupHistory))
	var names []backupFile
	for _, b := range backups {
		if strings.HasPrefix(b.name, "backup_") {
			names = append(names, b)
		}
	}
	sort.Slice(names, func(i, j int) bool { return names[i].name > names[j].name })
	if len(names) > 10 {
		names = names[:10]
	}
	if len(names) == 0 {
		p.printf("<p>%s</p>\n", htmlEscape(t.NoBackups))
	} else {
		dir := s.backupDir()
		p.table(t.ColFile, t.ColSize)
		for _, b := range names {
			p.row(dir+b.name, formatSize(b.size))
		}
		p.raw("</table>\n")
	}
	p.write(w)
}
