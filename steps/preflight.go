package steps

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/manifest"
)

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

// judge turns the facts into verdicts and the route (R1–R6, W1).
func (w *Wizard) judge(p *Preflight) {
	var v []Verdict
	if p.LicenseError != "" {
		v = append(v, Verdict{Rule: "W1", Level: LevelWarn, Title: w.tx.SupportTitle(),
			Detail: w.tx.LicenseUnreadable(p.LicenseError), Advice: w.tx.LicenseUnreadableAdvice()})
	}
	if p.ListError != "" {
		v = append(v, Verdict{Rule: "W1", Level: LevelWarn, Title: w.tx.ListUnreadableTitle(),
			Detail: w.tx.ListUnreadable(p.ListError), Advice: w.tx.ListUnreadableAdvice()})
	}
	if p.InProgress {
		v = append(v, Verdict{Rule: "W6", Level: LevelWarn, Title: w.tx.UpgradeInProgress(), Advice: w.tx.UpgradeInProgressAdvice()})
	}
	ed, dep := string(p.Edition), string(p.Deployment)

	// R1–R4: entitlement and route.
	switch {
	case p.Edition == crmclient.EditionUnknown:
		v = append(v, Verdict{Rule: "R1", Level: LevelWarn, Title: w.tx.EditionTitle(ed),
			Detail: w.tx.EditionUnknown(), Advice: w.tx.EditionUnknownAdvice()})
		p.Route = RouteLicensePage
	case p.Edition == crmclient.EditionStartup && p.Deployment == DeploymentOnPrem:
		v = append(v, Verdict{Rule: "R1,R2", Level: LevelInfo, Title: w.tx.EditionTitle(ed),
			Detail: w.tx.RouteVendorWebsite(), Advice: w.tx.RouteVendorWebsiteAdvice()})
		p.Route = RouteVendorWebsite
	case p.Edition == crmclient.EditionStartup:
		v = append(v, Verdict{Rule: "R1,R3", Level: LevelInfo, Title: w.tx.EditionTitle(ed),
			Detail: w.tx.RoutePartnerZIP(), Advice: w.tx.RoutePartnerZIPAdvice(w.cfg.SupportEmail)})
		p.Route = RoutePartnerZIP
	default:
		v = append(v, Verdict{Rule: "R1", Level: LevelOK, Title: w.tx.EditionTitle(ed),
			Detail: w.tx.EditionEntitled(ed, dep)})
		p.Route = RouteLicensePage
	}
	// R2, R3: Startup gets its package from the vendor's website or the
	// partner. A download the License page happens to list is not offered
	// as if it were the official route.
	if p.ListedUpdates == nil && len(p.Updates) > 0 {
		p.ListedUpdates = p.Updates // a state saved before ListedUpdates existed
	}
	p.Updates = nil
	switch p.Route {
	case RouteVendorWebsite, RoutePartnerZIP:
		if len(p.ListedUpdates) > 0 {
			rule := "R2"
			if p.Route == RoutePartnerZIP {
				rule = "R3"
			}
			v = append(v, Verdict{Rule: rule, Level: LevelInfo, Title: w.tx.PackageTitle(),
				Detail: w.tx.ListedNotForRoute(string(p.Route))})
		}
	default:
		p.Updates = append([]crmclient.AvailableUpdate(nil), p.ListedUpdates...)
	}
	if p.Route == RouteLicensePage {
		if len(p.Updates) > 0 {
			v = append(v, Verdict{Rule: "R4", Level: LevelOK, Title: w.tx.PackageTitle(), Detail: w.tx.RouteLicensePage(len(p.Updates))})
		} else {
			v = append(v, Verdict{Rule: "R4", Level: LevelInfo, Title: w.tx.PackageTitle(),
				Detail: w.tx.RouteLicensePageNone(), Advice: w.tx.RouteLicensePageAdvice()})
		}
	}

	// R5, R6: the update subscription.
	end := w.supportEndText(p)
	p.SupportEndText = end
	switch {
	case p.Support == crmclient.SupportExpired || (p.HasSupportDaysLeft && p.SupportDaysLeft < 0):
		v = append(v, Verdict{Rule: "R6", Level: LevelBlock, Title: w.tx.SupportTitle(),
			Detail: w.tx.SupportExpired(end), Advice: w.tx.SupportExpiredAdvice()})
	case p.Support == crmclient.SupportTrial:
		v = append(v, Verdict{Rule: "R5", Level: LevelWarn, Title: w.tx.SupportTitle(),
			Detail: w.tx.SupportTrial(end, p.SupportDaysLeft)})
	case p.HasSupportDaysLeft && p.SupportDaysLeft < 30:
		v = append(v, Verdict{Rule: "R5", Level: LevelWarn, Title: w.tx.SupportTitle(),
			Detail: w.tx.SupportExpiring(end, p.SupportDaysLeft), Advice: w.tx.SupportExpiringAdvice()})
	case p.Support == crmclient.SupportNone || p.Support == "":
		if p.Edition != crmclient.EditionStartup { // the free edition has no subscription
			v = append(v, Verdict{Rule: "R6", Level: LevelWarn, Title: w.tx.SupportTitle(),
				Detail: w.tx.SupportNone(), Advice: w.tx.SupportNoneAdvice()})
		}
	default:
		v = append(v, Verdict{Rule: "R5", Level: LevelOK, Title: w.tx.SupportTitle(),
			Detail: w.tx.SupportActive(end, p.SupportDaysLeft)})
	}

	// Uploads switched off on a hosted installation: the partner installs.
	if p.UploadDisabled {
		// Issue 10: not a dead end any more — the install step is handed
		// to the admin (License page) or the partner, and verified.
		v = append(v, Verdict{Rule: "R21", Level: LevelWarn, Title: w.tx.UploadDisabled(),
			Advice: w.tx.UploadDisabledAdvice(w.cfg.SupportEmail)})
	}

	v = append(v, w.versionVerdict(p))
	if len(p.Extensions) == 0 {
		v = append(v, Verdict{Rule: "R22", Level: LevelInfo, Title: w.tx.ExtensionsTitle(), Detail: w.tx.ExtensionsNone()})
	} else {
		v = append(v, Verdict{Rule: "R22", Level: LevelInfo, Title: w.tx.ExtensionsTitle(),
			Detail: w.tx.ExtensionsFound(len(p.Extensions), strings.Join(extensionNames(p.Extensions), ", "))})
	}
	if p.HasAPI {
		v = append(v, Verdict{Rule: "W6", Level: LevelInfo, Title: w.tx.APITitle(), Detail: w.tx.APIAvailable()})
	} else {
		v = append(v, Verdict{Rule: "W6", Level: LevelInfo, Title: w.tx.APITitle(), Detail: w.tx.APIMissing()})
	}
	if p.NeedsDeployment {
		v = append(v, Verdict{Rule: "R2,R3", Level: LevelWarn, Title: w.tx.DeploymentTitle(),
			Detail: w.tx.DeploymentAsk(string(p.DeploymentGuess))})
	}

	p.Verdicts = v
	p.Blocked = false
	for _, x := range v {
		if x.Level == LevelBlock {
			p.Blocked = true
		}
	}
}

// versionVerdict says where the installed version comes from (W1); on
// Startup/Startup+ the API is closed, so it may come from the package list,
// from the admin, or stay unknown (spec §1.4, §8).
func (w *Wizard) versionVerdict(p *Preflight) Verdict {
	v := Verdict{Rule: "W1", Level: LevelInfo, Title: w.tx.VersionTitle()}
	p.NeedsVersion = false
	switch {
	case p.Version == "":
		p.NeedsVersion = true
		v.Level, v.Detail, v.Advice = LevelWarn, w.tx.VersionUnknown(), w.tx.VersionUnknownAdvice()
	case p.VersionSource == VersionFromList:
		v.Detail = w.tx.VersionFromList(p.Version)
	case p.VersionSource == VersionFromAdmin:
		v.Detail = w.tx.VersionStated(p.Version)
	default:
		v.Detail = w.tx.VersionInstalled(p.Version)
	}
	return v
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
