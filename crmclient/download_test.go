package crmclient

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func zipBytes(t *testing.T) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("manifest.php")
	w.Write([]byte("<?php ?>\nname: X\n"))
	zw.Close()
	return b.Bytes()
}

func TestDownloadZip(t *testing.T) {
	f := newFake(t)
	z := zipBytes(t)
	f.downloadFiles["/dl/2.1.0-portal-module.zip"] = z
	dest := filepath.Join(t.TempDir(), "portal.zip")
	var got, total int64
	_, err := f.client(t, nil).Download(ctxT(t), f.srv.URL+"/dl/2.1.0-portal-module.zip", dest, DownloadOptions{Progress: func(g, tot int64) { got, total = g, tot }})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(dest)
	if !bytes.Equal(b, z) || got != int64(len(z)) || total != int64(len(z)) {
		t.Fatalf("got %d/%d bytes", got, total)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Fatalf("temp files left: %v", entries)
	}
}

// The session cookie goes with a same-host download link, and only there
// (the cookie jar scopes it to the instance host).
func TestDownloadUsesSessionOnSameHostOnly(t *testing.T) {
	f := newFake(t)
	f.downloadFiles[f.prefix+"/dl.php"] = zipBytes(t)
	c := f.client(t, nil)
	if err := c.Login(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := c.Download(ctxT(t), f.base()+"/dl.php?f=u.zip", filepath.Join(dir, "a.zip"), DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	other := strings.Replace(f.base(), "127.0.0.1", "localhost", 1)
	if _, err := c.Download(ctxT(t), other+"/dl.php?f=u.zip", filepath.Join(dir, "b.zip"), DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(f.dlCookies) != 2 || f.dlCookies[0] == "" || f.dlCookies[1] != "" {
		t.Fatalf("cookies seen: %q", f.dlCookies)
	}
}

func TestDownloadNotZip(t *testing.T) {
	f := newFake(t)
	f.downloadFiles["/dl/x.zip"] = []byte("<html><body>Please log in</body></html>")
	dest := filepath.Join(t.TempDir(), "x.zip")
	_, err := f.client(t, nil).Download(ctxT(t), f.srv.URL+"/dl/x.zip", dest, DownloadOptions{})
	if !errors.Is(err, ErrDownloadNotZip) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Fatal("a non-ZIP must not land at the destination")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 0 {
		t.Fatalf("temp files left: %v", entries)
	}
}
