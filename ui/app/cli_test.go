package app

import (
	"bytes"
	"strings"
	"testing"
)

func runMain(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Env: mapEnv(env)})
	return code, out.String(), errb.String()
}

func TestFlagWinsOverEnv(t *testing.T) {
	env := mapEnv(map[string]string{
		"ONECRM_URL": "https://env.example.com", "ONECRM_USER": "envuser", "ONECRM_PASSWORD": "pw from env",
		"ONECRM_STATE_DIR": "/tmp/envstate", "LANG": "en_US.UTF-8", "ONECRM_SUPPORT_EMAIL": "help@example.com",
	})
	c, err := ParseWizard([]string{"--url", "https://flag.example.com", "--lang", "de"}, env, &bytes.Buffer{}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if c.URL != "https://flag.example.com" || c.User != "envuser" || c.Password != "pw from env" ||
		c.StateDir != "/tmp/envstate" || c.Lang != "de" || c.SupportEmail != "help@example.com" {
		t.Fatalf("%+v", c)
	}
}

// Without flag or env the partner address is the default (cli.md), settled
// once in the config so screens and steps name the same address.
func TestSupportEmailDefault(t *testing.T) {
	c, err := ParseWizard(nil, mapEnv(map[string]string{}), &bytes.Buffer{}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if c.SupportEmail != "support@visual4.de" {
		t.Fatalf("SupportEmail = %q", c.SupportEmail)
	}
}

// The password is never a flag (cli.md): flags are visible in ps.
func TestNoPasswordFlag(t *testing.T) {
	code, _, errb := runMain(t, "", nil, "--password", "secret")
	if code != ExitUsage || !strings.Contains(errb, "password") {
		t.Fatalf("code %d, stderr %q", code, errb)
	}
}

func TestLanguageFromLocale(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{nil, "de"},
		{map[string]string{"LANG": "en_GB.UTF-8"}, "en"},
		{map[string]string{"LANG": "de_DE.UTF-8"}, "de"},
		{map[string]string{"LANG": "C.UTF-8"}, "de"},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}, "de"},
	}
	for _, c := range cases {
		if got := LangFromLocale(mapEnv(c.env)); got != c.want {
			t.Errorf("%v: %s, want %s", c.env, got, c.want)
		}
	}
}

func TestAccessibleSwitches(t *testing.T) {
	for _, env := range []map[string]string{{"ACCESSIBLE": "1"}, {"TERM": "dumb"}} {
		c, err := ParseWizard(nil, mapEnv(env), &bytes.Buffer{}, &bytes.Buffer{})
		if err != nil || !c.Accessible {
			t.Errorf("%v: accessible=%v err=%v", env, c.Accessible, err)
		}
	}
	c, _ := ParseWizard([]string{"--accessible"}, mapEnv(nil), &bytes.Buffer{}, &bytes.Buffer{})
	if !c.Accessible {
		t.Error("--accessible ignored")
	}
	c, _ = ParseWizard(nil, mapEnv(map[string]string{"ACCESSIBLE": "0", "TERM": "xterm"}), &bytes.Buffer{}, &bytes.Buffer{})
	if c.Accessible {
		t.Error("ACCESSIBLE=0 switched line mode on")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"--bogus"}, {"--lang", "fr"}, {"frobnicate"}, {"--start-margin", "-5"}} {
		if code, _, _ := runMain(t, "", nil, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	// Not a terminal, nothing given, nothing to read: a usage error, not a hang.
	code, _, errb := runMain(t, "", map[string]string{"ONECRM_STATE_DIR": t.TempDir()})
	if code != ExitUsage && code != ExitInterrupted {
		t.Errorf("no connection data: exit %d (%s)", code, errb)
	}
	code, _, errb = runMain(t, "", map[string]string{"ONECRM_UPDATE_NOW": "yesterday"}, "--demo", "--state-dir", t.TempDir())
	if code != ExitUsage || !strings.Contains(errb, "ONECRM_UPDATE_NOW") {
		t.Errorf("bad ONECRM_UPDATE_NOW: exit %d, %q", code, errb)
	}
}

func TestVersion(t *testing.T) {
	for _, a := range []string{"version", "--version"} {
		code, out, _ := runMain(t, "", nil, a)
		if code != ExitOK || !strings.HasPrefix(out, "1crm-update ") || !strings.Contains(out, "go1.") {
			t.Errorf("%s: %d %q", a, code, out)
		}
	}
}

// Exit 3 and who holds it, when another wizard has the state directory.
func TestLockedStateDir(t *testing.T) {
	dir := t.TempDir()
	s := demoSession(t, dir, "en", "none", nil)
	defer s.Close()
	code, _, errb := runMain(t, "", nil, "--demo", "--accessible", "--state-dir", dir, "--lang", "en")
	if code != ExitLocked || !strings.Contains(errb, "Another 1crm-update wizard") {
		t.Fatalf("exit %d, stderr %q", code, errb)
	}
}

func TestReportCommand(t *testing.T) {
	code, _, _ := runMain(t, "", nil, "report", "--state-dir", t.TempDir())
	if code != ExitFailed {
		t.Fatalf("report without runs: exit %d", code)
	}
}
