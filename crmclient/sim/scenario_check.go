package sim

import (
	"fmt"
	"time"
)

// Check reports scenario values the simulator cannot serve.
func (sc *Scenario) Check() error {
	switch sc.Edition {
	case "startup", "startup_plus", "professional", "enterprise", "":
	default:
		return fmt.Errorf("edition %q: want startup, startup_plus, professional or enterprise", sc.Edition)
	}
	switch sc.Deployment {
	case "cloud", "onpremise", "":
	default:
		return fmt.Errorf("deployment %q: want cloud or onpremise", sc.Deployment)
	}
	switch sc.Language {
	case "en", "de", "":
	default:
		return fmt.Errorf("language %q: want en or de", sc.Language)
	}
	switch sc.Dialect {
	case "", Dialect7x, Dialect8x:
	default:
		return fmt.Errorf("dialect %q: want 7x or 8x", sc.Dialect)
	}
	switch sc.UpgradeFlow {
	case "", FlowScript, FlowForm, FlowXHR:
	default:
		return fmt.Errorf("upgrade_flow %q: want script, form or xhr", sc.UpgradeFlow)
	}
	if _, err := parseCaptcha(sc.Login.Captcha); err != nil {
		return fmt.Errorf("login.captcha: %w", err)
	}
	for _, u := range sc.Faults.UnknownMarkup {
		if !knownMarkupSwitch(u) {
			return fmt.Errorf("faults.unknown_markup %q: want login, list, upload, prepare, install, backup, backup-page, upload-form or download", u)
		}
	}
	switch sc.Faults.BackupFails {
	case "", "mysqldump_missing", "dir_not_writable", "disk_full":
	default:
		return fmt.Errorf("faults.backup_fails %q: want mysqldump_missing, dir_not_writable or disk_full", sc.Faults.BackupFails)
	}
	switch sc.Faults.PHPFatalStyle {
	case "", "display_errors_on", "display_errors_off":
	default:
		return fmt.Errorf("faults.php_fatal_style %q: want display_errors_on or display_errors_off", sc.Faults.PHPFatalStyle)
	}
	switch sc.Faults.SilentOn {
	case "", "backup":
	default:
		return fmt.Errorf("faults.silent_on %q: want backup", sc.Faults.SilentOn)
	}
	switch sc.Faults.PDFBroken {
	case "", "500", "html":
	default:
		return fmt.Errorf("faults.pdf_broken %q: want 500 or html", sc.Faults.PDFBroken)
	}
	if sc.TimeZone != "" {
		if _, err := time.LoadLocation(sc.TimeZone); err != nil {
			return fmt.Errorf("timezone: %w", err)
		}
	}
	if sc.License.SupportEnd != "" {
		if _, err := time.Parse("2006-01-02", sc.License.SupportEnd); err != nil {
			return fmt.Errorf("license.support_end: want YYYY-MM-DD: %w", err)
		}
	}
	for _, p := range append(append([]PackageSpec{}, sc.Extensions...), updatePackages(sc.Updates)...) {
		if p.Name == "" || p.ID == "" || p.Type == "" || p.Version == "" {
			return fmt.Errorf("package %q: name, id, type and version are required", p.Name)
		}
		for _, c := range p.Conditions {
			switch c {
			case "modules", "dropdowns", "layout", "custom":
			default:
				return fmt.Errorf("package %q: condition %q: want modules, dropdowns, layout or custom", p.Name, c)
			}
		}
	}
	return nil
}

// applyDefaults fills every zero value the simulator needs.
func (sc *Scenario) applyDefaults() {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&sc.Name, "custom")
	def(&sc.Edition, "professional")
	def(&sc.Deployment, "onpremise")
	def(&sc.Version, "8.7.6")
	def(&sc.Language, "en")
	def(&sc.TimeZone, "Europe/Berlin")
	def(&sc.InstallDir, "/var/www/1crm")
	def(&sc.Dialect, Dialect7x)
	def(&sc.UpgradeFlow, FlowScript)
	def(&sc.Login.Captcha, "never")
	def(&sc.Login.CSRFCookie, "onecrm_csrf")
	if sc.DateFormat == "" {
		if sc.Language == "de" {
			sc.DateFormat = "02.01.2006"
		} else {
			sc.DateFormat = "2006-01-02"
		}
	}
	if len(sc.Products) == 0 {
		sc.Products = defaultProducts(sc.Edition)
	}
	if len(sc.ProductNames) == 0 {
		sc.ProductNames = defaultProductNames(sc.Edition)
	}
	if !sc.License.Unlicensed {
		def(&sc.License.Licensee, "Example GmbH")
		if sc.License.UserLimit == 0 {
			sc.License.UserLimit = map[string]int{"startup": 3, "startup_plus": 10}[sc.Edition]
			if sc.License.UserLimit == 0 {
				sc.License.UserLimit = 25
			}
		}
	}
	def(&sc.Vendor.Name, "visual4 GmbH")
	def(&sc.Vendor.URL, "https://www.visual4.de")
	def(&sc.Vendor.Address, "Musterstraße 1, 10115 Berlin, Germany")
	def(&sc.Vendor.Phone, "+49 30 1234567")
	def(&sc.Vendor.Email, "support@visual4.de")
	if len(sc.Users) == 0 {
		sc.Users = DefaultUsers()
	}
	def(&sc.OAuth.ClientID, DemoClientID)
	def(&sc.OAuth.ClientSecret, DemoClientSecret)
	def(&sc.OAuth.ClientUser, sc.Users[0].UserName)
	if sc.OAuth.TokenLifetimeSeconds == 0 {
		sc.OAuth.TokenLifetimeSeconds = 86400
	}
	if len(sc.OAuth.Grants) == 0 {
		sc.OAuth.Grants = []string{"password", "client_credentials", "refresh_token"}
	}
	def(&sc.Backup.TargetDir, "files/backups/")
	def(&sc.Backup.MysqldumpPath, "/usr/bin/mysqldump")
	def(&sc.Backup.FilesFilter, "minimal")
	if sc.Timings.Backup == 0 {
		sc.Timings.Backup = Duration(3 * time.Second)
	}
	if sc.Timings.InstallStep == 0 {
		sc.Timings.InstallStep = Duration(500 * time.Millisecond)
	}
	if sc.Data.Accounts == 0 {
		sc.Data.Accounts = 237
	}
	if sc.Data.Quotes == 0 {
		sc.Data.Quotes = 12
	}
	if sc.Data.Contacts == 0 {
		sc.Data.Contacts = 412
	}
	for i := range sc.Extensions {
		sc.Extensions[i].defaults()
	}
	for i := range sc.Updates {
		sc.Updates[i].Package.defaults()
	}
}

func (p *PackageSpec) defaults() {
	if p.FileName == "" {
		p.FileName = p.ID + "-" + p.Version + ".zip"
	}
	if p.Author == "" {
		p.Author = "1CRM Corp."
	}
	if p.PublishedDate == "" {
		p.PublishedDate = "2024-01-15"
	}
}

func defaultProducts(edition string) []string {
	switch edition {
	case "enterprise":
		return []string{"enterprise", "portal", "quickbooks", "designer"}
	case "startup":
		return []string{"startup"}
	case "startup_plus":
		return []string{"startup_plus"}
	default:
		return []string{"infoathand", "portal"}
	}
}

func defaultProductNames(edition string) []string {
	switch edition {
	case "enterprise":
		return []string{"1CRM Enterprise Edition", "Portal", "Finance (QuickBooks)", "Module Designer"}
	case "startup":
		return []string{"1CRM Startup Edition"}
	case "startup_plus":
		return []string{"1CRM Startup+ Edition"}
	default:
		return []string{"1CRM Professional Edition", "Portal"}
	}
}
