package steps

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// Issue 10: for every server action a simulator scenario whose page the
// client cannot read; the wizard hands the step over, the test does it on
// the simulator as the admin would in the browser (sim.Browser, plain
// HTTP), and the run finishes with the report marking it done by hand and
// verified by the wizard.

// asAdmin does in the browser what the open hand-over asks for, and
// returns the downloaded file for a download hand-over.
func asAdmin(t *testing.T, w *Wizard, live *sim.Running) string {
	t.Helper()
	s := w.Snapshot()
	h := s.Handover
	if h == nil {
		t.Fatal("no hand-over open")
	}
	if len(h.Steps) == 0 || len(h.LookFor) == 0 || h.Reason == "" {
		t.Fatalf("hand-over without instructions: %+v", h)
	}
	if h.Kind != text.KindFinishUpgrade && (h.Menu.DE == "" || h.Menu.EN == "") {
		t.Fatalf("hand-over without a menu path: %+v", h)
	}
	b := live.Browser()
	if h.Kind == text.KindInstallHosted {
		b = b.AsHoster() // the hoster installs where the admins cannot upload
	}
	if h.Kind != text.KindDownload {
		must(t, b.Login(sim.DemoUser, sim.DemoPassword))
	}
	pc := s.Package
	switch h.Kind {
	case text.KindDownload:
		dest := filepath.Join(t.TempDir(), "from-the-browser.zip")
		must(t, b.Download(s.Preflight.Updates[0].DownloadURL, dest))
		return dest
	case text.KindBackup:
		must(t, b.RunBackup())
	case text.KindUpload:
		must(t, b.Upload(pc.Path))
	case text.KindInstallAll, text.KindInstallHosted:
		must(t, b.Upload(pc.Path))
		must(t, b.InstallUploaded(pc.Name))
	case text.KindPrepareInstall:
		must(t, b.InstallUploaded(pc.Name))
	case text.KindFinishUpgrade:
		must(t, b.FinishUpgrade())
	default:
		t.Fatalf("unknown hand-over kind %q", h.Kind)
	}
	return ""
}

// handOverPlan drives a path B run; each hand-over is done in the
// browser and reported done. confirm lets the test confirm what the
// wizard cannot read back (else that fails the run).
func handOverPlan(t *testing.T, ctx context.Context, w *Wizard, live *sim.Running, confirm bool, seen *[]string) plan {
	return plan{path: PathB, onError: func(step StepID, err error) error {
		if !errors.Is(err, ErrHandedOver) {
			return err
		}
		// A confirmed step may hand the next one over at once (an upload
		// the wizard cannot see is prepared in the browser as well).
		for h := w.Snapshot().Handover; h != nil; h = w.Snapshot().Handover {
			*seen = append(*seen, h.Kind)
			file := asAdmin(t, w, live)
			res, derr := w.ManualDone(ctx, file)
			switch {
			case derr != nil:
				return derr
			case res.Verified && res.Found == "":
				return errors.New("verified without saying what was found")
			case res.Verified:
			case confirm && res.CanConfirm:
				if cerr := w.ConfirmManualUnverified("seen in the browser: it worked"); cerr != nil {
					return cerr
				}
			default:
				return fmt.Errorf("not verified: %s", res.NotYet)
			}
		}
		return nil
	}}
}

func TestHandover_everyActionByHandAndVerified(t *testing.T) {
	cases := []struct {
		scenario string
		kinds    []string // the hand-overs the run meets, in order
		manual   []string // the report's "done by hand" actions
	}{
		{"unknown-download", []string{text.KindDownload}, []string{"download"}},
		{"unknown-backup-page", []string{text.KindBackup}, []string{"backup"}},
		{"unknown-upload-form", []string{text.KindUpload}, []string{"upload"}},
		{"unknown-prepare", []string{text.KindPrepareInstall}, []string{"prepare"}},
		{"unknown-install", []string{text.KindFinishUpgrade}, []string{"install"}},
		{"upgrade-xhr", []string{text.KindFinishUpgrade}, []string{"install"}},
		{"hosted-upload-disabled", []string{text.KindInstallHosted}, []string{"install"}},
	}
	for _, tc := range cases {
		t.Run(tc.scenario, func(t *testing.T) {
			t.Parallel()
			clk := &testClock{t: tuesday9()}
			live := startSim(t, fastScenario(t, tc.scenario), clk.Now)
			w := attachRun(t, clk, live, nil)
			ctx := context.Background()
			var seen []string
			p := handOverPlan(t, ctx, w, live, false, &seen)
			if tc.scenario == "hosted-upload-disabled" {
				p.deployment = DeploymentCloud
			}
			must(t, drive(ctx, w, p))
			if strings.Join(seen, ",") != strings.Join(tc.kinds, ",") {
				t.Fatalf("hand-overs %v, want %v", seen, tc.kinds)
			}
			s := w.Snapshot()
			if !s.Finished || s.Handover != nil {
				t.Fatalf("finished %v, open hand-over %+v", s.Finished, s.Handover)
			}
			if live.Server.Version() != "8.7.7" || live.Server.InProgress() {
				t.Fatalf("live %s in progress %v", live.Server.Version(), live.Server.InProgress())
			}
			if len(s.Manual) != len(tc.manual) {
				t.Fatalf("manual records %+v", s.Manual)
			}
			for i, m := range s.Manual {
				if string(m.Action) != tc.manual[i] || m.State != text.ManualVerified || m.Evidence == "" {
					t.Fatalf("manual record %d: %+v", i, m)
				}
			}
			rep := w.Report()
			if !strings.Contains(rep, "done by hand in the browser, verified by the wizard") {
				t.Fatalf("the report does not say done by hand and verified:\n%s", rep)
			}
			// W8: the hand-over was journaled when offered and when done.
			offered, done := 0, 0
			for _, e := range w.j.Entries() {
				if strings.HasPrefix(e.Action, "manual_") {
					switch e.Kind {
					case journal.KindStarted:
						offered++
					case journal.KindDone:
						done++
					}
				}
			}
			if offered != len(tc.manual) || done != len(tc.manual) || len(w.j.Pending()) != 0 {
				t.Fatalf("journal: %d offered, %d done, pending %v", offered, done, w.j.Pending())
			}
			c := live.Server.Counters()
			if c.InstallsFinished != 1 || c.BackupsMade < 1 {
				t.Fatalf("counters %+v", c)
			}
		})
	}
}

// An unreadable upgrade manager list: the whole install goes to the
// browser (the wizard could not prepare what it cannot see) and is
// verified by /version at the target and the lock gone.
func TestHandover_unreadableListWholeInstallVerified(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "unknown-list"), clk.Now)
	w := attachRun(t, clk, live, nil)
	ctx := context.Background()
	var seen []string
	must(t, drive(ctx, w, handOverPlan(t, ctx, w, live, false, &seen)))
	if strings.Join(seen, ",") != text.KindInstallAll {
		t.Fatalf("hand-overs %v", seen)
	}
	s := w.Snapshot()
	if len(s.Manual) != 1 || s.Manual[0].State != text.ManualVerified || !strings.Contains(s.Manual[0].Evidence, "8.7.7") {
		t.Fatalf("manual %+v", s.Manual)
	}
	if s.Preflight.ListError == "" {
		t.Fatal("preflight did not say the list is unreadable")
	}
	if live.Server.Version() != "8.7.7" {
		t.Fatalf("version %s", live.Server.Version())
	}
}

// Behind a captcha no admin page can be read: the wizard connects to the
// public parts, hands backup and install to the browser, reads back what
// it can (/version over the REST API) and records the admin's
// confirmation as "confirmed by the admin, not verified". No login
// attempt is ever sent (the client stops before it).
func TestHandover_captchaBrowserOnlyConfirmed(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "captcha-login"), clk.Now)
	w := attachRun(t, clk, live, nil)
	ctx := context.Background()
	var seen []string
	p := handOverPlan(t, ctx, w, live, true, &seen)
	p.pkgFile = buildPackage(t, t.TempDir(), corePatch())
	must(t, drive(ctx, w, p))
	if strings.Join(seen, ",") != text.KindBackup+","+text.KindInstallAll {
		t.Fatalf("hand-overs %v", seen)
	}
	s := w.Snapshot()
	if !s.Live.BrowserOnly {
		t.Fatal("not marked as browser-only")
	}
	for _, m := range s.Manual {
		if m.State != text.ManualConfirmed {
			t.Fatalf("manual %+v", s.Manual)
		}
	}
	if !strings.Contains(s.Manual[1].Evidence, "8.7.7") {
		t.Fatalf("the install's evidence lacks the version: %+v", s.Manual[1])
	}
	rep := w.Report()
	if strings.Count(rep, "confirmed by the admin, not verified") < 2 {
		t.Fatalf("report:\n%s", rep)
	}
	if c := live.Server.Counters(); c.InstallsFinished != 1 || c.FailedLogins != 0 {
		t.Fatalf("counters %+v", c)
	}
}

// An upgrade.php driven by XHR hands over at once (an hour allowed for
// polling, a minute for the whole test): the admin is told that the users
// are locked out and where to go on.
func TestHandover_xhrUpgradeWithinSeconds(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, variantScenario(t, "demo", pageVariant{sim.Dialect8x, sim.FlowXHR}), clk.Now)
	w := openWizard(t, t.TempDir(), clk.Now)
	must(t, w.StartNew())
	c, err := crmclient.New(crmclient.Config{BaseURL: live.URL, User: sim.DemoUser, Password: sim.DemoPassword,
		ClientID: sim.DemoClientID, ClientSecret: sim.DemoClientSecret, Now: clk.Now,
		InstallPollInterval: time.Second, InstallMaxWait: time.Hour})
	must(t, err)
	w.Attach(c, nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err = drive(ctx, w, plan{path: PathB})
	if !errors.Is(err, ErrHandedOver) || !errors.Is(err, crmclient.ErrInstallNeedsBrowser) || ctx.Err() != nil {
		t.Fatalf("want the hand-over at once, got %v (ctx %v)", err, ctx.Err())
	}
	h := w.Snapshot().Handover
	if h == nil || h.Kind != text.KindFinishUpgrade || !h.LockedOut || h.LockedOutText == "" || !strings.HasSuffix(h.URL, "/upgrade.php") {
		t.Fatalf("hand-over %+v", h)
	}
	// Not finished yet in the browser: the wizard says what it does not see.
	res, err := w.ManualDone(ctx, "")
	must(t, err)
	if res.Verified || !strings.Contains(res.NotYet, "locked out") {
		t.Fatalf("verified before the browser finished: %+v", res)
	}
	// The install runs on the server: the hand-over cannot be taken back.
	var ref *Refusal
	if err := w.CancelManual(); !errors.As(err, &ref) {
		t.Fatalf("cancel of a running install: %v", err)
	}
	asAdmin(t, w, live)
	res, err = w.ManualDone(ctx, "")
	must(t, err)
	if !res.Verified {
		t.Fatalf("not verified after the browser finished: %+v", res)
	}
	if n := w.Next(); n != StepSmoke {
		t.Fatalf("next %s", n)
	}
}

// W8: a wizard that stops while a step is with the admin resumes the
// hand-over; it neither repeats the action nor forgets it.
func TestHandover_W8_resumeKeepsTheHandover(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "unknown-backup-page"), clk.Now)
	dir := t.TempDir()
	w := openWizard(t, dir, clk.Now)
	must(t, w.StartNew())
	w.Attach(newClient(t, live.URL, clk.Now), nil)
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepBackup)
	if _, err := w.Backup(ctx, nil, nil); !errors.Is(err, ErrHandedOver) {
		t.Fatalf("backup: %v", err)
	}
	var ref *Refusal
	if _, err := w.Backup(ctx, nil, nil); !errors.As(err, &ref) {
		t.Fatalf("a second automatic backup while handed over: %v", err)
	}
	// As if the process died after the hand-over was saved but before the
	// backup it took over was closed: that backup is pending again.
	must(t, w.j.Begin(actBackup(StageLive), map[string]string{"known": ""}))
	made := live.Server.Counters().BackupsMade
	w.Close()

	w2 := openWizard(t, dir, clk.Now)
	sum := w2.Unfinished()
	if sum == nil || len(sum.Unconfirmed) != 2 || !strings.Contains(strings.Join(sum.Unconfirmed, " "), "browser") {
		t.Fatalf("resume summary %+v", sum)
	}
	must(t, w2.Resume())
	w2.Attach(newClient(t, live.URL, clk.Now), nil)
	must(t, w2.Connect(ctx))
	h := w2.Snapshot().Handover
	if h == nil || h.Action != ManualBackup {
		t.Fatalf("hand-over not resumed: %+v", h)
	}
	// The backup the hand-over took over is settled by it, not repeated
	// and not waited for.
	if p := w2.j.Pending(); len(p) != 1 || p[0].Action != manualAct(ManualBackup, StageLive) || live.Server.Counters().BackupsMade != made {
		t.Fatalf("pending %v, backups %d → %d", p, made, live.Server.Counters().BackupsMade)
	}
	before := live.Server.Counters().BackupsMade
	asAdmin(t, w2, live)
	res, err := w2.ManualDone(ctx, "")
	must(t, err)
	if !res.Verified || live.Server.Counters().BackupsMade != before+1 {
		t.Fatalf("res %+v backups %d→%d", res, before, live.Server.Counters().BackupsMade)
	}
	if w2.Next() != StepInstall {
		t.Fatalf("next %s", w2.Next())
	}
}

// Requested by the admin: the backup in the browser; a check before the
// browser did anything says what is missing, then the backup is seen.
// CancelManual gives the step back to the wizard.
func TestHandover_requestedBackupAndCancel(t *testing.T) {
	w, _, live := startRun(t, "demo")
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepBackup)
	must(t, w.RequestManual(ctx, ManualBackup))
	h := w.Snapshot().Handover
	if h == nil || h.Cause != CauseRequested || !h.Verifiable || h.CanConfirm {
		t.Fatalf("requested hand-over %+v", h)
	}
	res, err := w.ManualDone(ctx, "")
	must(t, err)
	if res.Verified || res.NotYet == "" || !res.CanConfirm || !res.NoteNeeded {
		t.Fatalf("check before the backup: %+v", res)
	}
	var ref *Refusal
	if err := w.ConfirmManualUnverified(""); !errors.As(err, &ref) {
		t.Fatalf("confirmed without a note after a check that saw nothing: %v", err)
	}
	must(t, w.CancelManual())
	if w.Snapshot().Handover != nil || w.Next() != StepBackup {
		t.Fatal("cancel did not give the step back")
	}
	if _, err := w.Backup(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if c := live.Server.Counters(); c.BackupsMade != 1 {
		t.Fatalf("backups %d", c.BackupsMade)
	}
	if rep := w.Report(); !strings.Contains(rep, "then left to the wizard again") {
		t.Fatalf("report:\n%s", rep)
	}
}

// Kept pages: every page the client could not read is under
// runs/<ID>/pages/, listed in the report, and none holds the password,
// the session cookie or the CSRF token (8x dialect: cookie + header).
func TestHandover_keptPagesWithoutSecrets(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	sc := fastScenario(t, "unknown-prepare")
	sc.Dialect = sim.Dialect8x
	live := startSim(t, sc, clk.Now)
	spy := &secretSpy{}
	c, err := crmclient.New(crmclient.Config{BaseURL: live.URL, User: sim.DemoUser, Password: sim.DemoPassword,
		ClientID: sim.DemoClientID, ClientSecret: sim.DemoClientSecret, Now: clk.Now, HTTPClient: spy.client()})
	must(t, err)
	w := openWizard(t, t.TempDir(), clk.Now, func(cfg *Config) { cfg.Secrets = []string{sim.DemoPassword} })
	must(t, w.StartNew())
	w.Attach(c, nil)
	ctx := context.Background()
	var seen []string
	must(t, drive(ctx, w, handOverPlan(t, ctx, w, live, false, &seen)))
	s := w.Snapshot()
	if len(s.Pages) == 0 {
		t.Fatal("no page kept")
	}
	dir := filepath.Join(w.j.Dir(), pagesDir)
	files, _ := os.ReadDir(dir)
	if len(files) != 2*len(s.Pages) {
		t.Fatalf("%d files for %d pages", len(files), len(s.Pages))
	}
	secrets := append(spy.values(), sim.DemoPassword, sim.DemoClientSecret)
	if len(secrets) < 4 {
		t.Fatalf("the spy saw too little: %v", secrets)
	}
	for _, f := range files {
		b, _ := os.ReadFile(filepath.Join(dir, f.Name()))
		for _, sec := range secrets {
			if strings.Contains(string(b), sec) {
				t.Errorf("%s holds a secret", f.Name())
			}
		}
	}
	rep := w.Report()
	if !strings.Contains(rep, s.Pages[len(s.Pages)-1].File) || !strings.Contains(rep, "Pages kept for the partner") {
		t.Fatalf("report does not list the pages:\n%s", rep)
	}
	if h := s.Manual[0]; h.Action != ManualPrepare || h.State != text.ManualVerified {
		t.Fatalf("manual %+v", h)
	}

	// The bundle for the partner carries the pages, the report and the
	// journal, and none of the secrets either.
	dest := filepath.Join(t.TempDir(), "bundle.zip")
	bnd, err := WriteBundle(w.cfg.StateDir, "", dest, false)
	must(t, err)
	if bnd.Pages != len(s.Pages) || bnd.RunID != s.RunID {
		t.Fatalf("bundle %+v", bnd)
	}
	zr, err := zip.OpenReader(dest)
	must(t, err)
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		for _, sec := range secrets {
			if strings.Contains(string(b), sec) {
				t.Errorf("%s in the bundle holds a secret", f.Name)
			}
		}
	}
	for _, want := range []string{"README.txt", "report.md", "journal.json", s.Pages[0].File} {
		if !names[want] {
			t.Errorf("bundle lacks %s: %v", want, names)
		}
	}
	if _, err := WriteBundle(w.cfg.StateDir, "", dest, false); !errors.Is(err, ErrBundleExists) {
		t.Fatalf("second bundle over the first: %v", err)
	}
}

// secretSpy records the cookie values the server sets and the CSRF
// header values the client sends, so that kept files can be grepped.
type secretSpy struct {
	mu   sync.Mutex
	seen []string
}

func (s *secretSpy) client() *http.Client { return &http.Client{Transport: s} }

func (s *secretSpy) RoundTrip(r *http.Request) (*http.Response, error) {
	if v := r.Header.Get(crmclient.CSRFHeader); v != "" {
		s.add(v)
	}
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		for _, c := range resp.Cookies() {
			s.add(c.Value)
		}
	}
	return resp, err
}

func (s *secretSpy) add(v string) {
	if len(v) < 4 {
		return
	}
	s.mu.Lock()
	s.seen = append(s.seen, v)
	s.mu.Unlock()
}

func (s *secretSpy) values() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

// The upload alone goes to the browser only when the wizard can read the
// package list to go on from there.
func TestListUnreadable_whichPagesCount(t *testing.T) {
	cases := map[error]bool{
		&crmclient.PageChangedError{Page: "uwizard", Missing: []string{"Uploaded Packages", "Installed Packages"}}: true,
		&crmclient.PageChangedError{Page: "uwizard", Missing: []string{`upload form (file field "upgrade_zip")`}}:  false,
		fmt.Errorf("x: %w", crmclient.ErrRedirectedHome):                                                           true,
		&crmclient.PageChangedError{Page: "prepare", Missing: []string{"step blocks"}}:                             false,
	}
	for err, want := range cases {
		if got := listUnreadable(err); got != want {
			t.Errorf("%v: %v, want %v", err, got, want)
		}
	}
}

// W9, R13: a problem reported while the install is being finished in the
// browser (XHR upgrade.php) is an install whose result is unknown – not a
// failed install quoting upgrade.php's "please wait" as 1CRM's message.
func TestHandover_W9_problemDuringBrowserInstallIsUnknown(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, variantScenario(t, "demo", pageVariant{sim.Dialect7x, sim.FlowXHR}), clk.Now)
	w := openWizard(t, t.TempDir(), clk.Now)
	must(t, w.StartNew())
	c, err := crmclient.New(crmclient.Config{BaseURL: live.URL, User: sim.DemoUser, Password: sim.DemoPassword,
		ClientID: sim.DemoClientID, ClientSecret: sim.DemoClientSecret, Now: clk.Now})
	must(t, err)
	w.Attach(c, nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := drive(ctx, w, plan{path: PathB}); !errors.Is(err, ErrHandedOver) {
		t.Fatalf("want the hand-over, got %v", err)
	}
	must(t, w.ReportProblem("Install: upgrade.php hangs at step 3"))
	w.mu.Lock()
	outcome, _ := w.outcomeLocked()
	w.mu.Unlock()
	if outcome != text.OutcomeInstallUnknown {
		t.Fatalf("outcome %s, want %s", outcome, text.OutcomeInstallUnknown)
	}
	m := w.PartnerMail()
	wantAll(t, "mail", m.Body, "upgrade.php hangs at step 3", "/api.php/version")
	if strings.Contains(m.Body, "Please wait") || strings.Contains(m.Body, "Bitte warten") {
		t.Errorf("upgrade.php's progress text quoted as 1CRM's message:\n%s", m.Body)
	}
}
