package steps

import (
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

// SameInstance reports whether two base URLs name the same instance
// (crmclient.InstanceKey: scheme, host case, default port, a trailing "/",
// "/index.php" or "/api.php" do not make another instance). An empty side
// compares equal: nothing is known to differ. The UI asks it too, so that
// its resume warning and Resume's refusal never disagree. Unlike
// crmclient.SameAddress, the port of a loopback address is not compared
// (see portless).
func SameInstance(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	ka, errA := crmclient.InstanceKey(a)
	kb, errB := crmclient.InstanceKey(b)
	if errA != nil || errB != nil {
		return strings.TrimRight(a, "/") == strings.TrimRight(b, "/")
	}
	return portless(ka) == portless(kb)
}

// portless drops the port of a loopback instance key. On loopback the
// port names a tunnel or a simulator, not an instance: an SSH tunnel set
// up again after a drop, or the demo's simulator, gets a new local port,
// and the run is still the same (W8). Any other host keeps its port.
func portless(key string) string {
	rest, ok := strings.CutPrefix(key, "loopback:")
	if !ok {
		return key
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		return "loopback" + rest[i:]
	}
	return "loopback"
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

// currentURLLocked is the address a stage's instance answers at now:
// the attached client's (from --url/--test-url, or the demo's simulator),
// else the configured one, else the journal's. A resumed run may have
// begun at another port of the same instance — a new SSH tunnel, the
// demo's new simulator; W8 (sameInstanceLocked, attachedMismatchLocked)
// refuses any other difference — and an address the admin is told to
// open must answer. The journal's address stays what the run records.
func (w *Wizard) currentURLLocked(s Stage) string {
	c, cfgURL := w.live, w.cfg.LiveURL
	if s == StageTest {
		c, cfgURL = w.test, w.cfg.TestURL
	}
	if c != nil {
		if u := safeURL(c.BaseURL()); u != "" {
			return u
		}
	}
	if u := safeURL(cfgURL); u != "" {
		return u
	}
	return w.stageURLLocked(s)
}
