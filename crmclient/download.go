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

// DownloadWriteError means the download itself worked but the file could
// not be written locally (disk full, read-only, no permission). The partial
// file is already removed. Callers word it by the system error inside
// (errors.Is(err, syscall.ENOSPC)), not as a network problem.
type DownloadWriteError struct {
	Path string // the destination the ZIP was meant for
	Err  error
}

func (e *DownloadWriteError) Error() string {
	return "download: cannot write " + e.Path + ": " + e.Err.Error()
}
func (e *DownloadWriteError) Unwrap() error { return e.Err }

// Dir is the folder that could not take the file.
func (e *DownloadWriteError) Dir() string { return filepath.Dir(e.Path) }

// partFile is the temporary file a download goes to; a variable so tests
// can inject a full disk (as root, permissions do not stop writes).
type partFile interface {
	io.Writer
	Sync() error
	Close() error
	Name() string
}

var createPart = func(dir, pattern string) (partFile, error) { return os.CreateTemp(dir, pattern) }

// Download fetches an update ZIP (the License page's download link, spec
// §3) to destPath. The session cookie goes along only when the URL is on
// the instance's host (the cookie jar scopes it). The file is written to
// a temporary file in the same directory, synced, checked to be a ZIP and
// then renamed; a non-ZIP (often a login or error page) → ErrDownloadNotZip.
// A local write failure → *DownloadWriteError; a cancel → ctx.Err(). On
// any failure the temporary file is removed and destPath is untouched.
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
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return c.transportError(err)
	}
	defer drain(resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrBody))
		return &APIError{Status: resp.StatusCode, Message: firstLine(b), Body: string(b)}
	}
	dir := filepath.Dir(destPath)
	writeErr := func(err error) error { return &DownloadWriteError{Path: destPath, Err: err} }
	tmp, err := createPart(dir, "."+filepath.Base(destPath)+".part-*")
	if err != nil {
		return writeErr(err)
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
	dst := &trackedWriter{w: tmp}
	if _, err := io.Copy(dst, cr); err != nil {
		switch {
		case dst.err != nil:
			return writeErr(dst.err) // the disk, not the network
		case ctx.Err() != nil:
			return ctx.Err()
		}
		return fmt.Errorf("download interrupted: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return writeErr(err)
	}
	if err := tmp.Close(); err != nil {
		return writeErr(err)
	}
	if err := checkZip(tmpName); err != nil {
		return err
	}
	if err := os.Rename(tmpName, destPath); err != nil {
		return writeErr(err)
	}
	ok = true
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// trackedWriter remembers a write failure, so a copy error can be told
// apart: the local disk or the connection.
type trackedWriter struct {
	w   io.Writer
	err error
}

func (t *trackedWriter) Write(p []byte) (int, error) {
	n, err := t.w.Write(p)
	if err != nil {
		t.err = err
	}
	return n, err
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
