package crmclient

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// Backup Management page (spec §4, 7.x forms): the only place that knows
// its shape. The settings come from the form fields by name; the history
// from the "Backup History" section, each entry recognised by its
// backup_YYYYMMDD_HHMMSS.zip file name.

const backupQuery = "module=Configurator&action=EditView&layout=Backup"

var (
	backupHistoryTitles = []string{"backup history", "backup-verlauf", "backupverlauf", "sicherungsverlauf",
		"backup-historie", "letzte 10", "last 10 backups"}
	reBackupName = regexp.MustCompile(`backup_(\d{8})_(\d{6})\.zip`)
	reBackupPath = regexp.MustCompile(`(\S*backup_\d{8}_\d{6}\.zip)`)
	reSize       = regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)\s*(bytes?|b|kb|kib|mb|mib|gb|gib|tb|tib)\b`)
)

// backupForm returns the form that holds the backup settings.
func backupForm(p *page) *goquery.Selection {
	in := p.doc.Find(`[name="backup_target_dir"],[name="backup_zip_files_filter"],[name="backup_enabled"]`).First()
	if in.Length() == 0 {
		return nil
	}
	if fs := in.Closest("form"); fs.Length() > 0 {
		return fs
	}
	return nil
}

func parseBackup(p *page) (*BackupPage, *goquery.Selection, error) {
	fs := backupForm(p)
	if fs == nil {
		return nil, nil, notAdminOrChanged(p, "backup", "backup settings form (backup_target_dir)")
	}
	bp := &BackupPage{}
	s := &bp.Settings
	s.Enabled = checkboxOn(fs, "backup_enabled")
	s.TargetDir = fieldValue(fs, "backup_target_dir")
	s.MysqldumpPath = fieldValue(fs, "backup_mysqldump_path")
	s.DumpEnabled = checkboxOn(fs, "backup_dump_enabled")
	s.DumpAvailable = readOnlyFlag(fs, "backup_dump_available")
	if fs.Find(`[name="backup_dump_available"]`).Length() == 0 {
		s.DumpAvailable = s.DumpEnabled // field absent: no evidence against it
	}
	s.FilesFilter = fieldValue(fs, "backup_zip_files_filter")
	bp.History = backupHistory(p)
	return bp, fs, nil
}

// readOnlyFlag reads a flag the form only displays (spec §4:
// backup_dump_available). Rendered as a (disabled) checkbox, its checked
// state decides, not its value; rendered as a hidden or text field, its value.
func readOnlyFlag(fs *goquery.Selection, name string) bool {
	boxes := fs.Find(`[name="` + name + `"]`).FilterFunction(func(_ int, in *goquery.Selection) bool {
		t := strings.ToLower(in.AttrOr("type", ""))
		return t == "checkbox" || t == "radio"
	})
	if boxes.Length() > 0 {
		return checkboxOn(fs, name)
	}
	return boolText(fieldValue(fs, name))
}

func checkboxOn(fs *goquery.Selection, name string) bool {
	on := false
	fs.Find(`[name="` + name + `"]`).Each(func(_ int, in *goquery.Selection) {
		switch strings.ToLower(in.AttrOr("type", "")) {
		case "checkbox", "radio":
			if _, ok := in.Attr("checked"); ok {
				on = boolText(in.AttrOr("value", "on"))
			}
		case "hidden":
			// a hidden companion ("0") of a checkbox does not decide
		default:
			if goquery.NodeName(in) == "select" {
				on = boolText(selectedValue(in))
			} else {
				on = boolText(in.AttrOr("value", ""))
			}
		}
	})
	return on
}

func boolText(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "on", "yes", "true", "ja", "y":
		return true
	}
	return false
}

func fieldValue(fs *goquery.Selection, name string) string {
	v := ""
	fs.Find(`[name="` + name + `"]`).EachWithBreak(func(_ int, in *goquery.Selection) bool {
		switch goquery.NodeName(in) {
		case "select":
			v = selectedValue(in)
		case "textarea":
			v = in.Text()
		default:
			v = in.AttrOr("value", "")
		}
		return v == ""
	})
	return strings.TrimSpace(v)
}

func selectedValue(sel *goquery.Selection) string {
	opt := sel.Find("option[selected]").First()
	if opt.Length() == 0 {
		opt = sel.Find("option").First()
	}
	if v, ok := opt.Attr("value"); ok {
		return v
	}
	return clean(opt)
}

// backupHistory reads the entries of the history section (the whole page
// when no section title is found): each line that names a
// backup_YYYYMMDD_HHMMSS.zip, with the size as rendered.
func backupHistory(p *page) []BackupEntry {
	scope := p.doc.Selection
	if lab := findLabelled(p.doc, backupHistoryTitles...); lab != nil {
		// The section: the label's following siblings, or its container.
		box := lab.Parent()
		for box.Length() > 0 && !strings.Contains(clean(box), "backup_") && goquery.NodeName(box) != "body" {
			box = box.Parent()
		}
		if box.Length() > 0 {
			scope = box
		}
	}
	var out []BackupEntry
	seen := map[string]bool{}
	scope.Find("tr,li,p,div").Each(func(_ int, s *goquery.Selection) {
		if s.Find("tr,li,p,div").Length() > 0 {
			return // only the innermost blocks are entries
		}
		t := clean(s)
		m := reBackupPath.FindStringSubmatch(t)
		if m == nil || seen[m[1]] {
			return
		}
		seen[m[1]] = true
		e := BackupEntry{Path: m[1]}
		nm := reBackupName.FindStringSubmatch(m[1])
		e.Name = nm[0]
		if tm, err := time.Parse("20060102150405", nm[1]+nm[2]); err == nil {
			e.Time = tm
		}
		rest := strings.Replace(t, m[1], " ", 1)
		if sm := reSize.FindStringSubmatch(rest); sm != nil {
			e.Size = strings.TrimSpace(sm[0])
			e.SizeBytes = sizeBytes(sm[1], sm[2])
		}
		out = append(out, e)
	})
	return out
}

// sizeBytes turns "152.3 MB" (or "152,3 MB") into bytes, 1024-based as
// PHP size helpers render it.
func sizeBytes(num, unit string) int64 {
	f, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
	if err != nil {
		return 0
	}
	mult := 1.0
	switch strings.ToLower(unit) {
	case "kb", "kib":
		mult = 1 << 10
	case "mb", "mib":
		mult = 1 << 20
	case "gb", "gib":
		mult = 1 << 30
	case "tb", "tib":
		mult = 1 << 40
	}
	return int64(f * mult)
}
