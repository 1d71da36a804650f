package page

import (
	"context"
	"fmt"
	"strings"

	"github.com/visual4/1crm-update/steps"
)

// smoke runs the automatic checks after an install (W6).
func (f Facts) smoke() Page {
	p := Page{Blocks: []Block{Fact{Label: f.t.Instance(), Value: f.stageName()}, Gap{}}}
	res := f.S.Smoke[f.S.Stage]
	if !f.V.Has("checked") || res == nil {
		p.Enter = &Action{ID: "smoke", Mark: "checked", Then: Then{Follow: Stay},
			Run: &Running{Label: f.t.SmokeRunning(), Server: f.t.ServerUnchanged()},
			Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
				return e.Smoke(ctx)
			},
		}
		return p
	}
	// W6: skipped REST checks are said as plainly as the preflight said
	// they would be — never "all passed", and their line is shown whole
	// (it says what to test by hand).
	skipped := false
	for _, c := range res.Checks {
		skipped = skipped || c.Name == "api"
	}
	switch {
	case !res.OK:
		p.Blocks = append(p.Blocks, Heading{Mark: MarkBad, Text: f.t.SmokeFailed()}, Gap{})
	case skipped:
		p.Blocks = append(p.Blocks, Heading{Mark: MarkOK, Text: f.t.SmokeOKWithoutREST()}, Gap{})
	default:
		p.Blocks = append(p.Blocks, Heading{Mark: MarkOK, Text: f.t.SmokeOK()}, Gap{})
	}
	for _, c := range res.Checks {
		line := c.Title
		if c.Detail != "" {
			line += " — " + c.Detail
		}
		p.Blocks = append(p.Blocks, Status{Mark: MarkOf(c.Level), Text: line, Cut: c.Name != "api"})
	}
	p.Choices = []Choice{f.onward()}
	return p
}

// Checklist is the content of the test checklist (W7, R23).
type Checklist struct {
	Items    []Item
	Progress string // "5 von 11 Punkten beantwortet."
	Legend   string // "1 = funktioniert · 2 = Problem · 3 = nicht zutreffend"
	Open     int    // items without an answer
	// Notice is why the last pick was not taken (open items left, a refusal).
	Notice string
}

// Item is one test item as shown.
type Item struct {
	ID, Title, Detail string
	Note              string
	Mark              Mark
	Source            string // "(eigener Punkt)" for the company's own items; "" else
	Open              bool
}

// checklist: every item gets passed / problem (with a note) / n/a; it
// cannot be finished with an open item (W7, R23). The answer choices act
// on the item the renderer has in front of the admin (Arg.Item).
func (f Facts) checklist() Page {
	c := &Checklist{Legend: fmt.Sprintf("1 = %s · 2 = %s · 3 = %s", f.st.AnswerName(steps.AnswerPassed),
		f.st.AnswerName(steps.AnswerProblem), f.st.AnswerName(steps.AnswerNA))}
	for _, it := range f.S.Checklist {
		i := Item{ID: it.ID, Title: it.Title, Detail: it.Detail, Note: it.Note, Mark: MarkTodo, Open: it.Status == ""}
		switch it.Status {
		case steps.AnswerPassed:
			i.Mark = MarkOK
		case steps.AnswerProblem:
			i.Mark = MarkBad
		case steps.AnswerNA:
			i.Mark = MarkSkip
		}
		if it.Source == "file" {
			i.Source = fmt.Sprintf("(%s)", f.t.ChecklistSource(it.Source))
		}
		if i.Open {
			c.Open++
		}
		c.Items = append(c.Items, i)
	}
	c.Progress = f.t.ChecklistProgress(len(c.Items)-c.Open, len(c.Items))
	answer := func(status string) *Action {
		return &Action{ID: "answer " + status, Inline: true, Then: Then{Follow: Stay},
			Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
				note := ""
				if status == steps.AnswerProblem {
					note = trim(a.Text)
				}
				return nil, e.Answer(a.Item, status, note)
			},
		}
	}
	problem := answer(steps.AnswerProblem)
	problem.Ask = &Ask{Title: f.t.Note(), Help: f.t.ProblemNoteHelp(), Validate: nonEmpty(f.t.NoteRequired())}
	for _, it := range c.Items {
		if it.ID == f.V.Item { // the note is about the item in front of the admin, and keeps its note so far
			problem.Ask.Title, problem.Ask.Initial = f.t.ProblemNoteTitle(it.Title), it.Note
		}
	}
	add := &Action{ID: "add item", Inline: true, Then: Then{Follow: Stay},
		Ask: &Ask{Title: f.t.ChecklistAddTitle(), Help: f.t.ChecklistAddHelp(), Validate: nonEmpty(f.t.ReasonRequired())},
		Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
			return e.AddChecklistItem(trim(a.Text))
		},
	}
	finish := Choice{ID: "finish", Key: "F", Label: f.t.ChecklistFinish(), Role: Proceed,
		Do: &Action{ID: "finish checklist", Inline: true, Then: Then{Follow: Advance},
			Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) { return nil, e.FinishChecklist() }}}
	if c.Open > 0 {
		finish.Disabled = f.t.ChecklistOpenLeft(c.Open)
	}
	switch {
	case f.V.Refused != "":
		c.Notice = f.V.Refused
	case f.V.Picked == "finish" && c.Open > 0:
		c.Notice = finish.Disabled // counted again on every draw
	}
	return Page{Checklist: c, Blocks: []Block{Fact{Label: f.t.Instance(), Value: f.stageName()}}, Choices: []Choice{
		{ID: "passed", Key: "1", Label: f.st.AnswerName(steps.AnswerPassed), Do: answer(steps.AnswerPassed)},
		{ID: "problem", Key: "2", Label: f.st.AnswerName(steps.AnswerProblem), Do: problem},
		{ID: "na", Key: "3", Label: f.st.AnswerName(steps.AnswerNA), Do: answer(steps.AnswerNA)},
		{ID: "add", Key: "+", Label: f.t.ChecklistAdd(), Do: add},
		finish,
	}}
}

// goLive: path A, the test passed (R9, R23) — now the same update on live.
func (f Facts) goLive() Page {
	// Go live follows only a checklist without problems (R13): none shown.
	passed, _, na := checklistCounts(f.S.Checklist)
	return Page{Blocks: []Block{
		Heading{Mark: MarkOK, Text: f.t.GoLiveTestPassed()}, Gap{},
		Fact{Label: f.t.TestSystem(), Value: f.UI.TestURL},
		Fact{Label: f.t.ChecklistWord(), Value: f.t.ChecklistCounts(passed, 0, na)},
		Fact{Label: f.t.LiveSystem(), Value: f.UI.LiveURL}, Gap{},
		Para{Text: f.t.GoLiveIntro()},
	}, Choices: []Choice{{ID: "live", Key: "l", Label: f.t.GoLiveConfirm(), Do: &Action{ID: "go live", Then: Then{Follow: Advance},
		Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) { return nil, e.GoLive() }}}}}
}

func trim(s string) string { return strings.TrimSpace(s) }
