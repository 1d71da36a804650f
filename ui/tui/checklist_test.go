package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/steps"
)

// The checklist's window (issue 10 item 4): at the first, a middle and the
// last item, with fewer items than rows, and when the room grows between
// two drawings, it shows as many items as fit and counts the hidden ones
// right — never "-1 more below".
func TestChecklistWindow(t *testing.T) {
	cases := []struct {
		name                  string
		n, room, top, cursor  int
		first, shown, ab, bel int
	}{
		{"first item", 11, 8, 0, 0, 0, 7, 0, 4},
		{"middle item, window stays", 11, 8, 0, 5, 0, 7, 0, 4},
		{"middle item below the window", 11, 8, 0, 8, 3, 6, 3, 2},
		{"last item", 11, 8, 2, 10, 4, 7, 4, 0},
		{"back up to the first", 11, 8, 4, 0, 0, 7, 0, 4},
		{"room grew at the last item", 11, 9, 4, 10, 3, 8, 3, 0},
		{"room grew in the middle", 11, 9, 4, 6, 3, 8, 3, 0},
		{"fewer items than rows", 5, 8, 0, 4, 0, 5, 0, 0},
		{"as many items as rows", 8, 8, 0, 7, 0, 8, 0, 0},
		{"one more item than rows", 9, 8, 0, 8, 2, 7, 2, 0},
		{"a room of one", 4, 1, 0, 2, 2, 1, 2, 1},
		{"hidden on both sides", 11, 8, 2, 5, 2, 6, 2, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := listView{cursor: c.cursor, top: c.top}
			w := l.window(c.n, c.room)
			want := listWindow{c.first, c.shown, c.ab, c.bel}
			if w != want {
				t.Fatalf("window(%d, %d) from top %d at %d = %+v, want %+v", c.n, c.room, c.top, c.cursor, w, want)
			}
			if c.cursor < w.first || c.cursor >= w.first+w.shown {
				t.Fatalf("the cursor %d is outside %+v", c.cursor, w)
			}
		})
	}
}

// As the admin saw it: F with open items (a notice line comes up), then
// every item answered — at the last one the notice goes and the room
// grows; the footer counts the items above and none below.
func TestChecklistFooterAtTheLastItem(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			f := sampleEngine()
			f.items = nil
			for i := 1; i <= 14; i++ {
				f.items = append(f.items, steps.ChecklistItem{ID: fmt.Sprint("i", i), Title: fmt.Sprint("Punkt ", i), Source: "builtin"})
			}
			m := newTestModel(f, lang)
			show(t, m, f, steps.StepChecklist, 9)
			press(t, m, "F")
			negative := regexp.MustCompile(`-\d+ (weiter|more)`)
			for i := 0; i < len(f.items); i++ {
				v := m.View()
				if negative.MatchString(v) {
					t.Fatalf("after %d answers:\n%s", i, v)
				}
				checkFrame(t, "checklist", v)
				press(t, m, "1")
			}
			v := m.View()
			more := map[string]string{"de": "↑ 2 weitere Punkte oben", "en": "↑ 2 more items above"}[lang]
			if negative.MatchString(v) || !strings.Contains(v, more) || !strings.Contains(v, "> [OK] Punkt 14") {
				t.Fatalf("at the last item:\n%s", v)
			}
		})
	}
}
