package page

import (
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
)

// factValue is the value of the fact labelled label on p.
func factValue(p Page, label string) (string, bool) {
	for _, b := range p.Blocks {
		if f, ok := b.(Fact); ok && f.Label == label {
			return f.Value, true
		}
	}
	return "", false
}

// One size format per language (issue 10 item 4): the backup screen shows
// the backup's size as the report does ("143,1 MiB"), not 1CRM's rendered
// "143.1 MB" — which stays only when the bytes are unknown; the package
// screen uses the same formatter.
func TestSizesInTheRunsLanguage(t *testing.T) {
	const n = 150_052_454 // 143.1 MiB
	for _, lang := range []string{"de", "en"} {
		ui := NewUI(lang)
		want := steptext.For(lang).Size(n) // what the report says (steps/report_render.go)
		if lang == "de" && want != "143,1 MiB" || lang == "en" && want != "143.1 MiB" {
			t.Fatalf("%s: steps formats %q", lang, want)
		}
		made := func(e *crmclient.BackupEntry) Page {
			s := steps.Snapshot{Next: steps.StepBackup, Path: steps.PathB, Stage: steps.StageLive,
				Backups: []steps.BackupInfo{{Stage: steps.StageLive, Entry: e}}}
			v := &Visit{Step: steps.StepBackup}
			v.set("made", true)
			return Build(s, ui, v)
		}
		got, ok := factValue(made(&crmclient.BackupEntry{Name: "backup_x.zip", Size: "143.1 MB", SizeBytes: n}), ui.T.PackageSize())
		if !ok || got != want {
			t.Errorf("%s: backup size %q, want %q", lang, got, want)
		}
		got, _ = factValue(made(&crmclient.BackupEntry{Name: "backup_x.zip", Size: "143.1 MB"}), ui.T.PackageSize())
		if got != "143.1 MB" {
			t.Errorf("%s: without bytes 1CRM's text is all there is, got %q", lang, got)
		}
		if _, ok := factValue(made(&crmclient.BackupEntry{Name: "backup_x.zip"}), ui.T.PackageSize()); ok {
			t.Errorf("%s: a size line without a size", lang)
		}
		checked := &Visit{Step: steps.StepPackage}
		checked.set("checked", true)
		pkg := Build(steps.Snapshot{Next: steps.StepPackage, Package: &steps.PackageCheck{FileName: "u.zip", Size: n, OK: true}}, ui, checked)
		if got, _ := factValue(pkg, ui.T.PackageSize()); got != want {
			t.Errorf("%s: package size %q, want %q", lang, got, want)
		}
		if got := ui.T.Of(n/2, n); got != steptext.For(lang).Size(n/2)+map[string]string{"de": " von ", "en": " of "}[lang]+want {
			t.Errorf("%s: progress %q", lang, got)
		}
	}
}
