package app

import (
	"fmt"
	"os"
	"time"

	"github.com/visual4/1crm-update/crmclient/sim"
)

// simSleep shortens the simulator's timings in tests; nil = real time.
var simSleep func(time.Duration)

// simTweak changes the demo's scenarios in tests (a fault switched on);
// nil = as built in.
var simTweak func(*sim.Scenario)

// demoRealism makes --demo transfers look like a real update: a core
// package is hundreds of MB over a real link, while the built-in ZIP is
// 2 MiB on localhost and its progress bars (size, rate, time left) would
// flash by unseen. Tests of the demo wiring switch it off (TestMain) so
// they stay fast; the simulator's own tests cover the pacing.
var demoRealism = true

const (
	// demoUpdateBytes is the stored filler of each offered update ZIP.
	demoUpdateBytes = 48 << 20
	// demoTransferRate (bytes/s) lets the download and the upload of that
	// ZIP take about 5–6 s each.
	demoTransferRate = 9 << 20
	// demoBackupBytes pads each new backup to the size of the older ones
	// the demo's history lists (about 150 MB), so the backup check does not
	// warn of a shrunken backup and its progress can be seen.
	demoBackupBytes = 150_000_000
)

// demoStarted, when set (tests), is handed each simulator --demo starts,
// live first: a test then does a step on it as the admin would in the
// browser while the wizard waits on its hand-over page (issue 10).
var demoStarted func(*sim.Running)

// makeDemoRealistic pads the scenario's update ZIPs and limits the
// simulator's transfer rate, unless the scenario sets its own rate or is
// about upload size limits (there the ZIP size is part of the fault).
func makeDemoRealistic(sc *sim.Scenario) {
	if sc.Timings.TransferRate == 0 {
		sc.Timings.TransferRate = demoTransferRate
	}
	if sc.Backup.SizeBytes == 0 {
		sc.Backup.SizeBytes = demoBackupBytes
	}
	if sc.Faults.PostMaxSize > 0 || sc.Faults.UploadMaxFilesize > 0 {
		return
	}
	for i := range sc.Updates {
		if sc.Updates[i].PaddingBytes < demoUpdateBytes {
			sc.Updates[i].PaddingBytes = demoUpdateBytes
		}
	}
}

// startDemo starts the built-in simulator in-process: the live instance
// (--scenario, default "demo") and, for path A, a second instance as test
// system (--test-scenario, default "test-system"). Demo runs keep their
// journals under <state-dir>/demo so they never mix with real runs.
func (s *Session) startDemo() error {
	c := &s.Cfg
	// The backups the live simulator writes land in a folder of this
	// session, handed to the wizard as --backup-dir: the demo shows the
	// backup check as an admin on the CRM server sees it.
	backups, err := os.MkdirTemp("", "1crm-update-demo-backups-*")
	if err != nil {
		return err
	}
	s.closers = append(s.closers, func() { os.RemoveAll(backups) })
	backupDir := backups
	start := func(name string) (string, error) {
		sc, err := sim.LoadScenario(name)
		if err != nil {
			return "", fmt.Errorf("%w: --scenario %s: %v", errUsage, name, err)
		}
		if demoRealism {
			makeDemoRealistic(sc)
		}
		if simTweak != nil {
			simTweak(sc)
		}
		r, err := sim.Start(sc, sim.Options{Now: s.Now, Sleep: simSleep, BackupDir: backupDir})
		if err != nil {
			return "", err
		}
		if demoStarted != nil {
			demoStarted(r)
		}
		backupDir = "" // a test system's backups stay apart (its own temp folder)
		s.closers = append(s.closers, func() { r.Close() })
		return r.URL, nil
	}
	if c.URL, err = start(c.Scenario); err != nil {
		return err
	}
	c.TestURL = ""
	if c.TestScenario != "" && c.TestScenario != "none" {
		if c.TestURL, err = start(c.TestScenario); err != nil {
			return err
		}
	}
	c.User, c.Password = sim.DemoUser, sim.DemoPassword
	c.TestUser, c.TestPassword = "", ""
	c.ClientID, c.ClientSecret = sim.DemoClientID, sim.DemoClientSecret
	c.StateDir = demoStateDir(c.StateDir)
	if c.BackupDir == "" {
		c.BackupDir = backups
	}
	return nil
}
