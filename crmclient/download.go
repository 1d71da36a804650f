package crmclient

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"
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

// DownloadOptions tune Download; the zero value is usable.
type DownloadOptions struct {
	// Progress gets the bytes in the file so far (a kept part included)
	// and the full size (-1 when the server sends none). The first call
	// comes when a response starts, with the bytes kept.
	Progress func(got, total int64)
	// Note gets resume, restart and reconnect events as they happen.
	Note func(DownloadNote)
	// Retries is how many times a dropped connection is picked up again
	// within one call (consecutive drops without new bytes); 0 means the
	// default 5, a negative value none.
	Retries int
	// RetryWait is the first wait before a reconnect, doubled each time
	// up to 30 s; 0 means 1 s.
	RetryWait time.Duration
}

// DownloadNoteKind says what a DownloadNote reports.
type DownloadNoteKind string

const (
	// DownloadResumed: the kept part (Offset bytes) is continued.
	DownloadResumed DownloadNoteKind = "resumed"
	// DownloadRestarted: the kept part was dropped (Reason) and the file
	// is fetched from the start.
	DownloadRestarted DownloadNoteKind = "restarted"
	// DownloadRetrying: the connection dropped at Offset (Err); attempt
	// Attempt of Of follows after Wait.
	DownloadRetrying DownloadNoteKind = "retrying"
)

// RestartReason says why a kept part could not be continued.
type RestartReason string

const (
	RestartNoRange     RestartReason = "no_range"     // the server sent the whole file to a range request (no Range support)
	RestartChanged     RestartReason = "changed"      // the file on the server changed (ETag/Last-Modified differ)
	RestartNoValidator RestartReason = "no_validator" // no strong ETag or Last-Modified known: a part cannot be continued safely
	RestartCorrupt     RestartReason = "corrupt"      // the joined file failed its CRC check
)

// DownloadNote is one event of a download, for the UI and the journal.
type DownloadNote struct {
	Kind    DownloadNoteKind
	Offset  int64 // bytes kept (resumed) or in the file when the connection dropped (retrying)
	Total   int64 // full size, -1 when unknown
	Reason  RestartReason
	Attempt int           // retrying: this reconnect …
	Of      int           // … of at most this many
	Wait    time.Duration // retrying: pause before the reconnect
	Err     error         // retrying: what dropped the connection
}

// DownloadResult sums up a finished download.
type DownloadResult struct {
	Size        int64 // bytes of the finished file
	Transferred int64 // bytes received over the network in this call
	ResumedFrom int64 // bytes of an earlier attempt that were kept (0: none)
	Restarts    []RestartReason
	Retries     int // reconnects after dropped connections
}

// partFile is the part file a download writes; a variable so tests can
// inject a full disk (as root, permissions do not stop writes).
type partFile interface {
	io.Writer
	Sync() error
	Close() error
	Name() string
	Truncate(size int64) error
	Seek(offset int64, whence int) (int64, error)
}

var openPart = func(name string) (partFile, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE, 0o600)
}

// Download fetches an update ZIP (the License page's download link, spec
// §3) to destPath, resumably. The bytes go to destPath+".part"; a small
// sidecar (destPath+".part.json") keeps the server's validator (strong
// ETag or Last-Modified) and size. A dropped connection is picked up with
// an HTTP Range request guarded by If-Range, within this call (Retries,
// with backoff, reported as DownloadRetrying) or by a later call with the
// same destPath — a new run included (DownloadResumed). A server without
// Range support, or a file that changed, answers with the whole file: the
// part is dropped and the download starts over (DownloadRestarted, with
// the reason). The finished file is synced and checked to be a ZIP (a
// joined one also by every entry's CRC) and renamed to destPath; a non-ZIP
// (often a login or error page) → ErrDownloadNotZip. A local write failure
// → *DownloadWriteError (part removed); a cancel → ctx.Err() and a network
// failure after the retries keep the part for the next call. The session
// cookie goes along only when the URL is on the instance's host. No client
// timeout: context only.
func (c *Client) Download(ctx context.Context, rawURL, destPath string, opt DownloadOptions) (*DownloadResult, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("download: not an http(s) URL")
	}
	d := &download{c: c, ctx: ctx, url: u, dest: destPath, part: destPath + ".part", opt: opt.withDefaults(), res: &DownloadResult{}}
	if err := d.run(); err != nil {
		return nil, err
	}
	return d.res, nil
}

func (o DownloadOptions) withDefaults() DownloadOptions {
	switch {
	case o.Retries == 0:
		o.Retries = 5
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.RetryWait <= 0 {
		o.RetryWait = time.Second
	}
	return o
}

// maxRetryWait caps the doubling backoff between reconnects.
const maxRetryWait = 30 * time.Second

// run fetches until the part is complete, then checks and commits it.
func (d *download) run() error {
	if err := d.openPart(); err != nil {
		return err
	}
	defer func() {
		if d.f != nil {
			_ = d.f.Close()
		}
	}()
	corruptOnce := false
	for {
		if err := d.fetch(); err != nil {
			return err
		}
		if err := d.closePart(); err != nil {
			return err
		}
		err := d.check()
		if err == nil {
			return d.commit()
		}
		if !d.joined || corruptOnce || !errors.Is(err, ErrDownloadNotZip) {
			d.discard()
			return err
		}
		// A file joined from several responses failed its check: fetch
		// it once more in one piece before calling it broken.
		corruptOnce = true
		if err := d.reopen(); err != nil {
			return err
		}
		if err := d.restart(RestartCorrupt); err != nil {
			return err
		}
	}
}

// fetch requests and writes until the file is complete, picking up dropped
// connections up to the retry limit.
func (d *download) fetch() error {
	failures := 0
	wait := d.opt.RetryWait
	for {
		before := d.off
		done, err := d.attempt()
		if done {
			return nil
		}
		var dwe *DownloadWriteError
		switch {
		case errors.As(err, &dwe):
			d.discard()
			return err
		case d.ctx.Err() != nil:
			d.keep()
			return d.ctx.Err()
		case !retryable(err):
			d.keep()
			return err
		}
		if d.off > before {
			failures, wait = 0, d.opt.RetryWait // progress: a new streak
		}
		failures++
		if failures > d.opt.Retries {
			d.keep()
			return fmt.Errorf("download interrupted: %w", err)
		}
		d.res.Retries++
		d.note(DownloadNote{Kind: DownloadRetrying, Offset: d.off, Total: d.total(), Attempt: failures, Of: d.opt.Retries, Wait: wait, Err: err})
		if err := sleepCtx(d.ctx, wait); err != nil {
			d.keep()
			return err
		}
		wait = min(2*wait, maxRetryWait)
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// check: a ZIP, and for a file joined from several responses every
// entry's CRC-32, since a server that sent other bytes under the same
// validator would otherwise go unnoticed.
func (d *download) check() error {
	if err := checkZip(d.part); err != nil {
		return err
	}
	if d.joined {
		return checkZipCRC(d.part)
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

// checkZipCRC reads every entry to its end; archive/zip compares the CRC-32.
func checkZipCRC(path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return &ServerMessageError{Kind: ErrDownloadNotZip, Text: err.Error()}
	}
	defer zr.Close()
	buf := make([]byte, 1<<20) // io.Discard alone would read in 8 KiB steps
	for _, f := range zr.File {
		rc, err := f.Open()
		if err == nil {
			_, err = io.CopyBuffer(discard{}, rc, buf)
			_ = rc.Close()
		}
		if err != nil {
			return &ServerMessageError{Kind: ErrDownloadNotZip, Text: f.Name + ": " + err.Error()}
		}
	}
	return nil
}

// discard is io.Discard without ReadFrom, so io.CopyBuffer uses its buffer.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
