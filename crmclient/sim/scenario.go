package sim

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"
)

// Scenario describes one simulated 1CRM instance. It is JSON-loadable; zero
// values take the defaults documented per field (see applyDefaults).
type Scenario struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Edition: startup | startup_plus | professional | enterprise.
	Edition string `json:"edition"`
	// Deployment: cloud | onpremise. Cloud adds a "hosted" license row when
	// the history is empty (spec §8: the only hint there is).
	Deployment string `json:"deployment"`
	// Version is what /version reports, e.g. "8.7.6".
	Version string `json:"version"`
	// Products are the /version product codes; default per edition (§1.5).
	Products []string `json:"products,omitempty"`
	// ProductNames are the names on the License page; default per edition.
	ProductNames []string `json:"product_names,omitempty"`
	// Language of the admin pages: en | de.
	Language string `json:"language,omitempty"`
	// TimeZone is the server's local zone (backup names, dates); default Europe/Berlin.
	TimeZone string `json:"timezone,omitempty"`
	// DateFormat is a Go layout for dates on pages; default per language.
	DateFormat string `json:"date_format,omitempty"`
	// InstallDir is the server path of the 1CRM root; default /var/www/1crm.
	InstallDir string `json:"install_dir,omitempty"`
	// Dialect of the web pages: "7x" (default: the structure of the real
	// 7.x source) or "8x" (current 1CRM Cloud login: login.php, json.php,
	// CSRF header, optional captcha; admin pages as in 7x, see doc.go).
	Dialect string `json:"dialect,omitempty"`
	// UpgradeFlow is how upgrade.php advances from step to step: "script"
	// (default; each step page sends the browser on by script), "form"
	// (each step page has the 7.x "Next" form) or "xhr" (one progress page
	// whose script runs the steps by XHR).
	UpgradeFlow string `json:"upgrade_flow,omitempty"`
	// Login shapes the login pages and their answers.
	Login LoginSpec `json:"login"`

	License    LicenseSpec   `json:"license"`
	Extensions []PackageSpec `json:"extensions,omitempty"`
	Updates    []UpdateSpec  `json:"updates,omitempty"`
	Users      []UserSpec    `json:"users,omitempty"`
	OAuth      OAuthSpec     `json:"oauth"`
	API        APISpec       `json:"api"`
	Backup     BackupSpec    `json:"backup"`
	Timings    Timings       `json:"timings"`
	Faults     Faults        `json:"faults"`
	Data       DataSpec      `json:"data"`
	Vendor     VendorSpec    `json:"vendor"`
}

// LicenseSpec is what the License Information page shows (§3).
type LicenseSpec struct {
	// Unlicensed renders "NOT properly licensed" and no history.
	Unlicensed bool   `json:"unlicensed,omitempty"`
	Licensee   string `json:"licensee,omitempty"`
	UserLimit  int    `json:"user_limit,omitempty"`
	// SupportEnd is an absolute date YYYY-MM-DD; SupportDays is relative to
	// the clock at New (days left). Neither set → grey "no support info".
	SupportEnd  string `json:"support_end,omitempty"`
	SupportDays *int   `json:"support_days,omitempty"`
	Trial       bool   `json:"trial,omitempty"`
	// History rows; empty → one generated row (plus "hosted" for cloud).
	History []LicenseHistorySpec `json:"history,omitempty"`
	// NoUpdatesChecked hides "Last checked" (never checked).
	NoUpdatesChecked bool `json:"no_updates_checked,omitempty"`
}

// LicenseHistorySpec is one License History row. Dates YYYY-MM-DD.
type LicenseHistorySpec struct {
	Name         string `json:"name"`
	Type         string `json:"type"` // initial|extension|renewal|trial|hosted
	Products     string `json:"products,omitempty"`
	Licensee     string `json:"licensee,omitempty"`
	Purchased    string `json:"purchased,omitempty"`
	SupportStart string `json:"support_start,omitempty"`
	SupportEnd   string `json:"support_end,omitempty"`
	Loaded       string `json:"loaded,omitempty"`
	UserLimit    int    `json:"user_limit,omitempty"`
}

// LoginSpec shapes the login (spec §2, evidence §1.2).
type LoginSpec struct {
	// IgnoreLanguage: the language posted at login (login_language, or
	// language in the 8x JSON login) is not honoured; pages stay in the
	// user's stored language (the scenario's Language).
	IgnoreLanguage bool `json:"ignore_language,omitempty"`
	// Captcha (8x only): when login.php shows the "I'm a human" widget
	// (id="cap"): "never" (default), "always" or "after_failures:N" (after
	// N failed logins on this server). While the widget is shown every
	// login fails: the simulator has no way to solve it, only a browser
	// with its JavaScript would.
	Captcha string `json:"captcha,omitempty"`
	// CSRFCookie (8x only) is the name of the CSRF cookie whose value
	// every POST must send back in the X-OneCRM-CSRF-Token header;
	// default "onecrm_csrf".
	CSRFCookie string `json:"csrf_cookie,omitempty"`
}

// VendorSpec is the vendor block of the License page.
type VendorSpec struct {
	Name    string `json:"name,omitempty"`
	URL     string `json:"url,omitempty"`
	Address string `json:"address,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Email   string `json:"email,omitempty"`
}

// PackageSpec is a full package manifest (§6.3) plus install facts.
type PackageSpec struct {
	Name          string   `json:"name"`
	ID            string   `json:"id"`
	Type          string   `json:"type"` // module|langpack|patch|theme|holidays|pers_pack
	Version       string   `json:"version"`
	Description   string   `json:"description,omitempty"`
	Author        string   `json:"author,omitempty"`
	PublishedDate string   `json:"published_date,omitempty"`
	RegexMatches  []string `json:"regex_matches,omitempty"`
	ExactMatches  []string `json:"exact_matches,omitempty"`
	Uninstallable bool     `json:"is_uninstallable,omitempty"`
	ThemeID       string   `json:"theme_id,omitempty"`
	// Installed is the install date (YYYY-MM-DD) for installed extensions.
	Installed string `json:"installed,omitempty"`
	// FileName of the ZIP; default "<id>-<version>.zip".
	FileName string `json:"file_name,omitempty"`
	// Conditions are the optional parts the manifest offers (modules,
	// dropdowns, layout, custom): one ticked checkbox each in the list.
	Conditions []string `json:"conditions,omitempty"`
	// Precopy: the manifest has early files (core patches); prepare then
	// runs the precopy step, which ends asking for a restart.
	Precopy bool `json:"precopy,omitempty"`
	// CommitHooks are the manifest's hooks.commit steps: one upgrade.php
	// step each after commit (run in name order).
	CommitHooks []string `json:"commit_hooks,omitempty"`
	// PostCommit adds the postcommit hook step before cleanup.
	PostCommit bool `json:"post_commit,omitempty"`
}

// UpdateSpec is one row of "Available Updates"; the simulator serves the
// package as a real ZIP at the row's download link.
type UpdateSpec struct {
	Product         string      `json:"product"`
	DatePosted      string      `json:"date_posted,omitempty"` // YYYY-MM-DD
	ReleaseNotesURL string      `json:"release_notes_url,omitempty"`
	Description     string      `json:"description,omitempty"`
	Package         PackageSpec `json:"package"`
	// PaddingBytes adds a stored filler file to the ZIP (realistic size).
	PaddingBytes int64 `json:"padding_bytes,omitempty"`
	// Unlisted packages are not on the License page but can be downloaded
	// from their link: the ZIP a partner mails to a Startup customer (R2, R3).
	Unlisted bool `json:"unlisted,omitempty"`
}

// UserSpec is a 1CRM user.
type UserSpec struct {
	ID        string `json:"id"` // "1" → "Users:1"
	UserName  string `json:"user_name"`
	Password  string `json:"password"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Email     string `json:"email,omitempty"`
	Admin     bool   `json:"admin,omitempty"`
}

// OAuthSpec is the registered private API client (§1.3).
type OAuthSpec struct {
	ClientID     string `json:"client_id,omitempty"`
	ClientSecret string `json:"client_secret,omitempty"`
	// ClientUser is the user name client_credentials acts as; default admin.
	ClientUser string `json:"client_user,omitempty"`
	// TokenLifetimeSeconds; default 86400 (expires_in 86399).
	TokenLifetimeSeconds int `json:"token_lifetime_seconds,omitempty"`
	// Grants enabled; default all three.
	Grants []string `json:"grants,omitempty"`
}

// APISpec are the System Settings that shape api.php.
type APISpec struct {
	BasicAuth bool `json:"basic_auth,omitempty"`
	// RequireSSL refuses plain-http API calls with 403 + SSL hint (§1.1).
	RequireSSL bool `json:"require_ssl,omitempty"`
	// VersionExempt lets /version answer on Startup/Startup+ (§1.1 unknown).
	VersionExempt bool `json:"version_exempt,omitempty"`
	// VersionShowsBuild: after a core update /version shows the package
	// version including its build suffix (§10.2 q1); default: release only.
	VersionShowsBuild bool `json:"version_shows_build,omitempty"`
}

// BackupSpec are the Backup Management settings (§4).
type BackupSpec struct {
	Enabled       bool   `json:"enabled,omitempty"`
	TargetDir     string `json:"target_dir,omitempty"`     // default files/backups/
	MysqldumpPath string `json:"mysqldump_path,omitempty"` // default /usr/bin/mysqldump
	DumpDisabled  bool   `json:"dump_disabled,omitempty"`
	// DumpUnavailable: mysqldump does not work on this server. The page shows
	// backup_dump_available off and a backup succeeds without iahdb_*.sql
	// (spec §4: the client warns). Faults.BackupFails "mysqldump_missing" is
	// the same outcome with the dump enabled: 7.x leaves the dump out silently.
	DumpUnavailable bool   `json:"dump_unavailable,omitempty"`
	FilesFilter     string `json:"files_filter,omitempty"` // default minimal
	// SizeBytes pads each new backup ZIP with a stored filler entry to about
	// this size, written to disk for real. Default 0: the ZIP holds only the
	// dump and a few representative files, and its real size (a few KB) is
	// what the history shows.
	SizeBytes int64 `json:"size_bytes,omitempty"`
	// Existing backups, names backup_YYYYMMDD_HHMMSS.zip.
	Existing []BackupFileSpec `json:"existing,omitempty"`
}

// BackupFileSpec is an existing backup file.
type BackupFileSpec struct {
	Name      string `json:"name"`
	SizeBytes int64  `json:"size_bytes"`
}

// Timings are real durations (JSON: Go duration strings like "2s").
type Timings struct {
	Backup        Duration `json:"backup,omitempty"`         // default 3s
	InstallStep   Duration `json:"install_step,omitempty"`   // default 500ms
	ResponseDelay Duration `json:"response_delay,omitempty"` // default 0
	// TransferRate limits update-ZIP downloads and upload bodies to this
	// many bytes per second (still streamed), so progress bars can be seen
	// on localhost. Default 0: unlimited.
	TransferRate int64 `json:"transfer_rate,omitempty"`
}

// Faults switch on the failure modes of spec §10.1.
type Faults struct {
	WrongPasswordAlways bool `json:"wrong_password_always,omitempty"`
	// LoginFailurePage answers a failed 7x Authenticate with 200 + the
	// login form instead of the real redirect to plain index.php.
	LoginFailurePage bool `json:"login_failure_page,omitempty"`
	// SessionExpiryRequests ends a session after N authenticated requests.
	SessionExpiryRequests int `json:"session_expiry_requests,omitempty"`
	// SessionIdle ends a session after this much idle time (clock time).
	SessionIdle Duration `json:"session_idle,omitempty"`
	// CSRFToken: every form carries a hidden token field; POSTs without
	// it fail (a hypothetical variant; the 8x dialect's real-world CSRF
	// token is a cookie + header, see LoginSpec.CSRFCookie).
	CSRFToken bool `json:"csrf_token,omitempty"`
	// BackupFails: "" | "mysqldump_missing" (the ZIP is written without the
	// dump, as 7.x runBackup does) | "dir_not_writable" | "disk_full" (no ZIP).
	BackupFails string `json:"backup_fails,omitempty"`
	// PostMaxSize drops bodies larger than this silently (PHP post_max_size).
	PostMaxSize int64 `json:"post_max_size,omitempty"`
	// UploadMaxFilesize rejects larger files with PHP's UPLOAD_ERR_INI_SIZE text.
	UploadMaxFilesize int64 `json:"upload_max_filesize,omitempty"`
	// UploadCutoffBytes aborts the connection after reading this many body bytes.
	UploadCutoffBytes int64 `json:"upload_cutoff_bytes,omitempty"`
	// InstallFailStep fails the upgrade.php chain at step k (1-based; step
	// 1 is commit, so k=1 leaves the package uninstalled).
	InstallFailStep int `json:"install_fail_step,omitempty"`
	// PermissionsError makes checkPermissions report an error.
	PermissionsError bool `json:"permissions_error,omitempty"`
	// HostedUploadDisabled removes the upload form (hosted installation).
	HostedUploadDisabled bool `json:"hosted_upload_disabled,omitempty"`
	// FailPaths answer 500 with a PHP fatal error. An entry without "?" is a
	// path prefix below the base ("/api.php/me"); one with "?" needs that
	// exact path and the listed query parameters in any order
	// ("/index.php?module=LicenseInfo").
	FailPaths []string `json:"fail_paths,omitempty"`
	// PDFBroken: "" | "500" | "html".
	PDFBroken string `json:"pdf_broken,omitempty"`
	// BrokenAfterUpdate: after an install finishes, data endpoints answer 500.
	BrokenAfterUpdate bool `json:"broken_after_update,omitempty"`
	// RevokeRefreshTokens: every refresh_token grant fails (revoked).
	RevokeRefreshTokens bool `json:"revoke_refresh_tokens,omitempty"`
	// PHPFatalStyle shapes every PHP fatal error answer (fail paths, broken
	// after update, broken PDF): "" = 500 + PHP's HTML error text;
	// "display_errors_on" = 200 + the text (what PHP itself sends);
	// "display_errors_off" = 500 with an empty body.
	PHPFatalStyle string `json:"php_fatal_style,omitempty"`
	// InstallStallStep: the first request of upgrade.php step k answers a
	// blank 200 page and runs nothing, so a following client has nowhere to
	// go; the install stays stuck with the flag set until someone requests
	// the step again (spec §10.1 "stalled install").
	InstallStallStep int `json:"install_stall_step,omitempty"`
	// UnknownMarkup renders the named answers in a markup no client can
	// recognise (to test fail-closed behaviour): "login" (login page),
	// "list" (Upgrade Wizard list), "upload" (upload answer), "prepare"
	// (prepare result), "install" (install answer), "backup" (backup run
	// answer), "backup-page" (the Backup Management page: no settings
	// form, the history a plain list), "upload-form" (the list page's
	// upload form: a scripted drop zone), "download" (an update's download
	// link answers a page whose script starts the download). The server
	// state changes as it normally would.
	UnknownMarkup []string `json:"unknown_markup,omitempty"`
	// UpgradesDisabledRedirect: with expired support the Upgrade Wizard
	// answers a plain 302 to Home instead of the error page with the
	// MSG_LIC_UPGRADES_DISABLED text and the redirect countdown.
	UpgradesDisabledRedirect bool `json:"upgrades_disabled_redirect,omitempty"`
	// The long waits of issue 8 item 7 (stall.go). SilentOn "backup": when
	// the first backup run starts, the server stops answering — every
	// request, the backup's own answer included, is held without an answer
	// for SilentFor (0: until the server closes), as a frozen server or a
	// cut network path would. The backup itself runs on.
	SilentOn  string   `json:"silent_on,omitempty"`
	SilentFor Duration `json:"silent_for,omitempty"`
	// InstallHangStep: the first request for upgrade.php step k is held
	// without an answer for InstallHangFor (0: until the server closes);
	// then the step runs as usual. Everything else is answered meanwhile
	// (1CRM busy, not down); a second request for a step waits behind it.
	InstallHangStep int      `json:"install_hang_step,omitempty"`
	InstallHangFor  Duration `json:"install_hang_for,omitempty"`
	// InstallLostStep: the first request for upgrade.php step k finds the
	// server restarted from before the install: the in-progress flag and
	// the run are gone (steps before k stay applied; k=1: nothing is
	// installed, the package stays uploaded), and upgrade.php sends the
	// browser back to the list.
	InstallLostStep int `json:"install_lost_step,omitempty"`
}

// DataSpec sizes the CRM data behind /data.
type DataSpec struct {
	Accounts int `json:"accounts,omitempty"` // default 237
	Quotes   int `json:"quotes,omitempty"`   // default 12
	Contacts int `json:"contacts,omitempty"` // default 412
}

// Duration is a time.Duration that reads "1.5s" or a number of seconds in JSON.
type Duration time.Duration

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// MarshalJSON writes a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads a Go duration string or a number of seconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		v, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("duration %q: %w", s, err)
		}
		*d = Duration(v)
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("duration must be a string like \"2s\" or seconds: %s", b)
	}
	*d = Duration(f * float64(time.Second))
	return nil
}

// LoadScenario returns a built-in scenario by name, or reads a JSON file.
func LoadScenario(nameOrFile string) (*Scenario, error) {
	if sc, ok := Builtin(nameOrFile); ok {
		return sc, nil
	}
	if !strings.HasSuffix(nameOrFile, ".json") && !strings.ContainsAny(nameOrFile, `/\`) {
		return nil, fmt.Errorf("unknown scenario %q (built-in: %s)", nameOrFile, strings.Join(Names(), ", "))
	}
	b, err := os.ReadFile(nameOrFile)
	if err != nil {
		return nil, fmt.Errorf("scenario file: %w", err)
	}
	sc := &Scenario{}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(sc); err != nil {
		return nil, fmt.Errorf("scenario file %s: %w", nameOrFile, err)
	}
	if sc.Name == "" {
		sc.Name = strings.TrimSuffix(nameOrFile, ".json")
	}
	if err := sc.Check(); err != nil {
		return nil, fmt.Errorf("scenario file %s: %w", nameOrFile, err)
	}
	return sc, nil
}

func updatePackages(us []UpdateSpec) []PackageSpec {
	out := make([]PackageSpec, 0, len(us))
	for _, u := range us {
		out = append(out, u.Package)
	}
	return out
}

// clone returns a deep copy so a Server never shares mutable state with the
// caller's (or the built-in) scenario.
func (sc *Scenario) clone() *Scenario {
	b, err := json.Marshal(sc)
	if err != nil {
		panic("sim: scenario not serialisable: " + err.Error())
	}
	out := &Scenario{}
	if err := json.Unmarshal(b, out); err != nil {
		panic("sim: scenario round trip: " + err.Error())
	}
	return out
}
