package doctor

import (
	"strings"

	"github.com/visual4/1crm-update/crmclient"
)

// editionName is the product name shown to the admin (not translated).
func editionName(e crmclient.Edition) string {
	switch e {
	case crmclient.EditionEnterprise:
		return "Enterprise"
	case crmclient.EditionProfessional:
		return "Professional"
	case crmclient.EditionStartupPlus:
		return "Startup+"
	case crmclient.EditionStartup:
		return "Startup"
	}
	return "?"
}

// editionFromProductNames reads the edition from the License page product
// names when /version is closed (spec §1.4: Startup/Startup+ get 403), using
// the same precedence as the products rule of spec §1.5.
func editionFromProductNames(names []string) crmclient.Edition {
	has := func(word string) bool {
		for _, n := range names {
			if strings.Contains(strings.ToLower(n), word) {
				return true
			}
		}
		return false
	}
	switch {
	case has("enterprise"):
		return crmclient.EditionEnterprise
	case has("professional"):
		return crmclient.EditionProfessional
	case has("startup+") || has("startup plus"):
		return crmclient.EditionStartupPlus
	case has("startup"):
		return crmclient.EditionStartup
	}
	return crmclient.EditionUnknown
}
