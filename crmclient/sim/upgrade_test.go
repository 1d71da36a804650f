package sim

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// stepPage is one upgrade.php step page as a client reads it.
type stepPage struct {
	heading, outcome string
	lines            []string // the result block's text lines
	script, ret      bool     // ends with the script location / the Return button
	next, retry      url.Values
}

func parseStep(t *testing.T, body string) stepPage {
	t.Helper()
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	sp := stepPage{heading: strings.TrimSpace(doc.Find("h3").First().Text())}
	blk := doc.Find("h4").First().Parent()
	sp.outcome = strings.TrimSpace(blk.Find("h4").Text())
	blk.ChildrenFiltered("div").Each(func(_ int, d *goquery.Selection) { sp.lines = append(sp.lines, strings.TrimSpace(d.Text())) })
	sp.script = strings.Contains(body, "<script>document.location.href='upgrade.php';</script>")
	doc.Find("button").Each(func(_ int, btn *goquery.Selection) {
		if strings.TrimSpace(btn.Text()) == "Return to Packages List" {
			sp.ret = true
		}
	})
	doc.Find("form").Each(func(_ int, f *goquery.Selection) {
		v := hiddenInputs(f)
		if v.Get("uw_step") == "" {
			return
		}
		if v.Get("retry") == "1" {
			sp.retry = v
		} else {
			sp.next = v
		}
	})
	return sp
}

// driveScript follows upgrade.php like a browser runs the script flow:
// GET upgrade.php again while the page ends with the script location. It
// returns the step pages; it stops at the final page or a failed step.
func driveScript(t *testing.T, b *browser) []stepPage {
	t.Helper()
	var pages []stepPage
	for hop := 0; hop < 20; hop++ {
		resp, body := b.get("upgrade.php")
		if resp.StatusCode == http.StatusFound {
			if loc := resp.Header.Get("Location"); loc != listPath {
				t.Fatalf("upgrade.php redirect %q", loc)
			}
			return pages
		}
		sp := parseStep(t, body)
		pages = append(pages, sp)
		if !sp.script {
			return pages
		}
	}
	t.Fatal("script chain did not end")
	return nil
}

// driveForm follows the form flow: the first GET runs step 1, then the
// "Next" form is posted while there is one.
func driveForm(t *testing.T, b *browser) []stepPage {
	t.Helper()
	_, body := b.get("upgrade.php")
	sp := parseStep(t, body)
	pages := []stepPage{sp}
	for hop := 0; sp.next != nil && hop < 20; hop++ {
		if sp.script {
			t.Fatal("form flow page has a script location")
		}
		_, body = b.post("index.php", sp.next)
		sp = parseStep(t, body)
		pages = append(pages, sp)
	}
	return pages
}

// driveXHR runs the xhr flow's script by hand: the progress page, then
// POST upgrade.php?ajax=1&step=N as long as the answer names a next step.
func driveXHR(t *testing.T, b *browser) []map[string]any {
	t.Helper()
	_, body := b.get("upgrade.php")
	mustContain(t, body, "upgrade.php?ajax=1&step=")
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	if doc.Find("form, a[href*=upgrade], meta[http-equiv]").Length() != 0 || strings.Contains(body, "document.location.href='upgrade.php'") {
		t.Fatal("xhr progress page offers a form, link, refresh or location")
	}
	var out []map[string]any
	for n := 1; n > 0 && len(out) < 20; {
		_, res := b.postJSON("upgrade.php?ajax=1&step="+itoa(n), nil)
		out = append(out, res)
		next, _ := res["next"].(float64)
		n = int(next)
	}
	return out
}

// prepareCore uploads the scenario's core update and accepts its warnings
// like a browser; it returns the finished page.
func prepareCore(t *testing.T, b *browser, r *Running) string {
	t.Helper()
	name, data := downloadUpdate(t, r)
	_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	_, page := b.post("index.php", rowForm(t, body, "1CRM 8.7.7 Update", "prepare_install"))
	for i := 0; i < 5; i++ {
		pp := parsePrepare(t, page)
		if len(pp.finishedForms) > 0 {
			return page
		}
		page = proceedAsBrowser(t, b, pp)
	}
	t.Fatal("prepare did not finish")
	return ""
}

var coreSteps = []string{"Step 1: Commit changes", "Step 2: Migrate settings", "Step 3: Rebuild search index", "Step 4: Postcommit", "Step 5: Final clean up"}

// §5.4 and issue 7 failure 5: every upgrade.php flow, driven as a browser
// would, in both dialects, runs all steps to the cleanup and clears the
// lock; a core update changes /version.
func TestUpgradeFlowsReachCleanup(t *testing.T) {
	for _, dialect := range Dialects() {
		for _, flow := range UpgradeFlows() {
			t.Run(dialect+"/"+flow, func(t *testing.T) {
				r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Dialect, sc.UpgradeFlow = dialect, flow }))
				b := adminBrowser(t, r)
				page := prepareCore(t, b, r)
				_, page = b.post("index.php", formOf(t, page, "perform", "install"))
				if text(page) == "" || !strings.Contains(page, "Redirecting to complete the installation...<script>document.location.href='upgrade.php';</script>") {
					t.Fatalf("install answer:\n%s", page)
				}
				if !r.Server.InProgress() {
					t.Fatal("lock not set")
				}
				var headings []string
				var lastLines []string
				switch flow {
				case FlowXHR:
					for _, res := range driveXHR(t, b) {
						headings = append(headings, "Step "+itoa(int(res["step"].(float64)))+": "+res["label"].(string))
						lastLines = nil
						for _, m := range res["messages"].([]any) {
							lastLines = append(lastLines, m.(string))
						}
					}
				default:
					pages := map[string]func(*testing.T, *browser) []stepPage{FlowScript: driveScript, FlowForm: driveForm}[flow](t, b)
					for _, sp := range pages {
						headings = append(headings, sp.heading)
						if sp.outcome != "Step completed successfully." {
							t.Errorf("%s: %q", sp.heading, sp.outcome)
						}
					}
					last := pages[len(pages)-1]
					lastLines = last.lines
					if !last.ret || last.script || last.next != nil {
						t.Errorf("final page %+v", last)
					}
				}
				if strings.Join(headings, "|") != strings.Join(coreSteps, "|") {
					t.Errorf("steps %v", headings)
				}
				if len(lastLines) == 0 || lastLines[len(lastLines)-1] != "Restored system access for users" {
					t.Errorf("cleanup lines %v", lastLines)
				}
				if r.Server.InProgress() || r.Server.Version() != "8.7.7" {
					t.Errorf("lock %v version %s", r.Server.InProgress(), r.Server.Version())
				}
				if resp, _ := b.get("upgrade.php"); resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != listPath {
					t.Errorf("upgrade.php after the end: %d", resp.StatusCode)
				}
				_, list := b.get(listPath)
				if _, ok := findPkg(parseList(t, list, "Installed Packages"), "1CRM 8.7.7 Update"); !ok || len(parseList(t, list, "Uploaded Packages")) != 0 {
					t.Errorf("lists after install:\n%s", text(list))
				}
				if c := r.Server.Counters(); c.InstallsStarted != 1 || c.InstallsFinished != 1 || c.InstallsUnprepared != 0 {
					t.Errorf("counters %+v", c)
				}
			})
		}
	}
}

// Issue 7 failure 5: a client that only follows GETs and script locations
// stops after step 1 in the form flow and never leaves the progress page
// in the xhr flow; the install stays locked.
func TestFormAndXHRFlowsNeedTheirDriver(t *testing.T) {
	for _, flow := range []string{FlowForm, FlowXHR} {
		r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.UpgradeFlow = flow }))
		b := adminBrowser(t, r)
		b.startInstall(t)
		for i := 0; i < 3; i++ {
			_, body := b.get("upgrade.php")
			mustNotContain(t, body, "document.location.href")
		}
		if !r.Server.InProgress() {
			t.Errorf("%s: lock cleared without the driver", flow)
		}
		if flow == FlowForm {
			_, body := b.get("upgrade.php")
			if sp := parseStep(t, body); sp.heading != "Step 1: Commit changes" || sp.next.Get("uw_step") != "2" {
				t.Errorf("form flow page %+v", sp)
			}
		}
	}
}

// §5.4 injected failure: LBL_STEP_FAILED with the error, the Retry form,
// no way on; the lock stays, the package stays under Uploaded.
func TestInstallStepFails(t *testing.T) {
	r, _ := startSim(t, scenario(t, "install-fails"))
	b := adminBrowser(t, r)
	b.startInstall(t)
	pages := driveScript(t, b)
	sp := pages[len(pages)-1]
	if len(pages) != 1 || sp.heading != "Step 1: Commit changes" ||
		sp.outcome != "This step cannot be completed. Please fix the errors below, and retry." || sp.script || sp.retry == nil ||
		sp.retry.Get("uw_step") != "1" || !strings.HasPrefix(sp.lines[0], "Cannot copy modules/Accounts/Account.php") {
		t.Fatalf("failed step %+v", sp)
	}
	// Asking again shows the failure again; a Retry fails again.
	if again := driveScript(t, b); len(again) != 1 || again[0].retry == nil {
		t.Errorf("after the failure: %+v", again)
	}
	_, body := b.post("index.php", sp.retry)
	if parseStep(t, body).retry == nil {
		t.Error("retry did not fail again")
	}
	_, list := b.get(listPath)
	if _, ok := findPkg(parseList(t, list, "Uploaded Packages"), "Ext exNew"); !ok || !r.Server.InProgress() {
		t.Errorf("after failure: lock %v\n%s", r.Server.InProgress(), text(list))
	}
	mustContain(t, text(list), "An upgrade is in progress")
	if c := r.Server.Counters(); c.InstallsFailed != 2 || c.InstallsFinished != 0 {
		t.Errorf("counters %+v", c)
	}
	// A failure after the commit: the package is installed, the lock stays.
	r2, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Faults.InstallFailStep = 3 }))
	b2 := adminBrowser(t, r2)
	_, page := b2.post("index.php", formOf(t, prepareCore(t, b2, r2), "perform", "install"))
	mustContain(t, page, "upgrade.php")
	pages = driveScript(t, b2)
	if len(pages) != 3 || pages[2].retry == nil || !r2.Server.InProgress() || r2.Server.Version() != "8.7.7" {
		t.Errorf("failure at step 3: %d pages, lock %v, version %s", len(pages), r2.Server.InProgress(), r2.Server.Version())
	}
}

// §10.1 stalled install: step 2 answers a blank page once; the install
// stays stuck (lock set, non-admins locked out) until requested again.
func TestInstallStallsUntilStepRequestedAgain(t *testing.T) {
	r, _ := startSim(t, scenario(t, "install-stalls"))
	b := adminBrowser(t, r)
	b.startInstall(t)
	if pages := driveScript(t, b); len(pages) != 2 || pages[0].heading != "Step 1: Commit changes" || pages[1].heading != "" {
		t.Fatalf("pages %+v", pages)
	}
	if !r.Server.InProgress() {
		t.Fatal("not stuck")
	}
	nb := newBrowser(t, r.URL)
	if resp := nb.login(NonAdminUser, NonAdminPassword); resp.Header.Get("Location") != "index.php" {
		t.Errorf("non-admin login during a stalled install: %q", resp.Header.Get("Location"))
	}
	if pages := driveScript(t, b); len(pages) != 1 || pages[0].heading != "Step 2: Final clean up" || !pages[0].ret {
		t.Fatalf("resume %+v", pages)
	}
	if r.Server.InProgress() || r.Server.Counters().InstallsFinished != 1 {
		t.Error("did not finish")
	}
}

// Only the client can stop an install without a finished prepare (7.x
// beginInstall does not check): the counter shows it.
func TestUnpreparedInstallIsCounted(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	name, data := downloadUpdate(t, r)
	_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	prep := rowForm(t, body, "1CRM 8.7.7 Update", "prepare_install")
	_, page := b.post("index.php", prep) // precopy warning, not accepted
	mustContain(t, page, "icon-ledyellow")
	install := url.Values{"module": {"UWizard"}, "action": {"index"}, "perform": {"install"}, "source": {prep.Get("source")}}
	_, page = b.post("index.php", install)
	mustContain(t, page, "document.location.href='upgrade.php'")
	c := r.Server.Counters()
	if c.InstallsStarted != 1 || c.InstallsUnprepared != 1 {
		t.Errorf("counters %+v", c)
	}
	// A second perform=install while the lock is set is counted too.
	b.post("index.php", install)
	if c := r.Server.Counters(); c.InstallsStarted != 2 {
		t.Errorf("second start not counted: %+v", c)
	}
}

// U6: the conditions the page script fills in reach the install; the
// form as the HTML has it (conditions="") installs none of them.
func TestConditionsReachTheInstall(t *testing.T) {
	for _, viaScript := range []bool{true, false} {
		r, _ := startSim(t, scenario(t, "demo"))
		b := adminBrowser(t, r)
		b.upload(b.uploadForm(), "exNew-1.0.zip", bytes.NewReader(packageZip(t, extWithConditions("exNew", "1.0", "modules", "custom"))))
		_, list := b.get(listPath)
		form := rowForm(t, list, "Ext exNew", "prepare_install")
		if !viaScript {
			form.Set("conditions", "")
		}
		_, page := b.post("index.php", form)
		b.post("index.php", formOf(t, page, "perform", "install"))
		driveScript(t, b)
		got := strings.Join(r.Server.InstalledConditions()["Ext exNew 1.0"], ",")
		want := map[bool]string{true: "modules,custom", false: ""}[viaScript]
		if got != want {
			t.Errorf("viaScript=%v: installed conditions %q, want %q", viaScript, got, want)
		}
	}
}

// The offered extension update (extension-update) carries conditions and
// a commit hook: 3 steps.
func TestExtensionUpdateWithHook(t *testing.T) {
	r, _ := startSim(t, scenario(t, "extension-update"))
	b := adminBrowser(t, r)
	name, data := downloadUpdateN(t, r, 1)
	_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	p, _ := findPkg(parseList(t, body, "Uploaded Packages"), "DATEV Export")
	if len(p.conditions) != 2 || p.rows != 5 {
		t.Fatalf("row %+v", p)
	}
	_, page := b.post("index.php", rowForm(t, body, "DATEV Export", "prepare_install"))
	b.post("index.php", formOf(t, page, "perform", "install"))
	pages := driveScript(t, b)
	if len(pages) != 3 || pages[1].heading != "Step 2: Register export" {
		t.Errorf("pages %+v", pages)
	}
	if got := r.Server.InstalledConditions()["DATEV Export 2.4.0"]; strings.Join(got, ",") != "dropdowns,layout" {
		t.Errorf("conditions %v", got)
	}
}

// §10.1 "500 after the update (broken instance)".
func TestBrokenAfterUpdate(t *testing.T) {
	r, _ := startSim(t, scenario(t, "broken-after-update"))
	tok := passwordToken(t, r)["access_token"].(string)
	if st, _ := api(t, "GET", r.URL+"/api.php/data/Account?limit=1", tok, nil); st != 200 {
		t.Fatalf("before: %d", st)
	}
	b := adminBrowser(t, r)
	b.startInstall(t)
	driveScript(t, b)
	if r.Server.InProgress() {
		t.Fatal("install did not finish")
	}
	if st, _ := api(t, "GET", r.URL+"/api.php/data/Account?limit=1", tok, nil); st != 500 {
		t.Errorf("after: %d", st)
	}
	if st, _ := api(t, "GET", r.URL+"/api.php/version", "", nil); st != 200 {
		t.Errorf("/version after: %d", st)
	}
}

// §10.2 q1: whether /version shows the build is unknown; both conventions.
func TestCoreUpdateWithBuildSuffix(t *testing.T) {
	for _, showBuild := range []bool{false, true} {
		r, _ := startSim(t, scenario(t, "enterprise-cloud", func(sc *Scenario) { sc.API.VersionShowsBuild = showBuild }))
		b := adminBrowser(t, r)
		b.post("index.php", formOf(t, prepareCore(t, b, r), "perform", "install"))
		if pages := driveScript(t, b); len(pages) != 5 {
			t.Errorf("steps %d", len(pages))
		}
		want := map[bool]string{false: "8.7.7", true: "8.7.7-318"}[showBuild]
		if _, v := api(t, "GET", r.URL+"/api.php/version", "", nil); v["version"] != want {
			t.Errorf("showBuild=%v: /version %v, want %s", showBuild, v["version"], want)
		}
		// The 8.7.7 package does not accept the new version: ERR_INVALID_VERSION.
		name, data := downloadUpdate(t, r)
		_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
		mustContain(t, text(body), "but current version is "+want)
	}
}
