package crmclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// Logging in (spec §2 as corrected, evidence §1.2): one attempt per call
// of Login, success proven, refusals remembered. The pages and answers
// themselves are read in page_login.go.

// ensureLogin logs in when there is no session — unless 1CRM refused the
// last login: then that refusal comes back without a new attempt.
func (c *Client) ensureLogin(ctx context.Context) error {
	c.sessionMu.Lock()
	ok, refused := c.sess.loggedIn, c.sess.refused
	c.sessionMu.Unlock()
	if ok {
		return nil
	}
	if refused != nil {
		return refused
	}
	return c.Login(ctx)
}

// LoginAttempts is the number of login requests (JSON or form) this
// client has sent. Tests and the support report use it to show that a
// refused password was not tried again.
func (c *Client) LoginAttempts() int {
	c.sessionMu.Lock()
	defer c.sessionMu.Unlock()
	return c.sess.attempts
}

// Login opens an admin session and proves it, with exactly one login
// attempt:
//  1. GET the login page (index.php?module=Users&action=Login, or wherever
//     it redirects, e.g. login.php). A human-check widget (id="cap") →
//     ErrCaptcha, before any attempt.
//  2. POST json.php?action=login (username, password, language=en_us,
//     login_module=Administration, login_action=index) where json.php
//     answers: success only on result "ok".
//  3. Otherwise the form: the login page's hidden inputs plus user_name,
//     user_password, login_language=en_us, login_module=Administration,
//     login_action=index; success only if the Location carries
//     module=Administration.
//  4. Read index.php?module=Administration&action=index: it must read as
//     an administrator's page (ErrNotAdmin when it says access denied).
//
// A refused password → ErrWrongPassword (the server's words in a
// ServerMessageError when it gave any), remembered until the next Login.
// A login refused because an upgrade is in progress → ErrUpgradeInProgress.
func (c *Client) Login(ctx context.Context) error {
	c.sessionMu.Lock()
	defer c.sessionMu.Unlock()
	c.sess.loggedIn = false
	c.sess.refused = nil
	before := c.sess.attempts
	err := c.loginLocked(ctx)
	if err == nil {
		c.sess.loggedIn = true
		c.sess.reloginOK = true
		c.sess.adminProven = true
		return nil
	}
	// A refusal, a session that does not hold even right after a login,
	// or an answer to the credentials that was not understood is
	// remembered: asking again would only add attempts. (A dropped
	// connection is not: nothing was answered.)
	var pc *PageChangedError
	answered := c.sess.attempts > before && errors.As(err, &pc)
	if answered || isAny(err, ErrWrongPassword, ErrCaptcha, ErrNotAdmin, ErrUpgradeInProgress, ErrSessionExpired) {
		c.sess.refused = err
	}
	return err
}

func (c *Client) loginLocked(ctx context.Context) error {
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
	if hasCaptcha(lp) {
		return ErrCaptcha
	}
	answered, err := c.jsonLogin(ctx)
	if !answered {
		if err != nil {
			return err
		}
		if err := c.formLogin(ctx, lp); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	admin, _ := url.Parse(c.indexURL(adminIndexQuery))
	p, _, err := c.getFollow(ctx, admin)
	if err != nil {
		return err
	}
	if strings.EqualFold(path.Base(p.url.Path), "upgrade.php") {
		return ErrUpgradeInProgress
	}
	if err := adminPageError(p); err != nil {
		if errors.Is(err, ErrSessionExpired) {
			return fmt.Errorf("%w: 1CRM accepted the login, but the next page was the login page again (session cookie not kept)", ErrSessionExpired)
		}
		return err
	}
	return nil
}

// jsonLogin tries POST json.php?action=login. answered is false when
// json.php is no JSON login endpoint here (7.x without it): no attempt
// was made, the form route follows.
func (c *Client) jsonLogin(ctx context.Context) (answered bool, err error) {
	body, _ := json.Marshal(map[string]string{
		"username": c.cfg.User, "password": c.cfg.Password, "language": loginLanguage,
		"login_module": loginModule, "login_action": loginAction,
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/json.php?action=login", bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.GetBody = nil // never replayed
	c.sess.attempts++
	resp, err := c.plain.Do(req)
	if err != nil {
		c.sess.attempts--
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		return false, c.transportError(err)
	}
	defer drain(resp.Body)
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	answered, ok, msg := parseJSONLogin(resp.StatusCode, b)
	if !answered {
		c.sess.attempts-- // nothing was checked: no attempt
		return false, nil
	}
	if ok {
		return true, nil
	}
	kind := ErrWrongPassword
	if lockedText(msg) {
		kind = ErrUpgradeInProgress
	}
	if msg == "" {
		return true, kind
	}
	return true, &ServerMessageError{Kind: kind, Text: msg}
}

// formLogin posts the login form of lp (the no-JS route).
func (c *Client) formLogin(ctx context.Context, lp *page) error {
	f, err := loginForm(lp)
	if err != nil {
		return err
	}
	fillLoginForm(f, c.cfg.User, c.cfg.Password)
	c.sess.attempts++
	resp, loc, err := c.rawDo(ctx, http.MethodPost, f.action, f.values())
	if err != nil {
		return err
	}
	verdict, next := judgeFormLogin(f.action, resp, loc)
	switch verdict {
	case formLoginOK:
		return nil
	case formLoginLocked:
		return ErrUpgradeInProgress
	case formLoginRefused:
		// The login page names the reason (7.x shows it once after the
		// redirect): read it for the admin, never post again.
		shown := resp
		if next != nil {
			if p, _, gerr := c.getFollow(ctx, next); gerr == nil {
				shown = p
			}
		}
		msg := loginMessage(shown)
		kind := ErrWrongPassword
		if lockedText(msg) {
			kind = ErrUpgradeInProgress
		}
		if msg == "" {
			return kind
		}
		return &ServerMessageError{Kind: kind, Text: msg}
	}
	if resp != nil && resp.status >= 400 {
		return changedOrServerError(resp, "login", "redirect to Administration after login (got "+statusText(resp.status)+")")
	}
	return changedOrServerError(resp, "login", "redirect to Administration after login")
}

// CheckLogin logs in with a NEW session (its own cookie jar), leaving this
// client's live session alone, and returns what the login found: nil, or
// ErrWrongPassword, ErrCaptcha, ErrNotAdmin, ErrUpgradeInProgress, a
// *PageChangedError… For the smoke checks after an install: "can an
// administrator log in now?".
func (c *Client) CheckLogin(ctx context.Context) error {
	cfg := c.cfg
	cfg.HTTPClient = &http.Client{Transport: c.inner}
	fresh, err := New(cfg)
	if err != nil {
		return err
	}
	return fresh.Login(ctx)
}
