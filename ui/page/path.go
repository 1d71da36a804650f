package page

import (
	"context"

	"github.com/visual4/1crm-update/steps"
)

// path: test system first (A) or own backup then live (B), R7–R14.
func (f Facts) path() Page {
	hasTest := f.UI.TestURL != ""
	rec := f.V.Rec
	tag := func(p steps.Path) string {
		if p == rec {
			return f.t.Recommended()
		}
		return ""
	}
	test := f.UI.TestURL
	if !hasTest {
		test = f.t.NoTestSystem()
	}
	p := Page{Blocks: []Block{Fact{Label: f.t.TestSystem(), Value: test}, Gap{},
		Heading{Text: f.t.PathATitle(), Tag: tag(steps.PathA)}, Para{Text: f.t.PathAFacts(), Indent: true}}}
	if !hasTest {
		p.Blocks = append(p.Blocks, Para{Text: f.t.PathANeedsTest(), Tone: Caution, Indent: true})
	}
	p.Blocks = append(p.Blocks, Gap{}, Heading{Text: f.t.PathBTitle(), Tag: tag(steps.PathB)}, Para{Text: f.t.PathBFacts(), Indent: true})
	choose := func(key string, path steps.Path, label string) Choice {
		return Choice{ID: string(path), Key: key, Label: label, Recommended: path == rec, Do: &Action{ID: "path " + string(path),
			Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) { return nil, e.ChoosePath(path) },
			Then: Then{Follow: Advance},
		}}
	}
	a := choose("a", steps.PathA, f.t.PathAChoice())
	if !hasTest {
		a.Disabled, a.Recommended = f.t.PathANeedsTest(), false
	}
	p.Choices = []Choice{a, choose("b", steps.PathB, f.t.PathBChoice())}
	if !hasTest || rec == steps.PathB {
		p.Default = string(steps.PathB)
	}
	return p
}

// mailChoices hand the page's mail over: copied, or opened in the mail
// program where the wizard runs on the admin's own desktop.
func (f Facts) mailChoices(m steps.Mail) []Choice {
	cs := []Choice{{ID: "copy", Key: "c", Label: f.t.CopyMail(), Role: Handover, Do: &Action{ID: "copy", Then: Then{Follow: Stay}}}}
	if f.UI.CanOpenMail && m.MailtoURL != "" {
		cs = append(cs, Choice{ID: "open", Key: "o", Label: f.t.OpenMail(), Role: Handover, Do: &Action{ID: "open", Then: Then{Follow: Stay}}})
	}
	return cs
}

// refresh: the request to the partner to refresh the test system (R8),
// then the admin confirms the refresh was done.
func (f Facts) refresh() Page {
	m := f.V.Mail
	done := Choice{ID: "done", Key: "r", Label: f.t.RefreshConfirm(), Do: &Action{ID: "refreshed",
		Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) { return nil, e.ConfirmRefreshed() },
		Then: Then{Follow: Advance},
	}}
	return Page{Blocks: []Block{Para{Text: f.t.RefreshIntro()}, Gap{}}, Mail: &Mail{Mail: m},
		Choices: append(f.mailChoices(m), done), Note: f.V.Note}
}

// parity compares the test system with live (W5) before tests count.
func (f Facts) parity() Page {
	par := f.S.Parity
	if !f.V.Has("compared") || par == nil {
		return Page{Enter: &Action{ID: "parity", Mark: "compared", Then: Then{Follow: Stay},
			Run: &Running{Label: f.t.ParityChecking(), Server: f.t.ServerUnchanged()},
			Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
				return e.ParityCheck(ctx)
			},
		}}
	}
	p := Page{Blocks: []Block{Fact{Label: f.t.LiveSystem(), Value: par.LiveVersion}, Fact{Label: f.t.TestSystem(), Value: par.TestVersion}, Gap{}}}
	if par.OK {
		p.Blocks = append(p.Blocks, Heading{Mark: MarkOK, Text: f.t.ParityOK()})
	} else {
		p.Blocks = append(p.Blocks, Heading{Mark: MarkWarn, Text: f.t.ParityDiffers()})
	}
	for _, x := range par.MissingOnTest {
		p.Blocks = append(p.Blocks, Status{Mark: MarkWarn, Text: f.t.ParityMissing(x)})
	}
	for _, x := range par.ExtraOnTest {
		p.Blocks = append(p.Blocks, Status{Mark: MarkWarn, Text: f.t.ParityExtra(x)})
	}
	p.Blocks = append(p.Blocks, Verdicts{List: BySeverity(par.Verdicts)})
	switch {
	case par.Twin && !par.DistinctConfirmed:
		// R7: live under a second address? Asked before anything is
		// installed. Enter alone stops: "2" (two systems) is a choice
		// made on purpose.
		then := Then{Follow: Stay}
		if par.OK {
			then.Follow = Advance
		}
		p.Choices = []Choice{
			{ID: "distinct", Key: "2", Label: f.t.TwinYes(), Do: &Action{ID: "distinct", Then: then,
				Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
					return nil, e.ConfirmDistinctSystems()
				}}},
			{ID: "stop", Key: "n", Label: f.t.TwinStop(), Do: &Action{ID: "stop",
				Then: Then{Follow: Quit, Exit: ExitPaused, Farewell: f.t.TwinStopFarewell()}}},
		}
		p.Default = "stop"
	case par.OK:
		p.Choices = []Choice{f.onward()}
	default:
		p.Choices = []Choice{
			{ID: "redo", Key: "r", Label: f.t.ParityRedo(), Do: &Action{ID: "redo", Then: Then{Follow: Advance},
				Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) { return nil, e.RedoRefresh() }}},
			{ID: "accept", Key: "i", Label: f.t.ParityAccept(), Do: &Action{ID: "accept parity", Then: Then{Follow: Advance},
				Ask: f.reason(f.t.ParityReasonHelp()),
				Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
					return nil, e.AcceptParity(trim(a.Text))
				}}},
		}
	}
	return p
}
