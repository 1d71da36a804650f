package page

import (
	"context"
	"path/filepath"

	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
)

// The manual route (issue 10): a server action the wizard handed to the
// admin in the browser. While it is open its step shows this page instead
// of its own — where in 1CRM (menu path in German and English: the
// instance may speak either), why, what to do, what shows it worked — and
// offers "done: check it", a confirmation where nothing can be read back,
// giving the step back to the wizard, and the usual problem, report and
// pause. The users-locked-out warning stands first, in "!!".

// HandoverStep is the step whose page shows a hand-over of action a.
func HandoverStep(a steps.ManualAction) steps.StepID {
	switch a {
	case steps.ManualDownload:
		return steps.StepPackage
	case steps.ManualBackup:
		return steps.StepBackup
	}
	return steps.StepInstall
}

// handover is the page of the open hand-over (Snapshot().Handover).
func (f Facts) handover() Page {
	h := f.S.Handover
	t := f.t
	action := f.st.ManualActionName(string(h.Action))
	// The title stays the step's (the header keeps to one line at 80
	// columns); the heading right under it says "in the browser".
	var p Page
	if h.LockedOut {
		p.Blocks = append(p.Blocks, Alert{Text: h.LockedOutText}, Gap{})
	}
	p.Blocks = append(p.Blocks, Heading{Mark: MarkWarn, Text: t.HandoverHeading(action, f.shortOf(h.Stage))})
	if h.Checks > 0 {
		// What the last "done" found: read first, it is why the page is
		// still here.
		p.Blocks = append(p.Blocks, Gap{}, Heading{Text: t.HandoverNotSeen(h.Checks)})
		if h.Found != "" {
			p.Blocks = append(p.Blocks, Status{Mark: MarkOK, Text: h.Found})
		}
		if h.NotYet != "" {
			p.Blocks = append(p.Blocks, Status{Mark: MarkWarn, Text: h.NotYet})
		}
	}
	// Where to go before why: on the first screen at 80×24 the address
	// (upgrade.php, users locked out) must be in view.
	if where := f.handoverWhere(h); len(where) > 0 {
		p.Blocks = append(append(p.Blocks, Gap{}), where...)
	}
	p.Blocks = append(p.Blocks, Gap{}, Para{Text: h.Reason})
	if len(h.Steps) > 0 {
		p.Blocks = append(p.Blocks, Gap{}, Heading{Text: t.HandoverStepsTitle()}, Numbered{Items: h.Steps})
	}
	if len(h.LookFor) > 0 {
		p.Blocks = append(p.Blocks, Gap{}, Heading{Text: t.HandoverLookForTitle()})
		for _, l := range h.LookFor {
			p.Blocks = append(p.Blocks, Para{Text: "– " + l, Indent: true})
		}
	}
	if h.CanConfirm {
		// steps' hint is about what cannot be read at all; after a check
		// that could read and saw nothing, the note is what counts.
		hint := h.ConfirmHint
		if h.NoteNeeded {
			hint = t.HandoverConfirmNoteHint()
		}
		if hint != "" {
			p.Blocks = append(p.Blocks, Gap{}, Para{Text: hint, Tone: Muted})
		}
	}
	if len(h.Pages) > 0 {
		p.Blocks = append(p.Blocks, Gap{}, Para{Text: t.HandoverPagesKept(len(h.Pages), f.pagesDir()), Tone: Muted})
	}
	p.Choices = f.handoverChoices(h)
	p.Farewell = t.HandoverPausedFarewell()
	return p
}

// handoverWhere is 1CRM's menu path in both languages (one line when they
// read the same) and the address to open; the labels say what they are,
// so no heading takes a line of the first screen.
func (f Facts) handoverWhere(h *steps.Handover) []Block {
	t := f.t
	var bs []Block
	switch m := h.Menu; {
	case m.DE != "" && m.DE == m.EN:
		bs = append(bs, Fact{Label: t.HandoverMenuBoth(), Value: m.DE})
	case m.DE != "" || m.EN != "":
		bs = append(bs, Fact{Label: t.HandoverMenuDE(), Value: m.DE}, Fact{Label: t.HandoverMenuEN(), Value: m.EN})
	}
	if h.URL != "" {
		bs = append(bs, Fact{Label: t.HandoverAddress(), Value: h.URL, Whole: true})
	}
	return bs
}

// pagesDir is the folder of the run's kept pages.
func (f Facts) pagesDir() string {
	if f.UI.JournalPath != nil {
		if jp := f.UI.JournalPath(); jp != "" {
			return filepath.Join(filepath.Dir(jp), "pages")
		}
	}
	return filepath.Join("runs", f.S.RunID, "pages")
}

// handoverChoices: check (the default), confirm where allowed, give the
// step back (not while the install runs on the server), report a
// problem, the report, pause.
func (f Facts) handoverChoices(h *steps.Handover) []Choice {
	t := f.t
	check := &Action{ID: "manual done", Mark: "manual", Then: Then{Follow: Stay},
		Run: &Running{Label: t.HandoverChecking(), Server: t.ServerUnchanged()},
		Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
			file := ""
			if a.Text != "" {
				file = ExpandPath(a.Text)
			}
			return e.ManualDone(ctx, file)
		},
	}
	label := t.HandoverCheck()
	if h.NeedsFile {
		// The existing package-file input: a path, ~ expanded, checked
		// to be a file before anything is read.
		label = t.HandoverCheckFile()
		check.Ask = &Ask{Title: t.PackagePathTitle(), Help: t.HandoverFileHelp(), Initial: f.UI.PackageFile, Validate: f.localZIP}
	}
	keys := map[string]string{"check": "e", "confirm": "o"}
	if t.Lang() == "en" {
		keys = map[string]string{"check": "d", "confirm": "c"}
	}
	cs := []Choice{{ID: "manual_done", Key: keys["check"], Label: label, Do: check}}
	if h.CanConfirm {
		confirm := &Action{ID: "manual confirm", Mark: "manual", Inline: true, Then: Then{Follow: Stay},
			Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
				return nil, e.ConfirmManualUnverified(trim(a.Text))
			},
		}
		if h.NoteNeeded {
			confirm.Ask = &Ask{Title: t.HandoverNoteTitle(), Help: t.HandoverNoteHelp(), Validate: nonEmpty(t.HandoverNoteRequired())}
		}
		cs = append(cs, Choice{ID: "manual_confirm", Key: keys["confirm"], Label: t.HandoverConfirm(), Do: confirm})
	}
	cancel := Choice{ID: "manual_cancel", Key: "a", Label: t.HandoverCancel(), Do: &Action{ID: "manual cancel", Inline: true,
		Then: Then{Follow: Advance},
		Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) { return nil, e.CancelManual() },
	}}
	if h.LockedOut {
		// The install runs on the server: it is finished in the browser,
		// never taken back (steps refuses it as well).
		cancel.Disabled = f.st.HandoverMustFinish()
	}
	cs = append(cs, cancel)
	if h.Action != steps.ManualDownload {
		// What the instructions name: errors or unexpected warnings in
		// the browser go to the partner (R13, R14).
		cs = append(cs, Choice{ID: "problem", Key: "m", Label: t.HandoverProblem(), Do: &Action{ID: "report problem",
			Ask:  &Ask{Title: t.Note(), Help: t.HandoverProblemHelp(), Validate: nonEmpty(t.NoteRequired())},
			Then: Then{Follow: Advance},
			Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
				return nil, e.ReportProblem(f.st.ManualActionName(string(h.Action)) + ": " + trim(a.Text))
			},
		}})
	}
	return append(cs,
		Choice{ID: "report", Key: "b", Label: t.OpenReport(), Role: Extra, Do: &Action{ID: "report", Then: Then{Follow: ShowReport}}},
		Choice{ID: "pause", Key: "q", Label: t.HandoverPause(), Do: &Action{ID: "pause",
			Then: Then{Follow: Quit, Exit: ExitPaused, Farewell: t.HandoverPausedFarewell()}}})
}

// requestManual is the choice that hands the due action to the browser
// on request: next to the automatic one, never the default, and offered
// by the line mode even where the automatic one needs no decision
// (upload, the checks: issue 9). Reading the backup history first takes
// a moment; the rest is a quick call.
func (f Facts) requestManual(a steps.ManualAction) Choice {
	act := &Action{ID: "request manual " + string(a), Inline: true, Then: Then{Follow: Stay},
		Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
			return nil, e.RequestManual(ctx, a)
		},
	}
	if a == steps.ManualBackup {
		act.Run = &Running{Label: f.t.ManualRequesting(), Server: f.t.ServerUnchanged()}
	}
	return Choice{ID: "manual", Key: "h", Label: f.t.ManualRequest(string(a)), Role: Instead, Do: act}
}

// shortOf is "LIVE" or "TEST" for a stage; "" for none.
func (f Facts) shortOf(s steps.Stage) string {
	switch s {
	case steps.StageTest:
		return f.t.TestShort()
	case steps.StageLive:
		return f.t.LiveShort()
	}
	return ""
}

// settledByHand is what the last hand-over of step on the current stage
// found, on the visit whose check or confirmation settled it: the step's
// page then says it was done by hand and how the wizard knows.
func (f Facts) settledByHand(step steps.StepID) []Block {
	if !f.V.Has("manual") {
		return nil
	}
	for i := len(f.S.Manual) - 1; i >= 0; i-- {
		m := f.S.Manual[i]
		if HandoverStep(m.Action) != step || (m.Stage != "" && m.Stage != f.S.Stage) {
			continue
		}
		mark := MarkOK
		switch m.State {
		case steptext.ManualVerified:
		case steptext.ManualConfirmed:
			mark = MarkWarn
		default:
			return nil
		}
		bs := []Block{Status{Mark: mark, Text: f.t.ManualOutcome(f.st.ManualActionName(string(m.Action)), f.shortOf(m.Stage), m.State)}}
		if m.Evidence != "" {
			bs = append(bs, Para{Text: m.Evidence, Tone: Muted, Indent: true})
		}
		if m.Note != "" {
			bs = append(bs, Para{Text: f.t.Note() + ": " + m.Note, Tone: Muted, Indent: true})
		}
		return bs
	}
	return nil
}

// manualList lists the run's hand-overs that were done by hand (verified,
// confirmed) or are still open, for the finish and problems pages.
func (f Facts) manualList() []Block {
	var bs []Block
	for _, m := range f.S.Manual {
		mark := MarkOK
		switch m.State {
		case steptext.ManualVerified:
		case steptext.ManualConfirmed:
			mark = MarkWarn
		case steptext.ManualCancelled:
			continue // the wizard did the step after all
		default:
			mark = MarkTodo
		}
		bs = append(bs, Status{Mark: mark, Text: f.t.ManualOutcome(f.st.ManualActionName(string(m.Action)), f.shortOf(m.Stage), m.State)})
	}
	if len(bs) == 0 {
		return nil
	}
	return append([]Block{Gap{}, Heading{Text: f.t.ManualSection()}}, bs...)
}
