package crmclient

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

const tokenPath = "/auth/user/access_token"

// oauthToken lives in memory only (spec §1.3).
type oauthToken struct {
	access    string
	refresh   string
	expiresAt time.Time
}

type credKind int

const (
	credNone credKind = iota
	credBearer
	credBasic
)

type credential struct {
	kind  credKind
	value string // access token, or base64 user:password
}

func (cr credential) header() string {
	if cr.kind == credBasic {
		return "Basic " + cr.value
	}
	return "Bearer " + cr.value
}

// credential returns what to authenticate the next call with: a valid
// OAuth2 access token (granted or refreshed when expires_at has passed)
// when an API client is configured, else HTTP Basic unless it was already
// refused, else ErrNoAPIAuth.
func (c *Client) credential(ctx context.Context) (credential, error) {
	c.authMu.Lock()
	defer c.authMu.Unlock()
	if c.cfg.ClientID != "" && c.cfg.ClientSecret != "" {
		if c.token != nil && c.now().Before(c.token.expiresAt) {
			return credential{credBearer, c.token.access}, nil
		}
		if err := c.renewLocked(ctx); err != nil {
			return credential{}, err
		}
		return credential{credBearer, c.token.access}, nil
	}
	if c.cfg.User != "" && c.cfg.Password != "" && !c.basicUnusable {
		v := base64.StdEncoding.EncodeToString([]byte(c.cfg.User + ":" + c.cfg.Password))
		return credential{credBasic, v}, nil
	}
	return credential{}, ErrNoAPIAuth
}

// renewToken handles a 401 on a bearer call: unless another call already
// replaced the stale token, refresh (or grant) once.
func (c *Client) renewToken(ctx context.Context, stale string) (credential, error) {
	c.authMu.Lock()
	defer c.authMu.Unlock()
	if c.token != nil && c.token.access != stale && c.now().Before(c.token.expiresAt) {
		return credential{credBearer, c.token.access}, nil
	}
	if c.token != nil {
		c.token.expiresAt = time.Time{} // force renewal
	}
	if err := c.renewLocked(ctx); err != nil {
		return credential{}, err
	}
	return credential{credBearer, c.token.access}, nil
}

// renewLocked: refresh_token when we hold one; if that fails (or there is
// none) repeat the original grant once; if that fails → ErrAPICredentials.
func (c *Client) renewLocked(ctx context.Context) error {
	if c.token != nil && c.token.refresh != "" {
		t, err := c.requestToken(ctx, map[string]string{
			"grant_type":    "refresh_token",
			"refresh_token": c.token.refresh,
		})
		if err == nil {
			c.token = t
			return nil
		}
		c.log.Info("oauth refresh failed, repeating the original grant", "error", err)
	}
	c.token = nil
	grant := map[string]string{"grant_type": "client_credentials"}
	if c.cfg.User != "" && c.cfg.Password != "" {
		grant = map[string]string{"grant_type": "password", "username": c.cfg.User, "password": c.cfg.Password}
	}
	t, err := c.requestToken(ctx, grant)
	if err != nil {
		return err
	}
	c.token = t
	return nil
}

// requestToken POSTs to the token endpoint (never retried). Any 4xx is
// "rejected" (spec §1.3) → ErrAPICredentials carrying message/hint, except
// the edition 403 → ErrAPINotAvailable.
func (c *Client) requestToken(ctx context.Context, grant map[string]string) (*oauthToken, error) {
	body := map[string]string{
		"client_id":     c.cfg.ClientID,
		"client_secret": c.cfg.ClientSecret,
		"scope":         c.cfg.Scope,
	}
	for k, v := range grant {
		body[k] = v
	}
	call := apiCall{method: http.MethodPost, path: tokenPath, body: body}
	resp, err := c.sendAPI(ctx, call, credential{})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode() < 200 || resp.StatusCode() > 299 {
		err := c.classify(call, resp)
		if resp.StatusCode() >= 400 && resp.StatusCode() < 500 && !isAny(err, ErrAPINotAvailable, ErrPlainHTTPRefused) {
			return nil, fmt.Errorf("%w: %w", ErrAPICredentials, err)
		}
		return nil, err
	}
	if !looksJSON(resp.Header().Get("Content-Type"), resp.Body()) {
		return nil, &NotJSONError{URL: c.apiURL(tokenPath), Status: resp.StatusCode(),
			ContentType: resp.Header().Get("Content-Type"), FirstLine: firstLine(resp.Body())}
	}
	var tr struct {
		TokenType    string          `json:"token_type"`
		ExpiresIn    json.Number     `json:"expires_in"`
		AccessToken  string          `json:"access_token"`
		RefreshToken string          `json:"refresh_token"`
		Extra        json.RawMessage `json:"-"`
	}
	if err := json.Unmarshal(resp.Body(), &tr); err != nil || tr.AccessToken == "" {
		return nil, fmt.Errorf("%w: token endpoint answered without access_token", ErrAPICredentials)
	}
	secs, err := tr.ExpiresIn.Int64()
	if err != nil || secs <= 0 {
		secs = 3600
	}
	// expires_at = now + expires_in − 30 s (spec §1.3)
	return &oauthToken{access: tr.AccessToken, refresh: tr.RefreshToken,
		expiresAt: c.now().Add(time.Duration(secs)*time.Second - 30*time.Second)}, nil
}
