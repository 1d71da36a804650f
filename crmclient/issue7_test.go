package crmclient

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Regression tests for the six failures of issue 7 ("the real 1CRM pages,
// not our picture of them"), one per numbered failure, against the fake
// that renders the real 7.x structure (and current 1CRM's login where it
// matters). Page-level companions are in pages_test.go.

// Failure 1: a core update was installed without showing a single
// warning — the warning form (a "Proceed" button appending the step to
// confirm, perform=prepare_install) was taken for the install form.
func TestFailure1_CoreUpdateInstalledWithoutWarnings(t *testing.T) {
	f := newFake(t)
	const src = "cache/upgrades/patch/1crm-8.7.7.zip"
	f.uploaded = []fakePkg{{Name: "1CRM Update", Type: "patch", Version: "8.7.7", Source: src}}
	f.coreTarget = "8.7.7"
	// The real sequence of a core patch: precopy ends as a restart warning,
	// then checkSystem warns about installed extensions (R22).
	f.onPrepare = func(f *fake, form url.Values) prepView {
		c := form.Get("confirm")
		steps := []fakeStep{okStep("unzipPackage", "Unzip the Package")}
		switch {
		case !strings.Contains(c, "precopy"):
			return prepView{Steps: append(steps, fakeStep{Name: "precopy", Label: "Pre-Copy Upgrade Files", Status: "warning",
				Message: "Early installation files were copied successfully, but the upgrade process needs to be restarted."})}
		case !strings.Contains(c, "checkSystem"):
			return prepView{Steps: append(steps, fakeStep{Name: "checkSystem", Label: "Check System Configuration", Status: "warning",
				Message: "One or more configuration issues were found.", Rows: [][2]string{{"DATEV Export", extWarning}}})}
		}
		return prepView{Finished: true, Steps: append(steps, okStep("checkSystem", "Check System Configuration"), okStep("checkPermissions", "Check File Permissions"))}
	}
	target := InstallTarget{Name: "1CRM Update", Type: "patch", Version: "8.7.7", Core: true}
	c := f.client(t, nil)

	res, err := c.Prepare(ctxT(t), src, nil)
	if err != nil || res.CanProceed || strings.Join(res.Warnings(), ",") != "precopy" {
		t.Fatalf("round 1: %+v %v", res, err)
	}
	// The admin has not confirmed anything: Install must not go ahead.
	err = c.Install(ctxT(t), src, target, nil)
	if !errors.Is(err, ErrPrepareFailed) || f.installPost != 0 {
		t.Fatalf("install without confirmation: %v (%d install POSTs)", err, f.installPost)
	}
	for _, p := range f.posts {
		if p.Get("perform") == "install" {
			t.Fatalf("perform=install posted: %v", p)
		}
	}
	res, err = c.Prepare(ctxT(t), src, []string{"precopy"})
	if err != nil || res.CanProceed || strings.Join(res.Warnings(), ",") != "checkSystem" ||
		!strings.Contains(res.Steps[1].Message, "DATEV Export: "+extWarning) {
		t.Fatalf("round 2 must show the extension warning: %+v %v", res, err)
	}
	res, err = c.Prepare(ctxT(t), src, []string{"checkSystem"})
	if err != nil || !res.CanProceed {
		t.Fatalf("round 3: %+v %v", res, err)
	}
	if err := c.Install(ctxT(t), src, target, nil); err != nil {
		t.Fatal(err)
	}
	if f.installPost != 1 || f.version != "8.7.7" {
		t.Fatalf("%d install POSTs, version %s", f.installPost, f.version)
	}
}

// Failure 1, the form itself: a page whose only Proceed form posts
// perform=prepare_install never becomes the install form, whatever its
// button says.
func TestFailure1_WarningFormIsNeverPostedAsInstall(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	warn := string(fixture(t, "7x", "prepare_checksystem_warning.html"))
	warn = strings.ReplaceAll(warn, "cache/upgrades/patch/1crm-8.7.7-update.zip", csSource)
	f.onPrepareRaw = func(w http.ResponseWriter) { _, _ = w.Write([]byte(warn)) }
	c := f.client(t, nil)
	res, err := c.Prepare(ctxT(t), csSource, nil)
	if err != nil || res.CanProceed || c.ProceedReady(csSource) {
		t.Fatalf("%+v %v", res, err)
	}
	if err := c.Install(ctxT(t), csSource, csTarget, nil); !errors.Is(err, ErrPrepareFailed) {
		t.Fatalf("install: %v", err)
	}
	if f.installPost != 0 {
		t.Fatal("the warning form was posted as the install form")
	}
}

// Failure 2: a wrong password counted as a successful login (7.x
// Authenticate answers Location: index.php for both outcomes), and every
// "session expired" retry was another failed login.
func TestFailure2_WrongPasswordCountedAsLogin(t *testing.T) {
	f := newFake(t) // 7x: Authenticate answers plain index.php on failure
	c := f.client(t, func(c *Config) { c.Password = "not-the-password" })
	err := c.Login(ctxT(t))
	if !errors.Is(err, ErrWrongPassword) || !strings.Contains(err.Error(), "password") {
		t.Fatalf("err = %v, want ErrWrongPassword saying \"password\"", err)
	}
	for i := 0; i < 5; i++ {
		if _, err := c.Packages(ctxT(t)); !errors.Is(err, ErrWrongPassword) {
			t.Fatalf("Packages: %v", err)
		}
	}
	if f.logins != 1 {
		t.Fatalf("%d login attempts reached the server, want 1", f.logins)
	}
}

// Failure 3: description and status rows were read as packages (three
// rows per package in the real list): 3 uploaded / 8 installed for 1 / 4.
func TestFailure3_DescriptionAndStatusRowsReadAsPackages(t *testing.T) {
	f := newFake(t)
	f.lang = "de"
	f.uploaded = []fakePkg{{Name: "Call Sheets", Type: "module", Version: "1.4.2", Description: "Call lists.",
		Source: "cache/upgrades/module/cs.zip", Conditions: []string{"modules", "dropdowns", "layout"}}}
	f.installed = []fakePkg{
		{Name: "1CRM Update", Type: "patch", Version: "8.7.6", Description: "Release."},
		{Name: "Portal Extras", Type: "module", Version: "3.2.13", Description: "Portal.", Source: "pe.zip"},
		{Name: "Deutsch", Type: "langpack", Version: "7.5.1", Description: "Sprache."},
		{Name: "Ocean", Type: "theme", Version: "1.0", Description: "Theme."},
	}
	l, err := f.client(t, nil).Packages(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Uploaded) != 1 || len(l.Installed) != 4 {
		t.Fatalf("%d uploaded / %d installed, want 1 / 4: %+v", len(l.Uploaded), len(l.Installed), l)
	}
	for _, in := range l.Installed {
		if in.Name == "" || in.Version == "" || strings.Contains(in.Name, ".") {
			t.Errorf("bogus package %+v", in)
		}
	}
	if FindInstalled(l, "Deutsch", "langpack", "7.5.1") == nil || FindInstalled(l, "Ocean", "theme", "1.0") == nil {
		t.Error("German type labels (Sprache, Design Thema) do not match the manifest codes")
	}
}

// Failure 4: a successful upload was reported as "already installed" —
// the message box sits in a layout table cell, and an old package's
// ERR_OUTDATED status matched first.
func TestFailure4_UploadReportedAsAlreadyInstalled(t *testing.T) {
	for _, d := range dialects {
		f := fakeIn(t, d)
		f.uploaded = []fakePkg{{Name: "Portal Extras", Type: "module", Version: "3.2.9", Source: "cache/upgrades/module/pe-3.2.9.zip",
			Status: "Same or newer version is already installed"}}
		path := sparseFile(t, "callsheets-1.4.2.zip", 2048)
		if err := f.client(t, nil).Upload(ctxT(t), path, nil); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
	}
}

// Failure 5: an upgrade.php that advances by a "Next" form stopped after
// step 1 while the wizard said "[OK] installed" and 1CRM stayed locked;
// an XHR-driven upgrade.php made it wait 60 minutes with no hint.
func TestFailure5_NextFormChainStoppedAfterStep1(t *testing.T) {
	f := newFake(t)
	f.flow, f.steps = "form", 4
	samplePackages(f)
	c := f.client(t, nil)
	if _, err := c.Prepare(ctxT(t), csSource, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Install(ctxT(t), csSource, csTarget, nil); err != nil {
		t.Fatal(err)
	}
	if f.stepsDone != 4 || f.inProgress {
		t.Fatalf("ran %d of 4 steps; still locked: %v", f.stepsDone, f.inProgress)
	}
}

func TestFailure5_XHRUpgradeWaitedAnHour(t *testing.T) {
	f := newFake(t)
	f.flow = "xhr"
	samplePackages(f)
	c := f.client(t, func(c *Config) { c.InstallMaxWait = 60 * time.Minute })
	if _, err := c.Prepare(ctxT(t), csSource, nil); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var last InstallProgress
	err := c.Install(ctxT(t), csSource, csTarget, func(p InstallProgress) { last = p })
	if !errors.Is(err, ErrInstallNeedsBrowser) || !strings.Contains(err.Error(), "locked out") {
		t.Fatalf("err = %v, want ErrInstallNeedsBrowser", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %v", d)
	}
	if last.URL != f.base()+"/upgrade.php" {
		t.Fatalf("the admin is not told where to finish: %q", last.URL)
	}
}

// Failure 6: after the install the smoke check's login reused the live
// session and reported a false "Admin login fails".
func TestFailure6_SmokeLoginReusedLiveSession(t *testing.T) {
	for _, d := range dialects {
		f := fakeIn(t, d)
		samplePackages(f)
		c := f.client(t, nil)
		if _, err := c.Prepare(ctxT(t), csSource, nil); err != nil {
			t.Fatal(err)
		}
		if err := c.Install(ctxT(t), csSource, csTarget, nil); err != nil {
			t.Fatal(err)
		}
		before := f.logins
		if err := c.CheckLogin(ctxT(t)); err != nil {
			t.Fatalf("%s smoke login: %v", d, err)
		}
		if f.logins != before+1 {
			t.Fatalf("%s: the smoke check did not log in anew", d)
		}
		l, err := c.Packages(ctxT(t)) // the live session still works, no new login
		if err != nil || FindInstalled(l, "Call Sheets", "module", "1.4.2") == nil || l.InProgress || f.logins != before+1 {
			t.Fatalf("%s: live session after the smoke login: %v (%d logins)", d, err, f.logins)
		}
	}
}
