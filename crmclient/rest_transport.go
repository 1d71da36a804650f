package crmclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-resty/resty/v2"
)

// maxErrBody is how much of a non-JSON error body APIError keeps (spec §1.4).
const maxErrBody = 2048

// apiCall describes one REST request.
type apiCall struct {
	method string
	path   string // after api.php, e.g. "/version"
	query  url.Values
	body   any
	auth   bool // needs credentials
	raw    bool // do not expect JSON (PDF)
}

// callJSON runs a REST call and decodes a 2xx JSON answer into out.
func (c *Client) callJSON(ctx context.Context, call apiCall, out any) error {
	resp, err := c.callAPI(ctx, call)
	if err != nil {
		return err
	}
	body := resp.Body()
	if !looksJSON(resp.Header().Get("Content-Type"), body) {
		return &NotJSONError{URL: c.apiURL(call.path), Status: resp.StatusCode(),
			ContentType: resp.Header().Get("Content-Type"), FirstLine: firstLine(body)}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("decode %s answer: %w", call.path, err)
	}
	return nil
}

// callAPI runs a REST call with authentication, the once-on-401 token
// renewal of spec §1.3 and the error classification of spec §1.4. It
// returns the 2xx response or a typed error.
func (c *Client) callAPI(ctx context.Context, call apiCall) (*resty.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()

	var cred credential
	if call.auth {
		var err error
		if cred, err = c.credential(ctx); err != nil {
			return nil, err
		}
	}
	resp, err := c.sendAPI(ctx, call, cred)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode() == http.StatusUnauthorized && call.auth {
		switch cred.kind {
		case credBearer:
			// Refresh once (or repeat the grant), then repeat the call once.
			if cred, err = c.renewToken(ctx, cred.value); err != nil {
				return nil, err
			}
			if resp, err = c.sendAPI(ctx, call, cred); err != nil {
				return nil, err
			}
			if resp.StatusCode() == http.StatusUnauthorized {
				// 401 right after a fresh token: client or user rejected (§1.4).
				return nil, fmt.Errorf("%w: %w", ErrAPICredentials, c.apiError(resp))
			}
		case credBasic:
			c.authMu.Lock()
			c.basicUnusable = true // disabled by default on 1CRM: try once only
			c.authMu.Unlock()
			return nil, fmt.Errorf("%w (HTTP Basic rejected or disabled): %w", ErrNoAPIAuth, c.apiError(resp))
		}
	}
	if resp.StatusCode() < 200 || resp.StatusCode() > 299 {
		return nil, c.classify(call, resp)
	}
	return resp, nil
}

func (c *Client) sendAPI(ctx context.Context, call apiCall, cred credential) (*resty.Response, error) {
	req := c.rest.R().SetContext(ctx).SetHeader("User-Agent", c.cfg.UserAgent)
	if !call.raw {
		req.SetHeader("Accept", "application/json")
	}
	if call.body != nil {
		b, err := json.Marshal(call.body)
		if err != nil {
			return nil, err
		}
		req.SetHeader("Content-Type", "application/json").SetBody(b)
	}
	if call.query != nil {
		req.SetQueryParamsFromValues(call.query)
	}
	if cred.kind != credNone {
		req.SetHeader("Authorization", cred.header())
	}
	resp, err := req.Execute(call.method, c.apiURL(call.path))
	if err != nil {
		return nil, c.transportError(err)
	}
	return resp, nil
}

// transportError explains connection failures; a TLS verification failure
// keeps its x509 wording so the UI can suggest --ca-file.
func (c *Client) transportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s %s: %w", strings.ToUpper(ue.Op), redactURL(ue.URL), ue.Err)
	}
	return err
}

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(url)"
	}
	u.RawQuery = ""
	u.User = nil
	return u.String()
}

// classify turns a non-2xx answer into the typed errors of spec §1.4 / §1.1.
func (c *Client) classify(call apiCall, resp *resty.Response) error {
	apiErr := c.apiError(resp)
	status := resp.StatusCode()
	if status == http.StatusForbidden {
		if strings.HasPrefix(c.base, "http://") && mentionsSSL(apiErr) {
			return fmt.Errorf("%w: %w", ErrPlainHTTPRefused, apiErr)
		}
		if c.is403APIClosed(call) {
			return fmt.Errorf("%w: %w", ErrAPINotAvailable, apiErr)
		}
	}
	if call.path == "/version" && status == http.StatusNotFound {
		return fmt.Errorf("%w: %w", ErrNotOneCRM, apiErr)
	}
	return apiErr
}

// is403APIClosed: on Startup/Startup+ every api.php call answers 403 (spec
// §1.1). A 403 on an endpoint no ACL guards (/version, /public_key, the
// token endpoint, /me) means exactly that, and so does any 403 once that
// was seen or once /version named an edition without REST API.
func (c *Client) is403APIClosed(call apiCall) bool {
	c.stateMu.Lock()
	defer c.stateMu.Unlock()
	switch call.path {
	case "/version", "/public_key", "/me", tokenPath:
		c.apiClosed = true
	}
	if c.lastEdition != EditionUnknown && !c.lastEdition.HasRESTAPI() {
		c.apiClosed = true
	}
	return c.apiClosed
}

func mentionsSSL(e *APIError) bool {
	t := strings.ToLower(e.Message + " " + e.Hint + " " + e.Type + " " + e.Body)
	return strings.Contains(t, "ssl") || strings.Contains(t, "https") || strings.Contains(t, "tls")
}

// apiError decodes {"message","error","hint"}; a non-JSON body (proxy
// page, PHP fatal error) is kept, up to 2 KiB, in Body.
func (c *Client) apiError(resp *resty.Response) *APIError {
	e := &APIError{Status: resp.StatusCode()}
	body := resp.Body()
	var j struct {
		Message          any    `json:"message"`
		Error            any    `json:"error"`
		Hint             string `json:"hint"`
		ErrorDescription string `json:"error_description"`
	}
	if looksJSON(resp.Header().Get("Content-Type"), body) && json.Unmarshal(body, &j) == nil {
		e.Message = anyString(j.Message)
		if e.Message == "" {
			e.Message = j.ErrorDescription
		}
		e.Type = anyString(j.Error)
		e.Hint = j.Hint
		return e
	}
	if len(body) > maxErrBody {
		body = body[:maxErrBody]
	}
	e.Body = string(body)
	e.Message = firstLine(body)
	return e
}

func anyString(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	default:
		b, _ := json.Marshal(t)
		return string(b)
	}
}

func looksJSON(contentType string, body []byte) bool {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return false
	}
	if t[0] != '{' && t[0] != '[' {
		return false
	}
	// A JSON content type, or a body that parses: some PHP setups send
	// text/html for JSON.
	return strings.Contains(strings.ToLower(contentType), "json") || json.Valid(t)
}

// firstLine returns the line of a body that says what it is, trimmed and
// limited to 200 characters: for HTML a PHP fatal error line, else the
// <title>, else the first heading, else the first line of page text
// (never "<!DOCTYPE html>" or navigation); for anything else its first
// non-empty line.
func firstLine(body []byte) string {
	if len(body) > 64*1024 {
		body = body[:64*1024]
	}
	l := ""
	if looksHTML(body) {
		l = htmlHeadline(newPage(nil, 0, body))
	} else {
		for _, line := range strings.Split(string(body), "\n") {
			if line = strings.Join(strings.Fields(line), " "); line != "" {
				l = line
				break
			}
		}
	}
	if r := []rune(l); len(r) > 200 {
		l = string(r[:200])
	}
	return l
}

// looksHTML: the body starts (after space and a BOM) with markup.
func looksHTML(body []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimSpace(body), []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 || t[0] != '<' {
		return false
	}
	lower := bytes.ToLower(t[:min(len(t), 512)])
	for _, m := range []string{"<!doctype", "<html", "<head", "<body", "<br", "<b>", "<p", "<div", "<h1", "<h2", "<title", "<?xml", "<!--", "<table", "<center"} {
		if bytes.Contains(lower, []byte(m)) {
			return true
		}
	}
	return false
}
