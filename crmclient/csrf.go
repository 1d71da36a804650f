package crmclient

import (
	"net/http"
	"strings"
)

// CSRFHeader is the request header current 1CRM expects the CSRF token in
// (evidence L7: a double-submit token whose value is also a cookie).
const CSRFHeader = "X-OneCRM-CSRF-Token"

// csrfTransport adds the CSRF header to every POST: the value of a cookie
// sent with the request whose name contains "csrf" or "xsrf" (any case).
// The cookie's exact name is not public, hence the pattern. It works on
// the Cookie header the http.Client filled from its jar, so it serves
// every jar (the live session and CheckLogin's fresh one). The token is
// never logged (logTransport logs no headers).
type csrfTransport struct{ next http.RoundTripper }

func (t *csrfTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodPost || req.Header.Get(CSRFHeader) != "" {
		return t.next.RoundTrip(req)
	}
	if v := csrfCookie(req.Cookies()); v != "" {
		req = req.Clone(req.Context())
		req.Header.Set(CSRFHeader, v)
	}
	return t.next.RoundTrip(req)
}

// csrfCookie is the value of the first cookie named like a CSRF token.
func csrfCookie(cookies []*http.Cookie) string {
	for _, ck := range cookies {
		n := strings.ToLower(ck.Name)
		if (strings.Contains(n, "csrf") || strings.Contains(n, "xsrf")) && ck.Value != "" {
			return ck.Value
		}
	}
	return ""
}
