package tui

import (
	"strings"
	"testing"

	"github.com/visual4/1crm-update/steps"
)

// The footer offers only the page key that moves the text from where it
// stands: Bild↓ at the top, Bild↑/↓ in the middle, Bild↑ at the bottom.
func TestFooterOffersOnlyTheScrollKeyThatApplies(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepPath, 4)
	m.report = &reportView{text: strings.Repeat("Zeile des Berichts\n", 80)}
	footer := func() string {
		v := strings.Split(strings.TrimRight(m.View(), "\n"), "\n")
		return v[len(v)-1]
	}
	for _, tc := range []struct{ key, want, not string }{
		{"", "Bild↓ blättern", "Bild↑"},
		{"pgdown", "Bild↑/↓ blättern", "Bild↓ blättern"},
		{"end", "Bild↑ blättern", "Bild↓"},
		{"home", "Bild↓ blättern", "Bild↑"},
	} {
		if tc.key != "" {
			press(t, m, tc.key)
		}
		if got := footer(); !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
			t.Errorf("after %q: footer %q, want %q without %q", tc.key, got, tc.want, tc.not)
		}
	}
}
