package steps

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/clock"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// Rule tables: each case names the rule it checks (procedure.md IDs).

func bareWizard(now func() time.Time, st *runState) *Wizard {
	if now == nil {
		now = tuesday9
	}
	return &Wizard{tx: text.EN, clk: funcClock(now), st: st, cfg: Config{SupportEmail: DefaultSupportEmail, StartMargin: clock.DefaultMargin},
		connected: map[Stage]bool{}}
}

func TestJudge_R1_R2_R3_R4_R5_R6(t *testing.T) {
	ext := []crmclient.InstalledPackage{{Name: "Call Sheets", Type: "module", Version: "1.4.2"}}
	upd := []crmclient.AvailableUpdate{{Version: "8.7.7", DownloadURL: "https://x/u.zip"}}
	cases := []struct {
		name      string
		p         Preflight
		route     Route
		blocked   bool
		rule      string
		level     Level
		wantInTxt string
	}{
		{"R1 professional is entitled", Preflight{Edition: crmclient.EditionProfessional, Deployment: DeploymentOnPrem, Support: crmclient.SupportActive, HasSupportDaysLeft: true, SupportDaysLeft: 200, Updates: upd},
			RouteLicensePage, false, "R1", LevelOK, "receives update packages"},
		{"R1 unknown edition warns", Preflight{Edition: crmclient.EditionUnknown, Support: crmclient.SupportActive},
			RouteLicensePage, false, "R1", LevelWarn, "License Information"},
		{"R2 startup on-premise: vendor website ZIP", Preflight{Edition: crmclient.EditionStartup, Deployment: DeploymentOnPrem},
			RouteVendorWebsite, false, "R2", LevelInfo, "vendor's website"},
		{"R3 startup cloud: ZIP from the partner", Preflight{Edition: crmclient.EditionStartup, Deployment: DeploymentCloud},
			RoutePartnerZIP, false, "R3", LevelInfo, DefaultSupportEmail},
		{"R4 listed update offered", Preflight{Edition: crmclient.EditionEnterprise, Deployment: DeploymentCloud, Support: crmclient.SupportActive, HasSupportDaysLeft: true, SupportDaysLeft: 90, Updates: upd},
			RouteLicensePage, false, "R4", LevelOK, "download it directly"},
		{"R4 nothing listed: local ZIP possible", Preflight{Edition: crmclient.EditionStartupPlus, Deployment: DeploymentOnPrem, Support: crmclient.SupportActive, HasSupportDaysLeft: true, SupportDaysLeft: 90},
			RouteLicensePage, false, "R4", LevelInfo, "ZIP file you already have"},
		{"R5 support ends within 30 days: orange triangle", Preflight{Edition: crmclient.EditionProfessional, Support: crmclient.SupportExpiring, HasSupportDaysLeft: true, SupportDaysLeft: 17, SupportEnd: "2026-12-11"},
			RouteLicensePage, false, "R5", LevelWarn, "orange triangle"},
		{"R5 trial license warns", Preflight{Edition: crmclient.EditionProfessional, Support: crmclient.SupportTrial, HasSupportDaysLeft: true, SupportDaysLeft: 25},
			RouteLicensePage, false, "R5", LevelWarn, "Trial"},
		{"R6 expired subscription blocks", Preflight{Edition: crmclient.EditionProfessional, Support: crmclient.SupportExpired, HasSupportDaysLeft: true, SupportDaysLeft: -12, SupportEnd: "2026-11-12"},
			RouteLicensePage, true, "R6", LevelBlock, "Renew"},
		{"R6 negative days block even without the red status", Preflight{Edition: crmclient.EditionProfessional, Support: crmclient.SupportActive, HasSupportDaysLeft: true, SupportDaysLeft: -1},
			RouteLicensePage, true, "R6", LevelBlock, "expired"},
		{"R6 no subscription info warns", Preflight{Edition: crmclient.EditionProfessional, Support: crmclient.SupportNone},
			RouteLicensePage, false, "R6", LevelWarn, "no update subscription"},
		// Issue 10: the install is handed to the admin (License page) or the partner.
		{"R21 hosted upload disabled hands over", Preflight{Edition: crmclient.EditionProfessional, Support: crmclient.SupportActive, HasSupportDaysLeft: true, SupportDaysLeft: 99, UploadDisabled: true},
			RouteLicensePage, false, "R21", LevelWarn, DefaultSupportEmail},
		{"R22 extensions announced", Preflight{Edition: crmclient.EditionProfessional, Support: crmclient.SupportActive, HasSupportDaysLeft: true, SupportDaysLeft: 99, Extensions: ext},
			RouteLicensePage, false, "R22", LevelInfo, "Call Sheets"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := bareWizard(nil, &runState{})
			p := tc.p
			w.judge(&p)
			if p.Route != tc.route {
				t.Errorf("route %q, want %q", p.Route, tc.route)
			}
			if p.Blocked != tc.blocked {
				t.Errorf("blocked %v, want %v", p.Blocked, tc.blocked)
			}
			if !hasRule(p.Verdicts, tc.rule, tc.level) {
				t.Errorf("no %s verdict at %s:\n%s", tc.rule, tc.level, verdictText(p.Verdicts))
			}
			if !strings.Contains(verdictText(p.Verdicts), tc.wantInTxt) {
				t.Errorf("verdicts lack %q:\n%s", tc.wantInTxt, verdictText(p.Verdicts))
			}
			// Re-judging (after ConfirmDeployment) must not duplicate verdicts.
			n := len(p.Verdicts)
			w.judge(&p)
			if len(p.Verdicts) != n {
				t.Errorf("re-judge changed the verdict count %d → %d", n, len(p.Verdicts))
			}
		})
	}
}

func writeZip(t *testing.T, dir, name string, files map[string]string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	must(t, err)
	zw := zip.NewWriter(f)
	for n, body := range files {
		fw, err := zw.Create(n)
		must(t, err)
		_, _ = fw.Write([]byte(body))
	}
	must(t, zw.Close())
	must(t, f.Close())
	return p
}

func TestPackageCheck_W2(t *testing.T) {
	dir := t.TempDir()
	pre := &Preflight{Version: "8.7.6", Extensions: []crmclient.InstalledPackage{{Name: "Call Sheets", Type: "module", Version: "1.4.2"}}}
	notZip := filepath.Join(dir, "notes.zip")
	must(t, os.WriteFile(notZip, []byte("hello"), 0o600))
	mod := sim.PackageSpec{Name: "Call Sheets", ID: "exCallSheets", Type: "module", Version: "1.5.0", RegexMatches: []string{`8\.7\.[0-9]+`}}
	oldMod := mod
	oldMod.Version, oldMod.FileName = "1.4.2", "old.zip"
	wrong := corePatch()
	wrong.RegexMatches, wrong.FileName = []string{`8\.6\.[0-9]+`}, "wrong.zip"
	same := corePatch()
	same.Version, same.RegexMatches, same.FileName = "8.7.6", nil, "same.zip"
	noVer := corePatch()
	noVer.Version, noVer.FileName = "", "nover.zip"
	cases := []struct {
		name       string
		file       string
		ok         bool
		wantInText string
	}{
		{"W2 not a ZIP", notZip, false, "is not a ZIP archive"},
		{"W2 no manifest.php", writeZip(t, dir, "nomanifest.zip", map[string]string{"root/a.txt": "x"}), false, "has no manifest.php at its top level"},
		{"W2 empty version", buildPackage(t, dir, noVer), false, "lacks the package's type, id or version"},
		{"W2 does not accept the installed version", buildPackage(t, dir, wrong), false, "does not fit the installed version 8.7.6"},
		{"W2 core not newer than installed", buildPackage(t, dir, same), false, "not newer"},
		{"W2 extension same version installed", buildPackage(t, dir, oldMod), false, "not newer"},
		{"W2 extension newer is fine, not a core update", buildPackage(t, dir, mod), true, "not a 1CRM core update"},
		{"W2 R22 core update OK with extension list", buildPackage(t, dir, corePatch()), true, "Call Sheets"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := bareWizard(nil, &runState{})
			pc := w.checkPackage(tc.file, pre)
			if pc.OK != tc.ok {
				t.Fatalf("ok=%v, want %v:\n%s", pc.OK, tc.ok, verdictText(pc.Verdicts))
			}
			if !strings.Contains(verdictText(pc.Verdicts), tc.wantInText) {
				t.Errorf("verdicts lack %q:\n%s", tc.wantInText, verdictText(pc.Verdicts))
			}
			if tc.ok && len(pc.SHA256) != 64 {
				t.Errorf("W2: SHA-256 not recorded: %q", pc.SHA256)
			}
		})
	}
}

func TestStartGuard_W3_R12(t *testing.T) {
	at := func(day, h, m int) time.Time { return time.Date(2026, 11, day, h, m, 0, 0, clock.Berlin) }
	cases := []struct {
		name    string
		now     time.Time
		margin  time.Duration
		level   StartLevel
		weekend bool
	}{
		{"W3 Tuesday 09:00 ok", at(24, 9, 0), 0, StartOK, false},
		{"W3 exactly the margin before 15:00 ok", at(24, 13, 0), 0, StartOK, false},
		{"W3 R12 13:30 warns: little time to test", at(24, 13, 30), 0, StartWarn, false},
		{"W3 configurable margin 3 h at 12:30 warns", at(24, 12, 30), 3 * time.Hour, StartWarn, false},
		{"W3 R12 after 15:00 refuses", at(24, 15, 30), 0, StartRefuse, false},
		{"W3 Saturday warns", at(28, 10, 0), 0, StartWarn, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := bareWizard(func() time.Time { return tc.now }, &runState{})
			if tc.margin > 0 {
				w.cfg.StartMargin = tc.margin
			}
			sc := w.startCheckAt(tc.now)
			if sc.Level != tc.level || sc.Weekend != tc.weekend {
				t.Fatalf("level %s weekend %v, want %s %v", sc.Level, sc.Weekend, tc.level, tc.weekend)
			}
			if sc.TestDeadline.Hour() != 15 || sc.ReportDeadline.Hour() != 16 {
				t.Errorf("deadlines %v %v", sc.TestDeadline, sc.ReportDeadline)
			}
			if tc.level != StartOK && (sc.Tomorrow.Hour() != 8 || clock.IsWeekend(sc.Tomorrow)) {
				t.Errorf("proposal %v is not a working morning", sc.Tomorrow)
			}
			if len(sc.Verdicts) == 0 {
				t.Error("no verdict text")
			}
		})
	}
}

// TestTimeGuard_W3_overrideRecorded: after 15:00 only an explicit,
// journaled override goes on; a pause keeps the run resumable.
func TestTimeGuard_W3_overrideRecordedAndPause(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	dir := t.TempDir()
	w := openWizard(t, dir, clk.Now)
	must(t, w.StartNew())
	w.Attach(newClient(t, live.URL, clk.Now), nil)
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepTimeGuard)
	clk.Set(time.Date(2026, 11, 24, 15, 20, 0, 0, clock.Berlin))
	var ref *Refusal
	if err := w.AcknowledgeStart(); !errors.As(err, &ref) || ref.Rule != "W3" {
		t.Fatalf("W3: late start acknowledged: %v", err)
	}
	if err := w.OverrideLateStart("  "); !errors.As(err, &ref) {
		t.Fatalf("W3: override without reason: %v", err)
	}
	must(t, w.PauseUntilTomorrow())
	if !w.Snapshot().Paused || w.Next() != StepTimeGuard {
		t.Fatal("W3: pause not recorded")
	}
	must(t, w.Close())

	w2 := openWizard(t, dir, clk.Now)
	sum := w2.Unfinished()
	if sum == nil || !sum.Paused || sum.Next != StepTimeGuard || len(sum.Done) == 0 {
		t.Fatalf("W8: summary %+v", sum)
	}
	must(t, w2.Resume())
	w2.Attach(newClient(t, live.URL, clk.Now), nil)
	must(t, w2.Connect(ctx))
	must(t, w2.OverrideLateStart("partner on standby until 18:00"))
	found := false
	for _, e := range w2.j.Entries() {
		if e.Action == "late_start_override" && e.Data["reason"] == "partner on standby until 18:00" {
			found = true
		}
	}
	if !found {
		t.Fatal("W3: override not in the journal")
	}
	if w2.Next() != StepBackup {
		t.Fatalf("next %s", w2.Next())
	}
}

func TestCountdownAndRestore_W4_R11_R12_R13_R15_R16_R17_R18(t *testing.T) {
	installed := time.Date(2026, 11, 24, 10, 0, 0, 0, clock.Berlin)
	cases := []struct {
		name                     string
		now                      time.Time
		testPassed, reportPassed bool
		free                     bool
		cost                     string
		lostHours                float64
	}{
		{"R12 R17 same day 11:00: tests until 15:00, restore free", time.Date(2026, 11, 24, 11, 0, 0, 0, clock.Berlin), false, false, true, "0 €", 12},
		{"R12 R13 15:30: test deadline passed, report still open", time.Date(2026, 11, 24, 15, 30, 0, 0, clock.Berlin), true, false, true, "0 €", 16.5},
		{"R13 R18 next day: both passed, restore costs 250 €", time.Date(2026, 11, 25, 9, 0, 0, 0, clock.Berlin), true, true, false, "250 €", 34},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := &runState{Path: PathB}
			st.Live.InstalledAt = installed
			w := bareWizard(func() time.Time { return tc.now }, st)
			cd := w.countdownLocked()
			if !cd.Applies || cd.TestPassed != tc.testPassed || cd.ReportPassed != tc.reportPassed {
				t.Fatalf("W4 countdown %+v", cd)
			}
			if cd.TestDeadline.Hour() != 15 || cd.ReportDeadline.Hour() != 16 || cd.TestDeadline.Day() != 24 {
				t.Errorf("R12/R13 deadlines %v %v", cd.TestDeadline, cd.ReportDeadline)
			}
			if cd.Line == "" {
				t.Error("no countdown line")
			}
			ri := w.restoreImpactLocked()
			want := time.Date(2026, 11, 23, 23, 0, 0, 0, clock.Berlin) // R15, R16
			if !ri.LostSince.Equal(want) {
				t.Errorf("R16 lost since %v, want %v", ri.LostSince, want)
			}
			if ri.LostSpan.Hours() != tc.lostHours {
				t.Errorf("W4 lost span %v, want %v h", ri.LostSpan, tc.lostHours)
			}
			if ri.FreeOfCharge != tc.free || ri.Cost != tc.cost {
				t.Errorf("R17/R18 free=%v cost=%s", ri.FreeOfCharge, ri.Cost)
			}
			if !strings.Contains(ri.Text, "23:00") {
				t.Errorf("W4 text lacks the concrete time: %s", ri.Text)
			}
		})
	}
	// Path A: no path B deadlines (R11–R13 are path B rules).
	st := &runState{Path: PathA}
	st.Live.InstalledAt = installed
	if bareWizard(nil, st).countdownLocked().Applies {
		t.Error("R12: countdown applies on path A")
	}
}

// TestPathChoice_R7_R8_refreshMail.
func TestPathChoice_R7_R8_refreshMail(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	test := startSim(t, fastScenario(t, "test-system"), clk.Now)
	w := attachRun(t, clk, live, nil, func(c *Config) { c.SupportEmail = "help@partner.example" })
	ctx := context.Background()
	driveTo(t, ctx, w, plan{}, StepPath)
	var ref *Refusal
	if err := w.ChoosePath(PathA); !errors.As(err, &ref) || ref.Rule != "R7" {
		t.Fatalf("R7: path A without a test system: %v", err)
	}
	if w.RecommendedPath() != PathB {
		t.Fatal("R7: recommended A without a test system")
	}
	w.Attach(w.live, newClient(t, test.URL, clk.Now))
	must(t, w.ChoosePath(PathA))
	if w.Next() != StepConnect {
		t.Fatalf("the test system must be connected first, next=%s", w.Next())
	}
	must(t, w.Connect(ctx))
	if w.Next() != StepRefreshRequest {
		t.Fatalf("R8: next %s", w.Next())
	}
	if _, err := w.ParityCheck(ctx); !errors.As(err, &ref) {
		t.Fatalf("R8: parity before the refresh was confirmed: %v", err)
	}
	m := w.RefreshMail()
	for _, want := range []string{live.URL, test.URL, "8.7.6", "8.7.7"} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("R8 mail lacks %q:\n%s", want, m.Body)
		}
	}
	if m.To != "help@partner.example" || !strings.HasPrefix(m.MailtoURL, "mailto:help@partner.example?subject=") || strings.Contains(m.MailtoURL, "+") {
		t.Errorf("R8 mailto %q", m.MailtoURL)
	}
	must(t, w.ConfirmRefreshed())
	if w.Next() != StepParity {
		t.Fatalf("next %s", w.Next())
	}
}

// TestInstallOrder_R21: upload → prepare → install, each refused out of order.
func TestInstallOrder_R21(t *testing.T) {
	w, _, live := startRun(t, "demo")
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepInstall)
	var ref *Refusal
	if _, err := w.Prepare(ctx); !errors.As(err, &ref) || ref.Rule != "R21" {
		t.Fatalf("R21: prepare before upload: %v", err)
	}
	if err := w.Install(ctx, nil); !errors.As(err, &ref) || ref.Rule != "R21" {
		t.Fatalf("R21: install before upload: %v", err)
	}
	if _, err := w.Smoke(ctx); !errors.As(err, &ref) {
		t.Fatalf("smoke before install: %v", err)
	}
	must(t, w.Upload(ctx, nil))
	if err := w.Install(ctx, nil); !errors.As(err, &ref) || ref.Rule != "R21" {
		t.Fatalf("R21: install before prepare: %v", err)
	}
	if live.Server.Counters().InstallsStarted != 0 {
		t.Fatal("R21: install reached the server out of order")
	}
}

// TestSmoke_W6_brokenPDF_R11: a broken custom PDF is caught automatically
// and leads to the problems step after the checklist.
func TestSmoke_W6_brokenPDF_R11(t *testing.T) {
	for _, scen := range []string{"broken-pdf", "broken-after-update"} {
		t.Run("W6 "+scen, func(t *testing.T) {
			w, _, _ := startRun(t, scen)
			ctx := context.Background()
			driveTo(t, ctx, w, plan{path: PathB}, StepChecklist)
			sm := w.Snapshot().Smoke[StageLive]
			if sm == nil || sm.OK {
				t.Fatalf("W6: smoke passed on %s: %+v", scen, sm)
			}
			if err := drive(ctx, w, plan{path: PathB, stopAt: StepProblems}); err != errStopped {
				t.Fatalf("a failed smoke check must lead to problems: %v", err)
			}
			if !strings.Contains(w.ProblemMail().Body, "fails") {
				t.Errorf("problem mail lacks the failed check:\n%s", w.ProblemMail().Body)
			}
		})
	}
}

// TestChecklist_W7_R23: built-in, extension and company items; every item
// needs an answer, a problem needs a note.
func TestChecklist_W7_R23(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	file := filepath.Join(t.TempDir(), "checks.txt")
	must(t, os.WriteFile(file, []byte("# ours\nDunning letters print\nShop sync runs\n"), 0o600))
	w := attachRun(t, clk, live, nil, func(c *Config) { c.ChecklistFile = file })
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepChecklist)
	items := w.ChecklistItems()
	src := map[string]int{}
	for _, it := range items {
		src[it.Source]++
	}
	if src["builtin"] < 5 || src["extension"] != 3 || src["company"] != 2 {
		t.Fatalf("W7 sources %v", src)
	}
	added, err := w.AddChecklistItem("Newsletter opt-out link")
	must(t, err)
	var ref *Refusal
	if err := w.Answer(items[0].ID, AnswerProblem, ""); !errors.As(err, &ref) {
		t.Fatalf("W7: problem without note accepted: %v", err)
	}
	if err := w.Answer(items[0].ID, "maybe", ""); !errors.As(err, &ref) {
		t.Fatalf("W7: unknown answer accepted: %v", err)
	}
	for _, it := range items {
		must(t, w.Answer(it.ID, AnswerNA, ""))
	}
	if err := w.FinishChecklist(); !errors.As(err, &ref) || ref.Rule != "R23" {
		t.Fatalf("R23: finished with the added item open: %v", err)
	}
	if err := w.Finish(); !errors.As(err, &ref) {
		t.Fatalf("R23: run finished with the checklist open: %v", err)
	}
	must(t, w.Answer(added.ID, AnswerPassed, ""))
	must(t, w.FinishChecklist())
	if w.Next() != StepDone {
		t.Fatalf("next %s", w.Next())
	}
}

// TestReport_W9_noSecrets_LatestReport.
func TestReport_W9_noSecrets_LatestReport(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	dir := t.TempDir()
	w := openWizard(t, dir, clk.Now)
	must(t, w.StartNew())
	w.Attach(newClient(t, live.URL, clk.Now), nil)
	if err := drive(context.Background(), w, plan{path: PathB}); err != nil {
		t.Fatal(err)
	}
	p, err := w.WriteReport()
	must(t, err)
	id := w.RunID()
	must(t, w.Close())
	rep, err := LatestReport(dir, "")
	must(t, err)
	rep2, err := LatestReport(dir, id)
	must(t, err)
	if rep != rep2 || !strings.Contains(rep, "SHA-256") {
		t.Fatal("W9: LatestReport differs or lacks the package hash")
	}
	data, err := os.ReadFile(p)
	must(t, err)
	journalData, err := os.ReadFile(filepath.Join(filepath.Dir(p), "journal.json"))
	must(t, err)
	for _, blob := range [][]byte{data, journalData} {
		for _, secret := range []string{sim.DemoPassword, sim.DemoClientSecret, "Bearer ", "PHPSESSID"} {
			if strings.Contains(string(blob), secret) {
				t.Errorf("W9: %q leaked", secret)
			}
		}
	}
	for _, section := range []string{"## Instance", "## Package", "## Backup", "## Steps", "## Test checklist", "## Deadlines", "## Message to the partner"} {
		if !strings.Contains(rep, section) {
			t.Errorf("W9: report lacks %s", section)
		}
	}
}

// TestGerman_W10: German is the default and reaches every text steps makes.
func TestGerman_W10(t *testing.T) {
	if text.For("") != text.DE || text.For("de_DE.UTF-8") != text.DE || text.For("en_GB.UTF-8") != text.EN {
		t.Fatal("W10: language choice")
	}
	w, _, _ := startRun(t, "german-admin", func(c *Config) { c.Lang = "" })
	if err := drive(context.Background(), w, plan{path: PathB}); err != nil {
		t.Fatal(err)
	}
	rep := w.Report()
	for _, want := range []string{"Protokoll", "Vorabprüfung", "Update-Abo", "Nachricht an den Partner"} {
		if !strings.Contains(rep, want) {
			t.Errorf("W10: German report lacks %q", want)
		}
	}
}

// TestNoRestoreOverHTTP_R20: the CRM interface offers no restore; restoring
// an own backup is the partner guide's job, and the mail says so.
func TestNoRestoreOverHTTP_R20(t *testing.T) {
	typ := reflect.TypeOf((*CRM)(nil)).Elem()
	for i := 0; i < typ.NumMethod(); i++ {
		if strings.Contains(strings.ToLower(typ.Method(i).Name), "restore") {
			t.Fatalf("R20: CRM has %s", typ.Method(i).Name)
		}
	}
	st := &runState{Path: PathB, ProblemsAt: StepChecklist, ProblemsStage: StageLive, LiveURL: "https://crm.example.com", User: "admin"}
	st.Live.Backup = &BackupInfo{Entry: &crmclient.BackupEntry{Name: "backup_20261124_090000.zip"}}
	st.Live.InstalledAt = tuesday9()
	for _, tx := range []text.Texts{text.DE, text.EN} {
		w := bareWizard(nil, st)
		w.tx = tx
		m := w.problemMailLocked()
		if !strings.Contains(m.Body, "Backup einspielen") || !strings.Contains(m.Body, "backup_20261124_090000.zip") {
			t.Errorf("R20 (%s): mail lacks the guide or the backup:\n%s", tx.Lang(), m.Body)
		}
		if !strings.Contains(m.Body, "250") && !strings.Contains(m.Body, "0 €") && !strings.Contains(m.Body, "free") && !strings.Contains(m.Body, "kostenlos") {
			t.Errorf("R17 (%s): mail lacks the cost statement", tx.Lang())
		}
	}
}

// TestLock_W8_secondWizardRefused: one wizard per state directory.
func TestLock_W8_secondWizardRefused(t *testing.T) {
	dir := t.TempDir()
	w := openWizard(t, dir, tuesday9)
	_ = w
	var le *journal.LockedError
	if _, err := Open(Config{StateDir: dir}); !errors.As(err, &le) {
		t.Fatalf("W8: a second wizard got the lock: %v", err)
	}
}

// TestCancelBackup_W8_noSecondBackup: a cancelled backup keeps running on
// the server; the next attempt finds it instead of starting another.
func TestCancelBackup_W8_noSecondBackup(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	sc := fastScenario(t, "demo")
	sc.Timings.Backup = sim.Duration(300 * time.Millisecond)
	live := startSim(t, sc, clk.Now)
	w := attachRun(t, clk, live, nil)
	driveTo(t, context.Background(), w, plan{path: PathB}, StepBackup)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := w.Backup(ctx, func(time.Duration) { cancel() }, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want a cancel, got %v", err)
	}
	if w.Next() != StepBackup {
		t.Fatalf("next %s", w.Next())
	}
	e, err := w.Backup(context.Background(), nil, nil)
	must(t, err)
	if c := live.Server.Counters(); c.BackupsStarted != 1 || c.BackupsMade != 1 {
		t.Fatalf("W8: backups %+v", c)
	}
	if e.Name == "" || w.Next() != StepInstall {
		t.Fatalf("entry %+v next %s", e, w.Next())
	}
}

// The trial: with a test system configured, steps 2–4 said "4 of 15" (path
// A guessed), and after path B was chosen "5 of 10". Before the choice the
// total is unknown (0: the screens show "Step 4 — …"); after it, it stays.
func TestStepNumber_noTotalBeforeThePath(t *testing.T) {
	st := &runState{Preflight: &Preflight{}, Package: &PackageCheck{OK: true}}
	w := bareWizard(nil, st)
	w.cfg.TestURL = "https://test.example.com"
	w.connected[StageLive] = true
	if n, of := w.stepNumberLocked(); n != 4 || of != 0 || w.nextLocked() != StepPath {
		t.Fatalf("path choice: %d of %d (%s)", n, of, w.nextLocked())
	}
	st.Path = PathB
	if n, of := w.stepNumberLocked(); n != 5 || of != 10 || w.nextLocked() != StepTimeGuard {
		t.Fatalf("path B chosen: %d of %d (%s)", n, of, w.nextLocked())
	}
}

func TestStepNumber_pathsA_B(t *testing.T) {
	st := &runState{Path: PathB, Preflight: &Preflight{}, Package: &PackageCheck{OK: true}, TimeGuardPassed: true}
	w := bareWizard(nil, st)
	w.connected[StageLive] = true
	if n, of := w.stepNumberLocked(); n != 6 || of != 10 || w.nextLocked() != StepBackup {
		t.Fatalf("path B backup: %d of %d (%s)", n, of, w.nextLocked())
	}
	st.Path, st.TimeGuardPassed, st.RefreshConfirmed = PathA, false, true
	st.Parity = &Parity{OK: true}
	w.connected[StageTest] = true
	if n, of := w.stepNumberLocked(); n != 7 || of != 15 || w.nextLocked() != StepInstall {
		t.Fatalf("path A test install: %d of %d (%s)", n, of, w.nextLocked())
	}
	// Problems are the closing step; the total stays (issue 10).
	st.ProblemsAt, st.ProblemsStage = StepInstall, StageTest
	if n, of := w.stepNumberLocked(); w.nextLocked() != StepProblems || n != 15 || of != 15 {
		t.Fatalf("problems: %d of %d (%s)", n, of, w.nextLocked())
	}
}
