package crmclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The admin web session (spec §2): one cookie jar per client, a form
// login with the password held in memory, one transparent re-login for
// GETs when the session expired, and never a repeated POST.

const maxRedirects = 10

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
	return newPage(target, resp.StatusCode(), resp.Body()), loc, nil
}

// isLoginURL: a redirect to the Login action of module Users.
func isLoginURL(u *url.URL) bool {
	q := u.Query()
	return strings.EqualFold(q.Get("module"), "Users") && strings.EqualFold(q.Get("action"), "Login")
}

// getFollow GETs target and follows up to maxRedirects redirects by hand.
// sawLogin is true when a redirect pointed to the login action or the
// final page is the login page (session expired).
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
// expired (redirect to Login, or the login page comes back) it logs in
// again ONCE and repeats the GET (spec §2 "Session expired").
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
			return p, nil
		}
		if attempt > 0 {
			return nil, ErrSessionExpired
		}
		c.log.Info("admin session expired, logging in again")
		c.sessionMu.Lock()
		c.loggedIn = false
		c.sessionMu.Unlock()
		if err := c.ensureLogin(ctx); err != nil {
			if errors.Is(err, ErrWrongPassword) {
				return nil, fmt.Errorf("%w: %w", ErrSessionExpired, err)
			}
			return nil, err
		}
	}
}

// adminPost submits a form once. Redirects after it are followed with
// GET. If the answer is the login page the session had expired: the POST
// did nothing, but it is NOT repeated; the caller re-reads the page state
// (spec §2). timeout 0 means context only (backup, install).
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
	c.loggedIn = false
	c.sessionMu.Unlock()
}

func withOptionalTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

func (c *Client) ensureLogin(ctx context.Context) error {
	c.sessionMu.Lock()
	ok := c.loggedIn
	c.sessionMu.Unlock()
	if ok {
		return nil
	}
	return c.Login(ctx)
}

// Login opens an admin session: GET the login page, copy every hidden
// input of its form, POST module=Users, action=Authenticate, user_name,
// user_password, and inspect the redirect without following it (spec §2).
// A wrong password → ErrWrongPassword. Whether the user is an admin shows
// only on the admin pages (ErrNotAdmin there).
func (c *Client) Login(ctx context.Context) error {
	c.sessionMu.Lock()
	defer c.sessionMu.Unlock()
	c.loggedIn = false
	if c.cfg.User == "" || c.cfg.Password == "" {
		return fmt.Errorf("%w: no admin user name or password given", ErrWrongPassword)
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	target, _ := url.Parse(c.indexURL("module=Users&action=Login"))
	lp, _, err := c.getFollow(ctx, target)
	if err != nil {
		return err
	}
	f, err := loginForm(lp)
	if err != nil {
		return err
	}
	f.set("module", "Users")
	f.set("action", "Authenticate")
	f.set("user_name", c.cfg.User)
	f.set("user_password", c.cfg.Password)
	resp, loc, err := c.rawDo(ctx, http.MethodPost, f.action, f.values())
	if err != nil {
		return err
	}
	if err := loginOutcome(f.action, resp, loc); err != nil {
		return err
	}
	c.loggedIn = true
	return nil
}

// drain is a helper for plain requests.
func drain(r io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(r, 1<<20))
	_ = r.Close()
}
