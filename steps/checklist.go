package steps

import (
	"errors"
	"fmt"
	"strings"

	"github.com/visual4/1crm-update/steps/checklist"
)

// Answer status of a checklist item (W7).
const (
	AnswerPassed  = "passed"
	AnswerProblem = "problem"
	AnswerNA      = "na"
)

// ChecklistItem is one test item with its answer (W7).
type ChecklistItem struct {
	ID     string
	Title  string
	Detail string
	Source string // "builtin", "extension", "file"
	Status string // "" (open), AnswerPassed, AnswerProblem, AnswerNA
	Note   string
}

// ChecklistItems is the current stage's checklist with answers (W7).
func (w *Wizard) ChecklistItems() []ChecklistItem { return w.checklistItems() }

// Answer records one checklist answer: AnswerPassed, AnswerProblem (note
// required) or AnswerNA.
func (w *Wizard) Answer(id, status, note string) error { return w.answer(id, status, note) }

// AddChecklistItem adds an item of the admin's own during the run (W7).
func (w *Wizard) AddChecklistItem(title string) (ChecklistItem, error) {
	return w.addChecklistItem(title)
}

// FinishChecklist closes the checklist. It refuses while an item has no
// answer (R23). With a problem answer Next() becomes problems.
func (w *Wizard) FinishChecklist() error { return w.finishChecklist() }

// GoLive moves path A from the test system to live, only after a passed
// test (R9, R23).
func (w *Wizard) GoLive() error { return w.goLive() }

// ProblemsReported records that the admin sent the problem mail; the run
// then finishes (path A: live stays untouched, R9).
func (w *Wizard) ProblemsReported() error { return w.problemsReported() }

// ReportProblem leaves the normal flow for the problems step with a note,
// e.g. after an install that failed half-way or a backup that keeps
// failing (R13, R14). Next() becomes problems.
func (w *Wizard) ReportProblem(note string) error { return w.reportProblem(note) }

// ensureChecklistLocked builds the stage's checklist on first use (W7):
// built-in items, one per installed extension, the company's own items.
// On live after a passed test on the test system (path A) the list is the
// short one: the core built-in items and the company's own items; the
// whole list, extensions included, was answered on the test system (R9).
func (w *Wizard) ensureChecklistLocked(stage Stage) *checklist.List {
	ss := w.st.stage(stage)
	if ss.Checklist == nil {
		if stage == StageLive && w.st.Path == PathA && w.st.TestPassed {
			ss.Checklist = checklist.New(
				checklist.BuiltinShort(w.tx.Lang()),
				checklist.FromLines(w.st.CompanyChecklist),
				ownItems(w.st.Test.Checklist),
			)
			return ss.Checklist
		}
		var exts []string
		if w.st.Preflight != nil {
			exts = extensionNames(w.st.Preflight.Extensions)
		}
		ss.Checklist = checklist.New(
			checklist.Builtin(w.tx.Lang()),
			checklist.ForExtensions(exts, w.tx.Lang()),
			checklist.FromLines(w.st.CompanyChecklist),
		)
	}
	return ss.Checklist
}

// ownItems are the items the admin added during the test stage
// (AddChecklistItem), unanswered again for live: what mattered enough to
// add on the test system is checked on live too.
func ownItems(l *checklist.List) []checklist.Item {
	if l == nil {
		return nil
	}
	var out []checklist.Item
	for _, it := range l.Items {
		if strings.HasPrefix(it.ID, "own:") {
			out = append(out, checklist.Item{ID: it.ID, Title: it.Title, Source: it.Source, Status: checklist.Open})
		}
	}
	return out
}

// answerOut maps the checklist package's statuses to the API constants.
func answerOut(s checklist.Status) string {
	switch s {
	case checklist.Passed:
		return AnswerPassed
	case checklist.Problem:
		return AnswerProblem
	case checklist.NotApplicable:
		return AnswerNA
	}
	return ""
}

func answerIn(s string) (checklist.Status, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case AnswerPassed:
		return checklist.Passed, true
	case AnswerProblem:
		return checklist.Problem, true
	case AnswerNA, string(checklist.NotApplicable), "n/a":
		return checklist.NotApplicable, true
	case "", string(checklist.Open):
		return checklist.Open, true
	}
	return "", false
}

func itemsOf(l *checklist.List) []ChecklistItem {
	if l == nil {
		return nil
	}
	out := make([]ChecklistItem, 0, len(l.Items))
	for _, it := range l.Items {
		out = append(out, ChecklistItem{ID: it.ID, Title: it.Title, Detail: it.Hint, Source: string(it.Source),
			Status: answerOut(it.Status), Note: it.Note})
	}
	return out
}

func (w *Wizard) checklistItems() []ChecklistItem {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st == nil {
		return nil
	}
	stage := w.st.currentStage()
	if w.st.stage(stage).Checklist == nil && w.nextLocked() != StepChecklist {
		return nil
	}
	return itemsOf(w.ensureChecklistLocked(stage))
}

func (w *Wizard) answer(id, status, note string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepChecklist); err != nil {
		return err
	}
	st, ok := answerIn(status)
	if !ok {
		return w.refuse("W7", StepChecklist, w.tx.UnknownAnswer(status))
	}
	stage := w.st.currentStage()
	l := w.ensureChecklistLocked(stage)
	note = strings.TrimSpace(note)
	if err := l.Answer(id, st, redact(note)); err != nil {
		switch {
		case errors.Is(err, checklist.ErrNoteNeeded):
			return w.refuse("W7", StepChecklist, w.tx.ProblemNeedsNote())
		case errors.Is(err, checklist.ErrUnknownItem):
			return w.refuse("W7", StepChecklist, w.tx.UnknownItem(id))
		}
		return w.refuse("W7", StepChecklist, w.tx.UnknownAnswer(string(st)))
	}
	if err := w.j.Answer("checklist:"+string(stage), journalData("item", id, "status", string(st), "note", note)); err != nil {
		return w.actionError(StepChecklist, stage, "", err) // worded: disk full …
	}
	return w.saveLocked()
}

func (w *Wizard) addChecklistItem(title string) (ChecklistItem, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepChecklist); err != nil {
		return ChecklistItem{}, err
	}
	title = strings.TrimSpace(title)
	if title == "" {
		return ChecklistItem{}, w.refuse("W7", StepChecklist, w.tx.NeedReason())
	}
	stage := w.st.currentStage()
	l := w.ensureChecklistLocked(stage)
	id := fmt.Sprintf("own:%d", len(l.Items)+1)
	for n := len(l.Items) + 2; ; n++ { // items carried over from the test stage keep their IDs
		if _, taken := l.Item(id); !taken {
			break
		}
		id = fmt.Sprintf("own:%d", n)
	}
	it := checklist.Item{ID: id, Title: redact(title), Source: checklist.SourceCompany, Status: checklist.Open}
	l.Items = append(l.Items, it)
	_ = w.j.Event("checklist_item_added", journalData("stage", string(stage), "item", id, "title", title))
	if err := w.saveLocked(); err != nil {
		return ChecklistItem{}, err
	}
	return itemsOf(&checklist.List{Items: []checklist.Item{it}})[0], nil
}

// finishChecklist: R23, every item needs an answer. A problem (or a failed
// smoke check) leads to the problems step; a clean test on the test
// system opens go-live (R9).
func (w *Wizard) finishChecklist() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepChecklist); err != nil {
		return err
	}
	stage := w.st.currentStage()
	ss := w.st.stage(stage)
	l := w.ensureChecklistLocked(stage)
	if !l.Complete() {
		return w.refuse("R23", StepChecklist, w.tx.ChecklistOpen(len(l.Unanswered())))
	}
	ss.ChecklistDone = true
	passed, problems, na, _ := l.Counts()
	smokeFailed := ss.Smoke != nil && !ss.Smoke.OK
	result := facts("passed", fmt.Sprint(passed), "problems", fmt.Sprint(problems), "na", fmt.Sprint(na))
	if problems > 0 || smokeFailed {
		w.st.ProblemsAt = StepChecklist
		w.st.ProblemsStage = stage
	} else if stage == StageTest {
		w.st.TestPassed = true // R9: only now may live follow
	}
	w.record(StepChecklist, stage, "checklist", result)
	_ = w.j.Event("checklist_finished", journalData("stage", string(stage), "passed", fmt.Sprint(passed),
		"problems", fmt.Sprint(problems), "not_applicable", fmt.Sprint(na), "smoke_ok", boolStr(!smokeFailed)))
	return w.saveLocked()
}

// goLive: path A, from the test system to live after a passed test (R9).
func (w *Wizard) goLive() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepGoLive); err != nil {
		return err
	}
	if w.st.Path != PathA || !w.st.TestPassed {
		return w.refuse("R9", StepGoLive, w.tx.TestNotPassed())
	}
	w.st.WentLive = true
	w.record(StepGoLive, StageLive, "go_live", "")
	_ = w.j.Event("go_live", nil)
	return w.saveLocked()
}

// reportProblem leaves the normal flow for the problems step, e.g. after a
// failed install or backup that cannot be retried (R13, R14).
func (w *Wizard) reportProblem(note string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st == nil {
		return w.refuse("", StepProblems, w.tx.NoRun())
	}
	if w.busy {
		return w.refuse("", StepProblems, w.tx.Busy())
	}
	if w.st.Finished {
		return w.refuse("", StepProblems, w.tx.RunFinished())
	}
	note = strings.TrimSpace(note)
	if note == "" {
		return w.refuse("R13", StepProblems, w.tx.ProblemNeedsNote())
	}
	n := w.nextLocked()
	if n == StepConnect || n == StepDone {
		return w.refuse("R13", StepProblems, w.tx.NotDue(w.tx.StepName(string(StepProblems)), w.tx.StepName(string(n))))
	}
	if w.st.ProblemsAt == "" {
		w.st.ProblemsAt = n
		w.st.ProblemsStage = w.st.currentStage()
	}
	w.st.ProblemNotes = append(w.st.ProblemNotes, redact(note))
	w.record(StepProblems, w.st.ProblemsStage, "problem", facts("note", note))
	_ = w.j.Event("problem", journalData("at", string(n), "note", note))
	return w.saveLocked()
}

func (w *Wizard) problemsReported() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepProblems); err != nil {
		return err
	}
	w.st.ProblemsReported = true
	w.record(StepProblems, w.st.ProblemsStage, "problems_reported", facts("to", w.cfg.SupportEmail))
	_ = w.j.Answer("problems_reported", journalData("to", w.cfg.SupportEmail, "stage", string(w.st.ProblemsStage)))
	return w.saveLocked()
}
