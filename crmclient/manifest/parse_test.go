package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The three examples of spec §6.5.
func TestParseSpecExamples(t *testing.T) {
	tests := []struct {
		file string
		want Manifest
		core bool
	}{
		{"extension.php", Manifest{
			Name: "Call Sheets", Description: "Printable call sheets per account",
			Author: "Example Software GmbH", PublishedDate: "2024-02-12", Version: "1.4.2",
			Type: "module", ID: "exCallSheets", IsUninstallable: true,
			RegexMatches: []string{`8\.6\.[0-9]+`, `8\.7\.[0-9]+`},
			Copy:         []CopyRule{{"root", "/"}},
		}, false},
		{"core.php", Manifest{
			Name: "1CRM 8.7.7 Update", Description: "Updates 1CRM 8.7.0-8.7.6 to 8.7.7",
			Author: "1CRM Corp.", PublishedDate: "2024-05-02", Version: "8.7.7",
			Type: "patch", ID: "InfoAtHand",
			RegexMatches: []string{`8\.7\.[0-6]`},
			Copy:         []CopyRule{{"root", ""}},
		}, true},
		{"langpack.php", Manifest{
			Name: "Dutch Language Pack", Description: "Dutch translation",
			Author: "Example Translations", PublishedDate: "2024-06-01", Version: "2.0.1",
			Type: "langpack", ID: "DutchLanguagePack", IsUninstallable: true,
			ExactMatches: []string{"8.7.6", "8.7.7"},
			Copy:         []CopyRule{{"modules", "modules"}, {"include", "include"}},
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			m, err := Parse(mustRead(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			got := *m
			got.Raw = nil
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if m.IsCore() != tc.core {
				t.Errorf("IsCore = %v", m.IsCore())
			}
			if err := m.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

// CRLF, trailing tabs, space indentation, "key:" blocks, quotes, TRUE,
// PHP code in the header, nested extra keys kept in Raw (spec §6.2).
func TestParseMessy(t *testing.T) {
	m, err := Parse(mustRead(t, "messy.php"))
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string][2]string{
		"name":        {m.Name, "Weird  Spacing"},
		"description": {m.Description, "  padded  "},
		"author":      {m.Author, ""},
		"version":     {m.Version, "2.1beta"},
		"theme_id":    {m.ThemeID, "Claro2"},
		"url":         {m.Raw["url"].(string), "https://example.com/a:b"},
	}
	for k, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", k, c[0], c[1])
		}
	}
	if !m.IsUninstallable {
		t.Error("TRUE not read as true")
	}
	if !reflect.DeepEqual(m.RegexMatches, []string{`8\.7\..*`}) || !reflect.DeepEqual(m.ExactMatches, []string{"7.0.0a"}) {
		t.Errorf("acceptable: %q %q", m.RegexMatches, m.ExactMatches)
	}
	hooks := m.Raw["hooks"].(map[string]any)
	if hooks["file"] != "hooks.php" || !reflect.DeepEqual(hooks["commit"], []string{"step_one", "step_two"}) {
		t.Errorf("hooks = %#v", hooks)
	}
	cond := m.Raw["copy_conditional"].(map[string]any)["layout"].([]map[string]any)
	if cond[0]["to"] != "custom/layouts/" {
		t.Errorf("copy_conditional = %#v", cond)
	}
	if !reflect.DeepEqual(m.Copy, []CopyRule{{"root", "/"}}) {
		t.Errorf("copy = %#v", m.Copy)
	}
	if err := m.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestParseEdgeCases(t *testing.T) {
	tests := []struct {
		name, in string
		check    func(*Manifest) bool
	}{
		{"no header", "name: x\n", func(m *Manifest) bool { return m.Name == "x" }},
		{"no header, ?> in value", "name: a ?> b\n", func(m *Manifest) bool { return m.Name == "a ?> b" }},
		{"php block ends inside a comment", "<?php // x ?>\nname: x\n", func(m *Manifest) bool { return m.Name == "x" }},
		{"empty", "<?php ?>\n", func(m *Manifest) bool { return len(m.Raw) == 0 }},
		{"bom", "\xef\xbb\xbf<?php ?>\nname: x\n", func(m *Manifest) bool { return m.Name == "x" }},
		{"content after ?> on same line", "<?php ?>name: x\n", func(m *Manifest) bool { return m.Name == "x" }},
		{"key colon empty opens block", "acceptable_sugar_versions:\n\texact_matches:\n\t\t- 1.0\n",
			func(m *Manifest) bool { return reflect.DeepEqual(m.ExactMatches, []string{"1.0"}) }},
		{"single quotes", "name: 'a b'\n", func(m *Manifest) bool { return m.Name == "a b" }},
		{"quoted true stays string", "name: \"true\"\n", func(m *Manifest) bool { return m.Raw["name"] == "true" }},
		{"bool name stringified", "name: false\n", func(m *Manifest) bool { return m.Name == "false" }},
		{"dash item without space", "acceptable_sugar_versions\n\texact_matches\n\t\t-8.7.7\n",
			func(m *Manifest) bool { return reflect.DeepEqual(m.ExactMatches, []string{"8.7.7"}) }},
		{"empty block", "copy\nname: x\n", func(m *Manifest) bool { return m.Copy == nil && m.Name == "x" }},
		{"empty -- item", "copy\n\t--\n", func(m *Manifest) bool { return len(m.Copy) == 1 && m.Copy[0] == CopyRule{} }},
		{"single copy map", "copy\n\tfrom: root\n\tto: /\n", func(m *Manifest) bool { return reflect.DeepEqual(m.Copy, []CopyRule{{"root", "/"}}) }},
		{"scalar regex", "acceptable_sugar_versions\n\tregex_matches: 8\\..*\n",
			func(m *Manifest) bool { return reflect.DeepEqual(m.RegexMatches, []string{`8\..*`}) }},
		{"uninstallable yes", "is_uninstallable: yes\n", func(m *Manifest) bool { return m.IsUninstallable }},
		{"hash inside value kept", "name: C# tools\n", func(m *Manifest) bool { return m.Name == "C# tools" }},
		{"mixed tabs and spaces", "copy\n\t--\n\t        from: a\n\t        to: b\n",
			func(m *Manifest) bool { return reflect.DeepEqual(m.Copy, []CopyRule{{"a", "b"}}) }},
		{"last duplicate wins", "name: a\nname: b\n", func(m *Manifest) bool { return m.Name == "b" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(m) {
				t.Errorf("unexpected result %#v", m)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
	}{
		{"unclosed php", "<?php\nname: x\n", 1},
		{"unexpected indent", "<?php ?>\nname: x\n\tfoo: y\n", 3},
		{"mixed kinds", "<?php ?>\nacceptable_sugar_versions\n\tregex_matches\n\t\t- a\n\t\tkey: v\n", 5},
		{"dedent below top", "\tname: x\nid: y\n", 2},
		{"list at top", "- a\n", 1},
		{"empty key", "<?php ?>\n: v\n", 2},
		{"half dedent", "copy\n\t\t--\n\t\t\tfrom: a\n\tto: b\n", 4},
		{"name as block", "<?php ?>\n\nname\n\tx: y\n", 3},
		{"copy as list", "<?php ?>\ncopy\n\t- root\n", 2},
		{"regex as map", "acceptable_sugar_versions\n\tregex_matches\n\t\ta: b\n", 2},
		{"item holds list", "copy\n\t--\n\t\t- x\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("err = %v, want ErrSyntax", err)
			}
			var se *SyntaxError
			if !errors.As(err, &se) || se.Line != tc.line {
				t.Errorf("err = %v, want line %d", err, tc.line)
			}
			if !strings.Contains(err.Error(), "manifest.php") {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	ok := Manifest{Type: "module", ID: "x", Version: "1"}
	tests := []struct {
		mod  func(*Manifest)
		want error
	}{
		{func(m *Manifest) {}, nil},
		{func(m *Manifest) { m.Type = "" }, ErrEmptyTypeIDVersion},
		{func(m *Manifest) { m.ID = " " }, ErrEmptyTypeIDVersion},
		{func(m *Manifest) { m.Version = "" }, ErrEmptyTypeIDVersion},
		{func(m *Manifest) { m.Type = "plugin" }, ErrInvalidType},
		{func(m *Manifest) { m.Type = "Module" }, ErrInvalidType},
		{func(m *Manifest) { m.Type = "theme" }, ErrInvalidType},
		{func(m *Manifest) { m.Type, m.ThemeID = "theme", "Claro" }, nil},
		{func(m *Manifest) { m.Type = "pers_pack" }, nil},
		{func(m *Manifest) { m.Type = "holidays" }, nil},
	}
	for i, tc := range tests {
		m := ok
		tc.mod(&m)
		if err := m.Validate(); !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("%d: Validate(%+v) = %v, want %v", i, m, err, tc.want)
		}
	}
}

func TestIsCore(t *testing.T) {
	for _, tc := range []struct {
		typ, id string
		want    bool
	}{{"patch", "InfoAtHand", true}, {"module", "InfoAtHand", false}, {"patch", "other", false}, {"patch", "infoathand", false}} {
		if got := (&Manifest{Type: tc.typ, ID: tc.id}).IsCore(); got != tc.want {
			t.Errorf("IsCore(%s,%s) = %v", tc.typ, tc.id, got)
		}
	}
}
