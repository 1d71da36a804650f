package sim

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"
)

// Update downloads as a real web server sends them (spec §3, issue 12):
// a strong ETag and Last-Modified, HTTP Range with If-Range, so a client
// can continue a dropped download. Fault switches cut a download after N
// bytes (once) or turn Range support off, and a package can be served from
// a file on disk (the 1 GiB benchmark) or replaced (a changed file).
//
// The state lives beside the Server (keyed weakly by it, dropped with it),
// so that serveDownload needs only a one-line hook: serveUpdate.

// DownloadFaults switch failures of the update download on.
type DownloadFaults struct {
	// CutAfter closes the connection after this many body bytes of the
	// next download response, once (0: never).
	CutAfter int64
	// NoRange ignores Range and If-Range: every answer is 200 with the
	// whole file and no Accept-Ranges (a server without Range support).
	NoRange bool
	// NoValidator sends neither ETag nor Last-Modified.
	NoValidator bool
}

// DownloadStats count what the download handler sent.
type DownloadStats struct {
	Requests      int   // download requests answered
	Partial       int   // of those, 206 answers
	BodyBytes     int64 // body bytes written, cut answers included
	Cuts          int   // connections cut by CutAfter
	RangeRequests int   // requests that carried a Range header
}

type downloadState struct {
	mu     sync.Mutex
	faults DownloadFaults
	files  map[string]string  // update file name → file on disk
	bodies map[string]updBody // replaced or cached bodies with their validators
	stats  DownloadStats
}

// updBody is one version of an update file with its validators.
type updBody struct {
	b        []byte
	etag     string
	modified time.Time
}

func (s *Server) downloads() *downloadState {
	s.dlOnce.Do(func() { s.dl = &downloadState{files: map[string]string{}, bodies: map[string]updBody{}} })
	return s.dl
}

// SetDownloadFaults sets the download fault switches (replacing earlier ones).
func (s *Server) SetDownloadFaults(f DownloadFaults) {
	d := s.downloads()
	d.mu.Lock()
	d.faults = f
	d.mu.Unlock()
}

// ServeUpdateFile serves the update fileName from a file on disk instead
// of the built package: streamed, with the file's size and modification
// time as validators (as nginx does), so it may be any size.
func (s *Server) ServeUpdateFile(fileName, path string) {
	d := s.downloads()
	d.mu.Lock()
	d.files[fileName] = path
	delete(d.bodies, fileName)
	d.mu.Unlock()
}

// ReplaceUpdate serves other bytes under the update's name from now on:
// the file "changed on the server" (new ETag and Last-Modified).
func (s *Server) ReplaceUpdate(fileName string, b []byte) {
	d := s.downloads()
	d.mu.Lock()
	delete(d.files, fileName)
	d.bodies[fileName] = newUpdBody(b, s.opt.Now().Add(time.Second))
	d.mu.Unlock()
}

// DownloadStats returns the counts so far.
func (s *Server) DownloadStats() DownloadStats {
	d := s.downloads()
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stats
}

func newUpdBody(b []byte, at time.Time) updBody {
	sum := sha256.Sum256(b)
	return updBody{b: b, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, modified: at.UTC().Truncate(time.Second)}
}

// serveUpdate answers a download of an update; b is the built package.
func (s *Server) serveUpdate(w http.ResponseWriter, r *http.Request, name string, b []byte) {
	d := s.downloads()
	d.mu.Lock()
	faults := d.faults
	d.faults.CutAfter = 0 // once
	d.stats.Requests++
	if r.Header.Get("Range") != "" {
		d.stats.RangeRequests++
	}
	path := d.files[name]
	body, ok := d.bodies[name]
	if !ok && path == "" {
		body = newUpdBody(b, s.started())
		d.bodies[name] = body
	}
	d.mu.Unlock()

	content, etag, modified, size, closeFn, err := s.updateContent(path, body)
	if err != nil {
		s.phpFatal(w, phpError{msg: "cannot open package: " + err.Error(), file: "modules/LicenseInfo/Download.php", line: 52})
		return
	}
	defer closeFn()
	cw := &cutWriter{ResponseWriter: s.pacedResponse(w, r), raw: w, d: d, cut: faults.CutAfter}
	if !faults.NoValidator {
		w.Header().Set("ETag", etag)
	} else {
		modified = time.Time{}
	}
	if faults.NoRange {
		w.Header().Set("Content-Length", fmt.Sprint(size))
		if !modified.IsZero() {
			w.Header().Set("Last-Modified", modified.Format(http.TimeFormat))
		}
		w.WriteHeader(http.StatusOK)
		_, _ = io.Copy(cw, content)
		return
	}
	http.ServeContent(cw, r, name, modified, content)
	if cw.status == http.StatusPartialContent {
		d.mu.Lock()
		d.stats.Partial++
		d.mu.Unlock()
	}
}

// started is a fixed Last-Modified for built packages: the first download.
func (s *Server) started() time.Time { return s.opt.Now() }

// updateContent opens the bytes to serve: the file on disk or the body.
func (s *Server) updateContent(path string, body updBody) (io.ReadSeeker, string, time.Time, int64, func(), error) {
	if path == "" {
		return bytes.NewReader(body.b), body.etag, body.modified, int64(len(body.b)), func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", time.Time{}, 0, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, "", time.Time{}, 0, nil, err
	}
	etag := fmt.Sprintf(`"%x-%x"`, st.ModTime().UnixNano(), st.Size())
	return f, etag, st.ModTime(), st.Size(), func() { f.Close() }, nil
}

// cutWriter counts body bytes and, with cut > 0, ends the connection
// after that many: the bytes go out, then the handler aborts, so the
// client sees the connection drop mid-body.
type cutWriter struct {
	http.ResponseWriter
	raw    http.ResponseWriter // the server's own writer, for Flush
	d      *downloadState
	cut    int64
	n      int64
	status int
}

func (c *cutWriter) WriteHeader(code int) {
	c.status = code
	c.ResponseWriter.WriteHeader(code)
}

func (c *cutWriter) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	cutNow := false
	if c.cut > 0 && c.n+int64(len(p)) >= c.cut {
		p, cutNow = p[:c.cut-c.n], true
	}
	n, err := c.ResponseWriter.Write(p)
	c.n += int64(n)
	c.d.mu.Lock()
	c.d.stats.BodyBytes += int64(n)
	if cutNow {
		c.d.stats.Cuts++
	}
	c.d.mu.Unlock()
	if cutNow {
		_ = http.NewResponseController(c.raw).Flush()
		panic(http.ErrAbortHandler)
	}
	return n, err
}
