package sim

import "strings"

// texts are the strings the pages show. Real 7.x strings come from the
// 2014 language files (fcoach66/1crm_open_translations, en/ and de/; key
// names in the comments). That German pack translated the application
// strings and lists (include/language) but left the modules UWizard,
// LicenseInfo, Configurator and Users as the English files, so a German
// UI shows those modules in English: textsDE overrides only what the
// pack translated. Strings marked "sim" are the simulator's own wording
// where the real text is not public.
type texts struct {
	// Application strings and lists (translated in the German pack).
	Home, Admin, Logout, HomeDashboard string            // moduleList, LBL_LOGOUT, LBL_HOME_DASHBOARD
	NotAdmin                           string            // ERR_NOT_ADMIN
	UpgradesDisabled                   string            // MSG_LIC_UPGRADES_DISABLED
	RedirectCountdown                  string            // LBL_REDIRECT_COUNTDOWN ({TIME})
	LoginFailed                        string            // LBL_LOGIN_FAILED (JSON login)
	SaveButton, CancelButton           string            // LBL_SAVE_BUTTON_LABEL, LBL_CANCEL_BUTTON_LABEL
	UpdateButton                       string            // LBL_UPDATE
	ModuleTypes                        map[string]string // module_types_dom
	LicenseTypes                       map[string]string // license_type_dom

	// Administration module (untranslated in the German pack).
	AdminLicense, AdminBackup, AdminUWizard string

	// Users module.
	UserName, Password, Theme, Language, LoginButton string
	InvalidPassword                                  string // ERR_INVALID_PASSWORD
	LoginUpgradeLock, CaptchaRequired, JSDisabled    string // sim

	// UWizard module.
	UWTitle, UploadPackage, UploadButton, UploadDesc                string
	Uploaded, Installed, ColName, ColType, ColVersion, ColPublished string
	ColAuthor, ColAction, ColInstalled, Install, Delete, Uninstall  string
	DeleteConfirm                                                   string
	StatusReady, UploadOK, UploadOff                                string
	CondModules, CondDropdowns, CondLayout, CondCustom              string
	ErrNotZip, ErrNotZipArchive, ErrEmptyTypeIDVersion              string
	ErrInvalidType, ErrNoThemeID, ErrInvalidVersion, ErrDuplicate   string
	ErrOutdated, UploadErrIniSize, UploadErrPartial, UploadErrNone  string
	PreparingInstall, PreparingUninstall, Step, Proceed, Cancel     string
	Recheck, Retry, NextStep, Return                                string
	StepCompleted, StepWarnings, StepFailed, ReadyInstall           string
	PreparedInstall, PreparedUninstall                              string
	StepUnzip, StepPrecopy, StepCheckSystem, StepCheckPermissions   string
	StepCheckRemovePermissions, StepCommit, StepCleanup             string
	Unzipped, PrecopyOK, CheckSysOK, CheckSysWarn, PermissionsOK    string
	ErrNotWritable, CantCopy                                        string
	UpgradeRedirect, Installing, Uninstalling                       string
	CopiedFiles, ResetCache, ResetLang, RepairedDB, RecordedHistory string
	UpdatedVersion, RemovedTemp, RemovedPackage, RestoredAccess     string
	RemovedHistory, RestoredFilesBackup                             string
	InProgress, ExtWarning, PleaseWait                              string // sim

	// LicenseInfo module.
	LicenseTitle, LicenseStatus, LicenseSupport, LicenseProducts   string
	LicenseMissing, LicenseInfo, LicenseExpiring, LicenseExpired   string
	LicenseTrial, LicenseTrialExpired, LicenseNoSupport            string
	LicenseHistory, VendorName, VendorURL, VendorAddress           string
	VendorPhone, VendorEmailSales, VendorEmailSupport, QuickUpdate string
	QuickUpdateText, UploadLicense, UploadLicenseText              string
	ListLicenseName, ListLicenseType, ListPurchased, ListVendor    string
	ListActiveLimit, ListSupportEnd                                string
	UpdatesButton, NoUpdates, UpdatesTitle, UpdatedTimeChecked     string
	UpdatesNotChecked, ColPackage, ColProduct, ColDatePosted       string
	ColNotesLink, ReleaseNotes, ColPackageNotes                    string

	// Configurator module (Backup Management).
	BackupsTitle, BackupEnabled, BackupEnabledDesc, BackupDir          string
	MysqldumpPath, DumpAvailable, DumpAvailableDesc, DumpEnabled       string
	DumpEnabledDesc, FilesFilter, FilesFilterDesc, RsyncPath           string
	RsyncAvailable, RsyncAvailableDesc, RsyncEnabled, RsyncEnabledDesc string
	RsyncTargetDir, RsyncTargetDirDesc, RemoteSyncOptions              string
	RestoreButton, RecheckButton, RunBackup, ConfirmRunBackup          string
	BackupRunning, BackupComplete, BackupHistory, BackupNoFiles        string
	BackupLastBackups, SettingsUpdated                                 string
	FilterNone, FilterMinimal, FilterMaximal, FilterComplete           string // backup_filter_options_dom
}

var textsEN = texts{
	Home: "Home", Admin: "Administration", Logout: "Logout", HomeDashboard: "Home Dashboard",
	NotAdmin:          "Unauthorized access to administration.",
	UpgradesDisabled:  "Upgrades are disabled. Please check the status of your support contract.",
	RedirectCountdown: "Redirecting to Home page in {TIME}...",
	LoginFailed:       "Login failed.",
	SaveButton:        "Save", CancelButton: "Cancel", UpdateButton: "Update",
	ModuleTypes: map[string]string{"theme": "Theme", "langpack": "Language", "module": "Module", "patch": "Patch",
		"holidays": "Holidays Pack", "pers_pack": "Personality Pack"},
	LicenseTypes: map[string]string{"initial": "Initial", "extension": "Extension", "renewal": "Renewal",
		"trial": "Trial", "hosted": "Hosted"},

	AdminLicense: "License and Support", AdminBackup: "Backup Management", AdminUWizard: "Upgrades & Customization",

	UserName: "User Name", Password: "Password", Theme: "Theme", Language: "Language", LoginButton: "Login",
	InvalidPassword:  "You must specify a valid username and password.",
	LoginUpgradeLock: "An upgrade is in progress. Only administrators can log in until it has finished.",
	CaptchaRequired:  "Please confirm that you are a human.",
	JSDisabled:       "JavaScript is disabled in your browser. 1CRM needs JavaScript.",

	UWTitle: "Upgrades & Customization", UploadPackage: "Upload New Package", UploadButton: "Upload",
	UploadDesc: "Choose a Holiday or Language Pack, Custom Module, Upgrade Pack or Personality Pack to upload",
	Uploaded:   "Uploaded Packages", Installed: "Installed Packages", ColName: "Name", ColType: "Type",
	ColVersion: "Version", ColPublished: "Published", ColAuthor: "Author", ColAction: "Action",
	ColInstalled: "Installed", Install: "Install", Delete: "Delete", Uninstall: "Uninstall",
	DeleteConfirm: "Delete this package file?",
	StatusReady:   "Package is ready for installation", UploadOK: "Package uploaded successfully",
	UploadOff:   "Package uploads are disabled for this hosted 1CRM installation.",
	CondModules: "Custom Modules", CondDropdowns: "Dropdowns", CondLayout: "Layouts", CondCustom: "Custom Fields",
	ErrNotZip:             "Uploaded file should have a .zip filename extension",
	ErrNotZipArchive:      "Uploaded file is not a ZIP archive",
	ErrEmptyTypeIDVersion: "Manifest specifies either of type, ID or version as empty",
	ErrInvalidType:        "Package manifest specifies invalid package type",
	ErrNoThemeID:          "Theme package provides no theme ID",
	ErrInvalidVersion:     "Package expects 1CRM versions {EXPECTED_VERSIONS}, but current version is {CURRENT_VERSION}",
	ErrDuplicate:          "This package file is already uploaded. Duplicate filenames are not allowed",
	ErrOutdated:           "Same or newer version is already installed",
	UploadErrIniSize:      "Package size exceeds maximum size specified in php.ini file",
	UploadErrPartial:      "Package file upload error",
	UploadErrNone:         "No file was uploaded",
	PreparingInstall:      "Preparing Package Installation", PreparingUninstall: "Preparing Package Removal",
	Step: "Step", Proceed: "Proceed", Cancel: "Cancel", Recheck: "Re-check", Retry: "Retry", NextStep: "Next",
	Return:            "Return to Packages List",
	StepCompleted:     "Step completed successfully.",
	StepWarnings:      "This step completed with warnings.",
	StepFailed:        "This step cannot be completed. Please fix the errors below, and retry.",
	ReadyInstall:      "Ready to begin installation.",
	PreparedInstall:   "This package is ready to be installed. Please ensure that all users have logged off before proceeding, as access to the system will be interrupted and could lead to unexpected data loss.",
	PreparedUninstall: "This package is ready to be uninstalled. Please ensure that all users have logged off before proceeding, as access to the system will be interrupted and could lead to unexpected data loss.",
	StepUnzip:         "Unzip the Package", StepPrecopy: "Pre-Copy Upgrade Files",
	StepCheckSystem: "Check System Configuration", StepCheckPermissions: "Check File Permissions",
	StepCheckRemovePermissions: "Check File Permissions", StepCommit: "Commit changes", StepCleanup: "Final clean up",
	Unzipped:        "Package successfully unzipped.",
	PrecopyOK:       "Early installation files were copied successfully, but the upgrade process needs to be restarted.",
	CheckSysOK:      "No configuration issues found.",
	CheckSysWarn:    "One or more configuration issues were found. Installation may proceed, but system functionality could be limited.",
	PermissionsOK:   "All filesystem permissions satisfied.",
	ErrNotWritable:  "Destination file is not writable",
	CantCopy:        "Cannot copy {FROM} to {TO}",
	UpgradeRedirect: "Redirecting to complete the installation...",
	Installing:      "Installing", Uninstalling: "Uninstalling",
	CopiedFiles: "Package files copied successfully", ResetCache: "System cache reset", ResetLang: "Language cache reset",
	RepairedDB: "Verified database structure", RecordedHistory: "Recorded upgrade history",
	UpdatedVersion: "Updated system version", RemovedTemp: "Removed temporary files", RemovedPackage: "Removed package file",
	RestoredAccess: "Restored system access for users", RemovedHistory: "Removed from upgrade history",
	RestoredFilesBackup: "Restored files from backup",
	InProgress:          "An upgrade is in progress",
	ExtWarning:          "Installed extension %s %s does not declare compatibility with 1CRM %s.",
	PleaseWait:          "Please wait: the installation is running. Do not close this window.",

	LicenseTitle: "License and Support Information", LicenseStatus: "License Status", LicenseSupport: "Support Status",
	LicenseProducts:     "Products",
	LicenseMissing:      "This application is NOT properly licensed for use.",
	LicenseInfo:         "This application is licensed to %s for %s active users.",
	LicenseExpiring:     "The application support contract will expire on %s (in %s days).",
	LicenseExpired:      "The application support contract expired on %s.",
	LicenseTrial:        "<b>Trial site</b> license will expire on %s (in %s days).",
	LicenseTrialExpired: "<b>Trial site</b> license expired on %s.",
	LicenseNoSupport:    "No support is available.",
	LicenseHistory:      "License History", VendorName: "Vendor", VendorURL: "Website", VendorAddress: "Address",
	VendorPhone: "Phone", VendorEmailSales: "Email Sales", VendorEmailSupport: "Email Support", QuickUpdate: "Quick Update",
	QuickUpdateText:   "Enter a license key obtained from your vendor to automatically download and install a license update:",
	UploadLicense:     "Upload License",
	UploadLicenseText: "Or select a new license file from your computer:",
	ListLicenseName:   "License Name", ListLicenseType: "Type", ListPurchased: "Date Purchased", ListVendor: "Vendor",
	ListActiveLimit: "Users", ListSupportEnd: "Support End Date",
	UpdatesButton: "Check for Updates", NoUpdates: "No available updates.", UpdatesTitle: "Available Updates",
	UpdatedTimeChecked: "Last checked: {TIME}.", UpdatesNotChecked: "Never", ColPackage: "Package", ColProduct: "Product",
	ColDatePosted: "Date Posted", ColNotesLink: "Release Notes Link", ReleaseNotes: "Release Notes",
	ColPackageNotes: "Description",

	BackupsTitle: "Backup Management", BackupEnabled: "Scheduled backup enabled",
	BackupEnabledDesc:  "Perform system backups when invoked by the scheduler (requires that the scheduled task is also enabled)",
	BackupDir:          "Backup Directory",
	MysqldumpPath:      "Path to 'mysqldump' executable",
	DumpAvailable:      "Database backup is available",
	DumpAvailableDesc:  "Indicating whether the mysqldump executable was located",
	DumpEnabled:        "Database backups enabled",
	DumpEnabledDesc:    "Export the full database as SQL and add it to the backup zip",
	FilesFilter:        "Backup Application Files",
	FilesFilterDesc:    "Backup Application Files",
	RsyncPath:          "Path to 'rsync' executable",
	RsyncAvailable:     "Rsync backup is available",
	RsyncAvailableDesc: "Indicating whether the rsync (remote sync) executable was located",
	RsyncEnabled:       "Rsync backups enabled",
	RsyncEnabledDesc:   "Rsync the files/ directory to a backup in another location",
	RsyncTargetDir:     "Rsync target directory",
	RsyncTargetDirDesc: "The location to which the files/ directory will be copied",
	RemoteSyncOptions:  "Remote Sync Options",
	RestoreButton:      "Restore", RecheckButton: "Recheck Availability", RunBackup: "Perform Backup",
	ConfirmRunBackup: "Perform a system backup at this time?",
	BackupRunning:    "Performing Backup...", BackupComplete: "Backup Complete", BackupHistory: "Backup History",
	BackupNoFiles:     "There aren't any backup files.",
	BackupLastBackups: "Last {NUM} backups",
	SettingsUpdated:   "Settings updated.",
	FilterNone:        "No application files", FilterMinimal: "Application config, custom/ and modules/",
	FilterMaximal: "All but cache and file attachments", FilterComplete: "Entire application directory",
}

// textsDE is the German UI: textsEN with what the 2014 pack translated
// (de/include/language/lang.de_DE.strings.php and …lists.php).
var textsDE = func() texts {
	t := textsEN
	t.Admin, t.Logout, t.HomeDashboard = "Verwaltung", "Abmelden", "Verwaltungskonsole"
	t.NotAdmin = "Unbefungter Zugriff auf die Verwaltung"
	t.UpgradesDisabled = "Aktualisierungen und Updates sind abgeschaltet. Bitte prüfen Sie Ihren Wartungsvertrag."
	t.RedirectCountdown = "Wir leiten sie in {TIME} zurück zur Hompage..."
	t.LoginFailed = "Die Identifizierung ist fehlgeschlagen."
	t.SaveButton, t.CancelButton, t.UpdateButton = "Abspeichern", "Abbrechen", "Aktualisieren"
	t.ModuleTypes = map[string]string{"theme": "Design Thema", "langpack": "Sprache", "module": "Modul", "patch": "Patch",
		"holidays": "Feiertage (Länderpack)", "pers_pack": "Persönliche Feiertagtabelle"}
	t.LicenseTypes = map[string]string{"initial": "Initialien", "extension": "Erweiterung", "renewal": "Erneuerung",
		"trial": "Testversion", "hosted": "Software on Demand"}
	t.FilterNone, t.FilterMinimal = "kein Anwendungsdatei", "Nur Config Custom und Anwendungsdaten"
	t.FilterMaximal, t.FilterComplete = "Alle Dateien mit Ausnahme der Cachedaten und Anhänge", "Alle Daten der Anwendung"
	// Sim wording of the sim-only texts, in German.
	t.LoginUpgradeLock = "Gerade läuft ein Upgrade. Bis es abgeschlossen ist, können sich nur Administratoren anmelden."
	t.CaptchaRequired = "Bitte bestätigen Sie, dass Sie ein Mensch sind."
	return t
}()

// tr returns the texts in the session's language.
func (s *Server) tr(se *session) *texts {
	if s.lang(se) == "de" {
		return &textsDE
	}
	return &textsEN
}

// lang is "en" or "de": the language chosen at login (login_language in
// 7x, language in the 8x JSON login) unless the scenario ignores it, else
// the user's stored language (the scenario's Language).
func (s *Server) lang(se *session) string {
	if se != nil && se.lang != "" {
		return se.lang
	}
	return s.sc.Language
}

// loginLanguage maps a posted language code to a page language; "" keeps
// the user's stored language.
func (s *Server) loginLanguage(v string) string {
	if s.sc.Login.IgnoreLanguage {
		return ""
	}
	switch strings.ToLower(v) {
	case "en_us", "en_gb", "en":
		return "en"
	case "de_de", "de_at", "de_ch", "de":
		return "de"
	}
	return ""
}

// typeLabel is the list's type column: module_types_dom, else the code.
func (t *texts) typeLabel(typ string) string {
	if l, ok := t.ModuleTypes[typ]; ok {
		return l
	}
	return typ
}
