package crmclient

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"
)

// Keeping the pages the client read (issue 10): a page the client did not
// recognise must reach the people who can fix its parser. The client
// knows nothing about files; a caller that wants the pages puts a
// PageRecorder into the context of its calls (RecordPages), and every
// admin page answered during those calls — GETs, form POSTs, the upload
// answer, upgrade.php — is kept there, already cleaned of what the client
// knows to be secret (RedactPage with its password, API secret, cookie
// values and tokens). The caller decides what to keep: steps writes the
// pages of a call that stopped on an unrecognised page to runs/<ID>/pages/,
// doctor --capture writes the pages it probed.

// MaxCapturedBody bounds the body kept per page; admin pages are far
// smaller, a longer answer is cut (and says so in CapturedPage.Cut).
const MaxCapturedBody = 2 << 20

// recorderKeep is how many pages a recorder keeps: the last ones of a
// call, enough for the page that stopped it and the few before it.
const recorderKeep = 8

// CapturedPage is one admin page as the client received it, without
// secrets: Set-Cookie, Cookie, Authorization and token headers dropped,
// the values of password fields and of hidden inputs named like tokens
// masked, and every secret value the client knows replaced by [redacted].
type CapturedPage struct {
	Name   string      // short name from the address: "login", "license", "backup", "uwizard", "upgrade", "administration", …
	Method string      // GET or POST
	URL    string      // the address, without user info; session and token parameters masked
	Status int         // HTTP status
	Header http.Header // response headers, secrets dropped
	Body   []byte      // the answer, secrets masked; at most MaxCapturedBody bytes
	Cut    bool        // the body was longer than MaxCapturedBody
	At     time.Time   // when it was read
}

// PageRecorder keeps the admin pages read during the calls whose context
// carries it. Safe for concurrent use.
type PageRecorder struct {
	mu    sync.Mutex
	pages []*CapturedPage
	all   bool
}

type recorderKey struct{}

// RecordPages returns a context whose admin calls keep their pages in the
// returned recorder (the last few of them). A context that already
// carries a recorder keeps it: nested calls share one.
func RecordPages(ctx context.Context) (context.Context, *PageRecorder) {
	if r, ok := ctx.Value(recorderKey{}).(*PageRecorder); ok && r != nil {
		return ctx, r
	}
	r := &PageRecorder{}
	return context.WithValue(ctx, recorderKey{}, r), r
}

// RecordAllPages is RecordPages without the limit: every page of the calls
// is kept (doctor --capture probes a handful of pages).
func RecordAllPages(ctx context.Context) (context.Context, *PageRecorder) {
	r := &PageRecorder{all: true}
	return context.WithValue(ctx, recorderKey{}, r), r
}

// Pages returns the pages kept so far, oldest first.
func (r *PageRecorder) Pages() []*CapturedPage {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*CapturedPage(nil), r.pages...)
}

// Take returns the pages kept so far and forgets them, so that the next
// Take returns only pages read after this one.
func (r *PageRecorder) Take() []*CapturedPage {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.pages
	r.pages = nil
	return out
}

func (r *PageRecorder) add(p *CapturedPage) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pages = append(r.pages, p)
	if !r.all && len(r.pages) > recorderKeep {
		r.pages = append([]*CapturedPage(nil), r.pages[len(r.pages)-recorderKeep:]...)
	}
}

// recordPage keeps p in the context's recorder, if there is one. form is
// what a POST sent (its module, action, layout and perform name the page;
// no other value of it is kept).
func (c *Client) recordPage(ctx context.Context, method string, p *page, form url.Values) {
	r, ok := ctx.Value(recorderKey{}).(*PageRecorder)
	if !ok || r == nil || p == nil {
		return
	}
	if p.status >= 300 && p.status < 400 && len(bytes.TrimSpace(p.body)) == 0 {
		return // a bare redirect: nothing to read on it
	}
	cp := &CapturedPage{Method: method, Status: p.status, Header: p.header.Clone(), At: c.now()}
	if p.url != nil {
		cp.URL = p.url.String()
		cp.Name = postedPageName(p.url, form)
	}
	body := p.body
	if len(body) > MaxCapturedBody {
		body, cp.Cut = body[:MaxCapturedBody], true
	}
	cp.Body = append([]byte(nil), body...)
	r.add(RedactPage(cp, c.knownSecrets()...))
}

// knownSecrets are the secret values this client holds: the password, the
// API client secret, the OAuth tokens and every cookie value it sends to
// the instance (session, CSRF). Values under 4 characters are left out.
func (c *Client) knownSecrets() []string {
	out := []string{c.cfg.Password, c.cfg.ClientSecret}
	c.authMu.Lock()
	if c.token != nil {
		out = append(out, c.token.access, c.token.refresh)
	}
	c.authMu.Unlock()
	if u, err := url.Parse(c.base + "/"); err == nil {
		for _, ck := range c.jar.Cookies(u) {
			out = append(out, ck.Value)
		}
	}
	return out
}

// postedPageName names the answer to a form POST by what was posted
// ("uwizard-upload", "backup-runbackup"); a GET by its address.
func postedPageName(u *url.URL, form url.Values) string {
	if form == nil {
		return PageName(u)
	}
	q := url.Values{}
	for _, k := range []string{"module", "action", "layout"} {
		if v := form.Get(k); v != "" {
			q.Set(k, v)
		}
	}
	if len(q) == 0 {
		return PageName(u)
	}
	v := *u
	v.RawQuery = q.Encode()
	name := PageName(&v)
	for _, k := range []string{"perform", "record_perform"} {
		if p := form.Get(k); p != "" {
			return name + "-" + fileSafe(p)
		}
	}
	return name
}

// fileSafe keeps lower-case letters, digits and '_' of s.
func fileSafe(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// PageName is a short, file-name-safe name for an admin address:
// upgrade.php → "upgrade", login.php → "login", index.php?module=X&action=Y
// → the module as the client calls its page ("license", "backup",
// "uwizard", "administration", "login", "home"), else the module in
// lower case, else "page".
func PageName(u *url.URL) string {
	base := strings.ToLower(path.Base(u.Path))
	switch base {
	case "upgrade.php":
		return "upgrade"
	case "login.php":
		return "login"
	case "json.php":
		return "json"
	}
	q := u.Query()
	mod := strings.ToLower(q.Get("module"))
	switch mod {
	case "licenseinfo":
		return "license"
	case "configurator":
		if strings.EqualFold(q.Get("layout"), "Backup") {
			return "backup"
		}
		return "configurator"
	case "uwizard":
		return "uwizard"
	case "users":
		if strings.EqualFold(q.Get("action"), "Login") || strings.EqualFold(q.Get("action"), "Authenticate") {
			return "login"
		}
		return "users"
	case "":
		return "page"
	}
	if n := fileSafe(mod); n != "" {
		return n
	}
	return "page"
}
