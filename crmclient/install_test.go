package crmclient

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

const csSource = "cache/upgrades/module/callsheets-1.4.2.zip"

var csTarget = InstallTarget{Name: "Call Sheets", Type: "module", Version: "1.4.2"}

var extWarning = "Installed extension DATEV Export 2.3.1 does not declare compatibility with 1CRM 8.7.7."

func okStep(name, label string) fakeStep {
	return fakeStep{Name: name, Label: label, Status: "success", Message: "Step completed successfully."}
}

// Spec §5.3: the package's own form (hidden inputs, conditions as the
// page's script fills them), warnings verbatim, confirm=<step,step>.
func TestPrepareWarningsThenConfirm(t *testing.T) {
	for _, d := range dialects {
		f := fakeIn(t, d)
		samplePackages(f)
		f.onPrepare = func(f *fake, form url.Values) prepView {
			steps := []fakeStep{okStep("unzipPackage", "Unzip the Package")}
			if !strings.Contains(form.Get("confirm"), "checkSystem") {
				return prepView{Steps: append(steps, fakeStep{Name: "checkSystem", Label: "Check System Configuration", Status: "warning",
					Message: "One or more configuration issues were found.", Rows: [][2]string{{"DATEV Export", extWarning}}})}
			}
			return prepView{Finished: true, Steps: append(steps, okStep("checkSystem", "Check System Configuration"), okStep("checkPermissions", "Check File Permissions"))}
		}
		c := f.client(t, nil)
		res, err := c.Prepare(ctxT(t), csSource, nil)
		if err != nil {
			t.Fatal(d, err)
		}
		if res.CanProceed || len(res.Steps) != 2 || strings.Join(res.Warnings(), ",") != "checkSystem" || res.Steps[0].Status != StepSuccess ||
			res.Steps[1].Message != "One or more configuration issues were found.\nDATEV Export: "+extWarning || res.Steps[1].Label != "Check System Configuration" {
			t.Fatalf("%s first round %+v", d, res)
		}
		if c.ProceedReady(csSource) {
			t.Fatal("a warning page left a form to install with")
		}
		p := lastPost(f)
		if p.Get("perform") != "prepare_install" || p.Get("source") != csSource || p.Has("confirm") || p.Get("conditions") != "modules|layout|" {
			t.Fatalf("%s prepare post %v", d, p)
		}
		res, err = c.Prepare(ctxT(t), csSource, res.Warnings())
		if err != nil || !res.CanProceed || res.Source != csSource || !c.ProceedReady(csSource) {
			t.Fatalf("%s second round %+v %v", d, res, err)
		}
		if lastPost(f).Get("confirm") != "checkSystem" {
			t.Fatalf("confirm not sent: %v", lastPost(f))
		}
	}
}

// 1CRM forgets confirmations whenever the list page is shown (the client
// reads it before every POST): the confirm list is always the full one.
func TestPrepareConfirmListAccumulates(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	var confirms []string
	f.onPrepare = func(f *fake, form url.Values) prepView {
		confirms = append(confirms, form.Get("confirm"))
		c := form.Get("confirm")
		steps := []fakeStep{okStep("unzipPackage", "Unzip the Package")}
		switch {
		case !strings.Contains(c, "precopy"):
			return prepView{Steps: append(steps, fakeStep{Name: "precopy", Label: "Pre-Copy Upgrade Files", Status: "warning",
				Message: "Early installation files were copied successfully, but the upgrade process needs to be restarted."})}
		case !strings.Contains(c, "checkSystem"):
			return prepView{Steps: append(steps, fakeStep{Name: "checkSystem", Label: "Check System Configuration", Status: "warning", Message: extWarning})}
		}
		return prepView{Finished: true, Steps: append(steps, okStep("checkSystem", "Check System Configuration"))}
	}
	c := f.client(t, nil)
	res, err := c.Prepare(ctxT(t), csSource, nil)
	if err != nil || strings.Join(res.Warnings(), ",") != "precopy" {
		t.Fatalf("%+v %v", res, err)
	}
	if res, err = c.Prepare(ctxT(t), csSource, []string{"precopy"}); err != nil || strings.Join(res.Warnings(), ",") != "checkSystem" {
		t.Fatalf("%+v %v", res, err)
	}
	if res, err = c.Prepare(ctxT(t), csSource, []string{"checkSystem"}); err != nil || !res.CanProceed {
		t.Fatalf("%+v %v", res, err)
	}
	if got := strings.Join(confirms, " / "); got != " / precopy / precopy,checkSystem" {
		t.Fatalf("confirm lists %q", got)
	}
}

func TestPrepareErrorAndOutdated(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.onPrepare = func(f *fake, form url.Values) prepView {
		return prepView{Steps: []fakeStep{okStep("unzipPackage", "Unzip the Package"),
			{Name: "checkPermissions", Label: "Check File Permissions", Status: "error", Errors: []string{"modules/Accounts is not writable"}}}}
	}
	c := f.client(t, nil)
	res, err := c.Prepare(ctxT(t), csSource, nil)
	var sm *ServerMessageError
	if !errors.Is(err, ErrPrepareFailed) || !errors.As(err, &sm) || !strings.Contains(sm.Text, "Check File Permissions: modules/Accounts is not writable") ||
		res == nil || len(res.Errors()) != 1 || c.ProceedReady(csSource) {
		t.Fatalf("%+v %v", res, err)
	}
	f.onPrepare = func(f *fake, form url.Values) prepView {
		return prepView{Message: "Same or newer version is already installed"}
	}
	if _, err := c.Prepare(ctxT(t), csSource, nil); !errors.Is(err, ErrOutdated) {
		t.Fatalf("outdated: %v", err)
	}
	if _, err := c.Prepare(ctxT(t), "cache/upgrades/module/other.zip", nil); !errors.Is(err, ErrPackageNotUploaded) {
		t.Fatalf("unknown source: %v", err)
	}
	// A package with an error status has no install form: its status says why.
	if _, err := c.Prepare(ctxT(t), "cache/upgrades/langpack/nl.zip", nil); !errors.Is(err, ErrInvalidVersion) {
		t.Fatalf("not installable: %v", err)
	}
}

func installedOnServer(f *fake, name, version string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.installed {
		if p.Name == name && p.Version == version {
			return true
		}
	}
	return false
}

// Spec §5.4 as corrected: upgrade.php followed as a browser does — by the
// script location and by the Next form — the steps shown as 1CRM writes
// them, done only when the package is listed and the lock is gone.
func TestInstallFollowsToInstalled(t *testing.T) {
	for _, d := range dialects {
		for _, flow := range []string{"script", "form"} {
			f := fakeIn(t, d)
			f.flow = flow
			samplePackages(f)
			c := f.client(t, nil)
			if _, err := c.Prepare(ctxT(t), csSource, nil); err != nil {
				t.Fatal(err)
			}
			var steps []string
			polled := false
			err := c.Install(ctxT(t), csSource, csTarget, func(p InstallProgress) {
				if p.Step > 0 && (len(steps) == 0 || steps[len(steps)-1] != p.Text) {
					steps = append(steps, p.Text)
				}
				if p.Of != 0 {
					t.Errorf("Of = %d: 1CRM does not say", p.Of)
				}
				polled = polled || p.Polling
			})
			if err != nil {
				t.Fatalf("%s/%s: %v", d, flow, err)
			}
			if got := strings.Join(steps, " | "); got != "Step 1: Commit changes | Step 2: Commit changes | Step 3: Commit changes" || !polled {
				t.Fatalf("%s/%s: progress %q polled=%v", d, flow, got, polled)
			}
			if !installedOnServer(f, "Call Sheets", "1.4.2") || f.inProgress {
				t.Fatalf("%s/%s: not installed, or still locked", d, flow)
			}
			if f.installPost != 1 {
				t.Fatalf("%s/%s: perform=install posted %d times", d, flow, f.installPost)
			}
			if flow == "form" {
				nexts := 0
				for _, p := range f.posts {
					if p.Get("uw_step") != "" && p.Get("perform") == "install" && p.Get("retry") == "0" {
						nexts++
					}
				}
				if nexts != 2 {
					t.Fatalf("%s: %d Next form POSTs, want 2", d, nexts)
				}
			}
		}
	}
}

// A step that completes with warnings: its text reaches the report.
func TestInstallStepWarningsCollected(t *testing.T) {
	f := newFake(t)
	f.flow, f.warnAt = "form", 2
	samplePackages(f)
	c := f.client(t, nil)
	if _, err := c.Prepare(ctxT(t), csSource, nil); err != nil {
		t.Fatal(err)
	}
	var last InstallProgress
	if err := c.Install(ctxT(t), csSource, csTarget, func(p InstallProgress) { last = p }); err != nil {
		t.Fatal(err)
	}
	if len(last.Warnings) != 1 || last.Warnings[0] != "Step 2: Commit changes: Report templates could not be refreshed; rebuild them under Administration." {
		t.Fatalf("warnings %q", last.Warnings)
	}
}

// Without a Prepare in this process (resume), Install prepares again and
// installs only with a finished form.
func TestInstallWithoutPrepareAndCoreVersion(t *testing.T) {
	f := newFake(t)
	f.uploaded = []fakePkg{{Name: "1CRM 8.7.7 Update", Type: "patch", Version: "8.7.7", Source: "cache/upgrades/patch/1crm-8.7.7.zip"}}
	f.coreTarget = "8.7.7"
	c := f.client(t, nil)
	err := c.Install(ctxT(t), "cache/upgrades/patch/1crm-8.7.7.zip", InstallTarget{Name: "1CRM 8.7.7 Update", Type: "patch", Version: "8.7.7", Core: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.version != "8.7.7" {
		t.Fatal("core version not changed")
	}
}

// Core update listed as installed but /version still old → keep polling,
// then ErrInstallTimeout.
func TestInstallCoreVersionMismatchTimesOut(t *testing.T) {
	f := newFake(t)
	f.uploaded = []fakePkg{{Name: "1CRM 8.7.7 Update", Type: "patch", Version: "8.7.7", Source: "cache/upgrades/patch/u.zip"}}
	c := f.client(t, func(c *Config) { c.InstallMaxWait = 200 * time.Millisecond })
	err := c.Install(ctxT(t), "cache/upgrades/patch/u.zip", InstallTarget{Name: "1CRM 8.7.7 Update", Type: "patch", Version: "8.7.7", Core: true}, nil)
	if !errors.Is(err, ErrInstallTimeout) {
		t.Fatalf("err = %v", err)
	}
}

// A failed step (LBL_STEP_FAILED + Retry form): ErrInstallFailed with the
// step's text; the lock stays, the package stays under Uploaded.
func TestInstallFailsHalfWay(t *testing.T) {
	for _, flow := range []string{"script", "form"} {
		f := newFake(t)
		f.flow = flow
		samplePackages(f)
		f.failAt = 2
		err := f.client(t, nil).Install(ctxT(t), csSource, csTarget, nil)
		var sm *ServerMessageError
		if !errors.Is(err, ErrInstallFailed) || !errors.As(err, &sm) ||
			sm.Text != "Step 2: Commit changes: Cannot copy modules/Accounts/Account.php to /var/www/crm/modules/Accounts/Account.php Destination file is not writable" {
			t.Fatalf("%s: err = %v", flow, err)
		}
		if len(f.uploaded) != 2 || !f.inProgress {
			t.Fatalf("%s: package should still be under Uploaded, the lock set", flow)
		}
		for _, p := range f.posts {
			if p.Get("retry") == "1" {
				t.Fatalf("%s: the Retry form was posted", flow)
			}
		}
	}
}

func TestInstallPHPFatal(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.onInstall = func(f *fake, form url.Values, w http.ResponseWriter) {
		fmt.Fprint(w, "<br />\n<b>Fatal error</b>: Allowed memory size of 134217728 bytes exhausted in /var/www/crm/modules/UWizard/UWizard.php on line 88<br />")
	}
	err := f.client(t, nil).Install(ctxT(t), csSource, csTarget, nil)
	if !errors.Is(err, ErrInstallFailed) || !strings.Contains(err.Error(), "Allowed memory size") {
		t.Fatalf("err = %v", err)
	}
}

// A step that never answers (issue 8 item 7): 1CRM still answers the
// probe, so the admin is told it is busy (Alive), and the install ends at
// the stall limit with a StallError that names the step and upgrade.php —
// not 60 minutes of polling. The package is NOT reported installed while
// 1CRM still shows the upgrade in progress (it is listed after the commit).
func TestInstallStallEndsAtTheLimit(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.stallAt = 2
	c := f.client(t, func(c *Config) {
		c.InstallStallLimit = 400 * time.Millisecond
		c.InstallBusyAfter = 100 * time.Millisecond
		c.ProbeInterval = 20 * time.Millisecond
		c.StallAfter = 5 * time.Second // the fake answers the probe: never "no answer"
	})
	var stalls stallLog
	reports := 0
	err := c.Install(WithStallReport(ctxT(t), stalls.add), csSource, csTarget, func(InstallProgress) { reports++ })
	var se *StallError
	if !errors.Is(err, ErrInstallStalled) || !errors.As(err, &se) {
		t.Fatalf("err = %v", err)
	}
	if !se.Alive || se.CheckURL != f.base()+"/upgrade.php" || !strings.Contains(se.Step, "Step 1") || se.Waited < 400*time.Millisecond {
		t.Fatalf("stall error %+v", se)
	}
	got := stalls.all()
	if len(got) < 2 || !got[len(got)-1].Ended {
		t.Fatalf("stall reports %+v: want stalls, then the end", got)
	}
	for _, s := range got[:len(got)-1] {
		if s.Ended || !s.Alive || s.Wait != WaitInstallStep || !s.Limited || s.Left > 300*time.Millisecond ||
			s.Since < 100*time.Millisecond || s.CheckURL != f.base()+"/index.php?module=UWizard&action=index" {
			t.Fatalf("stall report %+v", s)
		}
	}
	if reports < 3 {
		t.Fatalf("%d progress reports while the step hung", reports)
	}
	if !installedOnServer(f, "Call Sheets", "1.4.2") || !f.inProgress {
		t.Fatal("the fake should list the package after the commit step and keep the lock")
	}
}

// stallLog collects stall reports in order.
type stallLog struct {
	mu sync.Mutex
	s  []Stall
}

func (l *stallLog) add(s Stall) { l.mu.Lock(); l.s = append(l.s, s); l.mu.Unlock() }
func (l *stallLog) all() []Stall {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Stall(nil), l.s...)
}

// The upgrade.php link found as a meta refresh, or only as a form action.
func TestInstallStartVariants(t *testing.T) {
	for name, body := range map[string]string{
		"meta": `<html><head><meta http-equiv="Refresh" content="0; URL='upgrade.php'"></head><body></body></html>`,
		"form": `<html><body><form action="upgrade.php" method="get"><input type="submit" value="Continue"></form></body></html>`,
		"302":  "",
	} {
		f := newFake(t)
		samplePackages(f)
		body := body
		f.onInstall = func(f *fake, form url.Values, w http.ResponseWriter) {
			f.mu.Lock()
			f.inProgress, f.installing = true, form.Get("source")
			f.mu.Unlock()
			if body == "" {
				w.Header().Set("Location", "upgrade.php")
				w.WriteHeader(http.StatusFound)
				return
			}
			fmt.Fprint(w, body)
		}
		if err := f.client(t, nil).Install(ctxT(t), csSource, csTarget, nil); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Session lost in the middle of the chain: one re-login, upgrade.php
// asked again.
func TestInstallReloginDuringFollow(t *testing.T) {
	for _, d := range dialects {
		f := fakeIn(t, d)
		samplePackages(f)
		c := f.client(t, nil)
		var once bool
		err := c.Install(ctxT(t), csSource, csTarget, func(p InstallProgress) {
			if p.Step == 1 && !once {
				once = true
				f.mu.Lock()
				f.expireNext = 1
				f.mu.Unlock()
			}
		})
		if err != nil {
			t.Fatal(d, err)
		}
		if f.logins != 2 || !installedOnServer(f, "Call Sheets", "1.4.2") || f.inProgress {
			t.Fatalf("%s: logins = %d, locked=%v", d, f.logins, f.inProgress)
		}
	}
}

func TestInstallAlreadyInstalledIsDone(t *testing.T) {
	f := newFake(t)
	f.installed = []fakePkg{{Name: "Call Sheets", Type: "module", Version: "1.4.2", Installed: "2025-03-01"}}
	if err := f.client(t, nil).Install(ctxT(t), csSource, csTarget, nil); err != nil {
		t.Fatal(err)
	}
	if f.installPost != 0 {
		t.Fatal("install POSTed again")
	}
}

// Without a Prepare in this process and with warnings pending, Install
// does not confirm them on the admin's behalf (R22) and posts nothing.
func TestInstallWithoutPrepareNeedsConfirmation(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.onPrepare = func(f *fake, form url.Values) prepView {
		return prepView{Steps: []fakeStep{{Name: "checkSystem", Label: "Check System Configuration", Status: "warning", Message: "DATEV Export does not declare 8.7.7"}}}
	}
	err := f.client(t, nil).Install(ctxT(t), csSource, csTarget, nil)
	var sm *ServerMessageError
	if !errors.Is(err, ErrPrepareFailed) || !errors.As(err, &sm) || sm.Text != "Check System Configuration: DATEV Export does not declare 8.7.7" {
		t.Fatalf("err = %v", err)
	}
	for _, p := range f.posts {
		if p.Get("perform") == "install" || p.Has("confirm") {
			t.Fatalf("posted %v", p)
		}
	}
}

// The connection drops in the middle of step 2 (a proxy cut it): the
// package is listed (committed in step 1), but upgrade.php still shows
// steps — the chain is taken up again from there until the lock is gone.
// With 1CRM's in-progress notice on the list this used to poll for an
// hour (issue 8 item 7); without it the list alone looked done.
func TestInstallTakesUpTheChainWhileLocked(t *testing.T) {
	for _, notice := range []bool{false, true} {
		f := newFake(t)
		samplePackages(f)
		f.dropAt, f.noNotice = 2, !notice
		c := f.client(t, func(c *Config) { c.InstallMaxWait = 5 * time.Second })
		if err := c.Install(ctxT(t), csSource, csTarget, nil); err != nil {
			t.Fatalf("notice %v: %v", notice, err)
		}
		if f.inProgress || f.stepsDone != 3 {
			t.Fatalf("notice %v: locked=%v after %d steps", notice, f.inProgress, f.stepsDone)
		}
	}
}

// The package is listed but the lock never goes: not done — the admin
// finishes in the browser (users are locked out meanwhile).
func TestInstallLockStaysNeedsBrowser(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.noNotice, f.lockStays = true, true
	err := f.client(t, nil).Install(ctxT(t), csSource, csTarget, nil)
	if !errors.Is(err, ErrInstallNeedsBrowser) {
		t.Fatalf("err = %v", err)
	}
}

// The session ends right before the install POST (a login redirect
// answers it): nothing was installed, and the prepare state lived in the
// lost session — Install logs in, prepares again with the admin's
// confirmations, and posts the new finished form once.
func TestInstallSessionLostBeforeInstallPOST(t *testing.T) {
	for _, d := range dialects {
		f := fakeIn(t, d)
		samplePackages(f)
		var confirms []string
		f.onPrepare = func(f *fake, form url.Values) prepView {
			confirms = append(confirms, form.Get("confirm"))
			if !strings.Contains(form.Get("confirm"), "checkSystem") {
				return prepView{Steps: []fakeStep{{Name: "checkSystem", Label: "Check System Configuration", Status: "warning", Message: extWarning}}}
			}
			return prepView{Finished: true, Steps: []fakeStep{okStep("checkSystem", "Check System Configuration")}}
		}
		c := f.client(t, nil)
		res, err := c.Prepare(ctxT(t), csSource, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Prepare(ctxT(t), csSource, res.Warnings()); err != nil {
			t.Fatal(err)
		}
		// The list GET before the POST still works; the POST bounces.
		f.onInstall = func(f *fake, form url.Values, w http.ResponseWriter) {
			f.onInstall = nil
			f.mu.Lock()
			f.installPost--
			f.mu.Unlock()
			f.toLogin(w, "UWizard", "index")
		}
		if err := c.Install(ctxT(t), csSource, csTarget, nil); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if f.installPost != 1 || !installedOnServer(f, "Call Sheets", "1.4.2") {
			t.Fatalf("%s: %d installs", d, f.installPost)
		}
		if got := strings.Join(confirms, " / "); got != " / checkSystem / checkSystem" {
			t.Fatalf("%s: prepare rounds %q: the confirmation must be posted again in the new session", d, got)
		}
	}
}
