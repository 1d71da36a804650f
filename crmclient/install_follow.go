package crmclient

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Following the upgrade.php chain (spec §5.4 steps 3–4), shared by Install
// (right after perform=install) and ResumeInstall (after a crash, W8).

// followAndPoll walks the chain from first, then polls until the target
// is installed (or InstallMaxWait since start has passed).
func (c *Client) followAndPoll(ctx context.Context, first *url.URL, target InstallTarget, start time.Time, report func(InstallProgress)) error {
	if err := c.followInstall(ctx, first, start.Add(c.cfg.InstallMaxWait), report); err != nil {
		return err
	}
	return c.pollInstalled(ctx, target, start, report)
}

// followInstall walks the upgrade.php chain. It returns nil when the chain
// ends (back at index.php, or a page that does not send the browser on
// and reports no error), so that polling decides.
//
// Progress reports carry the URL the chain continues from (InstallProgress
// .URL): it is reported before it is requested, so a caller that journals
// it can resume at the step that was due when the process died.
//
// A hop back to a URL already requested means "not there yet" (a step
// still running answers again and its successor sends the client back):
// such hops wait the page's refresh delay, like a browser, and count
// against the deadline instead of the 100-hop limit.
func (c *Client) followInstall(ctx context.Context, cur *url.URL, deadline time.Time, report func(InstallProgress)) error {
	var last InstallProgress
	visited := map[string]bool{}
	relogged := false
	for hops := 0; hops < maxInstallHops; {
		if u := c.resumableURL(cur); u != last.URL {
			last.URL = u
			report(last)
		}
		visited[cur.String()] = true
		sctx, cancel := context.WithTimeout(ctx, DefaultInstallStepTimeout)
		p, loc, err := c.rawDo(sctx, http.MethodGet, cur, nil)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			c.log.Warn("install step request failed; polling the package list", "error", err)
			return nil
		}
		var next *url.URL
		changed := false
		if loc != "" {
			if next, err = cur.Parse(loc); err != nil {
				return &PageChangedError{Page: "install", Missing: []string{"valid redirect"}}
			}
		} else {
			if e := fatalError(ErrInstallFailed, p); e != nil {
				return e
			}
			if n, of, line := installStep(p.text()); n > 0 && (n != last.Step || of != last.Of || line != last.Text) {
				last.Step, last.Of, last.Text = n, of, line
				changed = true
			}
			next = nextHop(p, false)
		}
		// A GET bounced to the login page ran nothing: log in once, repeat it.
		if (next != nil && isLoginURL(next)) || (loc == "" && p.isLoginPage()) {
			if relogged {
				return ErrSessionExpired
			}
			relogged = true
			c.markLoggedOut()
			if err := c.ensureLogin(ctx); err != nil {
				return err
			}
			continue
		}
		if next == nil || !strings.HasSuffix(strings.ToLower(next.Path), "upgrade.php") {
			if changed {
				report(last)
			}
			if next == nil {
				if e := reportedError(ErrInstallFailed, p); e != nil {
					return e
				}
			}
			return nil // back at index.php, or a page that goes nowhere: the chain is over
		}
		if u := c.resumableURL(next); u != last.URL {
			last.URL = u
			changed = true
		}
		if changed {
			report(last)
		}
		if visited[next.String()] {
			wait := refreshDelay(p)
			if wait <= 0 {
				wait = time.Second // what a browser would roughly take
			}
			wait = min(wait, c.cfg.InstallPollInterval)
			if !time.Now().Add(wait).Before(deadline) {
				return nil // polling reports the timeout
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
		} else {
			hops++
		}
		cur = next
	}
	return nil
}

// ResumeInstall continues an install whose client died while following
// upgrade.php (W8; spec §5.4 "on resume, reconcile"): it follows the chain
// from rawURL — an InstallProgress.URL journaled by the earlier run —
// without posting perform=install again, then polls like Install until
// target is installed. rawURL must be an upgrade.php URL under this
// instance's base URL (ErrResumeURL otherwise): the journal is a file, and
// the admin session must never be sent elsewhere.
//
// A server that no longer knows the run answers with an error page; when
// the target is installed all the same, that counts as done.
func (c *Client) ResumeInstall(ctx context.Context, rawURL string, target InstallTarget, progress func(InstallProgress)) error {
	start := time.Now()
	report := func(p InstallProgress) {
		if progress != nil {
			p.Elapsed = time.Since(start)
			progress(p)
		}
	}
	u, err := c.resumeTarget(rawURL)
	if err != nil {
		return err
	}
	if err := c.ensureLogin(ctx); err != nil {
		return err
	}
	err = c.followAndPoll(ctx, u, target, start, report)
	if errors.Is(err, ErrInstallFailed) {
		if done, _ := c.installedNow(ctx, target); done {
			report(InstallProgress{Polling: true})
			return nil
		}
	}
	return err
}

// resumeTarget checks that raw is an upgrade.php URL of this instance.
func (c *Client) resumeTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !u.IsAbs() || u.User != nil {
		return nil, ErrResumeURL
	}
	base, err := url.Parse(c.base)
	if err != nil {
		return nil, ErrResumeURL
	}
	dir := strings.TrimSuffix(base.Path, "/") + "/"
	if !strings.EqualFold(u.Scheme, base.Scheme) || !strings.EqualFold(u.Host, base.Host) ||
		!strings.HasPrefix(u.Path, dir) || !strings.HasSuffix(strings.ToLower(u.Path), "upgrade.php") {
		return nil, ErrResumeURL
	}
	return u, nil
}

// sessionParamWords mark query parameters that carry a session or a
// credential (PHP's trans-sid PHPSESSID, tokens, passwords). They are left
// out of InstallProgress.URL: that URL is journaled, and after a restart
// the new session's cookie is what counts anyway.
var sessionParamWords = []string{"sess", "token", "passw", "secret", "auth", "csrf", "cookie"}

// resumableURL is u without user info, fragment and session-like query
// parameters, including any named like one of this client's cookies.
func (c *Client) resumableURL(u *url.URL) string {
	cp := *u
	cp.User = nil
	cp.Fragment, cp.RawFragment = "", ""
	if cp.RawQuery == "" {
		return cp.String()
	}
	cookies := map[string]bool{}
	if c.jar != nil {
		for _, ck := range c.jar.Cookies(u) {
			cookies[strings.ToLower(ck.Name)] = true
		}
	}
	q, err := url.ParseQuery(cp.RawQuery)
	if err != nil {
		cp.RawQuery = ""
		return cp.String()
	}
	dropped := false
	for name := range q {
		if sessionParam(name, cookies) {
			q.Del(name)
			dropped = true
		}
	}
	if dropped {
		cp.RawQuery = q.Encode()
	}
	return cp.String()
}

func sessionParam(name string, cookies map[string]bool) bool {
	n := strings.ToLower(name)
	if n == "sid" || cookies[n] {
		return true
	}
	for _, w := range sessionParamWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
