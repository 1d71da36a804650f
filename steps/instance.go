package steps

import (
	"net"
	"net/url"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
)

// W8: a resumed run continues against the server it started on. Its
// journal holds the live (and test) address; when the wizard now points
// elsewhere, reconciling would read another server's lists and take them
// for the run's own. So Resume refuses when the configured addresses
// differ, and Connect refuses when an attached client serves another
// address. On loopback the port is not compared (see portless); with
// Config.Demo nothing is.

// SameInstance reports whether two base URLs name the same instance, after
// normalising them (spec: a trailing "/", "/index.php" or "/api.php" does
// not make another instance). An empty side compares equal: nothing is
// known to differ. The UI asks it too, so that its resume warning and
// Resume's refusal never disagree.
func SameInstance(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	na, errA := crmclient.NormalizeBaseURL(a)
	nb, errB := crmclient.NormalizeBaseURL(b)
	if errA != nil || errB != nil {
		return strings.TrimRight(a, "/") == strings.TrimRight(b, "/")
	}
	return strings.EqualFold(strings.TrimRight(portless(na), "/"), strings.TrimRight(portless(nb), "/"))
}

// portless drops the port of a loopback address. On loopback the port
// names a tunnel or a simulator, not an instance: an SSH tunnel set up
// again after a drop, or the demo's simulator, gets a new local port, and
// the run is still the same (W8). Any other host keeps its port.
func portless(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Port() == "" {
		return base
	}
	h := u.Hostname()
	if ip := net.ParseIP(h); (ip != nil && ip.IsLoopback()) || strings.EqualFold(h, "localhost") {
		if strings.Contains(h, ":") {
			h = "[" + h + "]"
		}
		u.Host = h
		return u.String()
	}
	return base
}

// sameInstanceLocked checks the configured addresses against a run about
// to be resumed. The test address matters only where the run used a test
// system (path A).
func (w *Wizard) sameInstanceLocked(st *runState) error {
	if w.cfg.Demo {
		return nil
	}
	if !SameInstance(st.LiveURL, safeURL(w.cfg.LiveURL)) {
		return w.otherInstance(StageLive, st.LiveURL, safeURL(w.cfg.LiveURL))
	}
	if st.Path == PathA && !SameInstance(st.TestURL, safeURL(w.cfg.TestURL)) {
		return w.otherInstance(StageTest, st.TestURL, safeURL(w.cfg.TestURL))
	}
	return nil
}

// attachedMismatchLocked checks the attached clients against the run.
func (w *Wizard) attachedMismatchLocked() error {
	if w.cfg.Demo {
		return nil
	}
	if w.live != nil && !SameInstance(w.st.LiveURL, safeURL(w.live.BaseURL())) {
		return w.otherInstance(StageLive, w.st.LiveURL, safeURL(w.live.BaseURL()))
	}
	if w.test != nil && w.st.Path == PathA && !SameInstance(w.st.TestURL, safeURL(w.test.BaseURL())) {
		return w.otherInstance(StageTest, w.st.TestURL, safeURL(w.test.BaseURL()))
	}
	return nil
}

func (w *Wizard) otherInstance(s Stage, was, now string) error {
	return w.refuse("W8", StepConnect, w.tx.OtherInstance(w.tx.StageName(string(s)), was, now))
}
