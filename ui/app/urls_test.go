package app

import (
	"strings"
	"testing"

	"github.com/visual4/1crm-update/ui/text"
)

// Issue 8 item 2 (R7): --test-url naming live under another spelling is a
// usage error (exit 2) with a clear sentence, before anything is asked,
// opened or connected.
func TestTestURLIsLive_R7_usageError(t *testing.T) {
	live := "https://crm.example.com/1crm"
	spellings := []string{
		"https://crm.example.com/1crm/",
		"https://crm.example.com/1crm/index.php",
		"https://crm.example.com/1crm/api.php/version",
		"https://CRM.EXAMPLE.com/1crm",
		"http://crm.example.com/1crm",
		"https://crm.example.com:443/1crm",
		"https://crm.example.com./1crm//",
	}
	for _, lang := range []string{"de", "en"} {
		for _, test := range spellings {
			dir := t.TempDir()
			env := map[string]string{"ONECRM_PASSWORD": "pw"}
			code, _, errb := runMain(t, "", env, "--accessible", "--lang", lang, "--url", live, "--test-url", test, "--user", "admin", "--state-dir", dir)
			if code != ExitUsage || !strings.Contains(errb, "--test-url") || !strings.Contains(errb, "Backup") && !strings.Contains(errb, "backup") {
				t.Errorf("%s --test-url %s: code %d, stderr %q", lang, test, code, errb)
			}
		}
	}
	// The environment counts like the flags.
	env := map[string]string{"ONECRM_PASSWORD": "pw", "ONECRM_URL": live, "ONECRM_TEST_URL": "HTTP://crm.example.com:80/1crm/index.php?module=Home"}
	if code, _, errb := runMain(t, "", env, "--accessible", "--user", "admin", "--state-dir", t.TempDir()); code != ExitUsage {
		t.Errorf("env: code %d, %q", code, errb)
	}
	// Another path or port is another instance.
	for _, other := range []string{"https://crm.example.com/1crm-test", "https://crm.example.com:8443/1crm", "https://test.crm.example.com/1crm"} {
		c := Config{URL: live, TestURL: other}
		if err := checkURLs(&c, text.For("en")); err != nil {
			t.Errorf("%s refused: %v", other, err)
		}
	}
}

// Issue 8 item 8: an address without scheme, with a port out of range or
// otherwise unusable gets a specific usage message (exit 2), never a
// network error or "unexpected error".
func TestBadURL_usageMessages(t *testing.T) {
	cases := []struct{ url, says string }{
		{"crm.example.com", "https://crm.example.com"},
		{"127.0.0.1:8080", "https://127.0.0.1:8080"},
		{"https:/crm.example.com", "https://crm.example.com"},
		{"http:crm.example.com", "http://crm.example.com"},
		{"https://crm.example.com:99999", `"99999" is not a valid port`},
		{"https://crm.example.com:0/1crm", `"0" is not a valid port`},
		{"https://crm.example.com:http", `"http" is not a valid port`},
		{"http://[::1", "not a usable address"},
		{"https://admin:geheim@crm.example.com", "user name or password in the address is not accepted"},
		{"http://admin:geheim@127.0.0.1:27731", "--url http://127.0.0.1:27731 --user NAME"},
		{"admin:geheim@crm.example.com/1crm", "ONECRM_PASSWORD"},
	}
	for _, tc := range cases {
		env := map[string]string{"ONECRM_PASSWORD": "pw"}
		code, _, errb := runMain(t, "", env, "--accessible", "--lang", "en", "--url", tc.url, "--user", "admin", "--state-dir", t.TempDir())
		if code != ExitUsage || !strings.Contains(errb, tc.says) || strings.Contains(errb, "geheim") {
			t.Errorf("%s: code %d, stderr %q (want %q)", tc.url, code, errb, tc.says)
		}
	}
}
