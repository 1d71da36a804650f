package checklist

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// W7: the built-in items cover login, main modules, records, e-mail, custom
// PDFs, reports, workflows and the scheduler, in German (default) and English.
func TestBuiltin_W7(t *testing.T) {
	want := []string{"login", "modules", "records", "email", "pdf", "reports", "workflows", "scheduler"}
	for _, lang := range []string{"de", "en", "", "en_US.UTF-8", "fr"} {
		items := Builtin(lang)
		if len(items) != len(want) {
			t.Fatalf("%q: %d items", lang, len(items))
		}
		for i, it := range items {
			if it.ID != want[i] || it.Title == "" || it.Hint == "" || it.Source != SourceBuiltin || it.Status != Open {
				t.Errorf("%q item %d = %+v", lang, i, it)
			}
		}
	}
	de, en := Builtin("de"), Builtin("en")
	if de[4].Title == en[4].Title || !strings.Contains(de[4].Title, "PDF") {
		t.Errorf("pdf item not translated: %q / %q", de[4].Title, en[4].Title)
	}
	if Builtin("")[0].Title != de[0].Title {
		t.Error("German must be the default language (W10)")
	}
	if Builtin("en_US.UTF-8")[0].Title != en[0].Title {
		t.Error("an English locale must select English")
	}
}

// W7: one item per installed extension.
func TestForExtensions_W7(t *testing.T) {
	items := ForExtensions([]string{"v4 Reports", " ", "PDF Designer"}, "en")
	if len(items) != 2 {
		t.Fatalf("items = %+v", items)
	}
	if items[0].ID != "ext:v4 Reports" || items[0].Source != SourceExtension || !strings.Contains(items[0].Title, "v4 Reports") {
		t.Errorf("item = %+v", items[0])
	}
	if de := ForExtensions([]string{"X"}, "de"); !strings.Contains(de[0].Title, "Erweiterung") {
		t.Errorf("German title = %q", de[0].Title)
	}
	if ForExtensions(nil, "de") != nil {
		t.Error("no extensions, no items")
	}
}

// W7, R23: the list is complete only when every item has an answer; a
// problem needs a note.
func TestList_R23(t *testing.T) {
	l := New(Builtin("de"), ForExtensions([]string{"Zeiterfassung"}, "de"), FromLines([]string{"Monatsabschluss-Bericht", "Mahnlauf"}))
	if len(l.Items) != 11 {
		t.Fatalf("%d items", len(l.Items))
	}
	if l.Complete() {
		t.Fatal("R23: a fresh list must not be complete")
	}
	if err := l.Answer("pdf", Problem, "  "); !errors.Is(err, ErrNoteNeeded) {
		t.Errorf("problem without note = %v", err)
	}
	if err := l.Answer("nope", Passed, ""); !errors.Is(err, ErrUnknownItem) {
		t.Errorf("unknown id = %v", err)
	}
	if err := l.Answer("login", "maybe", ""); !errors.Is(err, ErrBadStatus) {
		t.Errorf("bad status = %v", err)
	}
	for _, it := range l.Items {
		st, note := Passed, ""
		switch it.ID {
		case "pdf":
			st, note = Problem, " Rechnungs-PDF ohne Logo "
		case "workflows", "company:2":
			st = NotApplicable
		}
		if err := l.Answer(it.ID, st, note); err != nil {
			t.Fatal(err)
		}
		if it.ID != l.Items[len(l.Items)-1].ID && l.Complete() {
			t.Fatalf("complete before the last answer (after %s)", it.ID)
		}
	}
	if !l.Complete() || len(l.Unanswered()) != 0 {
		t.Fatalf("R23: all answered but not complete: %+v", l.Unanswered())
	}
	p := l.Problems()
	if len(p) != 1 || p[0].ID != "pdf" || p[0].Note != "Rechnungs-PDF ohne Logo" {
		t.Errorf("Problems = %+v", p)
	}
	if passed, problems, na, open := l.Counts(); passed != 8 || problems != 1 || na != 2 || open != 0 {
		t.Errorf("Counts = %d %d %d %d", passed, problems, na, open)
	}
	// Withdrawing an answer reopens the list.
	if err := l.Answer("login", Open, ""); err != nil {
		t.Fatal(err)
	}
	if l.Complete() || len(l.Unanswered()) != 1 {
		t.Error("Open must withdraw the answer")
	}
	if New().Complete() {
		t.Error("an empty list is not complete")
	}
}

func TestNew_DuplicateIDs(t *testing.T) {
	l := New(ForExtensions([]string{"A", "A", "A"}, "en"), []Item{{ID: "ext:A-2", Title: "x"}})
	var ids []string
	for _, it := range l.Items {
		ids = append(ids, it.ID)
	}
	if got := strings.Join(ids, ","); got != "ext:A,ext:A-2,ext:A-3,ext:A-2-2" {
		t.Errorf("ids = %s", got)
	}
	if l.Items[3].Status != Open {
		t.Error("missing status must become Open")
	}
	if _, ok := l.Item("ext:A-3"); !ok {
		t.Error("Item lookup")
	}
}

// The list is kept in the journal as JSON.
func TestList_JSON(t *testing.T) {
	l := New(Builtin("en"))
	if err := l.Answer("email", Problem, "no mail received"); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var back List
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if it, _ := back.Item("email"); it.Status != Problem || it.Note != "no mail received" {
		t.Errorf("round trip = %+v", it)
	}
}

// A run resumed with another language keeps its answers (R23) but shows
// the wizard's own items in the new language.
func TestRelabel(t *testing.T) {
	l := New(Builtin("de"), ForExtensions([]string{"Zeiterfassung"}, "de"), FromLines([]string{"Mahnlauf"}))
	if err := l.Answer("email", Problem, "keine Mail"); err != nil {
		t.Fatal(err)
	}
	l.Relabel("en")
	en := Builtin("en")
	if it, _ := l.Item("email"); it.Title != en[3].Title || it.Status != Problem || it.Note != "keine Mail" {
		t.Errorf("email = %+v", it)
	}
	if it, _ := l.Item("ext:Zeiterfassung"); !strings.HasPrefix(it.Title, "Extension") {
		t.Errorf("extension = %+v", it)
	}
	if it, _ := l.Item("company:1"); it.Title != "Mahnlauf" {
		t.Errorf("company item changed: %+v", it)
	}
}

// TestBuiltinShort_R9_W7: the short live list (path A) is a subset of the
// built-in items with the same IDs, custom PDFs included (R11).
func TestBuiltinShort_R9_W7(t *testing.T) {
	full := map[string]Item{}
	for _, it := range Builtin("de") {
		full[it.ID] = it
	}
	short := BuiltinShort("de")
	if len(short) == 0 || len(short) >= len(full) {
		t.Fatalf("short list has %d of %d items", len(short), len(full))
	}
	hasPDF := false
	for _, it := range short {
		f, ok := full[it.ID]
		if !ok || f.Title != it.Title || it.Status != Open {
			t.Errorf("short item %+v is not the built-in one", it)
		}
		hasPDF = hasPDF || it.ID == "pdf"
	}
	if !hasPDF {
		t.Error("R11: custom PDFs missing from the short list")
	}
}
