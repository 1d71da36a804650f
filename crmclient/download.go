package crmclient

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
)

// Download fetches an update ZIP (the License page's download link, spec
// §3) to destPath. The session cookie goes along only when the URL is on
// the instance's host (the cookie jar scopes it). The file is written to
// a temporary file in the same directory, synced, checked to be a ZIP and
// then renamed; a non-ZIP (often a login or error page) → ErrDownloadNotZip.
// No client timeout: context only. progress gets bytes so far / total
// (total -1 when the server sends no length).
func (c *Client) Download(ctx context.Context, rawURL, destPath string, progress func(got, total int64)) error {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("download: not an http(s) URL")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	resp, err := c.follow.Do(req)
	if err != nil {
		return c.transportError(err)
	}
	defer drain(resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrBody))
		return &APIError{Status: resp.StatusCode, Message: firstLine(b), Body: string(b)}
	}
	dir := filepath.Dir(destPath)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(destPath)+".part-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			_ = tmp.Close()
			_ = os.Remove(tmpName)
		}
	}()
	cr := &countingReader{r: resp.Body, total: resp.ContentLength, fn: progress}
	if _, err := io.Copy(tmp, cr); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("download interrupted: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := checkZip(tmpName); err != nil {
		return err
	}
	if err := os.Rename(tmpName, destPath); err != nil {
		return err
	}
	ok = true
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

func checkZip(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	_ = f.Close()
	head = head[:n]
	if n < 4 || string(head[:2]) != "PK" {
		return &ServerMessageError{Kind: ErrDownloadNotZip, Text: firstLine(head)}
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return &ServerMessageError{Kind: ErrDownloadNotZip, Text: err.Error()}
	}
	return zr.Close()
}
