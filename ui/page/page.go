// Package page describes each step of the wizard once: for the current
// steps.Snapshot (plus the few facts only the UI knows: language, URLs, the
// --package file), one function per step returns what the admin must see
// and may do — title, facts, check verdicts, text, the choices with what each
// triggers, text inputs, the action that runs. There is no rendering in it
// (no lipgloss, no widths, no ANSI): ui/tui draws a Page full-screen,
// ui/linemode prints it as lines. Procedure rules stay in steps; a page only
// arranges them, and what a choice triggers (the engine call and what
// follows it) is described here once, so both renderers make the same
// engine calls in the same order.
package page

import (
	"context"

	"github.com/visual4/1crm-update/steps"
)

// Page is what one screen shows and offers.
type Page struct {
	Step  steps.StepID // the step, or one of the pseudo steps below
	Title string
	N, Of int // "Schritt N von Of"; Of == 0: outside the plan

	Blocks   []Block // what to read, top to bottom
	Question string  // asked right above the choices ("Wo läuft diese Instanz?")
	Choices  []Choice
	Default  string // id of the choice selected first; "" = the first one
	Note     string // a line under the choices: a refusal, what a pick did
	Mail     *Mail  // a ready-made mail to hand over
	// Enter runs as soon as the page is shown: there is nothing to decide
	// before it (connect, preflight, parity, smoke). Blocks and Title
	// already say what it is about.
	Enter *Action
	// Skip: nothing to show, the step due next follows at once.
	Skip bool
	// Back is what "back" (Esc) does on this page; nil = nothing.
	Back *Action
	// Blocked: preflight refused the update (R6): ending here is a failure
	// (exit 1), not a pause.
	Blocked bool
	// Farewell is said after the program ends on this page.
	Farewell string

	// Special widgets: their content comes from here, each renderer draws
	// it its own way.
	Checklist *Checklist
	Resume    *Resume
	Failure   *Failure
}

// Pseudo steps: pages outside the procedure's plan.
const (
	StepStart   steps.StepID = "start"
	StepResume  steps.StepID = "resume"
	StepFailure steps.StepID = "failure"
)

// Block is one part of a page's body. The concrete types below are the
// whole set; renderers switch on them.
type Block interface{ block() }

// Mark is a status as both renderers show it: a marker ([OK], [!], [X],
// [ ], [-]) and, in colour, a style.
type Mark string

const (
	MarkOK   Mark = "ok"
	MarkWarn Mark = "warn"
	MarkBad  Mark = "bad"
	MarkTodo Mark = "todo" // open: not done yet
	MarkSkip Mark = "skip" // informational, not applicable
)

// MarkOf maps a steps level to a mark.
func MarkOf(l steps.Level) Mark {
	switch l {
	case steps.LevelOK:
		return MarkOK
	case steps.LevelWarn:
		return MarkWarn
	case steps.LevelBlock:
		return MarkBad
	}
	return MarkSkip
}

// Fact is "Label: value".
type Fact struct {
	Label, Value string
	// Whole: the value is read or copied whole (a path, a mail subject):
	// never cut; when the line would be too long it goes below the label.
	Whole bool
	// Tight: no column alignment (a 64-digit hash keeps to one line).
	Tight bool
}

// Status is a marked line: "[OK] Backup erstellt."
type Status struct {
	Mark Mark
	Text string
	// Cut: one line per entry in a list (smoke checks, history); the
	// full screen cuts it at the width instead of wrapping.
	Cut bool
}

// Heading heads what follows. With a Mark it is a verdict in words
// ("Vorabprüfung bestanden"): the full screen colours it, the line mode
// puts the marker in front. Tag follows it, e.g. "(empfohlen)".
type Heading struct {
	Mark Mark // "" = a plain heading
	Text string
	Tag  string
}

// Tone is how a paragraph reads.
type Tone int

const (
	Plain   Tone = iota
	Muted        // secondary: notes under a list
	Caution      // a warning sentence without a marker
	Bad          // an error sentence without a marker
)

// Para is running text.
type Para struct {
	Text   string
	Tone   Tone
	Indent bool // belongs to the heading above it
}

// Verdicts are check verdicts (status, title, detail, advice), blocking
// ones first: what stops the update is at the top, not below the fold.
type Verdicts struct{ List []steps.Verdict }

// Numbered is a numbered list ("1. … 2. …").
type Numbered struct{ Items []string }

// Crumbs is a row of phases, each done or not ("[OK] Hochladen > [ ] Prüfung").
type Crumbs struct{ List []Crumb }

// Crumb is one phase of Crumbs.
type Crumb struct {
	Label string
	Done  bool
}

// Gap is a blank line between parts (the line mode leaves it out).
type Gap struct{}

// Alert is a warning that must be seen at a glance, also by someone
// watching a shared screen (1CRM keeps its users locked out): both
// renderers mark it "!!" like the banners, the full screen in bold.
type Alert struct{ Text string }

func (Fact) block()     {}
func (Status) block()   {}
func (Heading) block()  {}
func (Para) block()     {}
func (Verdicts) block() {}
func (Numbered) block() {}
func (Crumbs) block()   {}
func (Gap) block()      {}
func (Alert) block()    {}

// Mail is a ready-made mail for the admin's own mail program.
type Mail struct {
	steps.Mail
	Intro string // a sentence before it
	// Brief: the full screen shows subject and link only (the body is the
	// whole report); the line mode always prints it whole to be copied.
	Brief bool
}

// Role says how a choice is offered where the admin is asked line by line.
type Role int

const (
	// Decide is a decision: always asked.
	Decide Role = iota
	// Proceed is the way on when nothing is to be decided; the line mode
	// takes it without asking when a page offers no decision.
	Proceed
	// Extra is a look aside (the report): offered where something is asked anyway.
	Extra
	// Handover hands the page's Mail over (copy, open in the mail
	// program); the line mode prints the mail whole instead.
	Handover
	// Instead is another way to the page's end (the step by hand in the
	// browser): offered next to the choice it replaces, never the default.
	// Unlike a look aside it must be pickable everywhere, so a page that
	// has one is asked even when nothing else is to be decided.
	Instead
)

// Choice is one thing the admin may do.
type Choice struct {
	ID    string
	Key   string // a single key that picks it; "" = none
	Label string
	Role  Role
	// Recommended: the choice the wizard advises (R7).
	Recommended bool
	// Danger: it changes a server (upload, backup, install); the full
	// screen draws it in the warning colour.
	Danger bool
	// Disabled says why it cannot be picked now; "" = it can.
	Disabled string
	Do       *Action
}

// Action is what a choice (or a page's Enter) triggers: optionally a text
// typed first, then one engine call, then what follows.
type Action struct {
	ID  string // names it for tests and logs ("upload")
	Ask *Ask
	// Run is set for a call that takes time: it runs in the background
	// with progress and can be cancelled. nil = a quick call.
	Run *Running
	// Call makes the engine call. nil = nothing to call (only Then).
	Call func(ctx context.Context, e Engine, a Arg, report func(any)) (any, error)
	Then Then
	// Mark and Clear set or clear a fact of the visit on success.
	Mark, Clear string
	// Inline: a refusal (steps.Refusal) is shown on the page — with the
	// typed text kept in a fresh input — instead of as an error.
	Inline bool
	// Settled runs on the UI's own goroutine after a success (not in the
	// worker): for what the UI itself remembers.
	Settled func()
}

// Arg is what a call gets from the admin: the text typed, the checklist
// item the answer is for.
type Arg struct {
	Text string
	Item string
}

// Ask is a text input.
type Ask struct {
	Title, Help string
	Initial     string
	Validate    func(string) error // nil = anything
	Secret      bool
}

// Running describes an action while it runs.
type Running struct {
	Label string
	// Named, when set, words the label from what was typed.
	Named func(Arg) string
	// Server says what the server is doing meanwhile — what state it is
	// left in if the admin cancels now.
	Server   string
	Progress Progress
	// FirstContact: the first request to the instance; a refused
	// connection then means a wrong address, not a dropped server.
	FirstContact bool
	// StateOnlyWhileRunning: Server describes the running action only and
	// is not repeated when it failed.
	StateOnlyWhileRunning bool
	// Stalls: it reports long waits on 1CRM (steps.Stall); the renderer
	// watches each run with a Waits and shows its notice (stall.go).
	Stalls bool
}

// LabelFor is what runs, for the screen and the cancel question.
func (r *Running) LabelFor(a Arg) string {
	if r.Named != nil {
		return r.Named(a)
	}
	return r.Label
}

// Progress is the kind of progress an action reports.
type Progress int

const (
	Elapsed  Progress = iota // time only (report: time.Duration)
	Transfer                 // bytes of a known size (report: Bytes)
	Steps                    // the upgrade manager's steps (report: crmclient.InstallProgress)
)

// Bytes is transfer progress: done of total.
type Bytes struct{ Done, Total int64 }

// Follow is what comes after an action succeeded.
type Follow int

const (
	Advance    Follow = iota // the step due now, on a fresh visit
	Stay                     // this page again, with what the action found
	Quit                     // the program ends (Exit, Farewell)
	ShowReport               // the support report, then back here
)

// Then is what follows a success.
type Then struct {
	Follow   Follow
	Chain    *Action // runs next, at once (after an upload: the checks)
	Exit     Exit
	Farewell string
}

// Exit is how the program ended (the app maps it to an exit code, cli.md).
type Exit int

const (
	ExitNone        Exit = iota
	ExitFinished         // 0: the run is finished
	ExitPaused           // 0: the admin quit cleanly, the run is resumable
	ExitFailed           // 1: quit from an error screen, or blocked
	ExitInterrupted      // 130: Ctrl-C
)
