package crmclient

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

func sparseFile(t *testing.T, name string, size int64) string {
	p := filepath.Join(t.TempDir(), name)
	fh, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := fh.Truncate(size); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	return p
}

// Spec §5.2 + design.md: the upload is streamed — the server receives the
// first MiB while the client has read only a small part of the file — it
// has an exact Content-Length, the file is in field upgrade_zip, and the
// progress reaches the total.
func TestUploadStreamed(t *testing.T) {
	const size = 48 << 20
	path := sparseFile(t, "callsheets-1.4.2.zip", size)
	f := fakeIn(t, "8x") // the CSRF header must come with the streamed POST too
	var sent atomic.Int64
	var sentAtFirstMiB int64 = -1
	var contentLength int64
	f.onUpload = func(f *fake, r *http.Request) url.Values {
		contentLength = r.ContentLength
		first := make([]byte, 1<<20)
		if _, err := io.ReadFull(r.Body, first); err != nil {
			t.Errorf("read first MiB: %v", err)
		}
		sentAtFirstMiB = sent.Load()
		_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		return readMultipartFields(multipart.NewReader(io.MultiReader(bytes.NewReader(first), r.Body), params["boundary"]))
	}
	var last, total int64
	err := f.client(t, nil).Upload(ctxT(t), path, func(s, tot int64) {
		sent.Store(s)
		last, total = s, tot
	})
	if err != nil {
		t.Fatal(err)
	}
	if sentAtFirstMiB < 0 || sentAtFirstMiB > size/2 {
		t.Fatalf("client had read %d of %d bytes when the server got the first MiB: not streamed", sentAtFirstMiB, size)
	}
	if contentLength <= size {
		t.Fatalf("Content-Length %d: want the exact multipart length", contentLength)
	}
	if last != size || total != size {
		t.Fatalf("progress ended at %d/%d", last, total)
	}
	p := lastPost(f)
	if p.Get("_file_field") != "upgrade_zip" || p.Get("_file_size") != fmt.Sprint(size) || p.Get("perform") != "upload" ||
		p.Get("module") != "UWizard" || p.Get("action") != "index" || p.Get("_file_name") != "callsheets-1.4.2.zip" {
		t.Fatalf("server received %v", p)
	}
	if f.badCSRF != 0 || len(f.csrfSeen) == 0 {
		t.Fatal("CSRF header not sent with the upload")
	}
}

// PHP drops bodies over post_max_size silently: no message, nothing
// listed → ErrUploadNotAccepted; the POST is not repeated.
func TestUploadSilentlyDropped(t *testing.T) {
	path := sparseFile(t, "big.zip", 1<<20)
	f := newFake(t)
	posts := 0
	f.onUpload = func(f *fake, r *http.Request) url.Values {
		posts++
		io.Copy(io.Discard, r.Body)
		return url.Values{} // $_POST and $_FILES empty
	}
	err := f.client(t, nil).Upload(ctxT(t), path, nil)
	if !errors.Is(err, ErrUploadNotAccepted) {
		t.Fatalf("err = %v", err)
	}
	if posts != 1 {
		t.Fatalf("upload POSTed %d times", posts)
	}
}

// Every ERR_* answer (a red message box) comes back as ServerMessageError
// with the verbatim text and the right sentinel; an unknown red text too.
func TestUploadErrorsMapped(t *testing.T) {
	path := sparseFile(t, "pkg.zip", 1024)
	for text, want := range map[string]error{
		"pkg.zip already uploaded. Duplicate filenames are not allowed":              ErrDuplicateUpload,
		"Package expects 1CRM versions 8\\.6\\.[0-9]+, but current version is 8.7.7": ErrInvalidVersion,
		"ERR_NOT_ZIP":               ErrNotZip,
		"ERR_EMPTY_TYPE_ID_VERSION": ErrEmptyTypeIDVersion,
		"ERR_INVALID_TYPE":          ErrInvalidType,
		"The uploaded file exceeds the upload_max_filesize directive in php.ini.": ErrUploadNotAccepted,
		"Package size exceeds maximum size specified in php.ini file":             ErrUploadNotAccepted,
		"Theme package provides no theme ID":                                      ErrInvalidType,
		"Ein unerwarteter Fehler ist aufgetreten (unknown text in a red box)":     ErrUploadNotAccepted,
	} {
		f := newFake(t)
		f.uploadReply = text
		err := f.client(t, nil).Upload(ctxT(t), path, nil)
		var sm *ServerMessageError
		if !errors.Is(err, want) || !errors.As(err, &sm) || sm.Text != text {
			t.Errorf("%q: err = %v, want %v with the text verbatim", text, err, want)
		}
	}
}

func TestUploadGerman(t *testing.T) {
	path := sparseFile(t, "callsheets.zip", 4096)
	f := newFake(t)
	f.lang = "de"
	if err := f.client(t, nil).Upload(ctxT(t), path, nil); err != nil {
		t.Fatal(err)
	}
	if len(f.uploaded) != 1 {
		t.Fatal("not uploaded")
	}
}
