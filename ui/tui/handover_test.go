package tui

import (
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
)

// Issue 10 on the full screen: the hand-over page of a step, its keys,
// and what follows a check that did or did not see the outcome.

// handoverFor is a hand-over as steps words it for the sample run.
func handoverFor(lang, kind string) *steps.Handover {
	st := steptext.For(lang)
	facts := steptext.HandoverFacts{File: "/home/admin/8.7.7-InfoAtHand-patch.zip", Package: "1CRM Update 8.7.7", Version: "8.7.7",
		Core: true, UpgradeURL: "https://crm.example.com/upgrade.php", Support: "support@visual4.de"}
	h := &steps.Handover{Kind: kind, Stage: steps.StageLive, Verifiable: true,
		Steps: st.HandoverSteps(kind, facts), LookFor: st.HandoverLookFor(kind, facts)}
	switch kind {
	case steptext.KindBackup:
		h.Action, h.Cause = steps.ManualBackup, steps.CausePageChanged
		h.Reason = st.HandoverReason(string(h.Cause), "backup", "backup form")
		h.Menu = steps.MenuPath{DE: "Administration › Backup Management", EN: "Administration › Backup Management"}
		h.Pages = []string{"pages/001-backup.html"}
	case steptext.KindUpload, steptext.KindPrepareInstall:
		h.Action, h.Cause = steps.ManualUpload, steps.CausePageChanged
		if kind == steptext.KindPrepareInstall {
			h.Action, h.Cause = steps.ManualPrepare, steps.CauseSourceUnknown
		}
		h.Reason = st.HandoverReason(string(h.Cause), "uwizard", "")
		h.Menu = steps.MenuPath{DE: "Administration › Upgrades & Customization", EN: "Administration › Upgrades & Customization"}
	case steptext.KindFinishUpgrade:
		h.Action, h.Cause, h.URL = steps.ManualInstall, steps.CauseNeedsBrowser, facts.UpgradeURL
		h.Reason = st.HandoverReason(string(h.Cause), "install", "")
		h.LockedOut, h.LockedOutText = true, st.HandoverLockedOut()
	}
	return h
}

func TestHandoverScreensGolden(t *testing.T) {
	for _, c := range []struct {
		name, kind string
		step       steps.StepID
		n          int
	}{
		{"handover_backup", steptext.KindBackup, steps.StepBackup, 6},
		{"handover_finish_upgrade", steptext.KindFinishUpgrade, steps.StepInstall, 7},
	} {
		for _, lang := range []string{"de", "en"} {
			t.Run(c.name+"_"+lang, func(t *testing.T) {
				f := sampleEngine()
				f.snap.Handover = handoverFor(lang, c.kind)
				m := newTestModel(f, lang, "DEMO")
				drive(t, m, m.Init())
				show(t, m, f, c.step, c.n)
				v := m.View()
				checkFrame(t, c.name, v)
				golden(t, c.name+"_"+lang, v)
				if f.snap.Handover.LockedOut {
					// At a glance: the warning is on the first screen, right under the chrome.
					if i := strings.Index(v, "!! "+f.snap.Handover.LockedOutText[:20]); i < 0 || strings.Count(v[:i], "\n") > 5 {
						t.Errorf("the locked-out warning is not at the top:\n%s", v)
					}
				}
			})
		}
	}
}

// "Done" that the wizard cannot see yet keeps the hand-over page and
// says what is missing; seen, the step's page says it was done by hand
// and Enter goes on to the next step.
func TestHandoverCheckNotVerifiedThenVerified(t *testing.T) {
	f := sampleEngine()
	f.snap.Handover = handoverFor("de", steptext.KindBackup)
	f.manualDone = func(string) *steps.ManualResult {
		h := f.snap.Handover
		h.Checks, h.NotYet, h.CanConfirm, h.NoteNeeded = h.Checks+1, "Noch keine neue Sicherung unter „Backup History“.", true, true
		return &steps.ManualResult{NotYet: h.NotYet, CanConfirm: true, NoteNeeded: true}
	}
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepBackup, 6)
	press(t, m, "e")
	if !calledWith(f, "ManualDone") || m.fail != nil {
		t.Fatalf("calls %v, error page %v", f.calls, m.fail != nil)
	}
	v := m.View()
	for _, want := range []string{"Noch nicht bestätigt", "Noch keine neue Sicherung", "[o] Erledigt bestätigen"} {
		if !strings.Contains(v, want) {
			t.Errorf("the page after the check lacks %q:\n%s", want, v)
		}
	}

	// Now the browser made it: the wizard reads it back.
	f.manualDone = func(string) *steps.ManualResult {
		f.snap.Handover = nil
		f.snap.Backups = []steps.BackupInfo{{Stage: steps.StageLive, Manual: true, Finished: berlinNow,
			Entry: &crmclient.BackupEntry{Name: "backup_20261126_100200.zip", Size: "152.3 MB"}}}
		f.snap.Manual = []steps.ManualRecord{{Action: steps.ManualBackup, Stage: steps.StageLive, State: steptext.ManualVerified,
			Evidence: "Neue Sicherung unter „Backup History“: backup_20261126_100200.zip."}}
		f.next = steps.StepInstall
		return &steps.ManualResult{Verified: true, Found: "backup_20261126_100200.zip"}
	}
	press(t, m, "e")
	v = m.View()
	for _, want := range []string{"von Hand erledigt, vom Assistenten geprüft", "backup_20261126_100200.zip"} {
		if !strings.Contains(v, want) {
			t.Errorf("the backup page after the verified check lacks %q:\n%s", want, v)
		}
	}
	f.snap.Phase = steps.PhaseUpload
	press(t, m, "enter")
	if m.visit.Step != steps.StepInstall {
		t.Fatalf("after the verified backup: %s\n%s", m.visit.Step, m.View())
	}
}

// Confirming where the wizard saw nothing takes a note, typed into a
// fresh input; the report then says "confirmed by the admin".
func TestHandoverConfirmWithNote(t *testing.T) {
	f := sampleEngine()
	h := handoverFor("en", steptext.KindBackup)
	h.Checks, h.NotYet, h.CanConfirm, h.NoteNeeded, h.ConfirmHint = 1, "No new backup yet.", true, true, "cannot read it back"
	f.snap.Handover = h
	m := newTestModel(f, "en")
	show(t, m, f, steps.StepBackup, 6)
	press(t, m, "c", "enter")
	if calledWith(f, "ConfirmManualUnverified") {
		t.Fatal("confirmed without a note")
	}
	for _, r := range "saw backup_1002.zip in the history" {
		press(t, m, string(r))
	}
	press(t, m, "enter")
	if !calledWith(f, "ConfirmManualUnverified saw backup_1002.zip in the history") {
		t.Fatalf("calls %v", f.calls)
	}
}

// While the install runs on the server the step cannot be given back:
// the choice is shown as unavailable, and picking it says why.
func TestHandoverCancelRefusedWhileLockedOut(t *testing.T) {
	f := sampleEngine()
	f.snap.Handover = handoverFor("de", steptext.KindFinishUpgrade)
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepInstall, 7)
	press(t, m, "a")
	if calledWith(f, "CancelManual") {
		t.Fatal("a running install was given back")
	}
	if v := m.View(); !strings.Contains(v, "(nicht wählbar)") || !strings.Contains(v, "lässt sich nicht") {
		t.Fatalf("no reason shown:\n%s", v)
	}
	// Not locked out: the step goes back to the wizard.
	f.snap.Handover = handoverFor("de", steptext.KindBackup)
	show(t, m, f, steps.StepBackup, 6)
	press(t, m, "a")
	if !calledWith(f, "CancelManual") || m.visit.Step != steps.StepBackup || choiceIDs(m)[0] != "start" {
		t.Fatalf("cancel: calls %v, step %s, choices %v", f.calls, m.visit.Step, choiceIDs(m))
	}
}

// Asked for on the backup step, the hand-over opens on the same step.
func TestRequestManualBackup(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "en")
	show(t, m, f, steps.StepBackup, 6)
	press(t, m, "h")
	if !calledWith(f, "RequestManual backup") || m.visit.Step != steps.StepBackup || choiceIDs(m)[0] != "manual_done" {
		t.Fatalf("calls %v, choices %v\n%s", f.calls, choiceIDs(m), m.View())
	}
	if calledWith(f, "Backup") {
		t.Fatal("the automatic backup ran as well")
	}
}

func choiceIDs(m *Model) []string {
	var ids []string
	for _, c := range m.pg.Choices {
		ids = append(ids, c.ID)
	}
	return ids
}

// A confirmed upload the wizard cannot see opens the next hand-over at
// once (checks and install in the browser): the page shows that one.
func TestHandoverConfirmedUploadOpensTheNext(t *testing.T) {
	f := sampleEngine()
	h := handoverFor("en", steptext.KindUpload)
	h.Checks, h.NotYet, h.CanConfirm, h.NoteNeeded = 1, "not listed", true, true
	f.snap.Handover = h
	f.after = func(name string) {
		if strings.HasPrefix(name, "ConfirmManualUnverified") {
			f.snap.Handover = handoverFor("en", steptext.KindPrepareInstall)
		}
	}
	m := newTestModel(f, "en")
	show(t, m, f, steps.StepInstall, 7)
	press(t, m, "c")
	for _, r := range "uploaded, the list shows it" {
		press(t, m, string(r))
	}
	press(t, m, "enter")
	v := m.View()
	if !calledWith(f, "ConfirmManualUnverified uploaded") || !strings.Contains(v, "Please do this in the browser: Checks and install on LIVE") ||
		choiceIDs(m)[0] != "manual_done" {
		t.Fatalf("calls %v\n%s", f.calls, v)
	}
}
