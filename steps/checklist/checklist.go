// Package checklist is the test checklist of an update (W7): built-in
// items, one item per installed extension, and the company's own items from
// a checklist file. R23: the wizard lets the admin finish (or move from the
// test system to live) only when every item has an answer — List.Complete.
package checklist

import (
	"errors"
	"fmt"
	"strings"
)

// Status is an item's answer.
type Status string

const (
	Open          Status = "open"           // not answered yet
	Passed        Status = "passed"         // tried, works
	Problem       Status = "problem"        // something is wrong; Note says what
	NotApplicable Status = "not_applicable" // not used by this company
)

// Valid reports whether s is one of the four statuses.
func (s Status) Valid() bool {
	switch s {
	case Open, Passed, Problem, NotApplicable:
		return true
	}
	return false
}

// Source tells where an item comes from (W7). (The names carry a Source
// prefix because Builtin is the function returning the built-in items.)
type Source string

const (
	SourceBuiltin   Source = "builtin"   // the wizard's own items
	SourceExtension Source = "extension" // one per installed extension
	SourceCompany   Source = "company"   // from the admin's checklist file
)

// Item is one thing to test.
type Item struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Hint   string `json:"hint,omitempty"`
	Source Source `json:"source"`
	Status Status `json:"status"`
	Note   string `json:"note,omitempty"`
}

// Errors of Answer.
var (
	ErrUnknownItem = errors.New("unknown checklist item")
	ErrNoteNeeded  = errors.New("a problem needs a note describing it")
	ErrBadStatus   = errors.New("invalid checklist status")
)

// List is the checklist of one run. It is a plain value (JSON-encodable) so
// the caller can keep it in the journal.
type List struct {
	Items []Item `json:"items"`
}

// New joins item groups (built-in, extensions, company) into one list, in
// order. Items without a status become Open; a repeated ID gets a "-2", "-3"
// suffix so every item can be answered on its own.
func New(items ...[]Item) *List {
	l := &List{}
	seen := map[string]int{}
	for _, group := range items {
		for _, it := range group {
			if it.Status == "" {
				it.Status = Open
			}
			base := it.ID
			seen[base]++
			for n := seen[base]; n > 1; n++ {
				cand := fmt.Sprintf("%s-%d", base, n)
				if seen[cand] == 0 {
					it.ID = cand
					seen[cand] = 1
					break
				}
			}
			l.Items = append(l.Items, it)
		}
	}
	return l
}

// Item returns the item with that ID.
func (l *List) Item(id string) (Item, bool) {
	for _, it := range l.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// Answer sets an item's status and note. Problem needs a non-empty note
// (the partner must know what is wrong, W9); Open withdraws an answer.
func (l *List) Answer(id string, st Status, note string) error {
	if !st.Valid() {
		return fmt.Errorf("%w: %q", ErrBadStatus, st)
	}
	note = strings.TrimSpace(note)
	if st == Problem && note == "" {
		return ErrNoteNeeded
	}
	for i := range l.Items {
		if l.Items[i].ID == id {
			l.Items[i].Status = st
			l.Items[i].Note = note
			return nil
		}
	}
	return fmt.Errorf("%w: %q", ErrUnknownItem, id)
}

// Unanswered returns the items still Open, in order.
func (l *List) Unanswered() []Item { return l.filter(Open) }

// Problems returns the items answered Problem, in order.
func (l *List) Problems() []Item { return l.filter(Problem) }

func (l *List) filter(st Status) []Item {
	var out []Item
	for _, it := range l.Items {
		if it.Status == st {
			out = append(out, it)
		}
	}
	return out
}

// Complete reports whether every item has an answer (R23). An empty list is
// not complete: there is always something to test.
func (l *List) Complete() bool {
	return len(l.Items) > 0 && len(l.Unanswered()) == 0
}

// Counts returns how many items are passed, have problems, are not
// applicable, and are still open.
func (l *List) Counts() (passed, problems, na, open int) {
	for _, it := range l.Items {
		switch it.Status {
		case Passed:
			passed++
		case Problem:
			problems++
		case NotApplicable:
			na++
		default:
			open++
		}
	}
	return
}
