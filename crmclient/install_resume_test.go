package crmclient

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// W8, spec §5.4 "on resume, reconcile": a client that died while following
// upgrade.php leaves the URL it was about to request; a new client (new
// process, new session) continues from there without posting
// perform=install again.
func TestResumeInstallContinuesWithoutPostingAgain(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	c := f.client(t, nil)
	if _, err := c.Prepare(ctxT(t), csSource, nil); err != nil {
		t.Fatal(err)
	}
	if !c.ProceedReady(csSource) || c.ProceedReady("cache/upgrades/module/other.zip") {
		t.Fatal("ProceedReady does not follow the Prepare of this client")
	}
	ctx, cancel := context.WithCancel(ctxT(t))
	var saved string
	err := c.Install(ctx, csSource, csTarget, func(p InstallProgress) {
		saved = p.URL
		if p.Step == 2 {
			cancel() // the process dies after step 2
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("install: %v", err)
	}
	if want := f.base() + "/upgrade.php"; saved != want {
		t.Fatalf("URL to resume from = %q, want %q", saved, want)
	}

	fresh := f.client(t, nil)
	if fresh.ProceedReady(csSource) {
		t.Fatal("a new client has no Proceed form")
	}
	var steps []string
	err = fresh.ResumeInstall(ctxT(t), saved, csTarget, func(p InstallProgress) {
		if p.Step > 0 && (len(steps) == 0 || steps[len(steps)-1] != p.Text) {
			steps = append(steps, p.Text)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(steps, " | "); got != "Step 3: Commit changes" {
		t.Fatalf("resumed steps %q, want the remaining ones", got)
	}
	if f.installPost != 1 {
		t.Fatalf("perform=install posted %d times", f.installPost)
	}
	if !installedOnServer(f, "Call Sheets", "1.4.2") || f.inProgress {
		t.Fatal("not installed (or still locked) after the resume")
	}
}

// A resumed step that fails is an error — unless the package is installed
// and the lock gone meanwhile.
func TestResumeInstallUnknownRun(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	f.inProgress, f.installing, f.stepsDone, f.failAt = true, csSource, 2, 3
	c := f.client(t, nil)
	err := c.ResumeInstall(ctxT(t), f.base()+"/upgrade.php", csTarget, nil)
	if !errors.Is(err, ErrInstallFailed) {
		t.Fatalf("err = %v", err)
	}
	f.mu.Lock()
	f.installed = append(f.installed, fakePkg{Name: "Call Sheets", Type: "module", Version: "1.4.2"})
	f.inProgress = false
	f.mu.Unlock()
	if err := c.ResumeInstall(ctxT(t), f.base()+"/upgrade.php", csTarget, nil); err != nil {
		t.Fatalf("installed meanwhile: %v", err)
	}
}

// The journaled URL carries no session id or credential; the session
// cookie's own name counts as one too.
func TestResumableURLDropsSessionParameters(t *testing.T) {
	f := newFake(t)
	c := f.client(t, nil)
	base, _ := url.Parse(f.base() + "/")
	c.jar.SetCookies(base, []*http.Cookie{{Name: "CRMSID", Value: "v", Path: "/"}})
	u, _ := url.Parse(f.base() + "/upgrade.php?uw_run=t1&step=2&PHPSESSID=abc&crmsid=def&csrf_token=x&sid=y&Auth=z#frag")
	u.User = url.UserPassword("admin", "s3cret")
	got := c.resumableURL(u)
	if want := f.base() + "/upgrade.php?step=2&uw_run=t1"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	plain, _ := url.Parse(f.base() + "/upgrade.php?uw_run=t1&step=2")
	if got := c.resumableURL(plain); got != plain.String() {
		t.Fatalf("a clean URL changed: %q", got)
	}
}

// The journal is a file: ResumeInstall sends the session only to an
// upgrade.php of this instance.
func TestResumeInstallRefusesForeignURLs(t *testing.T) {
	f := newFake(t)
	samplePackages(f)
	c := f.client(t, nil)
	host := strings.TrimPrefix(f.srv.URL, "http://")
	for _, raw := range []string{
		"upgrade.php?uw_run=tok1",                               // relative
		"http://evil.example.com/1crm/upgrade.php?uw_run=tok1",  // other host
		"https://" + host + "/1crm/upgrade.php?uw_run=tok1",     // other scheme
		f.srv.URL + "/other/upgrade.php?uw_run=tok1",            // outside the base path
		f.srv.URL + "/1crmx/upgrade.php?uw_run=tok1",            // a sibling path
		f.base() + "/index.php?module=UWizard&action=index",     // not upgrade.php
		"http://admin:s3cret@" + host + "/1crm/upgrade.php?x=1", // user info
		"http://" + host + "/1crm/upgrade.php\x7f",              // unparsable
	} {
		if err := c.ResumeInstall(ctxT(t), raw, csTarget, nil); !errors.Is(err, ErrResumeURL) {
			t.Errorf("%q: err = %v", raw, err)
		}
	}
	if f.logins != 0 {
		t.Fatalf("a refused URL still logged in (%d)", f.logins)
	}
}
