package steps

import (
	"context"
	"errors"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/visual4/1crm-update/steps/clock"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// The run history in words (W8 resume summary, W9 report). A step record
// keeps its evidence as codes ("name=backup_….zip&size=12.3 KB"), which the
// journal may hold in any language; describeRecord words it in the run's
// language at display time. Records from an older journal, whose result is
// plain text, are shown as they are.

// facts encodes evidence as key=value codes; empty values are left out.
func facts(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], redact(kv[i+1]))
		}
	}
	return v.Encode()
}

// parseFacts decodes facts; ok is false for a plain-text result.
func parseFacts(s string) (url.Values, bool) {
	if !strings.Contains(s, "=") {
		return nil, false
	}
	v, err := url.ParseQuery(s)
	if err != nil {
		return nil, false
	}
	return v, true
}

// describeRecord says what one finished record did, with its evidence.
func describeRecord(tx text.Texts, st *runState, r StepRecord) string {
	f, coded := parseFacts(r.Result)
	if !coded {
		f = url.Values{}
	}
	ev := ""
	switch r.Action {
	case "preflight":
		if coded {
			ev = strings.TrimSpace(tx.EditionName(f.Get("edition")) + " " + f.Get("version"))
			if f.Get("blocked") == "true" {
				ev += " – " + tx.LevelName(string(LevelBlock))
			}
		}
	case "deployment":
		if coded {
			ev = tx.DeploymentName(f.Get("deployment"))
		}
	case "path":
		if coded {
			ev = tx.PathName(f.Get("path"))
		}
	case "version_stated":
		ev = f.Get("version")
	case "check_file", "check_download", "check_manual", "download":
		ev = f.Get("file")
		if sha := f.Get("sha256"); sha != "" {
			ev += ", SHA-256 " + sha
		}
	case "start":
		if coded {
			left, _ := time.ParseDuration(f.Get("left"))
			ev = tx.StartAccepted(startCase(f.Get("case"), f.Get("level"), f.Get("weekend") == "true", left), left)
		}
	case "pause":
		if t, err := time.Parse(time.RFC3339, f.Get("until")); err == nil {
			ev = tx.DateTime(t)
		}
	case "backup", "backup_reconciled":
		if coded {
			size := backupSize(tx, st, r.Stage, f.Get("name"))
			if size == "" {
				size = f.Get("size")
			}
			ev = backupEvidenceText(f.Get("name"), size)
		} else {
			ev = backupEvidenceText(r.Result, backupSize(tx, st, r.Stage, r.Result))
		}
	case "upload", "upload_reconciled":
		ev = f.Get("file")
		if n := tx.RecordNote(f.Get("note")); f.Get("note") == "reused" || f.Get("note") == "already_installed" {
			ev += " (" + n + ")"
		}
	case "prepare", "prepare_again":
		if coded {
			ev = tx.PhaseName(f.Get("phase"))
		}
	case "accept_warnings":
		if coded {
			ev = f.Get("confirm")
			if x := f.Get("extensions"); x != "" {
				ev += " (" + x + ")"
			}
			if p := f.Get("phase"); p != "" {
				ev += " → " + tx.PhaseName(p)
			}
		}
	case "install", "install_reconciled", "install_resumed":
		if coded {
			ev = f.Get("name")
			if v := f.Get("version"); v != "" {
				ev += ", " + tx.LabelInline("version") + " " + v
			}
			if f.Get("note") == "already_installed" {
				ev += " (" + tx.RecordNote("already_installed") + ")"
			}
		}
	case "manual_offered", "manual_verified", "manual_confirmed", "manual_cancelled":
		if coded {
			ev = tx.ManualActionName(f.Get("action"))
			if e := f.Get("evidence"); e != "" {
				ev += ": " + e
			}
			if n := f.Get("note"); n != "" {
				ev += " – " + n
			}
		}
	case "smoke":
		if coded {
			ok, _ := strconv.Atoi(f.Get("ok"))
			warn, _ := strconv.Atoi(f.Get("warn"))
			failed, _ := strconv.Atoi(f.Get("failed"))
			ev = tx.SmokeCounts(ok, warn, failed)
		}
	case "checklist":
		if coded {
			p, _ := strconv.Atoi(f.Get("passed"))
			pr, _ := strconv.Atoi(f.Get("problems"))
			na, _ := strconv.Atoi(f.Get("na"))
			ev = tx.ChecklistCounts(p, pr, na)
		}
	default:
		if coded {
			ev = strings.TrimSpace(f.Get("reason") + " " + f.Get("note") + " " + f.Get("to"))
		} else {
			ev = r.Result // an older journal's plain text
		}
	}
	return tx.Did(r.Action, ev)
}

// backupEvidenceText is "backup_….zip (12.3 KB)".
func backupEvidenceText(name, size string) string {
	name = path.Base(name)
	if name == "." || name == "/" {
		name = ""
	}
	if size != "" && name != "" {
		return name + " (" + size + ")"
	}
	return name
}

// backupSize finds the size of a backup the run made (old plain records).
func backupSize(tx text.Texts, st *runState, s Stage, name string) string {
	if b := st.stage(s).Backup; b != nil && b.Entry != nil && b.Entry.Name == name {
		return backupSizeText(tx, b.Entry.Size, b.Entry.SizeBytes)
	}
	return ""
}

// backupSizeText is a backup's size in the run's format (text.Size) when
// the byte count is known, else as 1CRM rendered it.
func backupSizeText(tx text.Texts, rendered string, n int64) string {
	if n > 0 {
		return tx.Size(n)
	}
	return rendered
}

// summaryLine is one "done" line of the resume summary: the description
// and, for a record about one instance, which one.
func summaryLine(tx text.Texts, st *runState, r StepRecord) string {
	s := describeRecord(tx, st, r)
	if r.Stage != "" {
		s += " – " + tx.StageName(string(r.Stage))
	}
	return s
}

// unconfirmedLines words the journal's pending actions (W8): started,
// never confirmed, reconciled with the server on the next Connect.
func unconfirmedLines(tx text.Texts, pending []journal.Entry) []string {
	var out []string
	for _, e := range pending {
		name, stage, _ := strings.Cut(e.Action, ":")
		st := ""
		if stage != "" {
			st = tx.StageName(stage)
		}
		out = append(out, tx.Unconfirmed(name, st))
	}
	return out
}

// cancelled reports whether err is the admin's own cancel (Ctrl-C), which
// the history shows as an interruption, not as an error of the server.
func cancelled(err error) bool {
	return errors.Is(err, context.Canceled)
}

// startCase is the W3 case a "start" record names; records written before
// the case was kept are judged from their level, weekend flag and the time
// left (against the default margin).
func startCase(recorded, level string, weekend bool, left time.Duration) string {
	if recorded != "" || level == "" {
		return recorded
	}
	late := level == string(StartWarn) && (!weekend || left < clock.DefaultMargin)
	return string(clock.CaseOf(weekend, late, level == string(StartRefuse)))
}
