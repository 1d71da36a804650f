package crmclient

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient/version"
)

// DefaultInstallStepTimeout bounds one upgrade.php request: long, because
// a commit step (copying files, repairing the DB) can take minutes.
const DefaultInstallStepTimeout = 30 * time.Minute

// Install runs perform=install for source and follows the install to its
// end (spec §5.4 as corrected):
//  1. perform=install is posted ONLY with the finished form (perform=
//     install, hidden source) of a Prepare of this process whose steps all
//     passed. Without one, Prepare runs again with the confirmations the
//     admin gave in this process; if that does not pass, nothing is
//     posted (warnings need the admin: ServerMessageError{ErrPrepareFailed}).
//     The caller journals "install started" before calling.
//  2. The answer sends the browser to upgrade.php (script location; a
//     redirect, meta refresh, form action or link are followed as well).
//  3. upgrade.php is followed as a browser does: redirects, meta
//     refreshes, script locations, and the Next form of a step page whose
//     result is a success or a warning (warning texts go to
//     InstallProgress.Warnings). Progress shows the step as 1CRM writes it
//     ("Step 3: Commit changes"). A failed step → ServerMessageError
//     {ErrInstallFailed} with the step's text; a page the client cannot
//     drive (e.g. steps run by script requests) → ErrInstallNeedsBrowser
//     at once — users stay locked out until the steps are finished in the
//     browser, so waiting would help no one.
//  4. Polling (bounded by InstallMaxWait, with progress reports) happens
//     only after the chain ended normally (final step page, or back at
//     index.php) or the connection dropped in the middle of a step.
//
// When the install counts as done: the package is listed under Installed
// Packages with the target version; for a core update (type patch, id
// InfoAtHand) /api.php/version reports the target release (when the API
// answers at all); the list page shows no in-progress notice; and the
// in-progress lock is gone: a GET of upgrade.php no longer shows a step
// page but sends the browser elsewhere (7.x clears the lock in its last
// step, "Restored system access for users"). If upgrade.php still shows a
// step, the chain is followed from there (at most twice); if the lock
// stays → ErrInstallNeedsBrowser.
func (c *Client) Install(ctx context.Context, source string, target InstallTarget, progress func(InstallProgress)) error {
	start := time.Now()
	report := c.reporter(start, progress)
	for attempt := 0; ; attempt++ {
		uw, err := c.uwizard(ctx)
		if err != nil {
			return err
		}
		if err := uw.usable(); err != nil {
			return err
		}
		if FindInstalled(uw.list, target.Name, target.Type, target.Version) != nil && findBySource(uw.list, source) == nil {
			return c.finishInstall(ctx, nil, target, start, report) // already done (idempotent resume)
		}
		f, err := c.finishedFormFor(ctx, source)
		if err != nil {
			return err
		}
		if f.get("perform") != "install" || f.get("source") != source {
			return &PageChangedError{Page: "prepare", Missing: []string{"finished form (perform=install) of this package"}}
		}
		f = f.clone()
		c.forgetProceed(source) // one install per passed Prepare

		report(InstallProgress{})
		resp, loc, err := c.adminPost(ctx, f, 0) // context only: never a short timeout
		switch {
		case errors.Is(err, ErrSessionExpired) && attempt == 0:
			// Bounced to the login page: the POST did nothing. The prepare
			// state (conditions, confirmations) lived in the lost session,
			// so the next round logs in, prepares again with the same
			// confirmations, and posts the new finished form.
			c.log.Info("session expired before the install POST; preparing again")
			continue
		case err != nil && (errors.Is(err, ErrSessionExpired) || ctx.Err() != nil):
			return err
		case err != nil:
			// Connection dropped: the server may carry on; judge by the list.
			c.log.Warn("install POST failed; polling the package list", "error", err)
			return c.finishInstall(ctx, nil, target, start, report)
		}
		return c.followInstallAnswer(ctx, f, resp, loc, target, start, report)
	}
}

// followInstallAnswer reads the answer to perform=install and follows it
// to upgrade.php.
func (c *Client) followInstallAnswer(ctx context.Context, f *form, resp *page, loc string, target InstallTarget, start time.Time, report func(InstallProgress)) error {
	var first *url.URL
	if loc != "" {
		if u, perr := f.action.Parse(loc); perr == nil && isUpgradeURL(u) {
			first = u
		}
	}
	if first == nil {
		if e := fatalError(ErrInstallFailed, resp); e != nil {
			return e
		}
		first = nextHop(resp, true)
	}
	if first == nil {
		if msg := knownMessage(resp); msg != "" {
			if m := classifyMessage(msg); m.failure() && m.kind != nil {
				return withDetail(m.kind, msg, resp)
			}
		}
		// Maybe the install ran synchronously: look once before giving up.
		if done, _ := c.installedNow(ctx, target); done {
			return nil
		}
		if e := reportedError(ErrInstallFailed, resp); e != nil {
			return e
		}
		return &PageChangedError{Page: "install", Missing: []string{"link to upgrade.php"}}
	}
	return c.finishInstall(ctx, &hop{url: first}, target, start, report)
}

// finishedFormFor returns the finished form of a passed Prepare of source
// in this process, preparing once more (with the admin's confirmations of
// this process) when there is none. It never makes one up.
func (c *Client) finishedFormFor(ctx context.Context, source string) (*form, error) {
	c.proceedMu.Lock()
	f := c.proceedForms[source]
	c.proceedMu.Unlock()
	if f != nil {
		return f, nil
	}
	res, err := c.Prepare(ctx, source, nil)
	if err != nil {
		return nil, err
	}
	c.proceedMu.Lock()
	f = c.proceedForms[source]
	c.proceedMu.Unlock()
	if res.CanProceed && f != nil {
		return f, nil
	}
	// Warnings need the admin's explicit confirmation (R22): the caller
	// runs Prepare(source, warnings) and then Install.
	var parts []string
	for _, st := range res.Steps {
		if st.Status != StepSuccess {
			parts = append(parts, stepTitle(st)+": "+strings.ReplaceAll(st.Message, "\n", "; "))
		}
	}
	if len(parts) == 0 {
		return nil, &PageChangedError{Page: "prepare", Missing: []string{"finished form (perform=install)"}}
	}
	return nil, stepsError(ErrPrepareFailed, parts)
}

// ProceedReady reports whether this client holds the finished form of a
// Prepare of source that passed (all warnings confirmed). After a restart
// it does not: the caller runs Prepare again with the confirmations the
// admin already gave (R22) before Install, so that Install never has to
// guess them.
func (c *Client) ProceedReady(source string) bool {
	c.proceedMu.Lock()
	defer c.proceedMu.Unlock()
	return c.proceedForms[source] != nil
}

// reporter stamps progress reports with the elapsed time.
func (c *Client) reporter(start time.Time, progress func(InstallProgress)) func(InstallProgress) {
	return func(p InstallProgress) {
		if progress != nil {
			p.Elapsed = time.Since(start)
			p.Warnings = append([]string(nil), p.Warnings...)
			progress(p)
		}
	}
}

// pollInstalled polls the list page (and /version for a core update)
// until the target is installed or InstallMaxWait since start has passed,
// reporting every round.
func (c *Client) pollInstalled(ctx context.Context, target InstallTarget, start time.Time, last InstallProgress, report func(InstallProgress)) error {
	deadline := start.Add(c.cfg.InstallMaxWait)
	lastErr := error(nil)
	last.Polling = true
	for {
		done, err := c.installedNow(ctx, target)
		if done {
			report(last)
			return nil
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if isAny(err, ErrNotAdmin, ErrWrongPassword, ErrUpgradesDisabled, ErrCaptcha) {
				return err
			}
			lastErr = err // transient: the server may be busy with the install
		}
		report(last)
		if !time.Now().Add(c.cfg.InstallPollInterval).Before(deadline) {
			if lastErr != nil {
				return fmt.Errorf("%w (last error: %v)", ErrInstallTimeout, lastErr)
			}
			return ErrInstallTimeout
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(c.cfg.InstallPollInterval):
		}
	}
}

// installedNow: target under Installed with the expected version, no
// in-progress notice, and for a core update /version at the target
// release (spec §5.4 step 4, §7). When the REST API is closed
// (Startup/Startup+) the list alone decides.
func (c *Client) installedNow(ctx context.Context, target InstallTarget) (bool, error) {
	list, err := c.Packages(ctx)
	if err != nil {
		return false, err
	}
	if FindInstalled(list, target.Name, target.Type, target.Version) == nil || list.InProgress {
		return false, nil
	}
	if !target.Core {
		return true, nil
	}
	v, err := c.Version(ctx)
	if err != nil {
		if isAny(err, ErrAPINotAvailable, ErrPlainHTTPRefused) {
			return true, nil
		}
		return false, err
	}
	return version.SameRelease(v.Version, target.Version), nil
}
