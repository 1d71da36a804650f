package app

import (
	"fmt"
	"time"

	"github.com/visual4/1crm-update/crmclient/sim"
)

// simSleep shortens the simulator's timings in tests; nil = real time.
var simSleep func(time.Duration)

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
)

// makeDemoRealistic pads the scenario's update ZIPs and limits the
// simulator's transfer rate, unless the scenario sets its own rate or is
// about upload size limits (there the ZIP size is part of the fault).
func makeDemoRealistic(sc *sim.Scenario) {
	if sc.Timings.TransferRate == 0 {
		sc.Timings.TransferRate = demoTransferRate
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
	start := func(name string) (string, error) {
		sc, err := sim.LoadScenario(name)
		if err != nil {
			return "", fmt.Errorf("%w: --scenario %s: %v", errUsage, name, err)
		}
		if demoRealism {
			makeDemoRealistic(sc)
		}
		r, err := sim.Start(sc, sim.Options{Now: s.Now, Sleep: simSleep})
		if err != nil {
			return "", err
		}
		s.closers = append(s.closers, func() { r.Close() })
		return r.URL, nil
	}
	var err error
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
	return nil
}
