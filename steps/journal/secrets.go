package journal

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
)

// ErrSecret is returned when journal data carries a key that names a
// secret (password, token, cookie…). Secret-looking values are redacted
// instead (RedactText). Either way, secrets never reach disk.
var ErrSecret = errors.New("refusing to store a secret")

// secretWords are substrings of key names that mark secrets. Matching is on
// the lower-cased key with '-' and ' ' folded to '_', so "Admin-Password",
// "api_token" and "Set-Cookie" all match.
var secretWords = []string{
	"password", "passwd", "token", "secret", "cookie", "authorization",
	"sessid", "session_id", "sessionid", "api_key", "apikey", "credential",
}

// IsSecretKey reports whether a key name marks a secret.
func IsSecretKey(key string) bool {
	k := strings.ToLower(key)
	k = strings.NewReplacer("-", "_", " ", "_").Replace(k)
	for _, w := range secretWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// credentialMarkers introduce a credential inside a longer text: the
// part after the marker is secret. Markers ending in ':' start a header
// whose value runs to the end of the line; markers ending in '=' start a
// form or cookie value that runs to the next delimiter.
var credentialMarkers = []string{
	"authorization:", "cookie:", "phpsessid=", "password=", "passwd=",
	"pass=", "token=", "sessid=", "secret=",
	`"password":`, `"token":`, `"secret":`, // JSON bodies echoed in errors
}

// LooksLikeSecretValue reports whether a value has the shape of a
// credential: it starts with "Bearer ", or contains an Authorization or
// Cookie header, a session cookie, "password=…"/"token=…", or a
// registered secret value — that is, whether RedactText would change it.
// Already redacted text passes.
func LooksLikeSecretValue(v string) bool {
	return RedactText(v) != v
}

// The registry of secret values this process knows (the admin and test
// passwords, the API client secret, a password typed again at a login
// prompt): wherever one of them turns up — a checklist note, a reason, an
// error text echoing a form — it is replaced before anything is written
// or shown. One place for all: RedactText, which the journal, the log,
// the report, the mails and the screens' texts go through.
var (
	knownMu sync.RWMutex
	known   []string // longest first, so a secret inside another is not half-replaced
)

// MinSecretLen: shorter values are not registered. Masking every "abc" in
// every text would garble reports; a real password is longer.
const MinSecretLen = 4

// RegisterSecret adds a secret value to the registry (also its
// URL-encoded forms, as it may appear in an echoed form or link). Values
// shorter than MinSecretLen are ignored. Safe for concurrent use.
func RegisterSecret(v string) {
	if len(v) < MinSecretLen {
		return
	}
	knownMu.Lock()
	defer knownMu.Unlock()
	for _, x := range []string{v, url.QueryEscape(v), url.PathEscape(v)} {
		if !slices.Contains(known, x) {
			known = append(known, x)
		}
	}
	sort.SliceStable(known, func(i, k int) bool { return len(known[i]) > len(known[k]) })
}

// RedactKnown replaces every registered secret value in s and leaves the
// rest as it is (RedactText also masks credential-shaped parts).
func RedactKnown(s string) string {
	knownMu.RLock()
	defer knownMu.RUnlock()
	for _, k := range known {
		if strings.Contains(s, k) {
			s = strings.ReplaceAll(s, k, Redacted)
		}
	}
	return s
}

// RedactText returns s with every credential (see LooksLikeSecretValue)
// and every registered secret value (RegisterSecret) replaced by
// "[redacted]", keeping the rest readable — for error texts, notes and
// reasons that must be recorded or shown (Fail, logs, reports, mails).
func RedactText(s string) string {
	s = RedactKnown(s)
	if t := strings.TrimLeft(s, " \t"); len(t) >= 7 && strings.EqualFold(t[:7], "bearer ") {
		head := len(s) - len(t) + 7
		return s[:head] + Redacted
	}
	for _, m := range credentialMarkers {
		s = redactAfter(s, m)
	}
	return s
}

// redactAfter replaces the value following each case-insensitive
// occurrence of marker.
func redactAfter(s, marker string) string {
	var b strings.Builder
	lower := asciiLower(s) // same byte offsets as s, unlike strings.ToLower
	pos := 0
	for {
		i := strings.Index(lower[pos:], marker)
		if i < 0 {
			break
		}
		start := pos + i + len(marker)
		end := start
		if strings.HasSuffix(marker, ":") {
			for end < len(s) && s[end] != '\n' && s[end] != '\r' {
				end++
			}
		} else {
			for end < len(s) && !strings.ContainsRune(" \t\r\n&;,\"'", rune(s[end])) {
				end++
			}
		}
		b.WriteString(s[pos:start])
		if strings.HasSuffix(marker, ":") {
			b.WriteString(" ")
		}
		b.WriteString(Redacted)
		pos = end
	}
	b.WriteString(s[pos:])
	return b.String()
}

// SanitizeData returns a copy of data ready for the journal: a key that
// names a secret is refused with ErrSecret (a programming error — such data
// must never be handed over), and credential-shaped parts of values are
// replaced by RedactText (values often carry server error texts, and a
// failure must still be recorded). The error names the key, never a value.
func SanitizeData(data map[string]string) (map[string]string, error) {
	if data == nil {
		return nil, nil
	}
	out := make(map[string]string, len(data))
	for k, v := range data {
		if IsSecretKey(k) {
			return nil, fmt.Errorf("%w: key %q names a secret", ErrSecret, k)
		}
		out[k] = RedactText(v)
	}
	return out, nil
}

// sanitizeAny walks a JSON-decoded value (maps, slices, strings): keys that
// name secrets are refused, strings are redacted in place. changed reports
// whether any string was redacted.
func sanitizeAny(path string, v any) (out any, changed bool, err error) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if IsSecretKey(k) {
				return nil, false, fmt.Errorf("%w: key %q names a secret", ErrSecret, path+"."+k)
			}
			ne, ch, err := sanitizeAny(path+"."+k, e)
			if err != nil {
				return nil, false, err
			}
			x[k], changed = ne, changed || ch
		}
		return x, changed, nil
	case []any:
		for i, e := range x {
			ne, ch, err := sanitizeAny(fmt.Sprintf("%s[%d]", path, i), e)
			if err != nil {
				return nil, false, err
			}
			x[i], changed = ne, changed || ch
		}
		return x, changed, nil
	case string:
		r := RedactText(x)
		return r, r != x, nil
	}
	return v, false, nil
}

// asciiLower lower-cases ASCII letters only, keeping every byte offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
