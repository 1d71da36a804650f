package sim

import (
	"testing"
	"time"
)

// §1.3 expiry and refresh with the token built-ins: short-tokens expire
// after 90 s and refresh; refresh-revoked makes the client fall back to the
// original grant.
func TestShortAndRevokedTokenScenarios(t *testing.T) {
	grant := func(r *Running, body map[string]string) (int, map[string]any) {
		body["client_id"], body["client_secret"] = DemoClientID, DemoClientSecret
		return api(t, "POST", r.URL+"/api.php/auth/user/access_token", "", body)
	}
	for _, name := range []string{"short-tokens", "refresh-revoked"} {
		r, clock := startSim(t, scenario(t, name))
		tok := passwordToken(t, r)
		if tok["expires_in"].(float64) != 89 {
			t.Errorf("%s: expires_in %v", name, tok["expires_in"])
		}
		access := tok["access_token"].(string)
		if st, _ := api(t, "GET", r.URL+"/api.php/me", access, nil); st != 200 {
			t.Fatalf("%s: fresh token %d", name, st)
		}
		clock.Advance(91 * time.Second)
		if st, _ := api(t, "GET", r.URL+"/api.php/me", access, nil); st != 401 {
			t.Errorf("%s: expired token %d", name, st)
		}
		st, e := grant(r, map[string]string{"grant_type": "refresh_token", "refresh_token": tok["refresh_token"].(string)})
		if name == "short-tokens" {
			if st != 200 || e["access_token"] == access || e["refresh_token"] == nil {
				t.Errorf("refresh: %d %v", st, e)
			}
			continue
		}
		if st != 400 || e["error"] != "invalid_grant" {
			t.Errorf("revoked refresh: %d %v", st, e)
		}
		st, e = grant(r, map[string]string{"grant_type": "password", "username": DemoUser, "password": DemoPassword, "scope": "read write profile"})
		if st != 200 {
			t.Fatalf("original grant: %d %v", st, e)
		}
		if st, _ := api(t, "GET", r.URL+"/api.php/me", e["access_token"].(string), nil); st != 200 {
			t.Errorf("new token: %d", st)
		}
	}
}
