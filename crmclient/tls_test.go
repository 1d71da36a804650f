package crmclient

import (
	"encoding/pem"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Verification is on by default; a CA file is added to the system roots;
// Insecure is an explicit opt-out.
func TestTLSVerification(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"version": "8.5.0", "products": []string{"enterprise"}})
	}))
	defer srv.Close()
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the rejected handshake is expected
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}

	c, err := New(Config{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Version(ctxT(t)); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("self-signed server accepted without CA file: %v", err)
	}

	c, err = New(Config{BaseURL: srv.URL, CAFile: caFile})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := c.Version(ctxT(t)); err != nil || v.Edition != EditionEnterprise {
		t.Fatalf("with CA file: %v %v", v, err)
	}

	c, err = New(Config{BaseURL: srv.URL, Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Version(ctxT(t)); err != nil {
		t.Fatalf("insecure: %v", err)
	}

	bad := filepath.Join(t.TempDir(), "empty.pem")
	os.WriteFile(bad, []byte("not a cert"), 0o600)
	if _, err := New(Config{BaseURL: srv.URL, CAFile: bad}); err == nil {
		t.Fatal("a CA file without certificates must be refused")
	}
}

func TestProxyFromEnvironment(t *testing.T) {
	tr, err := newTransport(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Proxy == nil || tr.TLSClientConfig.InsecureSkipVerify || tr.ResponseHeaderTimeout != 0 {
		t.Fatalf("transport: proxy=%v insecure=%v rht=%v", tr.Proxy != nil, tr.TLSClientConfig.InsecureSkipVerify, tr.ResponseHeaderTimeout)
	}
}
