package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 8 item 4: the wizard and `report` refuse a state directory whose
// journal cannot be read, name the file and say what to do; exit 1, and
// no new run is started.
func TestUnreadableJournal_W8_exit1(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "runs", "20261124-0900-ab12")
	if err := os.MkdirAll(run, 0o700); err != nil {
		t.Fatal(err)
	}
	journal := filepath.Join(run, "journal.json")
	if err := os.WriteFile(journal, []byte(`{"schema_version": 1, "id": "20261124-0900-ab12", "facts": {"state": `), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"ONECRM_PASSWORD": "pw", "LANG": "en_US.UTF-8"}
	code, _, errb := runMain(t, "", env, "--accessible", "--url", "https://crm.example.com", "--user", "admin", "--state-dir", dir)
	if code != ExitFailed || !strings.Contains(errb, journal) || !strings.Contains(errb, "--state-dir") {
		t.Fatalf("wizard: code %d, stderr %q", code, errb)
	}
	if es, _ := os.ReadDir(filepath.Join(dir, "runs")); len(es) != 1 {
		t.Fatalf("%d run folders: a new run was started", len(es))
	}
	code, out, errb := runMain(t, "", env, "report", "--state-dir", dir)
	if code != ExitFailed || !strings.Contains(errb, journal) || out != "" {
		t.Fatalf("report: code %d, stdout %q, stderr %q", code, out, errb)
	}
	env["LANG"] = "de_DE.UTF-8"
	if _, _, errb := runMain(t, "", env, "report", "--state-dir", dir); !strings.Contains(errb, "beschädigt") {
		t.Fatalf("report in German: %q", errb)
	}
}
