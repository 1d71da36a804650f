package sim

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/visual4/1crm-update/crmclient/manifest"
)

// maxFieldBytes bounds a non-file multipart field.
const maxFieldBytes = 64 << 10

// phpUploadErrIniSize is PHP's own text for UPLOAD_ERR_INI_SIZE.
const (
	phpUploadErrIniSize = "The uploaded file exceeds the upload_max_filesize directive in php.ini."
	phpUploadErrPartial = "The uploaded file was only partially uploaded."
)

// receivedUpload is the file of a multipart POST, as PHP's $_FILES sees it.
type receivedUpload struct {
	fileName string // client file name
	tmpPath  string
	size     int64
	phpErr   string // UPLOAD_ERR_* text, if PHP refused the file
}

// countingBody counts request body bytes. Past cutoff it aborts the
// connection (a proxy cutting the upload); past max it stops counting
// toward the file and flags the body as dropped (post_max_size).
type countingBody struct {
	r      io.ReadCloser
	n      int64
	cutoff int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.cutoff > 0 && c.n >= c.cutoff {
		// net/http closes the connection without an answer.
		panic(http.ErrAbortHandler)
	}
	return n, err
}

func (c *countingBody) Close() error { return c.r.Close() }

// serveMultipart reads a multipart index.php POST the way PHP does, but
// streaming: the file part goes straight to a temp file, so a 300 MB core
// package never sits in memory (spec §5.2, design.md).
func (s *Server) serveMultipart(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	if s.dropOversized(r) {
		s.dispatch(w, r, query, nil)
		return
	}
	body := &countingBody{r: s.pacedRequestBody(r), cutoff: s.sc.Faults.UploadCutoffBytes}
	r.Body = body
	mr, err := r.MultipartReader()
	if err != nil {
		http.Error(w, "bad multipart body", http.StatusBadRequest)
		return
	}
	form := url.Values{}
	for k, v := range query {
		form[k] = append([]string(nil), v...)
	}
	var up *receivedUpload
	defer func() {
		if up != nil && up.tmpPath != "" {
			os.Remove(up.tmpPath)
		}
	}()
	max := s.sc.Faults.PostMaxSize
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			http.Error(w, "bad multipart body", http.StatusBadRequest)
			return
		}
		if part.FormName() == "upgrade_zip" && part.FileName() != "" && up == nil {
			up, err = s.receiveFile(part)
			if err != nil && up == nil {
				s.phpFatal(w, phpError{msg: "cannot store upload: " + err.Error(), file: "modules/UWizard/UploadHandler.php", line: 77})
				return
			}
			if err != nil {
				// The body ended inside the file: PHP's UPLOAD_ERR_PARTIAL.
				up.phpErr = phpUploadErrPartial
				break
			}
		} else {
			b, _ := io.ReadAll(io.LimitReader(part, maxFieldBytes))
			form.Add(part.FormName(), string(b))
		}
		part.Close()
		if max > 0 && body.n > max {
			break
		}
	}
	if max > 0 && body.n > max {
		// Chunked body over post_max_size: PHP throws it all away silently.
		drainBody(r)
		s.mu.Lock()
		s.counters.UploadsDropped++
		s.mu.Unlock()
		s.logf("multipart body of %d bytes dropped (post_max_size %d)", body.n, max)
		s.dispatch(w, r, query, nil)
		return
	}
	if up != nil && up.phpErr == "" && s.sc.Faults.UploadMaxFilesize > 0 && up.size > s.sc.Faults.UploadMaxFilesize {
		up.phpErr = phpUploadErrIniSize
	}
	s.dispatch(w, r, form, up)
}

func (s *Server) receiveFile(part *multipart.Part) (*receivedUpload, error) {
	f, err := os.CreateTemp(s.opt.TempDir, "1crm-sim-upload-*.zip")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	up := &receivedUpload{fileName: baseName(part.FileName()), tmpPath: f.Name()}
	up.size, err = io.Copy(f, part)
	return up, err
}

// baseName strips any client path (browsers of old sent C:\...\file.zip).
func baseName(n string) string {
	if i := strings.LastIndexAny(n, `/\`); i >= 0 {
		n = n[i+1:]
	}
	return n
}

// upload validates and stores a received package (perform=upload, §5.2).
// It returns the message and error lines for the list page.
func (s *Server) upload(se *session, up *receivedUpload) (msgs, errs []string) {
	t := s.tr(se)
	s.mu.Lock()
	s.counters.UploadsReceived++
	s.mu.Unlock()
	if s.sc.Faults.HostedUploadDisabled {
		return nil, []string{t.UploadOff}
	}
	if up == nil {
		return nil, []string{t.ErrNoFile}
	}
	if up.phpErr != "" {
		return nil, []string{up.phpErr}
	}
	if !strings.HasSuffix(strings.ToLower(up.fileName), ".zip") {
		return nil, []string{t.ErrNotZip}
	}
	s.mu.Lock()
	for _, u := range s.uploaded {
		if u.fileName == up.fileName {
			s.mu.Unlock()
			return nil, []string{sprintf(t.ErrDuplicate, up.fileName)}
		}
	}
	s.mu.Unlock()

	m, err := readUploadedManifest(up)
	switch {
	case errors.Is(err, manifest.ErrNoManifest):
		return nil, []string{t.ErrNoManifest}
	case errors.Is(err, manifest.ErrSyntax):
		// PHP's reader would see no usable fields.
		return nil, []string{t.ErrEmptyTypeIDVersion}
	case err != nil:
		return nil, []string{t.ErrNotZip}
	}
	if err := m.Validate(); err != nil {
		if errors.Is(err, manifest.ErrInvalidType) {
			return nil, []string{sprintf(t.ErrInvalidType, m.Type)}
		}
		return nil, []string{t.ErrEmptyTypeIDVersion}
	}
	spec := fromManifest(m, up.fileName)
	cur := s.Version()
	if !accepts(spec, cur) {
		return nil, []string{invalidVersionText(t, spec, cur)}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.uploaded { // re-check: a concurrent upload may have won
		if u.fileName == up.fileName {
			return nil, []string{sprintf(t.ErrDuplicate, up.fileName)}
		}
	}
	s.uploaded = append(s.uploaded, &uploadedPkg{spec: spec, fileName: up.fileName, size: up.size})
	s.counters.UploadsAccepted++
	s.logf("package %s uploaded (%d bytes)", up.fileName, up.size)
	return []string{t.UploadOK}, nil
}

func readUploadedManifest(up *receivedUpload) (*manifest.Manifest, error) {
	f, err := os.Open(up.tmpPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return manifest.ReadZip(f, up.size)
}

func invalidVersionText(t *texts, p PackageSpec, current string) string {
	return strings.NewReplacer("{EXPECTED_VERSIONS}", expectedVersions(p), "{CURRENT_VERSION}", current).Replace(t.ErrInvalidVersion)
}
