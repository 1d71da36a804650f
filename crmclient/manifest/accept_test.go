package manifest

import "testing"

// Spec §6.4 acceptance vectors.
func TestAccepts(t *testing.T) {
	ext := &Manifest{RegexMatches: []string{`8\.6\.[0-9]+`, `8\.7\.[0-9]+`}}
	core := &Manifest{RegexMatches: []string{`8\.7\.[0-6]`}}
	lang := &Manifest{ExactMatches: []string{"8.7.6", "8.7.7", "7.0.0a"}}
	minor := &Manifest{RegexMatches: []string{`8\.6\.[0-9][0-9]?`}}
	bad := &Manifest{RegexMatches: []string{`8\.7\.(?!9)\d`}} // PCRE lookahead: not RE2
	badPlus := &Manifest{RegexMatches: []string{`8\.7\.(?!9)\d`}, ExactMatches: []string{"8.7.7"}}
	both := &Manifest{RegexMatches: []string{`9\..*`}, ExactMatches: []string{"8.7.7"}}
	tests := []struct {
		name       string
		m          *Manifest
		v          string
		ok, uncert bool
		badRegex   string
	}{
		{"no constraint", &Manifest{}, "1.2.3", true, false, ""},
		{"ext 8.6.9", ext, "8.6.9", true, false, ""},
		{"ext 8.7.12", ext, "8.7.12", true, false, ""},
		{"ext 8.8.0", ext, "8.8.0", false, false, ""},
		{"anchored: prefix", ext, "18.6.1", false, false, ""},
		{"anchored: suffix", ext, "8.6.1.2", false, false, ""},
		{"ext 9.0.0", ext, "9.0.0", false, false, ""},
		{"core 8.7.6", core, "8.7.6", true, false, ""},
		{"core 8.7.7", core, "8.7.7", false, false, ""},
		{"core 8.7.60", core, "8.7.60", false, false, ""},
		{"lang exact", lang, "8.7.7", true, false, ""},
		{"lang letter", lang, "7.0.0a", true, false, ""},
		{"lang not 8.7.8", lang, "8.7.8", false, false, ""},
		{"lang exact is literal", lang, "8.7.70", false, false, ""},
		{"minor two digits", minor, "8.6.10", true, false, ""},
		{"minor three digits", minor, "8.6.100", false, false, ""},
		{"build: bare matches only", lang, "8.7.7-318", true, true, ""},
		{"build: both forms", &Manifest{RegexMatches: []string{`8\.7\.7(-[0-9]+)?`}}, "8.7.7-318", true, false, ""},
		{"build: full form only", &Manifest{ExactMatches: []string{"8.7.7-318"}}, "8.7.7-318", true, true, ""},
		{"build: neither", core, "8.7.9-1", false, false, ""},
		{"bad regex: cannot check", bad, "8.7.7", false, true, `8\.7\.(?!9)\d`},
		{"bad regex, exact matches", badPlus, "8.7.7", true, false, ""},
		{"regex first then exact", both, "8.7.7", true, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.m.Accepts(tc.v)
			if a.OK != tc.ok || a.Uncertain != tc.uncert || a.BadRegex != tc.badRegex {
				t.Errorf("Accepts(%q) = %+v, want ok=%v uncertain=%v bad=%q", tc.v, a, tc.ok, tc.uncert, tc.badRegex)
			}
			if a.Reason == "" {
				t.Error("empty reason")
			}
		})
	}
}

// An extension regex like 8\.7\.[0-9]+ does not match 8.7.7-318
// but matches 8.7.7, so it is accepted with uncertainty (spec §6.4).
func TestAcceptsBuildSuffixRegex(t *testing.T) {
	a := (&Manifest{RegexMatches: []string{`8\.7\.[0-9]+`}}).Accepts("8.7.7-318")
	if !a.OK || !a.Uncertain || a.Matched != `8\.7\.[0-9]+` {
		t.Errorf("got %+v", a)
	}
}
