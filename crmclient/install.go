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
//  5. The wait is watched (stall.go): a step request outstanding, or a
//     chain or list that does not move, is reported to the context's
//     stall report — Alive false after StallAfter without any answer from
//     1CRM, Alive true after InstallBusyAfter without progress — and ends
//     after InstallStallLimit without progress with a *StallError
//     {ErrInstallStalled}: 1CRM keeps the install in progress, so it is
//     continued with ResumeInstall (or finished in the browser), never
//     started again. A server that shows no install in progress any more
//     while the package is not installed (and upgrade.php agrees) ends the
//     wait at once with ErrInstallLost.
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
			ww := c.installWatch(ctx)
			defer ww.close()
			return c.finishInstall(ctx, nil, target, start, report, ww) // already done (idempotent resume)
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
		ww := c.installWatch(ctx) // from here on the install is the wait (not the prepare)
		done := ww.begin()
		resp, loc, err := c.adminPost(ctx, f, 0) // context only: never a short timeout
		done()
		if errors.Is(err, ErrSessionExpired) && attempt == 0 {
			// Bounced to the login page: the POST did nothing. The prepare
			// state (conditions, confirmations) lived in the lost session,
			// so the next round logs in, prepares again with the same
			// confirmations, and posts the new finished form.
			ww.close()
			c.log.Info("session expired before the install POST; preparing again")
			continue
		}
		defer ww.close()
		switch {
		case err != nil && (errors.Is(err, ErrSessionExpired) || ctx.Err() != nil):
			return err
		case err != nil:
			// Connection dropped: the server may carry on; judge by the list.
			c.log.Warn("install POST failed; polling the package list", "error", err)
			return c.finishInstall(ctx, nil, target, start, report, ww)
		}
		return c.followInstallAnswer(ctx, f, resp, loc, target, start, report, ww)
	}
}

// installWatch watches an install: the step requests and the chain first
// (the list page is what to look at in the browser: opening upgrade.php
// there would drive the install alongside the wizard).
func (c *Client) installWatch(ctx context.Context) *waitWatch {
	return c.watch(ctx, WaitInstallStep, c.indexURL(uwizardQuery), c.cfg.InstallBusyAfter, c.cfg.InstallStallLimit)
}

// stalled is the StallError of an install without progress; last is the
// last step the chain showed.
func (c *Client) stalled(ww *waitWatch, last InstallProgress) error {
	return &StallError{Kind: ErrInstallStalled, Waited: ww.idle(), Alive: ww.isAlive(), Step: last.Text, CheckURL: c.base + "/upgrade.php"}
}

// followInstallAnswer reads the answer to perform=install and follows it
// to upgrade.php.
func (c *Client) followInstallAnswer(ctx context.Context, f *form, resp *page, loc string, target InstallTarget, start time.Time, report func(InstallProgress), ww *waitWatch) error {
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
		if st, _ := c.installState(ctx, target); st.done() {
			return nil
		}
		if e := reportedError(ErrInstallFailed, resp); e != nil {
			return e
		}
		return &PageChangedError{Page: "install", Missing: []string{"link to upgrade.php"}}
	}
	return c.finishInstall(ctx, &hop{url: first}, target, start, report, ww)
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

// What the list polling found (pollInstalled).
type pollOutcome int

const (
	pollDone   pollOutcome = iota // installed, no in-progress notice
	pollLocked                    // listed as installed, but still in progress: the chain is to be taken up
	pollGone                      // neither installed nor in progress: lost, unless upgrade.php disagrees
)

// pollInstalled polls the list page (and /version for a core update)
// until the target is installed, reporting every round. Two rounds in a
// row that show the package listed while 1CRM still reports the install
// in progress end it with pollLocked (nobody follows the chain any more);
// two rounds that show neither the package nor an install in progress
// end it with pollGone. Without progress for InstallStallLimit →
// ErrInstallStalled; InstallMaxWait after start → ErrInstallTimeout.
func (c *Client) pollInstalled(ctx context.Context, target InstallTarget, start time.Time, last InstallProgress, report func(InstallProgress), ww *waitWatch) (pollOutcome, error) {
	ww.phase(WaitInstallList, c.indexURL(uwizardQuery), c.cfg.InstallBusyAfter, c.cfg.InstallStallLimit)
	deadline := start.Add(c.cfg.InstallMaxWait)
	lastErr := error(nil)
	last.Polling = true
	var prev installState
	same := 0
	for round := 0; ; round++ {
		done := ww.begin()
		st, err := c.installState(ctx, target)
		done()
		switch {
		case err == nil && st.done():
			report(last)
			return pollDone, nil
		case err == nil:
			if round > 0 && st != prev {
				ww.advanced()
				same = 0
			}
			same++
			prev = st
			if same >= 2 && st.listed && st.inProgress {
				return pollLocked, nil
			}
			if same >= 2 && !st.listed && !st.inProgress {
				return pollGone, nil
			}
		case ctx.Err() != nil:
			return 0, ctx.Err()
		case isAny(err, ErrNotAdmin, ErrWrongPassword, ErrUpgradesDisabled, ErrCaptcha):
			return 0, err
		default:
			lastErr = err // transient: the server may be busy with the install
		}
		report(last)
		if left, _ := ww.remaining(); left <= 0 {
			return 0, c.stalled(ww, last)
		}
		if !time.Now().Add(c.cfg.InstallPollInterval).Before(deadline) {
			if lastErr != nil {
				return 0, fmt.Errorf("%w (last error: %v)", ErrInstallTimeout, lastErr)
			}
			return 0, ErrInstallTimeout
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(c.cfg.InstallPollInterval):
		}
	}
}

// installState is what the list (and /version) say about the target.
type installState struct {
	listed      bool // under Installed with the expected version
	inProgress  bool // the list shows 1CRM's in-progress notice
	versionOK   bool // core update: /version at the target release (or no API)
	versionSeen string
}

// done: target under Installed with the expected version, no in-progress
// notice, and for a core update /version at the target release (spec
// §5.4 step 4, §7).
func (s installState) done() bool { return s.listed && !s.inProgress && s.versionOK }

// installState reads the list page and, for a core update whose package
// is listed, /version. When the REST API is closed (Startup/Startup+)
// the list alone decides.
func (c *Client) installState(ctx context.Context, target InstallTarget) (installState, error) {
	list, err := c.Packages(ctx)
	if err != nil {
		return installState{}, err
	}
	st := installState{listed: FindInstalled(list, target.Name, target.Type, target.Version) != nil, inProgress: list.InProgress}
	if !st.listed || !target.Core {
		st.versionOK = st.listed
		return st, nil
	}
	v, err := c.Version(ctx)
	if err != nil {
		if isAny(err, ErrAPINotAvailable, ErrPlainHTTPRefused) {
			st.versionOK = true
			return st, nil
		}
		return st, err
	}
	st.versionSeen = v.Version
	st.versionOK = version.SameRelease(v.Version, target.Version)
	return st, nil
}

// installedNow: the target is installed (installState.done).
func (c *Client) installedNow(ctx context.Context, target InstallTarget) (bool, error) {
	st, err := c.installState(ctx, target)
	return st.done(), err
}
