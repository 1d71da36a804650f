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
		if code != ExitUsage || strings.Contains(out+errb, pw) || !strings.Contains(errb, "not a usable address") {
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
