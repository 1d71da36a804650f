package steps

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/manifest"
)

// Route is how the update package reaches this instance (R2–R4).
type Route string

const (
	RouteUnknown       Route = ""
	RouteVendorWebsite Route = "vendor_website" // R2: on-prem Startup, local ZIP from the vendor site
	RoutePartnerZIP    Route = "partner_zip"    // R3: cloud Startup, ZIP from the partner
	RouteLicensePage   Route = "license_page"   // R4: listed update, or a local ZIP
	RouteNoUpdates     Route = "none"           // R1: no entitlement found
)

// Preflight is the W1 result: everything checked before anything changes.
type Preflight struct {
	Verdicts []Verdict
	Blocked  bool // a LevelBlock verdict: nothing may change (R6)
	Edition  crmclient.Edition
	Products []string
	Version  string // installed version as /version reports it (see VersionSource)
	// VersionSource says where Version comes from: VersionFromAPI,
	// VersionFromList (the latest installed core patch, when /version is
	// closed on Startup/Startup+, spec §1.4, §8), VersionFromAdmin
	// (SetInstalledVersion), or "" = unknown. NeedsVersion asks the admin.
	VersionSource   string
	NeedsVersion    bool
	Deployment      Deployment // confirmed, or the guess while NeedsDeployment
	DeploymentGuess Deployment // from the license history (hosted) or upload availability
	NeedsDeployment bool       // ask the admin: ConfirmDeployment
	Support         crmclient.SupportLevel
	SupportEnd      string    // as the License page renders it
	SupportDate     time.Time // parsed SupportEnd; zero when unreadable
	// SupportEndText is the support end for people, in the run's
	// language (14.06.2027 / 14 Jun 2027); not kept in the journal.
	SupportEndText     string `json:"-"`
	SupportDaysLeft    int
	HasSupportDaysLeft bool
	Extensions         []crmclient.InstalledPackage // installed non-core packages
	Updates            []crmclient.AvailableUpdate  // R4: offered downloads; empty on the R2/R3 routes
	ListedUpdates      []crmclient.AvailableUpdate  // everything the License page lists, whatever the route
	Route              Route
	UploadDisabled     bool // hosted without upload form: partner installs
	HasAPI             bool // REST API usable for smoke checks
	// NoAPI says why HasAPI is false (text.API* codes: closed,
	// no_credentials, rejected); "" when it is true or not known.
	NoAPI          string `json:",omitempty"`
	TestConfigured bool   // a test system is attached (R7)
	LicenseError   string // the License page could not be read (its values are then unknown)
	// ListError: the upgrade manager list could not be read (a page the
	// client does not know): extensions and in-progress notice unknown;
	// upload and install are handed to the admin in the browser.
	ListError  string
	InProgress bool // the upgrade manager reports an install in progress
}

// Where Preflight.Version comes from.
const (
	VersionFromAPI   = "api"
	VersionFromList  = "package_list"
	VersionFromAdmin = "admin"
)

// Preflight runs W1 (R1–R6) on live: edition, support, versions,
// extensions, updates, route. Nothing on the server changes.
func (w *Wizard) Preflight(ctx context.Context) (*Preflight, error) { return w.preflight(ctx) }

// ConfirmDeployment records the admin's answer: cloud or on-premise (R2, R3,
// spec §8: there is no API signal for it). It recomputes the verdicts.
func (w *Wizard) ConfirmDeployment(d Deployment) (*Preflight, error) { return w.confirmDeployment(d) }

// SetInstalledVersion records the installed version as the admin reads it
// in 1CRM, when /version is closed (Startup/Startup+, spec §1.4, §8) and
// the package list names none (Preflight.NeedsVersion). It is journaled as
// the admin's statement, and a package already chosen is checked again
// (W2). It refuses when 1CRM reported the version itself, or v is no version.
func (w *Wizard) SetInstalledVersion(v string) error { return w.setInstalledVersion(v) }

// preflight gathers the W1 facts on live and judges them (R1–R6). It
// changes nothing on the server and may be repeated (e.g. after a renewal).
func (w *Wizard) preflight(ctx context.Context) (*Preflight, error) {
	if err := w.enter(StepPreflight, StepPackage, StepPath); err != nil {
		return nil, err
	}
	defer w.release()
	ctx = w.recordPages(ctx)
	w.mu.Lock()
	c := w.live
	confirmed := w.st.Deployment
	testAttached := w.test != nil
	wasBlocked := w.st.Preflight != nil && w.st.Preflight.Blocked
	rec := w.beginRecord(StepPreflight, StageLive, "preflight")
	w.mu.Unlock()

	var err error
	if wasBlocked {
		// R6: 1CRM caches the license status in the session at login, so
		// after a renewal only a fresh login shows it (spec §3).
		err = c.Login(ctx)
	}
	var p *Preflight
	if err == nil {
		p, err = w.gatherPreflight(ctx, c)
	}
	if err == nil {
		p.TestConfigured = testAttached
		w.preflightAPI(ctx, c, p)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		w.endRecord(rec, "", err)
		_ = w.saveLocked()
		return nil, w.actionError(StepPreflight, StageLive, "", err)
	}
	if prev := w.st.Preflight; prev != nil && p.Version == "" && prev.VersionSource == VersionFromAdmin {
		p.Version, p.VersionSource = prev.Version, VersionFromAdmin // the admin's statement stands
	}
	if confirmed != DeploymentUnknown {
		p.Deployment = confirmed
		p.NeedsDeployment = false
	}
	w.judge(p)
	w.st.Preflight = p
	// After an install attempt (a run taken over, W8) the version may
	// already be the new one: "before" stays what was read before it.
	if w.st.Live.VersionBefore == "" || w.st.Live.Phase != PhaseInstalled && !w.installAttemptedLocked(StageLive) {
		w.st.Live.VersionBefore = p.Version
	}
	w.st.Live.Edition = string(p.Edition)
	w.endRecord(rec, w.preflightResult(p), nil)
	_ = w.j.Event("preflight", journalData(
		"edition", string(p.Edition), "version", p.Version, "support", string(p.Support),
		"route", string(p.Route), "blocked", fmt.Sprint(p.Blocked)))
	if err := w.saveLocked(); err != nil {
		return nil, err
	}
	cp := *p
	return &cp, nil
}

// gatherPreflight reads /version, the License page and the package list.
func (w *Wizard) gatherPreflight(ctx context.Context, c CRM) (*Preflight, error) {
	p := &Preflight{}
	vi, err := c.Version(ctx)
	switch {
	case err == nil:
		p.Version, p.Edition, p.Products = vi.Version, vi.Edition, vi.Products
		if p.Version != "" {
			p.VersionSource = VersionFromAPI
		}
		p.HasAPI = vi.Edition.HasRESTAPI() && c.HasAPICredentials()
	case errors.Is(err, crmclient.ErrAPINotAvailable):
		// Startup/Startup+: the edition comes from the License page (spec §1.4).
		p.NoAPI = string(apiClosed)
	default:
		return nil, err
	}

	lic, lerr := c.License(ctx)
	if lerr != nil {
		if handoverCause(lerr) == "" {
			return nil, lerr
		}
		p.LicenseError = sayErr(w.tx, c, lerr)
		p.Support = crmclient.SupportNone
	} else {
		p.Support, p.SupportEnd, p.SupportDate = lic.Support, lic.SupportEnd, lic.SupportDate
		p.SupportDaysLeft, p.HasSupportDaysLeft = lic.DaysLeft, lic.HasDaysLeft
		p.ListedUpdates = lic.Updates // judge decides which of them the route offers
		if p.Edition == crmclient.EditionUnknown {
			p.Edition = crmclient.EditionFromProductNames(lic.Products)
		}
		if len(p.Products) == 0 {
			p.Products = lic.Products
		}
		if lic.Hosted() {
			p.DeploymentGuess = DeploymentCloud
		}
	}

	list, perr := c.Packages(ctx)
	switch {
	case errors.Is(perr, crmclient.ErrUpgradesDisabled):
		list = &crmclient.PackageList{UpgradesDisabled: true}
	case perr != nil && handoverCause(perr) != "" && !errors.Is(perr, crmclient.ErrRedirectedHome):
		// A list page the client does not know: nothing is read from it
		// (no extensions, no in-progress notice); the upload and the
		// install go to the admin in the browser (issue 10).
		p.ListError = sayErr(w.tx, c, perr)
		list = &crmclient.PackageList{}
	case perr != nil:
		return nil, perr
	}
	p.UploadDisabled = list.UploadDisabled
	if list.UpgradesDisabled {
		p.Support = crmclient.SupportExpired // R6: the manager itself says so
	}
	p.InProgress = list.InProgress
	for _, ip := range list.Installed {
		if isCoreRow(ip) {
			continue
		}
		p.Extensions = append(p.Extensions, ip)
	}
	if p.Version == "" {
		// Startup/Startup+: /version answers 403 (spec §1.4, §8). The
		// latest installed core patch names the version, if there is one;
		// otherwise it stays unknown and the admin may state it.
		if p.Version = coreVersionFromList(list); p.Version != "" {
			p.VersionSource = VersionFromList
		}
	}
	if p.DeploymentGuess == DeploymentUnknown {
		if p.UploadDisabled {
			p.DeploymentGuess = DeploymentCloud
		} else {
			p.DeploymentGuess = DeploymentOnPrem
		}
	}
	p.Deployment = p.DeploymentGuess
	p.NeedsDeployment = true // spec §8: no API signal; the admin confirms
	return p, nil
}

// supportEndText is the support end in the run's language (a parsed date,
// else the page's own text).
func (w *Wizard) supportEndText(p *Preflight) string {
	if !p.SupportDate.IsZero() {
		return w.tx.Date(p.SupportDate)
	}
	return p.SupportEnd
}

// preflightResult is the record's evidence, as codes (the report words it).
func (w *Wizard) preflightResult(p *Preflight) string {
	return facts("edition", string(p.Edition), "version", p.Version, "source", p.VersionSource, "blocked", boolStr(p.Blocked))
}

// setInstalledVersion records the admin's statement of the installed
// version where 1CRM does not report it (spec §1.4, §8) and checks a chosen
// package again against it (W2).
func (w *Wizard) setInstalledVersion(v string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepPreflight, StepPackage, StepPath); err != nil {
		return err
	}
	p := w.st.Preflight
	if p == nil {
		return w.refuse("W1", StepPreflight, w.tx.NotDue(w.tx.StepName(string(StepPreflight)), w.tx.StepName(string(StepPreflight))))
	}
	if p.VersionSource == VersionFromAPI || p.VersionSource == VersionFromList {
		return w.refuse("W1", StepPreflight, w.tx.VersionKnown(p.Version))
	}
	v = strings.TrimSpace(v)
	if !versionShape.MatchString(v) {
		return w.refuse("W1", StepPreflight, w.tx.VersionInvalid(v))
	}
	p.Version, p.VersionSource = v, VersionFromAdmin
	w.judge(p)
	if w.st.Live.Phase != PhaseInstalled {
		w.st.Live.VersionBefore = v
	}
	w.record(StepPreflight, StageLive, "version_stated", facts("version", v))
	_ = w.j.Answer("installed_version", journalData("version", v, "source", VersionFromAdmin))
	if pc := w.st.Package; pc != nil && pc.Path != "" {
		// W2 again: acceptance and "newer" can be judged now.
		w.st.Package = w.checkPackage(pc.Path, p)
	}
	return w.saveLocked()
}

// versionShape is what a 1CRM version looks like (spec §7): 8.7.6,
// 7.0.0a, 8.7.7-318, 8.7.4-74_main.
var versionShape = regexp.MustCompile(`^[0-9]+(\.[0-9]+)+[a-z]?([-_+.][0-9A-Za-z]+)*$`)

func (w *Wizard) confirmDeployment(d Deployment) (*Preflight, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepPreflight, StepPackage, StepPath); err != nil {
		return nil, err
	}
	if w.st.Preflight == nil {
		return nil, w.refuse("W1", StepPreflight, w.tx.NotDue(w.tx.StepName(string(StepPreflight)), w.tx.StepName(string(StepPreflight))))
	}
	if d != DeploymentCloud && d != DeploymentOnPrem {
		return nil, w.refuse("R2", StepPreflight, w.tx.NeedDeployment())
	}
	w.st.Deployment = d
	p := w.st.Preflight
	p.Deployment, p.NeedsDeployment = d, false
	w.judge(p)
	w.record(StepPreflight, StageLive, "deployment", facts("deployment", string(d)))
	_ = w.j.Event("deployment", journalData("deployment", string(d), "guess", string(p.DeploymentGuess)))
	if err := w.saveLocked(); err != nil {
		return nil, err
	}
	cp := *p
	return &cp, nil
}

// isCoreRow tells core updates (type patch) apart from extensions in the
// Installed list; the manifest id is not displayed (spec §5.1).
func isCoreRow(p crmclient.InstalledPackage) bool {
	return manifest.TypeCode(p.Type) == "patch"
}

// coreVersionFromList is a fallback when /version is closed (Startup): the
// newest installed core patch names the version, if any was installed.
func coreVersionFromList(l *crmclient.PackageList) string {
	v := ""
	for _, p := range l.Installed {
		if isCoreRow(p) {
			v = p.Version
		}
	}
	return v
}

func extensionNames(ps []crmclient.InstalledPackage) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}
