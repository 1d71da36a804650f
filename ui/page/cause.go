package page

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"strings"
	"syscall"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/ui/text"
)

// An error reaches the admin as two parts, never as the Go error chain
// ("the backup failed: Backup failed: …", `Get "https://…": dial tcp …`),
// whose English prefixes mean nothing on a German screen:
//
//   - the cause: one sentence of the UI's language per CauseCode;
//   - the detail: what the server itself said (crmclient.ServerMessageError
//     .Text, the API's message, the first line of a non-JSON answer),
//     verbatim and labelled as the server's — it may be English, it is
//     what the partner needs to read. Classified errors without such a
//     message have no detail; only an unclassified error shows its text.
//
// The journal and the report keep the whole technical chain (steps).

// Explain is the cause sentence and the detail of err in t's language; the
// line mode uses it too. A refusal of the wizard is its own reason.
func Explain(t text.Texts, err error) (cause, detail string) {
	var ref *steps.Refusal
	if errors.As(err, &ref) {
		r := ref.Reason
		if ref.Rule != "" {
			r += " (" + ref.Rule + ")"
		}
		return r, ""
	}
	code := CauseCode(err)
	var ae *steps.ActionError
	if errors.As(err, &ae) && ae.Text != "" && (ae.Specific || code == "local_disk") {
		// steps knew more than the error (a full disk with its path, an
		// upload cut mid-body, a stuck install): its words are the cause.
		return tidy(ae.Text), ""
	}
	if code == "unknown" && errors.As(err, &ae) && ae.Text != "" {
		// Not one of the UI's kinds (e.g. a full disk): steps words it in
		// the run's language.
		return tidy(ae.Text), ServerDetail(t, err)
	}
	return t.Cause(code), Detail(t, err)
}

// Detail is the part of err the server said itself, labelled; for an
// error of no known kind, its text (nothing else tells what happened).
// Whitespace is collapsed and the text cut: a server may put a whole HTML
// page into its error; the journal and the report keep the full text.
func Detail(t text.Texts, err error) string {
	if d := ServerDetail(t, err); d != "" {
		return d
	}
	var ae *steps.ActionError
	if CauseCode(err) == "unknown" && !errors.As(err, &ae) {
		return tidy(err.Error())
	}
	return ""
}

// ServerDetail is what the server answered, labelled as its words, or "".
func ServerDetail(t text.Texts, err error) string {
	if errors.Is(err, crmclient.ErrDownloadNotZip) {
		return "" // the text is the local ZIP check's, not 1CRM's
	}
	var sm *crmclient.ServerMessageError
	if errors.As(err, &sm) && strings.TrimSpace(sm.Text) != "" && !steps.IsTransportText(sm.Text) {
		return tidy(t.ServerSaid() + " " + sm.Text)
	}
	var api *crmclient.APIError
	if errors.As(err, &api) {
		msg := api.Message
		if msg == "" {
			msg = api.Type
		}
		if api.Hint != "" {
			msg += " (" + api.Hint + ")"
		}
		if strings.TrimSpace(msg) != "" {
			return tidy(t.ServerSaid() + fmt.Sprintf(" HTTP %d: %s", api.Status, msg))
		}
	}
	var nj *crmclient.NotJSONError
	if errors.As(err, &nj) && strings.TrimSpace(nj.FirstLine) != "" {
		// Maybe not 1CRM at all (a proxy, another site): the address answered.
		return tidy(t.AddressAnswered() + fmt.Sprintf(" HTTP %d: %s", nj.Status, nj.FirstLine))
	}
	return ""
}

// ErrorLine is cause and detail on one line (a note, a status line).
func ErrorLine(t text.Texts, err error) string {
	c, d := Explain(t, err)
	if d == "" {
		return c
	}
	return c + " " + d
}

// tidy collapses whitespace and cuts s for a screen.
func tidy(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 300
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}

// serverAnswered are the causes where 1CRM itself reported the failure.
var serverAnswered = map[string]bool{
	"backup_failed": true, "install_failed": true, "prepare_failed": true, "upload_not_accepted": true,
	"upload_disabled": true, "bad_package": true, "invalid_version": true, "duplicate_upload": true,
	"outdated": true, "upgrades_disabled": true, "wrong_password": true, "not_admin": true,
	"server_error": true, "not_uploaded": true, "delete_failed": true, "api_error": true,
	"download_failed": true,
}

// sentinelCodes map the client's typed errors to cause codes, in the order
// they are tested (the first match wins).
var sentinelCodes = []struct {
	err  error
	code string
}{
	{crmclient.ErrWrongPassword, "wrong_password"},
	{crmclient.ErrNotAdmin, "not_admin"},
	{crmclient.ErrSessionExpired, "session_expired"},
	{crmclient.ErrNotOneCRM, "not_1crm"},
	{crmclient.ErrPlainHTTPRefused, "plain_http"},
	{crmclient.ErrUpgradesDisabled, "upgrades_disabled"},
	{crmclient.ErrUploadDisabled, "upload_disabled"},
	{crmclient.ErrUploadNotAccepted, "upload_not_accepted"},
	{crmclient.ErrNotZip, "bad_package"},
	{crmclient.ErrEmptyTypeIDVersion, "bad_package"},
	{crmclient.ErrInvalidType, "bad_package"},
	{crmclient.ErrInvalidVersion, "invalid_version"},
	{crmclient.ErrDuplicateUpload, "duplicate_upload"},
	{crmclient.ErrOutdated, "outdated"},
	{crmclient.ErrPrepareFailed, "prepare_failed"},
	{crmclient.ErrInstallFailed, "install_failed"},
	{crmclient.ErrInstallTimeout, "install_timeout"},
	{steps.ErrInstallStuck, "install_stuck"},
	{crmclient.ErrBackupFailed, "backup_failed"},
	{crmclient.ErrDownloadNotZip, "download_not_zip"},
	{crmclient.ErrPackageNotUploaded, "not_uploaded"},
	{crmclient.ErrDeleteFailed, "delete_failed"},
	{crmclient.ErrResumeURL, "resume_url"},
	{crmclient.ErrAPINotAvailable, "api_not_available"},
	{crmclient.ErrAPICredentials, "api_credentials"},
	{crmclient.ErrNoAPIAuth, "api_credentials"},
	{crmclient.ErrNotPDF, "not_pdf"},
	// Before page_changed: a PHP fatal error or HTTP 5xx also matches
	// *PageChangedError, but "the page looks different" would mislead.
	{crmclient.ErrServerError, "server_error"},
}

// CauseCode sorts an error into one of text.CauseCodes, for a plain sentence.
func CauseCode(err error) string {
	code := causeCode(err)
	// An HTTP error of the package download (404 of the License page link)
	// is not a REST API failure: say what failed.
	var ae *steps.ActionError
	if (code == "api_error" || code == "unknown") && errors.As(err, &ae) && ae.Step == steps.StepPackage {
		var dw *crmclient.DownloadWriteError
		if !errors.As(err, &dw) { // a full disk: steps words it
			return "download_failed"
		}
	}
	return code
}

func causeCode(err error) string {
	if errors.Is(err, context.Canceled) {
		return "canceled"
	}
	// A file of this computer (journal, log, download): syscall.Errno is
	// also a net.Error, so ENOSPC would read as "server unreachable".
	if localDisk(err) {
		return "local_disk"
	}
	// A Go socket error handed back as a server "message" is a dropped
	// connection, whatever the client's kind says.
	var sm *crmclient.ServerMessageError
	if errors.As(err, &sm) && steps.IsTransportText(sm.Text) {
		return "network_dropped"
	}
	for _, s := range sentinelCodes {
		if errors.Is(err, s.err) {
			return s.code
		}
	}
	var nj *crmclient.NotJSONError
	var page *crmclient.PageChangedError
	var api *crmclient.APIError
	var ne net.Error
	switch {
	case errors.As(err, &nj):
		return "not_1crm"
	case errors.As(err, &page):
		return "page_changed"
	}
	if c := tlsCode(err); c != "" {
		return c
	}
	switch {
	case errors.As(err, &ne):
		return networkCode(err, ne)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "network_dropped"
	case errors.As(err, &api):
		return "api_error"
	}
	return "unknown"
}

// localDisk: err is about writing (or reading) a file of this computer,
// not about the server.
func localDisk(err error) bool {
	var we *journal.WriteError
	var dw *crmclient.DownloadWriteError
	var ue *journal.UnreadableError
	var pe *fs.PathError
	if errors.As(err, &we) || errors.As(err, &dw) || errors.As(err, &ue) {
		return true
	}
	if !errors.As(err, &pe) {
		return false
	}
	for _, e := range []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG, syscall.EROFS, syscall.EACCES, syscall.EPERM} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// tlsCode names a certificate problem: each has its own fix (--ca-file,
// the right host name, a renewed certificate).
func tlsCode(err error) string {
	var ue x509.UnknownAuthorityError
	var he x509.HostnameError
	var ce x509.CertificateInvalidError
	var cep *x509.CertificateInvalidError
	var rh tls.RecordHeaderError
	switch {
	case errors.As(err, &ue):
		return "tls_unknown_ca"
	case errors.As(err, &he):
		return "tls_hostname"
	case errors.As(err, &ce) && ce.Reason == x509.Expired, errors.As(err, &cep) && cep.Reason == x509.Expired:
		return "tls_expired"
	case errors.As(err, &ce), errors.As(err, &cep), strings.Contains(err.Error(), "x509:"):
		return "tls"
	case errors.As(err, &rh):
		return "tls_not_https" // a plain http server behind an https:// address
	}
	return ""
}

// networkCode names the network failure as precisely as the error allows:
// "connection refused" and "no such host" call for different fixes.
func networkCode(err error, ne net.Error) string {
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		return "network_dns"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "network_refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "network_dropped"
	case ne.Timeout():
		return "network_timeout"
	}
	return "network"
}
