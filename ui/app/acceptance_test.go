package app

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/visual4/1crm-update/ui/linemode"
	"github.com/visual4/1crm-update/ui/tui"
)

// Findings of the acceptance pass on the command line and the line mode.

// --help in the admin's language on stdout, exit 0; the flag list keeps
// the value placeholders.
func TestHelpInBothLanguages(t *testing.T) {
	code, out, _ := runMain(t, "", map[string]string{"LANG": "de_DE.UTF-8"}, "--help")
	if code != ExitOK || !strings.Contains(out, "Aufruf:") || !strings.Contains(out, "-url URL") || !strings.Contains(out, "Rückgabewerte") {
		t.Fatalf("de help: exit %d\n%s", code, out)
	}
	code, out, _ = runMain(t, "", map[string]string{"LANG": "de_DE.UTF-8"}, "--lang", "en", "-h")
	if code != ExitOK || !strings.Contains(out, "Usage:") || !strings.Contains(out, "Exit codes") {
		t.Fatalf("en help: exit %d\n%s", code, out)
	}
}

// A wrong flag: one sentence in the admin's language, exit 2, no flag dump.
func TestUnknownFlagIsOneSentence(t *testing.T) {
	code, out, errb := runMain(t, "", nil, "--bogus")
	if code != ExitUsage || out != "" || strings.Count(errb, "\n") != 1 || !strings.Contains(errb, "unbekannte Option -bogus") {
		t.Fatalf("exit %d stdout %q stderr %q", code, out, errb)
	}
	_, _, errb = runMain(t, "", nil, "--lang", "en", "--url")
	if !strings.Contains(errb, "flag -url needs a value") {
		t.Fatalf("%q", errb)
	}
}

// A broken --url is named in the admin's language before anything starts.
func TestBadURLIsExplained(t *testing.T) {
	env := map[string]string{"ONECRM_PASSWORD": "x", "ONECRM_STATE_DIR": t.TempDir()}
	code, _, errb := runMain(t, "", env, "--url", "not a url", "--user", "admin")
	if code != ExitUsage || !strings.Contains(errb, `--url "not a url" ist keine brauchbare Adresse`) {
		t.Fatalf("exit %d %q", code, errb)
	}
	code, _, errb = runMain(t, "", env, "--url", "ftp://crm", "--user", "admin", "--lang", "en")
	if code != ExitUsage || !strings.Contains(errb, "is not a usable address") {
		t.Fatalf("exit %d %q", code, errb)
	}
	// An address with credentials is refused without quoting the password.
	code, _, errb = runMain(t, "", env, "--url", "https://admin:Geheim77@crm.example.com", "--user", "admin", "--lang", "en")
	if code != ExitUsage || !strings.Contains(errb, `"https://…@crm.example.com": a user name or password in the address is not accepted`) || strings.Contains(errb, "Geheim77") {
		t.Fatalf("exit %d %q", code, errb)
	}
}

// After a demo run, a plain `report` finds no real run and points to --demo.
func TestReportPointsToDemo(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(demoStateDir(dir), "runs", "20261126-0930-ab12"), 0o700); err != nil {
		t.Fatal(err)
	}
	code, _, errb := runMain(t, "", map[string]string{"LANG": "de_DE.UTF-8"}, "report", "--state-dir", dir)
	if code != ExitFailed || !strings.Contains(errb, "noch keinen Lauf") || !strings.Contains(errb, "1crm-update report --demo") {
		t.Fatalf("exit %d %q", code, errb)
	}
}

// A rejected login in line mode asks for the password again (no echo of
// it, nothing of it on disk) instead of retrying the same one.
func TestLineModeWrongPasswordAsksAgain(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := runMain(t, "\nneues-geheimnis\n", nil, "--demo", "--accessible", "--scenario", "wrong-password",
		"--test-scenario", "none", "--state-dir", dir, "--lang", "de")
	if code != ExitInterrupted {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if strings.Count(out, "Bitte die Anmeldedaten für") != 2 || !strings.Contains(out, "Passwort (wird nicht angezeigt):") {
		t.Fatalf("no second login prompt:\n%s", out)
	}
	if strings.Contains(out, "neues-geheimnis") {
		t.Fatal("password echoed")
	}
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "neues-geheimnis") {
				t.Errorf("%s holds the password", p)
			}
		}
		return err
	})
}

// Ctrl-C while the line mode waits for an answer ends it at once (130),
// not after the next Enter.
func TestLineModeInterruptWhileWaiting(t *testing.T) {
	s := demoSession(t, t.TempDir(), "en", "none", map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"})
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan tui.Exit, 1)
	go func() {
		done <- linemode.Run(ctx, linemode.Options{Engine: s.Wizard, Lang: "en", LiveURL: s.Cfg.URL, Attach: s.Attach, Now: s.Now}, bufio.NewReader(pr), out)
	}()
	// Connect and preflight run, then the deployment question waits for input.
	for i := 0; !strings.Contains(out.String(), "Please enter the number:"); i++ {
		if i > 500 {
			t.Fatalf("no question:\n%s", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case ex := <-done:
		if ex != tui.ExitInterrupted {
			t.Fatalf("exit %v", ex)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("line mode kept waiting for input after Ctrl-C")
	}
	if !strings.Contains(out.String(), "Interrupted.") {
		t.Errorf("no farewell:\n%s", out.String())
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Line mode reads the preflight out once; after the deployment answer only
// what changed follows (a screen reader should not hear the list twice).
func TestLineModePreflightOnce(t *testing.T) {
	code, out, _ := runMain(t, "2\n", nil, "--demo", "--accessible", "--test-scenario", "none", "--state-dir", t.TempDir(), "--lang", "en")
	if code != ExitInterrupted {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if n := strings.Count(out, "The Professional edition receives update packages."); n != 1 {
		t.Fatalf("edition verdict read %d times\n%s", n, out)
	}
	if !strings.Contains(out, "[OK] All fine") {
		t.Fatalf("no verdict after the answer\n%s", out)
	}
}

// R13/R14 in line mode: a failed backup can go to the partner as a problem.
func TestLineModeFailureToProblems(t *testing.T) {
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"}
	code, out, _ := runMain(t, "2\n1\n1\n1\nm\n", env, "--demo", "--accessible", "--scenario", "backup-fails",
		"--test-scenario", "none", "--state-dir", t.TempDir(), "--lang", "de")
	if code != ExitInterrupted {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, want := range []string{"2) [m] als Problem an den Partner melden", "— Probleme melden ==",
		"Es wurde noch nichts installiert", "Gemeldet statt wiederholt: „Datensicherung (Backup)“"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q\n%s", want, out)
		}
	}
	// Nothing was installed: no restore options (R15–R20), and the mail
	// names 1CRM's message once, not once more in the note.
	if strings.Contains(out, "Möglichkeiten:") || strings.Count(out, "- Das Backup ist fehlgeschlagen") != 0 {
		t.Errorf("restore options or a repeated error\n%s", out)
	}
}
