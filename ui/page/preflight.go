package page

import (
	"context"
	"fmt"
	"strings"

	"github.com/visual4/1crm-update/steps"
)

// preflight runs W1 (R1–R6) and shows the verdict. Blocking verdicts say
// why and what to do; warnings must be acknowledged explicitly.
func (f Facts) preflight() Page {
	pf := f.S.Preflight
	if !f.V.Has("checked") || pf == nil {
		return Page{
			Blocks: []Block{Fact{Label: f.t.LiveSystem(), Value: f.UI.LiveURL}},
			Enter: &Action{ID: "preflight", Mark: "checked",
				Run: &Running{Label: f.t.Checking(), Server: f.t.ServerUnchanged()},
				Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
					return e.Preflight(ctx)
				},
				Then: Then{Follow: Stay},
			},
		}
	}
	p := Page{Blocks: f.preflightFacts(pf)}
	switch {
	case pf.Blocked:
		p.Blocks = append(p.Blocks, Heading{Mark: MarkBad, Text: f.t.PreflightBlocked()})
	case hasLevel(pf.Verdicts, steps.LevelWarn):
		p.Blocks = append(p.Blocks, Heading{Mark: MarkWarn, Text: f.t.PreflightWarnings()})
	default:
		p.Blocks = append(p.Blocks, Heading{Mark: MarkOK, Text: f.t.PreflightOK()})
	}
	p.Blocks = append(p.Blocks, Verdicts{List: BySeverity(ShownVerdicts(pf))})
	switch {
	// A block (R6 expired subscription, uploads disabled) does not depend on
	// where the instance runs: say so at once instead of first asking the
	// deployment question and then refusing anyway.
	case pf.Blocked:
		p.Blocked = true
		p.Choices = []Choice{
			{ID: "report", Key: "b", Label: f.t.OpenReport(), Role: Extra, Do: &Action{ID: "report", Then: Then{Follow: ShowReport}}},
			{ID: "quit", Key: "q", Label: f.t.QuitBlocked(), Role: Proceed, Do: &Action{ID: "quit", Then: Then{Follow: Quit, Exit: ExitFailed}}},
		}
	case pf.NeedsDeployment:
		p.Question = f.t.DeploymentQuestion()
		p.Choices = []Choice{f.deployment("1", steps.DeploymentCloud, f.t.DeploymentCloud()),
			f.deployment("2", steps.DeploymentOnPrem, f.t.DeploymentOnPrem())}
		if pf.DeploymentGuess == steps.DeploymentOnPrem {
			p.Default = string(steps.DeploymentOnPrem)
		}
	case hasLevel(pf.Verdicts, steps.LevelWarn):
		if pf.NeedsVersion {
			// Offered first: without it W2 cannot judge the package.
			p.Choices = append(p.Choices, f.versionChoice())
		}
		p.Choices = append(p.Choices, Choice{ID: "ack", Key: "a", Label: f.t.AckWarnings(), Do: &Action{ID: "ack", Then: Then{Follow: Advance}}})
	default:
		p.Choices = []Choice{f.onwardTo(steps.StepPackage)}
	}
	if f.V.Refused != "" {
		p.Note = f.V.Refused
	}
	return p
}

func (f Facts) preflightFacts(pf *steps.Preflight) []Block {
	ed := f.st.EditionName(string(pf.Edition))
	// While the admin is still asked where it runs, the guess is no fact.
	if pf.Deployment != steps.DeploymentUnknown && !pf.NeedsDeployment {
		ed += " · " + f.st.DeploymentName(string(pf.Deployment))
	}
	bs := []Block{Fact{Label: f.t.Edition(), Value: ed}, Fact{Label: f.t.Installed(), Value: f.orUnknown(pf.Version)}}
	if pf.SupportEndText != "" {
		sup := pf.SupportEndText
		if pf.HasSupportDaysLeft {
			sup = f.t.SupportUntil(pf.SupportEndText, pf.SupportDaysLeft)
		}
		bs = append(bs, Fact{Label: f.t.Support(), Value: sup})
	}
	bs = append(bs, Fact{Label: f.t.Extensions(), Value: fmt.Sprint(len(pf.Extensions))})
	if len(pf.Updates) > 0 {
		var vs []string
		for _, u := range pf.Updates {
			vs = append(vs, u.Version)
		}
		bs = append(bs, Fact{Label: f.t.UpdatesOffered(), Value: strings.Join(vs, ", ")})
	}
	return append(bs, Gap{})
}

// deployment records the admin's answer: cloud or on-premise (R2, R3).
func (f Facts) deployment(key string, d steps.Deployment, label string) Choice {
	return Choice{ID: string(d), Key: key, Label: label, Do: &Action{ID: "deployment " + string(d),
		Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
			return e.ConfirmDeployment(d)
		},
		Then: Then{Follow: Stay},
	}}
}

// versionChoice asks the installed version when /version is closed
// (Startup/Startup+, spec §1.4, §8). steps decides what a version is: a
// refusal is shown above a fresh input holding the refused answer.
func (f Facts) versionChoice() Choice {
	initial := ""
	if f.V.Refused != "" {
		initial = f.V.Kept
	}
	return Choice{ID: "version", Key: "v", Label: f.t.VersionEnter(), Do: &Action{ID: "version",
		Ask:    &Ask{Title: f.t.VersionInputTitle(), Help: f.t.VersionInputHelp(), Initial: initial, Validate: nonEmpty(f.t.VersionRequired())},
		Inline: true,
		Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
			return nil, e.SetInstalledVersion(strings.TrimSpace(a.Text))
		},
		Then: Then{Follow: Stay},
	}}
}
