package crmclient

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"
)

// Continuing an install after the client died half-way (W8; spec §5.4
// "on resume, reconcile"): the address to continue from, checked and
// stripped of anything session-like.

// ResumeInstall continues an install whose client died while following
// upgrade.php (W8; spec §5.4 "on resume, reconcile"): it follows the chain
// from rawURL — an InstallProgress.URL journaled by the earlier run —
// without posting perform=install again, then polls like Install until
// target is installed. rawURL must be an upgrade.php URL under this
// instance's base URL (ErrResumeURL otherwise): the journal is a file, and
// the admin session must never be sent elsewhere.
//
// A server that no longer knows the run answers with an error page; when
// the target is installed all the same, that counts as done. A server
// that has no install in progress any more and does not list the package
// (restarted, restored) ends the call at once with ErrInstallLost; a run
// that does not move ends like Install's, with ErrInstallStalled.
func (c *Client) ResumeInstall(ctx context.Context, rawURL string, target InstallTarget, progress func(InstallProgress)) error {
	start := time.Now()
	report := c.reporter(start, progress)
	u, err := c.resumeTarget(rawURL)
	if err != nil {
		return err
	}
	if err := c.ensureLogin(ctx); err != nil {
		return err
	}
	ww := c.installWatch(ctx)
	defer ww.close()
	err = c.finishInstall(ctx, &hop{url: u}, target, start, report, ww)
	if errors.Is(err, ErrInstallFailed) {
		if done, _ := c.installedNow(ctx, target); done {
			if gone, _, lerr := c.lockGone(ctx, ww); lerr == nil && gone {
				report(InstallProgress{Polling: true})
				return nil
			}
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
