package page

import (
	"cmp"
	"context"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
)

// install: upload (progress bar), the upgrade manager's checks, the R22
// warnings explained and explicitly accepted, then the install (R21).
func (f Facts) install() Page {
	s := f.S
	p := Page{Blocks: []Block{Fact{Label: f.t.Instance(), Value: f.stageName()}}}
	if pc := s.Package; pc != nil {
		p.Blocks = append(p.Blocks, Fact{Label: f.t.PackageFile(), Value: pc.FileName + " (" + pc.Version + ")"})
	}
	p.Blocks = append(p.Blocks, Gap{}, f.crumbs())
	if by := f.settledByHand(steps.StepInstall); by != nil {
		p.Blocks = append(p.Blocks, Gap{})
		p.Blocks = append(p.Blocks, by...)
	}
	pv := s.Prepare
	if pv != nil && s.Phase != steps.PhaseInstalled {
		p.Blocks = append(p.Blocks, f.prepareResults(pv)...)
	}
	if s.Phase == steps.PhaseInstalled {
		p.Blocks = append(p.Blocks, Gap{}, Status{Mark: MarkOK, Text: f.t.InstalledOK(f.stageShort())})
	}
	switch {
	case s.Phase == steps.PhaseInstalled:
		p.Choices = []Choice{f.onward()}
	case pv != nil && len(pv.Errors) > 0:
		p.Choices = []Choice{{ID: "prepare", Key: "p", Label: f.t.InstallPrepareAgain(), Do: f.prepare(false)}}
	case s.Phase == steps.PhasePrepare:
		// Nothing to decide: the checks are what comes next.
		p.Choices = []Choice{{ID: "prepare", Key: "p", Label: f.t.InstallPrepare(), Role: Proceed, Do: f.prepare(false)},
			f.requestManual(steps.ManualPrepare)}
	case s.Phase == steps.PhaseConfirm:
		p.Choices = []Choice{{ID: "accept", Key: "a", Label: f.t.InstallAccept(), Do: f.prepare(true)},
			f.requestManual(steps.ManualPrepare)}
	case s.Phase == steps.PhaseInstall:
		p.Choices = []Choice{{ID: "install", Key: "i", Label: f.t.InstallStart(f.stageShort()), Danger: true, Do: f.installAction()},
			f.requestManual(steps.ManualInstall)}
	default: // upload, or not begun
		p.Choices = []Choice{{ID: "upload", Key: "u", Label: f.t.InstallUpload(f.stageShort()), Role: Proceed, Danger: true, Do: f.upload()},
			f.requestManual(steps.ManualUpload)}
	}
	return p
}

// crumbs is one line of phases; it keeps the room for what the admin must
// read. The warnings phase stays in it once accepted (R22).
func (f Facts) crumbs() Crumbs {
	order := map[steps.InstallPhase]int{steps.PhasePrepare: 1, steps.PhaseConfirm: 2, steps.PhaseInstall: 3, steps.PhaseInstalled: 4}
	at := order[f.S.Phase]
	c := Crumbs{}
	add := func(n int, label string) { c.List = append(c.List, Crumb{Label: label, Done: at > n}) }
	add(0, f.t.PhaseUpload())
	add(1, f.t.PhasePrepare())
	if pv := f.S.Prepare; pv != nil && (pv.NeedsAcceptance || len(pv.Warnings) > 0) || f.warningsAccepted() {
		add(2, f.t.PhaseAccept())
	}
	add(3, f.t.PhaseInstall())
	return c
}

// warningsAccepted: the admin accepted this stage's warnings (R22).
func (f Facts) warningsAccepted() bool {
	for _, r := range f.S.Steps {
		if r.Step == steps.StepInstall && r.Stage == f.S.Stage && r.Action == "accept_warnings" && r.Error == "" {
			return true
		}
	}
	return false
}

// prepareResults: passed checks share one line; warnings and errors get
// the room, shown whole — they are what the admin accepts. A warning the
// admin accepted stays a warning, named apart from the passed checks,
// although 1CRM shows it as passed once it is confirmed.
func (f Facts) prepareResults(pv *steps.PrepareView) []Block {
	bs := []Block{Gap{}, Heading{Text: f.t.PrepareResults()}}
	accepted := map[string]bool{}
	for _, name := range pv.Accepted {
		accepted[name] = true
	}
	var passed, confirmed []string
	for _, st := range pv.Steps {
		if st.Status != crmclient.StepSuccess {
			continue
		}
		if st.Name != "" && accepted[st.Name] {
			confirmed = append(confirmed, cmp.Or(st.Label, st.Name))
		} else {
			passed = append(passed, cmp.Or(st.Label, st.Name))
		}
	}
	if len(passed) > 0 {
		bs = append(bs, Status{Mark: MarkOK, Text: f.t.ChecksPassed(len(passed), strings.Join(passed, ", "))})
	}
	if len(confirmed) > 0 {
		bs = append(bs, Status{Mark: MarkWarn, Text: f.t.ChecksAccepted(len(confirmed), strings.Join(confirmed, ", "))})
	}
	if pv.Precopied {
		bs = append(bs, Status{Mark: MarkOK, Text: f.t.PrecopyDone()})
	}
	for _, st := range pv.Steps {
		switch st.Status {
		case crmclient.StepSuccess:
		case crmclient.StepWarning:
			bs = append(bs, Status{Mark: MarkWarn, Text: f.prepareStepText(st)})
		case crmclient.StepError:
			bs = append(bs, Status{Mark: MarkBad, Text: f.prepareStepText(st)})
		default:
			bs = append(bs, Status{Mark: MarkOK, Text: f.prepareStepText(st), Cut: true})
		}
	}
	phase := f.S.Phase
	if phase == steps.PhaseConfirm || (pv.NeedsAcceptance && phase != steps.PhaseInstall) {
		bs = append(bs, Gap{}, Heading{Mark: MarkWarn, Text: f.t.R22Title()})
		// steps' explanation names the extensions itself; only the
		// fallback text needs the list appended.
		if pv.Explanation != "" {
			bs = append(bs, Para{Text: pv.Explanation})
		} else {
			bs = append(bs, Para{Text: f.t.R22Explain()})
			if len(pv.AffectedExtensions) > 0 {
				bs = append(bs, Para{Text: f.t.R22Affected(strings.Join(pv.AffectedExtensions, ", "))})
			}
		}
	}
	if len(pv.Errors) > 0 {
		bs = append(bs, Gap{}, Heading{Mark: MarkBad, Text: f.t.PrepareBlocked()})
	}
	return bs
}

// prepareStepText is a warning or error step as the admin must read it:
// 1CRM's title and the lines that report the problem; the check rows that
// passed are only counted, so the warning is not buried under them.
func (f Facts) prepareStepText(st crmclient.PrepareStep) string {
	lines := st.Findings
	if len(lines) == 0 && st.Message != "" {
		lines = []string{st.Message}
	}
	msg := st.Title()
	if len(lines) > 0 {
		msg += ": " + strings.Join(lines, "\n")
	}
	if st.Passed > 0 {
		msg += "\n" + f.t.RowsOK(st.Passed)
	}
	return msg
}

// upload sends the package; the checks follow at once: nothing for the
// admin to decide in between.
func (f Facts) upload() *Action {
	return &Action{ID: "upload", Then: Then{Chain: f.prepare(false)},
		Run: &Running{Label: f.t.Uploading(), Server: f.t.UploadServerState(), Progress: Transfer},
		Call: func(ctx context.Context, e Engine, _ Arg, report func(any)) (any, error) {
			return nil, e.Upload(ctx, func(sent, total int64) { report(Bytes{sent, total}) })
		},
	}
}

// prepare runs the upgrade manager's checks; accept first records the
// admin's acceptance of the R22 warnings and sends it along. The page is
// then read again: the phase says what is due.
func (f Facts) prepare(accept bool) *Action {
	id := "prepare"
	if accept {
		id = "accept warnings"
	}
	return &Action{ID: id, Then: Then{Follow: Stay},
		Run: &Running{Label: f.t.Preparing(), Server: f.t.PrepareServerState()},
		Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
			if accept {
				return e.AcceptWarnings(ctx)
			}
			return e.Prepare(ctx)
		},
	}
}

// installAction installs the prepared package (R21).
func (f Facts) installAction() *Action {
	return &Action{ID: "install", Then: Then{Follow: Stay},
		Run: &Running{Label: f.t.Installing(f.stageShort()), Server: f.t.InstallServerState(), Progress: Steps,
			// "1CRM is installing right now" is true while it runs, not
			// after it failed; the cause sentence says the state then.
			StateOnlyWhileRunning: true, Stalls: true},
		Call: func(ctx context.Context, e Engine, _ Arg, report func(any)) (any, error) {
			return nil, e.Install(ctx, func(p crmclient.InstallProgress) { report(p) })
		},
	}
}
