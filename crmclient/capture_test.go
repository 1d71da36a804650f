package crmclient_test

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
)

// Issue 10: pages the client read are kept for the partner without
// cookies, passwords, tokens or CSRF values.

func TestRedactPage_removesSecretsByShapeAndValue(t *testing.T) {
	const pw, sess, csrf = "Geheim-Pass-42", "9f8e7d6c5b4a39281706", "tok3n-c5rf-v4lue"
	body := `<html><head><meta name="csrf-token" content="` + csrf + `"></head><body>
<form action="index.php?module=UWizard&amp;PHPSESSID=` + sess + `" method="post">
<input type="hidden" name="module" value="UWizard">
<input type="hidden" name="csrf_token" value="` + csrf + `">
<input type="hidden" name="json_session_id" value="abcdef123456">
<input type="password" name="user_password" value="` + pw + `">
<input type="text" name="note" value="the password is ` + pw + `">
</form>
<a href="upgrade.php?step=2&sid=` + sess + `">next</a>
<script>var SUGAR = {csrf_token: '` + csrf + `', session_id: "` + sess + `"};
var resp = {"result":"ok","json_session_id":"` + sess + `"};</script>
<p>Your session ` + sess + ` — ` + strings.ReplaceAll(pw, "-", "%2D") + `</p>
</body></html>`
	p := &crmclient.CapturedPage{
		Name: "uwizard", Method: "GET", Status: 200,
		URL: "https://admin:" + pw + "@crm.example.com/index.php?module=UWizard&PHPSESSID=" + sess,
		Header: http.Header{
			"Set-Cookie":          {"PHPSESSID=" + sess + "; path=/"},
			"X-Onecrm-Csrf-Token": {csrf},
			"Content-Type":        {"text/html; charset=UTF-8"},
			"Location":            {"index.php?module=Home&token=" + csrf},
		},
		Body: []byte(body),
	}
	got := crmclient.RedactPage(p, pw, sess, csrf)
	all := got.URL + "\n" + string(got.Body)
	for k, vs := range got.Header {
		all += "\n" + k + ": " + strings.Join(vs, ",")
	}
	for _, secret := range []string{pw, sess, csrf, "abcdef123456", "Set-Cookie", "X-Onecrm-Csrf-Token"} {
		if strings.Contains(all, secret) {
			t.Errorf("captured page still holds %q:\n%s", secret, all)
		}
	}
	// What is not secret stays readable for the partner.
	for _, keep := range []string{`name="module" value="UWizard"`, "Content-Type", "module=UWizard", "crm.example.com", ">next</a>"} {
		if !strings.Contains(all, keep) {
			t.Errorf("lost %q:\n%s", keep, all)
		}
	}
	if string(p.Body) != body {
		t.Error("RedactPage changed its argument")
	}
}

// cookieSpy records every cookie value the server sets and every CSRF
// header the client sends, so a test can grep captured pages for them.
type cookieSpy struct {
	next    http.RoundTripper
	mu      sync.Mutex
	secrets []string
}

func (s *cookieSpy) RoundTrip(r *http.Request) (*http.Response, error) {
	if v := r.Header.Get(crmclient.CSRFHeader); v != "" {
		s.add(v)
	}
	resp, err := s.next.RoundTrip(r)
	if err == nil {
		for _, c := range resp.Cookies() {
			s.add(c.Value)
		}
	}
	return resp, err
}

func (s *cookieSpy) add(v string) {
	s.mu.Lock()
	s.secrets = append(s.secrets, v)
	s.mu.Unlock()
}

func TestRecordPages_simulatorPagesCarryNoSecrets(t *testing.T) {
	for _, scenario := range []string{"csrf-token", "demo-8x"} {
		t.Run(scenario, func(t *testing.T) {
			r := startSim(t, scenario, nil)
			spy := &cookieSpy{next: http.DefaultTransport}
			c := r.client(t, func(cfg *crmclient.Config) { cfg.HTTPClient = &http.Client{Transport: spy} })
			ctx, rec := crmclient.RecordAllPages(tctx(t))
			if err := c.Login(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := c.License(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := c.BackupPage(ctx); err != nil {
				t.Fatal(err)
			}
			uploadRoutePlanner(t, ctx, c)
			pages := rec.Pages()
			if len(pages) < 4 {
				t.Fatalf("only %d pages recorded", len(pages))
			}
			spy.mu.Lock()
			secrets := append([]string{sim.DemoPassword, sim.DemoClientSecret}, spy.secrets...)
			spy.mu.Unlock()
			if len(secrets) < 3 {
				t.Fatal("the spy saw no cookie")
			}
			names := map[string]bool{}
			for _, p := range pages {
				names[p.Name] = true
				all := p.URL + string(p.Body)
				for k, vs := range p.Header {
					all += k + strings.Join(vs, "")
				}
				for _, s := range secrets {
					if len(s) >= 4 && strings.Contains(all, s) {
						t.Errorf("page %s (%s) holds a secret %q", p.Name, p.URL, s)
					}
				}
			}
			for _, want := range []string{"login", "license", "backup", "uwizard", "uwizard-upload"} {
				if !names[want] {
					t.Errorf("no %s page among %v", want, names)
				}
			}
		})
	}
}

func TestRecordPages_keepsTheLastPagesOfACall(t *testing.T) {
	r := startSim(t, "unknown-list", nil)
	c := r.client(t, nil)
	ctx, rec := crmclient.RecordPages(tctx(t))
	_, err := c.Packages(ctx)
	var pc *crmclient.PageChangedError
	if !errors.As(err, &pc) {
		t.Fatalf("want a page-changed error, got %v", err)
	}
	pages := rec.Take()
	last := pages[len(pages)-1]
	if last.Name != "uwizard" || !strings.Contains(string(last.Body), "packages") {
		t.Fatalf("last page %s: %.200s", last.Name, last.Body)
	}
	if len(rec.Take()) != 0 {
		t.Fatal("Take did not forget")
	}
	// A nested RecordPages shares the outer recorder.
	ctx2, rec2 := crmclient.RecordPages(ctx)
	if rec2 != rec || ctx2 != ctx {
		t.Fatal("nested recorder not shared")
	}
}

func TestInstallLockGoneAndBackupHistory(t *testing.T) {
	r := startSim(t, "demo", nil)
	c := r.client(t, nil)
	ctx := tctx(t)
	gone, err := c.InstallLockGone(ctx)
	if err != nil || !gone {
		t.Fatalf("idle instance: gone=%v err=%v", gone, err)
	}
	h, err := c.BackupHistory(ctx)
	if err != nil || len(h) == 0 {
		t.Fatalf("history %v %v", h, err)
	}
}
