package steps

import (
	"fmt"
	"strings"

	"github.com/visual4/1crm-update/steps/clock"
	"github.com/visual4/1crm-update/steps/text"
)

// renderReport is the W9 support report. It only reads the state, which
// never holds a secret (journal.Set refuses them).
// mail == nil leaves the "message to the partner" section out (the report
// inside the finish mail).
// outcome (one of text.Outcome*) heads the report, so its first lines
// already say what really happened.
func renderReport(tx text.Texts, st *runState, mail *Mail, cd Countdown, ri RestoreImpact, outcome string, ostage Stage) string {
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	kv := func(key, val string) {
		if val != "" {
			line("- %s: %s", tx.Label(key), val)
		}
	}
	line("# %s", tx.ReportTitle())
	line("")
	line("%s", tx.ReportRun(st.RunID, st.Started))
	line("")
	line("**%s**", tx.OutcomeLine(outcome, tx.StageName(string(ostage))))
	line("")

	line("## %s", tx.ReportSectionInstance())
	kv("url", st.LiveURL)
	// The test system belongs to path A only (R7): on path B it was never
	// touched, so neither its address nor its versions are listed.
	withTest := st.Path == PathA
	if withTest {
		kv("test_url", st.TestURL)
	}
	if st.Preflight != nil {
		kv("edition", tx.EditionName(string(st.Preflight.Edition)))
	}
	kv("deployment", tx.DeploymentName(string(st.Deployment)))
	kv("path", tx.PathName(string(st.Path)))
	kv("user", st.User)
	for _, s := range []Stage{StageTest, StageLive} {
		ss := st.stage(s)
		if (s == StageTest && !withTest) || (ss.VersionBefore == "" && ss.VersionAfter == "") {
			continue
		}
		line("- %s: %s %s → %s %s", tx.StageHead(string(s)), tx.LabelInline("version_before"), orDash(ss.VersionBefore),
			tx.LabelInline("version_after"), orDash(ss.VersionAfter))
	}
	if st.Insecure {
		line("- %s", tx.Label("insecure"))
	}
	kv("wizard", st.Wizard)
	line("")

	line("## %s", tx.ReportSectionPackage())
	if p := st.Package; p != nil {
		kv("file", p.FileName)
		kv("name", p.Name)
		kv("version", p.Version)
		kv("type", p.Type)
		kv("size", tx.Size(p.Size))
		line("- SHA-256: `%s`", p.SHA256)
	} else {
		line("%s", tx.ReportNone())
	}
	line("")

	line("## %s", tx.ReportSectionBackup())
	some := false
	for _, s := range []Stage{StageTest, StageLive} {
		bi := st.stage(s).Backup
		if bi == nil {
			continue
		}
		some = true
		if bi.Skipped {
			line("- %s: %s (%s)", tx.StageHead(string(s)), tx.LabelInline("skipped"), bi.Reason)
			continue
		}
		if bi.Entry == nil {
			// Made by hand where the history could not be read (issue 10).
			line("- %s", tx.ManualLine(string(ManualBackup), tx.StageName(string(s)), "", text.ManualConfirmed, "", bi.Reason))
			continue
		}
		e := bi.Entry
		when := ""
		if !e.Time.IsZero() {
			when = tx.DateTime(e.Time)
		}
		line("- %s: %s, %s %s, %s %s", tx.StageHead(string(s)), e.Name, tx.LabelInline("time"), orDash(when), tx.LabelInline("size"), orDash(backupSizeText(tx, e.Size, e.SizeBytes)))
		if bi.DumpWarn {
			line("  - %s", tx.BackupDumpMissing())
		}
		for _, l := range backupCheckReport(tx, bi) {
			line("  - %s", l)
		}
	}
	if !some {
		line("%s", tx.ReportNone())
	}
	line("")

	line("## %s", tx.ReportSectionSteps())
	line("| %s | %s | %s | %s |", tx.Label("time"), tx.Label("step"), tx.Label("status"), tx.Label("result"))
	line("|---|---|---|---|")
	for _, r := range st.Steps {
		name := tx.StepName(string(r.Step))
		if r.Stage != "" {
			name += " – " + tx.StageName(string(r.Stage))
		}
		status := "OK"
		if r.Ended.IsZero() {
			status = "…"
		}
		if r.Error != "" {
			status = tx.LevelName(string(LevelBlock))
		}
		detail := describeRecord(tx, st, r)
		if r.Error != "" {
			detail = r.Error
		}
		when := tx.DateTime(r.Started)
		if !r.Ended.IsZero() && !r.Ended.Equal(r.Started) {
			when += "–" + tx.Clock(r.Ended)
			if !clock.SameDay(r.Started, r.Ended) {
				when = tx.DateTime(r.Started) + "–" + tx.DateTime(r.Ended)
			}
		}
		line("| %s | %s | %s | %s |", when, name, status, mdCell(detail))
	}
	line("")

	for _, s := range []Stage{StageTest, StageLive} {
		ss := st.stage(s)
		if ss.Smoke == nil {
			continue
		}
		line("## %s (%s)", tx.ReportSectionSmoke(), tx.StageName(string(s)))
		for _, c := range ss.Smoke.Checks {
			line("- [%s] %s", tx.LevelName(string(c.Level)), c.Title)
		}
		line("")
	}
	for _, s := range []Stage{StageTest, StageLive} {
		ss := st.stage(s)
		if ss.Checklist == nil {
			continue
		}
		line("## %s (%s)", tx.ReportSectionChecklist(), tx.StageName(string(s)))
		for _, it := range itemsOf(ss.Checklist) {
			note := ""
			if it.Note != "" {
				note = " – " + it.Note
			}
			line("- [%s] %s%s", tx.AnswerName(it.Status), it.Title, note)
		}
		line("")
	}

	if st.Path == PathB {
		line("## %s", tx.ReportSectionDeadlines())
		if !st.Live.InstalledAt.IsZero() {
			line("- %s", cd.Line)
		}
		if st.LateOverride != "" {
			line("- %s", tx.StartOverridden(st.LateOverride))
		}
		line("- %s: %s", tx.ReportServerRestore(), ri.Stated)
		line("")
	}

	writeManualSections(&b, tx, st)

	line("## %s", tx.ReportSectionErrors())
	if len(st.Errors) == 0 {
		line("%s", tx.ReportNone())
	}
	for _, e := range st.Errors {
		line("- %s %s: %s", tx.DateTime(e.At), tx.StepName(string(e.Step)), e.Text)
	}
	line("")

	// The technical side of the errors (Go error chain, 1CRM's page text)
	// for the partner; English is fine here, user text never carries it.
	tech := false
	for _, e := range st.Errors {
		if strings.TrimSpace(e.Detail) == "" {
			continue
		}
		if !tech {
			line("## %s", tx.ReportSectionTechnical())
			tech = true
		}
		line("- %s %s:", tx.DateTime(e.At), tx.StepName(string(e.Step)))
		line("")
		line("    %s", strings.ReplaceAll(strings.TrimSpace(e.Detail), "\n", "\n    "))
		line("")
	}

	line("## %s", tx.ReportSectionNotes())
	if st.Preflight != nil {
		for _, v := range st.Preflight.Verdicts {
			line("- [%s] %s %s: %s", v.Rule, tx.LevelName(string(v.Level)), v.Title, v.Detail)
		}
	}
	if st.Package != nil {
		for _, v := range st.Package.Verdicts {
			line("- [%s] %s %s: %s", v.Rule, tx.LevelName(string(v.Level)), v.Title, v.Detail)
		}
	}
	for _, n := range st.Notices {
		line("- %s", n)
	}
	line("")

	if mail == nil {
		return b.String()
	}
	line("## %s", tx.ReportSectionMail())
	line("- %s: %s", tx.Label("to"), mail.To)
	line("- %s: %s", tx.Label("subject"), mail.Subject)
	line("- %s: <%s>", tx.Label("mailto"), mail.MailtoURL)
	line("")
	line("```")
	b.WriteString(mail.Body)
	if !strings.HasSuffix(mail.Body, "\n") {
		b.WriteString("\n")
	}
	line("```")
	return b.String()
}

func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}
