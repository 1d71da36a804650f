package text

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// W10: both languages name every step, stage and label, in their own words.
func TestTables_W10_complete(t *testing.T) {
	steps := []string{"connect", "preflight", "package", "path", "refresh_request", "parity", "time_guard",
		"backup", "install", "smoke", "checklist", "go_live", "problems", "done"}
	labels := []string{"url", "test_url", "edition", "deployment", "version_before", "version_after", "path", "user",
		"insecure", "file", "size", "name", "version", "type", "time", "skipped", "mailto", "wizard", "status", "step", "result"}
	for _, id := range steps {
		de, en := DE.StepName(id), EN.StepName(id)
		if de == id || en == id || de == en {
			t.Errorf("step %q: de=%q en=%q", id, de, en)
		}
	}
	for _, k := range labels {
		if DE.Label(k) == k || EN.Label(k) == "" {
			t.Errorf("label %q untranslated: de=%q en=%q", k, DE.Label(k), EN.Label(k))
		}
	}
	if For("") != DE || For("C") != DE || For("en") != EN || For("en_US.UTF-8") != EN {
		t.Error("W10: language choice")
	}
}

func TestDuration_hoursMinutes(t *testing.T) {
	cases := map[time.Duration]string{
		2*time.Hour + 10*time.Minute: "2 h 10 min",
		45 * time.Minute:             "45 min",
		3 * time.Hour:                "3 h",
		-30 * time.Minute:            "-30 min",
	}
	for d, want := range cases {
		if got := EN.Duration(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
	if !strings.Contains(DE.Duration(90*time.Minute), "Std.") {
		t.Error("German duration units")
	}
}

// TestTables_W10_everyText: every text exists in both languages and is
// not left untranslated (a few are the same in both by nature).
func TestTables_W10_everyText(t *testing.T) {
	// Codes pass through unknown ids ("x"); "Backup" and "Info" are German words too.
	same := map[string]bool{"Clock": true, "EditionName": true, "ReportNone": true, "Label": true, "LabelInline": true, "StageHead": true, "LevelName": true,
		"ReportSectionBackup": true, "StageName": true, "StepName": true,
		// Hand-over texts by code and kind are checked code by code in
		// TestHandoverTexts_W10 (lists have no string form here).
		"HandoverFound": true, "HandoverNotYet": true, "HandoverSteps": true, "HandoverLookFor": true, "ManualActionName": true}
	at := time.Date(2026, 11, 24, 14, 0, 0, 0, time.UTC)
	arg := func(typ reflect.Type) reflect.Value {
		switch typ {
		case reflect.TypeOf(time.Time{}):
			return reflect.ValueOf(at)
		case reflect.TypeOf(time.Duration(0)):
			return reflect.ValueOf(90 * time.Minute)
		case reflect.TypeOf([]string(nil)):
			return reflect.ValueOf([]string{"x", "y"})
		case reflect.TypeOf(OwnBackup{}):
			return reflect.ValueOf(OwnBackup{Confirmed: true, Note: "x"})
		case reflect.TypeOf(HandoverFacts{}):
			return reflect.ValueOf(HandoverFacts{File: "f.zip", Package: "P 1.0", Version: "1.0"})
		}
		switch typ.Kind() {
		case reflect.String:
			return reflect.ValueOf("x").Convert(typ)
		case reflect.Int:
			return reflect.ValueOf(3)
		case reflect.Int64:
			return reflect.ValueOf(int64(2 << 20))
		case reflect.Bool:
			return reflect.ValueOf(true)
		}
		t.Fatalf("no sample for %v", typ)
		return reflect.Value{}
	}
	de, en := reflect.ValueOf(DE), reflect.ValueOf(EN)
	typ := reflect.TypeOf((*Texts)(nil)).Elem()
	for i := 0; i < typ.NumMethod(); i++ {
		m := typ.Method(i)
		var args []reflect.Value
		for k := 0; k < m.Type.NumIn(); k++ {
			args = append(args, arg(m.Type.In(k)))
		}
		d := de.MethodByName(m.Name).Call(args)[0].String()
		e := en.MethodByName(m.Name).Call(args)[0].String()
		if strings.TrimSpace(d) == "" || strings.TrimSpace(e) == "" {
			t.Errorf("%s: empty text (de %q, en %q)", m.Name, d, e)
		}
		if d == e && !same[m.Name] {
			t.Errorf("%s: the same in both languages: %q", m.Name, d)
		}
	}
}

// TestHandoverTexts_W10: every hand-over kind has instructions and
// something to look for, every cause a reason and every check result a
// sentence, in both languages and in their own words (issue 10).
func TestHandoverTexts_W10(t *testing.T) {
	f := HandoverFacts{File: "/tmp/8.7.7-patch.zip", Package: "1CRM 8.7.7 Update", Version: "8.7.7", Core: true,
		UpgradeURL: "https://crm.example.com/upgrade.php", Support: "support@visual4.de", Since: "09:12", Offered: "8.7.7"}
	for _, k := range []string{KindDownload, KindBackup, KindUpload, KindInstallAll, KindPrepareInstall, KindFinishUpgrade, KindInstallHosted} {
		for _, get := range []func(Texts) []string{
			func(tx Texts) []string { return tx.HandoverSteps(k, f) },
			func(tx Texts) []string { return tx.HandoverLookFor(k, f) },
		} {
			d, e := get(DE), get(EN)
			if len(d) == 0 || len(d) != len(e) || strings.Join(d, "") == strings.Join(e, "") {
				t.Errorf("kind %s: de %q en %q", k, d, e)
			}
		}
	}
	for _, c := range []string{CauseRequested, CausePageChanged, CauseServerError, CauseCaptcha, CauseNeedsBrowser,
		CauseUploadDisabled, CauseRedirectedHome, CauseDownloadUnusable, CauseSourceUnknown} {
		if d, e := DE.HandoverReason(c, "uwizard", "x"), EN.HandoverReason(c, "uwizard", "x"); d == e || d == "" {
			t.Errorf("cause %s: %q / %q", c, d, e)
		}
	}
	for _, c := range []string{FoundBackup, FoundUploaded, FoundInstalled, FoundVersion, FoundLockGone, FoundPackage} {
		if d, e := DE.HandoverFound(c, "x"), EN.HandoverFound(c, "x"); d == e || d == "x" {
			t.Errorf("found %s: %q / %q", c, d, e)
		}
	}
	for _, c := range []string{NotYetBackup, NotYetHistoryUnreadable, NotYetBackupsUnknown, NotYetUploaded, NotYetListUnreadable,
		NotYetInstalled, NotYetVersion, NotYetVersionUnreadable, NotYetLockSet, NotYetLockUnreadable, NotYetNoFile, NotYetBadPackage} {
		if d, e := DE.HandoverNotYet(c, "x"), EN.HandoverNotYet(c, "x"); d == e || d == "x" {
			t.Errorf("not yet %s: %q / %q", c, d, e)
		}
	}
	for _, a := range []string{"download", "backup", "upload", "prepare", "install"} {
		if d, e := DE.ManualActionName(a), EN.ManualActionName(a); d == a || d == e {
			t.Errorf("action %s: %q / %q", a, d, e)
		}
	}
	// German texts use proper umlauts, never ae/oe/ue spellings.
	all := strings.Join(DE.HandoverSteps(KindInstallAll, f), " ") + DE.HandoverReason(CausePageChanged, "p", "")
	for _, bad := range []string{"ueber", "fuer", "Pruef", "koennen"} {
		if strings.Contains(all, bad) {
			t.Errorf("German text spells %q without umlaut", bad)
		}
	}
}

// The backup hand-over says "otherwise click Perform Backup" only after
// "first look for the backup the wizard asked for" (Since known).
func TestBackupHandoverStepsFollowEachOther(t *testing.T) {
	for _, tx := range []Texts{For("de"), For("en")} {
		without := strings.Join(tx.HandoverSteps(KindBackup, HandoverFacts{}), "\n")
		with := strings.Join(tx.HandoverSteps(KindBackup, HandoverFacts{Since: "10:02"}), "\n")
		for _, otherwise := range []string{"Otherwise", "Sonst"} {
			if strings.Contains(without, otherwise) {
				t.Errorf("%s: %q without the step it refers to:\n%s", tx.Lang(), otherwise, without)
			}
		}
		if !strings.Contains(with, "10:02") || (!strings.Contains(with, "Otherwise") && !strings.Contains(with, "Sonst")) {
			t.Errorf("%s: with the time:\n%s", tx.Lang(), with)
		}
	}
}

// W9: every outcome has its own result line and subject in both
// languages; an unknown result never reads as a failure ("fehlgeschlagen",
// "nicht möglich", "failed", "not possible") – the admin would redo a
// backup that exists or restore a healthy system.
func TestOutcomes_W9_ownWordsUnknownIsNotFailed(t *testing.T) {
	all := []string{OutcomeSuccess, OutcomeProblems, OutcomeInstallFailed, OutcomeInstallUnknown,
		OutcomeBackupFailed, OutcomeBackupUnknown, OutcomeBlocked, OutcomeAborted}
	for _, tx := range []Texts{DE, EN} {
		lines, subjects := map[string]string{}, map[string]string{}
		for _, o := range all {
			l, s := tx.OutcomeLine(o, "Live"), tx.OutcomeSubject(o, "https://crm.example", "8.7.6", "8.7.7")
			if prev, dup := lines[l]; dup {
				t.Errorf("%s and %s share the line %q", prev, o, l)
			}
			if prev, dup := subjects[s]; dup {
				t.Errorf("%s and %s share the subject %q", prev, o, s)
			}
			lines[l], subjects[s] = o, o
		}
		for _, o := range []string{OutcomeInstallUnknown, OutcomeBackupUnknown} {
			for _, s := range []string{tx.OutcomeLine(o, "Live"), tx.OutcomeSubject(o, "u", "1", "2")} {
				for _, bad := range []string{"fehlgeschlagen", "nicht möglich", "failed", "not possible"} {
					if strings.Contains(s, bad) {
						t.Errorf("%s says %q: %q", o, bad, s)
					}
				}
			}
		}
		wantIn := func(what, s string, subs ...string) {
			for _, sub := range subs {
				if !strings.Contains(s, sub) {
					t.Errorf("%s lacks %q: %q", what, sub, s)
				}
			}
		}
		wantIn("backup advice", tx.BackupUnknownAdvice("https://crm.example/index.php?layout=Backup"),
			"Administration › Backup Management", "https://crm.example/index.php?layout=Backup")
		wantIn("install advice", tx.InstallUnknownAdvice("Live", "https://crm.example/"),
			"https://crm.example/api.php/version", "Upgrades & Customization", "Installed Packages", "https://crm.example/upgrade.php")
	}
}

// W9: the install mails name the package once, readably, whatever its
// label says itself ("1CRM 8.7.7 Update" must not become "the 1CRM update
// 1CRM 8.7.7 Update"); without a label they speak of the 1CRM update.
func TestInstallIntros_W9_packageNamedOnce(t *testing.T) {
	for _, tx := range []Texts{DE, EN} {
		for _, label := range []string{"1CRM 8.7.7 Update", "8.7.7-InfoAtHand-patch", "", "–"} {
			for name, intro := range map[string]string{
				"failed":  tx.InstallFailedIntro(tx.StageName("live"), "https://crm.example", "8.7.6", label, 2, 3),
				"unknown": tx.InstallUnknownIntro(tx.StageName("live"), "https://crm.example", "8.7.6", label, 2, 3),
			} {
				for _, doubled := range []string{"1CRM-Updates 1CRM", "1CRM update 1CRM", "„–“", "“–”", "  "} {
					if strings.Contains(intro, doubled) {
						t.Errorf("%s %s %q: %q in %q", tx.Lang(), name, label, doubled, intro)
					}
				}
				if label != "" && label != "–" && strings.Count(intro, label) != 1 {
					t.Errorf("%s %s: package %q not named once: %q", tx.Lang(), name, label, intro)
				}
			}
		}
	}
}
