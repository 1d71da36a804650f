package steps

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/clock"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// Tests added in the rules review: each names the rule it holds the code to.

// TestMailto_W9_R8_RFC6068: spaces as %20, line breaks as %0D%0A, reserved
// characters and umlauts percent-encoded; the link decodes back to the mail.
func TestMailto_W9_R8_RFC6068(t *testing.T) {
	body := "Guten Tag,\n\nVersion 8.7.6 → 8.7.7 & Prüfung #3?\r\nFrage=ja+nein 100%\n"
	m := newMail("support@visual4.de", "Update für crm.example.com", body)
	if !strings.HasPrefix(m.MailtoURL, "mailto:support@visual4.de?subject=Update%20f%C3%BCr%20crm.example.com&body=") {
		t.Fatalf("mailto head %q", m.MailtoURL)
	}
	q := strings.SplitN(m.MailtoURL, "?", 2)[1]
	for _, bad := range []string{"+", " ", "\n", "\r", "#", "?"} {
		if strings.Contains(q, bad) {
			t.Errorf("mailto query holds a raw %q: %s", bad, q)
		}
	}
	if !strings.Contains(q, "Guten%20Tag%2C%0D%0A%0D%0AVersion") {
		t.Errorf("line breaks are not %%0D%%0A: %s", q)
	}
	if strings.Contains(q, "%0D%0D") || strings.Contains(q, "%0A%0A") {
		t.Errorf("an existing CRLF was doubled: %s", q)
	}
	// "&" and "=" inside the body must not split the query.
	vals, err := url.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 2 {
		t.Fatalf("query splits into %d fields: %v", len(vals), vals)
	}
	if got, want := vals.Get("body"), crlf(body); got != want {
		t.Errorf("body round trip:\n%q\n%q", got, want)
	}
}

// TestFinishMail_W9: the closing mail carries the versions in its subject,
// the partner note and the whole report in its body, and no secrets.
func TestFinishMail_W9(t *testing.T) {
	w, _, live := startRun(t, "demo", func(c *Config) { c.SupportEmail = "help@partner.example" })
	if err := drive(context.Background(), w, plan{path: PathB}); err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	m := w.FinishMail()
	if m.To != "help@partner.example" || !strings.Contains(m.Subject, "8.7.6 → 8.7.7") || !strings.Contains(m.Subject, live.URL) {
		t.Errorf("W9 finish mail head: %q / %q", m.To, m.Subject)
	}
	for _, want := range []string{
		"no problems came up", // the done note
		s.Package.SHA256, s.Backups[0].Entry.Name, "## Instance", "## Test checklist", "## Steps",
		text.BundleFile(s.RunID),     // the attachment, named once
		"checkSystem (DATEV Export)", // R22: what the admin accepted
		// English casing: a label inside a line is lower case, a line
		// starts with a capital.
		"- Live system: version before 8.7.6 → version after 8.7.7",
		"- Live system: " + s.Backups[0].Entry.Name + ", time 24 Nov 2026 09:00, size ",
		"Installed: 1CRM 8.7.7 Update, version 8.7.7",
	} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("W9 finish mail body lacks %q", want)
		}
	}
	if strings.Contains(m.Body, "## Message to the partner") || strings.Contains(m.Body, "mailto:") {
		t.Error("W9: the mail repeats itself (report's mail section inside the mail)")
	}
	if !strings.HasPrefix(m.MailtoURL, "mailto:help@partner.example?subject=") || strings.Contains(m.MailtoURL, "+") {
		t.Errorf("W9 mailto %.80q", m.MailtoURL)
	}
	// The whole report does not fit into a link mail programs accept: the
	// link stays short and asks for the saved report as an attachment.
	if len(m.MailtoURL) > maxMailtoLen {
		t.Errorf("W9: mailto link is %d characters, want at most %d", len(m.MailtoURL), maxMailtoLen)
	}
	if body := mailtoBody(t, m.MailtoURL); !strings.Contains(body, "no problems came up") || !strings.Contains(body, text.BundleFile(s.RunID)) || strings.Contains(body, "## Steps") {
		t.Errorf("W9: short mailto body should carry the note and name the attached bundle, not the report:\n%s", body)
	}
	for _, secret := range []string{sim.DemoPassword, sim.DemoClientSecret, "Bearer ", "PHPSESSID"} {
		if strings.Contains(m.Body, secret) || strings.Contains(m.MailtoURL, url.QueryEscape(secret)) {
			t.Errorf("W9: %q in the finish mail", secret)
		}
	}
	// The report names the step times with start and end (W9 "each step
	// with timestamps"), here all on the fixed test clock.
	if !strings.Contains(w.Report(), "| 24 Nov 2026 09:00") {
		t.Errorf("W9: steps lack their timestamps:\n%s", w.Report())
	}
}

// TestFinishMail_W9_R13_problems: with problems the closing mail is the
// problem report with the restore options.
func TestFinishMail_W9_R13_problems(t *testing.T) {
	w, _, _ := startRun(t, "demo")
	answer := func(it ChecklistItem) (string, string) {
		if it.Source == "builtin" && it.Status == "" {
			return AnswerProblem, "quote PDF shows the old logo"
		}
		return AnswerPassed, ""
	}
	if err := drive(context.Background(), w, plan{path: PathB, answer: answer}); err != nil {
		t.Fatal(err)
	}
	m := w.FinishMail()
	if !strings.Contains(m.Subject, "problems") {
		t.Errorf("R13 subject %q", m.Subject)
	}
	// A mail is read later than it is written: points in time, dated
	// "as of", never a countdown or a span that keeps growing (W4).
	for _, want := range []string{"quote PDF shows the old logo", "since Monday, 23 Nov 23:00 (as of 24 Nov 2026 09:00)",
		"Tests until Tuesday, 24 Nov 15:00, problems reported by 16:00 (as of 24 Nov 2026 09:00)", "1–2 weeks"} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("R13/R16/R19 finish mail lacks %q:\n%s", want, m.Body)
		}
	}
	for _, never := range []string{"left · ", "of changes", "as of now", "If the partner restores"} {
		if strings.Contains(m.Body, never) {
			t.Errorf("W4 finish mail counts down or speaks of the partner in the third person (%q):\n%s", never, m.Body)
		}
	}
}

// TestRestoreText_W4_R16_R17_R18_concreteTimes: "since yesterday 23:00 —
// 15 h of changes", in both languages, across a DST change.
func TestRestoreText_W4_R16_R17_R18_concreteTimes(t *testing.T) {
	at := func(y int, mo time.Month, d, h int) time.Time { return time.Date(y, mo, d, h, 0, 0, 0, clock.Berlin) }
	cases := []struct {
		name            string
		lang            string
		installed, now  time.Time
		want, wantCost  string
		wantLostMinutes int
	}{
		{"R16 R17 de same day", "de", at(2026, 11, 24, 10), at(2026, 11, 24, 14), "die Änderungen der letzten 15 Std. verloren (alle seit gestern 23:00 Uhr)", "kostenlos", 15 * 60},
		{"R16 R17 en same day", "en", at(2026, 11, 24, 10), at(2026, 11, 24, 14), "the changes of the last 15 h are lost (everything since yesterday 23:00)", "free of charge", 15 * 60},
		{"R18 de next day: 250 €", "de", at(2026, 11, 24, 10), at(2026, 11, 25, 9), "seit Montag, 23.11. 23:00 Uhr", "250 €", 34 * 60},
		// 29 March 2026: clocks go from 02:00 to 03:00; 23:00 → 14:00 is 14 real hours.
		{"W4 DST spring forward", "en", at(2026, 3, 29, 9), at(2026, 3, 29, 14), "the changes of the last 14 h are lost (everything since yesterday 23:00)", "free of charge", 14 * 60},
		// 25 October 2026: clocks go from 03:00 back to 02:00; 23:00 → 14:00 is 16 real hours.
		{"W4 DST fall back", "de", at(2026, 10, 25, 9), at(2026, 10, 25, 14), "die Änderungen der letzten 16 Std. verloren (alle seit gestern 23:00 Uhr)", "kostenlos", 16 * 60},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := &runState{Path: PathB}
			st.Live.InstalledAt = tc.installed
			w := bareWizard(func() time.Time { return tc.now }, st)
			w.tx = text.For(tc.lang)
			ri := w.restoreImpactLocked()
			if int(ri.LostSpan.Minutes()) != tc.wantLostMinutes {
				t.Errorf("W4 lost span %v", ri.LostSpan)
			}
			if !strings.Contains(ri.Text, tc.want) || !strings.Contains(ri.Text, tc.wantCost) {
				t.Errorf("W4 text %q lacks %q / %q", ri.Text, tc.want, tc.wantCost)
			}
			// Mails and the report: the same facts as points in time,
			// dated as of now, without the growing span.
			asOf := map[string]string{"de": "(Stand: " + w.tx.DateTime(tc.now) + " Uhr)", "en": "(as of " + w.tx.DateTime(tc.now) + ")"}[tc.lang]
			since := w.tx.Weekday(ri.LostSince) + " 23:00"
			if !strings.Contains(ri.Stated, since) || !strings.Contains(ri.Stated, asOf) || !strings.Contains(ri.Stated, tc.wantCost) ||
				strings.Contains(ri.Stated, w.tx.Duration(ri.LostSpan)) || strings.Contains(ri.Stated, "Partner") || strings.Contains(ri.Stated, "partner") {
				t.Errorf("W4 stated %q: want %q, %q and %q, no span, no third person", ri.Stated, since, asOf, tc.wantCost)
			}
		})
	}
}

// TestStartupRoutes_R2_R3_noListedDownload: a Startup instance whose
// License page happens to list an update is not offered that download; the
// entitled editions are, but only what is listed (R4).
func TestStartupRoutes_R2_R3_noListedDownload(t *testing.T) {
	listed := []crmclient.AvailableUpdate{{Version: "8.7.7", Package: "8.7.7-InfoAtHand-patch", DownloadURL: "https://crm.example.com/dl/8.7.7.zip"}}
	cases := []struct {
		name    string
		edition crmclient.Edition
		dep     Deployment
		rule    string // of the refusal; "" = download allowed
	}{
		{"R2 startup on-premise", crmclient.EditionStartup, DeploymentOnPrem, "R2"},
		{"R3 startup cloud", crmclient.EditionStartup, DeploymentCloud, "R3"},
		{"R4 startup+ on-premise", crmclient.EditionStartupPlus, DeploymentOnPrem, ""},
		{"R4 enterprise cloud", crmclient.EditionEnterprise, DeploymentCloud, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := &Preflight{Edition: tc.edition, Deployment: tc.dep, Support: crmclient.SupportActive,
				HasSupportDaysLeft: true, SupportDaysLeft: 200, ListedUpdates: listed}
			w := bareWizard(nil, &runState{Preflight: p})
			w.judge(p)
			w.judge(p) // ConfirmDeployment judges again: nothing may come back
			err := w.downloadRefusalLocked(listed[0])
			if tc.rule != "" {
				if len(p.Updates) != 0 {
					t.Errorf("%s: the listed download is offered: %+v", tc.rule, p.Updates)
				}
				if !hasRule(p.Verdicts, tc.rule, LevelInfo) || !strings.Contains(verdictText(p.Verdicts), "does not offer the list") {
					t.Errorf("%s: no explanation why the listed update is not offered:\n%s", tc.rule, verdictText(p.Verdicts))
				}
				var ref *Refusal
				if !errors.As(err, &ref) || ref.Rule != tc.rule {
					t.Errorf("%s: download not refused: %v", tc.rule, err)
				}
				return
			}
			if len(p.Updates) != 1 || err != nil {
				t.Errorf("R4: listed update not offered (%d) or refused: %v", len(p.Updates), err)
			}
			other := crmclient.AvailableUpdate{Version: "9.0.0", DownloadURL: "https://elsewhere.example/x.zip"}
			var ref *Refusal
			if err := w.downloadRefusalLocked(other); !errors.As(err, &ref) || ref.Rule != "R4" {
				t.Errorf("R4: an unlisted download is allowed: %v", err)
			}
		})
	}
}

// driveToInstallPhase walks path B up to the moment the install itself is
// due (uploaded, prepared, warnings accepted).
func driveToInstallPhase(t *testing.T, w *Wizard) {
	t.Helper()
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepInstall)
	must(t, w.Upload(ctx, nil))
	if _, err := w.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	if w.Snapshot().Phase == PhaseConfirm {
		if _, err := w.AcceptWarnings(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if ph := w.Snapshot().Phase; ph != PhaseInstall {
		t.Fatalf("phase %s", ph)
	}
}

// TestInstallRecheck_W3_R10: a path B run that pauses between the backup
// and the install meets the time guard again at install time.
func TestInstallRecheck_W3_R10(t *testing.T) {
	berlin := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, clock.Berlin) }
	ctx := context.Background()
	setup := func(t *testing.T) (*Wizard, *testClock, *sim.Running) {
		w, clk, live := startRun(t, "demo")
		driveToInstallPhase(t, w)
		return w, clk, live
	}

	t.Run("W3 past 15:00 refuses until an override", func(t *testing.T) {
		w, clk, live := setup(t)
		clk.Set(berlin(24, 15, 20))
		var ref *Refusal
		if err := w.Install(ctx, nil); !errors.As(err, &ref) || ref.Rule != "W3" {
			t.Fatalf("W3: install after 15:00 not refused: %v", err)
		}
		if live.Server.Counters().InstallsStarted != 0 {
			t.Fatal("W3: the install was posted")
		}
		if w.Next() != StepTimeGuard {
			t.Fatalf("W3: next %s, want the time guard again", w.Next())
		}
		if err := w.AcknowledgeStart(); !errors.As(err, &ref) || ref.Rule != "W3" {
			t.Fatalf("W3: plain acknowledge after 15:00: %v", err)
		}
		must(t, w.OverrideLateStart("partner on standby"))
		if w.Next() != StepInstall {
			t.Fatalf("next %s: the same-day backup still counts", w.Next())
		}
		clk.Set(berlin(24, 15, 30))
		must(t, w.Install(ctx, nil)) // the override holds for the rest of the day
		if live.Server.Version() != "8.7.7" {
			t.Fatal("not installed")
		}
	})

	t.Run("W3 below the margin warns again", func(t *testing.T) {
		w, clk, _ := setup(t)
		clk.Set(berlin(24, 13, 40))
		var ref *Refusal
		if err := w.Install(ctx, nil); !errors.As(err, &ref) || ref.Rule != "W3" {
			t.Fatalf("W3: late install not warned: %v", err)
		}
		sc := w.StartCheck()
		if sc.Level != StartWarn {
			t.Fatalf("level %s", sc.Level)
		}
		must(t, w.AcknowledgeStart())
		must(t, w.Install(ctx, nil))
	})

	t.Run("W3 R10 next day: guard and a fresh backup", func(t *testing.T) {
		w, clk, live := setup(t)
		clk.Set(berlin(25, 9, 0))
		var ref *Refusal
		err := w.Install(ctx, nil)
		if !errors.As(err, &ref) || ref.Rule != "W3" || !strings.Contains(ref.Reason, "not from today") {
			t.Fatalf("W3/R10: next-day install: %v", err)
		}
		must(t, w.AcknowledgeStart())
		if w.Next() != StepBackup {
			t.Fatalf("R10: next %s, want a fresh backup", w.Next())
		}
		if _, err := w.Backup(ctx, nil, nil); err != nil {
			t.Fatal(err)
		}
		must(t, w.Install(ctx, nil))
		if c := live.Server.Counters(); c.BackupsMade != 2 || c.InstallsFinished != 1 {
			t.Fatalf("counters %+v", c)
		}
	})

	t.Run("W3 same morning: no second question", func(t *testing.T) {
		w, clk, _ := setup(t)
		clk.Set(berlin(24, 10, 30))
		must(t, w.Install(ctx, nil))
	})
}

// TestSmoke_spec9_W6_perStageBaseline: /me and the Account count are read
// on each instance right before its install and compared after it.
func TestSmoke_spec9_W6_perStageBaseline(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	tsc := fastScenario(t, "test-system")
	tsc.Data.Accounts = 512 // differs from live: the test stage must compare with itself
	test := startSim(t, tsc, clk.Now)
	w := attachRun(t, clk, live, test)
	if err := drive(context.Background(), w, plan{path: PathA}); err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	for _, stage := range []Stage{StageTest, StageLive} {
		sm := s.Smoke[stage]
		if sm == nil {
			t.Fatalf("no smoke result on %s", stage)
		}
		got := map[string]Level{}
		for _, c := range sm.Checks {
			got[c.Name] = c.Level
		}
		if got["me"] != LevelOK || got["record_count"] != LevelOK {
			t.Errorf("spec §9 on %s: me=%s record_count=%s (%+v)", stage, got["me"], got["record_count"], sm.Checks)
		}
	}
	w.mu.Lock()
	testBefore, liveBefore, testMe := w.st.Test.AccountsBefore, w.st.Live.AccountsBefore, w.st.Test.MeID
	w.mu.Unlock()
	if testBefore == nil || *testBefore != 512 || liveBefore == nil || *liveBefore == 512 || testMe == "" {
		t.Errorf("baselines: test=%v live=%v test /me=%q", testBefore, liveBefore, testMe)
	}
}

// TestSmoke_spec9_recordCountChanged: a different count after the update
// warns (heuristic: users may work meanwhile) without failing the run.
func TestSmoke_spec9_recordCountChanged(t *testing.T) {
	w, _, _ := startRun(t, "demo")
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepSmoke)
	w.mu.Lock()
	n := *w.st.Live.AccountsBefore + 40
	w.st.Live.AccountsBefore = &n
	w.mu.Unlock()
	res, err := w.Smoke(ctx)
	must(t, err)
	for _, c := range res.Checks {
		if c.Name == "record_count" {
			if c.Level != LevelWarn || !strings.Contains(c.Title, "changed") {
				t.Errorf("spec §9 #5: %+v", c)
			}
			if !res.OK {
				t.Error("a count difference alone must not fail the smoke checks")
			}
			return
		}
	}
	t.Fatalf("no record_count check: %+v", res.Checks)
}

// TestPathA_R9_W7_shortLiveChecklist: after a passed test on the test
// system, live gets the short checklist: core built-in items, the
// company's file and the admin's own items from the test stage.
func TestPathA_R9_W7_shortLiveChecklist(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	test := startSim(t, fastScenario(t, "test-system"), clk.Now)
	file := filepath.Join(t.TempDir(), "checks.txt")
	must(t, os.WriteFile(file, []byte("Dunning letters print\n"), 0o600))
	w := attachRun(t, clk, live, test, func(c *Config) { c.ChecklistFile = file })
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathA}, StepChecklist)
	own, err := w.AddChecklistItem("Shop sync runs")
	must(t, err)
	testItems := w.ChecklistItems()
	for _, it := range testItems {
		must(t, w.Answer(it.ID, AnswerPassed, ""))
	}
	must(t, w.FinishChecklist())
	must(t, w.GoLive())
	driveTo(t, ctx, w, plan{path: PathA}, StepChecklist)
	if w.Stage() != StageLive {
		t.Fatalf("stage %s", w.Stage())
	}
	liveItems := w.ChecklistItems()
	src := map[string]int{}
	ids := map[string]bool{}
	for _, it := range liveItems {
		src[it.Source]++
		ids[it.ID] = true
		if it.Status != "" {
			t.Errorf("R23: live item %s starts answered (%s)", it.ID, it.Status)
		}
	}
	if len(liveItems) >= len(testItems) || src["extension"] != 0 || src["builtin"] != 5 || !ids["company:1"] || !ids[own.ID] || !ids["pdf"] {
		t.Fatalf("W7/R9 short live list: %d items (test %d), sources %v, ids %v", len(liveItems), len(testItems), src, ids)
	}
	added, err := w.AddChecklistItem("One more on live")
	must(t, err)
	if added.ID == own.ID {
		t.Fatalf("W7: item id %s reused", added.ID)
	}
	if err := drive(ctx, w, plan{path: PathA}); err != nil {
		t.Fatal(err)
	}
}

// TestStaleUpload_W8_deleteJournaled: deleting a stale upload that blocks
// ours changes the server, so it is journaled before and after.
func TestStaleUpload_W8_deleteJournaled(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	dir := t.TempDir()
	stale := corePatch()
	stale.Version, stale.Name = "8.7.6.1", "1CRM 8.7.6.1 Hotfix" // same file name, another package
	stalePath := buildPackage(t, t.TempDir(), stale)
	pkg := buildPackage(t, dir, corePatch())
	c := newClient(t, live.URL, clk.Now)
	ctx := context.Background()
	must(t, c.Login(ctx))
	must(t, c.Upload(ctx, stalePath, nil))
	w := attachRun(t, clk, live, nil)
	if err := drive(ctx, w, plan{path: PathB, pkgFile: pkg}); err != nil {
		t.Fatal(err)
	}
	begun, done := false, false
	for _, e := range w.j.Entries() {
		if e.Action == "delete_upload:live" {
			begun = begun || e.Kind == journal.KindStarted
			done = done || (e.Kind == journal.KindDone && strings.HasSuffix(e.Data["source"], corePatch().FileName))
		}
	}
	if !begun || !done {
		t.Errorf("W8: stale upload delete not journaled (begin %v, done %v): %+v", begun, done, w.j.Entries())
	}
	if live.Server.Version() != "8.7.7" {
		t.Fatalf("not installed: %s", live.Server.Version())
	}
}

// TestExpiredSupport_R6_renewalRecheck: after a renewal the preflight can
// be run again; it logs in afresh, since 1CRM caches the license status in
// the session (spec §3), and then lets the run go on.
func TestExpiredSupport_R6_renewalRecheck(t *testing.T) {
	w, _, live := startRun(t, "expired-support")
	ctx := context.Background()
	pf := preflightOnPrem(t, ctx, w)
	if !pf.Blocked {
		t.Fatal("R6: expired support not blocked")
	}
	live.Server.RenewSupport(365)
	pf, err := w.Preflight(ctx)
	must(t, err)
	if pf.Blocked || hasRule(pf.Verdicts, "R6", LevelBlock) {
		t.Fatalf("R6: still blocked after the renewal: %s", verdictText(pf.Verdicts))
	}
	if w.Next() != StepPackage {
		t.Fatalf("next %s", w.Next())
	}
}

// TestPackageCheck_R22_knownManifests: with local copies of extension
// packages the core-update forecast is exact for them; the rest "may warn".
func TestPackageCheck_R22_knownManifests(t *testing.T) {
	dir := t.TempDir()
	callSheets := buildPackage(t, dir, sim.PackageSpec{Name: "Call Sheets", ID: "exCallSheets", Type: "module", Version: "1.4.2",
		RegexMatches: []string{`8\.6\.[0-9]+`, `8\.7\.[0-9]+`}})
	datev := filepath.Join(dir, "manifest.php")
	must(t, os.WriteFile(datev, []byte("<?php ?>\nacceptable_sugar_versions\n\tregex_matches\n\t\t- 8\\.6\\.[0-9]+\nname: DATEV Export\nversion: 2.3.1\ntype: module\nid: exDatev\n"), 0o600))
	pre := &Preflight{Version: "8.7.6", Extensions: []crmclient.InstalledPackage{
		{Name: "Call Sheets", Type: "module", Version: "1.4.2"},
		{Name: "DATEV Export", Type: "module", Version: "2.3.1"},
		{Name: "Route Planner", Type: "module", Version: "1.0.0"},
	}}
	w := bareWizard(nil, &runState{Preflight: pre})
	w.cfg.ExtensionPackages = []string{callSheets, datev, filepath.Join(dir, "missing.zip")}
	pc := w.checkPackage(buildPackage(t, dir, corePatch()), pre)
	if !pc.OK {
		t.Fatalf("W2: %s", verdictText(pc.Verdicts))
	}
	if strings.Join(pc.AffectedExtensions, ",") != "DATEV Export,Route Planner" || !pc.ExtensionsUnknown ||
		strings.Join(pc.CompatibleExtensions, ",") != "Call Sheets" {
		t.Fatalf("R22 forecast: affected %v unknown %v compatible %v", pc.AffectedExtensions, pc.ExtensionsUnknown, pc.CompatibleExtensions)
	}
	txt := verdictText(pc.Verdicts)
	for _, want := range []string{"will show a version warning for them: DATEV Export", "May show version warnings: Route Planner", "already support version 8.7.7: Call Sheets", "missing.zip"} {
		if !strings.Contains(txt, want) {
			t.Errorf("R22 verdicts lack %q:\n%s", want, txt)
		}
	}
	// All known: nothing is "unknown" any more.
	w.cfg.ExtensionPackages = []string{callSheets, datev}
	pre.Extensions = pre.Extensions[:2]
	if pc := w.checkPackage(buildPackage(t, dir, corePatch()), pre); pc.ExtensionsUnknown || len(pc.AffectedExtensions) != 1 {
		t.Errorf("R22 all known: %+v", pc)
	}
}

// TestReportProblem_R13_beforeAnyInstall: a problem reported before the
// install (here: at the package step) goes straight to the problems step,
// and the mail does not offer restores of a system nothing was installed on.
func TestReportProblem_R13_beforeAnyInstall(t *testing.T) {
	w, _, live := startRun(t, "demo")
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepPackage)
	must(t, w.ReportProblem("the download link on the License page answers 404"))
	if w.Next() != StepProblems {
		t.Fatalf("R13: next %s", w.Next())
	}
	m := w.ProblemMail()
	if !strings.Contains(m.Body, "answers 404") || !strings.Contains(m.Body, "while preparing") || !strings.Contains(m.Body, "Nothing has been installed yet") || strings.Contains(m.Body, "server backup") {
		t.Errorf("R13 mail before any install:\n%s", m.Body)
	}
	if err := drive(ctx, w, plan{path: PathB}); err != nil {
		t.Fatal(err)
	}
	if c := live.Server.Counters(); c.BackupsStarted+c.UploadsReceived+c.InstallsStarted != 0 {
		t.Fatalf("something changed: %+v", c)
	}
}

// mailtoBody decodes the body parameter of a mailto: link.
func mailtoBody(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatalf("mailto link does not parse: %v", err)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		t.Fatalf("mailto query does not parse: %v", err)
	}
	return q.Get("body")
}
