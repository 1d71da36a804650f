package sim

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// §1.2 /version: products per edition (§1.5) and the authenticated flag.
func TestVersionProductsAndAuthenticated(t *testing.T) {
	for name, want := range map[string]string{"demo": "infoathand", "enterprise-cloud": "enterprise"} {
		r, _ := startSim(t, scenario(t, name))
		st, v := api(t, "GET", r.URL+"/api.php/version", "", nil)
		if st != 200 || v["authenticated"] != false {
			t.Fatalf("%s: %d %v", name, st, v)
		}
		if prods := v["products"].([]any); prods[0] != want {
			t.Errorf("%s: products %v, want %s first", name, prods, want)
		}
		tok := passwordToken(t, r)["access_token"].(string)
		if _, v := api(t, "GET", r.URL+"/api.php/version", tok, nil); v["authenticated"] != true {
			t.Errorf("%s: with token authenticated = %v", name, v["authenticated"])
		}
	}
}

// §1.3: the access token is an RS256 JWT signed by the /public_key key.
func TestTokenIsRS256JWTVerifiableWithPublicKey(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	tok := passwordToken(t, r)
	if tok["token_type"] != "Bearer" || tok["expires_in"].(float64) != 86399 || tok["refresh_token"] == "" {
		t.Fatalf("token response %v", tok)
	}
	parts := strings.Split(tok["access_token"].(string), ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %d parts", len(parts))
	}
	var hdr, claims map[string]any
	b, _ := base64.RawURLEncoding.DecodeString(parts[0])
	json.Unmarshal(b, &hdr)
	b, _ = base64.RawURLEncoding.DecodeString(parts[1])
	json.Unmarshal(b, &claims)
	if hdr["alg"] != "RS256" || claims["sub"] != "Users:1" || claims["aud"] != DemoClientID {
		t.Fatalf("header %v claims %v", hdr, claims)
	}
	for _, k := range []string{"jti", "iat", "nbf", "exp", "scopes"} {
		if _, ok := claims[k]; !ok {
			t.Errorf("claim %s missing", k)
		}
	}
	st, pk := api(t, "GET", r.URL+"/api.php/public_key", "", nil)
	block, _ := pem.Decode([]byte(pk["key"].(string)))
	if st != 200 || block == nil || block.Type != "PUBLIC KEY" {
		t.Fatalf("public_key: %d %v", st, pk)
	}
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
	if err := rsa.VerifyPKCS1v15(pub.(*rsa.PublicKey), crypto.SHA256, sum[:], sig); err != nil {
		t.Errorf("signature: %v", err)
	}
}

// §1.3 grants and their failures.
func TestOAuthGrantsAndErrors(t *testing.T) {
	r, clock := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.OAuth.TokenLifetimeSeconds = 600 }))
	tokURL := r.URL + "/api.php/auth/user/access_token"
	grant := func(body map[string]string) (int, map[string]any) {
		full := map[string]string{"client_id": DemoClientID, "client_secret": DemoClientSecret, "scope": "read write profile"}
		for k, v := range body {
			full[k] = v
		}
		return api(t, "POST", tokURL, "", full)
	}
	st, e := grant(map[string]string{"grant_type": "password", "username": DemoUser, "password": "nope"})
	if st != 400 || e["error"] != "invalid_grant" {
		t.Errorf("wrong password: %d %v", st, e)
	}
	st, e = grant(map[string]string{"grant_type": "password", "username": DemoUser, "password": DemoPassword, "client_secret": "bad"})
	if st != 401 || e["error"] != "invalid_client" {
		t.Errorf("wrong client: %d %v", st, e)
	}
	st, cc := grant(map[string]string{"grant_type": "client_credentials"})
	if st != 200 || cc["refresh_token"] != nil {
		t.Errorf("client_credentials: %d %v", st, cc)
	}
	if st, me := api(t, "GET", r.URL+"/api.php/me", cc["access_token"].(string), nil); st != 200 || me["id"] != "Users:1" {
		t.Errorf("client_credentials acts as admin: %d %v", st, me)
	}

	st, tok := grant(map[string]string{"grant_type": "password", "username": DemoUser, "password": DemoPassword})
	if st != 200 || tok["expires_in"].(float64) != 599 {
		t.Fatalf("password grant: %d %v", st, tok)
	}
	access, refresh := tok["access_token"].(string), tok["refresh_token"].(string)
	if st, me := api(t, "GET", r.URL+"/api.php/me", access, nil); st != 200 || me["last_name"] != "Administrator" || me["role"] != "user" {
		t.Fatalf("/me: %d %v", st, me)
	}
	clock.Advance(601 * time.Second)
	if st, e := api(t, "GET", r.URL+"/api.php/me", access, nil); st != 401 || !strings.Contains(e["hint"].(string), "expired") {
		t.Errorf("expired token: %d %v", st, e)
	}
	st, tok2 := grant(map[string]string{"grant_type": "refresh_token", "refresh_token": refresh})
	if st != 200 || tok2["access_token"] == access || tok2["refresh_token"] == refresh {
		t.Fatalf("refresh must issue a new pair: %d %v", st, tok2)
	}
	if st, _ := api(t, "GET", r.URL+"/api.php/me", tok2["access_token"].(string), nil); st != 200 {
		t.Errorf("refreshed token: %d", st)
	}
	if st, e := grant(map[string]string{"grant_type": "refresh_token", "refresh_token": refresh}); st != 400 || e["error"] != "invalid_grant" {
		t.Errorf("reused refresh token: %d %v", st, e)
	}
}

func TestRevokedRefreshTokensAndWrongPasswordFault(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Faults.RevokeRefreshTokens = true }))
	tok := passwordToken(t, r)
	st, e := api(t, "POST", r.URL+"/api.php/auth/user/access_token", "", map[string]string{"grant_type": "refresh_token",
		"client_id": DemoClientID, "client_secret": DemoClientSecret, "refresh_token": tok["refresh_token"].(string)})
	if st != 400 || e["error"] != "invalid_grant" {
		t.Errorf("revoked refresh: %d %v", st, e)
	}

	r2, _ := startSim(t, scenario(t, "wrong-password"))
	st, e = api(t, "POST", r2.URL+"/api.php/auth/user/access_token", "", map[string]string{"grant_type": "password",
		"client_id": DemoClientID, "client_secret": DemoClientSecret, "username": DemoUser, "password": DemoPassword})
	if st != 400 || e["error"] != "invalid_grant" {
		t.Errorf("wrong-password scenario: %d %v", st, e)
	}
}

// §1.3 HTTP Basic: off by default (401), on by option.
func TestBasicAuth(t *testing.T) {
	for _, on := range []bool{false, true} {
		r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.API.BasicAuth = on }))
		req, _ := http.NewRequest("GET", r.URL+"/api.php/me", nil)
		req.SetBasicAuth(DemoUser, DemoPassword)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if want := map[bool]int{false: 401, true: 200}[on]; resp.StatusCode != want {
			t.Errorf("basic auth on=%v: %d, want %d", on, resp.StatusCode, want)
		}
	}
}

// §1.2 paging: cap 200, total_results, offset loop reaches every record once.
func TestDataPagingAndNotFound(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	tok := passwordToken(t, r)["access_token"].(string)
	st, page := api(t, "GET", r.URL+"/api.php/data/Account?limit=500", tok, nil)
	if st != 200 || len(page["records"].([]any)) != 200 || page["total_results"].(float64) != 237 {
		t.Fatalf("cap: %d records=%d total=%v", st, len(page["records"].([]any)), page["total_results"])
	}
	seen := map[string]bool{}
	for offset := 0; ; {
		_, p := api(t, "GET", r.URL+"/api.php/data/Account?limit=50&offset="+itoa(offset)+"&fields[]=name&order=name%20DESC", tok, nil)
		recs := p["records"].([]any)
		for _, rec := range recs {
			seen[rec.(map[string]any)["id"].(string)] = true
		}
		offset += len(recs)
		if len(recs) == 0 || offset >= int(p["total_results"].(float64)) {
			break
		}
	}
	if len(seen) != 237 {
		t.Errorf("paging saw %d distinct accounts, want 237", len(seen))
	}
	_, one := api(t, "GET", r.URL+"/api.php/data/Account?limit=1", tok, nil)
	id := one["records"].([]any)[0].(map[string]any)["id"].(string)
	if st, rec := api(t, "GET", r.URL+"/api.php/data/Account/"+id, tok, nil); st != 200 || rec["record"].(map[string]any)["id"] != id {
		t.Errorf("record: %d %v", st, rec)
	}
	if st, e := api(t, "GET", r.URL+"/api.php/data/Acount", tok, nil); st != 404 || e["message"] != "Model Acount not found" {
		t.Errorf("unknown model: %d %v", st, e)
	}
	if st, m := api(t, "GET", r.URL+"/api.php/meta/fields/Account", tok, nil); st != 200 || len(m["fields"].(map[string]any)) == 0 {
		t.Errorf("meta fields: %d %v", st, m)
	}
	if st, _ := api(t, "GET", r.URL+"/api.php/data/Account", "", nil); st != 401 {
		t.Errorf("no token: %d", st)
	}
	_, f := api(t, "GET", r.URL+"/api.php/data/Account?filter_text=alpen&limit=200", tok, nil)
	if n := f["total_results"].(float64); n == 0 || n >= 237 {
		t.Errorf("filter_text: total %v", n)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// §1.2 PDF and the broken-template faults of §10.1.
func TestPDF(t *testing.T) {
	for _, mode := range []string{"", "html", "500"} {
		r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Faults.PDFBroken = mode }))
		tok := passwordToken(t, r)["access_token"].(string)
		_, q := api(t, "GET", r.URL+"/api.php/data/Quote?limit=1", tok, nil)
		id := q["records"].([]any)[0].(map[string]any)["id"].(string)
		req, _ := http.NewRequest("GET", r.URL+"/api.php/printer/pdf/Quote/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		isPDF := strings.HasPrefix(string(body), "%PDF-") && strings.Contains(string(body), "%%EOF")
		switch mode {
		case "":
			if resp.StatusCode != 200 || !isPDF {
				t.Errorf("pdf: %d %q", resp.StatusCode, body[:min(20, len(body))])
			}
		case "html":
			if resp.StatusCode != 200 || isPDF {
				t.Errorf("broken html pdf: %d pdf=%v", resp.StatusCode, isPDF)
			}
		case "500":
			if resp.StatusCode != 500 {
				t.Errorf("broken 500 pdf: %d", resp.StatusCode)
			}
		}
	}
}

// §1.1 Startup/Startup+: 403 on every api.php call; option: /version exempt.
func TestStartupEditionsGet403(t *testing.T) {
	for _, name := range []string{"startup-onpremise", "startup-cloud", "startupplus"} {
		r, _ := startSim(t, scenario(t, name))
		for _, p := range []string{"/api.php/version", "/api.php/me", "/api.php/public_key"} {
			if st, _ := api(t, "GET", r.URL+p, "", nil); st != 403 {
				t.Errorf("%s %s: %d, want 403", name, p, st)
			}
		}
	}
	r, _ := startSim(t, scenario(t, "startupplus", func(sc *Scenario) { sc.API.VersionExempt = true }))
	st, v := api(t, "GET", r.URL+"/api.php/version", "", nil)
	if st != 200 || v["products"].([]any)[0] != "startup_plus" {
		t.Errorf("exempt /version: %d %v", st, v)
	}
	if st, _ := api(t, "GET", r.URL+"/api.php/me", "", nil); st != 403 {
		t.Errorf("exempt only /version: /me %d", st)
	}
}

// §1.1 plain-http refusal: 403 JSON with an SSL hint.
func TestPlainHTTPRefused(t *testing.T) {
	r, _ := startSim(t, scenario(t, "plain-http-refused"))
	st, e := api(t, "GET", r.URL+"/api.php/version", "", nil)
	if st != 403 || !strings.Contains(e["hint"].(string), "SSL") {
		t.Errorf("plain http: %d %v", st, e)
	}
	req, _ := http.NewRequest("GET", r.URL+"/api.php/version", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("behind TLS proxy: %d", resp.StatusCode)
	}
}

func TestBasePathAndFailPaths(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo", func(sc *Scenario) { sc.Faults.FailPaths = []string{"/api.php/public_key"} }),
		func(o *Options) { o.BasePath = "/1crm" })
	if !strings.HasSuffix(r.URL, "/1crm") {
		t.Fatalf("URL %s", r.URL)
	}
	if st, _ := api(t, "GET", r.URL+"/api.php/version", "", nil); st != 200 {
		t.Errorf("under base path: %d", st)
	}
	if st, _ := api(t, "GET", strings.TrimSuffix(r.URL, "/1crm")+"/api.php/version", "", nil); st != 404 {
		t.Errorf("outside base path: %d", st)
	}
	if st, _ := api(t, "GET", r.URL+"/api.php/public_key", "", nil); st != 500 {
		t.Errorf("fail path: %d", st)
	}
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	if resp, body := b.get("index.php?module=UWizard&action=index"); resp.StatusCode != 200 || !strings.Contains(body, "Uploaded Packages") {
		t.Errorf("session under base path: %d", resp.StatusCode)
	}
}

func TestFailPathMatching(t *testing.T) {
	cases := []struct {
		pattern, path, query string
		want                 bool
	}{
		{"/api.php/me", "/api.php/me", "", true},
		{"/api.php/data", "/api.php/data/Account", "limit=1", true},
		{"/api.php/me", "/api.php/version", "", false},
		{"/index.php?module=LicenseInfo", "/index.php", "action=index&module=LicenseInfo", true},
		{"/index.php?module=LicenseInfo", "/index.php", "module=UWizard&action=index", false},
		{"/index.php?module=UWizard&perform=upload", "/index.php", "module=UWizard", false},
	}
	for _, c := range cases {
		if got := failPathMatches(c.pattern, c.path, c.query); got != c.want {
			t.Errorf("%q vs %s?%s: %v", c.pattern, c.path, c.query, got)
		}
	}
	r, _ := startSim(t, scenario(t, "license-page-500"))
	b := adminBrowser(t, r)
	if resp, body := b.get("index.php?action=index&module=LicenseInfo"); resp.StatusCode != 500 || !strings.Contains(body, "Fatal error") {
		t.Errorf("license page: %d", resp.StatusCode)
	}
	if resp, _ := b.get(listPath); resp.StatusCode != 200 {
		t.Errorf("list page: %d", resp.StatusCode)
	}
}
