package steps

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/text"
)

// W9, R10, R13: a backup or install whose result the wizard could not see
// is "unknown – look on the server", never "failed": told it failed, the
// admin may make a second backup next to one that exists, or restore a
// system the install finished. The outcome comes from the error's type,
// recorded with the failure, so it survives a restart.

// wantUnknown checks outcome, report line, subject and mail of an unknown
// result, and that the outcome is read back from the saved state.
func wantUnknown(t *testing.T, w *Wizard, dir, outcome string, stage Stage, subs ...string) {
	t.Helper()
	w.mu.Lock()
	o, s := w.outcomeLocked()
	w.mu.Unlock()
	if o != outcome || s != stage {
		t.Fatalf("outcome %s (%s), want %s (%s)", o, s, outcome, stage)
	}
	m, rep := userTexts(t, w)
	line := text.DE.OutcomeLine(outcome, text.DE.StageName(string(stage)))
	wantAll(t, "report", rep, line)
	if m.Subject != text.DE.OutcomeSubject(outcome, w.Snapshot().Live.URL, "8.7.6", "8.7.6") {
		t.Errorf("subject %q", m.Subject)
	}
	wantAll(t, "mail", m.Body, subs...)
	wantNone(t, "mail", m.Subject+m.Body, "fehlgeschlagen", "ließ sich unser eigenes Backup nicht erstellen",
		"ist abgebrochen", doneClaim, "Backup nicht möglich")
	if fm := w.FinishMail(); fm.Subject != m.Subject {
		t.Errorf("finish subject %q, want %q", fm.Subject, m.Subject)
	}
	must(t, w.Close())
	saved, err := LatestReport(dir, "")
	must(t, err)
	wantAll(t, "saved report", saved, line)
}

// The backup request drops and no new entry appears in the history within
// the limit (crmclient.ErrBackupUnconfirmed): the backup may exist.
func TestOutcome_W9_R10_backupUnconfirmedIsUnknown(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	sc := fastScenario(t, "demo")
	sc.Faults.BackupFails = "disk_full"
	live, _ := startHeldSim(t, sc, clk.Now)
	dir := t.TempDir()
	w := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = live.URL })
	must(t, w.StartNew())
	w.Attach(watchedClient(t, live.URL, clk.Now, func(c *crmclient.Config) {
		c.HTTPClient = &http.Client{Transport: dropBackupAnswer{next: http.DefaultTransport}}
		c.BackupMaxWait = 300 * time.Millisecond
	}), nil)
	driveTo(t, context.Background(), w, plan{path: PathB}, StepBackup)
	if _, err := w.Backup(context.Background(), nil, nil); !errors.Is(err, crmclient.ErrBackupUnconfirmed) {
		t.Fatalf("err = %v", err)
	}
	wantUnknown(t, w, dir, text.OutcomeBackupUnknown, StageLive,
		"nicht feststellen, ob es entstanden ist", "Administration › Backup Management",
		live.URL+"/index.php?module=Configurator&action=EditView&layout=Backup", "nichts installiert")
}

// An install step that stops advancing (crmclient.ErrInstallStalled): the
// install may still finish, or be half-applied.
func TestOutcome_W9_R13_installStalledIsUnknown(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	sc := fastScenario(t, "install-hangs")
	sc.Faults.InstallHangStep, sc.Faults.InstallHangFor = 2, sim.Duration(heldFor)
	live, _ := startHeldSim(t, sc, clk.Now)
	dir := t.TempDir()
	w := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = live.URL })
	must(t, w.StartNew())
	w.Attach(watchedClient(t, live.URL, clk.Now, func(c *crmclient.Config) {
		c.InstallBusyAfter, c.InstallStallLimit, c.StallAfter = 100*time.Millisecond, 500*time.Millisecond, time.Hour
	}), nil)
	driveToInstallPhase(t, w)
	if err := w.Install(context.Background(), nil); !errors.Is(err, crmclient.ErrInstallStalled) {
		t.Fatalf("err = %v", err)
	}
	backup := w.Snapshot().Backups[0].Entry.Name
	wantUnknown(t, w, dir, text.OutcomeInstallUnknown, StageLive,
		"ausgegangen ist, wissen wir nicht", "Ein Ergebnis konnte der Assistent nicht feststellen", "Zustand des Servers: unbekannt",
		live.URL+"/api.php/version", "Upgrades & Customization", "Installed Packages", live.URL+"/upgrade.php",
		backup, "Backup einspielen")
}

// 1CRM lost the install (crmclient.ErrInstallLost): the wizard did not see
// how far it got before the restart.
func TestOutcome_W9_R13_installLostIsUnknown(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live, _ := startHeldSim(t, fastScenario(t, "install-lost"), clk.Now)
	dir := t.TempDir()
	w := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de"; c.LiveURL = live.URL })
	must(t, w.StartNew())
	w.Attach(watchedClient(t, live.URL, clk.Now, nil), nil)
	driveToInstallPhase(t, w)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := w.Install(ctx, nil); !errors.Is(err, crmclient.ErrInstallLost) {
		t.Fatalf("err = %v", err)
	}
	wantUnknown(t, w, dir, text.OutcomeInstallUnknown, StageLive,
		"verloren gegangen", live.URL+"/api.php/version", "Installed Packages")
}

// The classification is by type, not by words: a backup 1CRM positively
// did not make (no new entry after its answer) stays "failed".
func TestFailureKind_byType(t *testing.T) {
	for err, want := range map[error]string{
		crmclient.ErrBackupUnconfirmed:                           failUnknown,
		&crmclient.StallError{Kind: crmclient.ErrInstallStalled}: failUnknown,
		crmclient.ErrInstallTimeout:                              failUnknown,
		crmclient.ErrInstallLost:                                 failUnknown,
		ErrInstallStuck:                                          failUnknown,
		crmclient.ErrNoNewBackup:                                 "",
		crmclient.ErrInstallFailed:                               "",
		errors.New("the backup request got no answer"):           "",
	} {
		if got := failureKind(err); got != want {
			t.Errorf("%v: %q, want %q", err, got, want)
		}
	}
}
