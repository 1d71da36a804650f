package steps

import "github.com/visual4/1crm-update/crmclient"

// The real client satisfies CRM; a signature drift breaks the build here,
// not in the UI.
var _ CRM = (*crmclient.Client)(nil)
