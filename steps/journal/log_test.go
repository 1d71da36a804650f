package journal

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// wizard.log never holds a secret: secret-named attributes (also inside
// groups) and credential-shaped values are redacted; the rest is kept.
func TestNewLogRedacts(t *testing.T) {
	dir := t.TempDir()
	log, c, err := NewLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "hunter2-s3cr3t"
	log.Info("login", "user", "admin", "password", secret)
	log.Info("request", slog.Group("http", "Authorization", "Basic "+secret, "status", 200))
	log.Info("cookie", "jar", "PHPSESSID="+secret)
	log.Warn("header", "h", "Bearer "+secret)
	log.Error("failed", "err", errors.New("POST password="+secret))
	log.Debug("tokens", slog.String("csrf_token", secret))
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, LogFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	if strings.Contains(out, secret) {
		t.Fatalf("secret in wizard.log:\n%s", out)
	}
	for _, want := range []string{"user=admin", "password=" + Redacted, "http.status=200", "level=DEBUG"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	// Times are Berlin wall time (CET or CEST), not the machine's zone.
	if !strings.Contains(out, "+01:00") && !strings.Contains(out, "+02:00") {
		t.Errorf("log times not in Berlin:\n%s", out)
	}
	if m := mode(t, path); m != 0o600 && runtime.GOOS != "windows" { // no modes there
		t.Errorf("wizard.log mode %o", m)
	}
}
