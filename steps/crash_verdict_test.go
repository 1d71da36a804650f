package steps

import (
	"context"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/text"
)

// Issue 8 item 1 (W6, W8): without an API client id the REST checks can
// only try HTTP Basic, which 1CRM has off by default. An uninterrupted run
// learns that in the preflight (or before the test install) and skips the
// REST checks. A run killed anywhere between the install request and the
// end of the smoke checks must judge them the same way after the restart:
// a healthy update is "installed, tested, no problems" — never "problems
// on live", never a restore proposal, and path A never stops before live.
func TestCrash_W6_W8_apiAccessFactsSurviveResume(t *testing.T) {
	cases := []struct {
		at    string
		pathA bool
	}{
		{at: "before:install:live"},
		{at: "during:install:live"},
		{at: "after:install:live"},
		{at: "smoke:live"},
		{at: "during:install:test", pathA: true},
		{at: "after:install:test", pathA: true},
		{at: "smoke:test", pathA: true},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.at, ":", "_"), func(t *testing.T) {
			t.Parallel()
			live := startSim(t, crashScenario(t), tuesday9)
			env := []string{envNoClient + "=1"}
			var test *sim.Running
			if tc.pathA {
				test = startSim(t, fastScenario(t, "test-system"), tuesday9)
				env = append(env, envTestURL+"="+test.URL)
			}
			dir := t.TempDir()
			runChild(t, dir, live.URL, tc.at, nil, env...)

			w := openWizard(t, dir, tuesday9)
			if w.Unfinished() == nil {
				t.Fatal("no unfinished run after the kill")
			}
			must(t, w.Resume())
			p := plan{path: PathB}
			if tc.pathA {
				p.path = PathA
				w.Attach(mustClient(t, clientWithoutAPIClient, live.URL), mustClient(t, clientWithoutAPIClient, test.URL))
			} else {
				w.Attach(mustClient(t, clientWithoutAPIClient, live.URL), nil)
			}
			if err := drive(context.Background(), w, p); err != nil {
				t.Fatalf("resume: %v", err)
			}
			s := w.Snapshot()
			for stage, sm := range s.Smoke {
				for _, ch := range sm.Checks {
					if ch.Level == LevelBlock {
						t.Errorf("%s smoke check %s failed after the resume: %s %s", stage, ch.Name, ch.Title, ch.Detail)
					}
				}
			}
			w.mu.Lock()
			outcome, _ := w.outcomeLocked()
			problemsAt := w.st.ProblemsAt
			w.mu.Unlock()
			if outcome != text.OutcomeSuccess || problemsAt != "" {
				t.Fatalf("outcome %s (problems at %q), want success", outcome, problemsAt)
			}
			if live.Server.Version() != "8.7.7" {
				t.Errorf("live runs %s: path A stopped before live", live.Server.Version())
			}
			if m := w.PartnerMail(); strings.Contains(strings.ToLower(m.Body), "restore") {
				t.Errorf("the mail of a healthy update proposes a restore:\n%s", m.Body)
			}
		})
	}
}
