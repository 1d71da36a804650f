package sim

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// One RSA key per process: generating it is slow, and its only job is to
// make tokens look like what 1CRM issues (RS256 JWTs, spec §1.3).
var (
	keyOnce sync.Once
	rsaKey  *rsa.PrivateKey
	keyPEM  string
)

func signingKey() (*rsa.PrivateKey, string) {
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic("sim: rsa key: " + err.Error())
		}
		der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
		if err != nil {
			panic("sim: public key: " + err.Error())
		}
		rsaKey = k
		keyPEM = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	})
	return rsaKey, keyPEM
}

type accessToken struct {
	user    *UserSpec
	client  string
	expires time.Time
}

type refreshToken struct {
	user   *UserSpec
	client string
	scope  string
	used   bool
}

// tokenRequest is the JSON (or form) body of POST /auth/user/access_token.
type tokenRequest struct {
	GrantType    string `json:"grant_type"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	Scope        string `json:"scope"`
	Username     string `json:"username"`
	Password     string `json:"password"`
	RefreshToken string `json:"refresh_token"`
}

func readTokenRequest(r *http.Request) (tokenRequest, bool) {
	var tr tokenRequest
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		if err := r.ParseForm(); err != nil {
			return tr, false
		}
		f := r.PostForm
		return tokenRequest{f.Get("grant_type"), f.Get("client_id"), f.Get("client_secret"), f.Get("scope"),
			f.Get("username"), f.Get("password"), f.Get("refresh_token")}, true
	}
	err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&tr)
	return tr, err == nil
}

// tokenEndpoint issues tokens for the password, client_credentials and
// refresh_token grants, with the error shapes of spec §1.3.
func (s *Server) tokenEndpoint(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		apiError(w, http.StatusMethodNotAllowed, "method_not_allowed", "Method not allowed", "")
		return
	}
	tr, ok := readTokenRequest(r)
	if !ok || tr.GrantType == "" {
		apiError(w, http.StatusBadRequest, "invalid_request", "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.", `Check the "grant_type" parameter`)
		return
	}
	oc := s.sc.OAuth
	if subtle.ConstantTimeCompare([]byte(tr.ClientID), []byte(oc.ClientID)) != 1 ||
		subtle.ConstantTimeCompare([]byte(tr.ClientSecret), []byte(oc.ClientSecret)) != 1 {
		apiError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed", "")
		return
	}
	granted := false
	for _, g := range oc.Grants {
		granted = granted || g == tr.GrantType
	}
	if !granted {
		apiError(w, http.StatusBadRequest, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.", "Check that all required parameters have been provided")
		return
	}
	scope := tr.Scope
	if scope == "" {
		scope = "profile"
	}
	var user *UserSpec
	withRefresh := true
	switch tr.GrantType {
	case "password":
		user = s.checkPassword(tr.Username, tr.Password)
		if user == nil {
			apiError(w, http.StatusBadRequest, "invalid_grant", "The user credentials were incorrect.", "")
			return
		}
	case "client_credentials":
		user = s.user(oc.ClientUser)
		withRefresh = false // spec §1.3: may return no refresh token
	case "refresh_token":
		s.mu.Lock()
		rt := s.refreshes[tr.RefreshToken]
		valid := rt != nil && !rt.used && rt.client == tr.ClientID && !s.sc.Faults.RevokeRefreshTokens
		if valid {
			rt.used = true // rotation: a refresh token works once
			user = rt.user
			if tr.Scope == "" {
				scope = rt.scope
			}
		}
		s.mu.Unlock()
		if !valid {
			apiError(w, http.StatusBadRequest, "invalid_grant", "The refresh token is invalid.", "Token has been revoked")
			return
		}
	default:
		apiError(w, http.StatusBadRequest, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.", "")
		return
	}
	if user == nil {
		apiError(w, http.StatusBadRequest, "invalid_grant", "The user assigned to this client does not exist.", "")
		return
	}
	writeJSON(w, http.StatusOK, s.issueToken(user, tr.ClientID, scope, withRefresh))
}

func (s *Server) issueToken(u *UserSpec, client, scope string, withRefresh bool) map[string]any {
	key, _ := signingKey()
	now := s.opt.Now()
	life := time.Duration(s.sc.OAuth.TokenLifetimeSeconds) * time.Second
	jti := randomHex(40)
	header := map[string]any{"typ": "JWT", "alg": "RS256", "jti": jti}
	claims := map[string]any{
		"aud": client, "jti": jti, "iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(life).Unix(),
		"sub": "Users:" + u.ID, "scopes": strings.Fields(scope),
	}
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	signing := enc(header) + "." + enc(claims)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		panic("sim: sign: " + err.Error())
	}
	access := signing + "." + base64.RawURLEncoding.EncodeToString(sig)
	out := map[string]any{"token_type": "Bearer", "expires_in": int(life/time.Second) - 1, "access_token": access}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[access] = &accessToken{user: u, client: client, expires: now.Add(life)}
	if withRefresh {
		rt := randomHex(64)
		s.refreshes[rt] = &refreshToken{user: u, client: client, scope: scope}
		out["refresh_token"] = rt
	}
	s.counters.TokensIssued++
	return out
}

// apiAuth authenticates an API request: Bearer token, or HTTP Basic when
// enabled. It returns the user, or writes the 401 and returns nil.
func (s *Server) apiAuth(w http.ResponseWriter, r *http.Request) *UserSpec {
	u, status, typ, msg, hint := s.apiCredentials(r)
	if u == nil {
		apiError(w, status, typ, msg, hint)
	}
	return u
}

func (s *Server) apiCredentials(r *http.Request) (u *UserSpec, status int, typ, msg, hint string) {
	h := r.Header.Get("Authorization")
	switch {
	case strings.HasPrefix(h, "Bearer "):
		tok := strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
		s.mu.Lock()
		at := s.tokens[tok]
		s.mu.Unlock()
		if at == nil {
			return nil, 401, "access_denied", "The resource owner or authorization server denied the request.", "Access token could not be verified"
		}
		if !s.opt.Now().Before(at.expires) {
			return nil, 401, "access_denied", "The resource owner or authorization server denied the request.", "Access token has expired"
		}
		return at.user, 200, "", "", ""
	case strings.HasPrefix(h, "Basic "):
		if !s.sc.API.BasicAuth {
			return nil, 401, "access_denied", "HTTP Basic authentication is disabled", "Enable it in System Settings or use OAuth2"
		}
		name, pw, ok := r.BasicAuth()
		if u := s.checkPassword(name, pw); ok && u != nil {
			return u, 200, "", "", ""
		}
		return nil, 401, "invalid_credentials", "The user credentials were incorrect.", ""
	}
	return nil, 401, "access_denied", "The resource owner or authorization server denied the request.", "Missing \"Authorization\" header"
}
