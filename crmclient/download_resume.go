package crmclient

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// download is one Download call: the part file, what is known about the
// server's file, and the running totals.
type download struct {
	c    *Client
	ctx  context.Context
	url  *url.URL
	dest string
	part string
	opt  DownloadOptions
	res  *DownloadResult

	f           partFile
	off         int64    // bytes in the part file
	meta        partMeta // the server's file the part belongs to
	joined      bool     // the part holds bytes of more than one response
	fromEarlier bool     // the part was left by an earlier call
	noted       bool     // DownloadResumed was reported
}

// partMeta is the sidecar next to the part file: which file the bytes
// belong to. The URL is kept as a hash only (a download link may carry a
// key).
type partMeta struct {
	URL          string `json:"url_sha256"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	Size         int64  `json:"size"` // -1: unknown
}

// validator is what If-Range may carry: a strong ETag (RFC 9110 §13.1.5
// forbids weak ones there), else the Last-Modified date; "" when neither
// is known, and then a part cannot be continued safely.
func (m partMeta) validator() string {
	if m.ETag != "" && !strings.HasPrefix(m.ETag, "W/") {
		return m.ETag
	}
	return m.LastModified
}

func urlHash(u *url.URL) string {
	s := sha256.Sum256([]byte(u.String()))
	return hex.EncodeToString(s[:])
}

func (d *download) sidecar() string { return d.part + ".json" }

func (d *download) writeErr(err error) error { return &DownloadWriteError{Path: d.dest, Err: err} }

func (d *download) note(n DownloadNote) {
	if d.opt.Note != nil {
		d.opt.Note(n)
	}
}

func (d *download) total() int64 { return d.meta.Size }

// openPart opens the part file, keeping what an earlier call left when
// its sidecar says it belongs to this URL and a validator is known.
func (d *download) openPart() error {
	d.meta = partMeta{URL: urlHash(d.url), Size: -1}
	if st, err := os.Stat(d.part); err == nil && st.Size() > 0 {
		reason := RestartReason("")
		var m partMeta
		b, err := os.ReadFile(d.sidecar())
		switch {
		case err != nil || json.Unmarshal(b, &m) != nil || m.validator() == "":
			reason = RestartNoValidator
		case m.URL != d.meta.URL || (m.Size >= 0 && st.Size() > m.Size):
			reason = RestartChanged
		default:
			d.meta, d.off, d.fromEarlier = m, st.Size(), true
		}
		if reason != "" {
			d.res.Restarts = append(d.res.Restarts, reason)
			d.note(DownloadNote{Kind: DownloadRestarted, Offset: st.Size(), Total: -1, Reason: reason})
		}
	}
	return d.reopen()
}

// reopen opens the part file at the current offset.
func (d *download) reopen() error {
	if dir := filepath.Dir(d.part); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return d.writeErr(err)
		}
	}
	f, err := openPart(d.part)
	if err != nil {
		return d.writeErr(err)
	}
	d.f = f
	if err := f.Truncate(d.off); err != nil {
		return d.writeErr(err)
	}
	if _, err := f.Seek(d.off, io.SeekStart); err != nil {
		return d.writeErr(err)
	}
	return nil
}

// restart drops the part: the file is fetched from its first byte.
func (d *download) restart(reason RestartReason) error {
	d.res.Restarts = append(d.res.Restarts, reason)
	d.note(DownloadNote{Kind: DownloadRestarted, Offset: d.off, Total: d.total(), Reason: reason})
	d.off, d.joined, d.fromEarlier = 0, false, false
	if err := d.f.Truncate(0); err != nil {
		return d.writeErr(err)
	}
	if _, err := d.f.Seek(0, io.SeekStart); err != nil {
		return d.writeErr(err)
	}
	return nil
}

// netError marks a failure a reconnect may cure: a dropped or refused
// connection, a gateway error.
type netError struct{ err error }

func (e *netError) Error() string { return e.err.Error() }
func (e *netError) Unwrap() error { return e.err }

func retryable(err error) bool {
	var ne *netError
	return errors.As(err, &ne)
}

// attempt sends one request and writes its body; done means the part
// holds the whole file.
func (d *download) attempt() (done bool, err error) {
	if d.meta.Size >= 0 && d.off == d.meta.Size && d.off > 0 {
		return true, nil // complete already (stopped before the rename)
	}
	if d.off > 0 && d.meta.validator() == "" {
		if err := d.restart(RestartNoValidator); err != nil {
			return false, err
		}
	}
	req, err := http.NewRequestWithContext(d.ctx, http.MethodGet, d.url.String(), nil)
	if err != nil {
		return false, err
	}
	req.Header.Set("User-Agent", d.c.cfg.UserAgent)
	// Byte offsets must be those of the file itself: no transparent gzip
	// (Go's transport would decode it, and a Range counts encoded bytes).
	req.Header.Set("Accept-Encoding", "identity")
	if d.off > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(d.off, 10)+"-")
		req.Header.Set("If-Range", d.meta.validator())
	}
	resp, err := d.c.follow.Do(req)
	if err != nil {
		if d.ctx.Err() != nil {
			return false, d.ctx.Err()
		}
		return false, &netError{d.c.transportError(err)}
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusPartialContent:
		if err := d.continued(resp); err != nil {
			return false, err
		}
	case http.StatusOK:
		if err := d.fresh(resp); err != nil {
			return false, err
		}
	case http.StatusRequestedRangeNotSatisfiable:
		if d.meta.Size >= 0 && d.off == d.meta.Size {
			return true, nil
		}
		if err := d.restart(RestartChanged); err != nil {
			return false, err
		}
		return false, &netError{errors.New("download: the server refused the range; starting over")}
	default:
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrBody))
		e := &APIError{Status: resp.StatusCode, Message: firstLine(b), Body: string(b)}
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusServiceUnavailable || resp.StatusCode == http.StatusGatewayTimeout {
			return false, &netError{e}
		}
		return false, e
	}
	return d.body(resp.Body)
}

// continued accepts a 206 answer only for exactly the range asked for.
func (d *download) continued(resp *http.Response) error {
	start, total, ok := parseContentRange(resp.Header.Get("Content-Range"))
	if !ok || start != d.off || (d.meta.Size >= 0 && total >= 0 && total != d.meta.Size) {
		if err := d.restart(RestartChanged); err != nil {
			return err
		}
		return &netError{fmt.Errorf("download: unexpected Content-Range %q; starting over", resp.Header.Get("Content-Range"))}
	}
	if d.meta.Size < 0 && total >= 0 {
		d.meta.Size = total
		if err := d.saveMeta(); err != nil {
			return err
		}
	}
	d.joined = true
	if d.fromEarlier && !d.noted {
		d.noted = true
		d.res.ResumedFrom = d.off
		d.note(DownloadNote{Kind: DownloadResumed, Offset: d.off, Total: d.meta.Size})
	}
	return nil
}

// fresh takes a 200 answer: the whole file from its first byte. To a
// range request that means no Range support, or (If-Range) a changed file.
func (d *download) fresh(resp *http.Response) error {
	m := partMeta{URL: urlHash(d.url), ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Size: resp.ContentLength}
	if d.off > 0 {
		reason := RestartNoRange
		if (d.meta.ETag != "" && m.ETag != d.meta.ETag) || (d.meta.ETag == "" && d.meta.LastModified != "" && m.LastModified != d.meta.LastModified) {
			reason = RestartChanged
		}
		if err := d.restart(reason); err != nil {
			return err
		}
	}
	d.meta = m
	return d.saveMeta()
}

// saveMeta writes the sidecar before the bytes it describes.
func (d *download) saveMeta() error {
	b, err := json.Marshal(d.meta)
	if err != nil {
		return err
	}
	if err := writeFileReplacing(d.sidecar(), b); err != nil {
		return d.writeErr(err)
	}
	return nil
}

// writeFileReplacing writes b to a temp file beside path, syncs it and
// renames it over path, so a crash leaves the old sidecar or the new one.
// (os.Rename replaces an existing file on Windows too; renameio does not
// build there.)
func writeFileReplacing(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o600)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// body appends the response to the part file.
func (d *download) body(r io.Reader) (bool, error) {
	if d.opt.Progress != nil {
		d.opt.Progress(d.off, d.total())
	}
	buf := make([]byte, 256<<10)
	for {
		n, rerr := r.Read(buf)
		if n > 0 {
			if _, werr := d.f.Write(buf[:n]); werr != nil {
				return false, d.writeErr(werr)
			}
			d.off += int64(n)
			d.res.Transferred += int64(n)
			if d.opt.Progress != nil {
				d.opt.Progress(d.off, d.total())
			}
		}
		if err := d.ctx.Err(); err != nil {
			return false, err // the transport notices a cancel only later
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return false, &netError{rerr}
		}
	}
	if d.meta.Size >= 0 && d.off < d.meta.Size {
		return false, &netError{io.ErrUnexpectedEOF}
	}
	return true, nil
}

// parseContentRange reads "bytes START-END/TOTAL" (TOTAL may be "*": -1).
func parseContentRange(v string) (start, total int64, ok bool) {
	rest, found := strings.CutPrefix(strings.TrimSpace(v), "bytes ")
	if !found {
		return 0, 0, false
	}
	rng, tot, found := strings.Cut(rest, "/")
	if !found {
		return 0, 0, false
	}
	first, _, found := strings.Cut(rng, "-")
	if !found {
		return 0, 0, false
	}
	start, err := strconv.ParseInt(strings.TrimSpace(first), 10, 64)
	if err != nil {
		return 0, 0, false
	}
	total = -1
	if tot = strings.TrimSpace(tot); tot != "*" {
		if total, err = strconv.ParseInt(tot, 10, 64); err != nil {
			return 0, 0, false
		}
	}
	return start, total, true
}

// keep leaves the part for a later call: synced, so a resumed run finds
// every byte counted.
func (d *download) keep() {
	if d.f != nil {
		_ = d.f.Sync()
	}
}

// discard removes the part and its sidecar (local write failure, a file
// that is no ZIP).
func (d *download) discard() {
	if d.f != nil {
		_ = d.f.Close()
		d.f = nil
	}
	_ = os.Remove(d.part)
	_ = os.Remove(d.sidecar())
}

// closePart syncs and closes the finished part.
func (d *download) closePart() error {
	if err := d.f.Sync(); err != nil {
		d.discard()
		return d.writeErr(err)
	}
	err := d.f.Close()
	d.f = nil
	if err != nil {
		d.discard()
		return d.writeErr(err)
	}
	return nil
}

// commit renames the checked part to its name; the rename is the commit.
func (d *download) commit() error {
	if err := os.Rename(d.part, d.dest); err != nil {
		d.discard()
		return d.writeErr(err)
	}
	_ = os.Remove(d.sidecar())
	if dir, err := os.Open(filepath.Dir(d.dest)); err == nil {
		_ = dir.Sync()
		_ = dir.Close()
	}
	d.res.Size = d.off
	return nil
}
