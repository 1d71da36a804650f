package crmclient

import (
	"archive/zip"
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// bigZip is a ZIP with enough deflated content that its middle is entry data.
func bigZip(t *testing.T, seed byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("manifest.php")
	w.Write([]byte("<?php ?>\nname: X\n"))
	w, _ = zw.Create("root/data.txt")
	for i := 0; i < 20000; i++ {
		w.Write([]byte(strconv.Itoa(i*int(seed+1)) + " some text for the entry\n"))
	}
	zw.Close()
	return b.Bytes()
}

// A server that sends other bytes under the same ETag for a range: the
// joined file fails its CRC check, so it is fetched once more whole.
func TestDownloadJoinedCorruptRefetched(t *testing.T) {
	good, other := bigZip(t, 1), bigZip(t, 2)
	if len(other) < len(good) {
		t.Skip("sizes")
	}
	var mu sync.Mutex
	full := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"same"`)
		rng := r.Header.Get("Range")
		mu.Lock()
		defer mu.Unlock()
		if rng == "" {
			full++
			w.Header().Set("Content-Length", strconv.Itoa(len(good)))
			if full == 1 { // the first answer stops half-way
				w.Write(good[:len(good)/2])
				http.NewResponseController(w).Flush()
				panic(http.ErrAbortHandler)
			}
			w.Write(good)
			return
		}
		off, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rng, "bytes="), "-"))
		w.Header().Set("Content-Range", "bytes "+strconv.Itoa(off)+"-"+strconv.Itoa(len(good)-1)+"/"+strconv.Itoa(len(good)))
		w.WriteHeader(http.StatusPartialContent)
		w.Write(other[off:len(good)])
	}))
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "u.zip")
	var notes []DownloadNote
	res, err := c.Download(ctxT(t), srv.URL+"/u.zip", dest, DownloadOptions{RetryWait: time.Millisecond, Note: func(n DownloadNote) { notes = append(notes, n) }})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(dest)
	if !bytes.Equal(b, good) {
		t.Fatal("a mixed file was kept")
	}
	if len(res.Restarts) != 1 || res.Restarts[0] != RestartCorrupt || full != 2 {
		t.Errorf("result %+v notes %+v full %d", res, notes, full)
	}
}

// A connection that drops every time: bounded retries, then an error that
// keeps the part for a later run.
func TestDownloadRetriesBounded(t *testing.T) {
	body := bigZip(t, 1)
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		w.Header().Set("ETag", `"e"`)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		if r.Header.Get("Range") != "" {
			http.Error(w, "gateway", http.StatusBadGateway)
			return
		}
		w.Write(body[:100])
		http.NewResponseController(w).Flush()
		panic(http.ErrAbortHandler)
	}))
	defer srv.Close()
	c, _ := New(Config{BaseURL: srv.URL})
	dest := filepath.Join(t.TempDir(), "u.zip")
	var waits []time.Duration
	_, err := c.Download(ctxT(t), srv.URL+"/u.zip", dest, DownloadOptions{Retries: 3, RetryWait: time.Millisecond,
		Note: func(n DownloadNote) { waits = append(waits, n.Wait) }})
	if err == nil || errors.Is(err, ErrDownloadNotZip) {
		t.Fatalf("err %v", err)
	}
	if requests != 4 || len(waits) != 3 || waits[1] != 2*waits[0] || waits[2] != 4*waits[0] {
		t.Errorf("requests %d waits %v", requests, waits)
	}
	if st, err := os.Stat(dest + ".part"); err != nil || st.Size() != 100 {
		t.Errorf("part %v %v", st, err)
	}
}
