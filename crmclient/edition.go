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

// EditionFromProductNames reads the edition from the product names the
// License page lists ("1CRM Professional Edition", "Portal") when /version
// is closed (spec §1.4: Startup/Startup+ get 403), with the precedence of
// the products rule of spec §1.5.
func EditionFromProductNames(names []string) Edition {
	all := strings.ToLower(strings.Join(names, " | "))
	switch {
	case strings.Contains(all, "enterprise"):
		return EditionEnterprise
	case strings.Contains(all, "professional"):
		return EditionProfessional
	case strings.Contains(all, "startup+") || strings.Contains(all, "startup plus"):
		return EditionStartupPlus
	case strings.Contains(all, "startup"):
		return EditionStartup
	}
	return EditionUnknown
}

// Name is the product name of the edition as 1CRM spells it (the same in
// every language); "" for an unknown edition.
func (e Edition) Name() string {
	switch e {
	case EditionStartup:
		return "Startup"
	case EditionStartupPlus:
		return "Startup+"
	case EditionProfessional:
		return "Professional"
	case EditionEnterprise:
		return "Enterprise"
	}
	return ""
}
