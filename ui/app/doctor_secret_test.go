package app

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient/doctor"
)

// Issue 8 item 9: doctor never prints the password of a user:password@
// address; the command refuses it like the wizard (exit 2).
func TestDoctorMasksURLPassword(t *testing.T) {
	const pw = "geheim-4711"
	for _, u := range []string{"https://admin:" + pw + "@crm.example.com", "admin:" + pw + "@crm.example.com/1crm"} {
		code, out, errb := runMain(t, "", map[string]string{"LANG": "en_US.UTF-8"}, "doctor", "--url", u)
		if code != ExitUsage || strings.Contains(out+errb, pw) || !strings.Contains(errb, "user name or password in the address is not accepted") {
			t.Errorf("%s: code %d, stdout %q, stderr %q", u, code, out, errb)
		}
	}
	// The probe itself, called directly, names the address without it too.
	var out bytes.Buffer
	doctor.Run(context.Background(), doctor.Options{URL: "https://admin:" + pw + "@crm.example.com", Lang: "en"}, &out)
	if strings.Contains(out.String(), pw) {
		t.Errorf("doctor.Run prints the password:\n%s", out.String())
	}
}

// doctor --user without ONECRM_PASSWORD and without a terminal to ask on:
// a usage error naming the missing password and how to give it, nothing
// probed, and never "the wizard can work with this instance" (cli.md: exit 0
// only then). On a terminal the password is asked without echo instead
// (Prompter.Secret, as in the wizard).
func TestDoctorUserWithoutPassword(t *testing.T) {
	for lang, want := range map[string]string{"en_US.UTF-8": "the password is missing", "de_DE.UTF-8": "das Passwort fehlt"} {
		code, out, errb := runMain(t, "typed-but-no-tty\n", map[string]string{"LANG": lang},
			"doctor", "--url", "http://127.0.0.1:1", "--user", "admin")
		if code != ExitUsage || out != "" || !strings.Contains(errb, want) || !strings.Contains(errb, "ONECRM_PASSWORD") ||
			!strings.Contains(errb, "--user admin") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", lang, code, out, errb)
		}
	}
}
