package manifest

import (
	"reflect"
	"strings"
	"testing"
)

func TestFormatRoundTripSamples(t *testing.T) {
	for _, f := range []string{"extension.php", "core.php", "langpack.php", "messy.php"} {
		t.Run(f, func(t *testing.T) {
			m, err := Parse(mustRead(t, f))
			if err != nil {
				t.Fatal(err)
			}
			out := Format(m)
			m2, err := Parse(out)
			if err != nil {
				t.Fatalf("reparse: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(m, m2) {
				t.Errorf("round trip differs\nbefore %#v\nafter  %#v\n%s", m, m2, out)
			}
		})
	}
}

// Format of the spec's extension example reproduces the spec's text
// (apart from the comment, which is not kept, and unneeded quotes).
func TestFormatExtensionLayout(t *testing.T) {
	m, err := Parse(mustRead(t, "extension.php"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(string(mustRead(t, "extension.php")), "# Call sheets for the sales team\n", "", 1)
	want = strings.Replace(want, `to: "/"`, "to: /", 1) // quotes are only written where needed
	if got := string(Format(m)); got != want {
		t.Errorf("Format:\n%s\nwant:\n%s", got, want)
	}
}

// A manifest built in code (no Raw) formats and parses back.
func TestFormatTypedOnly(t *testing.T) {
	m := &Manifest{
		Name: "true", Description: " lead space", Author: `"quoted"`, Version: "1.0",
		Type: "module", ID: "x", IsUninstallable: true, ExactMatches: []string{"", "8.7.7"},
		RegexMatches: []string{`8\.7\..*`}, Copy: []CopyRule{{"root", ""}},
	}
	m2, err := Parse(Format(m))
	if err != nil {
		t.Fatal(err)
	}
	m2.Raw = nil
	if !reflect.DeepEqual(m, m2) {
		t.Errorf("typed round trip\nwant %#v\ngot  %#v\n%s", m, m2, Format(m))
	}
}

// Typed edits after Parse win over Raw; unknown keys survive.
func TestFormatEditsWin(t *testing.T) {
	m, err := Parse(mustRead(t, "messy.php"))
	if err != nil {
		t.Fatal(err)
	}
	m.Version = "2.2"
	m.RegexMatches = nil
	m.Copy = append(m.Copy, CopyRule{"extra", "custom/"})
	m2, err := Parse(Format(m))
	if err != nil {
		t.Fatal(err)
	}
	if m2.Version != "2.2" || m2.RegexMatches != nil || len(m2.Copy) != 2 || m2.Raw["hooks"] == nil {
		t.Errorf("edits lost: %#v", m2)
	}
	if !reflect.DeepEqual(m2.ExactMatches, []string{"7.0.0a"}) {
		t.Errorf("exact matches lost: %q", m2.ExactMatches)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"extension.php", "core.php", "langpack.php", "messy.php"} {
		f.Add(mustRead(f, name))
	}
	f.Add([]byte("name: \"true\"\ncopy\n\t--\n\t--\n\t\tfrom: \" x\"\n"))
	f.Add([]byte("acceptable_sugar_versions\n\tregex_matches\n\t\t- 8\\.7\\..* # c\n\t\t- '\"a # b\"'\nname: \"x\" # y\ncopy\n\t-- # z\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			return
		}
		out := Format(m)
		m2, err := Parse(out)
		if err != nil {
			t.Fatalf("Format output does not parse: %v\n%q", err, out)
		}
		if !reflect.DeepEqual(m, m2) {
			t.Fatalf("round trip differs\nin   %q\nout  %q\nm    %#v\nm2   %#v", data, out, m, m2)
		}
		m.Accepts("8.7.7-318") // must not panic
	})
}
