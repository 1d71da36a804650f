package crmclient

import (
	"log/slog"
	"net/http"
	"net/url"
	"time"
)

// logTransport logs one line per HTTP exchange: method, path, the harmless
// routing parameters (module, action, layout, perform, step), status and
// duration. It never logs other query values, headers (Authorization,
// Cookie), or bodies: passwords, tokens and form fields stay out of logs.
// It also sets the User-Agent.
type logTransport struct {
	next http.RoundTripper
	log  *slog.Logger
	ua   string
	// heard is told of every answer that came from 1CRM itself (a
	// proxy's 502/503/504 did not): the liveness clock of the long waits.
	heard func()
}

var loggableParams = []string{"module", "action", "layout", "perform", "step"}

func (t *logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("User-Agent") == "" {
		req = req.Clone(req.Context())
		req.Header.Set("User-Agent", t.ua)
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	attrs := []any{"method", req.Method, "host", req.URL.Host, "path", req.URL.Path}
	if q := safeQuery(req.URL); q != "" {
		attrs = append(attrs, "query", q)
	}
	attrs = append(attrs, "duration", time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.log.Warn("http", append(attrs, "error", redactErr(err))...)
		return resp, err
	}
	t.log.Info("http", append(attrs, "status", resp.StatusCode)...)
	if t.heard != nil && !gatewayStatus(resp.StatusCode) {
		t.heard()
	}
	return resp, err
}

func safeQuery(u *url.URL) string {
	q := u.Query()
	out := url.Values{}
	for _, k := range loggableParams {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out.Encode()
}

// redactErr keeps the error kind but drops the URL (which may carry a
// query) from *url.Error.
func redactErr(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Op + ": " + ue.Err.Error()
	}
	return err.Error()
}
