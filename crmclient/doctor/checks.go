package doctor

import (
	"context"
	"errors"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
)

// checkAPI: /version (public), the edition and /public_key (spec
// §1.2–§1.5, §9 #1–#2); no credential is sent.
func (r *run) checkAPI(ctx context.Context) {
	v, err := r.client.Version(ctx)
	switch {
	case err == nil:
		r.apiOK = true
		r.edition = v.Edition
		if r.edition == crmclient.EditionUnknown {
			r.edition = crmclient.EditionFromProducts(v.Products)
		}
		r.add(Check{Name: CheckAPIVersion, Status: StatusOK, Detail: r.t.APIVersion(v.Version, editionName(r.edition), v.Products)})
		if r.edition == crmclient.EditionUnknown {
			r.add(Check{Name: CheckEdition, Status: StatusWarn, Detail: r.t.EditionUnknown})
		} else {
			r.add(Check{Name: CheckEdition, Status: StatusOK, Detail: r.t.EditionFromAPI(editionName(r.edition))})
		}
	case errors.Is(err, crmclient.ErrAPINotAvailable):
		r.add(Check{Name: CheckAPIVersion, Status: StatusWarn, Detail: r.t.APINotAvailable})
	case errors.Is(err, crmclient.ErrPlainHTTPRefused):
		r.add(Check{Name: CheckAPIVersion, Status: StatusWarn, Detail: r.t.APIPlainHTTP})
	case errors.Is(err, crmclient.ErrNotOneCRM) && !r.loginPage:
		r.add(Check{Name: CheckAPIVersion, Status: StatusFail, Detail: r.t.APINotOneCRM})
		r.block(r.t.ReasonNotOneCRM)
	default:
		r.add(Check{Name: CheckAPIVersion, Status: StatusWarn, Detail: r.t.APIOther(err.Error())})
	}
	if !r.apiOK {
		r.add(Check{Name: CheckAPIAuth, Status: StatusSkip, Detail: r.t.AuthSkipNoAPI})
		return
	}
	if _, err := r.client.PublicKey(ctx); err != nil {
		r.add(Check{Name: CheckAPIPublic, Status: StatusWarn, Detail: r.t.PublicKeyFail(err.Error())})
	} else {
		r.add(Check{Name: CheckAPIPublic, Status: StatusOK, Detail: r.t.PublicKeyOK})
	}
}

// checkAPIAuth makes one authenticated REST call. With the admin password
// it runs only after the admin login proved the password (issue 10): a
// wrong password must cost no second failed attempt on the account — the
// password grant and HTTP Basic would both send it again.
func (r *run) checkAPIAuth(ctx context.Context) {
	if !r.apiOK {
		return
	}
	if r.adminProbe() && !r.loggedIn {
		r.add(Check{Name: CheckAPIAuth, Status: StatusSkip, Detail: r.t.AuthSkipNoLogin})
		return
	}
	if !r.client.HasAPICredentials() {
		r.add(Check{Name: CheckAPIAuth, Status: StatusWarn, Detail: r.t.AuthNone})
		return
	}
	me, err := r.client.Me(ctx)
	switch {
	case err == nil:
		r.restAuth = true
		name := strings.TrimSpace(me.Name)
		if name == "" {
			name = me.ID
		}
		r.add(Check{Name: CheckAPIAuth, Status: StatusOK, Detail: r.t.AuthOK(name)})
	case errors.Is(err, crmclient.ErrNoAPIAuth):
		r.add(Check{Name: CheckAPIAuth, Status: StatusWarn, Detail: r.t.AuthNone})
	default:
		r.add(Check{Name: CheckAPIAuth, Status: StatusWarn, Detail: r.t.AuthRejected(err.Error())})
	}
}

// checkLogin opens the admin session (the only POST doctor sends). The
// client proves the login (the Administration page must read as an
// administrator's); a refusal is reported in words and blocks the wizard
// — doctor never says "OK" after a login that did not work.
func (r *run) checkLogin(ctx context.Context) bool {
	ctx, done := r.recording(ctx, "login")
	defer done()
	err := r.client.Login(ctx)
	var pc *crmclient.PageChangedError
	changed := errors.As(err, &pc)
	var sm *crmclient.ServerMessageError
	said := ""
	if errors.As(err, &sm) && strings.TrimSpace(sm.Text) != "" {
		said = " " + r.t.ServerSaid(strings.TrimSpace(sm.Text))
	}
	switch {
	case err == nil:
		r.loggedIn = true
		r.add(Check{Name: CheckLogin, Status: StatusOK, Detail: r.t.LoginOK(r.opt.User)})
		r.page(CheckLogin, pageAuto, "")
		return true
	case errors.Is(err, crmclient.ErrCaptcha):
		r.add(Check{Name: CheckLogin, Status: StatusFail, Detail: r.t.LoginCaptcha, Manual: true})
		r.block(r.t.ReasonCaptcha)
		r.page(CheckLogin, pageByHand, r.t.ReasonCaptcha)
	case errors.Is(err, crmclient.ErrUpgradeInProgress):
		r.add(Check{Name: CheckLogin, Status: StatusFail, Detail: r.t.LoginLocked + said, Manual: true})
		r.block(r.t.ReasonLocked)
	case errors.Is(err, crmclient.ErrWrongPassword):
		r.add(Check{Name: CheckLogin, Status: StatusFail, Detail: r.t.LoginWrong + said})
		r.block(r.t.ReasonWrongPassword)
	case errors.Is(err, crmclient.ErrNotAdmin) && !changed:
		r.add(Check{Name: CheckLogin, Status: StatusFail, Detail: r.t.NotAdmin})
		r.block(r.t.ReasonNotAdmin)
	case errors.Is(err, crmclient.ErrNotAdmin):
		// Not admin, or a page that looks different: nothing else can be
		// read without an administrator's session.
		r.pageDiff = true
		r.add(Check{Name: CheckLogin, Status: StatusFail, Detail: r.t.LoginMaybeNotAdmin(strings.Join(pc.Missing, ", "))})
		r.block(r.t.ReasonNotAdmin)
	case changed && pc.Page == "login":
		r.pageDiff = true
		r.add(Check{Name: CheckLogin, Status: StatusFail, Detail: r.t.LoginPageUnknown(strings.Join(pc.Missing, ", ")), Manual: true})
		r.block(r.t.ReasonLogin)
		r.page(CheckLogin, pageByHand, r.t.WhyPageChanged(strings.Join(pc.Missing, ", ")))
	case changed:
		r.pageDiff = true
		r.add(Check{Name: CheckLogin, Status: StatusFail, Detail: r.t.LoginUnproven(strings.Join(pc.Missing, ", "))})
		r.block(r.t.ReasonLogin)
	default:
		r.add(Check{Name: CheckLogin, Status: StatusFail, Detail: r.t.LoginFail(err.Error())})
		r.block(r.t.ReasonLogin)
	}
	if len(r.pages) == 0 {
		r.page(CheckLogin, pageFailed, r.blockers[len(r.blockers)-1])
	}
	for _, name := range []string{CheckLicense, CheckBackup, CheckUWizard} {
		r.add(Check{Name: name, Status: StatusSkip, Detail: r.t.SkipNoLogin})
		r.page(name, pageUnchecked, r.t.ReasonLogin)
	}
	return false
}

// pageError turns an admin-page error into a line. A clear "not an
// administrator" blocks the wizard. The client cannot always tell "not
// admin" from "page looks different" (a PHP error page has neither the
// admin markers nor the form); such a page is left to the admin, and only
// when no admin page worked at all does doctor conclude "not admin"
// (see concludeAdmin).
func (r *run) pageError(name string, err error) {
	var pc *crmclient.PageChangedError
	changed := errors.As(err, &pc)
	notAdmin := errors.Is(err, crmclient.ErrNotAdmin)
	switch {
	case notAdmin && !changed:
		r.add(Check{Name: name, Status: StatusFail, Detail: r.t.NotAdmin})
		r.block(r.t.ReasonNotAdmin)
		r.page(name, pageUnchecked, r.t.ReasonNotAdmin)
	case changed:
		r.maybeNotAdmin = r.maybeNotAdmin || notAdmin
		r.pageDiff = true
		r.add(Check{Name: name, Status: StatusWarn, Detail: r.t.PageChanged(strings.Join(pc.Missing, ", ")), Manual: true})
		r.page(name, pageByHand, r.t.WhyPageChanged(strings.Join(pc.Missing, ", ")))
	default:
		r.pageDiff = true
		r.add(Check{Name: name, Status: StatusWarn, Detail: r.t.PageUnreadable(err.Error()), Manual: true})
		r.page(name, pageByHand, r.t.PageUnreadable(err.Error()))
	}
}

// concludeAdmin runs after all admin pages: if none of them could be read
// and one hinted at missing admin rights, the user is most likely no admin.
func (r *run) concludeAdmin() {
	if r.maybeNotAdmin && r.license == nil && !r.backupOK && !r.uwizardOK && !hasReason(r.blockers, r.t.ReasonNotAdmin) {
		r.block(r.t.ReasonNotAdmin)
	}
}

// checkLicense reads the License Information page (spec §3): licensee,
// support status (R5, R6), offered updates, hosted hint, and the edition
// when the API could not tell (Startup/Startup+, R1–R3).
func (r *run) checkLicense(ctx context.Context) {
	ctx, done := r.recording(ctx, "license")
	defer done()
	lic, err := r.client.License(ctx)
	if err != nil {
		r.pageError(CheckLicense, err)
		if !r.apiOK {
			r.add(Check{Name: CheckEdition, Status: StatusWarn, Detail: r.t.EditionUnknown})
		}
		return
	}
	r.license = lic
	r.hosted = lic.Hosted()
	r.page(CheckLicense, pageAuto, "")
	var parts []string
	status := StatusOK
	if lic.Licensed {
		parts = append(parts, r.t.LicenseOK(lic.Licensee, lic.UserLimit))
	} else {
		parts = append(parts, r.t.Unlicensed)
		status = StatusWarn
	}
	if len(lic.Updates) > 0 {
		var vs []string
		for _, u := range lic.Updates {
			v := u.Version
			if v == "" {
				v = u.Package
			}
			vs = append(vs, v)
		}
		parts = append(parts, r.t.UpdatesOffered(vs))
	} else {
		parts = append(parts, r.t.UpdatesNone)
	}
	if r.hosted {
		parts = append(parts, r.t.Hosted)
	}
	r.add(Check{Name: CheckLicense, Status: status, Detail: sentences(parts)})

	if !r.apiOK {
		r.edition = crmclient.EditionFromProductNames(lic.Products)
		if r.edition == crmclient.EditionUnknown {
			r.add(Check{Name: CheckEdition, Status: StatusWarn, Detail: r.t.EditionUnknown})
		} else {
			r.add(Check{Name: CheckEdition, Status: StatusOK, Detail: r.t.EditionFromLicense(editionName(r.edition))})
		}
	}
	switch {
	case r.edition == crmclient.EditionStartup && r.hosted: // R3
		r.add(Check{Name: CheckEdition, Status: StatusWarn, Detail: r.t.StartupCloud, Manual: true})
		r.manual = append(r.manual, r.t.ManualGetPackage)
	case r.edition == crmclient.EditionStartup: // R2
		r.add(Check{Name: CheckEdition, Status: StatusWarn, Detail: r.t.StartupOnPremise, Manual: true})
		r.manual = append(r.manual, r.t.ManualGetPackage)
	}
	r.checkSupport(lic)
}

// checkSupport applies the support rule of spec §3: expired blocks the
// upgrade manager (R6), under 30 days or trial is a note (R5).
func (r *run) checkSupport(lic *crmclient.License) {
	end := lic.SupportEnd
	switch lic.Support {
	case crmclient.SupportExpired:
		r.add(Check{Name: CheckSupport, Status: StatusFail, Detail: r.t.SupportExpired(end), Manual: true})
		r.block(r.t.ReasonExpired)
		r.manual = append(r.manual, r.t.ManualRenew)
	case crmclient.SupportExpiring:
		r.add(Check{Name: CheckSupport, Status: StatusWarn, Detail: r.t.SupportExpiring(end, lic.DaysLeft)})
	case crmclient.SupportTrial:
		r.add(Check{Name: CheckSupport, Status: StatusWarn, Detail: r.t.SupportTrial(end, lic.DaysLeft)})
	case crmclient.SupportActive:
		r.add(Check{Name: CheckSupport, Status: StatusOK, Detail: r.t.SupportActive(end, lic.DaysLeft)})
	default:
		r.add(Check{Name: CheckSupport, Status: StatusWarn, Detail: r.t.SupportNone})
	}
}

// checkBackup reads the Backup Management page without posting anything
// (spec §4): a backup without a DB dump holds no data (R10).
func (r *run) checkBackup(ctx context.Context) {
	ctx, done := r.recording(ctx, "backup")
	defer done()
	bp, err := r.client.BackupPage(ctx)
	if err != nil {
		r.pageError(CheckBackup, err)
		return
	}
	r.backupOK = true
	last := ""
	if len(bp.History) > 0 {
		e := bp.History[0]
		last = e.Name
		// One size format per language (issue 10): the bytes in the
		// output's language, 1CRM's own text only when they are unknown.
		if size := r.t.sizeOf(e.SizeBytes, e.Size); size != "" {
			last += " (" + size + ")"
		}
	}
	detail := r.t.BackupOK(bp.Settings.FilesFilter, len(bp.History), last)
	switch {
	case !bp.Settings.DumpAvailable:
		r.add(Check{Name: CheckBackup, Status: StatusWarn, Detail: detail + ". " + r.t.BackupNoDump, Manual: true})
		r.manual = append(r.manual, r.t.ManualBackup)
		r.page(CheckBackup, pageByHand, r.t.BackupNoDump)
	case !bp.Settings.DumpEnabled:
		r.add(Check{Name: CheckBackup, Status: StatusWarn, Detail: detail + ". " + r.t.BackupDumpOff, Manual: true})
		r.manual = append(r.manual, r.t.ManualBackup)
		r.page(CheckBackup, pageByHand, r.t.BackupDumpOff)
	default:
		r.dumpOK = true
		r.add(Check{Name: CheckBackup, Status: StatusOK, Detail: detail})
		r.page(CheckBackup, pageAuto, "")
	}
}

// checkUWizard reads the upgrade manager list (spec §5.1, §5.2): locked by
// expired support (R6), uploads disabled on hosted installations.
func (r *run) checkUWizard(ctx context.Context) {
	ctx, done := r.recording(ctx, "uwizard")
	defer done()
	pl, err := r.client.Packages(ctx)
	switch {
	case errors.Is(err, crmclient.ErrUpgradesDisabled):
		pl, err = &crmclient.PackageList{UpgradesDisabled: true}, nil
	case errors.Is(err, crmclient.ErrUploadDisabled):
		pl, err = &crmclient.PackageList{UploadDisabled: true}, nil
	case errors.Is(err, crmclient.ErrRedirectedHome):
		r.pageDiff = true
		r.add(Check{Name: CheckUWizard, Status: StatusWarn, Detail: r.t.UWizardRedirectedHome, Manual: true})
		r.page(CheckUWizard, pageByHand, r.t.WhyRedirectedHome)
		return
	}
	if err != nil {
		r.pageError(CheckUWizard, err)
		return
	}
	switch {
	case pl.UpgradesDisabled:
		r.add(Check{Name: CheckUWizard, Status: StatusFail, Detail: r.t.UWizardUpgradesDisabled, Manual: true})
		if !hasReason(r.blockers, r.t.ReasonExpired) {
			r.block(r.t.ReasonExpired)
			r.manual = append(r.manual, r.t.ManualRenew)
		}
		r.page(CheckUWizard, pageUnchecked, r.t.ReasonExpired)
	case pl.UploadDisabled:
		// Not a dead end (issue 10): the wizard hands the install to the
		// admin (License page) or the partner, and checks the outcome.
		r.uwizardOK = true
		r.add(Check{Name: CheckUWizard, Status: StatusWarn, Detail: r.t.UWizardUploadDisabled, Manual: true})
		r.manual = append(r.manual, r.t.ManualPartnerInstall)
		r.page(CheckUWizard, pageByHand, r.t.ReasonUploadDisabled)
	case pl.UploadFormMissing:
		r.uwizardOK, r.pageDiff = true, true
		r.add(Check{Name: CheckUWizard, Status: StatusWarn, Detail: r.t.UWizardOK(len(pl.Uploaded), len(pl.Installed)) + ". " + r.t.UWizardNoUploadForm, Manual: true})
		r.page(CheckUWizard, pageByHand, r.t.UWizardNoUploadForm)
	default:
		r.uwizardOK, r.uploadOK = true, true
		r.page(CheckUWizard, pageAuto, "")
		status, detail := StatusOK, r.t.UWizardOK(len(pl.Uploaded), len(pl.Installed))
		if pl.InProgress {
			status, detail = StatusWarn, detail+". "+r.t.UWizardInProgress
		}
		r.add(Check{Name: CheckUWizard, Status: status, Detail: detail})
	}
}

// sentences joins parts into sentences, each ending in exactly one period.
func sentences(parts []string) string {
	for i := range parts {
		parts[i] = strings.TrimSuffix(parts[i], ".")
	}
	return strings.Join(parts, ". ") + "."
}

func hasReason(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
