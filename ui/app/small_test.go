package app

import (
	"bytes"
	"strings"
	"testing"
)

// Issue 8 item 10: end of input at the password question exits with a
// sentence that says so (exit 2), not silently with 130.
func TestPasswordPromptEOFIsSaid(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		code, out, errb := runMain(t, "", nil, "--accessible", "--lang", lang, "--url", "https://crm.example.com",
			"--user", "admin", "--state-dir", t.TempDir())
		want := map[string]string{"de": "Passwort", "en": "password"}[lang]
		if code != ExitUsage || !strings.Contains(errb, want) || !strings.Contains(errb, "ONECRM_PASSWORD") {
			t.Errorf("%s: code %d, stdout %q, stderr %q", lang, code, out, errb)
		}
	}
}

// Issue 8 item 10: --support-email must be a mail address (it goes into
// mailto: links and the partner mails); "Name <addr>" is reduced to addr.
func TestSupportEmailValidated(t *testing.T) {
	for _, bad := range []string{"support", "support@", "@visual4.de", "a b@visual4.de", "support@localhost", "x@y,z@w"} {
		var errb bytes.Buffer
		_, err := ParseWizard([]string{"--support-email", bad, "--lang", "en"}, mapEnv(nil), &bytes.Buffer{}, &errb)
		if err == nil || !strings.Contains(errb.String(), "not an e-mail address") {
			t.Errorf("%q accepted (%v, %q)", bad, err, errb.String())
		}
	}
	c, err := ParseWizard([]string{"--support-email", "Partner Support <help@partner.example>"}, mapEnv(nil), &bytes.Buffer{}, &bytes.Buffer{})
	if err != nil || c.SupportEmail != "help@partner.example" {
		t.Fatalf("%q %v", c.SupportEmail, err)
	}
	code, _, errb := runMain(t, "", map[string]string{"ONECRM_SUPPORT_EMAIL": "nobody"}, "--demo", "--accessible")
	if code != ExitUsage || !strings.Contains(errb, "--support-email") {
		t.Fatalf("env: code %d %q", code, errb)
	}
}
