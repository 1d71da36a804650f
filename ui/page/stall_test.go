package page

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
)

// stall is a notice as steps words it: no answer from 1CRM for since.
func stall(lang string, since time.Duration) steps.Stall {
	st := steptext.For(lang)
	return steps.Stall{Stage: steps.StageLive, Wait: steps.WaitBackup, Since: since,
		CheckURL: "https://crm.example.com/index.php?module=Backup&action=index",
		Title:    st.StallTitle(steps.WaitBackup, st.WaitDuration(since), false),
		Text:     st.StallBody(steps.WaitBackup, false, "")}
}

func backupWaits(t *testing.T, ui *UI) *Waits {
	t.Helper()
	p, _ := build(steps.Snapshot{Next: steps.StepBackup, Path: steps.PathB, Stage: steps.StageLive}, steps.StepBackup)
	c := choice(p, "start")
	if c == nil || c.Do.Run == nil || !c.Do.Run.Stalls {
		t.Fatalf("the backup does not watch its waits: %+v", c)
	}
	w := NewWaits(ui, c.Do)
	if w == nil {
		t.Fatal("no Waits for the backup")
	}
	return w
}

func keys(n *Notice) string {
	s := ""
	for _, c := range n.Choices {
		s += c.Key
	}
	return s
}

// Issue 8 item 7: a stall shows the notice — its headline, its text and
// the three choices — in the run's language; a repeat replaces it; Ended
// takes it down.
func TestStallNoticeShowsAndHides(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			ui := NewUI(lang)
			w := backupWaits(t, ui)
			if w.Notice() != nil {
				t.Fatal("a notice before any stall")
			}
			w.Report(stall(lang, 45*time.Second))
			n := w.Notice()
			if n == nil || n.Title != stall(lang, 45*time.Second).Title || n.Text == "" || n.Episode != 1 {
				t.Fatalf("notice %+v", n)
			}
			if keys(n) != "wbp" || n.Choices[0].Label != ui.T.StallWaitOn() ||
				n.Choices[1].Label != ui.T.StallCheckBrowser() || n.Choices[2].Label != ui.T.StallPause() {
				t.Fatalf("choices %+v", n.Choices)
			}
			if n.Open != "" {
				t.Fatalf("the address before b: %q", n.Open)
			}
			w.Report(stall(lang, time.Minute))
			if n := w.Notice(); n == nil || n.Title != stall(lang, time.Minute).Title || n.Episode != 1 {
				t.Fatalf("a repeat must replace the notice: %+v", n)
			}
			w.Report(steps.Stall{Ended: true})
			if n := w.Notice(); n != nil {
				t.Fatalf("Ended must take the notice down: %+v", n)
			}
			w.Report(stall(lang, 45*time.Second))
			if n := w.Notice(); n == nil || n.Episode != 2 {
				t.Fatalf("a new stall after Ended: %+v", n)
			}
		})
	}
}

// The backup and the install report stalls; a quick call does not.
func TestWhichActionsWatchStalls(t *testing.T) {
	p, _ := build(steps.Snapshot{Next: steps.StepInstall, Stage: steps.StageLive, Phase: steps.PhaseInstall}, steps.StepInstall)
	if c := choice(p, "install"); c == nil || !c.Do.Run.Stalls {
		t.Fatalf("install %+v", c)
	}
	p, _ = build(steps.Snapshot{Next: steps.StepInstall, Phase: steps.PhaseUpload}, steps.StepInstall)
	if c := choice(p, "upload"); c == nil || c.Do.Run.Stalls || NewWaits(NewUI("de"), c.Do) != nil {
		t.Fatalf("upload %+v", c)
	}
	var w *Waits // a nil Waits is inert
	if w.Notice() != nil || w.Pick(StallPause) || w.Watch(context.Background(), nil) != context.Background() {
		t.Fatal("nil Waits")
	}
	if _, ok := w.Outcome(context.Canceled); ok {
		t.Fatal("nil Waits paused")
	}
}

// w hides the notice for the rest of this stall; the next stall (a report
// after an Ended) shows it again.
func TestStallWaitOnHidesUntilNextStall(t *testing.T) {
	w := backupWaits(t, NewUI("de"))
	w.Report(stall("de", 45*time.Second))
	if id, cancel, ok := w.PickKey("w"); !ok || cancel || id != StallWaitOn {
		t.Fatalf("w: %q %v %v", id, cancel, ok)
	}
	w.Report(stall("de", time.Minute))
	if n := w.Notice(); n != nil {
		t.Fatalf("shown again within the same stall: %+v", n)
	}
	w.Report(steps.Stall{Ended: true})
	w.Report(stall("de", 45*time.Second))
	if n := w.Notice(); n == nil || n.Episode != 2 {
		t.Fatalf("not shown for the next stall: %+v", n)
	}
	if _, _, ok := w.PickKey("x"); ok {
		t.Fatal("x is no choice")
	}
}

// b names the admin page; where a browser can be opened it is offered
// too, never for an address with credentials in it.
func TestStallCheckInBrowser(t *testing.T) {
	ui := NewUI("en")
	w := backupWaits(t, ui)
	s := stall("en", 45*time.Second)
	w.Report(s)
	w.PickKey("b")
	n := w.Notice()
	if n.Open != ui.T.StallOpen(s.CheckURL) || n.URL != s.CheckURL || keys(n) != "wbp" {
		t.Fatalf("after b: %+v", n)
	}
	ui.CanOpenBrowser = true
	if n := w.Notice(); keys(n) != "wbpo" {
		t.Fatalf("open not offered: %+v", n.Choices)
	}
	s.CheckURL = "https://admin:secret@crm.example.com/index.php"
	w.Report(s)
	if n := w.Notice(); keys(n) != "wbp" {
		t.Fatalf("an address with credentials offered to open: %+v", n.Choices)
	}
	w.Report(steps.Stall{Ended: true})
	w.Report(stall("en", 45*time.Second))
	if n := w.Notice(); n.Open != "" {
		t.Fatalf("the address stays for the next stall: %+v", n)
	}
}

// p asks the renderer to cancel the action; its context.Canceled then
// ends the program as paused (exit 0) with the paused words. Without a
// pause, or when the action ended otherwise, Settle decides as always.
func TestStallPause(t *testing.T) {
	ui := NewUI("de")
	w := backupWaits(t, ui)
	if _, ok := w.Outcome(context.Canceled); ok {
		t.Fatal("paused without p")
	}
	if w.Pick(StallPause) {
		t.Fatal("p without a notice")
	}
	w.Report(stall("de", 45*time.Second))
	if _, cancel, ok := w.PickKey("p"); !ok || !cancel {
		t.Fatal("p does not cancel")
	}
	if n := w.Notice(); n == nil || n.Title != ui.T.StallPausing() || len(n.Choices) != 0 {
		t.Fatalf("while pausing: %+v", n)
	}
	if _, _, ok := w.PickKey("p"); ok {
		t.Fatal("a second p")
	}
	out, ok := w.Outcome(fmt.Errorf("backup: %w", context.Canceled))
	if !ok || out.Follow != Quit || out.Exit != ExitPaused || out.Farewell != ui.T.StallPaused() {
		t.Fatalf("outcome %+v %v", out, ok)
	}
	if _, ok := w.Outcome(nil); ok {
		t.Fatal("a backup that finished after all is no pause")
	}
	if _, ok := w.Outcome(errors.New("backup failed")); ok {
		t.Fatal("a failure is no pause")
	}
}
