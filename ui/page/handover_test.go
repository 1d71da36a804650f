package page

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
)

// Issue 10: a step handed to the admin in the browser shows its hand-over
// page — why, where (German and English menu), what to do and look for,
// the users-locked-out warning first — and offers check, confirm (only
// where allowed), give back (not while locked out), problem, report, pause.

// handoverOf is a hand-over of kind as steps words it (steps' own texts).
func handoverOf(lang, kind string) *steps.Handover {
	st := steptext.For(lang)
	facts := steptext.HandoverFacts{File: "/home/admin/8.7.7-update.zip", Package: "1CRM 8.7.7 Update", Version: "8.7.7",
		Core: true, UpgradeURL: "https://crm.example.com/upgrade.php", Support: "support@visual4.de", Offered: "8.7.7"}
	h := &steps.Handover{Kind: kind, Stage: steps.StageLive, Verifiable: true,
		Steps: st.HandoverSteps(kind, facts), LookFor: st.HandoverLookFor(kind, facts)}
	upgrade := steps.MenuPath{DE: "Administration › Upgrades & Customization", EN: "Administration › Upgrades & Customization"}
	switch kind {
	case steptext.KindDownload:
		h.Action, h.Stage, h.NeedsFile, h.Cause = steps.ManualDownload, "", true, steps.CauseDownloadUnusable
		h.Menu = steps.MenuPath{DE: "Administration › Lizenzinformationen", EN: "Administration › License and Support"}
	case steptext.KindBackup:
		h.Action, h.Cause = steps.ManualBackup, steps.CausePageChanged
		h.Menu = steps.MenuPath{DE: "Administration › Backup Management", EN: "Administration › Backup Management"}
		h.Pages = []string{"pages/001-backup.html"}
	case steptext.KindUpload:
		h.Action, h.Cause, h.Menu = steps.ManualUpload, steps.CausePageChanged, upgrade
	case steptext.KindPrepareInstall:
		h.Action, h.Cause, h.Menu = steps.ManualPrepare, steps.CausePageChanged, upgrade
	case steptext.KindInstallAll:
		h.Action, h.Cause, h.Menu = steps.ManualInstall, steps.CauseCaptcha, upgrade
		h.Verifiable, h.CanConfirm, h.ConfirmHint = false, true, st.HandoverConfirmHint()
	case steptext.KindFinishUpgrade:
		h.Action, h.Cause, h.URL = steps.ManualInstall, steps.CauseNeedsBrowser, facts.UpgradeURL
		h.LockedOut, h.LockedOutText = true, st.HandoverLockedOut()
	case steptext.KindInstallHosted:
		h.Action, h.Cause = steps.ManualInstall, steps.CauseUploadDisabled
		h.Menu = steps.MenuPath{DE: "Administration › Lizenzinformationen", EN: "Administration › License and Support"}
	}
	h.Reason = st.HandoverReason(string(h.Cause), "backup", "")
	return h
}

// pageText is every block's text, one per line.
func pageText(p Page) string {
	var b strings.Builder
	for _, bl := range p.Blocks {
		switch x := bl.(type) {
		case Fact:
			fmt.Fprintf(&b, "%s: %s\n", x.Label, x.Value)
		case Status:
			fmt.Fprintf(&b, "[%s] %s\n", x.Mark, x.Text)
		case Heading:
			fmt.Fprintln(&b, x.Text)
		case Para:
			fmt.Fprintln(&b, x.Text)
		case Alert:
			fmt.Fprintln(&b, "!! "+x.Text)
		case Numbered:
			for i, it := range x.Items {
				fmt.Fprintf(&b, "%d. %s\n", i+1, it)
			}
		}
	}
	return b.String()
}

func TestHandoverPageForEachKind(t *testing.T) {
	kinds := []string{steptext.KindDownload, steptext.KindBackup, steptext.KindUpload, steptext.KindPrepareInstall,
		steptext.KindInstallAll, steptext.KindFinishUpgrade, steptext.KindInstallHosted}
	for _, lang := range []string{"de", "en"} {
		for _, kind := range kinds {
			t.Run(lang+"_"+kind, func(t *testing.T) {
				h := handoverOf(lang, kind)
				step := HandoverStep(h.Action)
				s := steps.Snapshot{Next: step, Stage: steps.StageLive, Phase: steps.PhaseUpload, RunID: "R1", Handover: h}
				ui := NewUI(lang)
				ui.JournalPath = func() string { return "/state/runs/R1/journal.json" }
				v := &Visit{Step: step, N: 7, Of: 10}
				p := Build(s, ui, v)
				txt := pageText(p)
				if !strings.Contains(p.Title, ui.ST.StepName(string(step))) {
					t.Errorf("title %q does not name the step", p.Title)
				}
				for _, want := range append(append([]string{h.Reason, h.Menu.DE, h.Menu.EN, h.URL}, h.Steps...), h.LookFor...) {
					if !strings.Contains(txt, want) {
						t.Errorf("the page lacks %q\n%s", want, txt)
					}
				}
				if h.Menu.DE != h.Menu.EN && (!strings.Contains(txt, ui.T.HandoverMenuDE()) || !strings.Contains(txt, ui.T.HandoverMenuEN())) {
					t.Errorf("both menu paths are not labelled\n%s", txt)
				}
				// The locked-out warning stands first, as an alert.
				if a, ok := p.Blocks[0].(Alert); ok != h.LockedOut || ok && a.Text != h.LockedOutText {
					t.Errorf("locked out %v, first block %#v", h.LockedOut, p.Blocks[0])
				}
				if len(h.Pages) > 0 && !strings.Contains(txt, filepath.Join("/state/runs/R1", "pages")) {
					t.Errorf("the kept pages' folder is not named\n%s", txt)
				}
				check := choice(p, "manual_done")
				if check == nil || p.Choices[0].ID != "manual_done" || check.Do.Run == nil {
					t.Fatalf("check is not the first choice: %+v", p.Choices)
				}
				if (check.Do.Ask != nil) != h.NeedsFile {
					t.Errorf("file input %v for NeedsFile %v", check.Do.Ask != nil, h.NeedsFile)
				}
				if (choice(p, "manual_confirm") != nil) != h.CanConfirm {
					t.Errorf("confirm offered %v for CanConfirm %v", choice(p, "manual_confirm") != nil, h.CanConfirm)
				}
				cancel := choice(p, "manual_cancel")
				if cancel == nil || (cancel.Disabled != "") != h.LockedOut {
					t.Errorf("cancel %+v for locked out %v", cancel, h.LockedOut)
				}
				if (choice(p, "problem") == nil) != (kind == steptext.KindDownload) {
					t.Errorf("problem choice for %s: %+v", kind, p.Choices)
				}
				for _, id := range []string{"report", "pause"} {
					if choice(p, id) == nil {
						t.Errorf("%s missing", id)
					}
				}
				if pause := choice(p, "pause"); pause.Key != "q" || pause.Do.Then.Exit != ExitPaused || p.Farewell == "" {
					t.Errorf("pause %+v, farewell %q", pause, p.Farewell)
				}
			})
		}
	}
}

// manualFake records the manual-route calls; everything else is absent.
type manualFake struct {
	Engine
	calls []string
	res   *steps.ManualResult
	err   error
}

func (m *manualFake) RequestManual(_ context.Context, a steps.ManualAction) error {
	m.calls = append(m.calls, "request "+string(a))
	return m.err
}
func (m *manualFake) ManualDone(_ context.Context, file string) (*steps.ManualResult, error) {
	m.calls = append(m.calls, "done "+file)
	return m.res, m.err
}
func (m *manualFake) ConfirmManualUnverified(note string) error {
	m.calls = append(m.calls, "confirm "+note)
	return m.err
}
func (m *manualFake) CancelManual() error { m.calls = append(m.calls, "cancel"); return m.err }

func run(t *testing.T, e Engine, a *Action, arg Arg) error {
	t.Helper()
	_, err := a.Call(context.Background(), e, arg, func(any) {})
	return err
}

// The download's "done" asks for the file like the package step does (a
// missing file is refused before anything is read, ~ is expanded) and
// hands the path to ManualDone; a check that did not verify stays on the
// hand-over page, saying what was found and what is still missing.
func TestHandoverDownloadCheckWithFile(t *testing.T) {
	h := handoverOf("en", steptext.KindDownload)
	s := steps.Snapshot{Next: steps.StepPackage, Handover: h}
	p, v := build(s, steps.StepPackage)
	check := choice(p, "manual_done").Do
	if check.Ask.Validate("/no/such/file.zip") == nil || check.Ask.Validate(t.TempDir()) == nil {
		t.Fatal("a missing file or a folder was accepted")
	}
	home, _ := os.UserHomeDir()
	e := &manualFake{res: &steps.ManualResult{NotYet: "not a package"}}
	if err := run(t, e, check, Arg{Text: "~/Downloads/u.zip"}); err != nil {
		t.Fatal(err)
	}
	if want := "done " + filepath.Join(home, "Downloads", "u.zip"); e.calls[0] != want {
		t.Fatalf("calls %v, want %q", e.calls, want)
	}
	if out := Settle(v, check, Arg{}, nil); out.Follow != Stay || out.Err != nil {
		t.Fatalf("after a check: %+v", out)
	}
	h.Checks, h.Found, h.NotYet = 1, "a ZIP file", "The file is no usable update package: manifest missing"
	p = Build(s, NewUI("de"), v)
	txt := pageText(p)
	if !strings.Contains(txt, "[ok] a ZIP file") || !strings.Contains(txt, "[warn] The file is no usable") ||
		!strings.Contains(txt, NewUI("de").T.HandoverNotSeen(1)) {
		t.Fatalf("what the check saw is not shown:\n%s", txt)
	}
	if choice(p, "manual_confirm") != nil {
		t.Fatal("a download can be confirmed unseen")
	}
}

// Confirming needs a note when a check could read and saw nothing; the
// wizard's refusal stays on the page.
func TestHandoverConfirmWithNote(t *testing.T) {
	h := handoverOf("de", steptext.KindBackup)
	h.Checks, h.NotYet, h.CanConfirm, h.NoteNeeded, h.ConfirmHint = 1, "Noch keine neue Sicherung.", true, true, "hint"
	s := steps.Snapshot{Next: steps.StepBackup, Stage: steps.StageLive, Handover: h}
	p, v := build(s, steps.StepBackup)
	c := choice(p, "manual_confirm")
	if c == nil || c.Do.Ask == nil || c.Do.Ask.Validate(" ") == nil || !strings.Contains(c.Label, "nicht geprüft") {
		t.Fatalf("confirm %+v", c)
	}
	// The wizard could read and saw nothing: the hint asks for the note,
	// not "cannot be read back".
	if txt := pageText(p); !strings.Contains(txt, NewUI("de").T.HandoverConfirmNoteHint()) || strings.Contains(txt, "hint") {
		t.Errorf("hint after a check that saw nothing:\n%s", txt)
	}
	e := &manualFake{}
	must(t, run(t, e, c.Do, Arg{Text: " Sicherung von 10:02 gesehen "}))
	if e.calls[0] != "confirm Sicherung von 10:02 gesehen" {
		t.Fatalf("calls %v", e.calls)
	}
	out := Settle(v, c.Do, Arg{}, &steps.Refusal{Reason: "Bitte eine Notiz."})
	if out.Err != nil || out.Follow != Stay {
		t.Fatalf("refusal: %+v", out)
	}
	if p = Build(s, NewUI("de"), v); p.Note != "Bitte eine Notiz." {
		t.Fatalf("the refusal is not on the page: %q", p.Note)
	}
	// Without NoteNeeded nothing is asked.
	h.NoteNeeded = false
	if p = Build(s, NewUI("de"), v); choice(p, "manual_confirm").Do.Ask != nil || !strings.Contains(pageText(p), "hint") {
		t.Fatal("a note is asked where none is needed, or steps' hint is not shown")
	}
}

// An action that handed its step over is no failure: the step's page
// shows the hand-over, and nothing of the action is marked done.
func TestSettleHandedOverStaysOnTheStep(t *testing.T) {
	s := steps.Snapshot{Next: steps.StepBackup, Stage: steps.StageLive}
	p, v := build(s, steps.StepBackup)
	start := choice(p, "start")
	err := &steps.ActionError{Step: steps.StepBackup, Text: "changed page", Specific: true,
		Err: fmt.Errorf("%w: %w", steps.ErrHandedOver, &crmclient.PageChangedError{Page: "backup"})}
	out := Settle(v, start.Do, Arg{}, err)
	if out.Err != nil || out.Follow != Stay || v.Has("made") {
		t.Fatalf("handed over: %+v, made %v", out, v.Has("made"))
	}
	s.Handover = handoverOf("de", steptext.KindBackup)
	if p = Build(s, NewUI("de"), v); choice(p, "manual_done") == nil {
		t.Fatalf("the backup step does not show the hand-over: %+v", p.Choices)
	}
	// Another step's page is not taken over.
	if p, _ = build(s, steps.StepInstall); choice(p, "manual_done") != nil {
		t.Fatal("the install page shows the backup's hand-over")
	}
}

// Giving the step back: refused while the install runs on the server —
// disabled with steps' reason — otherwise the step is due again.
func TestHandoverCancel(t *testing.T) {
	h := handoverOf("en", steptext.KindFinishUpgrade)
	p, _ := build(steps.Snapshot{Next: steps.StepInstall, Handover: h}, steps.StepInstall)
	if c := choice(p, "manual_cancel"); c.Disabled != steptext.For("de").HandoverMustFinish() {
		t.Fatalf("cancel while locked out: %+v", c)
	}
	h = handoverOf("de", steptext.KindUpload)
	p, v := build(steps.Snapshot{Next: steps.StepInstall, Handover: h}, steps.StepInstall)
	c := choice(p, "manual_cancel")
	e := &manualFake{}
	must(t, run(t, e, c.Do, Arg{}))
	if out := Settle(v, c.Do, Arg{}, nil); e.calls[0] != "cancel" || out.Follow != Advance {
		t.Fatalf("cancel: %v %+v", e.calls, out)
	}
}

// "Do it in the browser instead" sits next to the automatic action on the
// package, backup and install steps — never first, never recommended —
// and asks for the action due in the install's phase.
func TestRequestManualOffered(t *testing.T) {
	pf := &steps.Preflight{Updates: []crmclient.AvailableUpdate{{Version: "8.7.7"}}}
	cases := []struct {
		step  steps.StepID
		phase steps.InstallPhase
		want  steps.ManualAction
	}{
		{steps.StepPackage, "", steps.ManualDownload},
		{steps.StepBackup, "", steps.ManualBackup},
		{steps.StepInstall, steps.PhaseUpload, steps.ManualUpload},
		{steps.StepInstall, steps.PhasePrepare, steps.ManualPrepare},
		{steps.StepInstall, steps.PhaseConfirm, steps.ManualPrepare},
		{steps.StepInstall, steps.PhaseInstall, steps.ManualInstall},
	}
	for _, c := range cases {
		p, v := build(steps.Snapshot{Next: c.step, Stage: steps.StageLive, Phase: c.phase, Preflight: pf}, c.step)
		m := choice(p, "manual")
		if m == nil || p.Choices[0].ID == "manual" || m.Recommended || m.Role != Instead || p.Default == "manual" {
			t.Fatalf("%s/%s: %+v", c.step, c.phase, p.Choices)
		}
		e := &manualFake{}
		must(t, run(t, e, m.Do, Arg{}))
		if e.calls[0] != "request "+string(c.want) {
			t.Errorf("%s/%s: %v", c.step, c.phase, e.calls)
		}
		// A refusal (R10, W3 …) is said on the page.
		out := Settle(v, m.Do, Arg{}, &steps.Refusal{Rule: "W3", Reason: "too late"})
		if p = Build(steps.Snapshot{Next: c.step, Stage: steps.StageLive, Phase: c.phase, Preflight: pf}, NewUI("de"), v); out.Err != nil || p.Note != "too late" {
			t.Errorf("%s: refusal %+v, note %q", c.step, out, p.Note)
		}
	}
	// No listed update: nothing to download in the browser either.
	p, _ := build(steps.Snapshot{Next: steps.StepPackage, Preflight: &steps.Preflight{}}, steps.StepPackage)
	if choice(p, "manual") != nil {
		t.Fatal("a download by hand is offered with no update listed")
	}
}

// After the check: the step's page says it was done by hand and what the
// wizard read back; a backup confirmed without a file (Entry nil) shows
// who vouches for it.
func TestSettledByHandOnTheStepPages(t *testing.T) {
	ui := NewUI("en")
	verified := steps.ManualRecord{Action: steps.ManualInstall, Stage: steps.StageLive, State: steptext.ManualVerified,
		Evidence: "1CRM reports version 8.7.7."}
	s := steps.Snapshot{Next: steps.StepInstall, Stage: steps.StageLive, Phase: steps.PhaseInstalled, Manual: []steps.ManualRecord{verified}}
	v := &Visit{Step: steps.StepInstall}
	v.set("manual", true)
	txt := pageText(Build(s, ui, v))
	if !strings.Contains(txt, "verified by the wizard") || !strings.Contains(txt, verified.Evidence) {
		t.Fatalf("install page:\n%s", txt)
	}

	confirmed := steps.ManualRecord{Action: steps.ManualBackup, Stage: steps.StageLive, State: steptext.ManualConfirmed, Note: "seen at 10:02"}
	s = steps.Snapshot{Next: steps.StepInstall, Stage: steps.StageLive, Manual: []steps.ManualRecord{confirmed},
		Backups: []steps.BackupInfo{{Stage: steps.StageLive, Manual: true, Confirmed: true}}}
	v = &Visit{Step: steps.StepBackup}
	v.set("manual", true)
	p := Build(s, ui, v)
	txt = pageText(p)
	if !strings.Contains(txt, ui.T.BackupConfirmed()) || !strings.Contains(txt, "seen at 10:02") || choice(p, "next") == nil {
		t.Fatalf("backup page of a confirmed backup:\n%s\n%+v", txt, p.Choices)
	}
}

// The finish and problems pages list what was done by hand and how it
// was settled; one the wizard did after all is not listed.
func TestFinishAndProblemsListManualSteps(t *testing.T) {
	ui := NewUI("de")
	manual := []steps.ManualRecord{
		{Action: steps.ManualBackup, Stage: steps.StageLive, State: steptext.ManualConfirmed},
		{Action: steps.ManualUpload, Stage: steps.StageLive, State: steptext.ManualCancelled},
		{Action: steps.ManualInstall, Stage: steps.StageLive, State: steptext.ManualVerified},
	}
	// A confirmed backup has no entry: the finish page must not need one.
	s := steps.Snapshot{Next: steps.StepDone, Stage: steps.StageLive, Finished: true, Manual: manual,
		Backups: []steps.BackupInfo{{Stage: steps.StageLive, Manual: true, Confirmed: true}}}
	for _, step := range []steps.StepID{steps.StepDone, steps.StepProblems} {
		v := &Visit{Step: step}
		txt := pageText(Build(s, ui, v))
		for _, want := range []string{ui.T.ManualSection(),
			"[warn] " + ui.T.ManualOutcome(ui.ST.ManualActionName("backup"), "LIVE", steptext.ManualConfirmed),
			"[ok] " + ui.T.ManualOutcome(ui.ST.ManualActionName("install"), "LIVE", steptext.ManualVerified)} {
			if !strings.Contains(txt, want) {
				t.Errorf("%s lacks %q\n%s", step, want, txt)
			}
		}
		if strings.Contains(txt, ui.ST.ManualActionName("upload")) {
			t.Errorf("%s lists the upload the wizard did after all\n%s", step, txt)
		}
	}
	// R10: the finish page's backup line names the confirmed backup as
	// what it is, rather than leaving the backup out.
	if txt := pageText(Build(s, ui, &Visit{Step: steps.StepDone})); !strings.Contains(txt, ui.T.BackupName()+": "+ui.T.BackupConfirmed()) {
		t.Errorf("finish page without the confirmed backup:\n%s", txt)
	}
}

// The resume screen names an open hand-over in words (W8).
func TestPendingTextOfAHandover(t *testing.T) {
	ui := NewUI("en")
	got := PendingText(ui.T, ui.ST, "manual_backup:live")
	if !strings.Contains(got, ui.T.PendingManual(ui.ST.ManualActionName("backup"))) || strings.Contains(got, "manual_") {
		t.Fatalf("%q", got)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
}
