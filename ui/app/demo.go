package app

import (
	"fmt"
	"time"

	"github.com/visual4/1crm-update/crmclient/sim"
)

// simSleep shortens the simulator's timings in tests; nil = real time.
var simSleep func(time.Duration)

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
