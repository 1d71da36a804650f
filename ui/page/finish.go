package page

import (
	"context"
	"strings"

	"github.com/visual4/1crm-update/steps"
)

// problems: something failed — the mail to the partner (R9, R13, R14) and
// the restore options with concrete times and costs (R16–R20).
func (f Facts) problems() Page {
	s := f.S
	var p Page
	switch {
	case s.Path == steps.PathA && s.Stage == steps.StageTest:
		p.Blocks = []Block{Para{Text: f.t.ProblemsIntroA()}}
	case !InstallTouched(s):
		p.Blocks = []Block{Para{Text: f.t.ProblemsIntroUnchanged()}}
	default:
		ri := f.V.Impact
		server := ri.Text
		if server == "" {
			server = f.t.RestoreServer(f.st.DateTime(ri.LostSince), f.st.Duration(ri.LostSpan), ri.Cost)
		}
		p.Blocks = []Block{Para{Text: f.t.ProblemsIntroB()}, Gap{}, Heading{Text: f.t.RestoreOptions()},
			Numbered{Items: []string{f.t.RestoreOwn(), server, f.t.RestoreRepair()}}}
	}
	p.Blocks = append(f.lockedOut(), p.Blocks...)
	// What was done by hand, and whether the wizard saw it: the partner
	// weighs a restore by it (a backup only the admin vouches for).
	p.Blocks = append(p.Blocks, f.manualList()...)
	p.Blocks = append(p.Blocks, Gap{})
	// The mail names the bundle as attached; the admin is told here how
	// to make it.
	p.Mail = &Mail{Mail: f.V.Mail, Intro: f.V.Mail.AttachHint}
	sent := Choice{ID: "sent", Key: "g", Label: f.t.ProblemsSent(), Do: &Action{ID: "problems reported", Then: Then{Follow: Advance},
		Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) { return nil, e.ProblemsReported() }}}
	if f.t.Lang() == "en" {
		sent.Key = "s"
	}
	p.Choices = append(f.mailChoices(f.V.Mail), sent)
	p.Note = f.V.Note
	return p
}

// done: the run is finished — summary, report path, and a ready-made mail
// to the partner with the report (W9).
func (f Facts) done() Page {
	s := f.S
	var p Page
	switch {
	case f.V.FinishErr != nil:
		p.Blocks = []Block{Para{Text: f.V.FinishErr.Error(), Tone: Bad}}
	case ProblemsReported(s):
		p.Blocks = []Block{Heading{Mark: MarkWarn, Text: f.t.DoneWithProblems()}}
	default:
		p.Blocks = []Block{Heading{Mark: MarkOK, Text: f.t.DoneOK()}}
	}
	p.Blocks = append(p.Blocks, f.lockedOut()...)
	p.Blocks = append(p.Blocks, Gap{}, Fact{Label: f.t.LiveSystem(), Value: s.Live.URL + "  " + versions(s.Live)})
	if s.Test.URL != "" {
		p.Blocks = append(p.Blocks, Fact{Label: f.t.TestSystem(), Value: s.Test.URL + "  " + versions(s.Test)})
	}
	if s.Path != steps.PathNone {
		p.Blocks = append(p.Blocks, Fact{Label: f.t.PathWord(), Value: f.st.PathName(string(s.Path))})
	}
	for _, b := range s.Backups {
		switch {
		case b.Entry != nil:
			p.Blocks = append(p.Blocks, Fact{Label: f.t.BackupName(), Value: b.Entry.Name})
		case b.Confirmed:
			// Made in the browser where the wizard could not see it: say
			// so rather than leave the backup out.
			p.Blocks = append(p.Blocks, Fact{Label: f.t.BackupName(), Value: f.t.BackupConfirmed(), Whole: true})
		}
	}
	if len(s.Checklist) > 0 { // not reached when the install failed: no "0 passed, 0 problems"
		p.Blocks = append(p.Blocks, Fact{Label: f.t.ChecklistWord(), Value: f.t.ChecklistCounts(checklistCounts(s.Checklist))})
	}
	p.Blocks = append(p.Blocks, Fact{Label: f.t.ReportWord(), Value: f.V.ReportPath, Whole: true})
	p.Blocks = append(p.Blocks, f.manualList()...)
	p.Blocks = append(p.Blocks, Gap{})
	m := f.V.Mail
	p.Mail = &Mail{Mail: m, Intro: strings.TrimSpace(f.t.DoneMailIntro(m.To) + " " + m.AttachHint), Brief: true}
	p.Choices = append([]Choice{{ID: "report", Key: "b", Label: f.t.OpenReport(), Role: Extra, Do: &Action{ID: "report", Then: Then{Follow: ShowReport}}}},
		f.mailChoices(m)...)
	p.Choices = append(p.Choices, Choice{ID: "quit", Key: "q", Label: f.t.Quit(), Role: Proceed,
		Do: &Action{ID: "quit", Then: Then{Follow: Quit, Exit: ExitFinished}}})
	p.Note = f.V.Note
	p.Farewell = f.t.FinishedFarewell(f.V.ReportPath)
	return p
}

// lockedOut warns at the top of the closing pages while an install handed
// to the browser is still open: 1CRM keeps its users locked out until
// upgrade.php is finished there. In the trial the finish page said only
// "finished with reported problems", the lock-out was a small line in the
// list of steps done by hand.
func (f Facts) lockedOut() []Block {
	h := f.S.Handover
	if h == nil || !h.LockedOut {
		return nil
	}
	bs := []Block{Gap{}, Alert{Text: f.t.DoneLockedOut(f.shortOf(h.Stage))}, Para{Text: f.t.DoneLockedOutHow(), Tone: Caution}}
	if h.URL != "" {
		bs = append(bs, Fact{Label: f.t.HandoverAddress(), Value: h.URL, Whole: true})
	}
	return bs
}

// versions is "8.7.6 → 8.7.7", or the one version when nothing changed.
func versions(i steps.InstanceFacts) string {
	v := i.VersionBefore
	if i.VersionAfter != "" && i.VersionAfter != v {
		v += " → " + i.VersionAfter
	}
	return v
}
