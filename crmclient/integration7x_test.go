package crmclient_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
)

// The client against the simulator's dialects and upgrade.php variants
// (issue 7): the core update 8.7.7 (precopy, then the R22 extension
// warning, then the install) in the 7x and 8x dialects and with the Next
// form; the script-driven upgrade.php stops within seconds; the captcha,
// the redirect of expired support and the wrong password are typed.
// They need the simulator with the real pages (needsRealSim).

// coreUpdate runs license → download → upload → prepare rounds → install
// on scenario and returns the rig and the install error.
func coreUpdate(t *testing.T, scenario string, mod func(*crmclient.Config)) (*rig, error) {
	t.Helper()
	r := startSim(t, scenario, nil)
	c := r.client(t, mod)
	ctx := tctx(t)
	lic, err := c.License(ctx)
	if err != nil || len(lic.Updates) == 0 {
		t.Fatalf("%s license %+v %v", scenario, lic, err)
	}
	zipPath := filepath.Join(t.TempDir(), "8.7.7-InfoAtHand-patch.zip")
	if _, err := c.Download(ctx, lic.Updates[0].DownloadURL, zipPath, crmclient.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := c.Upload(ctx, zipPath, nil); err != nil {
		t.Fatalf("%s upload: %v", scenario, err)
	}
	list, err := c.Packages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	up := crmclient.FindUploaded(list, "1CRM 8.7.7 Update", "patch", "8.7.7")
	if up == nil {
		t.Fatalf("%s: not listed: %+v", scenario, list.Uploaded)
	}
	res, seen := prepareThrough(t, ctx, c, up.Source)
	if !res.CanProceed || !strings.Contains(seen, "DATEV") {
		t.Fatalf("%s: the R22 warning was not shown before the install:\n%s", scenario, seen)
	}
	return r, c.Install(ctx, up.Source, crmclient.InstallTarget{Name: up.Name, Type: "patch", Version: "8.7.7", Core: true}, nil)
}

func TestSimCoreUpdateDialectsAndFlows(t *testing.T) {
	needsRealSim(t)
	for _, scenario := range []string{"demo", "demo-8x", "upgrade-form"} {
		r, err := coreUpdate(t, scenario, nil)
		if err != nil {
			t.Fatalf("%s: %v", scenario, err)
		}
		if r.run.Server.InProgress() {
			t.Fatalf("%s: still locked", scenario)
		}
		cnt := r.run.Server.Counters()
		if cnt.InstallsStarted != 1 || cnt.InstallsFinished != 1 {
			t.Fatalf("%s: counters %+v", scenario, cnt)
		}
	}
}

func TestSimUpgradeXHRStopsWithinSeconds(t *testing.T) {
	needsRealSim(t)
	start := time.Now()
	_, err := coreUpdate(t, "upgrade-xhr", func(c *crmclient.Config) { c.InstallMaxWait = 60 * time.Minute })
	if !errors.Is(err, crmclient.ErrInstallNeedsBrowser) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("took %v", d)
	}
}

func TestSimLoginRefusals(t *testing.T) {
	needsRealSim(t)
	r := startSim(t, "captcha-login", nil)
	if err := r.client(t, nil).Login(tctx(t)); !errors.Is(err, crmclient.ErrCaptcha) {
		t.Errorf("captcha: %v", err)
	}
	for _, scenario := range []string{"demo", "demo-8x"} {
		r := startSim(t, scenario, nil)
		c := r.client(t, func(c *crmclient.Config) { c.Password = "nope" })
		if err := c.Login(tctx(t)); !errors.Is(err, crmclient.ErrWrongPassword) {
			t.Errorf("%s wrong password: %v", scenario, err)
		}
		for i := 0; i < 3; i++ {
			_, _ = c.Packages(tctx(t))
		}
		if n := r.run.Server.Counters().FailedLogins; n != 1 {
			t.Errorf("%s: %d failed logins, want 1", scenario, n)
		}
	}
	r = startSim(t, "expired-support-redirect", nil)
	if _, err := r.client(t, nil).Packages(tctx(t)); !errors.Is(err, crmclient.ErrRedirectedHome) {
		t.Errorf("expired support, 302 to Home: %v", err)
	}
}

// Once the login has shown the user to be an administrator, an admin page
// without its markers is a changed page, never "not an administrator" (the
// admin hands the step over; the words must not blame their rights).
func TestSimChangedPageAfterProvenAdminLogin(t *testing.T) {
	r := startSim(t, "unknown-backup-page", nil)
	c := r.client(t, nil)
	if err := c.Login(tctx(t)); err != nil {
		t.Fatal(err)
	}
	_, err := c.BackupPage(tctx(t))
	var pc *crmclient.PageChangedError
	if !errors.As(err, &pc) || errors.Is(err, crmclient.ErrNotAdmin) {
		t.Fatalf("err = %v: want a changed page, not ErrNotAdmin", err)
	}
	// A non-admin is still told apart: its login already says so.
	r = startSim(t, "demo", nil)
	c = r.client(t, func(cfg *crmclient.Config) { cfg.User, cfg.Password = sim.NonAdminUser, sim.NonAdminPassword })
	if err := c.Login(tctx(t)); !errors.Is(err, crmclient.ErrNotAdmin) {
		t.Fatalf("non-admin login: %v", err)
	}
}
