package doctor

import "fmt"

var textEN = texts{
	Title:      func(u string) string { return "1crm-update doctor – checking " + u + " (read-only)" },
	StatusOK:   "OK",
	StatusWarn: "NOTE",
	StatusFail: "FAIL",
	StatusSkip: "–",
	ByHand:     "(by hand)",
	Labels: map[string]string{
		CheckURL: "Address", CheckReach: "Reachability", CheckTLS: "TLS",
		CheckAPIVersion: "REST API /version", CheckEdition: "Edition", CheckAPIPublic: "REST API public",
		CheckAPIAuth: "REST API login", CheckLogin: "Admin login", CheckLicense: "License page",
		CheckSupport: "Update subscription", CheckBackup: "Backup page", CheckUWizard: "Upgrade manager",
	},
	BadURL:           func(e string) string { return "The address is not valid: " + e },
	Unreachable:      func(e string) string { return "No connection: " + e },
	TLSUnknownCA:     "The certificate comes from an unknown authority. Pass your CA with --ca-file (or, as a last resort, --insecure).",
	TLSBad:           func(e string) string { return "TLS error: " + e },
	PlainHTTP:        "Plain http://: passwords would cross the network unencrypted; use https:// if you can.",
	Insecure:         "Certificate checks are switched off with --insecure.",
	Reached:          func(s int, t string) string { return fmt.Sprintf("answered HTTP %d%s", s, t) },
	CertExpires:      func(d string, n int) string { return fmt.Sprintf("certificate valid until %s (%d days left)", d, n) },
	LoginPageFound:   "The 1CRM login page is there.",
	LoginPageMissing: "index.php does not show a 1CRM login page.",
	APIVersion: func(v, e string, p []string) string {
		return fmt.Sprintf("1CRM %s, edition %s (products: %s)", v, e, list(p))
	},
	APINotAvailable: "The REST API answers 403: Startup/Startup+ or the API is switched off. The edition then comes from the License page.",
	APIPlainHTTP:    "The REST API refuses http:// (SSL required). Use https://, or allow API access without SSL.",
	APINotOneCRM:    "No 1CRM answers at this address (wrong path?). Give the base address without /index.php.",
	APIOther:        func(e string) string { return "Unexpected answer: " + e },
	EditionFromAPI:  func(e string) string { return e + " (from the REST API)" },
	EditionFromLicense: func(e string) string {
		return e + " (from the License page)"
	},
	EditionUnknown: "unknown – the wizard will ask.",
	PublicKeyOK:    "Answers (public key present).",
	PublicKeyFail:  func(e string) string { return "No valid answer: " + e },
	AuthOK:         func(n string) string { return "Signed in as " + n + "; the after-update checks will use the API too." },
	AuthNone:       "No API client given and HTTP Basic is off: the API checks after the update are skipped.",
	AuthRejected:   func(e string) string { return "Credentials rejected: " + e },
	AuthSkipNoAPI:  "Not applicable without the REST API.",
	AuthSkipNoLogin: "Not tried: the admin login failed, and the password is not sent again " +
		"(every failed attempt counts towards locking the account).",
	PagesHeading:  "Admin pages on this instance:",
	PageAuto:      "automated",
	PageByHand:    func(w string) string { return "by hand in the browser (with the wizard's instructions): " + w },
	PageUnchecked: func(w string) string { return "not checked: " + w },
	WhyPageChanged: func(m string) string {
		return "The page differs from the one the wizard knows (missing: " + m + ")."
	},
	WhyRedirectedHome:   "The upgrade manager redirects to the Home page.",
	UWizardNoUploadForm: "The upload form is not the one the wizard knows: you upload in the browser, the wizard does the rest.",
	VerdictOKByHand:     "Result: the wizard can work with this instance; the pages named \"by hand\" above are yours in the browser, and the wizard checks the outcome afterwards.",
	NoPassword: func(u string) string {
		if u == "" {
			return "No admin user given (--user or ONECRM_USER): only the public part was checked, not the admin login and the admin pages."
		}
		return "No password given for " + u + " (ONECRM_PASSWORD): only the public part was checked, not the admin login and the admin pages."
	},
	UnknownUntilLogin: "What the wizard takes care of on this instance and what stays manual (license and update subscription, backup, " +
		"upgrade manager, checks through the REST API) can only be said once the admin login works.",
	LoginOK:    func(u string) string { return "Signing in as " + u + " works." },
	LoginWrong: "1CRM refused the user name or password. Nothing was tried again (accounts can be locked after several failed logins).",
	LoginCaptcha: "The 1CRM login page asks for a human check (captcha), which only a person in the browser can answer. " +
		"Sign in once in the browser, then run doctor again. No login was attempted.",
	LoginLocked: "1CRM refuses the login because an upgrade is in progress; users stay locked out until it is finished " +
		"in the browser (upgrade.php).",
	LoginUnproven: func(m string) string {
		return "The login could not be confirmed: the Administration page does not look as expected (" + m + "). " +
			"The wizard does not go on without that proof."
	},
	LoginPageUnknown: func(m string) string {
		return "The login page does not look as expected (" + m + "), so the wizard cannot sign in; no login was attempted."
	},
	LoginMaybeNotAdmin: func(m string) string {
		return "Signed in, but the Administration page did not open as an administrator's (" + m + "): " +
			"the user is most likely not an administrator, or the page looks different than expected."
	},
	ServerSaid:  func(m string) string { return "1CRM said: \u201c" + m + "\u201d" },
	LoginFail:   func(e string) string { return "Cannot sign in: " + e },
	SkipNoLogin: "Skipped (no admin login).",
	NotAdmin:    "The user is not an administrator.",
	PageChanged: func(p string) string {
		return "The page does not look as expected (" + p + "); the admin does this part in the browser."
	},
	LicenseOK:       func(l string, n int) string { return fmt.Sprintf("Licensed to %s, %d active users", l, n) },
	Unlicensed:      "No valid license loaded.",
	SupportActive:   func(e string, d int) string { return fmt.Sprintf("active until %s (%d days left)", e, d) },
	SupportExpiring: func(e string, d int) string { return fmt.Sprintf("ends on %s (%d days left) – renew in time", e, d) },
	SupportTrial:    func(e string, d int) string { return fmt.Sprintf("trial license until %s (%d days left)", e, d) },
	SupportExpired: func(e string) string {
		return "expired on " + e + ": 1CRM locks the upgrade manager. Renew, then sign in again."
	},
	SupportNone:    "No information about the update subscription.",
	UpdatesOffered: func(v []string) string { return "Updates offered: " + list(v) },
	UpdatesNone:    "The License page offers no update.",
	Hosted:         "Hosted installation (cloud).",
	StartupOnPremise: "Startup on-premise receives no update packages: download the new version from the vendor's website " +
		"and pass the ZIP with --package.",
	StartupCloud: "Startup in the cloud: the partner sends the update ZIP; pass it with --package.",
	BackupOK: func(f string, n int, last string) string {
		s := fmt.Sprintf("file selection %q, %s in the history", f, plural(n, "backup", "backups"))
		if last != "" {
			s += ", newest " + last
		}
		return s
	},
	BackupNoDump:   "mysqldump is not available on the server: a backup would hold no database.",
	BackupDumpOff:  "The database dump is switched off in the backup settings: a backup would hold no data.",
	PageUnreadable: func(e string) string { return "Cannot read it: " + e },
	UWizardOK: func(u, i int) string {
		return fmt.Sprintf("Reachable: %s uploaded, %s installed", plural(u, "package", "packages"), plural(i, "package", "packages"))
	},
	UWizardUpgradesDisabled: "Locked because the update subscription has expired.",
	UWizardUploadDisabled:   "Uploads are switched off on this hosted installation: the wizard hands the install to you (License page) or the hoster/partner and checks the outcome.",
	UWizardRedirectedHome: "The upgrade manager sends the browser to the Home page instead of showing its lists; " +
		"1CRM does this when the support contract has expired or the licence status is unknown. Open it in the browser to see why.",
	UWizardInProgress:    "Reports an upgrade in progress – find out whether someone is installing before you start.",
	AutoHeading:          "The wizard takes care of:",
	ManualHead:           "The admin does this personally (in the browser or on the server):",
	AutoVersion:          "checking version and edition",
	AutoLicense:          "checking the license and update subscription",
	AutoBackup:           "starting a backup on the backup page and checking its result",
	AutoUpload:           "checking the update package (ZIP, manifest, SHA-256) and uploading it",
	AutoInstall:          "preparing the install, showing warnings, installing and following it",
	AutoRESTCheck:        "after the update: checking version, login, records and PDF through the REST API",
	AutoPageCheck:        "after the update: checking the package list and the login",
	ManualRestore:        "Restoring a backup happens on the server (or through the partner), never through the web interface.",
	ManualTests:          "The business tests after the update (checklist) are the admin's; the wizard asks for every item.",
	ManualBackup:         "Make a database backup on the server, because the 1CRM backup would hold no data.",
	ManualRenew:          "Renew the update subscription, then sign in again.",
	ManualPartnerInstall: "The hoster or partner installs the update.",
	ManualRESTCheck:      "Without the REST API: look at records and PDF printing by hand after the update.",
	ManualLogin:          "For the admin pages run doctor again with --user; the password comes from ONECRM_PASSWORD or a hidden prompt at the terminal.",
	ManualPages:          "Pages that look different than expected are handled by the admin in the browser, with instructions.",
	ManualGetPackage:     "Get the update ZIP yourself (vendor website or partner).",
	VerdictOK:            "Result: the wizard can work with this instance.",
	VerdictPartial:       "Result: the public part answers. Only a run with an admin user and password shows whether the wizard can work with this instance.",
	VerdictNo:            func(r []string) string { return "Result: the wizard cannot work here (yet): " + list(r) + "." },
	ReasonUnreachable:    "instance not reachable",
	ReasonNotOneCRM:      "no 1CRM at this address",
	ReasonLogin:          "admin login failed",
	ReasonWrongPassword:  "admin login refused: wrong user name or password",
	ReasonCaptcha:        "the login asks for a human check (captcha)",
	ReasonLocked:         "an upgrade is in progress (users are locked out)",
	ReasonNotAdmin:       "user is not an administrator",
	ReasonExpired:        "update subscription expired",
	ReasonUploadDisabled: "uploads switched off on this hosted installation",
}
