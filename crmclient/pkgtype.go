package crmclient

import "strings"

// Package types. The upgrade manager shows a package's manifest type as a
// label of 1CRM's list module_types_dom in the user's language (7.x
// uploaded.tpl/installed.tpl: {$LISTS.module_types_dom[$package.type]});
// the manifest says the code. This is the ONE place that maps between
// them — the list parser and the steps layer both use it.

// The manifest type codes (7.x UWizard::$packageTypes).
const (
	TypePatch    = "patch"
	TypeModule   = "module"
	TypeLangpack = "langpack"
	TypeTheme    = "theme"
	TypeHolidays = "holidays"
	TypePersPack = "pers_pack"
)

// typeLabels: module_types_dom of the 7.x language files, English (en_us)
// and German (de_DE), evidence U7. Keys are lower-case.
var typeLabels = map[string]string{
	// en_us
	"theme": TypeTheme, "language": TypeLangpack, "module": TypeModule, "patch": TypePatch,
	"holidays pack": TypeHolidays, "personality pack": TypePersPack,
	// de_DE
	"design thema": TypeTheme, "sprache": TypeLangpack, "modul": TypeModule,
	"feiertage (länderpack)": TypeHolidays, "persönliche feiertagtabelle": TypePersPack,
	// the codes themselves (a page that shows the raw code when a label is missing)
	"langpack": TypeLangpack, "holidays": TypeHolidays, "pers_pack": TypePersPack,
}

// TypeCode maps a package type as a page shows it (an English or German
// label of module_types_dom, or the code itself) to the manifest type
// code. ok is false for a label it does not know; code is then the label
// lower-cased and trimmed, so that unknown labels still compare as text.
func TypeCode(label string) (code string, ok bool) {
	l := strings.ToLower(strings.Join(strings.Fields(label), " "))
	if c, known := typeLabels[l]; known {
		return c, true
	}
	return l, false
}

// SameType reports whether two type texts (labels or codes, any language
// the table knows) name the same manifest type.
func SameType(a, b string) bool {
	ca, _ := TypeCode(a)
	cb, _ := TypeCode(b)
	return ca == cb
}
