package app

import (
	"bytes"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/text"
)

// inTheBrowser does on the simulator what the open hand-over asks the
// admin to do in the browser (sim.Browser: plain HTTP, signed in as the
// demo admin); for a download it returns the downloaded file.
// Of s it needs the hand-over's kind and, for the package kinds, the
// package and the listed update.
func inTheBrowser(t *testing.T, live *sim.Running, s steps.Snapshot) string {
	t.Helper()
	h := s.Handover
	if h == nil || live == nil {
		t.Fatalf("no hand-over (%v) or no simulator (%v)", h, live)
	}
	b := live.Browser()
	if h.Kind == steptext.KindInstallHosted {
		b = b.AsHoster()
	}
	if h.Kind != steptext.KindDownload {
		if err := b.Login(sim.DemoUser, sim.DemoPassword); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	switch h.Kind {
	case steptext.KindDownload:
		dest := filepath.Join(t.TempDir(), "from-the-browser.zip")
		if err := b.Download(s.Preflight.Updates[0].DownloadURL, dest); err != nil {
			t.Fatal(err)
		}
		return dest
	case steptext.KindBackup:
		err = b.RunBackup()
	case steptext.KindUpload:
		err = b.Upload(s.Package.Path)
	case steptext.KindInstallAll, steptext.KindInstallHosted:
		if err = b.Upload(s.Package.Path); err == nil {
			err = b.InstallUploaded(s.Package.Name)
		}
	case steptext.KindPrepareInstall:
		err = b.InstallUploaded(s.Package.Name)
	case steptext.KindFinishUpgrade:
		err = b.FinishUpgrade()
	default:
		t.Fatalf("unknown hand-over kind %q", h.Kind)
	}
	if err != nil {
		t.Fatal(err)
	}
	return ""
}

// The accessible line mode through a hand-over, as an admin with a
// browser next to the terminal would go through it (W10, issue 10): the
// wizard hands the step over, "done" before the browser did anything says
// what is missing and keeps the page, the step is done on the simulator,
// "done" again is verified, and the run finishes with the step reported
// as done by hand and verified.
//
// Issue 9: the upload is handed over on request ("h"), and the check page
// after it offers the same: the line mode asks on these pages rather than
// going on by itself, so the other way can be taken there too.
func TestLineModeThroughAHandover(t *testing.T) {
	for _, c := range []struct {
		lang, scenario, kind string
		request              string // the action asked for by hand ("h"); "" none
	}{
		{"de", "unknown-backup-page", steptext.KindBackup, ""},
		{"en", "upgrade-xhr", steptext.KindFinishUpgrade, ""},
		{"de", "demo", steptext.KindUpload, "upload"},
	} {
		t.Run(c.lang+"_"+c.scenario, func(t *testing.T) {
			var live *sim.Running
			demoStarted = func(r *sim.Running) {
				if live == nil {
					live = r
				}
			}
			t.Cleanup(func() { demoStarted = nil })
			dir := t.TempDir()
			tx, st := text.For(c.lang), steptext.For(c.lang)
			d := startDialog(t, map[string]string{"ONECRM_UPDATE_NOW": "2026-11-26T09:00:00+01:00"},
				"--demo", "--accessible", "--scenario", c.scenario, "--test-scenario", "none", "--state-dir", dir, "--lang", c.lang)
			checkKey := map[string]string{"de": "e", "en": "d"}[c.lang]
			checks, requested := 0, false
			for {
				q, ok := d.question()
				if !ok {
					break
				}
				lines := strings.Split(strings.TrimRight(q, " "), "\n")
				last := lines[len(lines)-1]
				switch {
				case strings.Contains(q, "["+checkKey+"] "+tx.HandoverCheck()):
					checks++
					switch checks {
					case 1: // nothing done in the browser yet
						if c.kind == steptext.KindFinishUpgrade && !strings.Contains(q, "!! "+st.HandoverLockedOut()) {
							t.Errorf("the locked-out warning is missing:\n%s", q)
						}
					case 2:
						if !strings.Contains(q, tx.HandoverNotSeen(1)) {
							t.Errorf("the check before the browser did not say what is missing:\n%s", q)
						}
						inTheBrowser(t, live, steps.Snapshot{Handover: &steps.Handover{Kind: c.kind},
							Package: &steps.PackageCheck{Path: demoPackage(t, dir)}})
					default:
						t.Fatalf("still handed over after the browser did it:\n%s", q)
					}
					d.answer(checkKey)
				case c.request != "" && !requested && strings.Contains(q, "[h] "+tx.ManualRequest(c.request)):
					requested = true
					d.answer("h")
				case yesNoAsked(last, tx):
					d.answer(map[string]string{"de": "j", "en": "y"}[c.lang])
				case strings.Contains(q, tx.DeploymentQuestion()):
					d.answer("2") // on premise
				default:
					d.answer("1") // the first choice, the checklist's "works"
				}
			}
			out := d.transcript()
			if code := d.exit(); code != ExitOK || checks != 2 || requested != (c.request != "") {
				t.Fatalf("exit %d after %d checks (asked for by hand: %v)\n%s", code, checks, requested, out)
			}
			if c.request == "upload" && !strings.Contains(out, "[h] "+tx.ManualRequest("prepare")) {
				t.Errorf("the check page does not offer it in the browser:\n%s", out)
			}
			action := st.ManualActionName(map[string]string{steptext.KindBackup: "backup", steptext.KindFinishUpgrade: "install",
				steptext.KindUpload: "upload"}[c.kind])
			for _, want := range []string{
				tx.HandoverHeading(action, tx.LiveShort()),
				tx.ManualOutcome(action, tx.LiveShort(), steptext.ManualVerified), // on the step, and on the finish page
				tx.ManualSection(),
			} {
				if !strings.Contains(out, want) {
					t.Errorf("the transcript lacks %q", want)
				}
			}
			rep, err := steps.LatestReport(demoStateDir(dir), "")
			if err != nil || !strings.Contains(rep, st.ReportSectionManual()) ||
				!strings.Contains(rep, st.ManualLine(string(action), "", "", steptext.ManualVerified, "", "")[len(action):]) {
				t.Errorf("the report does not mark the step done by hand and verified (%v):\n%s", err, rep)
			}
			if t.Failed() || testing.Verbose() {
				t.Log(out)
			}
		})
	}
}

// dialog runs the command with its input on a pipe and answers each
// question as it comes, like a person at a terminal.
type dialog struct {
	t    *testing.T
	in   *io.PipeWriter
	mu   sync.Mutex
	out  bytes.Buffer
	seen int
	done chan int
	code int
}

func startDialog(t *testing.T, env map[string]string, args ...string) *dialog {
	pr, pw := io.Pipe()
	d := &dialog{t: t, in: pw, done: make(chan int, 1)}
	go func() {
		var errb bytes.Buffer
		d.done <- Main(args, IO{Stdin: pr, Stdout: d, Stderr: &errb, Env: mapEnv(env)})
		pr.Close()
	}()
	t.Cleanup(func() { pw.Close() })
	return d
}

func (d *dialog) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.out.Write(p)
}

func (d *dialog) transcript() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.out.String()
}

// question waits until the program asks (its output stops at a prompt:
// no line end) and returns what it said since the last answer; false once
// it ended.
func (d *dialog) question() (string, bool) {
	d.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case d.code = <-d.done:
			d.done <- d.code
			return "", false
		default:
		}
		s := d.transcript()
		if len(s) > d.seen && strings.HasSuffix(s, " ") {
			time.Sleep(20 * time.Millisecond)
			if s2 := d.transcript(); s2 == s {
				q := s[d.seen:]
				d.seen = len(s)
				return q, true
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	d.t.Fatalf("no question within 2 min:\n%s", d.transcript())
	return "", false
}

func (d *dialog) answer(a string) {
	if _, err := io.WriteString(d.in, a+"\n"); err != nil {
		d.t.Fatal(err)
	}
}

func (d *dialog) exit() int {
	select {
	case d.code = <-d.done:
		d.done <- d.code
	case <-time.After(time.Minute):
		d.t.Fatal("the program did not end")
	}
	return d.code
}

// demoPackage is the update ZIP the demo run downloaded into its state
// folder: what the admin picks in the browser's upload form.
func demoPackage(t *testing.T, dir string) string {
	t.Helper()
	var zip string
	filepath.WalkDir(demoStateDir(dir), func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".zip") && zip == "" {
			zip = p
		}
		return nil
	})
	if zip == "" {
		t.Fatal("no downloaded package in the state folder")
	}
	return zip
}

// yesNoAsked: the line is the line mode's yes/no question, with or without
// further keys ("[j/n]", "[j/n/h]").
func yesNoAsked(last string, tx text.Texts) bool {
	_, ok := trimYesNo(last, tx)
	return ok
}
