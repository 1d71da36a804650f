package page

import (
	"context"
	"errors"
	"strings"

	"github.com/visual4/1crm-update/steps"
)

// The pages before the procedure proper: setting up a run (new or
// resumed, W8) and connecting to the instances.

// begin resumes or starts a run and attaches the instances.
func (f Facts) begin(resume bool) *Action {
	ui, sum := f.UI, f.V.Summary
	return &Action{
		ID: map[bool]string{true: "resume", false: "new"}[resume],
		Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
			var err error
			if resume {
				err = e.Resume()
			} else {
				err = e.StartNew()
			}
			if err == nil && ui.Attach != nil {
				err = ui.Attach()
			}
			return nil, err
		},
		Settled: func() {
			if resume && sum != nil && sum.Pending != "" {
				// Connect reconciles it first and says so (W8).
				ui.Pending = PendingText(ui.T, ui.ST, sum.Pending)
			}
		},
		Then: Then{Follow: Advance},
	}
}

// start: no unfinished run, a new one is set up at once.
func (f Facts) start() Page {
	return Page{Title: f.t.TitleStart(), Blocks: []Block{Para{Text: f.t.Starting()}}, Enter: f.begin(false)}
}

// Resume is the content of the resume summary (W8).
type Resume struct {
	Found    string // "Angefangener Lauf … vom …"
	Instance string // "Instanz: …", "" when unknown
	// Other warns that the run belongs to another instance than the one
	// the wizard was started with; "" = the same.
	Other       string
	Path        string
	Done        []string // what was done, with evidence, oldest first
	Unconfirmed []string // started but never confirmed: reconciled, not repeated
	Next        string   // "Als Nächstes: …"
	Note        string   // what starting over means
}

// resume: an unfinished run was found (W8). Continue, or start over —
// starting over keeps the old journal on disk.
func (f Facts) resume() Page {
	sum := f.V.Summary
	if sum == nil {
		return f.start()
	}
	r := &Resume{
		Found:       f.t.ResumeFound(sum.RunID, f.st.DateTime(sum.Started)),
		Done:        sum.Done,
		Unconfirmed: sum.Unconfirmed,
		Note:        f.t.ResumeStartOverNote(sum.TakesOver),
	}
	if sum.LiveURL != "" {
		r.Instance = f.t.ResumeInstance(sum.LiveURL)
	}
	other := !f.UI.Demo && OtherInstance(sum.LiveURL, f.UI.LiveURL)
	if other {
		r.Other = f.t.ResumeOtherInstance(sum.LiveURL, f.UI.LiveURL)
	}
	if sum.Path != steps.PathNone {
		r.Path = f.st.PathName(string(sum.Path))
	}
	next := f.st.StepName(string(sum.Next))
	if sum.Paused {
		next += " (" + f.t.ResumePaused() + ")"
	}
	r.Next = f.t.ResumeNext(next)
	cont := Choice{ID: "resume", Key: "w", Label: f.t.ResumeContinue(), Do: f.begin(true)}
	if f.t.Lang() == "en" {
		cont.Key = "c"
	}
	fresh := Choice{ID: "new", Key: "n", Label: f.t.ResumeStartOver(), Do: f.begin(false)}
	p := Page{Title: f.t.TitleResume(), Resume: r, Choices: []Choice{cont, fresh}}
	if other {
		// A run of another instance: a new run is the safe default.
		p.Choices[1].Recommended, p.Default = true, "new"
	}
	return p
}

// connect logs in to the instances (and reconciles after a crash, W8).
func (f Facts) connect() Page {
	p := Page{Blocks: []Block{Fact{Label: f.t.LiveSystem(), Value: f.UI.LiveURL}}}
	if f.UI.TestURL != "" {
		p.Blocks = append(p.Blocks, Fact{Label: f.t.TestSystem(), Value: f.UI.TestURL})
	}
	if !f.V.Has("connected") {
		label := f.t.Connecting()
		if f.UI.Pending != "" {
			// After a crash the connect also waits for the interrupted
			// action on the server (a backup may run for minutes): say so.
			label = f.t.ReconcileRunning(f.UI.Pending)
		}
		ui := f.UI
		p.Enter = &Action{ID: "connect", Mark: "connected",
			Run: &Running{Label: label, Server: f.t.ServerUnchanged(), FirstContact: true},
			Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
				return nil, e.Connect(ctx)
			},
			Settled: func() { ui.Pending = "" },
			Then:    Then{Follow: Stay},
		}
		return p
	}
	if len(f.S.Notices) == 0 {
		p.Skip = true
		return p
	}
	p.Blocks = append(p.Blocks, Gap{}, Status{Mark: MarkOK, Text: f.t.Connected()}, Gap{},
		Heading{Text: f.t.ReconcileTitle()})
	for _, n := range f.S.Notices {
		p.Blocks = append(p.Blocks, Para{Text: n, Indent: true})
	}
	p.Choices = []Choice{{ID: "next", Label: f.t.Continue(), Role: Proceed, Do: &Action{ID: "next", Then: Then{Follow: Advance}}}}
	return p
}

// nonEmpty refuses a blank answer with msg.
func nonEmpty(msg string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(msg)
		}
		return nil
	}
}
