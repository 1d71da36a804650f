package page

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
)

func build(s steps.Snapshot, step steps.StepID) (Page, *Visit) {
	v := &Visit{Step: step, N: 7, Of: 10}
	return Build(s, NewUI("de"), v), v
}

func choice(p Page, id string) *Choice {
	for i := range p.Choices {
		if p.Choices[i].ID == id {
			return &p.Choices[i]
		}
	}
	return nil
}

// R22: after the admin accepted the warnings, the install crumbs keep
// "[OK] Warnungen" although the next prepare round had none left.
func TestInstallCrumbKeepsAcceptedWarnings(t *testing.T) {
	s := steps.Snapshot{Next: steps.StepInstall, Stage: steps.StageLive, Phase: steps.PhaseInstall,
		Prepare: &steps.PrepareView{Steps: []crmclient.PrepareStep{{Name: "checkSystem", Status: crmclient.StepSuccess}}, CanProceed: true},
		Steps:   []steps.StepRecord{{Step: steps.StepInstall, Stage: steps.StageLive, Action: "accept_warnings"}}}
	p, _ := build(s, steps.StepInstall)
	var crumbs Crumbs
	for _, b := range p.Blocks {
		if c, ok := b.(Crumbs); ok {
			crumbs = c
		}
	}
	want := []Crumb{{"Hochladen", true}, {"Prüfung", true}, {"Warnungen", true}, {"Installation", false}}
	if len(crumbs.List) != len(want) {
		t.Fatalf("crumbs %v", crumbs.List)
	}
	for i, c := range want {
		if crumbs.List[i] != c {
			t.Errorf("crumb %d: %v, want %v", i, crumbs.List[i], c)
		}
	}
	// Accepted on the test system: the live install has no such crumb.
	s.Steps[0].Stage = steps.StageTest
	p, _ = build(s, steps.StepInstall)
	for _, b := range p.Blocks {
		if c, ok := b.(Crumbs); ok && len(c.List) != 3 {
			t.Errorf("live crumbs %v", c.List)
		}
	}
}

// After an upload the checks run at once: nothing to decide in between.
func TestUploadChainsTheChecks(t *testing.T) {
	p, v := build(steps.Snapshot{Next: steps.StepInstall, Phase: steps.PhaseUpload}, steps.StepInstall)
	up := choice(p, "upload")
	if up == nil || up.Role != Proceed || up.Do.Run == nil || up.Do.Run.Progress != Transfer {
		t.Fatalf("upload choice %+v", up)
	}
	out := Settle(v, up.Do, Arg{}, nil)
	if out.Chain == nil || out.Chain.ID != "prepare" {
		t.Fatalf("after the upload: %+v", out)
	}
	if out := Settle(v, out.Chain, Arg{}, nil); out.Follow != Stay || out.Chain != nil {
		t.Fatalf("after the checks: %+v", out)
	}
}

// A refused text stays on the page: the refusal is shown, the input opens
// again holding what was typed; any other error goes to the error page.
func TestSettleInlineRefusal(t *testing.T) {
	s := steps.Snapshot{Next: steps.StepPreflight, Preflight: &steps.Preflight{NeedsVersion: true,
		Verdicts: []steps.Verdict{{Rule: "W1", Level: steps.LevelWarn, Title: "Version"}}}}
	v := &Visit{Step: steps.StepPreflight, marks: map[string]bool{"checked": true}}
	p := Build(s, NewUI("de"), v)
	ver := choice(p, "version")
	if ver == nil || ver.Do.Ask == nil || !ver.Do.Inline || p.Choices[0].ID != "version" {
		t.Fatalf("version choice %+v", p.Choices)
	}
	out := Settle(v, ver.Do, Arg{Text: "8,7"}, &steps.Refusal{Rule: "W1", Reason: "„8,7“ ist keine Versionsangabe"})
	if !out.Reask || out.Follow != Stay || v.Refused == "" || v.Kept != "8,7" {
		t.Fatalf("refusal: %+v, visit %+v", out, v)
	}
	p = Build(s, NewUI("de"), v)
	if p.Note != v.Refused || choice(p, "version").Do.Ask.Initial != "8,7" {
		t.Fatalf("page after the refusal: note %q, ask %+v", p.Note, choice(p, "version").Do.Ask)
	}
	if out := Settle(v, ver.Do, Arg{Text: "8.7.6"}, errors.New("disk full")); out.Err == nil {
		t.Fatal("an error was taken for a refusal")
	}
	if out := Settle(v, ver.Do, Arg{Text: "8.7.6"}, nil); out.Follow != Stay || v.Refused != "" {
		t.Fatalf("accepted: %+v, refused %q", out, v.Refused)
	}
}

// R23: finishing with open items is offered but disabled, with the count;
// picked anyway, the notice counts again on every page.
func TestChecklistFinishSaysWhatIsOpen(t *testing.T) {
	s := steps.Snapshot{Next: steps.StepChecklist, Checklist: []steps.ChecklistItem{
		{ID: "a", Title: "A", Status: steps.AnswerPassed}, {ID: "b", Title: "B"}}}
	p, v := build(s, steps.StepChecklist)
	fin := choice(p, "finish")
	if fin == nil || fin.Disabled == "" || p.Checklist.Notice != "" {
		t.Fatalf("finish %+v, notice %q", fin, p.Checklist.Notice)
	}
	v.Picked = "finish"
	s.Checklist = append(s.Checklist, steps.ChecklistItem{ID: "c", Title: "C"})
	if p = Build(s, NewUI("de"), v); p.Checklist.Notice != NewUI("de").T.ChecklistOpenLeft(2) {
		t.Fatalf("notice %q", p.Checklist.Notice)
	}
	v.Item = "b"
	p = Build(s, NewUI("de"), v)
	if ask := choice(p, "problem").Do.Ask; ask.Title != NewUI("de").T.ProblemNoteTitle("B") {
		t.Errorf("the note is not about the item in front: %q", ask.Title)
	}
}

// The error page: no retry after a half-done install or a refusal; the
// partner report only where the server may have changed (R13, R14).
func TestFailureChoices(t *testing.T) {
	ui := NewUI("en")
	install := &Action{ID: "install", Run: &Running{Label: "x", Server: "1CRM is installing", StateOnlyWhileRunning: true},
		Call: func(context.Context, Engine, Arg, func(any)) (any, error) { return nil, nil }}
	failed := &steps.ActionError{Step: steps.StepInstall, Stage: steps.StageLive, Err: crmclient.ErrInstallFailed}
	fl := NewFailure(ui, failed, install, Arg{})
	p := FailurePage(steps.Snapshot{Next: steps.StepInstall}, ui, fl)
	if choice(p, "retry") != nil || choice(p, "problem") == nil || fl.Server != "" {
		t.Fatalf("install failure: %+v server %q", p.Choices, fl.Server)
	}
	fl = NewFailure(ui, &steps.Refusal{Rule: "R10", Reason: "no backup"}, install, Arg{})
	p = FailurePage(steps.Snapshot{Next: steps.StepInstall}, ui, fl)
	if choice(p, "retry") != nil || choice(p, "problem") != nil {
		t.Fatalf("refusal: %+v", p.Choices)
	}
	fl = NewFailure(ui, errors.New("boom"), install, Arg{})
	p = FailurePage(steps.Snapshot{Next: steps.StepPreflight}, ui, fl)
	if choice(p, "retry") == nil || choice(p, "problem") != nil {
		t.Fatalf("preflight: %+v", p.Choices)
	}
	for _, id := range []string{"back", "report", "quit"} {
		if choice(p, id) == nil {
			t.Errorf("%s missing", id)
		}
	}
}

// Step 1 (connecting) has no earlier screen: "back" would only connect
// again, so the error page offers "r" for that and no "back" (nor Esc).
// The same for the preflight, whose page starts its checks by itself.
func TestFailureNoBackWhereBackRepeats(t *testing.T) {
	ui := NewUI("de")
	ui.LiveURL = "http://127.0.0.1:1"
	refused := &steps.ActionError{Step: steps.StepConnect, Stage: steps.StageLive, Err: errors.New("connection refused")}
	for next, id := range map[steps.StepID]string{steps.StepConnect: "connect", steps.StepPreflight: "preflight"} {
		a := &Action{ID: id, Run: &Running{Label: "x"},
			Call: func(context.Context, Engine, Arg, func(any)) (any, error) { return nil, nil }}
		p := FailurePage(steps.Snapshot{Next: next}, ui, NewFailure(ui, refused, a, Arg{}))
		if choice(p, "back") != nil || p.Back != nil || choice(p, "retry") == nil || choice(p, "quit") == nil {
			t.Errorf("%s: back=%v choices %+v", next, p.Back, p.Choices)
		}
	}
}

// R22, the trial: after the admin accepted Check System Configuration's
// warning, 1CRM reports the step as passed; the page names it as an
// accepted warning, not among the passed checks.
func TestPrepareResultsKeepAcceptedWarnings(t *testing.T) {
	s := steps.Snapshot{Next: steps.StepInstall, Stage: steps.StageLive, Phase: steps.PhaseInstall,
		Prepare: &steps.PrepareView{Steps: []crmclient.PrepareStep{
			{Name: "unzipPackage", Label: "Unzip the Package", Status: crmclient.StepSuccess},
			{Name: "checkSystem", Label: "Check System Configuration", Status: crmclient.StepSuccess},
			{Name: "checkPermissions", Label: "Check File Permissions", Status: crmclient.StepSuccess},
		}, CanProceed: true, Accepted: []string{"checkSystem"}}}
	statuses := func() map[string]Mark {
		p, _ := build(s, steps.StepInstall)
		out := map[string]Mark{}
		for _, b := range p.Blocks {
			if st, ok := b.(Status); ok {
				out[st.Text] = st.Mark
			}
		}
		return out
	}
	got := statuses()
	if got["2 Prüfungen bestanden (Unzip the Package, Check File Permissions)"] != MarkOK ||
		got["1 Warnung akzeptiert (Check System Configuration)"] != MarkWarn {
		t.Errorf("accepted warning shown as passed: %v", got)
	}
	// Nothing accepted (e.g. on the other stage): all three passed.
	s.Prepare.Accepted = nil
	if got := statuses(); got["3 Prüfungen bestanden (Unzip the Package, Check System Configuration, Check File Permissions)"] != MarkOK {
		t.Errorf("live: %v", got)
	}
}

// W9: the mail names the bundle as attached; the page tells the admin how
// to make it, right with the mail, on the problems and the done page.
func TestFinishPagesSayHowToMakeTheAttachment(t *testing.T) {
	hint := "1crm-update report --run R --bundle 1crm-update-R.zip"
	for _, step := range []steps.StepID{steps.StepProblems, steps.StepDone} {
		v := &Visit{Step: step, N: 10, Of: 10}
		v.Mail = steps.Mail{To: "support@example.com", Subject: "s", Body: "b", AttachHint: hint}
		p := Build(steps.Snapshot{Next: step, Stage: steps.StageLive}, NewUI("de"), v)
		if p.Mail == nil || !strings.Contains(p.Mail.Intro, hint) {
			t.Errorf("%s: mail intro %+v lacks the bundle command", step, p.Mail)
		}
	}
}

// While the admin is asked where the instance runs, the edition line does
// not state the guess as a fact; once confirmed it names it.
func TestPreflightDeploymentGuessIsNoFact(t *testing.T) {
	pf := &steps.Preflight{Edition: crmclient.EditionProfessional, Deployment: steps.DeploymentOnPrem, NeedsDeployment: true}
	edition := func() string {
		v := &Visit{Step: steps.StepPreflight, N: 2}
		v.set("checked", true)
		p := Build(steps.Snapshot{Next: steps.StepPreflight, Preflight: pf}, NewUI("de"), v)
		for _, b := range p.Blocks {
			if f, ok := b.(Fact); ok && f.Label == "Edition" {
				return f.Value
			}
		}
		return ""
	}
	if v := edition(); v == "" || strings.Contains(v, "On-Premise") {
		t.Errorf("asked, yet stated: %q", v)
	}
	pf.NeedsDeployment = false
	if v := edition(); !strings.Contains(v, "On-Premise") {
		t.Errorf("confirmed, yet not named: %q", v)
	}
}

// W2: a --package file that was checked and refused is not offered again
// as the first choice ("[f] use passwd" once more would only repeat it).
func TestPackagePresetNotOfferedAfterItWasRefused(t *testing.T) {
	ui := NewUI("de")
	ui.PackageFile = "/etc/passwd"
	s := steps.Snapshot{Next: steps.StepPackage}
	if p := Build(s, ui, &Visit{Step: steps.StepPackage}); choice(p, "preset") == nil {
		t.Fatal("the --package file is not offered")
	}
	s.Package = &steps.PackageCheck{Path: "/etc/passwd", OK: false}
	if p := Build(s, ui, &Visit{Step: steps.StepPackage}); choice(p, "preset") != nil || choice(p, "file") == nil {
		t.Errorf("refused file offered again: %+v", p.Choices)
	}
}
