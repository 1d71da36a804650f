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

// backupPage is module=Configurator&action=EditView&layout=Backup (7.x
// modules/Configurator/EditView.php, views/edit.Backup.php, spec §4).
// record_perform=save saves and answers a script back to Administration;
// record_perform=runbackup saves the posted settings, runs the backup and
// answers only <script nodisplay>SUGAR.util.loadUrl(…Backup…, "Backup
// Complete")</script>: no visible text, and the same answer whether the
// backup worked or not (runBackup's result is ignored), so only a new
// history entry proves a backup.
func (s *Server) backupPage(w http.ResponseWriter, r *http.Request, se *session, form url.Values) {
	t := s.tr(se)
	switch form.Get("record_perform") {
	case "save":
		s.saveBackupSettings(form)
		msg := jsString(t.SettingsUpdated)
		bare(w, htmlEscape(t.SettingsUpdated)+`<script nodisplay>SUGAR.util.loadUrl("index.php?module=Administration&action=index", "`+msg+`");</script>`)
		return
	case "runbackup":
		s.saveBackupSettings(form)
		s.beginSilence("backup")
		s.runBackup()
		s.holdWhileSilent() // a frozen server sends no answer either
		if s.unknownMarkup("backup") {
			unknownBackupAnswer(w)
			return
		}
		bare(w, `<script nodisplay>SUGAR.util.loadUrl("`+backupPageURL+`", "`+jsString(textsEN.BackupComplete)+`");</script>`)
		return
	}
	s.renderBackupPage(w, se)
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
// completes even when the client goes away (spec §4). A failure
// (Faults.BackupFails) leaves no new file; the page says nothing about it.
func (s *Server) runBackup() {
	s.mu.Lock()
	s.counters.BackupsStarted++
	cfg := s.backupCfg
	start := s.now()
	s.mu.Unlock()
	s.logf("backup started")

	// 7.x runBackup: a dump that cannot be made is left out silently (the
	// ZIP then holds only files, see dumpAvailable); only a ZIP that
	// cannot be created or closed leaves no file. Either way the page
	// says nothing: the reason goes to 1CRM's log.
	failure := ""
	switch s.sc.Faults.BackupFails {
	case "dir_not_writable":
		failure = "cannot create the backup ZIP in " + s.backupDir()
	case "disk_full":
		failure = "cannot close the backup ZIP in " + s.backupDir() + ": no space left on device"
	}
	if failure != "" {
		s.sleep(s.sc.Timings.Backup.D() / 10)
		s.mu.Lock()
		s.counters.BackupsFailed++
		s.mu.Unlock()
		s.logf("backup failed: %s", failure)
		return
	}
	s.sleep(s.sc.Timings.Backup.D())

	name, size, err := s.writeBackup(cfg, start)
	if err != nil {
		s.mu.Lock()
		s.counters.BackupsFailed++
		s.mu.Unlock()
		s.logf("backup failed: %v", err)
		return
	}
	s.logf("backup %s written (%d bytes)", name, size)
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
			dir := s.opt.BackupDir
			var err error
			if dir != "" {
				err = os.MkdirAll(dir, 0o700)
			} else {
				dir, err = os.MkdirTemp(s.opt.TempDir, "1crm-sim-backups-*")
			}
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

// renderBackupPage is the Backup Management edit view: the form
// ConfigureSettings (hidden module, action, layout, record_perform) with
// the buttons at top and bottom, the settings of edit.Backup.php (label,
// field, description per row; backup_dump_enabled only when the dump is
// available), the Remote Sync Options and the BackupHistoryWidget. The
// FormGenerator markup of 7.x is not public; the rows are the simulator's.
func (s *Server) renderBackupPage(w http.ResponseWriter, se *session) {
	t := s.tr(se)
	s.mu.Lock()
	cfg := s.backupCfg
	backups := append([]backupFile(nil), s.backups...)
	s.mu.Unlock()
	dumpAvailable := s.dumpAvailable()

	p := s.newPage(se, t.BackupsTitle)
	if s.unknownMarkup("backup-page") {
		unknownBackupPage(p, t, backups)
		p.write(w)
		return
	}
	p.formStartNamed("ConfigureSettings", "", "module", "Configurator", "action", "EditView", "layout", "Backup", "record_perform", "")
	backupButtons(p, t)
	row := func(label, field, desc string) {
		p.printf("<tr>\n<td class=\"dataLabel\" width=\"25%%\">%s</td>\n<td class=\"dataField\" width=\"35%%\">%s</td>\n<td class=\"fieldDesc\" width=\"40%%\">%s</td>\n</tr>\n",
			htmlEscape(label), field, htmlEscape(desc))
	}
	checkbox := func(name string, on, disabled bool) string {
		attr := ""
		if on {
			attr += " checked"
		}
		if disabled {
			attr += " disabled"
		}
		return fmt.Sprintf(`<input type="checkbox" class="checkbox" name="%s" value="1"%s>`, name, attr)
	}
	textField := func(name, value string) string {
		return fmt.Sprintf(`<input type="text" class="input-text" name="%s" value="%s" size="40">`, name, htmlEscape(value))
	}
	p.raw("<table class=\"tabForm\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\">\n")
	row(t.BackupEnabled, checkbox("backup_enabled", cfg.Enabled, false), t.BackupEnabledDesc)
	row(t.BackupDir, textField("backup_target_dir", cfg.TargetDir), "")
	row(t.MysqldumpPath, textField("backup_mysqldump_path", cfg.MysqldumpPath), "")
	row(t.DumpAvailable, checkbox("backup_dump_available", dumpAvailable, true), t.DumpAvailableDesc)
	if dumpAvailable {
		row(t.DumpEnabled, checkbox("backup_dump_enabled", !cfg.DumpDisabled, false), t.DumpEnabledDesc)
	}
	var sel strings.Builder
	sel.WriteString(`<select name="backup_zip_files_filter">`)
	for _, o := range [][2]string{{"none", t.FilterNone}, {"minimal", t.FilterMinimal}, {"maximal", t.FilterMaximal}, {"complete", t.FilterComplete}} {
		selected := ""
		if o[0] == cfg.FilesFilter {
			selected = " selected"
		}
		fmt.Fprintf(&sel, `<option value="%s"%s>%s</option>`, o[0], selected, htmlEscape(o[1]))
	}
	sel.WriteString("</select>")
	row(t.FilesFilter, sel.String(), t.FilesFilterDesc)
	p.raw("</table>\n")
	p.printf("<table class=\"tabForm\" width=\"100%%\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\">\n<tr><th align=\"left\" colspan=\"3\" class=\"dataLabel\"><h4 class=\"dataLabel\">%s</h4></th></tr>\n",
		htmlEscape(t.RemoteSyncOptions))
	row(t.RsyncPath, textField("backup_rsync_path", "/usr/bin/rsync"), "")
	row(t.RsyncAvailable, checkbox("backup_rsync_available", false, true), t.RsyncAvailableDesc)
	row(t.RsyncEnabled, checkbox("backup_rsync_enabled", false, false), t.RsyncEnabledDesc)
	row(t.RsyncTargetDir, textField("backup_rsync_target_dir", ""), t.RsyncTargetDirDesc)
	p.raw("</table>\n")
	s.writeBackupHistory(p, t, backups)
	backupButtons(p, t)
	p.raw("</form>\n")
	p.write(w)
}

// backupButtons are EditView.php's form buttons for the Backup layout.
func backupButtons(p *page, t *texts) {
	p.raw("<div class=\"formButtons\">\n")
	p.button("submit", "form-button", "icon-accept", t.SaveButton, "this.form.record_perform.value='save';")
	p.button("button", "form-button", "", t.RestoreButton,
		"if(confirm('Restore all settings to system defaults?')) { this.form.record_perform.value='restore'; this.form.submit(); }")
	p.button("button", "form-button", "", t.RecheckButton, "SUGAR.util.loadUrl('"+backupPageURL+"');")
	p.button("button", "form-button", "", t.RunBackup,
		"if(confirm('"+jsString(t.ConfirmRunBackup)+"')) { this.form.record_perform.value='runbackup'; this.form.submit(); }")
	p.button("button", "form-button", "icon-cancel", t.CancelButton, "return SUGAR.util.loadUrl('index.php?module=Administration&action=index');")
	p.raw("</div>\n")
}

// writeBackupHistory is BackupHistoryWidget: the ten newest backup_*
// files of the backup directory with their size, the newest in bold.
func (s *Server) writeBackupHistory(p *page, t *texts, backups []backupFile) {
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
	p.raw("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\" style=\"margin-top: 0.5em\" class=\"tabForm\" id=\"backup_history\">\n<thead>\n")
	p.printf("<tr>\n<th align=\"left\" colspan=\"4\" class=\"dataLabel\"><h4 class=\"dataLabel\">%s</h4></th>\n</tr>\n", htmlEscape(t.BackupHistory))
	if len(names) > 0 {
		p.printf("<tr><td class=\"dataLabel\" colspan=\"2\"><b>%s:</b></td></tr>\n", htmlEscape(strings.ReplaceAll(t.BackupLastBackups, "{NUM}", "10")))
	}
	p.raw("</thead>\n<tbody>\n")
	if len(names) == 0 {
		p.printf("<tr><td class=\"dataLabel\" colspan=\"2\">%s</td></tr>\n", htmlEscape(t.BackupNoFiles))
	}
	dir := strings.TrimRight(s.backupDir(), "/")
	for i, b := range names {
		style := ""
		if i == 0 {
			style = "font-weight: bold"
		}
		p.printf("<tr style=\"%s\">\n<td class=\"dataLabel\">%d. %s</td>\n<td class=\"dataLabel\">(%s)</td>\n</tr>\n",
			style, i+1, htmlEscape(dir+"/"+b.name), htmlEscape(formatSize(b.size)))
	}
	p.raw("</tbody>\n</table>\n")
}
