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

// PHP's $_FILES error codes the simulator produces; UWizard::upload turns
// them into its own UPLOAD_ERR_* texts.
const (
	uploadErrIniSize = "UPLOAD_ERR_INI_SIZE"
	uploadErrPartial = "UPLOAD_ERR_PARTIAL"
)

// receivedUpload is the file of a multipart POST, as PHP's $_FILES sees it.
type receivedUpload struct {
	fileName string // client file name
	tmpPath  string
	size     int64
	phpErr   string // UPLOAD_ERR_* code, if PHP refused the file
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
				up.phpErr = uploadErrPartial
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
		up.phpErr = uploadErrIniSize
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

// upload validates and stores a received package (perform=upload, §5.2)
// in the order of 7.x UWizard::upload and answers the message box.
func (s *Server) upload(se *session, up *receivedUpload) *flash {
	t := s.tr(se)
	s.mu.Lock()
	s.counters.UploadsReceived++
	s.mu.Unlock()
	refuse := func(text string) *flash { return &flash{text: text} }
	s.mu.Lock()
	hoster := s.hosterAtWork
	s.mu.Unlock()
	if s.sc.Faults.HostedUploadDisabled && !hoster {
		return refuse(t.UploadOff)
	}
	switch {
	case up == nil:
		return refuse(t.UploadErrNone)
	case up.phpErr == uploadErrIniSize:
		return refuse(t.UploadErrIniSize)
	case up.phpErr != "":
		return refuse(t.UploadErrPartial)
	case !strings.HasSuffix(strings.ToLower(up.fileName), ".zip"):
		// ERR_NOT_ZIP is defined twice in the language file; the later
		// definition ("…is not a ZIP archive") is the one shown.
		return refuse(t.ErrNotZipArchive)
	}
	m, err := readUploadedManifest(up)
	switch {
	case errors.Is(err, manifest.ErrNoManifest):
		// IAHManifest's load error; its real wording is not public.
		return refuse("Cannot load configuration file manifest.php")
	case errors.Is(err, manifest.ErrSyntax):
		// PHP's reader would see no usable fields.
		return refuse(t.ErrEmptyTypeIDVersion)
	case err != nil:
		return refuse(t.ErrNotZipArchive)
	}
	if err := m.Validate(); err != nil {
		switch {
		case errors.Is(err, manifest.ErrInvalidType) && m.Type == "theme":
			return refuse(t.ErrNoThemeID)
		case errors.Is(err, manifest.ErrInvalidType):
			return refuse(t.ErrInvalidType)
		}
		return refuse(t.ErrEmptyTypeIDVersion)
	}
	spec := fromManifest(m, up.fileName)
	if cur := s.Version(); !accepts(spec, cur) {
		return refuse(invalidVersionText(t, spec, cur))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.zipExistsLocked(spec.Type, up.fileName) {
		return refuse(t.ErrDuplicate)
	}
	s.uploaded = append(s.uploaded, &uploadedPkg{spec: spec, fileName: up.fileName, size: up.size})
	s.counters.UploadsAccepted++
	s.logf("package %s uploaded (%d bytes)", up.fileName, up.size)
	return &flash{ok: true, text: t.UploadOK}
}

// zipExistsLocked: a file of this name is already in
// cache/upgrades/<type>/ (an upload, or the kept ZIP of an installed
// uninstallable package).
func (s *Server) zipExistsLocked(typ, fileName string) bool {
	path := packagePath(typ, fileName)
	for _, u := range s.uploaded {
		if u.source() == path {
			return true
		}
	}
	return s.installedBySourceLocked(path) != nil
}

func readUploadedManifest(up *receivedUpload) (*manifest.Manifest, error) {
	f, err := os.Open(up.tmpPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return manifest.ReadZip(f, up.size)
}

// invalidVersionText is ERR_INVALID_VERSION with the versions shown the
// way IAHManifest::makeDisplayableVersion shows them.
func invalidVersionText(t *texts, p PackageSpec, current string) string {
	return strings.NewReplacer("{EXPECTED_VERSIONS}", expectedVersions(p), "{CURRENT_VERSION}", current).Replace(t.ErrInvalidVersion)
}
