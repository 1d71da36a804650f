package checklist

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "checklist")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// W7: the company's own items, plain text or a YAML list.
func TestLoadFile_W7(t *testing.T) {
	cases := []struct {
		name, content string
		want          []string
	}{
		{"plain text", "# Eigene Tests\nAngebot als PDF drucken\n\n  Mahnlauf starten  \r\n# Ende\n",
			[]string{"Angebot als PDF drucken", "Mahnlauf starten"}},
		{"plain text with BOM and CRLF", "\ufeffZeiterfassung buchen\r\nDATEV-Export\r\n",
			[]string{"Zeiterfassung buchen", "DATEV-Export"}},
		{"plain text keeps colons and dashes", "Export: DATEV - monatlich\n",
			[]string{"Export: DATEV - monatlich"}},
		{"YAML list", "- Angebot drucken\n- \"Rechnung: Summe prüfen\"\n- 'Kunde''s Portal'\n- plain # comment\n",
			[]string{"Angebot drucken", "Rechnung: Summe prüfen", "Kunde's Portal", "plain"}},
		{"YAML with items key and document marker", "---\n# company\nitems:\n  - Serienbrief erzeugen\n  - \"Umlaute: äöü \\\"ok\\\"\"\n\n  -\n",
			[]string{"Serienbrief erzeugen", "Umlaute: äöü \"ok\""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := LoadFile(writeFile(t, c.content))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestLoadFile_Errors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.txt"), "cannot be read"},
		{"directory", dir, "directory"},
		{"empty", writeFile(t, ""), "no test items"},
		{"only comments", writeFile(t, "# nothing\n\n"), "no test items"},
		{"binary", writeFile(t, "PK\x03\x04\x00\x00zip"), "not a text file"},
		{"latin-1", writeFile(t, "Pr\xfcfung\n"), "not a text file"},
		{"YAML with a stray line", writeFile(t, "items:\n  - a\n  b: c\n"), "line 3"},
		{"unterminated quote", writeFile(t, "- \"open\n"), "line 1"},
		{"too long", writeFile(t, strings.Repeat("x", MaxItemLength+1)), "longer than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadFile(c.path)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to mention %q", err, c.want)
			}
			if c.name != "missing" && !errors.Is(err, ErrBadFile) {
				t.Errorf("content errors wrap ErrBadFile: %v", err)
			}
		})
	}
}

func TestFromLines(t *testing.T) {
	items := FromLines([]string{"A", "", "B"})
	if len(items) != 2 || items[0].ID != "company:1" || items[1].ID != "company:2" || items[1].Title != "B" || items[0].Source != SourceCompany {
		t.Errorf("items = %+v", items)
	}
}
