package crmclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// The admin web session (spec §2 as corrected): one cookie jar per client,
// a login that proves its success, at most one login attempt per call of
// Login, one guarded re-login for GETs when the session expired, and never
// a repeated POST.
//
// A refused login is remembered: until Login is called again (a new user
// action), every admin request fails with the same error without asking
// the server — a wrong password must never turn into a series of failed
// attempts (account lockout).

const maxRedirects = 10

// sessionState is guarded by Client.sessionMu.
type sessionState struct {
	loggedIn bool
	// refused is the error of the last login that 1CRM refused (wrong
	// password, captcha, not an administrator, locked): returned by
	// ensureLogin until the next explicit Login.
	refused error
	// reloginOK: an automatic re-login is allowed — the session worked
	// (an admin page was read) since the last automatic re-login.
	reloginOK bool
	// attempts counts login POSTs sent by this client (tests, logs).
	attempts int
	// adminProven: a Login of this client read the Administration page as
	// an administrator's. A later admin page that lacks its markers is then
	// a changed page, not a user without admin rights (pageError).
	adminProven bool
}

// rawDo sends one admin request without following redirects.
func (c *Client) rawDo(ctx context.Context, method string, target *url.URL, form url.Values) (*page, string, error) {
	req := c.admin.R().SetContext(ctx).SetHeader("User-Agent", c.cfg.UserAgent).
		SetHeader("Accept", "text/html,application/xhtml+xml")
	if form != nil {
		req.SetHeader("Content-Type", "application/x-www-form-urlencoded").SetBody(form.Encode())
	}
	resp, err := req.Execute(method, target.String())
	if err != nil {
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		return nil, "", c.transportError(err)
	}
	loc := ""
	if resp.StatusCode() >= 300 && resp.StatusCode() < 400 {
		loc = resp.Header().Get("Location")
	}
	p := newPage(target, resp.StatusCode(), resp.Body())
	p.header = resp.Header()
	c.recordPage(ctx, method, p, form)
	return p, loc, nil
}

// isLoginURL: a redirect to the login page — 7.x module=Users&action=Login,
// or current 1CRM's login.php (with login_module/login_action naming the
// page that was wanted).
func isLoginURL(u *url.URL) bool {
	if strings.EqualFold(path.Base(u.Path), "login.php") {
		return true
	}
	q := u.Query()
	return strings.EqualFold(q.Get("module"), "Users") && strings.EqualFold(q.Get("action"), "Login")
}

// getFollow GETs target and follows up to maxRedirects redirects by hand.
// sawLogin is true when a redirect pointed to the login page or the final
// page is the login page (session expired). The page's url is the URL it
// was finally read from.
func (c *Client) getFollow(ctx context.Context, target *url.URL) (p *page, sawLogin bool, err error) {
	cur := target
	for hop := 0; hop <= maxRedirects; hop++ {
		var loc string
		p, loc, err = c.rawDo(ctx, http.MethodGet, cur, nil)
		if err != nil {
			return nil, false, err
		}
		if loc == "" {
			return p, sawLogin || p.isLoginPage(), nil
		}
		next, perr := cur.Parse(loc)
		if perr != nil {
			return nil, false, fmt.Errorf("bad redirect from %s", cur.Path)
		}
		if isLoginURL(next) {
			sawLogin = true
		}
		cur = next
	}
	return nil, sawLogin, fmt.Errorf("too many redirects from %s", target.Path)
}

// adminGet loads an admin page with a live session. If the session has
// expired (redirect to the login page, or the login page comes back) it
// logs in again at most ONCE and repeats the GET (spec §2 "Session
// expired") — and only when the session worked since the last automatic
// re-login, so that a session that never holds cannot cause a series of
// logins.
func (c *Client) adminGet(ctx context.Context, query string) (*page, error) {
	target, err := url.Parse(c.indexURL(query))
	if err != nil {
		return nil, err
	}
	return c.adminGetURL(ctx, target, c.cfg.Timeout)
}

func (c *Client) adminGetURL(ctx context.Context, target *url.URL, timeout time.Duration) (*page, error) {
	if err := c.ensureLogin(ctx); err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		cctx, cancel := withOptionalTimeout(ctx, timeout)
		p, sawLogin, err := c.getFollow(cctx, target)
		cancel()
		if err != nil {
			return nil, err
		}
		if !sawLogin {
			c.sessionWorked()
			return p, nil
		}
		if attempt > 0 {
			return nil, ErrSessionExpired
		}
		if err := c.relogin(ctx); err != nil {
			return nil, err
		}
	}
}

// relogin logs in again after the session expired, if allowed (see
// sessionState.reloginOK). A refused login ends it: ErrSessionExpired
// wrapping the refusal.
func (c *Client) relogin(ctx context.Context) error {
	c.sessionMu.Lock()
	c.sess.loggedIn = false
	refused, ok := c.sess.refused, c.sess.reloginOK
	c.sess.reloginOK = false
	c.sessionMu.Unlock()
	if refused != nil {
		return fmt.Errorf("%w: %w", ErrSessionExpired, refused)
	}
	if !ok {
		return ErrSessionExpired
	}
	c.log.Info("admin session expired, logging in again")
	if err := c.Login(ctx); err != nil {
		if isAny(err, ErrWrongPassword, ErrCaptcha, ErrNotAdmin, ErrUpgradeInProgress) {
			return fmt.Errorf("%w: %w", ErrSessionExpired, err)
		}
		return err
	}
	c.sessionMu.Lock()
	c.sess.reloginOK = false // until a page was read with the new session
	c.sessionMu.Unlock()
	return nil
}

func (c *Client) sessionWorked() {
	c.sessionMu.Lock()
	c.sess.reloginOK = true
	c.sessionMu.Unlock()
}

// adminPost submits a form once. If the answer is the login page, or a
// redirect to it (7.x Users/Login, current 1CRM login.php), the session
// had expired: the POST did nothing, but it is NOT repeated; the caller
// re-reads the page state (spec §2). Other redirects are returned as loc.
// timeout 0 means context only (backup, install).
func (c *Client) adminPost(ctx context.Context, f *form, timeout time.Duration) (*page, string, error) {
	if f.action == nil {
		return nil, "", errors.New("form without action")
	}
	cctx, cancel := withOptionalTimeout(ctx, timeout)
	defer cancel()
	p, loc, err := c.rawDo(cctx, http.MethodPost, f.action, f.values())
	if err != nil {
		return nil, "", err
	}
	if loc != "" {
		next, perr := f.action.Parse(loc)
		if perr != nil {
			return nil, "", fmt.Errorf("bad redirect after POST to %s", f.action.Path)
		}
		if isLoginURL(next) {
			c.markLoggedOut()
			return nil, "", ErrSessionExpired
		}
		return p, loc, nil
	}
	if p.isLoginPage() {
		c.markLoggedOut()
		return nil, "", ErrSessionExpired
	}
	return p, "", nil
}

func (c *Client) markLoggedOut() {
	c.sessionMu.Lock()
	c.sess.loggedIn = false
	c.sessionMu.Unlock()
}

func withOptionalTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// drain is a helper for plain requests.
func drain(r io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(r, 1<<20))
	_ = r.Close()
}
