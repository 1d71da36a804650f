package doctor

import "github.com/visual4/1crm-update/crmclient"

// editionName is the product name shown to the admin (not translated).
func editionName(e crmclient.Edition) string {
	if n := e.Name(); n != "" {
		return n
	}
	return "?"
}
