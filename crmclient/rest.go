package crmclient

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// maxPageSize is the server's cap on one list page (spec §1.1).
const maxPageSize = 200

// Version calls GET /version (no auth). A 404 or an HTML answer means the
// address is not a 1CRM base URL → ErrNotOneCRM; a 403 → ErrAPINotAvailable
// (Startup/Startup+ or API disabled) or ErrPlainHTTPRefused.
func (c *Client) Version(ctx context.Context) (*VersionInfo, error) {
	var v VersionInfo
	err := c.callJSON(ctx, apiCall{method: http.MethodGet, path: "/version"}, &v)
	if err != nil {
		var nj *NotJSONError
		if errors.As(err, &nj) {
			return nil, fmt.Errorf("%w: %w", ErrNotOneCRM, err)
		}
		return nil, err
	}
	if v.Version == "" {
		return nil, fmt.Errorf("%w: /version answered without a version", ErrNotOneCRM)
	}
	v.Edition = EditionFromProducts(v.Products)
	c.stateMu.Lock()
	c.lastEdition = v.Edition
	c.stateMu.Unlock()
	return &v, nil
}

// PublicKey calls GET /public_key and returns the PEM text.
func (c *Client) PublicKey(ctx context.Context) (string, error) {
	var k struct {
		Key string `json:"key"`
	}
	if err := c.callJSON(ctx, apiCall{method: http.MethodGet, path: "/public_key"}, &k); err != nil {
		return "", err
	}
	if k.Key == "" {
		return "", fmt.Errorf("/public_key answered without a key")
	}
	return k.Key, nil
}

// Me calls GET /me (authenticated), decoding leniently.
func (c *Client) Me(ctx context.Context) (*Me, error) {
	var m Me
	if err := c.callJSON(ctx, apiCall{method: http.MethodGet, path: "/me", auth: true}, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// MetaFields calls GET /meta/fields/{model} and returns the "fields" map.
func (c *Client) MetaFields(ctx context.Context, model string) (map[string]any, error) {
	var m struct {
		Fields map[string]any `json:"fields"`
	}
	p := "/meta/fields/" + url.PathEscape(model)
	if err := c.callJSON(ctx, apiCall{method: http.MethodGet, path: p, auth: true}, &m); err != nil {
		return nil, err
	}
	return m.Fields, nil
}

// List calls GET /data/{model} with PHP-array query syntax (spec §1.1).
func (c *Client) List(ctx context.Context, model string, opt ListOptions) (*ListResult, error) {
	var r ListResult
	p := "/data/" + url.PathEscape(model)
	if err := c.callJSON(ctx, apiCall{method: http.MethodGet, path: p, query: listQuery(opt), auth: true}, &r); err != nil {
		return nil, err
	}
	if r.Records == nil {
		r.Records = []map[string]any{}
	}
	return &r, nil
}

func listQuery(opt ListOptions) url.Values {
	q := url.Values{}
	for _, f := range opt.Fields {
		q.Add("fields[]", f)
	}
	for k, v := range opt.Filters {
		q.Set("filters["+k+"]", v)
	}
	if opt.FilterText != "" {
		q.Set("filter_text", opt.FilterText)
	}
	if opt.Order != "" {
		q.Set("order", opt.Order)
	}
	if opt.Offset > 0 {
		q.Set("offset", strconv.Itoa(opt.Offset))
	}
	if opt.Limit > 0 {
		q.Set("limit", strconv.Itoa(opt.Limit))
	}
	return q
}

// ListAll pages through /data/{model}: loop while offset < total_results,
// adding len(records) each time (spec §1.2). fn is called per record; an
// error from fn stops the loop and is returned.
func (c *Client) ListAll(ctx context.Context, model string, opt ListOptions, fn func(map[string]any) error) error {
	if opt.Limit <= 0 || opt.Limit > maxPageSize {
		opt.Limit = maxPageSize
	}
	for {
		r, err := c.List(ctx, model, opt)
		if err != nil {
			return err
		}
		for _, rec := range r.Records {
			if err := fn(rec); err != nil {
				return err
			}
		}
		if len(r.Records) == 0 {
			return nil // guards against a server that under-reports progress
		}
		opt.Offset += len(r.Records)
		if opt.Offset >= r.TotalResults {
			return nil
		}
	}
}

// Get calls GET /data/{model}/{id} and returns the "record" object.
func (c *Client) Get(ctx context.Context, model, id string) (map[string]any, error) {
	var r struct {
		Record map[string]any `json:"record"`
	}
	p := "/data/" + url.PathEscape(model) + "/" + url.PathEscape(id)
	if err := c.callJSON(ctx, apiCall{method: http.MethodGet, path: p, auth: true}, &r); err != nil {
		return nil, err
	}
	if r.Record == nil {
		return nil, fmt.Errorf("%s answered without a record", p)
	}
	return r.Record, nil
}

// PDF calls GET /printer/pdf/{model}/{id}; the body must start with
// "%PDF-", otherwise ErrNotPDF (a broken custom template, spec §9 #6).
func (c *Client) PDF(ctx context.Context, model, id string) ([]byte, error) {
	p := "/printer/pdf/" + url.PathEscape(model) + "/" + url.PathEscape(id)
	resp, err := c.callAPI(ctx, apiCall{method: http.MethodGet, path: p, auth: true, raw: true})
	if err != nil {
		return nil, err
	}
	b := resp.Body()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: body starts with %q", ErrNotPDF, firstLine(b))
	}
	return b, nil
}
