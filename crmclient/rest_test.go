package crmclient

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// tokenServer is an OAuth2 token endpoint per spec §1.3 with switchable
// failures; it also guards /me with the issued access token.
type tokenServer struct {
	mu            sync.Mutex
	grants        []map[string]string
	issued        int
	expiresIn     int
	valid         map[string]bool
	refreshOK     bool
	rejectGrant   bool
	rejectAll401  bool
	omitRefresh   bool
	meCalls       int
	authHeaderSaw []string
}

func (ts *tokenServer) install(f *fake) {
	ts.valid = map[string]bool{}
	ts.refreshOK = true
	if ts.expiresIn == 0 {
		ts.expiresIn = 3600
	}
	f.api["/auth/user/access_token"] = func(w http.ResponseWriter, r *http.Request) {
		var body map[string]string
		_ = json.NewDecoder(r.Body).Decode(&body)
		ts.mu.Lock()
		defer ts.mu.Unlock()
		ts.grants = append(ts.grants, body)
		if body["client_id"] != "cid" || body["client_secret"] != "csecret" {
			writeJSON(w, 401, map[string]string{"error": "invalid_client", "message": "Client authentication failed"})
			return
		}
		switch body["grant_type"] {
		case "refresh_token":
			if !ts.refreshOK {
				writeJSON(w, 401, map[string]string{"error": "invalid_request", "message": "The refresh token is invalid.", "hint": "Token has been revoked"})
				return
			}
		case "password":
			if ts.rejectGrant || body["password"] != "s3cret" {
				writeJSON(w, 400, map[string]string{"error": "invalid_grant", "message": "The user credentials were incorrect."})
				return
			}
		case "client_credentials":
			if ts.rejectGrant {
				writeJSON(w, 401, map[string]string{"error": "invalid_client"})
				return
			}
		}
		ts.issued++
		tok := fmt.Sprintf("eyJ.access%d.sig", ts.issued)
		ts.valid[tok] = true
		resp := map[string]any{"token_type": "Bearer", "expires_in": ts.expiresIn, "access_token": tok}
		if !ts.omitRefresh {
			resp["refresh_token"] = fmt.Sprintf("refresh%d", ts.issued)
		}
		writeJSON(w, 200, resp)
	}
	f.api["/me"] = func(w http.ResponseWriter, r *http.Request) {
		ts.mu.Lock()
		defer ts.mu.Unlock()
		ts.meCalls++
		h := r.Header.Get("Authorization")
		ts.authHeaderSaw = append(ts.authHeaderSaw, h)
		if ts.rejectAll401 || !ts.valid[strings.TrimPrefix(h, "Bearer ")] {
			writeJSON(w, 401, map[string]string{"error": "access_denied", "message": "The resource owner or authorization server denied the request."})
			return
		}
		writeJSON(w, 200, map[string]any{"id": "Users:1", "name": "Admin", "last_name": "Administrator", "role": "user", "groups": []string{}, "timezone": "Europe/Berlin", "is_partner": false})
	}
}

func (ts *tokenServer) grantTypes() string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	var s []string
	for _, g := range ts.grants {
		s = append(s, g["grant_type"])
	}
	return strings.Join(s, ",")
}

func TestVersionAndEdition(t *testing.T) {
	f := newFake(t)
	c := f.client(t, nil)
	v, err := c.Version(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if v.Version != "8.7.6" || v.Edition != EditionProfessional {
		t.Fatalf("got %+v", v)
	}
	if f.apiRequests[0] != "GET /version" {
		t.Fatalf("requests %v: the API must follow the sub-path", f.apiRequests)
	}
}

// Spec §1.4: /version 404 or HTML → ErrNotOneCRM.
func TestVersionNotOneCRM(t *testing.T) {
	f := newFake(t)
	delete(f.api, "/version")
	c := f.client(t, nil)
	var ae *APIError
	if _, err := c.Version(ctxT(t)); !errors.Is(err, ErrNotOneCRM) || !errors.As(err, &ae) || ae.Status != 404 {
		t.Fatalf("404: %v", err)
	}
	f.api["/version"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "\n\n<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>")
	}
	var nj *NotJSONError
	_, err := c.Version(ctxT(t))
	if !errors.Is(err, ErrNotOneCRM) || !errors.As(err, &nj) || nj.FirstLine != "Welcome to nginx!" {
		t.Fatalf("HTML: %v (%+v)", err, nj)
	}
}

// Spec §1.1: Startup/Startup+ answer 403 on every api.php call.
func TestStartup403IsAPINotAvailable(t *testing.T) {
	f := newFake(t)
	forbid := func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 403, map[string]string{"error": "forbidden", "message": "API access is not available in this edition"})
	}
	f.api["/version"] = forbid
	f.api["/auth/user/access_token"] = forbid
	f.api["/data/Account"] = forbid
	c := f.client(t, func(c *Config) { c.ClientID, c.ClientSecret = "cid", "csecret" })
	if _, err := c.Version(ctxT(t)); !errors.Is(err, ErrAPINotAvailable) {
		t.Fatalf("version: %v", err)
	}
	_, err := c.List(ctxT(t), "Account", ListOptions{Limit: 1})
	if !errors.Is(err, ErrAPINotAvailable) || errors.Is(err, ErrAPICredentials) {
		t.Fatalf("list: %v — a 403 edition answer must not read as wrong credentials", err)
	}
}

// Spec §1.1: plain http refused with an SSL hint → ErrPlainHTTPRefused.
func TestPlainHTTPRefused(t *testing.T) {
	f := newFake(t)
	f.api["/version"] = func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 403, map[string]string{"error": "ssl_required", "message": "API access requires SSL", "hint": "Use https:// or allow API access without SSL"})
	}
	c := f.client(t, nil)
	if _, err := c.Version(ctxT(t)); !errors.Is(err, ErrPlainHTTPRefused) {
		t.Fatalf("err = %v", err)
	}
}

// Spec §1.4: PHP fatal error page → APIError with the body kept (2 KiB).
func TestPHPFatalIsAPIErrorWithBody(t *testing.T) {
	f := newFake(t)
	f.api["/version"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(500)
		fmt.Fprint(w, "<br />\n<b>Fatal error</b>:  Uncaught Error: Call to undefined function foo() in /var/www/crm/api.php:12"+strings.Repeat("x", 5000))
	}
	c := f.client(t, nil)
	_, err := c.Version(ctxT(t))
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 500 || len(ae.Body) != maxErrBody || !strings.Contains(ae.Message, "Fatal error") {
		t.Fatalf("err = %v", err)
	}
}

// HTML with 200 where JSON is expected → *NotJSONError with the first line.
func TestHTMLInsteadOfJSON(t *testing.T) {
	f := newFake(t)
	f.api["/public_key"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><head><title>Login</title></head><body>Please log in</body></html>")
	}
	c := f.client(t, nil)
	var nj *NotJSONError
	if _, err := c.PublicKey(ctxT(t)); !errors.As(err, &nj) || nj.Status != 200 || nj.FirstLine != "Login" {
		t.Fatalf("err = %v", err)
	}
}

func TestPasswordGrantAndRefreshBeforeExpiry(t *testing.T) {
	f := newFake(t)
	ts := &tokenServer{expiresIn: 120}
	ts.install(f)
	now := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	c := f.client(t, func(c *Config) {
		c.ClientID, c.ClientSecret = "cid", "csecret"
		c.Now = func() time.Time { return now }
	})
	if !c.HasAPICredentials() {
		t.Fatal("HasAPICredentials false with a client configured")
	}
	me, err := c.Me(ctxT(t))
	if err != nil || me.ID != "Users:1" {
		t.Fatalf("me: %+v %v", me, err)
	}
	g := ts.grants[0]
	if g["grant_type"] != "password" || g["username"] != "admin" || g["scope"] != "read write profile" {
		t.Fatalf("grant body %v", g)
	}
	// Still valid at +80 s (expires_at = now + 120 − 30 = +90 s).
	now = now.Add(80 * time.Second)
	if _, err := c.Me(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if got := ts.grantTypes(); got != "password" {
		t.Fatalf("grants %q, want only password", got)
	}
	// At +91 s the client refreshes BEFORE calling.
	now = now.Add(11 * time.Second)
	if _, err := c.Me(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if got := ts.grantTypes(); got != "password,refresh_token" {
		t.Fatalf("grants %q", got)
	}
	if ts.meCalls != 3 {
		t.Fatalf("/me calls = %d, want 3 (no 401 round trip)", ts.meCalls)
	}
	if ts.grants[1]["refresh_token"] != "refresh1" {
		t.Fatalf("refresh body %v", ts.grants[1])
	}
}

func TestRefreshOn401ThenRegrant(t *testing.T) {
	f := newFake(t)
	ts := &tokenServer{}
	ts.install(f)
	c := f.client(t, func(c *Config) { c.ClientID, c.ClientSecret = "cid", "csecret" })
	if _, err := c.Me(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	// The server forgets the token (revoked/expired early): 401 → refresh once.
	ts.mu.Lock()
	ts.valid = map[string]bool{}
	ts.mu.Unlock()
	if _, err := c.Me(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if got := ts.grantTypes(); got != "password,refresh_token" {
		t.Fatalf("grants %q", got)
	}
	// Refresh token revoked too: refresh fails → the original grant once.
	ts.mu.Lock()
	ts.valid = map[string]bool{}
	ts.refreshOK = false
	ts.mu.Unlock()
	if _, err := c.Me(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if got := ts.grantTypes(); got != "password,refresh_token,refresh_token,password" {
		t.Fatalf("grants %q", got)
	}
	// Everything rejected: ErrAPICredentials, message passed through.
	ts.mu.Lock()
	ts.valid = map[string]bool{}
	ts.rejectGrant = true
	ts.mu.Unlock()
	_, err := c.Me(ctxT(t))
	if !errors.Is(err, ErrAPICredentials) || !strings.Contains(err.Error(), "credentials were incorrect") {
		t.Fatalf("err = %v", err)
	}
}

// 401 right after a fresh token → ErrAPICredentials (spec §1.4), no loop.
func TestFresh401IsCredentials(t *testing.T) {
	f := newFake(t)
	ts := &tokenServer{rejectAll401: true}
	ts.install(f)
	c := f.client(t, func(c *Config) { c.ClientID, c.ClientSecret = "cid", "csecret" })
	if _, err := c.Me(ctxT(t)); !errors.Is(err, ErrAPICredentials) {
		t.Fatalf("err = %v", err)
	}
	if ts.meCalls != 2 {
		t.Fatalf("/me calls = %d, want 2 (one retry after renewal)", ts.meCalls)
	}
}

func TestWrongClient(t *testing.T) {
	f := newFake(t)
	ts := &tokenServer{}
	ts.install(f)
	c := f.client(t, func(c *Config) { c.ClientID, c.ClientSecret = "cid", "nope" })
	var ae *APIError
	_, err := c.Me(ctxT(t))
	if !errors.Is(err, ErrAPICredentials) || !errors.As(err, &ae) || ae.Type != "invalid_client" {
		t.Fatalf("err = %v", err)
	}
}

func TestClientCredentialsWithoutUser(t *testing.T) {
	f := newFake(t)
	ts := &tokenServer{omitRefresh: true}
	ts.install(f)
	c := f.client(t, func(c *Config) { c.ClientID, c.ClientSecret, c.User, c.Password = "cid", "csecret", "", "" })
	if _, err := c.Me(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if got := ts.grantTypes(); got != "client_credentials" {
		t.Fatalf("grants %q", got)
	}
	// No refresh token: a 401 repeats the grant.
	ts.mu.Lock()
	ts.valid = map[string]bool{}
	ts.mu.Unlock()
	if _, err := c.Me(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if got := ts.grantTypes(); got != "client_credentials,client_credentials" {
		t.Fatalf("grants %q", got)
	}
}

// Spec §1.3: no client configured → HTTP Basic once; 401 → never again.
func TestBasicFallbackOnce(t *testing.T) {
	f := newFake(t)
	calls := 0
	f.api["/me"] = func(w http.ResponseWriter, r *http.Request) {
		calls++
		if u, p, ok := r.BasicAuth(); !ok || u != "admin" || p != "s3cret" {
			t.Errorf("basic auth header missing or wrong")
		}
		writeJSON(w, 401, map[string]string{"error": "unauthorized", "message": "Basic authentication is disabled"})
	}
	c := f.client(t, nil)
	if !c.HasAPICredentials() {
		t.Fatal("Basic should be worth one try")
	}
	if _, err := c.Me(ctxT(t)); !errors.Is(err, ErrNoAPIAuth) {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.Me(ctxT(t)); !errors.Is(err, ErrNoAPIAuth) {
		t.Fatalf("second err = %v", err)
	}
	if calls != 1 || c.HasAPICredentials() {
		t.Fatalf("calls = %d (want 1), HasAPICredentials = %v", calls, c.HasAPICredentials())
	}
}

func TestBasicWorks(t *testing.T) {
	f := newFake(t)
	f.api["/meta/fields/Account"] = func(w http.ResponseWriter, r *http.Request) {
		if _, _, ok := r.BasicAuth(); !ok {
			writeJSON(w, 401, map[string]string{})
			return
		}
		fmt.Fprint(w, `{"fields":{"name":{"vname":"Name","type":"name"}},"filters":{}}`)
	}
	c := f.client(t, nil)
	m, err := c.MetaFields(ctxT(t), "Account")
	if err != nil || m["name"] == nil {
		t.Fatalf("%v %v", m, err)
	}
}

// Spec §1.2: loop while offset < total_results, adding len(records).
func TestListAllPagesAndQuerySyntax(t *testing.T) {
	f := newFake(t)
	total := 450
	var queries []string
	f.api["/data/Account"] = func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		q := r.URL.Query()
		off, lim := 0, 0
		fmt.Sscan(q.Get("offset"), &off)
		fmt.Sscan(q.Get("limit"), &lim)
		if lim > 200 {
			lim = 200
		}
		var recs []map[string]any
		for i := off; i < off+lim && i < total; i++ {
			recs = append(recs, map[string]any{"id": fmt.Sprint(i), "name": "A", "_display": "A"})
		}
		writeJSON(w, 200, map[string]any{"records": recs, "total_results": total})
	}
	c := f.client(t, nil)
	n := 0
	err := c.ListAll(ctxT(t), "Account", ListOptions{Fields: []string{"name", "id"}, Filters: map[string]string{"name": "Acme"}, Order: "name DESC"}, func(m map[string]any) error {
		n++
		return nil
	})
	if err != nil || n != total || len(queries) != 3 {
		t.Fatalf("n=%d pages=%d err=%v", n, len(queries), err)
	}
	q := queries[1]
	for _, want := range []string{"fields%5B%5D=name", "fields%5B%5D=id", "filters%5Bname%5D=Acme", "order=name+DESC", "offset=200", "limit=200"} {
		if !strings.Contains(q, want) {
			t.Errorf("query %q lacks %q", q, want)
		}
	}
}

func TestGetAndUnknownModel(t *testing.T) {
	f := newFake(t)
	f.api["/data/Account/a1"] = func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"record":{"id":"a1","name":"Acme"}}`)
	}
	f.api["/data/Acount/a1"] = func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, map[string]string{"message": "Model Acount not found"})
	}
	c := f.client(t, nil)
	rec, err := c.Get(ctxT(t), "Account", "a1")
	if err != nil || rec["name"] != "Acme" {
		t.Fatalf("%v %v", rec, err)
	}
	var ae *APIError
	if _, err := c.Get(ctxT(t), "Acount", "a1"); !errors.As(err, &ae) || ae.Status != 404 || ae.Message != "Model Acount not found" {
		t.Fatalf("err = %v", err)
	}
}

func TestPDF(t *testing.T) {
	f := newFake(t)
	f.api["/printer/pdf/Quote/q1"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4\n%…")
	}
	f.api["/printer/pdf/Quote/q2"] = func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<b>Warning</b>: template missing")
	}
	c := f.client(t, nil)
	if b, err := c.PDF(ctxT(t), "Quote", "q1"); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("%q %v", b, err)
	}
	if _, err := c.PDF(ctxT(t), "Quote", "q2"); !errors.Is(err, ErrNotPDF) {
		t.Fatalf("err = %v", err)
	}
}

// GETs are retried on gateway errors; the token POST never is.
func TestRetriesOnlyGETs(t *testing.T) {
	f := newFake(t)
	n := 0
	f.api["/public_key"] = func(w http.ResponseWriter, r *http.Request) {
		n++
		if n == 1 {
			w.WriteHeader(503)
			return
		}
		fmt.Fprint(w, `{"key":"-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----"}`)
	}
	posts := 0
	f.api["/auth/user/access_token"] = func(w http.ResponseWriter, r *http.Request) {
		posts++
		w.WriteHeader(503)
	}
	c := f.client(t, func(c *Config) { c.ClientID, c.ClientSecret = "cid", "csecret" })
	if k, err := c.PublicKey(ctxT(t)); err != nil || !strings.HasPrefix(k, "-----BEGIN") {
		t.Fatalf("%q %v", k, err)
	}
	if _, err := c.Me(ctxT(t)); err == nil {
		t.Fatal("expected an error")
	}
	if posts != 1 {
		t.Fatalf("token POST sent %d times, want 1", posts)
	}
}

// Logs carry method/path/status, never secrets.
func TestLogsHaveNoSecrets(t *testing.T) {
	f := newFake(t)
	ts := &tokenServer{}
	ts.install(f)
	lb := &logBuffer{}
	c := f.client(t, func(c *Config) { c.ClientID, c.ClientSecret = "cid", "csecret"; c.Logger = newLogger(lb) })
	if _, err := c.Me(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Packages(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	out := lb.String()
	for _, secret := range []string{"s3cret", "csecret", "eyJ.access", "refresh1", "PHPSESSID", "sid1", "Bearer"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, "path=/1crm/api.php/me") || !strings.Contains(out, "status=200") || !strings.Contains(out, "module=UWizard") {
		t.Errorf("log lacks request lines:\n%s", out)
	}
}

// The 8x CSRF token (cookie and X-OneCRM-CSRF-Token header) and the JSON
// login's password never reach the log.
func TestLogsHaveNoCSRFToken(t *testing.T) {
	f := fakeIn(t, "8x")
	samplePackages(f)
	lb := &logBuffer{}
	c := f.client(t, func(c *Config) { c.Logger = newLogger(lb) })
	if _, err := c.Prepare(ctxT(t), csSource, nil); err != nil {
		t.Fatal(err)
	}
	out := lb.String()
	for _, secret := range []string{"csrf-7f3a9c", CSRFHeader, fakeCSRFCookie, "s3cret", "PHPSESSID"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
	if len(f.csrfSeen) < 2 || f.badCSRF != 0 {
		t.Fatalf("CSRF header not sent: %v", f.csrfSeen)
	}
}
