package steps

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
)

// W8: the journaled install address never carries a session id or a
// credential, and only upgrade.php addresses are kept.
func TestJournalURL_W8_noSessionOrSecret(t *testing.T) {
	cases := map[string]string{
		"https://crm.example.com/1crm/upgrade.php?uw_run=ab12&step=3":                                  "https://crm.example.com/1crm/upgrade.php?uw_run=ab12&step=3",
		"https://admin:pw@crm.example.com/upgrade.php?step=3&PHPSESSID=abc&uw_run=ab12#x":              "https://crm.example.com/upgrade.php?step=3&uw_run=ab12",
		"https://crm.example.com/upgrade.php?uw_run=ab12&sid=1&csrf_token=2&session_id=3&api_secret=4": "https://crm.example.com/upgrade.php?uw_run=ab12",
		"https://crm.example.com/index.php?module=UWizard":                                             "",
		"upgrade.php?uw_run=ab12": "",
	}
	for in, want := range cases {
		if got := journalURL(in); got != want {
			t.Errorf("journalURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// R22 from the real warning texts (spec §5.3): the extensions named are
// those the texts mention; the blanket assumption "a core update with
// extensions warns about them" is only the fallback for warnings that
// come without any text.
func TestExplain_R22_namesFromWarningTexts(t *testing.T) {
	w := openWizard(t, t.TempDir(), tuesday9)
	must(t, w.StartNew())
	w.st.Preflight = &Preflight{Extensions: []crmclient.InstalledPackage{
		{Name: "Call Sheets", Type: "module", Version: "1.4.2"},
		{Name: "DATEV Export", Type: "module", Version: "2.3.1"},
		{Name: "Route Planner", Type: "module", Version: "1.0.0"},
	}}
	core := &PackageCheck{Name: "1CRM 8.7.7 Update", Type: "patch", Version: "8.7.7", Core: true,
		AffectedExtensions: []string{"Call Sheets", "DATEV Export", "Route Planner"}}
	module := &PackageCheck{Name: "Route Planner", Type: "module", Version: "1.1.0"}
	warn := func(msgs ...string) *crmclient.PrepareResult {
		r := &crmclient.PrepareResult{Steps: []crmclient.PrepareStep{{Name: "unzipPackage", Status: crmclient.StepSuccess, Message: "ok"}}}
		for _, m := range msgs {
			r.Steps = append(r.Steps, crmclient.PrepareStep{Name: "checkSystem", Status: crmclient.StepWarning, Message: m})
		}
		return r
	}
	cases := []struct {
		name     string
		res      *crmclient.PrepareResult
		pc       *PackageCheck
		version  bool
		names    string
		explains string // substring of the explanation
	}{
		{"english text names two", warn("Installed extension DATEV Export 2.3.1 does not declare compatibility with 1CRM 8.7.7.\n" +
			"Installed extension Route Planner 1.0.0 does not declare compatibility with 1CRM 8.7.7."),
			core, true, "DATEV Export,Route Planner", "DATEV Export, Route Planner"},
		{"german text", warn("Die installierte Erweiterung DATEV Export 2.3.1 gibt keine Kompatibilität mit 1CRM 8.7.7 an."),
			core, true, "DATEV Export", "DATEV Export"},
		{"version text naming nothing known", warn("An installed extension does not declare compatibility with 1CRM 8.7.7."),
			core, true, "", "extensions were built"},
		{"unrelated warning", warn("memory_limit is 64M; 128M recommended"), core, false, "", "Read them"},
		{"not a core update", warn("Installed extension Route Planner 1.0.0 does not declare compatibility with 1CRM 8.7.7."),
			module, false, "Route Planner", "Read them"},
		{"no text at all: fallback", warn(""), core, true, "", "Call Sheets, DATEV Export, Route Planner"},
	}
	for _, tc := range cases {
		v := w.explain(tc.res, tc.pc)
		if !v.NeedsAcceptance || v.VersionWarnings != tc.version || strings.Join(v.AffectedExtensions, ",") != tc.names ||
			!strings.Contains(v.Explanation, tc.explains) {
			t.Errorf("%s: version=%v names=%q explanation=%q", tc.name, v.VersionWarnings, v.AffectedExtensions, v.Explanation)
		}
	}
	if strings.Contains(w.explain(warn("Installed extension DATEV Export 2.3.1 does not declare compatibility with 1CRM 8.7.7."), core).Explanation, "Call Sheets") {
		t.Error("an extension the texts do not name is listed")
	}
}

// W8 in one process: the admin cancels while upgrade.php is being followed
// (the server keeps the install in progress); Install again continues from
// the journaled address instead of posting perform=install a second time.
func TestInstall_W8_cancelThenContinue(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	sc := fastScenario(t, "demo")
	sc.Timings.InstallStep = sim.Duration(40 * time.Millisecond)
	live := startSim(t, sc, clk.Now)
	w := attachRun(t, clk, live, nil)
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepInstall)
	must(t, w.Upload(ctx, nil))
	if _, err := w.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AcceptWarnings(ctx); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	err := w.Install(cctx, func(p crmclient.InstallProgress) {
		if p.Step == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || !live.Server.InProgress() {
		t.Fatalf("cancel: err=%v in progress=%v", err, live.Server.InProgress())
	}
	var steps []int
	must(t, w.Install(ctx, func(p crmclient.InstallProgress) {
		if p.Step > 0 && (len(steps) == 0 || steps[len(steps)-1] != p.Step) {
			steps = append(steps, p.Step)
		}
	}))
	c := live.Server.Counters()
	if c.InstallsStarted != 1 || c.InstallsFinished != 1 || live.Server.InProgress() || live.Server.Version() != "8.7.7" {
		t.Fatalf("counters %+v in progress %v version %s", c, live.Server.InProgress(), live.Server.Version())
	}
	if len(steps) == 0 || steps[0] != 3 {
		t.Fatalf("continued with steps %v, want from step 3 on", steps)
	}
	if s := w.Snapshot(); s.Phase != PhaseInstalled || s.Live.VersionAfter != "8.7.7" {
		t.Fatalf("phase %s version after %q", s.Phase, s.Live.VersionAfter)
	}
}
