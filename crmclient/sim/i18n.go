package sim

import "strings"

// texts are the page wordings of one language. A struct (not a map) so a
// missing translation is a compile error. The real 1CRM texts are mostly
// unknown (spec §10.2 q10); these are our own, except the ones the spec
// quotes (ERR_INVALID_VERSION, duplicate upload, hosted upload, the license
// and support sentences), which follow the spec's wording.
type texts struct {
	Home, Admin, Logout, LoggedInAs, Welcome                                          string
	LoginTitle, UserName, Password, Language, LoginButton                             string
	LoginFailed, LoginCSRF, LoginUpgradeLock, CSRFFailed, NoAccess                    string
	AdminLicense, AdminBackup, AdminUWizard                                           string
	LicenseTitle, LicensedTo, NotLicensed                                             string
	SupportNone, SupportExpired, SupportTrial, SupportActive                          string
	Products, Vendor, VendorName, VendorURL, VendorAddress, VendorPhone               string
	VendorEmail, AvailableUpdates, ColProduct, ColDatePosted, ColPackage              string
	ColReleaseNotes, ColDescription, ReleaseNotes, LastChecked, NoUpdates             string
	NeverChecked, CheckUpdates, LicenseHistory, ColName, ColType                      string
	ColLicensee, ColPurchased, ColSupportStart, ColSupportEnd, ColLoaded              string
	ColUsers, ColProducts, UpdateLicense                                              string
	BackupTitle, BackupSettings, BackupEnabled, BackupDir, MysqldumpPath              string
	DumpEnabled, DumpAvailable, FilesFilter, FilterNone, FilterMinimal                string
	FilterMaximal, FilterComplete, RsyncEnabled, RsyncPath, RsyncDir, Save            string
	RunBackup, BackupHistory, ColFile, ColSize, NoBackups, BackupComplete             string
	BackupNoDump, BackupDirNotWritable, SettingsSaved                                 string
	UWTitle, UploadHeading, UploadButton, Uploaded, Installed, ColVersion             string
	ColPublished, ColAuthor, ColStatus, ColInstalled, Install, Delete                 string
	Uninstall, NoUploaded, NoInstalled, StatusReady, UploadOK, Deleted                string
	ErrNotZip, ErrNoManifest, ErrEmptyTypeIDVersion, ErrInvalidType                   string
	ErrInvalidVersion, ErrDuplicate, ErrOutdated, ErrNotFound, UploadOff              string
	InProgress, UpgradesDisabled, ErrNoFile, ErrNotPrepared, Conditions               string
	PrepareTitle, ColStep, ColMessage, StSuccess, StWarning, StError, ConfirmWarnings string
	ConfirmButton, PrepareFailed, PrepareOK, Proceed, Cancel                          string
	MsgUnzip, MsgPrecopy, MsgSystemOK, MsgExtWarning, MsgPermsOK                      string
	MsgPermsError, InstallTitle, InstallLink, StepOf, StepFailed, Finished            string
	UninstallOK, NoCoreUninstall                                                      string
}

var textsEN = texts{
	Home: "Home", Admin: "Administration", Logout: "Log Out", LoggedInAs: "Logged in as", Welcome: "Welcome, %s",
	LoginTitle: "Log In", UserName: "User Name", Password: "Password", Language: "Language", LoginButton: "Log In",
	LoginFailed:      "You must specify a valid username and password.",
	LoginCSRF:        "The security token of this form is missing or invalid. Please reload the page and try again.",
	LoginUpgradeLock: "An upgrade is in progress. Only administrators can log in until it has finished.",
	CSRFFailed:       "Invalid or missing security token. Please reload the page and try again.",
	NoAccess:         "You do not have access to this area. Contact your site administrator to obtain access.",
	AdminLicense:     "License Information", AdminBackup: "Backup Management", AdminUWizard: "Upgrade Wizard",
	LicenseTitle: "License Information",
	LicensedTo:   "This application is licensed to %s for %d active users.",
	NotLicensed:  "This application is NOT properly licensed.",
	SupportNone:  "No support information is available.",
	// %s date; %d days
	SupportExpired: "Your support contract expired on %s.",
	SupportTrial:   "Trial site license will expire on %s (in %d days).",
	SupportActive:  "Your support contract will expire on %s (in %d days).",
	Products:       "Licensed Products", Vendor: "Vendor", VendorName: "Name", VendorURL: "Web site",
	VendorAddress: "Address", VendorPhone: "Phone", VendorEmail: "E-mail",
	AvailableUpdates: "Available Updates", ColProduct: "Product", ColDatePosted: "Date posted", ColPackage: "Package",
	ColReleaseNotes: "Release notes", ColDescription: "Description", ReleaseNotes: "Release notes",
	LastChecked: "Last checked: %s", NoUpdates: "There are no updates available for your products.",
	NeverChecked: "Last checked: never", CheckUpdates: "Check for updates",
	LicenseHistory: "License History", ColName: "Name", ColType: "Type", ColLicensee: "Licensee",
	ColPurchased: "Purchased", ColSupportStart: "Support start", ColSupportEnd: "Support end", ColLoaded: "Loaded",
	ColUsers: "Active users", ColProducts: "Products", UpdateLicense: "Update License",
	BackupTitle: "Backup Management", BackupSettings: "Backup Settings", BackupEnabled: "Scheduled backups enabled",
	BackupDir: "Backup directory", MysqldumpPath: "Path to mysqldump", DumpEnabled: "Include database dump",
	DumpAvailable: "mysqldump available", FilesFilter: "Files to include", FilterNone: "No files",
	FilterMinimal: "Minimal (config, custom, modules)", FilterMaximal: "All except cache and attachments",
	FilterComplete: "Complete application", RsyncEnabled: "Copy files with rsync", RsyncPath: "Path to rsync",
	RsyncDir: "rsync target directory", Save: "Save", RunBackup: "Run Backup Now",
	BackupHistory: "Backup History: Last 10 backups", ColFile: "File", ColSize: "Size", NoBackups: "No backups found.",
	BackupComplete:       "Backup Complete",
	BackupNoDump:         "Backup failed: mysqldump could not be run at %s. Check the path to mysqldump in the backup settings.",
	BackupDirNotWritable: "Backup failed: the backup directory %s is not writable by the web server.",
	SettingsSaved:        "Settings saved.",
	UWTitle:              "Upgrade Wizard", UploadHeading: "Upload a Package", UploadButton: "Upload",
	Uploaded: "Uploaded Packages", Installed: "Installed Packages", ColVersion: "Version", ColPublished: "Published",
	ColAuthor: "Author", ColStatus: "Status", ColInstalled: "Installed", Install: "Install", Delete: "Delete",
	Uninstall: "Uninstall", NoUploaded: "No packages have been uploaded.", NoInstalled: "No packages are installed.",
	StatusReady: "Package is ready for installation", UploadOK: "Package uploaded successfully",
	Deleted:               "Package %s deleted.",
	ErrNotZip:             "The uploaded file is not a valid ZIP archive.",
	ErrNoManifest:         "The package contains no manifest.php file at its root.",
	ErrEmptyTypeIDVersion: "The package manifest must define type, id and version.",
	ErrInvalidType:        "Packages of type \"%s\" cannot be installed here.",
	ErrInvalidVersion:     "Package expects 1CRM versions {EXPECTED_VERSIONS}, but current version is {CURRENT_VERSION}",
	ErrDuplicate:          "File %s already uploaded. Duplicate filenames are not allowed",
	ErrOutdated:           "The same or a newer version of this package is already installed.",
	ErrNotFound:           "The package %s was not found.",
	UploadOff:             "Package uploads are disabled for this hosted 1CRM installation",
	InProgress:            "An upgrade is in progress",
	UpgradesDisabled:      "Upgrades are disabled because the support and upgrade subscription of this license has expired. Renew the license to install packages.",
	ErrNoFile:             "No file was uploaded.",
	ErrNotPrepared:        "This package has not been prepared for installation. Click Install in the list first.",
	Conditions:            "Install options",
	PrepareTitle:          "Prepare Installation: %s %s", ColStep: "Step", ColMessage: "Message", StSuccess: "success", StWarning: "warning", StError: "error",
	ConfirmWarnings: "Some checks ended with warnings. Review them; confirm them to continue.",
	ConfirmButton:   "Confirm warnings and continue",
	PrepareFailed:   "The preparation failed. Correct the errors and try again.",
	PrepareOK:       "All checks passed. Click Proceed to install the package.",
	Proceed:         "Proceed", Cancel: "Cancel",
	MsgUnzip:        "Package extracted to a temporary directory.",
	MsgPrecopy:      "Pre-installation files copied.",
	MsgSystemOK:     "PHP version, PHP extensions, memory limit, config file and cache directory are OK.",
	MsgExtWarning:   "Installed extension %s %s does not declare compatibility with 1CRM %s.",
	MsgPermsOK:      "All files to be replaced are writable.",
	MsgPermsError:   "These files are not writable by the web server: %s",
	InstallTitle:    "Installing %s %s",
	InstallLink:     "If the page does not continue automatically, click here.",
	StepOf:          "Step %d of %d: %s",
	StepFailed:      "Error in step %d of %d (%s): %s The upgrade was not completed.",
	Finished:        "Installation finished.",
	UninstallOK:     "Package %s uninstalled.",
	NoCoreUninstall: "Core updates cannot be uninstalled.",
}

var textsDE = texts{
	Home: "Startseite", Admin: "Administration", Logout: "Abmelden", LoggedInAs: "Angemeldet als", Welcome: "Willkommen, %s",
	LoginTitle: "Anmelden", UserName: "Benutzername", Password: "Passwort", Language: "Sprache", LoginButton: "Anmelden",
	LoginFailed:      "Bitte geben Sie einen gültigen Benutzernamen und ein gültiges Passwort ein.",
	LoginCSRF:        "Das Sicherheitstoken dieses Formulars fehlt oder ist ungültig. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
	LoginUpgradeLock: "Gerade läuft ein Upgrade. Bis es abgeschlossen ist, können sich nur Administratoren anmelden.",
	CSRFFailed:       "Sicherheitstoken fehlt oder ist ungültig. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
	NoAccess:         "Sie haben keinen Zugriff auf diesen Bereich. Wenden Sie sich an Ihren Administrator.",
	AdminLicense:     "Lizenzinformationen", AdminBackup: "Datensicherung", AdminUWizard: "Upgrade-Assistent",
	LicenseTitle:   "Lizenzinformationen",
	LicensedTo:     "Diese Anwendung ist an %s für %d aktive Benutzer lizenziert.",
	NotLicensed:    "Diese Anwendung ist NICHT ordnungsgemäß lizenziert.",
	SupportNone:    "Es liegen keine Supportinformationen vor.",
	SupportExpired: "Ihr Supportvertrag ist am %s abgelaufen.",
	SupportTrial:   "Die Testlizenz läuft am %s ab (in %d Tagen).",
	SupportActive:  "Ihr Supportvertrag läuft am %s ab (in %d Tagen).",
	Products:       "Lizenzierte Produkte", Vendor: "Anbieter", VendorName: "Name", VendorURL: "Website",
	VendorAddress: "Adresse", VendorPhone: "Telefon", VendorEmail: "E-Mail",
	AvailableUpdates: "Verfügbare Updates", ColProduct: "Produkt", ColDatePosted: "Veröffentlicht am", ColPackage: "Paket",
	ColReleaseNotes: "Versionshinweise", ColDescription: "Beschreibung", ReleaseNotes: "Versionshinweise",
	LastChecked: "Zuletzt geprüft: %s", NoUpdates: "Für Ihre Produkte sind keine Updates verfügbar.",
	NeverChecked: "Zuletzt geprüft: nie", CheckUpdates: "Nach Updates suchen",
	LicenseHistory: "Lizenzverlauf", ColName: "Name", ColType: "Typ", ColLicensee: "Lizenznehmer",
	ColPurchased: "Gekauft", ColSupportStart: "Supportbeginn", ColSupportEnd: "Supportende", ColLoaded: "Geladen",
	ColUsers: "Aktive Benutzer", ColProducts: "Produkte", UpdateLicense: "Lizenz aktualisieren",
	BackupTitle: "Datensicherung verwalten", BackupSettings: "Einstellungen der Datensicherung",
	BackupEnabled: "Geplante Sicherungen aktiv", BackupDir: "Sicherungsverzeichnis", MysqldumpPath: "Pfad zu mysqldump",
	DumpEnabled: "Datenbank-Dump einschließen", DumpAvailable: "mysqldump verfügbar", FilesFilter: "Einzuschließende Dateien",
	FilterNone: "Keine Dateien", FilterMinimal: "Minimal (Konfiguration, custom, modules)",
	FilterMaximal: "Alles außer Cache und Anhängen", FilterComplete: "Vollständige Anwendung",
	RsyncEnabled: "Dateien mit rsync kopieren", RsyncPath: "Pfad zu rsync", RsyncDir: "rsync-Zielverzeichnis",
	Save: "Speichern", RunBackup: "Jetzt sichern",
	BackupHistory: "Sicherungsverlauf: Letzte 10 Sicherungen", ColFile: "Datei", ColSize: "Größe",
	NoBackups: "Keine Sicherungen gefunden.", BackupComplete: "Sicherung abgeschlossen",
	BackupNoDump:         "Sicherung fehlgeschlagen: mysqldump konnte unter %s nicht ausgeführt werden. Prüfen Sie den Pfad zu mysqldump in den Einstellungen.",
	BackupDirNotWritable: "Sicherung fehlgeschlagen: Der Webserver kann nicht in das Sicherungsverzeichnis %s schreiben.",
	SettingsSaved:        "Einstellungen gespeichert.",
	UWTitle:              "Upgrade-Assistent", UploadHeading: "Paket hochladen", UploadButton: "Hochladen",
	Uploaded: "Hochgeladene Pakete", Installed: "Installierte Pakete", ColVersion: "Version", ColPublished: "Veröffentlicht",
	ColAuthor: "Autor", ColStatus: "Status", ColInstalled: "Installiert am", Install: "Installieren", Delete: "Löschen",
	Uninstall: "Deinstallieren", NoUploaded: "Es wurden keine Pakete hochgeladen.", NoInstalled: "Es sind keine Pakete installiert.",
	StatusReady: "Das Paket ist bereit zur Installation", UploadOK: "Paket erfolgreich hochgeladen",
	Deleted:               "Paket %s gelöscht.",
	ErrNotZip:             "Die hochgeladene Datei ist kein gültiges ZIP-Archiv.",
	ErrNoManifest:         "Das Paket enthält keine Datei manifest.php in der obersten Ebene.",
	ErrEmptyTypeIDVersion: "Das Paketmanifest muss type, id und version angeben.",
	ErrInvalidType:        "Pakete vom Typ „%s“ können hier nicht installiert werden.",
	ErrInvalidVersion:     "Das Paket erwartet die 1CRM-Versionen {EXPECTED_VERSIONS}, die aktuelle Version ist aber {CURRENT_VERSION}",
	ErrDuplicate:          "Die Datei %s wurde bereits hochgeladen. Doppelte Dateinamen sind nicht erlaubt",
	ErrOutdated:           "Dieselbe oder eine neuere Version dieses Pakets ist bereits installiert.",
	ErrNotFound:           "Das Paket %s wurde nicht gefunden.",
	UploadOff:             "Das Hochladen von Paketen ist für diese gehostete 1CRM-Installation deaktiviert",
	InProgress:            "Ein Upgrade wird gerade durchgeführt",
	UpgradesDisabled:      "Upgrades sind deaktiviert, weil das Support- und Update-Abonnement dieser Lizenz abgelaufen ist. Verlängern Sie die Lizenz, um Pakete zu installieren.",
	ErrNoFile:             "Es wurde keine Datei hochgeladen.",
	ErrNotPrepared:        "Dieses Paket wurde nicht für die Installation vorbereitet. Klicken Sie zuerst in der Liste auf Installieren.",
	Conditions:            "Installationsoptionen",
	PrepareTitle:          "Installation vorbereiten: %s %s", ColStep: "Schritt", ColMessage: "Meldung", StSuccess: "OK", StWarning: "Warnung", StError: "Fehler",
	ConfirmWarnings: "Einige Prüfungen endeten mit Warnungen. Prüfen Sie sie und bestätigen Sie sie, um fortzufahren.",
	ConfirmButton:   "Warnungen bestätigen und fortfahren",
	PrepareFailed:   "Die Vorbereitung ist fehlgeschlagen. Beheben Sie die Fehler und versuchen Sie es erneut.",
	PrepareOK:       "Alle Prüfungen bestanden. Klicken Sie auf Fortfahren, um das Paket zu installieren.",
	Proceed:         "Fortfahren", Cancel: "Abbrechen",
	MsgUnzip:        "Paket in ein temporäres Verzeichnis entpackt.",
	MsgPrecopy:      "Dateien für die Vorinstallation kopiert.",
	MsgSystemOK:     "PHP-Version, PHP-Erweiterungen, Speicherlimit, Konfigurationsdatei und Cache-Verzeichnis sind in Ordnung.",
	MsgExtWarning:   "Die installierte Erweiterung %s %s gibt keine Kompatibilität mit 1CRM %s an.",
	MsgPermsOK:      "Alle zu ersetzenden Dateien sind beschreibbar.",
	MsgPermsError:   "Der Webserver kann diese Dateien nicht schreiben: %s",
	InstallTitle:    "Installiere %s %s",
	InstallLink:     "Falls die Seite nicht automatisch weitergeht, klicken Sie hier.",
	StepOf:          "Schritt %d von %d: %s",
	StepFailed:      "Fehler in Schritt %d von %d (%s): %s Das Upgrade wurde nicht abgeschlossen.",
	Finished:        "Installation abgeschlossen.",
	UninstallOK:     "Paket %s deinstalliert.",
	NoCoreUninstall: "Kern-Updates können nicht deinstalliert werden.",
}

// tr returns the texts in the session's language (lang).
func (s *Server) tr(se *session) *texts {
	if s.lang(se) == "de" {
		return &textsDE
	}
	return &textsEN
}

// lang is "en" or "de": the language chosen with user_language at login,
// else the user's preference (the scenario's language). Spec §2 leaves open
// whether user_language really forces the UI language (§10.2 q4); the
// simulator honours it, so a client that sends en_us gets English pages.
func (s *Server) lang(se *session) string {
	if se != nil && se.lang != "" {
		return se.lang
	}
	return s.sc.Language
}

// loginLanguage maps a user_language value of the login form to a page
// language; "" keeps the user's preference.
func loginLanguage(v string) string {
	switch strings.ToLower(v) {
	case "en_us", "en_gb", "en":
		return "en"
	case "de_de", "de_at", "de_ch", "de":
		return "de"
	}
	return ""
}
