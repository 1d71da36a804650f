package sim

import (
	"strings"
	"testing"
)

// §10.1 "a stalled install when the client stops following": with
// Faults.InstallStallStep the chain hands the client a blank page, so it
// has nothing to follow. The install stays stuck (flag set, package under
// Uploaded, non-admins locked out) until the step is requested again.
func TestInstallStallsUntilStepRequestedAgain(t *testing.T) {
	r, _ := startSim(t, scenario(t, "install-stalls"))
	b := adminBrowser(t, r)
	run := b.startInstallRun(t)
	if _, body := b.get(run + "&step=1"); !strings.Contains(body, `http-equiv="refresh"`) {
		t.Fatalf("step 1:\n%s", body)
	}
	resp, body := b.get(run + "&step=2")
	if resp.StatusCode != 200 || body != "" {
		t.Fatalf("stalled step: %d %q", resp.StatusCode, body)
	}
	// Stuck: the flag is set, the package is still under Uploaded, a
	// non-admin cannot log in, the list says an upgrade is in progress.
	_, list := b.get(listPath)
	if !r.Server.InProgress() || uploadedRows(t, list)["Ext exNew 1.0"] == "" {
		t.Fatalf("not stuck: flag %v uploaded %v", r.Server.InProgress(), uploadedRows(t, list))
	}
	mustContain(t, text(list), "An upgrade is in progress")
	if resp := newBrowser(t, r.URL).login(NonAdminUser, NonAdminPassword); !strings.Contains(resp.Header.Get("Location"), "action=Login") {
		t.Errorf("non-admin login during a stalled install: %s", resp.Header.Get("Location"))
	}
	if c := r.Server.Counters(); c.InstallsFinished != 0 || c.InstallsFailed != 0 {
		t.Errorf("counters %+v", c)
	}
	// Requesting the step again resumes the chain to the end.
	for step := 2; step <= 5; step++ {
		if _, body := b.get(run + "&step=" + itoa(step)); !strings.Contains(text(body), "Step "+itoa(step)+" of 5") {
			t.Fatalf("step %d:\n%s", step, text(body))
		}
	}
	if resp, _ := b.get(run + "&step=6"); resp.StatusCode != 303 || r.Server.InProgress() {
		t.Errorf("end: %d flag %v", resp.StatusCode, r.Server.InProgress())
	}
	if inst := r.Server.Installed(); inst[len(inst)-1] != "Ext exNew 1.0" {
		t.Errorf("installed %v", inst)
	}
}
