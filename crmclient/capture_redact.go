package crmclient

import (
	"bytes"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
)

// What a captured page must never carry (issue 10, brief "Secrets"): the
// session and CSRF cookies (Set-Cookie/Cookie headers), the CSRF header,
// passwords, tokens, and the values of hidden inputs named like tokens.
// RedactPage removes them by their shape; the values the caller knows to
// be secret are replaced wherever they turn up, also URL- and
// HTML-encoded. Over-masking a harmless value is accepted; a kept secret
// is not.

// Masked replaces a secret in a captured page.
const Masked = "[redacted]"

// secretNameRE matches names of fields, parameters, attributes and keys
// whose values are secrets.
var secretNameRE = regexp.MustCompile(`(?i)(csrf|xsrf|token|nonce|secret|sess|^sid$|_sid$|auth|passw|pwd|api_?key|signature|hash|captcha|cookie)`)

// secretAssignRE finds "name = value" pairs in script, JSON and query
// text whose name is secret-shaped; the value (group 3) is masked.
var secretAssignRE = regexp.MustCompile(`(?i)([a-z0-9_\-]*(?:csrf|xsrf|token|nonce|secret|sess(?:ion)?_?id|phpsessid|password|passwd|api_?key)[a-z0-9_\-]*)("?\s*[:=]\s*\\?["']?)([^"'\\&\s<>;,)]{4,})`)

// droppedHeader: response headers left out of a captured page.
func droppedHeader(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "set-cookie", "cookie", "authorization", "proxy-authorization", "www-authenticate", strings.ToLower(CSRFHeader):
		return true
	}
	return secretNameRE.MatchString(n)
}

// SecretName reports whether a field, parameter or header name marks a
// secret value (tokens, CSRF fields, session ids, passwords).
func SecretName(name string) bool { return secretNameRE.MatchString(name) }

// RedactPage returns a copy of p without secrets: headers that carry
// cookies or tokens dropped, secret-shaped values in the address, the
// headers and the body masked, and every value of secrets (at least 4
// characters) replaced, also in its URL-, HTML- and JSON-encoded forms.
func RedactPage(p *CapturedPage, secrets ...string) *CapturedPage {
	if p == nil {
		return nil
	}
	known := secretForms(secrets)
	cp := *p
	cp.URL = maskKnown(RedactURL(p.URL), known)
	cp.Header = http.Header{}
	for k, vs := range p.Header {
		if droppedHeader(k) {
			continue
		}
		for _, v := range vs {
			cp.Header.Add(k, maskKnown(maskText(RedactURL(v)), known))
		}
	}
	cp.Body = []byte(maskKnown(string(redactMarkup(p.Body)), known))
	return &cp
}

// secretForms lists each secret with its encoded forms, longest first.
func secretForms(secrets []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range secrets {
		if len(s) < 4 {
			continue
		}
		q := strconv.Quote(s)
		for _, f := range []string{s, url.QueryEscape(s), url.PathEscape(s), html.EscapeString(s), q[1 : len(q)-1]} {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	// Longest first: a secret inside another is not half-replaced.
	for i := 1; i < len(out); i++ {
		for k := i; k > 0 && len(out[k]) > len(out[k-1]); k-- {
			out[k], out[k-1] = out[k-1], out[k]
		}
	}
	return out
}

func maskKnown(s string, known []string) string {
	for _, k := range known {
		s = strings.ReplaceAll(s, k, Masked)
	}
	return s
}

// maskText masks the values of secret-shaped assignments in s.
func maskText(s string) string {
	return secretAssignRE.ReplaceAllString(s, "${1}${2}"+Masked)
}

// RedactURL drops the user info of an address and masks the values of
// query parameters named like secrets; text that is no address is masked
// like script text.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme == "" && u.Host == "" && u.RawQuery == "") {
		return maskText(raw)
	}
	u.User = nil
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			return maskText(u.String())
		}
		changed := false
		for k := range q {
			if secretNameRE.MatchString(k) {
				q[k] = []string{Masked}
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	return u.String()
}

// urlAttrs are attributes that hold addresses.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "data-url": true, "data-href": true}

// redactMarkup rewrites the secret parts of an HTML (or any text) body:
// password fields and hidden inputs named like tokens lose their values,
// <meta> tokens their content, addresses their secret parameters, and
// script or text assignments of secret-shaped names their values. Tags
// that need no change are kept byte for byte.
func redactMarkup(body []byte) []byte {
	z := xhtml.NewTokenizer(bytes.NewReader(body))
	var out bytes.Buffer
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return out.Bytes()
		}
		raw := append([]byte(nil), z.Raw()...)
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			if redactTag(&tok) {
				out.WriteString(tok.String())
			} else {
				out.Write(raw)
			}
		case xhtml.TextToken, xhtml.CommentToken:
			out.WriteString(maskText(string(raw)))
		default:
			out.Write(raw)
		}
	}
}

// redactTag masks the secret attribute values of one tag; it reports
// whether anything changed.
func redactTag(tok *xhtml.Token) bool {
	attr := func(key string) string {
		for _, a := range tok.Attr {
			if strings.EqualFold(a.Key, key) {
				return a.Val
			}
		}
		return ""
	}
	typ := strings.ToLower(attr("type"))
	name := attr("name")
	changed := false
	for i := range tok.Attr {
		a := &tok.Attr[i]
		key := strings.ToLower(a.Key)
		old := a.Val
		switch {
		case a.Val == "":
		case tok.Data == "input" && key == "value" && (typ == "password" || secretNameRE.MatchString(name)):
			a.Val = Masked
		case tok.Data == "meta" && key == "content" &&
			(secretNameRE.MatchString(attr("name")) || secretNameRE.MatchString(attr("property")) || secretNameRE.MatchString(attr("http-equiv"))):
			a.Val = Masked
		case strings.HasPrefix(key, "data-") && secretNameRE.MatchString(key):
			a.Val = Masked
		case urlAttrs[key]:
			a.Val = RedactURL(a.Val)
		case key == "content" || key == "onclick" || key == "onload" || key == "value":
			a.Val = maskText(a.Val)
		}
		changed = changed || a.Val != old
	}
	return changed
}
