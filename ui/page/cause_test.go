package page

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/text"
)

// Every cause CauseCode can give has a sentence of its own in both
// languages (ui/text TestEveryCauseHasASentence checks text.CauseCodes).
func TestEveryCauseIsWorded(t *testing.T) {
	known := map[string]bool{}
	for _, c := range text.CauseCodes {
		known[c] = true
	}
	codes := []string{"canceled", "not_1crm", "page_changed", "tls", "tls_unknown_ca", "tls_hostname",
		"tls_expired", "tls_not_https", "network", "network_refused", "network_dns", "network_timeout",
		"network_dropped", "api_error", "download_failed", "unknown"}
	for _, s := range sentinelCodes {
		codes = append(codes, s.code)
	}
	for _, c := range codes {
		if !known[c] {
			t.Errorf("cause %q is not in text.CauseCodes", c)
		}
		for _, tab := range []text.Texts{text.DE, text.EN} {
			if c != "unknown" && tab.Cause(c) == tab.Cause("unknown") {
				t.Errorf("%s: cause %q has no sentence", tab.Lang(), c)
			}
		}
	}
}

// TLS problems each name their own fix; the certificate error arrives
// wrapped in the url.Error of the request, as net/http returns it.
func TestTLSCauses(t *testing.T) {
	wrap := func(e error) error {
		return &url.Error{Op: "Get", URL: "https://crm.example.com/api.php/version", Err: e}
	}
	cert := &x509.Certificate{}
	for err, want := range map[error]string{
		wrap(&tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{Cert: cert}}):             "tls_unknown_ca",
		wrap(&tls.CertificateVerificationError{Err: x509.HostnameError{Certificate: cert, Host: "crm"}}): "tls_hostname",
		wrap(x509.CertificateInvalidError{Cert: cert, Reason: x509.Expired}):                             "tls_expired",
		wrap(tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}):              "tls_not_https",
	} {
		if got := CauseCode(err); got != want {
			t.Errorf("%v: %s, want %s", err, got, want)
		}
	}
}

// A PHP fatal page is a server error, not a changed page, although the
// client's error matches both (crmclient.ErrServerError).
func TestServerErrorBeforePageChanged(t *testing.T) {
	err := fmt.Errorf("%w: %w", crmclient.ErrServerError, &crmclient.PageChangedError{Page: "backup"})
	if got := CauseCode(err); got != "server_error" {
		t.Fatalf("%s", got)
	}
}

// The detail is the server's own words, labelled; the Go chain is not shown
// for a classified error, only for one of no known kind.
func TestDetailIsTheServersMessage(t *testing.T) {
	api := &crmclient.APIError{Status: 500, Message: "Internal error", Hint: "see log"}
	if _, d := Explain(text.DE, fmt.Errorf("api: %w", api)); d != "Meldung von 1CRM: HTTP 500: Internal error (see log)" {
		t.Errorf("api detail %q", d)
	}
	nj := &crmclient.NotJSONError{URL: "https://x/api.php/version", Status: 502, ContentType: "text/html", FirstLine: "Bad Gateway"}
	if c, d := Explain(text.EN, nj); c != text.EN.Cause("not_1crm") || d != "This address answered: HTTP 502: Bad Gateway" {
		t.Errorf("not JSON: %q %q", c, d)
	}
	if _, d := Explain(text.DE, fmt.Errorf("download: %w", crmclient.ErrDownloadNotZip)); d != "" {
		t.Errorf("classified error shows its chain: %q", d)
	}
	odd := errors.New("something odd")
	if c, d := Explain(text.DE, odd); c != text.DE.Cause("unknown") || d != "something odd" {
		t.Errorf("unknown: %q %q", c, d)
	}
	// An error steps worded itself (e.g. a full disk) keeps steps' words.
	ae := &steps.ActionError{Text: "Die Festplatte ist voll.", Err: odd}
	if c, d := Explain(text.DE, ae); c != "Die Festplatte ist voll." || d != "" {
		t.Errorf("worded by steps: %q %q", c, d)
	}
	if l := ErrorLine(text.DE, ae); strings.Contains(l, "something odd") {
		t.Errorf("error line %q", l)
	}
}

// A failed download says so, with 1CRM's answer; a full disk keeps steps'
// words; a download that is no ZIP shows no "1CRM said" for a local check.
func TestDownloadCauses(t *testing.T) {
	notFound := &steps.ActionError{Step: steps.StepPackage, Text: "x",
		Err: &crmclient.APIError{Status: 404, Message: "Not Found"}}
	if c, d := Explain(text.DE, notFound); c != text.DE.Cause("download_failed") || d != "Meldung von 1CRM: HTTP 404: Not Found" {
		t.Errorf("404: %q %q", c, d)
	}
	full := &steps.ActionError{Step: steps.StepPackage, Text: "Auf dem Datenträger ist kein Platz mehr.",
		Err: &crmclient.DownloadWriteError{Path: "/tmp/x.zip", Err: errors.New("no space left on device")}}
	if c, _ := Explain(text.DE, full); c != full.Text {
		t.Errorf("disk full: %q", c)
	}
	notZip := &steps.ActionError{Step: steps.StepPackage, Text: "x",
		Err: &crmclient.ServerMessageError{Kind: crmclient.ErrDownloadNotZip, Text: "zip: not a valid zip file"}}
	if c, d := Explain(text.EN, notZip); c != text.EN.Cause("download_not_zip") || d != "" {
		t.Errorf("not a zip: %q %q", c, d)
	}
}
