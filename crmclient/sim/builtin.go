package sim

import (
	"sort"
	"time"
)

// Demo credentials of every built-in scenario. They are demo values, printed
// by `1crm-update sim` on purpose; no real secret ever looks like these.
const (
	DemoUser             = "admin"
	DemoPassword         = "demo-admin-pw"
	NonAdminUser         = "jdoe"
	NonAdminPassword     = "demo-user-pw"
	DemoClientID         = "1crm-update-demo"
	DemoClientSecret     = "demo-client-secret"
	DefaultScenario      = "demo"
	defaultSupportDays   = 200
	expiringSupportDays  = 17
	expiredSupportDays   = -12
	demoUpdatePaddingLen = 2 << 20
)

// DefaultUsers are the admin and the non-admin user of the built-ins.
func DefaultUsers() []UserSpec {
	return []UserSpec{
		{ID: "1", UserName: DemoUser, Password: DemoPassword, LastName: "Administrator", Email: "admin@example.com", Admin: true},
		{ID: "seed_jdoe_id", UserName: NonAdminUser, Password: NonAdminPassword, FirstName: "Jane", LastName: "Doe", Email: "jane.doe@example.com"},
	}
}

type builtin struct {
	desc  string
	build func() *Scenario
}

var builtins = map[string]builtin{
	"demo": {"Professional on-premise 8.7.6, 3 extensions (one does not accept 8.7.7), support ~200 days, update 8.7.7 offered (precopy, 2 commit hooks); 7x pages", demo},
	"demo-8x": {"Like demo in the 8x dialect: login.php, JSON login, CSRF cookie + X-OneCRM-CSRF-Token header", func() *Scenario {
		sc := demo()
		sc.Dialect = Dialect8x
		return sc
	}},
	"captcha-login": {"8x dialect, login.php always shows the \"I'm a human\" widget (id=cap): every login fails", func() *Scenario {
		sc := demo()
		sc.Dialect = Dialect8x
		sc.Login.Captcha = "always"
		return sc
	}},
	"captcha-after-failures": {"8x dialect, the captcha widget appears after 3 failed logins", func() *Scenario {
		sc := demo()
		sc.Dialect = Dialect8x
		sc.Login.Captcha = "after_failures:3"
		return sc
	}},
	"upgrade-form": {"upgrade.php advances by the 7.x \"Next\" form (POST index.php uw_step=N), not by script", func() *Scenario {
		sc := demo()
		sc.UpgradeFlow = FlowForm
		return sc
	}},
	"upgrade-xhr": {"upgrade.php is a progress page whose script runs the steps by XHR (POST upgrade.php?ajax=1&step=N)", func() *Scenario {
		sc := demo()
		sc.UpgradeFlow = FlowXHR
		return sc
	}},
	"extension-update": {"Like demo plus an offered DATEV Export 2.4.0 module update with optional parts (layout, dropdowns)", func() *Scenario {
		sc := demo()
		sc.Updates = append(sc.Updates, UpdateSpec{
			Product: "DATEV Export", DatePosted: "2025-05-20", Description: "DATEV Export for 1CRM 8.7",
			Package: PackageSpec{Name: "DATEV Export", ID: "v4DatevExport", Type: "module", Version: "2.4.0",
				Description: "Invoice export for DATEV", Author: "visual4 GmbH", PublishedDate: "2025-05-20",
				RegexMatches: []string{`8\.7\.[0-9]+`}, Uninstallable: true, Conditions: []string{"dropdowns", "layout"},
				CommitHooks: []string{"register_export"}, FileName: "v4DatevExport-2.4.0.zip"},
		})
		return sc
	}},
	"test-system": {"Test system for path A: identical to demo", func() *Scenario {
		sc := demo()
		sc.Description = "test system (path A), same state as demo"
		return sc
	}},
	"test-system-stale": {"Test system not refreshed: 8.7.5 and one extension missing (W5 parity check)", func() *Scenario {
		sc := demo()
		sc.Version = "8.7.5"
		sc.Extensions = sc.Extensions[:2]
		return sc
	}},
	"enterprise-cloud": {"Enterprise, cloud (hosted license row), 8.7.5, update 8.7.7-318", func() *Scenario {
		sc := demo()
		sc.Edition, sc.Deployment, sc.Version = "enterprise", "cloud", "8.7.5"
		sc.Updates[0].Product = "1CRM Enterprise Edition"
		sc.Updates[0].Package.Version = "8.7.7-318"
		sc.Updates[0].Package.FileName = "8.7.7-318-InfoAtHand-patch.zip"
		sc.Updates[0].Package.Description = "Updates 1CRM Enterprise 8.7.0-8.7.6 to 8.7.7"
		return sc
	}},
	"professional-expiring": {"Professional, support ends in 17 days (yellow)", func() *Scenario {
		sc := demo()
		sc.License.SupportDays = intp(expiringSupportDays)
		return sc
	}},
	"trial": {"Professional trial license (yellow, trial wording)", func() *Scenario {
		sc := demo()
		sc.License.Trial = true
		sc.License.SupportDays = intp(25)
		sc.License.History = []LicenseHistorySpec{{Name: "Trial license", Type: "trial", UserLimit: 25}}
		return sc
	}},
	"expired-support": {"Support expired 12 days ago (red): the upgrade manager shows only MSG_LIC_UPGRADES_DISABLED and redirects to Home", func() *Scenario {
		sc := demo()
		sc.License.SupportDays = intp(expiredSupportDays)
		return sc
	}},
	"expired-support-redirect": {"Support expired: the upgrade manager answers a plain 302 to Home (no text)", func() *Scenario {
		sc := demo()
		sc.License.SupportDays = intp(expiredSupportDays)
		sc.Faults.UpgradesDisabledRedirect = true
		return sc
	}},
	"startup-onpremise": {"Startup on-premise: no updates offered (8.7.7 ZIP only via its download link), REST API 403", func() *Scenario {
		sc := demo()
		sc.Edition = "startup"
		sc.License.SupportDays = nil
		sc.Extensions = sc.Extensions[:1]
		partnerPackage(sc, "1CRM Startup Edition")
		return sc
	}},
	"startup-cloud": {"Startup cloud (hosted license row): REST API 403, no updates offered (partner ZIP via its download link)", func() *Scenario {
		sc := demo()
		sc.Edition, sc.Deployment = "startup", "cloud"
		sc.Extensions = sc.Extensions[:1]
		partnerPackage(sc, "1CRM Startup Edition")
		return sc
	}},
	"startupplus": {"Startup+ on-premise: REST API 403 (product code startup_plus), update on the License page", func() *Scenario {
		sc := demo()
		sc.Edition = "startup_plus"
		sc.Updates[0].Product = "1CRM Startup+ Edition"
		return sc
	}},
	"no-license": {"No license loaded: NOT properly licensed, no support info (grey), no updates", func() *Scenario {
		sc := demo()
		sc.License = LicenseSpec{Unlicensed: true, NoUpdatesChecked: true}
		sc.Updates = nil
		return sc
	}},
	"backup-fails": {"Backup fails: the disk is full; the answer is the usual script, only the history shows no new backup", func() *Scenario {
		sc := demo()
		sc.Faults.BackupFails = "disk_full"
		return sc
	}},
	"backup-dir-not-writable": {"Backup fails: backup directory not writable; the answer is the usual script, no new history entry", func() *Scenario {
		sc := demo()
		sc.Faults.BackupFails = "dir_not_writable"
		return sc
	}},
	"slow-backup": {"Backup takes 3 minutes (the server keeps going if the client disconnects)", func() *Scenario {
		sc := demo()
		sc.Timings.Backup = Duration(3 * time.Minute)
		return sc
	}},
	"install-fails": {"Install fails at upgrade.php step 1 (commit): the lock stays set, the package stays under Uploaded", func() *Scenario {
		sc := demo()
		sc.Faults.InstallFailStep = 1
		return sc
	}},
	"permissions-error": {"Prepare: checkPermissions reports an error", func() *Scenario {
		sc := demo()
		sc.Faults.PermissionsError = true
		return sc
	}},
	"upload-limit": {"PHP post_max_size 8 MB: the 12 MB update upload is silently dropped", func() *Scenario {
		sc := demo()
		sc.Updates[0].PaddingBytes = 12 << 20
		sc.Faults.PostMaxSize = 8 << 20
		return sc
	}},
	"hosted-upload-disabled": {"Cloud instance with package uploads disabled (the hoster installs)", func() *Scenario {
		sc := demo()
		sc.Deployment = "cloud"
		sc.Faults.HostedUploadDisabled = true
		return sc
	}},
	"session-expiry": {"Admin session ends after 6 requests or 2 minutes idle", func() *Scenario {
		sc := demo()
		sc.Faults.SessionExpiryRequests = 6
		sc.Faults.SessionIdle = Duration(2 * time.Minute)
		return sc
	}},
	"wrong-password": {"Every login and password grant is rejected", func() *Scenario {
		sc := demo()
		sc.Faults.WrongPasswordAlways = true
		return sc
	}},
	"csrf-token": {"Every form carries a hidden CSRF token field that POSTs must return (hypothetical 7x variant)", func() *Scenario {
		sc := demo()
		sc.Faults.CSRFToken = true
		return sc
	}},
	"broken-pdf": {"PDF printing answers an HTML error page instead of a PDF", func() *Scenario {
		sc := demo()
		sc.Faults.PDFBroken = "html"
		return sc
	}},
	"broken-after-update": {"After an install the data endpoints answer 500", func() *Scenario {
		sc := demo()
		sc.Faults.BrokenAfterUpdate = true
		return sc
	}},
	"plain-http-refused": {"API calls over plain http are refused (403 with an SSL hint)", func() *Scenario {
		sc := demo()
		sc.API.RequireSSL = true
		return sc
	}},
	"basic-auth": {"HTTP Basic auth enabled, no API client registered for the wizard", func() *Scenario {
		sc := demo()
		sc.API.BasicAuth = true
		return sc
	}},
	"upload-cutoff": {"The connection is cut after 1 MB of an upload (proxy or network drop)", func() *Scenario {
		sc := demo()
		sc.Faults.UploadCutoffBytes = 1 << 20
		return sc
	}},
	"slow-responses": {"Every request takes 1.5 s longer (slow server or network)", func() *Scenario {
		sc := demo()
		sc.Timings.ResponseDelay = Duration(1500 * time.Millisecond)
		return sc
	}},
	"license-page-500": {"The License page answers 500 with a PHP fatal error", func() *Scenario {
		sc := demo()
		sc.Faults.FailPaths = []string{"/index.php?module=LicenseInfo"}
		return sc
	}},
	"backup-without-dump": {"mysqldump does not work on the server: backups succeed but hold no database dump", func() *Scenario {
		sc := demo()
		sc.Backup.DumpUnavailable = true
		return sc
	}},
	"install-stalls": {"upgrade.php step 2 answers a blank page once: the install stays stuck (locked) until the step is requested again", func() *Scenario {
		sc := demo()
		sc.Faults.InstallStallStep = 2
		return sc
	}},
	"backup-silent": {"The server stops answering for 2 minutes once the first backup starts (the backup itself runs on)", func() *Scenario {
		sc := demo()
		sc.Faults.SilentOn, sc.Faults.SilentFor = "backup", Duration(2*time.Minute)
		return sc
	}},
	"install-hangs": {"upgrade.php step 2 does not answer for 20 minutes the first time; the rest of 1CRM answers", func() *Scenario {
		sc := demo()
		sc.Faults.InstallHangStep, sc.Faults.InstallHangFor = 2, Duration(20*time.Minute)
		return sc
	}},
	"install-lost": {"The server restarts before upgrade.php step 1: the install is gone, nothing installed, the package still uploaded", func() *Scenario {
		sc := demo()
		sc.Faults.InstallLostStep = 1
		return sc
	}},
	"short-tokens": {"API access tokens live 90 s: long runs must refresh them", func() *Scenario {
		sc := demo()
		sc.OAuth.TokenLifetimeSeconds = 90
		return sc
	}},
	"refresh-revoked": {"API access tokens live 90 s and every refresh token is revoked: the client must repeat the original grant", func() *Scenario {
		sc := demo()
		sc.OAuth.TokenLifetimeSeconds = 90
		sc.Faults.RevokeRefreshTokens = true
		return sc
	}},
	"german-admin": {"Like demo, users' language German (2014 pack: lists and app texts German, the admin modules English)", func() *Scenario {
		sc := demo()
		sc.Language = "de"
		return sc
	}},
	"german-admin-language-ignored": {"Like german-admin, but the language posted at login is ignored: pages stay German", func() *Scenario {
		sc := demo()
		sc.Language = "de"
		sc.Login.IgnoreLanguage = true
		return sc
	}},
	"unknown-login":   unknownMarkupScenario("login", "The login page is built by a script bundle: no login form to recognise"),
	"unknown-list":    unknownMarkupScenario("list", "The Upgrade Wizard list has an unknown markup (no package tables)"),
	"unknown-upload":  unknownMarkupScenario("upload", "The upload answer has an unknown markup (a toast, no message box, no lists)"),
	"unknown-prepare": unknownMarkupScenario("prepare", "The prepare result has an unknown markup (no step blocks) but a tempting Proceed form"),
	"unknown-install": unknownMarkupScenario("install", "The install answer hides the way to upgrade.php in a script (lock set)"),
	"unknown-backup":  unknownMarkupScenario("backup", "The backup run answers an unknown markup (the backup itself works)"),
	"unknown-download": unknownMarkupScenario("download",
		"The update's download link answers a page whose script starts the download (no ZIP for a client)"),
	"unknown-upload-form": unknownMarkupScenario("upload-form",
		"The upload form is a scripted drop zone (no file field); the package lists are as usual"),
	"unknown-backup-page": unknownMarkupScenario("backup-page",
		"Backup Management is built by a script: no settings form to recognise, the history a plain list"),
}

// unknownMarkupScenario is demo with one answer in an unrecognisable markup.
func unknownMarkupScenario(page, desc string) builtin {
	return builtin{desc, func() *Scenario {
		sc := demo()
		sc.Faults.UnknownMarkup = []string{page}
		return sc
	}}
}

// Names lists the built-in scenarios, sorted.
func Names() []string {
	out := make([]string, 0, len(builtins))
	for n := range builtins {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Describe returns the one-line description of a built-in scenario.
func Describe(name string) string { return builtins[name].desc }

// Builtin returns a fresh copy of a built-in scenario.
func Builtin(name string) (*Scenario, bool) {
	b, ok := builtins[name]
	if !ok {
		return nil, false
	}
	sc := b.build()
	sc.Name = name
	sc.Description = b.desc
	return sc, true
}

func intp(i int) *int { return &i }

// partnerPackage turns the offered update into one that is not listed on
// the License page but downloadable: what the partner mails (R2, R3).
func partnerPackage(sc *Scenario, product string) {
	sc.Updates[0].Unlisted = true
	sc.Updates[0].Product = product
}

// demo is the realistic default: what a visual4 customer typically runs.
func demo() *Scenario {
	return &Scenario{
		Edition:    "professional",
		Deployment: "onpremise",
		Version:    "8.7.6",
		Language:   "en",
		License: LicenseSpec{
			Licensee:    "Musterfirma GmbH",
			UserLimit:   25,
			SupportDays: intp(defaultSupportDays),
			History: []LicenseHistorySpec{
				{Name: "1CRM Professional", Type: "initial", Purchased: "2022-03-01", SupportStart: "2022-03-01", SupportEnd: "2023-02-28", Loaded: "2022-03-02", UserLimit: 20},
				{Name: "1CRM Professional", Type: "renewal", UserLimit: 25}, // dates follow the support end
			},
		},
		Extensions: []PackageSpec{
			{Name: "Call Sheets", ID: "exCallSheets", Type: "module", Version: "1.4.2",
				Description: "Printable call sheets per account", Author: "Example Software GmbH", PublishedDate: "2024-02-12",
				RegexMatches: []string{`8\.6\.[0-9]+`, `8\.7\.[0-9]+`}, Uninstallable: true, Installed: "2024-03-04"},
			{Name: "DATEV Export", ID: "v4DatevExport", Type: "module", Version: "2.3.1",
				Description: "Invoice export for DATEV", Author: "visual4 GmbH", PublishedDate: "2024-09-20",
				RegexMatches: []string{`8\.6\.[0-9][0-9]?`, `8\.7\.[0-6]`}, Uninstallable: true, Installed: "2024-10-01"},
			{Name: "German Language Pack", ID: "GermanLanguagePack", Type: "langpack", Version: "8.7.6.1",
				Description: "Deutsche Übersetzung", Author: "visual4 GmbH", PublishedDate: "2024-11-05",
				RegexMatches: []string{`8\.7\.[0-9]+`}, Uninstallable: true, Installed: "2024-11-12"},
		},
		Updates: []UpdateSpec{{
			Product:         "1CRM Professional Edition",
			DatePosted:      "2025-05-02",
			ReleaseNotesURL: "https://1crm.com/release-notes/8-7-7/",
			Description:     "Maintenance release 8.7.7",
			PaddingBytes:    demoUpdatePaddingLen,
			Package: PackageSpec{Name: "1CRM 8.7.7 Update", ID: "InfoAtHand", Type: "patch", Version: "8.7.7",
				Description: "Updates 1CRM 8.7.0-8.7.6 to 8.7.7", Author: "1CRM Corp.", PublishedDate: "2025-05-02",
				RegexMatches: []string{`8\.7\.[0-6]`}, FileName: "8.7.7-InfoAtHand-patch.zip",
				Precopy: true, CommitHooks: []string{"migrate_settings", "rebuild_search_index"}, PostCommit: true},
		}},
		Backup: BackupSpec{
			Existing: []BackupFileSpec{
				{Name: "backup_20250301_020000.zip", SizeBytes: 151_200_000},
				{Name: "backup_20250401_020000.zip", SizeBytes: 155_100_000},
			},
		},
		Timings: Timings{Backup: Duration(3 * time.Second), InstallStep: Duration(600 * time.Millisecond)},
	}
}
