package steps

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/text"
)

// Findings of the user acceptance run, one test each.

// The deployment question (R2, R3, spec §8) has a title of its own, not
// the "not confirmed" of an unknown deployment.
func TestDeploymentVerdict_R2_R3_hasTitle(t *testing.T) {
	for _, tx := range []text.Texts{text.DE, text.EN} {
		w := bareWizard(nil, &runState{})
		w.tx = tx
		p := &Preflight{Edition: crmclient.EditionStartup, Version: "8.7.6", VersionSource: VersionFromAPI,
			NeedsDeployment: true, DeploymentGuess: DeploymentCloud}
		w.judge(p)
		found := false
		for _, v := range p.Verdicts {
			if v.Rule == "R2,R3" {
				found = true
				if v.Title != tx.DeploymentTitle() || v.Title == tx.DeploymentName("") {
					t.Errorf("%s: deployment verdict title %q", tx.Lang(), v.Title)
				}
			}
		}
		if !found {
			t.Errorf("%s: no deployment question", tx.Lang())
		}
	}
}

// W8: after Ctrl-C during the install the resume summary says in words
// what was done (with evidence) and lists the install as started but not
// confirmed — never as done.
func TestResumeSummary_W8_cancelledInstallIsUnconfirmed(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	dir := t.TempDir()
	w := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = live.URL })
	must(t, w.StartNew())
	w.Attach(newClient(t, live.URL, clk.Now), nil)
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepInstall)
	must(t, w.Upload(ctx, nil))
	_, err := w.Prepare(ctx)
	must(t, err)
	_, err = w.AcceptWarnings(ctx)
	must(t, err)
	cctx, cancel := context.WithCancel(ctx)
	if err := w.Install(cctx, func(p crmclient.InstallProgress) {
		if p.Step == 2 {
			cancel()
		}
	}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancel: %v", err)
	}
	backup := w.Snapshot().Backups[0].Entry
	must(t, w.Close())

	w2 := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = live.URL })
	sum := w2.Unfinished()
	if sum == nil {
		t.Fatal("no unfinished run")
	}
	done := strings.Join(sum.Done, "\n")
	if !strings.Contains(done, "Backup "+backup.Name+" ("+text.DE.Size(backup.SizeBytes)+") erstellt") {
		t.Errorf("backup without its evidence:\n%s", done)
	}
	for _, bad := range []string{": install", "Installiert", "level=", "phase=", "Vermerk"} {
		if strings.Contains(done, bad) {
			t.Errorf("done list holds %q:\n%s", bad, done)
		}
	}
	if sum.Pending != "install:live" || len(sum.Unconfirmed) != 1 ||
		sum.Unconfirmed[0] != text.DE.Unconfirmed("install", text.DE.StageName("live")) {
		t.Errorf("pending %q unconfirmed %q", sum.Pending, sum.Unconfirmed)
	}
	// The cancel is an interruption, not an error of the server.
	must(t, w2.Resume())
	for _, e := range w2.Snapshot().Errors {
		if strings.Contains(e.Text, "context canceled") {
			t.Errorf("the admin's cancel listed as an error: %+v", e)
		}
	}
}

// W3, W9: the acknowledged start is journaled as codes and reported in words.
func TestAcknowledgeStart_W3_recordedMeaningfully(t *testing.T) {
	w, _, _ := startRun(t, "demo", inGerman)
	driveTo(t, context.Background(), w, plan{path: PathB}, StepBackup)
	var rec *StepRecord
	s := w.Snapshot()
	for i := range s.Steps {
		if s.Steps[i].Action == "start" {
			rec = &s.Steps[i]
		}
	}
	if rec == nil {
		t.Fatal("no start record")
	}
	if rec.Result != "case=in_time&left=6h0m0s&level=ok&weekend=false" {
		t.Errorf("journal value %q", rec.Result)
	}
	want := "Startzeit bestätigt: genug Zeit bis 15:00 Uhr (noch 6 Std.)"
	if rec.Text != want || !strings.Contains(w.Report(), want) {
		t.Errorf("worded %q, report:\n%s", rec.Text, w.Report())
	}
}

// W8: a resumed run is continued only against its own server.
func TestResume_W8_otherInstanceRefused(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	dir := t.TempDir()
	const url = "https://crm.example.com/1crm"
	w := openWizard(t, dir, clk.Now, func(c *Config) { c.LiveURL = url })
	must(t, w.StartNew())
	must(t, w.Close())

	reopen := func(mod func(*Config)) *Wizard {
		w := openWizard(t, dir, clk.Now, mod)
		t.Cleanup(func() { w.Close() })
		return w
	}
	var ref *Refusal
	w = reopen(func(c *Config) { c.LiveURL = "https://other.example.com" })
	if err := w.Resume(); !errors.As(err, &ref) || ref.Rule != "W8" || !strings.Contains(ref.Reason, url) ||
		!strings.Contains(ref.Reason, "https://other.example.com") {
		t.Fatalf("other live address: %v", err)
	}
	must(t, w.Close())

	// The same instance written differently is the same (spec: trailing
	// "/", "/index.php" are stripped).
	w = reopen(func(c *Config) { c.LiveURL = url + "/index.php" })
	must(t, w.Resume())
	// A client of another server attached to the resumed run: Connect refuses.
	other := startSim(t, fastScenario(t, "demo"), clk.Now)
	w.Attach(newClient(t, other.URL, clk.Now), nil)
	if err := w.Connect(context.Background()); !errors.As(err, &ref) || ref.Rule != "W8" {
		t.Fatalf("attached other server: %v", err)
	}
	if c := other.Server.Counters(); c.Logins != 0 {
		t.Errorf("logged in to the other server: %+v", c)
	}
	must(t, w.Close())

	// A loopback tunnel or simulator set up again gets a new port: same run.
	if !SameInstance("http://127.0.0.1:35387/1crm", "http://127.0.0.1:41000/1crm/") || !SameInstance("http://localhost:8080", "http://localhost:9090") ||
		SameInstance("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b") || SameInstance("https://crm.example.com:8443", "https://crm.example.com") {
		t.Error("W8: loopback ports / other hosts compared wrongly")
	}
	// --demo: the simulators get a new address on every start.
	w = reopen(func(c *Config) { c.LiveURL = "http://127.0.0.1:1"; c.Demo = true })
	must(t, w.Resume())
}

// Local package findings reach the admin in their language; the technical
// English detail stays in the journal and the report.
func TestPackageProblems_W2_W10_inWords(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "passwd")
	must(t, os.WriteFile(notZip, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o600))
	wrong := corePatch()
	wrong.RegexMatches, wrong.FileName = []string{`8\.6\.[0-9]+`}, "wrong.zip"
	cases := []struct {
		file, want, tech string
	}{
		{notZip, "kein ZIP-Archiv", "not a ZIP archive"},
		{filepath.Join(dir, "missing.zip"), "nicht gefunden", "no such file"},
		{writeZip(t, dir, "nomanifest.zip", map[string]string{"root/a.txt": "x"}), "manifest.php", "no manifest.php"},
		{writeZip(t, dir, "escape.zip", map[string]string{"manifest.php": "<?php ?>\nname: x\n", "../evil.php": "x"}), "aus dem Paket hinaus", "escapes"},
		{buildPackage(t, dir, wrong), `nennt nur diese Versionen als passend: 8.6.[0-9]+`, "matches none of the acceptable versions"},
	}
	english := regexp.MustCompile(`(?i)\b(not a|zip:|matches|the|file|package)\b`)
	for _, tc := range cases {
		w := bareWizard(nil, &runState{})
		w.tx = text.DE
		pc := w.checkPackage(tc.file, &Preflight{Version: "8.7.6", VersionSource: VersionFromAPI})
		vt := verdictText(pc.Verdicts)
		if pc.OK || !strings.Contains(vt, tc.want) || english.MatchString(strings.ReplaceAll(vt, "manifest.php", "")) {
			t.Errorf("%s: German verdict wanted (%q):\n%s", filepath.Base(tc.file), tc.want, vt)
		}
		if !strings.Contains(pc.Technical, tc.tech) {
			t.Errorf("%s: technical detail %q lacks %q", filepath.Base(tc.file), pc.Technical, tc.tech)
		}
		// A file that cannot be read as a package is named with its path.
		if pc.Size == 0 && !strings.Contains(vt, tc.file+": ") {
			t.Errorf("%s: the verdict does not name the file:\n%s", filepath.Base(tc.file), vt)
		}
	}
	// Through the action: the refusal is German, the report keeps the detail.
	w, _, _ := startRun(t, "demo", inGerman)
	driveTo(t, context.Background(), w, plan{path: PathB}, StepPackage)
	var ref *Refusal
	if _, err := w.UsePackageFile(notZip); !errors.As(err, &ref) || strings.Contains(ref.Reason, "zip") {
		t.Fatalf("refusal %v", err)
	}
	if rep := w.Report(); !strings.Contains(rep, "## "+text.DE.ReportSectionTechnical()) || !strings.Contains(rep, "not a ZIP archive") {
		t.Errorf("report lacks the technical detail:\n%s", rep)
	}
}

// Dates for people follow the language; the journal keeps ISO/RFC 3339.
func TestDates_W10_localFormat(t *testing.T) {
	w, _, _ := startRun(t, "demo", inGerman)
	driveTo(t, context.Background(), w, plan{path: PathB}, StepPackage)
	pf := w.Snapshot().Preflight
	if pf.SupportDate.IsZero() {
		t.Fatal("support end not parsed")
	}
	de := pf.SupportDate.Format("02.01.2006")
	if pf.SupportEndText != de || !strings.Contains(verdictText(pf.Verdicts), "bis "+de) {
		t.Errorf("German support end %q:\n%s", pf.SupportEndText, verdictText(pf.Verdicts))
	}
	iso := regexp.MustCompile(`\b20\d\d-\d\d-\d\d\b`)
	if iso.MatchString(verdictText(pf.Verdicts)) || iso.MatchString(w.Report()) {
		t.Errorf("ISO date shown to people:\n%s", w.Report())
	}
	if got := text.EN.Date(pf.SupportDate); got != pf.SupportDate.Format("2 Jan 2006") {
		t.Errorf("English date %q", got)
	}
}

// W10: a whole German run shows no English of the lower layers and no raw
// codes in the report.
func TestGermanReport_W10_noEnglishNoCodes(t *testing.T) {
	w, _, _ := startRun(t, "german-admin", func(c *Config) { c.Lang = "de"; c.ChecklistFile = "/nonexistent/list.txt" })
	if err := drive(context.Background(), w, plan{path: PathB}); err != nil {
		t.Fatal(err)
	}
	rep := w.Report()
	for _, bad := range []string{"- To:", "- Subject:", "level=", "phase=", "note=", "· start", "· install",
		"context canceled", "no such file", "cannot be read", " the ", "Startzeit bestätigt: ok"} {
		if strings.Contains(rep, bad) {
			t.Errorf("German report holds %q", bad)
		}
	}
	if !strings.Contains(rep, text.DE.ChecklistFileProblem("/nonexistent/list.txt")) {
		t.Error("checklist file problem not worded")
	}
	if !strings.Contains(rep, "Paket hochgeladen: ") || !strings.Contains(rep, "Installiert: 1CRM 8.7.7 Update, Version 8.7.7") {
		t.Errorf("steps not in words:\n%s", rep)
	}
	_ = sim.DemoUser
}
