package crmclient

import "strings"

// EditionFromProducts applies the rule of spec §1.5 to the /version
// "products" list: enterprise → Enterprise; else infoathand → Professional;
// else startup_plus (the simulator's placeholder; the real code is unknown)
// → Startup+; else startup → Startup; else EditionUnknown. Add-on codes
// (portal, quickbooks, previews, designer) do not decide the edition.
func EditionFromProducts(products []string) Edition {
	has := map[string]bool{}
	for _, p := range products {
		has[strings.ToLower(strings.TrimSpace(p))] = true
	}
	switch {
	case has["enterprise"]:
		return EditionEnterprise
	case has["infoathand"]:
		return EditionProfessional
	case has["startup_plus"], has["startupplus"], has["startup+"]:
		return EditionStartupPlus
	case has["startup"]:
		return EditionStartup
	}
	return EditionUnknown
}
