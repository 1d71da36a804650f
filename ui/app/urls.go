package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/ui/text"
)

// checkURLs rejects an unusable --url/--test-url with a sentence in the
// admin's language (the client's own error is English and technical) and
// writes the normalised form back, so every screen shows the address the
// wizard really talks to. A test system that is live under another
// spelling is refused too (R7): its "test" install would run on live.
func checkURLs(c *Config, t text.Texts) error {
	for _, u := range []struct {
		flag string
		v    *string
	}{{"--url", &c.URL}, {"--test-url", &c.TestURL}} {
		if *u.v == "" {
			continue
		}
		n, msg := checkURL(u.flag, *u.v, t)
		if msg != "" {
			return fmt.Errorf("%w: %s", errUsage, msg)
		}
		*u.v = n
	}
	if c.URL != "" && c.TestURL != "" && crmclient.SameAddress(c.URL, c.TestURL) {
		return fmt.Errorf("%w: %s", errUsage, t.TestURLIsLive(c.URL, c.TestURL))
	}
	return nil
}

// checkURL normalises one address, or says in words what is wrong with
// it: no scheme, a port out of range, anything else unusable. The
// address is quoted without user name and password.
func checkURL(flag, raw string, t text.Texts) (string, string) {
	s := strings.TrimSpace(raw)
	shown := crmclient.HideUserInfo(s)
	if shown != s {
		// user:password@ would put the password in ps and the shell
		// history; it is refused and named without the password.
		return "", t.URLHasUserInfo(flag, shown, strings.Replace(shown, "…@", "", 1))
	}
	if s != "" && !strings.Contains(s, "://") {
		// "crm.example.com" or "https:/crm…": which protocol is meant
		// cannot be guessed safely (on-premise instances often run on
		// plain http on an internal port).
		scheme, rest := "https://", s
		if l := strings.ToLower(s); strings.HasPrefix(l, "http:") {
			scheme, rest = "http://", s[len("http:"):]
		} else if strings.HasPrefix(l, "https:") {
			rest = s[len("https:"):]
		}
		fixed := scheme + strings.TrimLeft(rest, "/")
		if _, err := crmclient.NormalizeBaseURL(fixed); err != nil {
			return "", t.BadURL(flag, shown) // not an address even with a scheme
		}
		return "", t.URLNoScheme(flag, s, fixed)
	}
	if p, bad := badPort(s); bad {
		return "", t.URLBadPort(flag, shown, p)
	}
	n, err := crmclient.NormalizeBaseURL(s)
	if err != nil {
		return "", t.BadURL(flag, shown)
	}
	return n, ""
}

// badPort reports a port that is not a number from 1 to 65535 (url.Parse
// takes 99999, and the error would only show up as a network failure).
func badPort(s string) (string, bool) {
	p := portOf(s)
	if p == "" {
		return "", false
	}
	n, err := strconv.Atoi(p)
	return p, err != nil || n < 1 || n > 65535
}

// portOf is the port as written in an address with a scheme, or "".
func portOf(s string) string {
	_, rest, ok := strings.Cut(s, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") { // [::1]:8080
		i := strings.Index(rest, "]")
		if i < 0 {
			return ""
		}
		rest = rest[i+1:]
		p, _ := strings.CutPrefix(rest, ":")
		return p
	}
	if i := strings.LastIndex(rest, ":"); i >= 0 {
		return rest[i+1:]
	}
	return ""
}
