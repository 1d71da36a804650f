package crmclient

import "context"

// License reads the License Information page (spec §3).
func (c *Client) License(ctx context.Context) (*License, error) {
	p, err := c.adminGet(ctx, licenseQuery)
	if err != nil {
		return nil, err
	}
	l, err := parseLicense(p, c.now())
	return l, c.pageError(err)
}
