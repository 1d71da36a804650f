package doctor

import (
	"bytes"
	"context"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
)

func startSim(t *testing.T, name string) (*sim.Server, string) {
	t.Helper()
	return startSimDialect(t, name, "")
}

// startSimDialect starts a built-in scenario in the given page dialect
// ("" keeps the scenario's own).
func startSimDialect(t *testing.T, name, dialect string) (*sim.Server, string) {
	t.Helper()
	sc, ok := sim.Builtin(name)
	if !ok {
		t.Fatalf("no scenario %q", name)
	}
	if dialect != "" {
		sc.Dialect = dialect
	}
	srv := sim.New(sc, sim.Options{Sleep: func(time.Duration) {}})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts.URL
}

func fullOptions(url, lang string) Options {
	return Options{URL: url, User: sim.DemoUser, Password: sim.DemoPassword,
		ClientID: sim.DemoClientID, ClientSecret: sim.DemoClientSecret, Lang: lang}
}

func statusOf(checks []Check, name string) []string {
	var out []string
	for _, c := range checks {
		if c.Name == name {
			out = append(out, c.Status)
		}
	}
	return out
}

func hasStatus(checks []Check, name, status string) bool {
	for _, s := range statusOf(checks, name) {
		if s == status {
			return true
		}
	}
	return false
}

// Expected verdict and the lines that explain it, per built-in scenario.
// Scenarios not listed here must pass with no "fail" line.
var scenarioExpect = map[string]struct {
	canRun bool
	want   map[string]string // check name → a status that must appear
}{
	"expired-support": {false, map[string]string{CheckSupport: StatusFail, CheckUWizard: StatusFail}}, // R6
	// Scenarios of the 7x/8x simulator (issue 7); ignored while absent.
	"captcha-login":            {false, map[string]string{CheckLogin: StatusFail, CheckLicense: StatusSkip}},
	"expired-support-redirect": {false, map[string]string{CheckSupport: StatusFail, CheckUWizard: StatusWarn}},
	"unknown-login":            {false, map[string]string{CheckLogin: StatusFail, CheckLicense: StatusSkip}},
	"hosted-upload-disabled":   {true, map[string]string{CheckUWizard: StatusWarn}}, // spec §5.2; issue 10: handed over
	"wrong-password":           {false, map[string]string{CheckLogin: StatusFail, CheckLicense: StatusSkip}},
	"professional-expiring":    {true, map[string]string{CheckSupport: StatusWarn}}, // R5
	"trial":                    {true, map[string]string{CheckSupport: StatusWarn}},
	"no-license":               {true, map[string]string{CheckLicense: StatusWarn, CheckSupport: StatusWarn}},
	"startup-onpremise":        {true, map[string]string{CheckAPIVersion: StatusWarn, CheckEdition: StatusWarn, CheckUWizard: StatusOK}}, // R2
	"startup-cloud":            {true, map[string]string{CheckAPIVersion: StatusWarn, CheckEdition: StatusWarn}},                         // R3
	"startupplus":              {true, map[string]string{CheckAPIVersion: StatusWarn, CheckEdition: StatusOK}},
	"plain-http-refused":       {true, map[string]string{CheckAPIVersion: StatusWarn, CheckAPIAuth: StatusSkip}},
	"demo":                     {true, map[string]string{CheckAPIAuth: StatusOK, CheckBackup: StatusOK, CheckUWizard: StatusOK, CheckSupport: StatusOK}},
	"enterprise-cloud":         {true, map[string]string{CheckEdition: StatusOK, CheckLicense: StatusOK}},
	"license-page-500":         {true, map[string]string{CheckLicense: StatusWarn, CheckUWizard: StatusOK}}, // spec §3 rule 5: read it by hand
}

// byHandExpect: the admin pages doctor must call "by hand in the browser"
// (issue 10); every other page it reached is "automated".
var byHandExpect = map[string][]string{
	"backup-without-dump":    {CheckBackup},
	"license-page-500":       {CheckLicense},
	"hosted-upload-disabled": {CheckUWizard},
	"unknown-backup-page":    {CheckBackup},
	"unknown-list":           {CheckUWizard},
	"unknown-upload-form":    {CheckUWizard},
	"captcha-login":          {CheckLogin},
	"unknown-login":          {CheckLogin},
}

func TestEveryBuiltinScenario(t *testing.T) {
	for _, name := range sim.Names() {
		// Every scenario in its own dialect; those written for 7.x pages
		// also with the current Cloud login (8x), which must not change
		// the verdict.
		dialects := []string{""}
		if sc, _ := sim.Builtin(name); sc.Dialect == "" || sc.Dialect == sim.Dialect7x {
			if !strings.HasPrefix(name, "unknown-") {
				dialects = append(dialects, sim.Dialect8x)
			}
		}
		for _, d := range dialects {
			everyScenario(t, name, d)
		}
	}
}

func everyScenario(t *testing.T, name, dialect string) {
	t.Run(strings.TrimSuffix(name+"/"+dialect, "/"), func(t *testing.T) {
		srv, url := startSimDialect(t, name, dialect)
		before := srv.Counters()
		var out bytes.Buffer
		canRun, checks := Run(context.Background(), fullOptions(url, "en"), &out)
		exp, listed := scenarioExpect[name]
		if !listed {
			exp.canRun = true
		}
		if canRun != exp.canRun {
			t.Errorf("canRun = %v, want %v\n%s", canRun, exp.canRun, out.String())
		}
		for check, status := range exp.want {
			if !hasStatus(checks, check, status) {
				t.Errorf("%s: statuses %v, want %s\n%s", check, statusOf(checks, check), status, out.String())
			}
		}
		if !listed {
			for _, c := range checks {
				if c.Status == StatusFail {
					t.Errorf("unexpected fail %s: %s", c.Name, c.Detail)
				}
			}
		}
		text := out.String()
		verdict := textEN.VerdictOK
		if len(byHandExpect[name]) > 0 {
			verdict = textEN.VerdictOKByHand
		}
		if !exp.canRun {
			verdict = "Result: the wizard cannot work here (yet): "
		}
		for _, check := range byHandExpect[name] {
			if !containsText(text, textEN.Labels[check]+" "+textEN.PageByHand("")) {
				t.Errorf("%s not called by hand:\n%s", check, text)
			}
		}
		if exp.canRun && len(byHandExpect[name]) == 0 && !containsText(text, textEN.Labels[CheckUWizard]+" "+textEN.PageAuto) {
			t.Errorf("pages not called automated:\n%s", text)
		}
		if !containsText(text, verdict) {
			t.Errorf("verdict missing:\n%s", text)
		}
		if strings.Contains(text, sim.DemoPassword) || strings.Contains(text, sim.DemoClientSecret) {
			t.Error("a secret reached the output")
		}
		assertFits80(t, text)
		assertReadOnly(t, before, srv.Counters())
	})
}

// Doctor never changes the server: only the login may count.
func assertReadOnly(t *testing.T, before, after sim.Counters) {
	t.Helper()
	after.Logins, after.FailedLogins, after.TokensIssued = before.Logins, before.FailedLogins, before.TokensIssued
	if after != before {
		t.Errorf("doctor changed the server: before %+v after %+v", before, after)
	}
}

// Without a password only the public part is probed, and the output says
// so; it never proves the wizard can run (cli.md: exit 0 only then), and it
// lists nothing as automated or manual that only the admin pages can tell.
func TestNoPasswordProbesPublicOnly(t *testing.T) {
	srv, url := startSim(t, "demo")
	var out bytes.Buffer
	canRun, checks := Run(context.Background(), Options{URL: url, Lang: "de"}, &out)
	if canRun {
		t.Errorf("canRun = true without a password\n%s", out.String())
	}
	for _, not := range []string{textDE.AutoHeading, textDE.ManualRESTCheck, textDE.VerdictOK} {
		if containsText(out.String(), not) {
			t.Errorf("guessed %q without a login:\n%s", not, out.String())
		}
	}
	if !hasStatus(checks, CheckLogin, StatusSkip) {
		t.Errorf("login not skipped: %v", checks)
	}
	for _, n := range []string{CheckLicense, CheckBackup, CheckUWizard} {
		if len(statusOf(checks, n)) != 0 {
			t.Errorf("%s probed without password", n)
		}
	}
	for _, want := range []string{textDE.NoPassword(""), textDE.UnknownUntilLogin, textDE.VerdictPartial, textDE.ManualLogin} {
		if !containsText(out.String(), want) {
			t.Errorf("missing %q in\n%s", want, out.String())
		}
	}
	if c := srv.Counters(); c.Logins != 0 || c.FailedLogins != 0 {
		t.Errorf("logged in without a password: %+v", c)
	}
}

// Startup with a user but no password: edition unknown (API 403), the
// password named as what is missing, and no "can run" without a login.
func TestNoPasswordStartup(t *testing.T) {
	_, url := startSim(t, "startup-onpremise")
	var out bytes.Buffer
	canRun, checks := Run(context.Background(), Options{URL: url, User: "admin", Lang: "en"}, &out)
	if canRun || !hasStatus(checks, CheckEdition, StatusWarn) || !containsText(out.String(), textEN.NoPassword("admin")) {
		t.Errorf("canRun=%v checks=%v\n%s", canRun, checks, out.String())
	}
}

// HTTP Basic (no API client): the REST login goes through Basic (spec §1.3).
func TestBasicAuthWithoutClient(t *testing.T) {
	_, url := startSim(t, "basic-auth")
	opt := fullOptions(url, "en")
	opt.ClientID, opt.ClientSecret = "", ""
	var out bytes.Buffer
	canRun, checks := Run(context.Background(), opt, &out)
	if !canRun || !hasStatus(checks, CheckAPIAuth, StatusOK) {
		t.Errorf("canRun=%v api_auth=%v\n%s", canRun, statusOf(checks, CheckAPIAuth), out.String())
	}
}

// Demo without API client and Basic off: REST checks left to the admin.
func TestNoAPIClient(t *testing.T) {
	_, url := startSim(t, "demo")
	opt := fullOptions(url, "en")
	opt.ClientID, opt.ClientSecret = "", ""
	var out bytes.Buffer
	canRun, checks := Run(context.Background(), opt, &out)
	if !canRun || !hasStatus(checks, CheckAPIAuth, StatusWarn) || !containsText(out.String(), textEN.ManualRESTCheck) {
		t.Errorf("canRun=%v api_auth=%v\n%s", canRun, statusOf(checks, CheckAPIAuth), out.String())
	}
}

// A non-admin user logs in but cannot open the admin pages.
func TestNonAdminUser(t *testing.T) {
	_, url := startSim(t, "demo")
	opt := fullOptions(url, "en")
	opt.User, opt.Password = sim.NonAdminUser, sim.NonAdminPassword
	var out bytes.Buffer
	canRun, _ := Run(context.Background(), opt, &out)
	if canRun || !containsText(out.String(), textEN.ReasonNotAdmin) {
		t.Errorf("canRun=%v\n%s", canRun, out.String())
	}
}

// A web server that is not 1CRM: no login page, /version 404.
func TestNotOneCRM(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	defer ts.Close()
	var out bytes.Buffer
	canRun, checks := Run(context.Background(), fullOptions(ts.URL, "en"), &out)
	if canRun || !hasStatus(checks, CheckAPIVersion, StatusFail) || !containsText(out.String(), textEN.ReasonNotOneCRM) {
		t.Errorf("canRun=%v\n%s", canRun, out.String())
	}
}

func TestUnreachable(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	url := ts.URL
	ts.Close() // nothing listens there any more
	var out bytes.Buffer
	canRun, checks := Run(context.Background(), Options{URL: url, Lang: "en"}, &out)
	if canRun || !hasStatus(checks, CheckReach, StatusFail) {
		t.Errorf("canRun=%v\n%s", canRun, out.String())
	}
}

func TestBadURL(t *testing.T) {
	var out bytes.Buffer
	canRun, checks := Run(context.Background(), Options{URL: "ht!tp://%zz", Lang: "en"}, &out)
	if canRun || !hasStatus(checks, CheckURL, StatusFail) {
		t.Errorf("canRun=%v checks=%v\n%s", canRun, checks, out.String())
	}
}

// TLS: an unknown CA fails with the --ca-file hint; with the CA file (or
// --insecure) the probe goes through.
func TestTLS(t *testing.T) {
	sc, _ := sim.Builtin("demo")
	ts := httptest.NewUnstartedServer(sim.New(sc, sim.Options{}))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	ts.StartTLS()
	defer ts.Close()

	var out bytes.Buffer
	canRun, checks := Run(context.Background(), fullOptions(ts.URL, "en"), &out)
	if canRun || !hasStatus(checks, CheckTLS, StatusFail) || !containsText(out.String(), "--ca-file") {
		t.Errorf("unknown CA: canRun=%v\n%s", canRun, out.String())
	}

	caFile := filepath.Join(t.TempDir(), "ca.pem")
	pemData := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ts.Certificate().Raw})
	if err := os.WriteFile(caFile, pemData, 0o600); err != nil {
		t.Fatal(err)
	}
	opt := fullOptions(ts.URL, "en")
	opt.CAFile = caFile
	out.Reset()
	canRun, checks = Run(context.Background(), opt, &out)
	if !canRun || !hasStatus(checks, CheckReach, StatusOK) || !containsText(out.String(), "TLS 1.3") {
		t.Errorf("with CA file: canRun=%v\n%s", canRun, out.String())
	}

	opt = fullOptions(ts.URL, "en")
	opt.Insecure = true
	out.Reset()
	canRun, checks = Run(context.Background(), opt, &out)
	if !canRun || !hasStatus(checks, CheckTLS, StatusWarn) {
		t.Errorf("insecure: canRun=%v\n%s", canRun, out.String())
	}
}

// German is the default; every label of a full run is German.
func TestGermanOutput(t *testing.T) {
	_, url := startSim(t, "german-admin")
	var out bytes.Buffer
	opt := fullOptions(url, "")
	canRun, _ := Run(context.Background(), opt, &out)
	text := out.String()
	for _, want := range []string{"Admin-Anmeldung", "Lizenzseite", "Upgrade-Manager", textDE.VerdictOK, textDE.AutoHeading} {
		if !containsText(text, want) {
			t.Errorf("missing %q:\n%s", want, text)
		}
	}
	if !canRun {
		t.Errorf("canRun = false\n%s", text)
	}
}

// Both languages label every check.
func TestLabelsComplete(t *testing.T) {
	names := []string{CheckURL, CheckReach, CheckTLS, CheckAPIVersion, CheckEdition, CheckAPIPublic,
		CheckAPIAuth, CheckLogin, CheckLicense, CheckSupport, CheckBackup, CheckUWizard}
	for _, tx := range []*texts{&textDE, &textEN} {
		for _, n := range names {
			if tx.Labels[n] == "" {
				t.Errorf("no label for %s", n)
			}
		}
	}
}

// A backup without the DB dump holds no data (R10): a note, and the DB
// backup goes to the admin's list.
func TestBackupWithoutDump(t *testing.T) {
	sc, _ := sim.Builtin("demo")
	sc.Backup.DumpDisabled = true
	ts := httptest.NewServer(sim.New(sc, sim.Options{}))
	defer ts.Close()
	var out bytes.Buffer
	canRun, checks := Run(context.Background(), fullOptions(ts.URL, "en"), &out)
	if !canRun || !hasStatus(checks, CheckBackup, StatusWarn) || !containsText(out.String(), textEN.ManualBackup) {
		t.Errorf("canRun=%v backup=%v\n%s", canRun, statusOf(checks, CheckBackup), out.String())
	}
	if containsText(out.String(), textEN.AutoBackup) {
		t.Errorf("backup still listed as automated:\n%s", out.String())
	}
}

// A password without a user name does not attempt a login either, and
// without a login doctor does not claim the wizard can run.
func TestPasswordWithoutUser(t *testing.T) {
	srv, url := startSim(t, "demo")
	opt := fullOptions(url, "en")
	opt.User = ""
	var out bytes.Buffer
	canRun, checks := Run(context.Background(), opt, &out)
	if canRun || !hasStatus(checks, CheckLogin, StatusSkip) || srv.Counters().FailedLogins != 0 {
		t.Errorf("canRun=%v checks=%v\n%s", canRun, checks, out.String())
	}
}

// assertFits80: doctor runs in SSH sessions at 80 columns; every line but
// one holding a single unbreakable word (a long URL) must fit.
func assertFits80(t *testing.T, text string) {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if utf8.RuneCountInString(line) > 80 && strings.Contains(strings.TrimSpace(line), " ") && !strings.Contains(line, "://") {
			t.Errorf("line wider than 80 columns: %q", line)
		}
	}
}

// containsText: doctor wraps its lines to the terminal width, so sentences
// are compared with all whitespace runs folded to one space.
func containsText(out, want string) bool {
	return strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(want), " "))
}

// Issue 10: a refused admin password is never sent again — not by HTTP
// Basic, not by the OAuth password grant of the REST check — and doctor
// says so instead of "can work". With the right password the REST check
// runs after the login.
func TestRESTCheckOnlyAfterTheAdminLogin(t *testing.T) {
	for _, tc := range []struct {
		name     string
		password string
		clientID string
	}{
		{"basic, wrong password", "wrong-password-123", ""},
		{"oauth, wrong password", "wrong-password-123", sim.DemoClientID},
		{"basic, right password", sim.DemoPassword, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, _ := sim.Builtin("basic-auth")
			srv := sim.New(sc, sim.Options{Sleep: func(time.Duration) {}})
			var order []string
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				r.Body = io.NopCloser(bytes.NewReader(body))
				switch {
				case strings.HasPrefix(r.Header.Get("Authorization"), "Basic "):
					order = append(order, "basic")
				case strings.Contains(string(body), `"grant_type":"password"`):
					order = append(order, "password-grant")
				case strings.Contains(r.URL.Path, "json.php") || r.Method == http.MethodPost && strings.Contains(string(body), "user_password"):
					order = append(order, "admin-login")
				}
				srv.ServeHTTP(w, r)
			}))
			defer ts.Close()
			opt := Options{URL: ts.URL, User: sim.DemoUser, Password: tc.password, ClientID: tc.clientID, Lang: "en"}
			if tc.clientID != "" {
				opt.ClientSecret = sim.DemoClientSecret
			}
			var out bytes.Buffer
			canRun, checks := Run(context.Background(), opt, &out)
			if len(order) == 0 || order[0] != "admin-login" {
				t.Fatalf("the password went out before the admin login: %v\n%s", order, out.String())
			}
			if tc.password != sim.DemoPassword {
				for _, o := range order {
					if o != "admin-login" {
						t.Fatalf("the refused password went out again (%s): %v", o, order)
					}
				}
				if canRun || !hasStatus(checks, CheckAPIAuth, StatusSkip) || containsText(out.String(), textEN.VerdictOK) {
					t.Fatalf("after a refused login: requests %v canRun %v\n%s", order, canRun, out.String())
				}
				return
			}
			if !canRun || len(order) < 2 {
				t.Fatalf("right password: requests %v canRun %v\n%s", order, canRun, out.String())
			}
		})
	}
}

// doctor --capture: the probes hand over the pages they read, named by
// probe, without the password, cookies or the CSRF token.
func TestCaptureHandsOverProbedPages(t *testing.T) {
	_, url := startSimDialect(t, "demo", sim.Dialect8x)
	got := map[string]int{}
	var bodies []string
	opt := fullOptions(url, "en")
	opt.Capture = func(probe string, pages []*crmclient.CapturedPage) {
		got[probe] += len(pages)
		for _, p := range pages {
			bodies = append(bodies, p.URL+string(p.Body)+fmt.Sprint(p.Header))
		}
	}
	var out bytes.Buffer
	if ok, _ := Run(context.Background(), opt, &out); !ok {
		t.Fatal(out.String())
	}
	for _, probe := range []string{"login", "license", "backup", "uwizard"} {
		if got[probe] == 0 {
			t.Errorf("no %s page captured: %v", probe, got)
		}
	}
	for _, b := range bodies {
		if strings.Contains(b, sim.DemoPassword) || strings.Contains(b, "Set-Cookie") {
			t.Errorf("a captured page holds a secret")
		}
	}
	// Without a password the public login page is still captured.
	got = map[string]int{}
	opt.Password = ""
	Run(context.Background(), opt, &out)
	if got["login"] == 0 {
		t.Errorf("no login page captured without a password: %v", got)
	}
}
