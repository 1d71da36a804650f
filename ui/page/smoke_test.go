package page

import (
	"strings"
	"testing"

	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/text"
)

// W6: where the REST checks were skipped, the smoke page does not say
// "all checks passed"; it says what ran passed and that the REST checks
// did not run, and the line saying why is shown whole (the full screen
// cuts the other check lines at the width), in German and English.
func TestSmokePageSaysSkippedRESTChecks(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		st, tx := steptext.For(lang), text.For(lang)
		skip := st.CheckSkippedNoAPI(steptext.APINoCredentials)
		res := &steps.SmokeResult{Stage: steps.StageLive, OK: true, Checks: []steps.Check{
			{Name: "reachable", Level: steps.LevelOK, Title: st.CheckReachable(true, "")},
			{Name: "api", Level: steps.LevelInfo, Title: skip},
		}}
		s := steps.Snapshot{Next: steps.StepSmoke, Stage: steps.StageLive, Smoke: map[steps.Stage]*steps.SmokeResult{steps.StageLive: res}}
		v := &Visit{Step: steps.StepSmoke, N: 8, Of: 10}
		v.set("checked", true)
		p := Build(s, NewUI(lang), v)
		var heading string
		cut := map[string]bool{}
		for _, b := range p.Blocks {
			switch b := b.(type) {
			case Heading:
				heading = b.Text
			case Status:
				cut[b.Text] = b.Cut
			}
		}
		if heading != tx.SmokeOKWithoutREST() || strings.Contains(heading, tx.SmokeOK()) {
			t.Errorf("%s: heading %q", lang, heading)
		}
		if c, ok := cut[skip]; !ok || c {
			t.Errorf("%s: the skipped line is missing or cut: %v", lang, cut)
		}
		// All checks ran: then they all passed.
		res.Checks = res.Checks[:1]
		p = Build(s, NewUI(lang), v)
		if h, ok := p.Blocks[2].(Heading); !ok || h.Text != tx.SmokeOK() {
			t.Errorf("%s: with every check run: %+v", lang, p.Blocks)
		}
	}
}
