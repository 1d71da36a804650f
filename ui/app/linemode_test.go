package app

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/ui/text"
)

// The accessible line mode, scripted from a buffer: a whole path B run in
// German (W10). Answers: on-premise, download the listed update, path B,
// start the backup, upload (asked: the browser is the other way, issue 9),
// accept the R22 warnings, install, then 11 checklist items.
func TestLineModePathB(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"}
	script := "2\n1\n1\n1\nj\nj\nj\n" + strings.Repeat("1\n", 11)
	code, out, errb := runMain(t, script, env, "--demo", "--accessible", "--test-scenario", "none", "--state-dir", dir, "--lang", "de")
	if code != ExitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errb)
	}
	for _, want := range []string{
		"!! DEMO",
		"== Schritt 1 — ",        // no total before the path is chosen
		"== Schritt 5 von 10 — ", // path B: the total from then on
		"Wo läuft diese Instanz?",
		"Bitte die Nummer eingeben: 2", // answers are echoed for a readable transcript
		"[h] Stattdessen selbst im Browser hochladen",
		"Backup jetzt erstellen? [j/n/h]", // h is an answer too (the browser instead)
		"Paket auf LIVE hochladen und prüfen lassen? [j/n/h] j",
		"100 % — 2,0 MiB von 2,0 MiB\n1CRM prüft das Paket", // the upload ends with 100 % before 1CRM checks it
		"Versionswarnungen zu Erweiterungen",
		"Jetzt auf LIVE installieren? [j/n/h] j",
		"Tests bis 15:00: noch", // the W4 countdown
		"[OK] Fertig",
		"mailto:",
		"report.md",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	// Line mode draws nothing: no cursor movement, no colour.
	if strings.Contains(out, "\x1b[") {
		t.Error("escape sequences in line mode output")
	}
	if t.Failed() {
		t.Log(out)
	}
	// Nothing under the state directory holds a secret (cli.md "Files").
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, secret := range []string{sim.DemoPassword, sim.DemoClientSecret, "PHPSESSID=", "Bearer "} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s contains %q", p, secret)
			}
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(demoStateDir(dir), "runs")); err != nil {
		t.Fatal(err)
	}
}

// Input that ends mid-run leaves a resumable journal (exit 130); the next
// start offers to continue and goes on at the same step.
func TestLineModeEOFThenResume(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"}
	args := []string{"--demo", "--accessible", "--test-scenario", "none", "--state-dir", dir, "--lang", "en"}
	code, out, _ := runMain(t, "2\n", env, args...)
	if code != ExitInterrupted || !strings.Contains(out, "can be continued") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, out, _ = runMain(t, "1\n", env, args...)
	if code != ExitInterrupted {
		t.Fatalf("second run: exit %d\n%s", code, out)
	}
	for _, want := range []string{"Continue the unfinished run?", "Already done:", "next: Update package", "Download update 8.7.7"} {
		if !strings.Contains(out, want) {
			t.Errorf("resume transcript lacks %q\n%s", want, out)
		}
	}
	entries, _ := os.ReadDir(demoStateDir(dir) + "/runs")
	if len(entries) != 1 {
		t.Errorf("%d runs, want the one resumed", len(entries))
	}
}

// R6/W1: an expired subscription blocks before anything changes (exit 1).
func TestLineModeBlocked(t *testing.T) {
	code, out, _ := runMain(t, "2\n", nil, "--demo", "--accessible", "--scenario", "expired-support",
		"--test-scenario", "none", "--state-dir", t.TempDir(), "--lang", "en")
	if code != ExitFailed || !strings.Contains(out, "[X] The update is not possible like this") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	// said once, then where to read what to do (a screen reader reads every line)
	if n := strings.Count(out, "The update is not possible like this"); n != 1 || !strings.Contains(out, "What to do is in the report: 1crm-update report") {
		t.Errorf("blocked verdict said %d times, or no report hint\n%s", n, out)
	}
}

// A failing backup shows the cause in plain words and what is safe; quitting
// there is a failure (exit 1) with the journal kept.
func TestLineModeBackupFails(t *testing.T) {
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"}
	// q: the error page's choices are taken by the full screen's keys too.
	code, out, _ := runMain(t, "2\n1\n1\n1\nq\n", env, "--demo", "--accessible", "--scenario", "backup-fails",
		"--test-scenario", "none", "--state-dir", t.TempDir(), "--lang", "de")
	for _, want := range []string{"Das Backup ist fehlgeschlagen", "Was jetzt sicher möglich ist:", "Das Journal ist unverändert gespeichert:"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if code != ExitFailed {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

// W5: a stale test system is flagged; going on needs a recorded reason.
func TestLineModeParityNeedsReason(t *testing.T) {
	code, out, _ := runMain(t, "2\n1\n1\nj\n2\n\nnur ein Probelauf\n", nil, "--demo", "--accessible",
		"--test-scenario", "test-system-stale", "--state-dir", t.TempDir(), "--lang", "de")
	if code != ExitInterrupted {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, want := range []string{"fehlt auf dem Testsystem", "Bitte eine kurze Begründung eingeben.", "nur ein Probelauf", "Installation"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q\n%s", want, out)
		}
	}
}

// The trial: on the checklist the line mode refused q and ? ("did not
// understand") though the full screen offers them there. ? lists the
// keys, q pauses with the answers kept (exit 0, resumable).
func TestLineModeChecklistTakesQAndHelp(t *testing.T) {
	for _, c := range []struct{ lang, yes string }{{"de", "j"}, {"en", "y"}} {
		t.Run(c.lang, func(t *testing.T) {
			tx := text.For(c.lang)
			env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"}
			y := c.yes + "\n"
			script := "2\n1\n1\n1\n" + y + y + y + "1\n?\nq\n"
			code, out, errb := runMain(t, script, env, "--demo", "--accessible", "--test-scenario", "none", "--state-dir", t.TempDir(), "--lang", c.lang)
			if code != ExitOK || strings.Contains(out, tx.LineInvalid()) {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errb)
			}
			help := strings.Index(out, ": ?\n")
			if help < 0 || strings.Count(out[help:], tx.LineChecklistPause()) != 1 || !strings.Contains(out, tx.PausedFarewellShort()) {
				t.Errorf("? did not list the keys, or q did not pause:\n%s", out)
			}
		})
	}
}

// The line mode never pauses on a typo: on a numbered list "?" lists the
// choices again and anything else says what is expected; at a yes/no
// question "?" explains y and n, an unknown answer is asked again, and only
// "n" pauses.
func TestLineModeTypoIsAskedAgain(t *testing.T) {
	tx := text.For("de")
	env := map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"}
	// deployment: "?", "x", then 2; package 1; path 1 (B, no test system);
	// time guard answered by the demo; backup: "?", "vielleicht", then "n".
	script := "?\nx\n2\n1\n1\n?\nvielleicht\nn\n"
	code, out, errb := runMain(t, script, env, "--demo", "--accessible", "--test-scenario", "none", "--state-dir", t.TempDir(), "--lang", "de")
	if code != ExitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errb)
	}
	if n := strings.Count(out, "2) On-Premise (eigener Server)"); n != 2 {
		t.Errorf("\"?\" did not list the choices again (%d listings):\n%s", n, out)
	}
	if !strings.Contains(out, tx.LineChooseInvalid(2)) {
		t.Errorf("no hint after an answer that is no choice:\n%s", out)
	}
	if !strings.Contains(out, "j = Backup jetzt erstellen") || !strings.Contains(out, tx.LineInvalid()) {
		t.Errorf("yes/no: \"?\" not explained or a typo not asked again:\n%s", out)
	}
	if !strings.Contains(out, tx.PausedFarewellShort()) {
		t.Errorf("\"n\" did not pause:\n%s", out)
	}
}
