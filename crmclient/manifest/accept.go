package manifest

import (
	"regexp"
	"strings"

	"github.com/visual4/1crm-update/crmclient/version"
)

// Acceptance is the local answer to "will the server accept this package on
// a 1CRM that reports version v?" (spec §6.4, W2).
type Acceptance struct {
	OK        bool
	Uncertain bool   // the answer depends on something we cannot see
	BadRegex  string // first regex Go could not compile, if that mattered
	Reason    string // short English explanation, for logs and reports
	Matched   string // the regex or exact entry that accepted
	// Refused lists the regexes PHP refuses before matching (phpPattern):
	// 1CRM skips them, so they never accept a version.
	Refused []string
}

// Accepts follows the server's check (spec §6.4): no constraint accepts
// any version; else the regexes, anchored as "^"+re+"$", are tried first,
// then exact string equality. A regex PHP refuses (phpPattern: an
// unescaped "/") never matches, as on the server, and is named in Refused. A regex Go cannot compile makes a negative
// answer "cannot check" (Uncertain) instead of "rejected". When v carries a
// build suffix (8.7.7-318) the bare release is tried too, because the
// server may compare a different form than /version shows (spec §10.2 #1);
// if only one form matches, the answer is marked Uncertain.
func (m *Manifest) Accepts(v string) Acceptance {
	if len(m.RegexMatches) == 0 && len(m.ExactMatches) == 0 {
		return Acceptance{OK: true, Reason: "the package declares no acceptable versions"}
	}
	full := m.match(v)
	rel := version.ParseRelease(v)
	if rel.Build == "" {
		return full.acceptance(v)
	}
	bare := m.match(rel.Release)
	switch {
	case full.ok && bare.ok:
		return full.acceptance(v)
	case full.ok:
		a := full.acceptance(v)
		a.Uncertain = true
		a.Reason += "; the bare release " + rel.Release + " would not match"
		return a
	case bare.ok:
		a := bare.acceptance(rel.Release)
		a.Uncertain = true
		a.Reason += "; only without the build suffix of " + v
		return a
	}
	if full.badRegex == "" {
		full.badRegex = bare.badRegex
	}
	return full.acceptance(v)
}

type matchResult struct {
	ok       bool
	matched  string
	byRegex  bool
	badRegex string
	refused  []string
}

func (m *Manifest) match(v string) matchResult {
	var r matchResult
	for _, re := range m.RegexMatches {
		pat, ok := phpPattern(re)
		if !ok {
			r.refused = append(r.refused, re)
			continue
		}
		c, err := regexp.Compile(pat)
		if err != nil {
			if r.badRegex == "" {
				r.badRegex = re
			}
			continue
		}
		if c.MatchString(v) {
			return matchResult{ok: true, matched: re, byRegex: true, refused: r.refused}
		}
	}
	for _, e := range m.ExactMatches {
		if e == v {
			return matchResult{ok: true, matched: e, refused: r.refused}
		}
	}
	return r
}

func (r matchResult) acceptance(v string) Acceptance {
	var a Acceptance
	switch {
	case r.ok && r.byRegex:
		a = Acceptance{OK: true, Matched: r.matched, Reason: v + " matches regex " + r.matched}
	case r.ok:
		a = Acceptance{OK: true, Matched: r.matched, Reason: v + " is listed exactly"}
	case r.badRegex != "":
		a = Acceptance{Uncertain: true, BadRegex: r.badRegex,
			Reason: "cannot check: regex " + r.badRegex + " is not understood here, and no other entry matches " + v}
	default:
		a = Acceptance{Reason: v + " matches none of the acceptable versions"}
	}
	a.Refused = r.refused
	if len(r.refused) > 0 {
		a.Reason += "; PHP refuses regex " + strings.Join(r.refused, ", ") + " (an unescaped / ends its /^…$/ pattern)"
	}
	return a
}

// phpPattern is what PCRE gets from 1CRM's check, which is
// preg_match("/^$re\$/", $version) (modules/UWizard/IAHManifest.php,
// validate): PHP reads the pattern up to the first "/" that no backslash
// escapes and takes the rest as modifier letters. An unescaped "/" inside
// re therefore ends the pattern early, and what follows always contains
// the "$" of the template, which is no modifier: PHP warns "Unknown
// modifier" and preg_match returns false, so 1CRM treats that regex as not
// matching and tries the next one. ok is false for such a regex; else the
// pattern is "^" + re + "$" (an escaped "\/" is PCRE's literal "/", which
// Go reads the same).
func phpPattern(re string) (pattern string, ok bool) {
	s := "^" + re + "$/"
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++ // the escaped character never ends the pattern
		case '/':
			return s[:i], i == len(s)-1
		}
	}
	return "", false // not reached: s ends in "/" after a "$"
}
