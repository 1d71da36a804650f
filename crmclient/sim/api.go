package sim

import (
	"encoding/json"
	"net/http"
	"strings"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// apiError writes the documented error shape (spec §1.4).
func apiError(w http.ResponseWriter, status int, typ, msg, hint string) {
	body := map[string]string{"message": msg}
	if typ != "" {
		body["error"] = typ
	}
	if hint != "" {
		body["hint"] = hint
	}
	writeJSON(w, status, body)
}

func (s *Server) hasAPI() bool {
	return s.sc.Edition == "professional" || s.sc.Edition == "enterprise"
}

// plainHTTP reports a request that did not come over TLS (directly or via
// a proxy that says so).
func plainHTTP(r *http.Request) bool {
	return r.TLS == nil && !strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// serveAPI is api.php with PATH_INFO sub (spec §1).
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, sub string) {
	if s.sc.API.RequireSSL && plainHTTP(r) {
		apiError(w, http.StatusForbidden, "forbidden", "API access over an insecure connection is not allowed.",
			"Use https:// (SSL), or allow API access without SSL in System Settings")
		return
	}
	if !s.hasAPI() && !(s.sc.API.VersionExempt && sub == "/version") {
		apiError(w, http.StatusForbidden, "forbidden", "The REST API is not available in this 1CRM edition.", "")
		return
	}
	parts := strings.Split(strings.Trim(sub, "/"), "/")
	get := func() bool {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			apiError(w, http.StatusMethodNotAllowed, "method_not_allowed", "Method not allowed", "")
			return false
		}
		return true
	}
	switch {
	case sub == "" || sub == "/":
		s.apiDocs(w)
	case sub == "/version":
		if get() {
			u, _, _, _, _ := s.apiCredentials(r)
			writeJSON(w, 200, map[string]any{"version": s.Version(), "authenticated": u != nil, "products": s.sc.Products})
		}
	case sub == "/public_key":
		if get() {
			_, pemText := signingKey()
			writeJSON(w, 200, map[string]string{"key": pemText})
		}
	case sub == "/auth/user/access_token":
		s.tokenEndpoint(w, r)
	case sub == "/me", parts[0] == "meta", parts[0] == "data", parts[0] == "printer":
		if !get() {
			return
		}
		u := s.apiAuth(w, r)
		if u == nil {
			return
		}
		if s.sc.Faults.BrokenAfterUpdate && s.isUpdated() {
			s.phpFatal(w, phpError{class: "Error", msg: `Class "ModuleFields" not found`, file: "include/api/ModelHandler.php", line: 87,
				trace: []string{"include/api/Router.php(214): ModelHandler->dispatch()", "api.php(31): Router->route()"}})
			return
		}
		switch {
		case sub == "/me":
			writeJSON(w, 200, map[string]any{"id": "Users:" + u.ID, "name": strings.TrimSpace(u.FirstName + " " + u.LastName),
				"first_name": u.FirstName, "last_name": u.LastName, "role": "user", "groups": []string{}, "email": u.Email,
				"timezone": s.sc.TimeZone, "is_partner": false})
		case parts[0] == "meta" && len(parts) == 3 && parts[1] == "fields":
			s.metaFields(w, parts[2])
		case parts[0] == "data" && len(parts) == 2:
			s.listRecords(w, r, parts[1])
		case parts[0] == "data" && len(parts) == 3:
			s.getRecord(w, parts[1], parts[2])
		case parts[0] == "printer" && len(parts) == 4 && parts[1] == "pdf":
			s.printPDF(w, parts[2], parts[3])
		default:
			apiError(w, http.StatusNotFound, "not_found", "Route not found", "")
		}
	default:
		apiError(w, http.StatusNotFound, "not_found", "Route not found", "")
	}
}

func (s *Server) isUpdated() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.updated
}

func (s *Server) apiDocs(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.Write([]byte("<!DOCTYPE html>\n<html><head><title>1CRM REST API</title></head><body>\n<h1>1CRM REST API</h1>\n" +
		"<p>Endpoints: /version, /public_key, /auth/user/access_token, /me, /meta/fields/{model}, /data/{model}, /data/{model}/{id}, /printer/pdf/{model}/{id}</p>\n</body></html>\n"))
}
