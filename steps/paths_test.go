package steps

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
)

// Whole-path tests: the procedure end to end against the simulator and the
// real crmclient, without any UI.

// TestPathB_R10_R11_R12_wholeRun: own backup, live install, same-day tests.
func TestPathB_R10_R11_R12_wholeRun(t *testing.T) {
	w, _, live := startRun(t, "demo")
	ctx := context.Background()
	// A UI renders while actions run: poll the read-only views meanwhile
	// (the race detector checks the locking).
	stop := make(chan struct{})
	polled := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				polled <- n
				return
			default:
				_ = w.Snapshot()
				_, _ = w.StepNumber()
				_ = w.Countdown()
				_ = w.ChecklistItems()
				n++
				time.Sleep(time.Millisecond)
			}
		}
	}()
	err := drive(ctx, w, plan{path: PathB})
	close(stop)
	if n := <-polled; n == 0 {
		t.Error("snapshot poller never ran")
	}
	if err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	if !s.Finished || s.Next != StepDone {
		t.Fatalf("not finished: next=%s", s.Next)
	}
	if got := live.Server.Version(); got != "8.7.7" {
		t.Fatalf("live version %s, want 8.7.7", got)
	}
	c := live.Server.Counters()
	if c.BackupsMade != 1 || c.InstallsFinished != 1 || c.UploadsAccepted != 1 {
		t.Fatalf("counters %+v", c)
	}
	if len(s.Backups) != 1 || s.Backups[0].Entry == nil {
		t.Fatalf("backup not recorded: %+v", s.Backups)
	}
	if s.Live.VersionBefore != "8.7.6" || s.Live.VersionAfter != "8.7.7" {
		t.Fatalf("versions %q → %q", s.Live.VersionBefore, s.Live.VersionAfter)
	}
	rep := w.Report()
	for _, want := range []string{"8.7.6", "8.7.7", s.Package.SHA256, s.Backups[0].Entry.Name, "mailto:"} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(rep, "demo-admin-pw") || strings.Contains(rep, "demo-client-secret") {
		t.Fatal("report contains a secret")
	}
}

// TestPathA_R7_R8_R9_W5_wholeRun: test system first, go-live only after a
// passed test, then live with a (recommended) backup.
func TestPathA_R7_R8_R9_W5_wholeRun(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	test := startSim(t, fastScenario(t, "test-system"), clk.Now)
	w := attachRun(t, clk, live, test)
	if w.RecommendedPath() != PathA {
		t.Fatal("R7: a test system should recommend path A")
	}
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathA}, StepGoLive)
	// R9: the test system is updated, live untouched until go-live.
	if test.Server.Version() != "8.7.7" || live.Server.Version() != "8.7.6" {
		t.Fatalf("after test stage: test=%s live=%s", test.Server.Version(), live.Server.Version())
	}
	if c := live.Server.Counters(); c.UploadsReceived+c.InstallsStarted+c.BackupsStarted != 0 {
		t.Fatalf("R9: live changed before go-live: %+v", c)
	}
	if err := drive(ctx, w, plan{path: PathA}); err != nil {
		t.Fatal(err)
	}
	if live.Server.Version() != "8.7.7" {
		t.Fatalf("live not updated: %s", live.Server.Version())
	}
	if c := live.Server.Counters(); c.BackupsMade != 1 || c.InstallsFinished != 1 {
		t.Fatalf("live counters %+v", live.Server.Counters())
	}
	if c := test.Server.Counters(); c.BackupsStarted != 0 || c.InstallsFinished != 1 {
		t.Fatalf("test counters %+v", c)
	}
	s := w.Snapshot()
	if s.Test.VersionAfter != "8.7.7" || s.Live.VersionAfter != "8.7.7" || len(s.Smoke) != 2 {
		t.Fatalf("snapshot: %+v %+v smoke=%d", s.Test, s.Live, len(s.Smoke))
	}
	// W9: on path A the report lists the test system with its versions.
	if rep := w.Report(); !strings.Contains(rep, "- Test system: version before 8.7.6 → version after 8.7.7") {
		t.Errorf("report lacks the test system row:\n%s", rep)
	}
}

// TestPathA_W5_staleTestSystem: the parity check flags a test system that
// was not refreshed; the step stays due until accepted or refreshed again.
func TestPathA_W5_staleTestSystem(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	test := startSim(t, fastScenario(t, "test-system-stale"), clk.Now)
	w := attachRun(t, clk, live, test)
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathA}, StepParity)
	p, err := w.ParityCheck(ctx)
	must(t, err)
	if p.OK || p.VersionsMatch || len(p.MissingOnTest) != 1 {
		t.Fatalf("W5: parity %+v", p)
	}
	if w.Next() != StepParity {
		t.Fatalf("W5: next %s, want parity", w.Next())
	}
	must(t, w.RedoRefresh())
	if w.Next() != StepRefreshRequest {
		t.Fatalf("W5: after RedoRefresh next=%s", w.Next())
	}
}

// TestStartupOnPremise_R2_localZip: no update package in 1CRM; the vendor
// ZIP is installed like an extension from a local file.
func TestStartupOnPremise_R2_localZip(t *testing.T) {
	w, _, live := startRun(t, "startup-onpremise")
	ctx := context.Background()
	pf := preflightOnPrem(t, ctx, w)
	if pf.Route != RouteVendorWebsite || pf.Blocked {
		t.Fatalf("R2: route %s blocked=%v %+v", pf.Route, pf.Blocked, pf.Verdicts)
	}
	// Spec §1.4, §8: /version answers 403 on Startup and no core patch is
	// listed, so the version is unknown — said so, not "reports version .".
	if pf.Version != "" || pf.VersionSource != "" || !pf.NeedsVersion {
		t.Fatalf("W1: version %q from %q, needs=%v", pf.Version, pf.VersionSource, pf.NeedsVersion)
	}
	vt := verdictText(pf.Verdicts)
	if !strings.Contains(vt, w.tx.VersionUnknown()) || strings.Contains(vt, "reports version .") {
		t.Errorf("W1: unknown version not explained:\n%s", vt)
	}
	zip := buildPackage(t, t.TempDir(), corePatch())
	// W2 without a known version: acceptance and "newer" are not checked
	// here; the check says so (a warning), and the server checks at upload.
	pc, err := w.UsePackageFile(zip)
	must(t, err)
	if !pc.OK || !pc.Uncertain || !strings.Contains(verdictText(pc.Verdicts), w.tx.PackageVersionUnknown()) {
		t.Fatalf("W2 with unknown version: ok=%v uncertain=%v\n%s", pc.OK, pc.Uncertain, verdictText(pc.Verdicts))
	}
	if err := drive(ctx, w, plan{path: PathB, pkgFile: zip}); err != nil {
		t.Fatal(err)
	}
	if s := w.Snapshot(); s.Live.VersionAfter != "8.7.7" {
		t.Errorf("version after %q", s.Live.VersionAfter)
	}
	if c := live.Server.Counters(); c.InstallsFinished != 1 || c.BackupsMade != 1 {
		t.Fatalf("counters %+v", c)
	}
	s := w.Snapshot()
	if s.Smoke[StageLive] == nil {
		t.Fatal("no smoke result")
	}
	for _, c := range s.Smoke[StageLive].Checks {
		if c.Name == "me" || c.Name == "pdf" {
			t.Fatalf("W6: REST checks ran on Startup: %+v", c)
		}
	}
}

// TestStartupCloud_R3_partnerZip: cloud Startup gets its ZIP from the partner.
func TestStartupCloud_R3_partnerZip(t *testing.T) {
	w, _, live := startRun(t, "startup-cloud")
	ctx := context.Background()
	must(t, w.Connect(ctx))
	pf, err := w.Preflight(ctx)
	must(t, err)
	if pf.DeploymentGuess != DeploymentCloud {
		t.Errorf("hosted license row should suggest cloud, got %q", pf.DeploymentGuess)
	}
	pf, err = w.ConfirmDeployment(DeploymentCloud)
	must(t, err)
	if pf.Route != RoutePartnerZIP {
		t.Fatalf("R3: route %s", pf.Route)
	}
	if !strings.Contains(verdictText(pf.Verdicts), DefaultSupportEmail) {
		t.Errorf("R3: advice should name the partner address: %s", verdictText(pf.Verdicts))
	}
	// Spec §1.4, §8: the admin states the version 1CRM shows. A wrong one
	// blocks the package (W2); correcting it checks the package again.
	if pf.Version != "" || !pf.NeedsVersion {
		t.Fatalf("W1: version %q needs=%v", pf.Version, pf.NeedsVersion)
	}
	var ref *Refusal
	if err := w.SetInstalledVersion("latest"); !errors.As(err, &ref) {
		t.Fatalf("no version accepted: %v", err)
	}
	must(t, w.SetInstalledVersion("8.6.4"))
	zip := buildPackage(t, t.TempDir(), corePatch())
	if pc, err := w.UsePackageFile(zip); !errors.As(err, &ref) || pc.OK ||
		!strings.Contains(verdictText(pc.Verdicts), "does not fit the installed version 8.6.4") {
		t.Fatalf("W2 with the stated 8.6.4: %v", err)
	}
	must(t, w.SetInstalledVersion(" 8.7.6 "))
	s := w.Snapshot()
	if s.Package == nil || !s.Package.OK || s.Package.Uncertain || s.Preflight.VersionSource != VersionFromAdmin ||
		s.Live.VersionBefore != "8.7.6" || !strings.Contains(verdictText(s.Preflight.Verdicts), w.tx.VersionStated("8.7.6")) {
		t.Fatalf("W2 after the stated 8.7.6: %+v", s.Package)
	}
	stated := false
	for _, e := range w.j.Entries() {
		if e.Action == "installed_version" && e.Data["version"] == "8.7.6" && e.Data["source"] == VersionFromAdmin {
			stated = true
		}
	}
	if !stated {
		t.Error("W8: the admin's statement of the version is not in the journal")
	}
	if err := drive(ctx, w, plan{path: PathB, pkgFile: zip}); err != nil {
		t.Fatal(err)
	}
	if live.Server.Version() != "8.7.7" {
		t.Fatalf("not updated: %s", live.Server.Version())
	}
}

// TestExpiredSupport_R6_W1_blocksBeforeAnyChange.
func TestExpiredSupport_R6_W1_blocksBeforeAnyChange(t *testing.T) {
	w, _, live := startRun(t, "expired-support")
	ctx := context.Background()
	preflightOnPrem(t, ctx, w)
	pf := w.Snapshot().Preflight
	if !pf.Blocked || !hasRule(pf.Verdicts, "R6", LevelBlock) {
		t.Fatalf("R6: not blocked: %+v", pf.Verdicts)
	}
	if w.Next() != StepPreflight {
		t.Fatalf("R6: next %s", w.Next())
	}
	zip := buildPackage(t, t.TempDir(), corePatch())
	var ref *Refusal
	if _, err := w.UsePackageFile(zip); !errors.As(err, &ref) {
		t.Fatalf("R6: package step allowed while blocked: %v", err)
	}
	c := live.Server.Counters()
	if c.BackupsStarted+c.UploadsReceived+c.Prepares+c.InstallsStarted != 0 {
		t.Fatalf("W1: something changed: %+v", c)
	}
}

// TestExtensionWarnings_R22_explicitAcceptance.
func TestExtensionWarnings_R22_explicitAcceptance(t *testing.T) {
	w, _, _ := startRun(t, "demo")
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepInstall)
	pc := w.Snapshot().Package
	if !pc.ExtensionsUnknown || len(pc.AffectedExtensions) != 3 {
		t.Fatalf("R22: package check %+v", pc)
	}
	must(t, w.Upload(ctx, nil))
	v, err := w.Prepare(ctx)
	must(t, err)
	if !v.NeedsAcceptance || !v.VersionWarnings || !strings.Contains(v.Explanation, "DATEV Export") {
		t.Fatalf("R22: view %+v", v)
	}
	// The names come from the server's warning texts: of the three
	// extensions installed only DATEV Export does not accept 8.7.7.
	if strings.Join(v.AffectedExtensions, ",") != "DATEV Export" ||
		strings.Contains(v.Explanation, "Call Sheets") || strings.Contains(v.Explanation, "German Language Pack") {
		t.Fatalf("R22: extensions named %v, explanation %q", v.AffectedExtensions, v.Explanation)
	}
	warned := false
	for _, st := range v.Steps {
		if st.Status == crmclient.StepWarning && strings.Contains(st.Message, "DATEV Export 2.3.1") {
			warned = true
		}
	}
	if !warned {
		t.Fatalf("R22: warning text not passed through: %+v", v.Steps)
	}
	var ref *Refusal
	if err := w.Install(ctx, nil); !errors.As(err, &ref) || ref.Rule != "R22" {
		t.Fatalf("R22: install before acceptance: %v", err)
	}
	v, err = w.AcceptWarnings(ctx)
	must(t, err)
	if w.Snapshot().Phase != PhaseInstall {
		t.Fatalf("after acceptance phase=%s view=%+v", w.Snapshot().Phase, v)
	}
	found := false
	for _, e := range w.j.Entries() {
		if e.Action == "warnings_accepted" && strings.Contains(e.Data["steps"], "checkSystem") {
			found = true
		}
	}
	if !found {
		t.Fatal("R22: acceptance not journaled")
	}
	// 1CRM now reports the confirmed step as passed; the view keeps what
	// the admin accepted, so the screen does not count it as passed.
	if pv := w.Snapshot().Prepare; pv == nil || !slices.Contains(pv.Accepted, "checkSystem") || slices.Contains(pv.Accepted, precopyStep) {
		t.Fatalf("R22: accepted steps not kept in the view: %+v", pv)
	}
	must(t, w.Install(ctx, nil))
}

// TestBackupFailure_R10_noInstallWithoutBackup.
func TestBackupFailure_R10_noInstallWithoutBackup(t *testing.T) {
	w, _, live := startRun(t, "backup-fails")
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepBackup)
	_, err := w.Backup(ctx, nil, nil)
	var ae *ActionError
	if !errors.As(err, &ae) {
		t.Fatalf("backup should fail: %v", err)
	}
	var ref *Refusal
	if err := w.SkipBackup("no time"); !errors.As(err, &ref) || ref.Rule != "R10" {
		t.Fatalf("R10: skip allowed on path B: %v", err)
	}
	if err := w.Upload(ctx, nil); !errors.As(err, &ref) {
		t.Fatalf("R10: upload allowed without backup: %v", err)
	}
	if err := w.Install(ctx, nil); !errors.As(err, &ref) {
		t.Fatalf("R10: install allowed without backup: %v", err)
	}
	must(t, w.ReportProblem("backup keeps failing"))
	if w.Next() != StepProblems {
		t.Fatalf("next %s", w.Next())
	}
	m := w.ProblemMail()
	if !strings.Contains(m.Body, "backup keeps failing") {
		t.Fatalf("mail lacks the note: %s", m.Body)
	}
	must(t, w.ProblemsReported())
	must(t, w.Finish())
	if c := live.Server.Counters(); c.UploadsReceived+c.InstallsStarted != 0 {
		t.Fatalf("R10: server changed without backup: %+v", c)
	}
}

// TestInstallFailsHalfway_R13_R14_R16_R19_problemMail.
func TestInstallFailsHalfway_R13_R14_R16_R19_problemMail(t *testing.T) {
	w, _, live := startRun(t, "install-fails")
	ctx := context.Background()
	err := drive(ctx, w, plan{path: PathB})
	var ae *ActionError
	if !errors.As(err, &ae) || ae.Step != StepInstall {
		t.Fatalf("install should fail: %v", err)
	}
	if w.Next() != StepInstall || w.Snapshot().Phase != PhaseInstall {
		t.Fatalf("next=%s phase=%s", w.Next(), w.Snapshot().Phase)
	}
	must(t, w.ReportProblem("install stopped at step 3"))
	m := w.ProblemMail()
	s := w.Snapshot()
	for _, want := range []string{
		s.Backups[0].Entry.Name, // R14: own backup named
		"23:00",                 // R16
		"16:00",                 // R13
		"1–2",                   // R19
		"Backup einspielen",     // R20
		"install stopped at step 3",
	} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("problem mail lacks %q:\n%s", want, m.Body)
		}
	}
	if !strings.HasPrefix(m.MailtoURL, "mailto:"+DefaultSupportEmail+"?subject=") {
		t.Errorf("mailto %s", m.MailtoURL)
	}
	must(t, w.ProblemsReported())
	must(t, w.Finish())
	if c := live.Server.Counters(); c.InstallsStarted != 1 {
		t.Fatalf("install repeated: %+v", c)
	}
}

// TestChecklistProblems_R9_R23_pathA: a problem on the test system goes to
// the partner; live stays untouched (R9).
func TestChecklistProblems_R9_R23_pathA(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	test := startSim(t, fastScenario(t, "test-system"), clk.Now)
	w := attachRun(t, clk, live, test)
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathA}, StepChecklist)
	items := w.ChecklistItems()
	var ref *Refusal
	if err := w.FinishChecklist(); !errors.As(err, &ref) || ref.Rule != "R23" {
		t.Fatalf("R23: finish with open items: %v", err)
	}
	if err := w.GoLive(); !errors.As(err, &ref) {
		t.Fatalf("R9: go-live before the test: %v", err)
	}
	for i, it := range items {
		st, note := AnswerPassed, ""
		if i == 4 {
			st, note = AnswerProblem, "quote PDF shows no logo"
		}
		must(t, w.Answer(it.ID, st, note))
	}
	must(t, w.FinishChecklist())
	if w.Next() != StepProblems {
		t.Fatalf("next %s", w.Next())
	}
	m := w.ProblemMail()
	if !strings.Contains(m.Body, "quote PDF shows no logo") || !strings.Contains(m.Body, "live system") {
		t.Fatalf("mail: %s", m.Body)
	}
	must(t, w.ProblemsReported())
	must(t, w.Finish())
	if live.Server.Version() != "8.7.6" || live.Server.Counters().UploadsReceived != 0 {
		t.Fatal("R9: live was touched")
	}
	rep := w.Report()
	if !strings.Contains(rep, "quote PDF shows no logo") {
		t.Fatal("W9: report lacks the checklist note")
	}
}

func verdictText(vs []Verdict) string {
	var b strings.Builder
	for _, v := range vs {
		b.WriteString(v.Rule + " " + v.Title + " " + v.Detail + " " + v.Advice + "\n")
	}
	return b.String()
}

func hasRule(vs []Verdict, rule string, lvl Level) bool {
	for _, v := range vs {
		for _, r := range strings.Split(v.Rule, ",") {
			if r == rule && v.Level == lvl {
				return true
			}
		}
	}
	return false
}

// TestFailureScenarios: the simulator's injected failures end in the step
// and with the typed error a UI can explain; resilient cases finish.
func TestFailureScenarios_W1_W6_R21(t *testing.T) {
	cases := []struct {
		scenario string
		step     StepID
		is       error // nil: the run finishes
		blocked  bool  // preflight blocks (nothing changes)
	}{
		{scenario: "wrong-password", step: StepConnect, is: crmclient.ErrWrongPassword},
		// Issue 10: uploads off no longer block; the install goes to the
		// admin in the browser (License page) or the partner.
		{scenario: "hosted-upload-disabled", step: StepInstall, is: ErrHandedOver},
		{scenario: "upload-limit", step: StepInstall, is: crmclient.ErrUploadNotAccepted},
		{scenario: "permissions-error", step: StepInstall, is: crmclient.ErrPrepareFailed},
		{scenario: "session-expiry"},
		{scenario: "csrf-token"},
		{scenario: "professional-expiring"},
	}
	for _, tc := range cases {
		t.Run(tc.scenario, func(t *testing.T) {
			clk := &testClock{t: tuesday9()}
			sc := fastScenario(t, tc.scenario)
			if tc.scenario == "upload-limit" {
				sc.Updates[0].PaddingBytes = 12 << 20 // above the 8 MB post_max_size
			}
			live := startSim(t, sc, clk.Now)
			w := attachRun(t, clk, live, nil)
			retries := 0
			err := drive(context.Background(), w, plan{path: PathB, onError: func(step StepID, err error) error {
				// An expired admin session is the admin's "retry" case: the
				// client never repeats a POST by itself (spec §2).
				if errors.Is(err, crmclient.ErrSessionExpired) && retries < 5 {
					retries++
					return nil
				}
				return err
			}})
			switch {
			case tc.blocked:
				if err == nil || !strings.Contains(err.Error(), "blocked") || w.Next() != StepPreflight {
					t.Fatalf("want a preflight block, got %v (next %s)", err, w.Next())
				}
			case tc.is != nil:
				var ae *ActionError
				if !errors.As(err, &ae) || ae.Step != tc.step || !errors.Is(err, tc.is) {
					t.Fatalf("want %v at %s, got %v", tc.is, tc.step, err)
				}
				if w.Next() != tc.step {
					t.Fatalf("the failed step must stay due: next %s", w.Next())
				}
				if len(w.Snapshot().Errors) == 0 {
					t.Fatal("error not recorded for the report")
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				if c := live.Server.Counters(); c.InstallsStarted != 1 || c.InstallsFinished != 1 || c.BackupsMade != 1 {
					t.Fatalf("W8: server changes not exactly once after %d retries: %+v", retries, c)
				}
			}
			if tc.step == StepPreflight || tc.step == StepConnect {
				if c := live.Server.Counters(); c.BackupsStarted+c.UploadsReceived+c.InstallsStarted != 0 {
					t.Fatalf("W1: server changed: %+v", c)
				}
			}
		})
	}
}
