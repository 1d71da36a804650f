package steps

import (
	"strings"

	"github.com/visual4/1crm-update/crmclient"
)

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
		v = append(v, Verdict{Rule: "W6", Level: LevelInfo, Title: w.tx.APITitle(), Detail: w.tx.APIMissing(p.NoAPI)})
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
