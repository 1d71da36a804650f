package sim

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestScenariosLoad(t *testing.T) {
	names := Names()
	for _, want := range []string{"demo", "enterprise-cloud", "professional-expiring", "expired-support", "startup-onpremise",
		"startup-cloud", "startupplus", "no-license", "backup-fails", "slow-backup", "install-fails", "upload-limit",
		"hosted-upload-disabled", "session-expiry", "wrong-password", "csrf-token", "broken-pdf", "test-system",
		"test-system-stale", "german-admin", "backup-without-dump", "install-stalls", "short-tokens", "refresh-revoked",
		"demo-8x", "captcha-login", "captcha-after-failures", "upgrade-form", "upgrade-xhr", "extension-update",
		"expired-support-redirect", "german-admin-language-ignored", "unknown-login", "unknown-list", "unknown-upload",
		"unknown-prepare", "unknown-install", "unknown-backup", "backup-silent", "install-hangs", "install-lost"} {
		if _, ok := Builtin(want); !ok {
			t.Errorf("builtin %s missing", want)
		}
	}
	for _, n := range names {
		sc, err := LoadScenario(n)
		if err != nil || sc.Check() != nil || Describe(n) == "" || sc.Name != n {
			t.Errorf("%s: %v", n, err)
		}
		New(sc, Options{}) // must not panic
	}
	stale, _ := Builtin("test-system-stale")
	demo, _ := Builtin("demo")
	if stale.Version == demo.Version || len(stale.Extensions) >= len(demo.Extensions) {
		t.Error("test-system-stale must differ from demo (W5)")
	}
	// Builtin returns copies.
	demo.Version = "1.0"
	if again, _ := Builtin("demo"); again.Version != "8.7.6" {
		t.Error("Builtin shares state")
	}
	if _, err := LoadScenario("no-such-scenario"); err == nil {
		t.Error("unknown name accepted")
	}
	// 7x is the default dialect and script the default upgrade flow.
	if eff := New(demo, Options{}).Scenario(); eff.Dialect != Dialect7x || eff.UpgradeFlow != FlowScript || eff.Login.Captcha != "never" {
		t.Errorf("defaults: %q %q %q", eff.Dialect, eff.UpgradeFlow, eff.Login.Captcha)
	}
	for _, bad := range []func(*Scenario){
		func(sc *Scenario) { sc.Dialect = "9x" },
		func(sc *Scenario) { sc.UpgradeFlow = "ajax" },
		func(sc *Scenario) { sc.Login.Captcha = "after_failures:0" },
		func(sc *Scenario) { sc.Faults.UnknownMarkup = []string{"license"} },
		func(sc *Scenario) { sc.Extensions[0].Conditions = []string{"everything"} },
	} {
		sc, _ := Builtin("demo")
		bad(sc)
		if err := sc.Check(); err == nil {
			t.Errorf("bad scenario accepted: %+v", sc)
		}
	}
}

func TestScenarioFileLoadsByPath(t *testing.T) {
	files, _ := filepath.Glob("scenarios/*.json")
	if len(files) == 0 {
		t.Fatal("no example scenario file")
	}
	for _, f := range files {
		sc, err := LoadScenario(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		r, _ := startSim(t, sc)
		if st, v := api(t, "GET", r.URL+"/api.php/version", "", nil); st != 200 || v["version"] != sc.Version {
			t.Errorf("%s: %d %v", f, st, v)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"edition":"platinum"}`), 0o600)
	if _, err := LoadScenario(bad); err == nil || !strings.Contains(err.Error(), "edition") {
		t.Errorf("bad edition: %v", err)
	}
	os.WriteFile(bad, []byte(`{"editon":"startup"}`), 0o600)
	if _, err := LoadScenario(bad); err == nil {
		t.Error("unknown field accepted")
	}
}

func TestMainListAndUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main([]string{"--list-scenarios"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "demo ") {
		t.Errorf("list: %d %q", code, out.String())
	}
	if code := Main([]string{"--bogus"}, io.Discard, io.Discard); code != 2 {
		t.Errorf("bad flag: %d", code)
	}
	if code := Main([]string{"--scenario", "nope"}, io.Discard, io.Discard); code != 2 {
		t.Errorf("bad scenario: %d", code)
	}
	for _, args := range [][]string{{"--dialect", "9x"}, {"--upgrade-flow", "ajax"}} {
		var errb bytes.Buffer
		if code := Main(args, io.Discard, &errb); code != 2 || !strings.Contains(errb.String(), "want") {
			t.Errorf("%v: %d %q", args, code, errb.String())
		}
	}
	t.Setenv("ONECRM_UPDATE_NOW", "yesterday")
	if code := Main([]string{}, io.Discard, io.Discard); code != 2 {
		t.Errorf("bad ONECRM_UPDATE_NOW: %d", code)
	}
}

// cli.md: first stdout line "listening on http://HOST:PORT", credentials
// next, runs until SIGINT; ONECRM_UPDATE_NOW sets the clock.
func TestMainServesUntilSignal(t *testing.T) {
	t.Setenv("ONECRM_UPDATE_NOW", "2025-06-02T09:00:00+02:00")
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- Main([]string{"--listen", "127.0.0.1:0", "--scenario", "demo", "--base-path", "/1crm", "--quiet",
			"--dialect", "8x", "--upgrade-flow", "xhr"}, pw, io.Discard)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	if !sc.Scan() {
		t.Fatal("no output")
	}
	first := sc.Text()
	if !strings.HasPrefix(first, "listening on http://127.0.0.1:") || !strings.HasSuffix(first, "/1crm") {
		t.Fatalf("first line %q", first)
	}
	var rest []string
	for i := 0; i < 4 && sc.Scan(); i++ {
		rest = append(rest, sc.Text())
	}
	go io.Copy(io.Discard, pr)
	mustContain(t, strings.Join(rest, "\n"), DemoUser, DemoPassword, DemoClientID, DemoClientSecret, "dialect 8x, upgrade flow xhr")
	base := strings.TrimPrefix(first, "listening on ")
	b := newBrowser(t, base)
	if resp, _ := b.get("login.php"); resp.StatusCode != 200 {
		t.Errorf("--dialect 8x: login.php %d", resp.StatusCode)
	}
	b.mustLogin(DemoUser, DemoPassword)
	_, body := b.get("index.php?module=LicenseInfo&action=index")
	mustContain(t, text(body), "on 2025-12-19 (in 200 days)") // the ONECRM_UPDATE_NOW clock

	// Ctrl-C as the terminal sends it (os.Process.Signal: builds on Windows too).
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		_ = p.Signal(os.Interrupt)
	}
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d", c)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Main did not stop on SIGINT")
	}
}
