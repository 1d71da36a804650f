package manifest

import (
	"regexp"

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
}

// Accepts follows the server's check (spec §6.4): no constraint accepts
// any version; else the regexes, anchored as "^"+re+"$", are tried first,
// then exact string equality. A regex Go cannot compile makes a negative
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
}

func (m *Manifest) match(v string) matchResult {
	var r matchResult
	for _, re := range m.RegexMatches {
		c, err := regexp.Compile("^" + re + "$")
		if err != nil {
			if r.badRegex == "" {
				r.badRegex = re
			}
			continue
		}
		if c.MatchString(v) {
			return matchResult{ok: true, matched: re, byRegex: true}
		}
	}
	for _, e := range m.ExactMatches {
		if e == v {
			return matchResult{ok: true, matched: e}
		}
	}
	return r
}

func (r matchResult) acceptance(v string) Acceptance {
	switch {
	case r.ok && r.byRegex:
		return Acceptance{OK: true, Matched: r.matched, Reason: v + " matches regex " + r.matched}
	case r.ok:
		return Acceptance{OK: true, Matched: r.matched, Reason: v + " is listed exactly"}
	case r.badRegex != "":
		return Acceptance{Uncertain: true, BadRegex: r.badRegex,
			Reason: "cannot check: regex " + r.badRegex + " is not understood here, and no other entry matches " + v}
	}
	return Acceptance{Reason: v + " matches none of the acceptable versions"}
}
