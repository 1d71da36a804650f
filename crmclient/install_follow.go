package crmclient

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Following the upgrade.php chain (spec §5.4 as corrected), shared by
// Install (right after perform=install) and ResumeInstall (after a crash,
// W8).

// hop is the next request of the chain: a GET of url, or the POST of a
// step page's Next form; page is set when the answer is already at hand.
type hop struct {
	url  *url.URL
	form *form
	page *page
}

// maxLockRounds bounds how often the chain is taken up again when
// upgrade.php still shows a step after the package was listed.
const maxLockRounds = 2

// finishInstall follows the chain from first (nil: nothing to follow),
// polls until the target is listed, and checks that the in-progress lock
// is gone — taking the chain up again from upgrade.php while it still
// shows steps. A list that shows neither the package nor an install in
// progress, confirmed by upgrade.php sending the browser away, is a lost
// install (ErrInstallLost): nothing is left to wait for.
func (c *Client) finishInstall(ctx context.Context, first *hop, target InstallTarget, start time.Time, report func(InstallProgress), ww *waitWatch) error {
	var last InstallProgress
	cur := first
	for round := 0; ; round++ {
		if cur != nil {
			ww.phase(WaitInstallStep, c.indexURL(uwizardQuery), c.cfg.InstallBusyAfter, c.cfg.InstallStallLimit)
			if err := c.followInstall(ctx, *cur, &last, report, ww); err != nil {
				return err
			}
		}
		outcome, err := c.pollInstalled(ctx, target, start, last, report, ww)
		if err != nil {
			return err
		}
		gone, next, err := c.lockGone(ctx, ww)
		if err != nil {
			return err
		}
		switch {
		case gone && outcome == pollGone:
			c.log.Warn("1CRM has no install in progress and the package is not installed: the install was lost")
			return ErrInstallLost
		case gone && outcome == pollDone:
			return nil
		case gone:
			cur = nil // the lock went meanwhile: the list decides
		case round >= maxLockRounds || next == nil:
			return &ServerMessageError{Kind: ErrInstallNeedsBrowser,
				Text: "upgrade.php still shows the upgrade in progress after the wizard took it up again"}
		default:
			cur = next
		}
		if round >= maxLockRounds+1 {
			return &ServerMessageError{Kind: ErrInstallNeedsBrowser,
				Text: "the package list and upgrade.php disagree about the install"}
		}
	}
}

// lockGone asks upgrade.php whether an install is still in progress: gone
// when it sends the browser elsewhere (a redirect, script location or
// refresh to a page that is not upgrade.php). A step page, or a way on to
// upgrade.php, is the lock still set: next is where to follow from. A
// page that does neither → ErrInstallNeedsBrowser (fail closed).
func (c *Client) lockGone(ctx context.Context, ww *waitWatch) (gone bool, next *hop, err error) {
	u, _ := url.Parse(c.base + "/upgrade.php")
	for attempt := 0; attempt < 2; attempt++ {
		if err := c.ensureLogin(ctx); err != nil {
			return false, nil, err
		}
		left, _ := ww.remaining()
		if left <= 0 {
			return false, nil, c.stalled(ww, InstallProgress{})
		}
		sctx, cancel := context.WithTimeout(ctx, left)
		done := ww.begin()
		p, loc, err := c.rawDo(sctx, http.MethodGet, u, nil)
		done()
		cancel()
		if err != nil {
			if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
				return false, nil, c.stalled(ww, InstallProgress{})
			}
			return false, nil, err
		}
		var to *url.URL
		if loc != "" {
			if to, err = u.Parse(loc); err != nil {
				return false, nil, &PageChangedError{Page: "install", Missing: []string{"valid redirect from upgrade.php"}}
			}
		} else if p.isLoginPage() {
			to = u.ResolveReference(&url.URL{Path: "login.php"})
		} else {
			to = nextHop(p, false)
		}
		switch {
		case to != nil && isLoginURL(to):
			if err := c.relogin(ctx); err != nil {
				return false, nil, err
			}
			continue
		case to != nil && !isUpgradeURL(to):
			return true, nil, nil
		case to != nil:
			return false, &hop{url: to}, nil
		}
		if e := fatalError(ErrInstallFailed, p); e != nil {
			return false, nil, e
		}
		if _, ok := parseStepPage(p); ok {
			return false, &hop{url: u, page: p}, nil
		}
		return false, nil, needsBrowser(p)
	}
	return false, nil, ErrSessionExpired
}

// needsBrowser is the error for an upgrade.php page the client cannot
// drive: no redirect, refresh or script location, and no step page with a
// form it recognises.
func needsBrowser(p *page) *ServerMessageError {
	t := messageText(p, nil)
	if t == "" {
		t = htmlHeadline(p)
	}
	return &ServerMessageError{Kind: ErrInstallNeedsBrowser, Text: t, Detail: pageDetail(p)}
}

// followInstall walks the chain from start, as a browser does: redirects,
// meta refreshes and script locations to upgrade.php, and the Next form
// of a recognised step page. It returns nil when the chain ended normally
// (a final step page, a way back to index.php) or the connection dropped
// in the middle of a step (polling decides then); a failed step →
// ErrInstallFailed; a page it cannot drive → ErrInstallNeedsBrowser; no
// progress for InstallStallLimit (a step request that does not answer,
// or the same page again and again) → ErrInstallStalled.
//
// Progress reports carry the upgrade.php URL the chain continues from
// (InstallProgress.URL), reported before it is requested, so a caller
// that journals it can resume at the step that was due when the process
// died.
//
// A hop back to a URL already requested means "not there yet" (a step
// still running answers again and its successor sends the client back):
// such hops wait the page's refresh delay, like a browser, and count
// against the stall limit instead of the hop limit.
func (c *Client) followInstall(ctx context.Context, start hop, last *InstallProgress, report func(InstallProgress), ww *waitWatch) error {
	visited := map[string]bool{}
	relogged := false
	cur := start
	lastUpgrade := cur.url
	for hops := 0; hops < maxInstallHops; {
		p, loc := cur.page, ""
		if p == nil {
			fresh := cur.form != nil
			if cur.form == nil {
				lastUpgrade = cur.url
				if u := c.resumableURL(cur.url); u != last.URL {
					last.URL = u
					report(*last)
				}
				fresh = !visited[cur.url.String()]
				visited[cur.url.String()] = true
			}
			var err error
			p, loc, err = c.stepRequest(ctx, cur, *last, report, ww)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				if errors.Is(err, context.DeadlineExceeded) {
					return c.stalled(ww, *last) // the step never answered
				}
				c.log.Warn("install step request failed; polling the package list", "error", err)
				return nil
			}
			if fresh {
				ww.advanced()
			}
		}
		var next *url.URL
		if loc != "" {
			var err error
			if next, err = p.url.Parse(loc); err != nil {
				return &PageChangedError{Page: "install", Missing: []string{"valid redirect"}}
			}
		}
		// A request bounced to the login page ran nothing: log in once and
		// ask upgrade.php again (a bounced Next form is not re-posted).
		if (next != nil && isLoginURL(next)) || (loc == "" && p.isLoginPage()) {
			if relogged {
				return ErrSessionExpired
			}
			relogged = true
			if err := c.relogin(ctx); err != nil {
				return err
			}
			cur = hop{url: lastUpgrade}
			continue
		}
		if next == nil {
			if e := fatalError(ErrInstallFailed, p); e != nil {
				return e
			}
			var sp stepPage
			var isStep bool
			var err error
			if sp, isStep, err = c.readStepPage(p, last, report, ww); err != nil {
				return err
			}
			next = nextHop(p, false)
			if next == nil && isStep && sp.next != nil {
				cur = hop{url: sp.next.action, form: sp.next}
				hops++
				continue
			}
			if next == nil && isStep {
				return nil // the final step page: polling confirms
			}
			if next == nil {
				if e := reportedError(ErrInstallFailed, p); e != nil {
					return e
				}
				return needsBrowser(p)
			}
		}
		if !isUpgradeURL(next) {
			return nil // back at index.php: the chain is over
		}
		if u := c.resumableURL(next); u != last.URL {
			last.URL = u
			report(*last)
		}
		if visited[next.String()] {
			if err := c.waitBeforeRepeat(ctx, p, ww); err != nil {
				return err
			}
			if left, _ := ww.remaining(); left <= 0 {
				return c.stalled(ww, *last) // the same page again and again
			}
		} else {
			hops++
		}
		cur = hop{url: next}
	}
	return nil
}

// readStepPage reports the step a page shows and returns what it says: a
// failed step is ErrInstallFailed with the step's text; a warning is
// collected for the report.
func (c *Client) readStepPage(p *page, last *InstallProgress, report func(InstallProgress), ww *waitWatch) (stepPage, bool, error) {
	sp, ok := parseStepPage(p)
	n, of, text := sp.n, sp.of, sp.text
	if !ok {
		n, of, text = plainStep(p)
	}
	changed := false
	if n > 0 && (n != last.Step || of != last.Of || text != last.Text) {
		last.Step, last.Of, last.Text = n, of, text
		changed = true
	}
	if ok && sp.result == resultFailed {
		msg := sp.text
		if sp.message != "" {
			msg += ": " + strings.ReplaceAll(sp.message, "\n", " ")
		}
		return sp, ok, &ServerMessageError{Kind: ErrInstallFailed, Text: capMessage(msg), Detail: pageDetail(p)}
	}
	if ok && sp.result == resultWarning {
		w := sp.text
		if sp.message != "" {
			w += ": " + strings.ReplaceAll(sp.message, "\n", " ")
		}
		if !slices.Contains(last.Warnings, w) {
			last.Warnings = append(last.Warnings, w)
			changed = true
		}
	}
	if changed {
		ww.advanced()
		report(*last)
	}
	return sp, ok, nil
}

// stepRequest sends one request of the chain, reporting progress every
// InstallTick while it runs (a commit step can take minutes; the admin
// sees the time go by). It gets what is left of the stall limit: a
// request still unanswered then ends with context.DeadlineExceeded.
func (c *Client) stepRequest(ctx context.Context, h hop, last InstallProgress, report func(InstallProgress), ww *waitWatch) (*page, string, error) {
	left, _ := ww.remaining()
	if left <= 0 {
		return nil, "", context.DeadlineExceeded
	}
	sctx, cancel := context.WithTimeout(ctx, left)
	defer cancel()
	type answer struct {
		p   *page
		loc string
		err error
	}
	ch := make(chan answer, 1)
	done := ww.begin()
	go func() {
		var a answer
		if h.form != nil {
			a.p, a.loc, a.err = c.rawDo(sctx, http.MethodPost, h.form.action, h.form.values())
		} else {
			a.p, a.loc, a.err = c.rawDo(sctx, http.MethodGet, h.url, nil)
		}
		ch <- a
	}()
	tick := time.NewTicker(c.cfg.InstallTick)
	defer tick.Stop()
	for {
		select {
		case a := <-ch:
			done()
			if a.err != nil && ctx.Err() == nil && sctx.Err() != nil {
				a.err = context.DeadlineExceeded // ours, whatever the transport made of it
			}
			return a.p, a.loc, a.err
		case <-tick.C:
			report(last)
		}
	}
}

// waitBeforeRepeat waits the page's refresh delay (about a second when it
// has none, as a browser would take), at most InstallPollInterval and
// never past the stall limit.
func (c *Client) waitBeforeRepeat(ctx context.Context, p *page, ww *waitWatch) error {
	wait := refreshDelay(p)
	if wait <= 0 {
		wait = time.Second
	}
	left, _ := ww.remaining()
	wait = min(wait, c.cfg.InstallPollInterval, left)
	if wait <= 0 {
		return nil
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(wait):
		return nil
	}
}
