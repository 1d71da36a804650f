package crmclient

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
)

// Upload sends a package ZIP to the upgrade manager (spec §5.2): a
// multipart POST with module=UWizard, action=index, perform=upload, the
// upload form's hidden inputs and the file in field upgrade_zip.
//
// The body is STREAMED from disk (core packages are hundreds of MB): the
// multipart head and tail are built in memory, the file in between is
// read while the request is sent, and the exact Content-Length is set
// (PHP setups dislike chunked uploads). The file is opened here, once per
// call; the POST is never retried. progress gets file bytes sent / size.
//
// Success only when the package then appears under Uploaded Packages
// (PHP silently drops bodies over post_max_size); otherwise the message
// box text mapped to its sentinel, or ErrUploadNotAccepted. A body that
// did not get through (the connection dropped) returns the transport
// error itself.
func (c *Client) Upload(ctx context.Context, path string, progress func(sent, total int64)) error {
	uw, err := c.uwizard(ctx)
	if err != nil {
		return err
	}
	if err := uw.usable(); err != nil {
		return err
	}
	if uw.uploadForm == nil && uw.list.UploadDisabled {
		return &ServerMessageError{Kind: ErrUploadDisabled, Text: uw.list.Message}
	}
	if uw.uploadForm == nil {
		return &PageChangedError{Page: "uwizard", Missing: []string{`upload form (file field "upgrade_zip")`}}
	}
	before := map[string]bool{}
	for _, u := range uw.list.Uploaded {
		before[u.Source] = true
	}

	f := uw.uploadForm.clone()
	f.del("upgrade_zip")
	ownFields(f, "upload", "")
	resp, sendErr := c.postStreamed(ctx, f, path, progress)
	if ctx.Err() != nil {
		return ctx.Err()
	}

	// The answer is the list page with a message box above the lists
	// (found by its own markup, never by where it sits). A red box or a
	// known error text wins: a duplicate name is listed already, but it is
	// the OLD file. Otherwise success only if a package appeared that was
	// not listed before (spec §5.2) — PHP may drop a body silently.
	fatal := fatalError(ErrUploadNotAccepted, resp) // judged by the list first: PHP may have died after storing the file
	var box messageBox
	hasBox := false
	if resp != nil && fatal == nil {
		if box, hasBox = findMessageBox(resp); hasBox && box.failure {
			return withDetail(classifiedOr(box.text, ErrUploadNotAccepted), box.text, resp)
		}
	}
	after, err := c.uwizard(ctx)
	if err != nil {
		return err
	}
	for _, u := range after.list.Uploaded {
		if u.Source != "" && !before[u.Source] {
			return nil
		}
	}
	if errors.Is(sendErr, ErrSessionExpired) {
		return ErrSessionExpired
	}
	if fatal != nil {
		return fatal
	}
	msg := box.text
	if resp != nil && !hasBox {
		// No box: what the answer shows that the plain list page does not
		// (an unknown theme's message; the rows of both pages cancel out).
		msg = messageText(resp, after.page)
	}
	if m := classifyMessage(msg); m.failure() && m.kind != nil {
		return withDetail(m.kind, msg, resp)
	}
	if sendErr != nil {
		// The body did not get through (connection reset or closed in the
		// middle of it): that is the transport's error, not a message of
		// 1CRM's, and not its upload limit either (issue 8).
		return sendErr
	}
	return withDetail(ErrUploadNotAccepted, msg, resp)
}

// classifiedOr is the sentinel of a known error text, else def.
func classifiedOr(text string, def error) error {
	if m := classifyMessage(text); m.failure() && m.kind != nil {
		return m.kind
	}
	return def
}

// postStreamed sends the multipart body and returns the answer page.
func (c *Client) postStreamed(ctx context.Context, f *form, path string, progress func(sent, total int64)) (*page, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, fl := range f.fields {
		if err := mw.WriteField(fl.name, fl.value); err != nil {
			return nil, err
		}
	}
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="upgrade_zip"; filename="%s"`,
		strings.NewReplacer(`"`, "_", "\r", "_", "\n", "_").Replace(filepath.Base(path))))
	h.Set("Content-Type", "application/zip")
	if _, err := mw.CreatePart(h); err != nil {
		return nil, err
	}
	head := append([]byte(nil), buf.Bytes()...)
	buf.Reset()
	if err := mw.Close(); err != nil { // writes only the closing boundary into buf
		return nil, err
	}
	tail := append([]byte(nil), buf.Bytes()...) // "\r\n--boundary--\r\n"

	cr := &countingReader{r: file, total: size, fn: progress}
	body := io.MultiReader(bytes.NewReader(head), cr, bytes.NewReader(tail))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.action.String(), io.NopCloser(body))
	if err != nil {
		return nil, err
	}
	req.ContentLength = int64(len(head)) + size + int64(len(tail))
	req.GetBody = nil // a consumed body cannot be replayed: no transport retry
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	resp, err := c.plain.Do(req)
	if err != nil {
		return nil, c.transportError(err)
	}
	defer drain(resp.Body)
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return nil, err
	}
	if loc := resp.Header.Get("Location"); resp.StatusCode >= 300 && resp.StatusCode < 400 && loc != "" {
		next, err := f.action.Parse(loc)
		if err != nil {
			return nil, err
		}
		if isLoginURL(next) {
			c.markLoggedOut()
			return nil, ErrSessionExpired
		}
		return c.adminGetURL(ctx, next, c.cfg.Timeout)
	}
	p := newPage(f.action, resp.StatusCode, b)
	p.header = resp.Header
	c.recordPage(ctx, http.MethodPost, p, f.values())
	if p.isLoginPage() {
		c.markLoggedOut()
		return nil, ErrSessionExpired
	}
	return p, nil
}

// countingReader reports progress as the transport reads the file.
type countingReader struct {
	r     io.Reader
	n     atomic.Int64
	total int64
	fn    func(sent, total int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		v := c.n.Add(int64(n))
		if c.fn != nil {
			c.fn(v, c.total)
		}
	}
	return n, err
}
