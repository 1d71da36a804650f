package crmclient

import (
	"errors"
	"fmt"
)

// Sentinel errors. Callers test them with errors.Is; the concrete error may
// carry the server's text verbatim (see ServerMessageError).
var (
	ErrWrongPassword      = errors.New("admin login rejected: wrong user name or password")
	ErrNotAdmin           = errors.New("logged in, but the user is not an administrator")
	ErrSessionExpired     = errors.New("admin session expired and the login could not be renewed")
	ErrAPINotAvailable    = errors.New("no REST API on this instance (Startup/Startup+ edition, or API disabled)")
	ErrAPICredentials     = errors.New("REST API credentials rejected")
	ErrPlainHTTPRefused   = errors.New("the instance refuses API calls over plain http")
	ErrNotOneCRM          = errors.New("this address does not answer like a 1CRM instance")
	ErrUpgradesDisabled   = errors.New("the upgrade manager is disabled: the update subscription has expired")
	ErrUploadDisabled     = errors.New("package uploads are disabled on this hosted installation")
	ErrUploadNotAccepted  = errors.New("the upload was not accepted (probably larger than the PHP upload limits)")
	ErrNotZip             = errors.New("the server says the file is not a ZIP package")
	ErrInvalidVersion     = errors.New("the package does not accept the running 1CRM version")
	ErrEmptyTypeIDVersion = errors.New("the package manifest lacks type, id or version")
	ErrInvalidType        = errors.New("the package type is not allowed")
	ErrDuplicateUpload    = errors.New("a package with this file name is already uploaded")
	ErrOutdated           = errors.New("the same or a newer version of this package is already installed")
	ErrPrepareFailed      = errors.New("the install preparation reported an error")
	ErrInstallFailed      = errors.New("the install failed")
	ErrInstallTimeout     = errors.New("the install did not finish in time")
	ErrBackupFailed       = errors.New("the backup failed")
	ErrNotPDF             = errors.New("the PDF endpoint did not return a PDF")
)

// APIError is a non-2xx answer of api.php (spec §1.4).
type APIError struct {
	Status  int
	Type    string // "error" key
	Message string
	Hint    string
	Body    string // first 2 KiB when the body was not JSON
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = e.Type
	}
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return fmt.Sprintf("api: HTTP %d: %s", e.Status, msg)
}

// NotJSONError means the server answered HTML or text where JSON was
// expected: a proxy page, a PHP fatal error, or a wrong base URL.
type NotJSONError struct {
	URL         string
	Status      int
	ContentType string
	FirstLine   string // first non-empty line of what came back, trimmed
}

func (e *NotJSONError) Error() string {
	return fmt.Sprintf("expected JSON from %s, got HTTP %d %s starting with %q", e.URL, e.Status, e.ContentType, e.FirstLine)
}

// PageChangedError means an admin page did not look like the 7.x form the
// client knows; the wizard then asks the admin to do this step by hand.
type PageChangedError struct {
	Page    string // "login", "license", "backup", "uwizard", "prepare", "install"
	Missing []string
}

func (e *PageChangedError) Error() string {
	return fmt.Sprintf("the %s page does not look as expected (missing: %v)", e.Page, e.Missing)
}

// ServerMessageError carries a server message verbatim together with the
// sentinel that classifies it.
type ServerMessageError struct {
	Kind error
	// Text is the message itself, as the server worded it: the message
	// box or error line of the answer page (or a PHP "Fatal error: … in
	// file:line" line), without menus, breadcrumbs and footers,
	// whitespace collapsed, at most ~500 characters. Error() shows it.
	Text string
	// Detail is the longer excerpt for the report and the log: the
	// visible text of the whole answer page, first 2 KiB ("" when the
	// text did not come from a page). Never shown by Error().
	Detail string
}

func (e *ServerMessageError) Error() string {
	if e.Text == "" {
		return e.Kind.Error()
	}
	return e.Kind.Error() + ": " + e.Text
}

func (e *ServerMessageError) Unwrap() error { return e.Kind }

// Sentinels added by the client helper.
var (
	// ErrNoAPIAuth: no API client is configured and HTTP Basic is disabled
	// or was refused, so the authenticated REST checks are skipped (spec §1.3).
	ErrNoAPIAuth = errors.New("no usable REST API credentials (no API client configured, HTTP Basic disabled)")
	// ErrPackageNotUploaded: the package is not (or no longer) listed under
	// Uploaded Packages, e.g. it was installed or deleted meanwhile.
	ErrPackageNotUploaded = errors.New("the package is not listed under Uploaded Packages")
	// ErrDeleteFailed: perform=delete left the package under Uploaded Packages.
	ErrDeleteFailed = errors.New("the uploaded package could not be deleted")
	// ErrDownloadNotZip: the downloaded file is not a ZIP (often a login or error page).
	ErrDownloadNotZip = errors.New("the download is not a ZIP file")
	// ErrResumeURL: the URL given to ResumeInstall is not an upgrade.php URL
	// of this instance (the session is never sent anywhere else).
	ErrResumeURL = errors.New("the saved install address is not an upgrade.php address of this instance")
	// ErrServerError: an admin page answered with a PHP fatal error or an
	// HTTP 5xx instead of its content. The error also matches
	// *PageChangedError, so callers that let the admin read a page by hand
	// keep doing so; it never matches ErrNotAdmin.
	ErrServerError = errors.New("the server answered with an error page (PHP fatal error or HTTP 5xx)")
	// ErrNoNewBackup: the backup run ended without a new entry in the
	// Backup History, and the answer named no reason (7.x answers every
	// run with the same "Backup Complete" script; the cause goes only to
	// 1CRM's log). It always comes wrapped together with ErrBackupFailed.
	ErrNoNewBackup = errors.New("no new backup appeared in the backup history")
)

// Sentinels of issue 7 (the real 7.x pages and current 1CRM's login).
var (
	// ErrCaptcha: the login page shows a "human check" widget (id="cap",
	// seen on current 1CRM Cloud). The client cannot solve it; no login was
	// attempted, so no failed attempt was counted against the account.
	ErrCaptcha = errors.New("the 1CRM login asks for a human check (captcha): sign in once in the browser, then start again")
	// ErrUpgradeInProgress: 1CRM reports an upgrade in progress (users are
	// locked out until it is finished), e.g. a login refused for that reason.
	ErrUpgradeInProgress = errors.New("1CRM reports an upgrade in progress: users are locked out until it is finished")
	// ErrInstallNeedsBrowser: upgrade.php shows a page the client cannot
	// drive (no redirect, no refresh, no step form it recognises — e.g. a
	// page that runs the steps by script), or the install left 1CRM locked.
	// Users stay locked out until an administrator finishes the remaining
	// steps in the browser.
	ErrInstallNeedsBrowser = errors.New("the install must be finished in the browser (upgrade.php): users stay locked out of 1CRM until its remaining steps are done")
	// ErrRedirectedHome: the upgrade manager sent the browser to the Home
	// page instead of showing its lists. 1CRM does this when the support
	// contract has expired (MSG_LIC_UPGRADES_DISABLED with redirect_home);
	// the License page tells whether that is the reason. The error also
	// matches *PageChangedError.
	ErrRedirectedHome = errors.New("the upgrade manager redirected to the Home page instead of showing its lists (1CRM does this when the support contract has expired)")
)

// isAny reports whether err matches one of the targets.
func isAny(err error, targets ...error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}
