// Package crmclient talks to one 1CRM instance: the documented REST API under
// <base>/api.php and the admin pages under <base>/index.php (license, backup,
// upgrade manager). It knows HTTP and HTML, nothing about screens or the
// update procedure.
package crmclient

import (
	"fmt"
	"time"
)

// Edition is the 1CRM edition derived from /version "products" (spec §1.5)
// or, when the API is closed, from the License page.
type Edition string

const (
	EditionUnknown      Edition = ""
	EditionStartup      Edition = "startup"
	EditionStartupPlus  Edition = "startup_plus"
	EditionProfessional Edition = "professional"
	EditionEnterprise   Edition = "enterprise"
)

// HasRESTAPI reports whether the edition ships the REST API (spec §8).
func (e Edition) HasRESTAPI() bool {
	return e == EditionProfessional || e == EditionEnterprise
}

// VersionInfo is the answer of GET /api.php/version.
type VersionInfo struct {
	Version       string   `json:"version"`
	Authenticated bool     `json:"authenticated"`
	Products      []string `json:"products"`
	Edition       Edition  `json:"-"`
}

// Me is the answer of GET /api.php/me, decoded leniently.
type Me struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Role      string `json:"role"`
	Email     string `json:"email"`
}

// ListResult is one page of GET /api.php/data/{Model}.
type ListResult struct {
	Records      []map[string]any `json:"records"`
	TotalResults int              `json:"total_results"`
}

// ListOptions are the query parameters of a list call.
type ListOptions struct {
	Fields     []string
	Filters    map[string]string
	FilterText string
	Order      string
	Offset     int
	Limit      int
}

// SupportLevel is the support/update-subscription status of the License page (spec §3).
type SupportLevel string

const (
	SupportNone     SupportLevel = "none"     // grey: no support information
	SupportExpired  SupportLevel = "expired"  // red
	SupportTrial    SupportLevel = "trial"    // yellow
	SupportExpiring SupportLevel = "expiring" // yellow: fewer than 30 days left
	SupportActive   SupportLevel = "active"   // green
)

// License is what the License Information page shows.
type License struct {
	Licensed    bool
	Licensee    string
	UserLimit   int
	Support     SupportLevel
	SupportEnd  string    // the date as the page renders it
	SupportDate time.Time // zero when the date could not be parsed
	DaysLeft    int       // valid when HasDaysLeft
	HasDaysLeft bool
	Products    []string
	Updates     []AvailableUpdate
	LastChecked string
	History     []LicenseHistoryEntry
}

// Hosted reports whether the license history marks a hosted (cloud) instance.
func (l *License) Hosted() bool {
	for _, h := range l.History {
		if h.Type == "hosted" {
			return true
		}
	}
	return false
}

// AvailableUpdate is one row of the "Available Updates" table.
type AvailableUpdate struct {
	Product         string
	Date            string
	Package         string // link text, "{version}-{package}-{type}"
	Version         string // parsed from Package
	DownloadURL     string // absolute
	ReleaseNotesURL string // absolute, may be empty
	Description     string
}

// LicenseHistoryEntry is one row of the License History table.
type LicenseHistoryEntry struct {
	Name, Type, Products, Licensee, Purchased, SupportStart, SupportEnd, Loaded string
	UserLimit                                                                   int
}

// BackupSettings are the fields of the Backup Management page (spec §4).
type BackupSettings struct {
	Enabled       bool
	TargetDir     string
	MysqldumpPath string
	DumpEnabled   bool
	DumpAvailable bool
	FilesFilter   string // none | minimal | maximal | complete
}

// BackupEntry is one row of "Backup History: Last 10 backups".
type BackupEntry struct {
	Name      string    // backup_YYYYMMDD_HHMMSS.zip
	Path      string    // full server path as rendered
	Size      string    // as rendered, e.g. "152.3 MB"
	SizeBytes int64     // parsed from Size, 0 when unknown
	Time      time.Time // from the file name, server local time read as UTC wall clock
}

// BackupPage is the Backup Management page: settings and history.
type BackupPage struct {
	Settings BackupSettings
	History  []BackupEntry
}

// UploadedPackage is one package of "Uploaded Packages" in the upgrade
// manager. In the real list (7.x uploaded.tpl) a package takes several
// rows: the data row (icon, name, type, version, date, author, and the
// action cell with the forms), a description row, an italic status row,
// one row per install condition, and a separator row.
type UploadedPackage struct {
	Name string
	// Type is the manifest type code (TypeCode of the label shown), or the
	// label as shown when the label is unknown.
	Type        string
	TypeLabel   string // the type as the page shows it ("Module", "Modul", "Sprache" …)
	Version     string
	Published   string
	Author      string
	Description string   // the description row
	Status      string   // the status row's text verbatim ("Package is ready for installation", an error)
	Ready       bool     // status is STATUS_READY and not marked as an error
	Conditions  []string // install conditions posted with Prepare (as the page's script fills them)
	Source      string   // hidden source value from the row's form; never built by us
}

// InstalledPackage is one package of "Installed Packages" (data row plus
// description row).
type InstalledPackage struct {
	Name        string
	Type        string // manifest type code, or the label when unknown (see UploadedPackage.Type)
	TypeLabel   string // as the page shows it
	Version     string
	Installed   string // install date as rendered
	Description string
	Source      string // only for uninstallable packages
}

// PackageList is the upgrade manager list page (spec §5.1).
type PackageList struct {
	Uploaded       []UploadedPackage
	Installed      []InstalledPackage
	UploadDisabled bool // hosted: no upload form, and 1CRM says uploads are disabled
	// UploadFormMissing: no upload form the client recognises and no
	// "uploads are disabled" message — a changed page (Upload fails with
	// *PageChangedError).
	UploadFormMissing bool
	UpgradesDisabled  bool   // MSG_LIC_UPGRADES_DISABLED: support expired
	InProgress        bool   // "An upgrade is in progress" notice (informational only)
	Message           string // message box text verbatim, if any
}

// StepStatus is the outcome of one prepare step.
type StepStatus string

const (
	StepSuccess StepStatus = "success"
	StepWarning StepStatus = "warning"
	StepError   StepStatus = "error"
)

// PrepareStep is one step result of perform=prepare_install, read from
// its block on the result page ("Step N: label" with an LED).
type PrepareStep struct {
	// Name is 1CRM's internal step name ("checkSystem", "precopy" …), the
	// word a confirmation posts. For a warning step it is read from the
	// page (the Proceed button appends it to confirm); for the others it
	// comes from the known English labels, "" when the label is unknown.
	Name    string
	Status  StepStatus
	Message string // verbatim, one line per paragraph, error and messages-table row
	Label   string // the step's label as 1CRM writes it ("Check System Configuration")
	Number  int    // N of "Step N:"
	// Findings, for a warning or error step, are the lines of Message that
	// report the problem: the step's own sentences and error lines, and the
	// rows of its checks table that 1CRM colours as a warning or an error.
	// Rows it colours as passed (PHP version OK, …) are left out, so a
	// warning is not buried under them.
	Findings []string
	// Passed counts the check rows 1CRM coloured as passed.
	Passed int
}

// Title is the step as 1CRM shows it ("Step 3: Check System
// Configuration"); the internal name only when the label is unknown.
func (s PrepareStep) Title() string {
	switch {
	case s.Label != "" && s.Number > 0:
		return fmt.Sprintf("Step %d: %s", s.Number, s.Label)
	case s.Label != "":
		return s.Label
	}
	return s.Name
}

// PrepareResult is the outcome of a prepare round.
type PrepareResult struct {
	Steps []PrepareStep
	// CanProceed: the page offers the finished form (perform=install with
	// source) AND every step was recognised as success.
	CanProceed bool
	Source     string // source of the finished form
}

// Warnings returns the internal names of the steps that ended with a
// warning: what confirm posts when the admin accepts them.
func (p *PrepareResult) Warnings() []string {
	var out []string
	for _, s := range p.Steps {
		if s.Status == StepWarning {
			out = append(out, s.Name)
		}
	}
	return out
}

// Errors returns the steps that ended with an error.
func (p *PrepareResult) Errors() []PrepareStep {
	var out []PrepareStep
	for _, s := range p.Steps {
		if s.Status == StepError {
			out = append(out, s)
		}
	}
	return out
}

// InstallTarget says what a finished install looks like (spec §5.4 step 4).
type InstallTarget struct {
	Name    string
	Type    string
	Version string
	Core    bool // type patch + id InfoAtHand: /version must reach Version
}

// InstallProgress reports where a running install is.
type InstallProgress struct {
	Step int // N of "Step N: …"; 0 when unknown
	Of   int // 0 when unknown (1CRM 7.x does not say how many steps follow)
	// Text is the step as 1CRM writes it ("Step 3: Commit changes").
	Text string
	// Warnings are the texts of install steps that completed with
	// warnings, in order (1CRM's words); empty when there were none.
	Warnings []string
	Elapsed  time.Duration
	Polling  bool // following is over, now polling the list page
	// URL is the upgrade.php URL the install continues from: the next one
	// the client requests. Journal it and pass it to ResumeInstall after a
	// crash (W8). It is absolute and carries no user info, fragment or
	// session-like query parameter (see ResumeInstall); empty when unknown.
	URL string
}
