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
// end (spec §5.4 client procedure):
//  1. POST the Proceed form of the last Prepare (or the row's form) once,
//     with no client timeout — the caller journals "install started" first;
//  2. find the first upgrade.php URL in the answer (script location, meta
//     refresh, form action, link);
//  3. follow redirects, meta refreshes and script locations to
//     upgrade.php/index.php, up to 100 hops, reporting "Step N of M" and
//     the URL to continue from (InstallProgress.URL: journal it, and after
//     a crash call ResumeInstall instead of Install);
//  4. poll the list page every InstallPollInterval for up to
//     InstallMaxWait: done when target is under Installed (and for a core
//     update /version reports the target release).
//
// A page with a PHP fatal error or an error text → ServerMessageError
// {ErrInstallFailed, text}; time out → ErrInstallTimeout.
func (c *Client) Install(ctx context.Context, source string, target InstallTarget, progress func(InstallProgress)) error {
	start := time.Now()
	report := func(p InstallProgress) {
		if progress != nil {
			p.Elapsed = time.Since(start)
			progress(p)
		}
	}
	uw, err := c.uwizard(ctx)
	if err != nil {
		return err
	}
	if err := uw.usable(); err != nil {
		return err
	}
	if FindInstalled(uw.list, target.Name, target.Type, target.Version) != nil && findBySource(uw.list, source) == nil {
		return c.pollInstalled(ctx, target, start, report) // already done (idempotent resume)
	}
	c.proceedMu.Lock()
	f := c.proceedForms[source]
	c.proceedMu.Unlock()
	if f == nil {
		// No Prepare in this process (e.g. after a restart): prepare again
		// without confirmations; warnings then need the admin (Prepare
		// with confirm) before Install.
		res, err := c.Prepare(ctx, source, nil)
		if err != nil {
			return err
		}
		if !res.CanProceed {
			// Warnings need the admin's explicit confirmation (R22): the
			// caller runs Prepare(source, warnings) and then Install.
			var parts []string
			for _, st := range res.Steps {
				if st.Status == StepWarning {
					parts = append(parts, st.Name+": "+st.Message)
				}
			}
			return stepsError(ErrPrepareFailed, parts)
		}
		c.proceedMu.Lock()
		f = c.proceedForms[source]
		c.proceedMu.Unlock()
		if f == nil {
			return &PageChangedError{Page: "prepare", Missing: []string{"Proceed form"}}
		}
	}
	f = f.clone()
	ownFields(f, "install", source)
	f.del("confirm")

	report(InstallProgress{})
	resp, loc, err := c.adminPost(ctx, f, 0) // context only: never a short timeout, never retried
	if err != nil {
		if errors.Is(err, ErrSessionExpired) || ctx.Err() != nil {
			return err
		}
		// Connection dropped: the server may carry on; judge by the list.
		c.log.Warn("install POST failed; polling the package list", "error", err)
		return c.pollInstalled(ctx, target, start, report)
	}
	var first *url.URL
	if loc != "" {
		if u, perr := f.action.Parse(loc); perr == nil && strings.HasSuffix(strings.ToLower(u.Path), "upgrade.php") {
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
		msg := pageMessage(resp)
		if kind, success, known := classifyMessage(msg); known && !success {
			return withDetail(kind, msg, resp)
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
	return c.followAndPoll(ctx, first, target, start, report)
}

// ProceedReady reports whether this client holds the Proceed form of a
// Prepare of source that passed (all warnings confirmed). After a restart
// it does not: the caller runs Prepare again with the confirmations the
// admin already gave (R22) before Install, so that Install never has to
// guess them.
func (c *Client) ProceedReady(source string) bool {
	c.proceedMu.Lock()
	defer c.proceedMu.Unlock()
	return c.proceedForms[source] != nil
}

// pollInstalled polls the list page (and /version for a core update)
// until the target is installed or InstallMaxWait has passed.
func (c *Client) pollInstalled(ctx context.Context, target InstallTarget, start time.Time, report func(InstallProgress)) error {
	deadline := start.Add(c.cfg.InstallMaxWait)
	lastErr := error(nil)
	for {
		done, err := c.installedNow(ctx, target)
		if done {
			report(InstallProgress{Polling: true})
			return nil
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if isAny(err, ErrNotAdmin, ErrWrongPassword, ErrUpgradesDisabled) {
				return err
			}
			lastErr = err // transient: the server may be busy with the install
		}
		report(InstallProgress{Polling: true})
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

// installedNow: target under Installed with the expected version, and for
// a core update /version at the target release (spec §5.4 step 4, §7).
// When the REST API is closed (Startup/Startup+) the list alone decides.
func (c *Client) installedNow(ctx context.Context, target InstallTarget) (bool, error) {
	list, err := c.Packages(ctx)
	if err != nil {
		return false, err
	}
	if FindInstalled(list, target.Name, target.Type, target.Version) == nil {
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
