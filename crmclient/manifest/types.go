package manifest

import "strings"

// typeLabels maps what the upgrade manager's lists show in the Type column
// to the manifest type code. The lists render {$LISTS.module_types_dom[type]}
// (modules/UWizard/templates/uploaded.tpl), so a German admin sees "Modul"
// and every language sees "Language"/"Sprache" for a langpack. Labels are
// module_types_dom of 1CRM's en_us, de_DE and fr_FR language files
// (fcoach66/1crm_open_translations; spec evidence U7).
var typeLabels = map[string]string{
	// en_us
	"theme": "theme", "language": "langpack", "module": "module", "patch": "patch",
	"holidays pack": "holidays", "personality pack": "pers_pack",
	// de_DE
	"design thema": "theme", "sprache": "langpack", "modul": "module",
	"feiertage (länderpack)": "holidays", "persönliche feiertagtabelle": "pers_pack",
	// fr_FR
	"thème": "theme", "langue": "langpack", "pack congés": "holidays", "pack personnalisé": "pers_pack",
}

// TypeCode returns the manifest type code ("module", "langpack", …) for a
// type code or a Type label as the upgrade manager renders it, ignoring
// case and surrounding space. An unknown word comes back lower-cased, so
// it can only equal itself.
func TypeCode(label string) string {
	code, _ := LookupType(label)
	return code
}

// LookupType is TypeCode that also says whether the word is a known type
// code or label.
func LookupType(label string) (code string, ok bool) {
	l := strings.ToLower(strings.Join(strings.Fields(label), " "))
	for _, code := range Types {
		if l == code {
			return code, true
		}
	}
	if code, ok := typeLabels[l]; ok {
		return code, true
	}
	return l, false
}

// SameType reports whether two types (codes or rendered labels) name the
// same package type. 1CRM keeps one package per type and id (UWizard.php
// isInstallable filters upgrade_history by type and id_name), so a
// language pack and a module that share a name are different packages; an
// empty type cannot be shown to agree and never matches.
func SameType(a, b string) bool {
	ca, cb := TypeCode(a), TypeCode(b)
	return ca != "" && ca == cb
}
