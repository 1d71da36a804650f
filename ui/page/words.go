package page

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/text"
)

// Small judgements the pages share: which facts to show, and how.

// ShownVerdicts are the preflight verdicts worth reading: when the update is
// blocked anyway, the "please confirm the deployment" note (R2, R3) asks
// for an answer nobody will be asked for, so it is left out.
func ShownVerdicts(pf *steps.Preflight) []steps.Verdict {
	if !pf.Blocked || !pf.NeedsDeployment {
		return pf.Verdicts
	}
	var out []steps.Verdict
	for _, v := range pf.Verdicts {
		if v.Rule == "R2,R3" && v.Level == steps.LevelWarn {
			continue
		}
		out = append(out, v)
	}
	return out
}

// BySeverity puts blocking verdicts first, then warnings, then the rest, so
// that what stops the update is read first, not below the fold.
func BySeverity(vs []steps.Verdict) []steps.Verdict {
	rank := func(l steps.Level) int {
		switch l {
		case steps.LevelBlock:
			return 0
		case steps.LevelWarn:
			return 1
		}
		return 2
	}
	out := append([]steps.Verdict(nil), vs...)
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i].Level) < rank(out[j].Level) })
	return out
}

// NeedsExtensionsNote: R22 — steps names the affected extensions in a
// verdict of its own; the UI's note is only for a check without one, so
// the list is never shown twice.
func NeedsExtensionsNote(c *steps.PackageCheck) bool {
	return len(c.AffectedExtensions) > 0 && !hasRule(c.Verdicts, "R22")
}

// PackageLabel is "name version (type)", without the version twice when
// the manifest's name already carries it ("1CRM 8.7.7 Update").
func PackageLabel(c *steps.PackageCheck) string {
	name := c.Name
	if c.Version != "" && !strings.Contains(name, c.Version) {
		name += " " + c.Version
	}
	return fmt.Sprintf("%s (%s)", name, c.Type)
}

// Mentioned reports whether a verdict already shows s (e.g. steps' W2
// verdict names the SHA-256): a page shows each fact once.
func Mentioned(vs []steps.Verdict, s string) bool {
	if s == "" {
		return false
	}
	for _, v := range vs {
		if strings.Contains(v.Title+v.Detail, s) {
			return true
		}
	}
	return false
}

// PackageSourceNote says where the ZIP comes from when 1CRM offers no
// download: on the Startup routes (R2 vendor website, R3 partner) an update
// listed on the License page is not the way, so "none offered" would mislead.
func PackageSourceNote(t text.Texts, pf *steps.Preflight, supportMail string) string {
	if pf == nil {
		return ""
	}
	switch {
	case pf.Route == steps.RouteVendorWebsite:
		return t.PackageFromVendor()
	case pf.Route == steps.RoutePartnerZIP:
		return t.PackageFromPartner(supportMail)
	case len(pf.Updates) == 0:
		return t.PackageNoneListed()
	}
	return ""
}

// InstallTouched reports whether the current stage's install began (or
// finished): only then can live differ from before and a restore matter
// (R15–R20). A backup or a check that failed before it changed nothing.
func InstallTouched(s steps.Snapshot) bool {
	if s.Phase == steps.PhaseInstall || s.Phase == steps.PhaseInstalled {
		return true
	}
	if s.Stage == steps.StageTest {
		return s.Test.VersionAfter != ""
	}
	return s.Live.VersionAfter != ""
}

// ProblemsReported: the run went through the problems step (a failed
// install or backup reported from the error page, a failed smoke check,
// a checklist problem), so "installed and tested" would be false (R13).
func ProblemsReported(snap steps.Snapshot) bool {
	for _, it := range snap.Checklist {
		if it.Status == steps.AnswerProblem {
			return true
		}
	}
	for _, r := range snap.Steps {
		if r.Step == steps.StepProblems {
			return true
		}
	}
	return false
}

// InstallLine is what the upgrade manager is doing, in the admin's
// language ("Schritt 2 von 6: Dateien kopieren").
func InstallLine(t text.Texts, p crmclient.InstallProgress) string {
	if p.Of > 0 {
		return t.InstallStep(p.Step, p.Of, StripStepPrefix(p.Text))
	}
	if p.Polling {
		return t.InstallPolling()
	}
	return p.Text
}

// stepPrefix is the server's own "Step 2 of 6: " in front of a step name;
// the wizard says "Schritt 2 von 6" itself, in the admin's language.
var stepPrefix = regexp.MustCompile(`^\s*(Step|Schritt)\s+\d+\s+(of|von)\s+\d+\s*[:.-]?\s*`)

// StripStepPrefix removes the server's "Step N of M:" from a progress text.
func StripStepPrefix(s string) string { return stepPrefix.ReplaceAllString(s, "") }

// hasRule reports whether a verdict encodes rule (Rule may join several: "R2,R3").
func hasRule(vs []steps.Verdict, rule string) bool {
	for _, v := range vs {
		for _, r := range strings.Split(v.Rule, ",") {
			if strings.TrimSpace(r) == rule {
				return true
			}
		}
	}
	return false
}

func hasLevel(vs []steps.Verdict, l steps.Level) bool {
	for _, v := range vs {
		if v.Level == l {
			return true
		}
	}
	return false
}

// checklistCounts counts the answered checklist items by answer (R23).
func checklistCounts(items []steps.ChecklistItem) (passed, problem, na int) {
	for _, it := range items {
		switch it.Status {
		case steps.AnswerPassed:
			passed++
		case steps.AnswerProblem:
			problem++
		case steps.AnswerNA:
			na++
		}
	}
	return passed, problem, na
}

// orUnknown says "unbekannt" instead of a blank (Startup editions do not
// tell their version over the API).
func (f Facts) orUnknown(v string) string {
	if strings.TrimSpace(v) == "" {
		return f.t.Unknown()
	}
	return v
}

// stageName names the instance the current step is about.
func (f Facts) stageName() string {
	if f.S.Stage == steps.StageTest {
		return f.t.TestSystem() + " " + f.UI.TestURL
	}
	return f.t.LiveSystem() + " " + f.UI.LiveURL
}

// stageShort is "TEST" or "LIVE": written big on the choices that change a server.
func (f Facts) stageShort() string {
	if f.S.Stage == steps.StageTest {
		return f.t.TestShort()
	}
	return f.t.LiveShort()
}

// onward is the choice of a page whose step is done: on to the one due.
func (f Facts) onward() Choice { return f.onwardTo(f.S.Next) }

// onwardTo is onward naming the step that follows.
func (f Facts) onwardTo(step steps.StepID) Choice {
	return Choice{ID: "next", Label: f.t.ContinueTo(f.st.StepName(string(step))), Role: Proceed,
		Do: &Action{ID: "next", Then: Then{Follow: Advance}}}
}

// reason asks the reason a choice needs on record (W3 start after 15:00,
// R10 no backup or a broken one, W5 parity differences accepted).
func (f Facts) reason(help string) *Ask {
	return &Ask{Title: f.t.ReasonTitle(), Help: help, Validate: nonEmpty(f.t.ReasonRequired())}
}
