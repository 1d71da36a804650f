package pagefile

import (
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/journal"
)

func TestSave_numberedPrivateFilesWithoutSecrets(t *testing.T) {
	const pw = "pagefile-Secret-99"
	journal.RegisterSecret(pw)
	dir := filepath.Join(t.TempDir(), "pages")
	p := &crmclient.CapturedPage{Name: "backup", Method: "GET", Status: 200, URL: "https://crm.example.com/index.php?module=Configurator",
		Header: http.Header{"Set-Cookie": {"PHPSESSID=abcdef0123"}, "Content-Type": {"text/html"}},
		Body:   []byte(`<input type="hidden" name="xsrf" value="zz-token-zz"><p>typed ` + pw + `</p>`), At: time.Now()}
	f1, err := Save(dir, p, "stopped the backup: "+pw)
	if err != nil {
		t.Fatal(err)
	}
	f2, err := Save(dir, p, "again")
	if err != nil {
		t.Fatal(err)
	}
	if f1.HTML != "001-backup.html" || f2.HTML != "002-backup.html" || f2.Headers != "002-backup.headers.txt" {
		t.Fatalf("names %+v %+v", f1, f2)
	}
	for _, name := range []string{f1.HTML, f1.Headers, f2.HTML} {
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{pw, "abcdef0123", "zz-token-zz", "Set-Cookie"} {
			if strings.Contains(string(b), s) {
				t.Errorf("%s holds %q:\n%s", name, s, b)
			}
		}
		if st, _ := os.Stat(path); runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", name, st.Mode().Perm())
		}
	}
	h, _ := os.ReadFile(filepath.Join(dir, f1.Headers))
	for _, want := range []string{"Page: backup", "Status: 200 OK", "Content-Type: text/html", "Why: stopped the backup"} {
		if !strings.Contains(string(h), want) {
			t.Errorf("headers file lacks %q:\n%s", want, h)
		}
	}
}
