package sim

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// rawGet fetches u without an Accept header and returns the body as it is
// (a PHP fatal error page is no JSON).
func rawGet(t *testing.T, u, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	st, b := sendBearer(t, req, token)
	return st, string(b)
}

// §1.4: a PHP fatal error looks like PHP 8's own output (html_errors on):
// "Uncaught Error: … in /file:line", a stack trace ending in {main}, and
// "thrown in <b>file</b> on line <b>N</b>".
var phpUncaught = regexp.MustCompile(`(?s)^<br />\n<b>Fatal error</b>:  Uncaught Error: .+ in /var/www/1crm/[\w/.]+\.php:\d+\nStack trace:\n#0 /var/www/1crm/.+\n#\d \{main\}\n  thrown in <b>/var/www/1crm/[\w/.]+\.php</b> on line <b>\d+</b><br />\n$`)

func TestPHPFatalLooksLikePHP(t *testing.T) {
	r, _ := startSim(t, scenario(t, "broken-pdf", func(sc *Scenario) {
		sc.Faults.PDFBroken = "500"
		sc.Faults.FailPaths = []string{"/api.php/public_key"}
	}))
	st, body := rawGet(t, r.URL+"/api.php/public_key", "")
	if st != 500 || !phpUncaught.MatchString(body) || !strings.Contains(body, "#1 /var/www/1crm/api.php(14)") {
		t.Errorf("fail path: %d\n%s", st, body)
	}
	tok := passwordToken(t, r)["access_token"].(string)
	_, list := api(t, "GET", r.URL+"/api.php/data/Quote?limit=1", tok, nil)
	id := list["records"].([]any)[0].(map[string]any)["id"].(string)
	st, body = rawGet(t, r.URL+"/api.php/printer/pdf/Quote/"+id, tok)
	if st != 500 || !phpUncaught.MatchString(body) || !strings.Contains(body, "PdfTemplate::renderCustomBlock()") {
		t.Errorf("pdf: %d\n%s", st, body)
	}
}

// Faults.PHPFatalStyle: PHP itself answers 200 with display_errors=On and
// 500 with an empty body with display_errors=Off.
func TestPHPFatalStyles(t *testing.T) {
	for style, want := range map[string]struct {
		status int
		empty  bool
	}{"": {500, false}, "display_errors_on": {200, false}, "display_errors_off": {500, true}} {
		r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) {
			sc.Faults.PHPFatalStyle = style
			sc.Faults.FailPaths = []string{"/index.php?module=LicenseInfo"}
		}))
		b := adminBrowser(t, r)
		resp, body := b.get("index.php?module=LicenseInfo&action=index")
		if resp.StatusCode != want.status || (body == "") != want.empty {
			t.Errorf("style %q: %d %q", style, resp.StatusCode, body)
		}
		if !want.empty && !strings.Contains(body, "<b>Fatal error</b>:  Uncaught Error:") {
			t.Errorf("style %q: body %q", style, body)
		}
	}
	bad := scenario(t, "demo", func(sc *Scenario) { sc.Faults.PHPFatalStyle = "loud" })
	if bad.Check() == nil {
		t.Error("unknown php_fatal_style accepted")
	}
}
