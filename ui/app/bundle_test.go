package app

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient/sim"
)

// Issue 10: `report --bundle FILE.zip` packs report, log, kept pages and
// journal for the partner, mode 0600, never over an existing file unless
// --force, and without the password, the session cookie or a token.
func TestReportBundle(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"}
	script := "2\n1\n1\n1\nj\nj\nj\n" + strings.Repeat("1\n", 11)
	if code, out, errb := runMain(t, script, env, "--demo", "--accessible", "--test-scenario", "none", "--state-dir", dir, "--lang", "de"); code != ExitOK {
		t.Fatalf("demo run: exit %d\n%s\n%s", code, out, errb)
	}
	dest := filepath.Join(t.TempDir(), "fuer-den-partner.zip")
	code, out, errb := runMain(t, "", nil, "report", "--demo", "--state-dir", dir, "--lang", "de", "--bundle", dest)
	if code != ExitOK || !strings.Contains(out, dest) || !strings.Contains(out, "report.md") {
		t.Fatalf("bundle: exit %d\n%s\n%s", code, out, errb)
	}
	if st, err := os.Stat(dest); err != nil || runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Fatalf("bundle file: %v %v", st, err)
	}
	names := readZip(t, dest, sim.DemoPassword, sim.DemoClientSecret, "PHPSESSID=", "Bearer ")
	for _, want := range []string{"README.txt", "report.md", "wizard.log", "journal.json"} {
		if names[want] == 0 {
			t.Errorf("bundle lacks %s: %v", want, names)
		}
	}
	// An existing file is not overwritten without --force.
	before, _ := os.ReadFile(dest)
	code, _, errb = runMain(t, "", nil, "report", "--demo", "--state-dir", dir, "--lang", "en", "--bundle", dest)
	if code != ExitFailed || !strings.Contains(errb, "--force") {
		t.Fatalf("existing bundle: exit %d %q", code, errb)
	}
	if after, _ := os.ReadFile(dest); string(after) != string(before) {
		t.Fatal("the existing file was changed")
	}
	if code, _, errb = runMain(t, "", nil, "report", "--demo", "--state-dir", dir, "--bundle", dest, "--force"); code != ExitOK {
		t.Fatalf("--force: exit %d %q", code, errb)
	}
}

// readZip returns the entry names (with their sizes) of a ZIP and fails
// the test when any entry holds one of secrets.
func readZip(t *testing.T, path string, secrets ...string) map[string]int {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string]int{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = len(b) + 1
		for _, s := range secrets {
			if strings.Contains(string(b), s) {
				t.Errorf("%s in the bundle holds %q", f.Name, s)
			}
		}
	}
	return out
}

// doctor --capture DIR writes the pages it probed (login, License, Backup,
// upgrade manager), 0600, without password, cookies or CSRF token; a wrong
// password is exit 1 with the reason.
func TestDoctorCaptureAndWrongPassword(t *testing.T) {
	sc, _ := sim.Builtin("demo-8x")
	r, err := sim.Start(sc, sim.Options{Sleep: func(time.Duration) {}, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	capDir := filepath.Join(t.TempDir(), "pages")
	env := map[string]string{"ONECRM_PASSWORD": sim.DemoPassword}
	code, out, errb := runMain(t, "", env, "doctor", "--url", r.URL, "--user", sim.DemoUser, "--lang", "en", "--capture", capDir)
	if code != ExitOK || !strings.Contains(out, capDir) {
		t.Fatalf("doctor --capture: exit %d\n%s\n%s", code, out, errb)
	}
	files, _ := os.ReadDir(capDir)
	seen := map[string]bool{}
	for _, f := range files {
		for _, probe := range []string{"login", "license", "backup", "uwizard"} {
			if strings.Contains(f.Name(), "-"+probe) {
				seen[probe] = true
			}
		}
		b, _ := os.ReadFile(filepath.Join(capDir, f.Name()))
		for _, s := range []string{sim.DemoPassword, "PHPSESSID=", "Set-Cookie", "X-Onecrm-Csrf-Token"} {
			if strings.Contains(string(b), s) {
				t.Errorf("%s holds %q", f.Name(), s)
			}
		}
		if st, _ := os.Stat(filepath.Join(capDir, f.Name())); runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", f.Name(), st.Mode().Perm())
		}
	}
	if len(seen) != 4 {
		t.Errorf("captured probes %v of login, license, backup, uwizard (%d files)", seen, len(files))
	}

	env["ONECRM_PASSWORD"] = "not-the-password"
	code, out, _ = runMain(t, "", env, "doctor", "--url", r.URL, "--user", sim.DemoUser, "--lang", "en")
	out = strings.Join(strings.Fields(out), " ") // doctor wraps its lines at 80 columns
	if code != ExitFailed || !strings.Contains(out, "wrong user name or password") || strings.Contains(out, "the wizard can work with this instance") {
		t.Fatalf("wrong password: exit %d\n%s", code, out)
	}
}
