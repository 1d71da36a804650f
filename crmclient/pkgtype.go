package crmclient

import "github.com/visual4/1crm-update/crmclient/manifest"

// Package types. The upgrade manager shows a package's manifest type as a
// label of 1CRM's list module_types_dom in the user's language (7.x
// uploaded.tpl/installed.tpl: {$LISTS.module_types_dom[$package.type]});
// the manifest says the code. The labels are mapped in one place,
// crmclient/manifest (types.go); the list parser and the steps layer both
// go through it.

// The manifest type codes (7.x UWizard::$packageTypes).
const (
	TypePatch    = "patch"
	TypeModule   = "module"
	TypeLangpack = "langpack"
	TypeTheme    = "theme"
	TypeHolidays = "holidays"
	TypePersPack = "pers_pack"
)

// TypeCode maps a package type as a page shows it (a label of
// module_types_dom, or the code itself) to the manifest type code. ok is
// false for a label it does not know; code is then the label lower-cased
// and trimmed, so that unknown labels still compare as text.
func TypeCode(label string) (code string, ok bool) { return manifest.LookupType(label) }

// SameType reports whether two type texts (labels or codes) name the same
// manifest type; an empty type never agrees (1CRM keys packages by type
// and id).
func SameType(a, b string) bool { return manifest.SameType(a, b) }
