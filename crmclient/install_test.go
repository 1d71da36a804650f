package crmclient

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const csSource = "cache/upgrades/module/callsheets-1.4.2.zip"

var csTarget = InstallTarget{Name: "Call Sheets", Type: "module", Version: "1.4.2"}

// Spec §5.3: the row's own form (hidden inputs, checkboxes in default
// state → conditions=a|b), warnings verbatim, confirm=<step,step>.
func TestPrepareWarningsThenConfirm(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		f := newFake(t)
		f.lang = lang
		f.csrf = "k"
		samplePackages(f)
		f.onPrepare = func(f *fake, form url.Values) prepView {
			steps := []PrepareStep{
				{"unzipPackage", "success", "Package unpacked"},
				{"checkSystem", "warning", "Extension Call Sheets 1.4.2 does not declare 8.7.7"},
				{"checkPermissions", "success", ""},
			}
			if form.Get("confirm") == "checkSystem" {
				return prepView{Steps: steps, Proceed: true}
			}
			return prepView{Steps: steps, Warnings: "checkSystem"}
		}
		c := f.client(t, nil)
		res, err := c.Prepare(ctxT(t), csSource, nil)
		if err != nil {
			t.Fatal(lang, err)
		}
		if res.CanProceed || len(res.Steps) != 3 || strings.Join(res.Warnings(), ",") != "checkSystem" ||
			res.Steps[1].Message != "Extension Call Sheets 1.4.2 does not declare 8.7.7" || res.Steps[0].Status != StepSuccess {
			t.Fatalf("%s first round %+v", lang, res)
		}
		p := lastPost(f)
		if p.Get("perform") != "prepare_install" || p.Get("source") != csSource || p.Get("csrf_token") != "k" || p.Has("confirm") {
			t.Fatalf("%s prepare post %v", lang, p)
		}
		if lang == "en" && p.Get("conditions") != "modules" {
			t.Fatalf("conditions = %q, want the default-ticked modules only", p.Get("conditions"))
		}
		res, err = c.Prepare(ctxT(t), csSource, res.Warnings())
		if err != nil || !res.CanProceed || res.Source != csSource {
			t.Fatalf("%s second round %+v %v", lang, res, err)
		}
		if lastPost(f).Get("confirm") != "checkSystem" {
			t.Fatalf("confirm not sent: %v", lastPost(f))
		}
	}
}

func TestPrepareErrorAndOutdated(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.onPrepare = func(f *fake, form url.Values) prepView {
		return prepView{Steps: []PrepareStep{{"unzipPackage", "success", ""}, {"checkPermissions", "error", "modules/Accounts is not writable"}}}
	}
	c := f.client(t, nil)
	res, err := c.Prepare(ctxT(t), csSource, nil)
	var sm *ServerMessageError
	if !errors.Is(err, ErrPrepareFailed) || !errors.As(err, &sm) || !strings.Contains(sm.Text, "modules/Accounts is not writable") || res == nil || len(res.Errors()) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	f.onPrepare = func(f *fake, form url.Values) prepView {
		return prepView{Message: "ERR_OUTDATED: the same or a newer version of Call Sheets is already installed"}
	}
	if _, err := c.Prepare(ctxT(t), csSource, nil); !errors.Is(err, ErrOutdated) {
		t.Fatalf("outdated: %v", err)
	}
	if _, err := c.Prepare(ctxT(t), "cache/upgrades/module/other.zip", nil); !errors.Is(err, ErrPackageNotUploaded) {
		t.Fatalf("unknown source: %v", err)
	}
}

// Spec §5.4: follow upgrade.php (script location, meta refresh, 303 back
// to index.php), report "Step N of M", done when Installed.
func TestInstallFollowsToInstalled(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	c := f.client(t, nil)
	if _, err := c.Prepare(ctxT(t), csSource, nil); err != nil {
		t.Fatal(err)
	}
	var steps []string
	polled := false
	err := c.Install(ctxT(t), csSource, csTarget, func(p InstallProgress) {
		if p.Step > 0 {
			steps = append(steps, fmt.Sprintf("%d/%d", p.Step, p.Of))
		}
		polled = polled || p.Polling
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(steps, " ") != "1/4 2/4 3/4 4/4" || !polled {
		t.Fatalf("progress %v polled=%v", steps, polled)
	}
	if FindInstalled(&PackageList{Installed: toInstalled(f.installed)}, "Call Sheets", "module", "1.4.2") == nil {
		t.Fatal("not installed on the server")
	}
	if p := lastPost(f); p.Get("perform") != "install" || p.Get("source") != csSource {
		t.Fatalf("install post %v", p)
	}
}

func toInstalled(ps []fakePkg) []InstalledPackage {
	var out []InstalledPackage
	for _, p := range ps {
		out = append(out, InstalledPackage{Name: p.Name, Type: p.Type, Version: p.Version})
	}
	return out
}

// Without a Prepare in this process (resume), the row's form is used.
func TestInstallWithoutPrepareAndCoreVersion(t *testing.T) {
	f := newFake(t)
	f.uploaded = []fakePkg{{Name: "1CRM 8.7.7 Update", Type: "patch", Version: "8.7.7", Status: "Package is ready for installation", Source: "cache/upgrades/patch/1crm-8.7.7.zip"}}
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
	f.uploaded = []fakePkg{{Name: "1CRM 8.7.7 Update", Type: "patch", Version: "8.7.7", Status: "ready", Source: "cache/upgrades/patch/u.zip"}}
	c := f.client(t, func(c *Config) { c.InstallMaxWait = 200 * time.Millisecond })
	err := c.Install(ctxT(t), "cache/upgrades/patch/u.zip", InstallTarget{Name: "1CRM 8.7.7 Update", Type: "patch", Version: "8.7.7", Core: true}, nil)
	if !errors.Is(err, ErrInstallTimeout) {
		t.Fatalf("err = %v", err)
	}
}

func TestInstallFailsHalfWay(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.failAt = 2
	err := f.client(t, nil).Install(ctxT(t), csSource, csTarget, nil)
	var sm *ServerMessageError
	if !errors.Is(err, ErrInstallFailed) || !errors.As(err, &sm) || !strings.Contains(sm.Text, "could not copy modules/Accounts/Account.php") {
		t.Fatalf("err = %v", err)
	}
	if len(f.uploaded) != 2 {
		t.Fatal("package should still be under Uploaded")
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

// A stalled chain (no refresh, no error) is decided by polling: timeout.
func TestInstallStallTimesOut(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.stallAt = 3
	start := time.Now()
	c := f.client(t, func(c *Config) { c.InstallMaxWait = 250 * time.Millisecond })
	err := c.Install(ctxT(t), csSource, csTarget, nil)
	if !errors.Is(err, ErrInstallTimeout) {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) > 3*time.Second {
		t.Fatal("timeout not honoured")
	}
}

// The upgrade.php link found as a meta refresh, or only as a form action.
func TestInstallStartVariants(t *testing.T) {
	for name, body := range map[string]string{
		"meta": `<html><head><meta http-equiv="Refresh" content="0; URL='upgrade.php?uw_run=tok1'"></head><body></body></html>`,
		"form": `<html><body><form action="upgrade.php?uw_run=tok1" method="get"><input type="submit" value="Continue"></form></body></html>`,
		"302":  "",
	} {
		f := newFake(t)
		samplePackages(f)
		body := body
		f.onInstall = func(f *fake, form url.Values, w http.ResponseWriter) {
			if body == "" {
				w.Header().Set("Location", "upgrade.php?uw_run=tok1")
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

// Session lost in the middle of the chain: one re-login, the GET repeated.
func TestInstallReloginDuringFollow(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	c := f.client(t, nil)
	var once bool
	err := c.Install(ctxT(t), csSource, csTarget, func(p InstallProgress) {
		if p.Step == 2 && !once {
			once = true
			f.mu.Lock()
			f.expireNext = 1
			f.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if f.logins != 2 {
		t.Fatalf("logins = %d", f.logins)
	}
}

func TestInstallAlreadyInstalledIsDone(t *testing.T) {
	f := newFake(t)
	f.installed = []fakePkg{{Name: "Call Sheets", Type: "module", Version: "1.4.2", Installed: "2025-03-01"}}
	if err := f.client(t, nil).Install(ctxT(t), csSource, csTarget, nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range f.posts {
		if p.Get("perform") == "install" {
			t.Fatal("install POSTed again")
		}
	}
}

// Without a Prepare in this process and with warnings pending, Install
// does not confirm them on the admin's behalf (R22).
func TestInstallWithoutPrepareNeedsConfirmation(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.onPrepare = func(f *fake, form url.Values) prepView {
		return prepView{Steps: []PrepareStep{{"checkSystem", "warning", "DATEV Export does not declare 8.7.7"}}, Warnings: "checkSystem"}
	}
	err := f.client(t, nil).Install(ctxT(t), csSource, csTarget, nil)
	var sm *ServerMessageError
	if !errors.Is(err, ErrPrepareFailed) || !errors.As(err, &sm) || sm.Text != "checkSystem: DATEV Export does not declare 8.7.7" {
		t.Fatalf("err = %v", err)
	}
	for _, p := range f.posts {
		if p.Get("perform") == "install" || p.Has("confirm") {
			t.Fatalf("posted %v", p)
		}
	}
}
