package manifest

import (
	"reflect"
	"testing"
)

// 1CRM matches with preg_match("/^$re\$/", $v): an unescaped "/" ends the
// pattern early, PHP refuses the rest as modifiers and the regex matches
// nothing — it must not count as accepting (issue 12).
func TestAcceptsPHPDelimiter(t *testing.T) {
	tests := []struct {
		name    string
		m       *Manifest
		v       string
		ok      bool
		refused []string
	}{
		{"unescaped slash refused", &Manifest{RegexMatches: []string{`8\.7/.*|8\.7\..*`}}, "8.7.7", false, []string{`8\.7/.*|8\.7\..*`}},
		{"escaped slash is a literal slash", &Manifest{RegexMatches: []string{`8\.7\/7`}}, "8.7/7", true, nil},
		{"escaped slash does not match a dot", &Manifest{RegexMatches: []string{`8\.7\/7`}}, "8.7.7", false, nil},
		{"refused one, next one matches", &Manifest{RegexMatches: []string{`8/7`, `8\.7\..*`}}, "8.7.7", true, []string{`8/7`}},
		{"refused regex, exact matches", &Manifest{RegexMatches: []string{`a/b`}, ExactMatches: []string{"8.7.7"}}, "8.7.7", true, []string{`a/b`}},
		{"trailing backslash escapes the $", &Manifest{RegexMatches: []string{`8\.7\.7\`}}, "8.7.7$", true, nil},
		{"slash after escaped backslash ends the pattern", &Manifest{RegexMatches: []string{`8\\/7`}}, `8\/7`, false, []string{`8\\/7`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.m.Accepts(tc.v)
			if a.OK != tc.ok || a.Uncertain || !reflect.DeepEqual(a.Refused, tc.refused) {
				t.Errorf("Accepts(%q) = %+v, want ok=%v refused=%q", tc.v, a, tc.ok, tc.refused)
			}
		})
	}
}

func TestPHPPattern(t *testing.T) {
	for re, want := range map[string]string{
		`8\.7\..*`: `^8\.7\..*$`,
		`a\/b`:     `^a\/b$`,
		`x\`:       `^x\$`,
	} {
		if got, ok := phpPattern(re); !ok || got != want {
			t.Errorf("phpPattern(%q) = %q, %v; want %q", re, got, ok, want)
		}
	}
	for _, re := range []string{`a/b`, `/`, `8\.7\\/x`, `(8|9)/`} {
		if _, ok := phpPattern(re); ok {
			t.Errorf("phpPattern(%q) accepted; PHP refuses it", re)
		}
	}
}

// The list shown to the admin reads as 1CRM's ERR_INVALID_VERSION renders
// it (IAHManifest::makeDisplayableVersion), not as raw regexes.
func TestExpectedVersions(t *testing.T) {
	for in, want := range map[string]string{
		`7\.0.*`:              "7.0*",
		`7\.0\..*`:            "7.0.*",
		`8\.6\.[0-9][0-9]?`:   "8.6.[0-9][0-9]?",
		`8\.[7]\..+`:          "8.7.+",
		`8\.7\.[0-6]`:         "8.7.[0-6]",
		`a\\b`:                `a\b`,
		"7.0.0a":              "7.0.0a",
		`(8\.6|8\.7)\.[0-9]+`: "(8.6|8.7).[0-9]+",
	} {
		if got := DisplayVersion(in); got != want {
			t.Errorf("DisplayVersion(%q) = %q, want %q", in, got, want)
		}
	}
	m := &Manifest{RegexMatches: []string{`8\.6\..*`, `8\.7\.[0-6]`}, ExactMatches: []string{"7.0.0a"}}
	if got, want := m.ExpectedVersions(), "8.6.*, 8.7.[0-6], 7.0.0a"; got != want {
		t.Errorf("ExpectedVersions = %q, want %q", got, want)
	}
	if got := (&Manifest{}).ExpectedVersions(); got != "" {
		t.Errorf("no constraint: %q", got)
	}
}

// Inline comments: "# …" after whitespace ends a line outside quotes; the
// regex list item does not take the comment into the regex (issue 12).
func TestParseInlineComments(t *testing.T) {
	src := "<?php ?>\n" +
		"acceptable_sugar_versions\n" +
		"\tregex_matches\n" +
		"\t\t- 8\\.7\\..*   # the 8.7 line\n" +
		"\t\t- #8\\.6\\..*\n" +
		"\t\t- \"8\\.5 #1\"  # quoted keeps its hash\n" +
		"\texact_matches # literal versions\n" +
		"\t\t- 7.0.0a\t# seven\n" +
		"name: C# tools # a comment\n" +
		"description: 'Invoice #' # quoted\n" +
		"version: 1.0#2\n" +
		"type: module\n" +
		"id: x\n" +
		"copy\n" +
		"\t-- # the only rule\n" +
		"\t\tfrom: root # zip folder\n" +
		"\t\tto: \"/\"\n"
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{`8\.7\..*`, "", `8\.5 #1`}; !reflect.DeepEqual(m.RegexMatches, want) {
		t.Errorf("regex_matches = %q, want %q", m.RegexMatches, want)
	}
	if want := []string{"7.0.0a"}; !reflect.DeepEqual(m.ExactMatches, want) {
		t.Errorf("exact_matches = %q", m.ExactMatches)
	}
	if m.Name != "C# tools" || m.Description != "Invoice #" || m.Version != "1.0#2" {
		t.Errorf("name %q description %q version %q", m.Name, m.Description, m.Version)
	}
	if want := []CopyRule{{"root", "/"}}; !reflect.DeepEqual(m.Copy, want) {
		t.Errorf("copy = %#v", m.Copy)
	}
	if !m.Accepts("8.7.7").OK || m.Accepts("8.6.1").OK {
		t.Error("the comment changed what is accepted")
	}
	// Format keeps values with comment marks readable as the same values.
	m2, err := Parse(Format(m))
	if err != nil || !reflect.DeepEqual(m, m2) {
		t.Errorf("round trip: %v\n%s", err, Format(m))
	}
}

// A language pack and a module may share a name; the lists show the type
// as a label in the admin's language (module_types_dom).
func TestSameType(t *testing.T) {
	same := [][2]string{{"module", "Module"}, {"Modul", "module"}, {"langpack", "Language"}, {"Sprache", "langpack"},
		{"Patch", "patch"}, {"Design Thema", "theme"}, {"Holidays Pack", "holidays"}, {"Personality Pack", "pers_pack"},
		{" Feiertage  (Länderpack) ", "holidays"}, {"Langue", "langpack"}}
	for _, p := range same {
		if !SameType(p[0], p[1]) {
			t.Errorf("SameType(%q, %q) = false", p[0], p[1])
		}
	}
	differ := [][2]string{{"module", "langpack"}, {"Language", "Module"}, {"", "module"}, {"", ""}, {"Modul", "Sprache"}, {"plugin", "module"}}
	for _, p := range differ {
		if SameType(p[0], p[1]) {
			t.Errorf("SameType(%q, %q) = true", p[0], p[1])
		}
	}
}
