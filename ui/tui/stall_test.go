package tui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/page"
)

// stallingEngine's backup runs until its context ends, like a backup on a
// server that stopped answering.
type stallingEngine struct {
	*fakeEngine
	entered chan struct{}
	ended   chan error // the backup's context error when it returned
}

func newStallingEngine() *stallingEngine {
	return &stallingEngine{fakeEngine: sampleEngine(), entered: make(chan struct{}), ended: make(chan error, 1)}
}

func (s *stallingEngine) Backup(ctx context.Context, elapsed func(time.Duration), verify func(read, total int64)) (*crmclient.BackupEntry, error) {
	close(s.entered)
	<-ctx.Done()
	s.ended <- ctx.Err()
	return nil, ctx.Err()
}

// backupStall is the notice steps words after 1 min 30 s without an answer.
func backupStall(lang string) steps.Stall {
	st := steptext.For(lang)
	return steps.Stall{Stage: steps.StageLive, Wait: steps.WaitBackup, Since: 90 * time.Second,
		CheckURL: "https://crm.example.com/index.php?module=Backup&action=index",
		Title:    st.StallTitle(steps.WaitBackup, st.WaitDuration(90*time.Second), false),
		Text:     st.StallBody(steps.WaitBackup, false, "")}
}

// startStallingBackup shows the backup page and starts its action, as the
// s key does, and waits until the backup runs.
func startStallingBackup(t *testing.T, m *Model, e *stallingEngine) {
	t.Helper()
	show(t, m, e.fakeEngine, steps.StepBackup, 6)
	c := m.choice("start")
	if c == nil {
		t.Fatal("no start choice")
	}
	m.start(c.Do, page.Arg{}) // its stream is read by the test (drive would abandon it)
	select {
	case <-e.entered:
	case <-time.After(5 * time.Second):
		t.Fatal("the backup did not start")
	}
	if m.run == nil || m.run.waits == nil {
		t.Fatal("the backup runs without watching its waits")
	}
}

// Issue 8 item 7: a stall during the backup shows the notice with its
// three choices; w hides it, a new stall brings it back, b shows the
// address, p pauses: the backup's context is cancelled, the program ends
// as paused (exit 0) with the paused words.
func TestStallNoticeDuringBackup(t *testing.T) {
	e := newStallingEngine()
	m := newTestModel(e.fakeEngine, "de")
	m.e = e // the backup is the stalling one
	startStallingBackup(t, m, e)
	s := backupStall("de")
	if strings.Contains(m.View(), "Keine Antwort") {
		t.Fatal("a notice before any stall")
	}
	m.run.waits.Report(s)
	v := m.View()
	for _, want := range []string{"[!] Keine Antwort von 1CRM seit 1 Min. 30 Sek.", "Der Server ist vielleicht überlastet",
		"[w] weiter warten", "[b] im Browser prüfen", "[p] pausieren und später fortsetzen", "Backup wird erstellt"} {
		if !strings.Contains(v, want) {
			t.Errorf("notice lacks %q:\n%s", want, v)
		}
	}
	checkFrame(t, "stall", v)

	press(t, m, "w")
	if strings.Contains(m.View(), "Keine Antwort") || m.run == nil {
		t.Fatalf("w must hide the notice and keep waiting:\n%s", m.View())
	}
	m.run.waits.Report(s) // the same stall goes on: still hidden
	if strings.Contains(m.View(), "Keine Antwort") {
		t.Fatal("shown again within the same stall")
	}
	m.run.waits.Report(steps.Stall{Ended: true})
	m.run.waits.Report(s)
	press(t, m, "b")
	if v := m.View(); !strings.Contains(v, "Im Browser öffnen (angemeldet als Administrator):") || !strings.Contains(v, "module=Backup") {
		t.Fatalf("b shows no address:\n%s", v)
	}
	if m.run.stream == nil || len(e.ended) > 0 {
		t.Fatal("w and b must not end the backup")
	}

	press(t, m, "p")
	select {
	case err := <-e.ended:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("backup ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("p did not cancel the backup")
	}
	drive(t, m, m.run.stream.Next())
	if m.Exit() != ExitPaused || m.Farewell() != m.t.StallPaused() {
		t.Fatalf("exit %v, farewell %q", m.Exit(), m.Farewell())
	}
}

// The notice goes when the wait goes on (Ended), and with the action.
func TestStallNoticeEnds(t *testing.T) {
	e := newStallingEngine()
	m := newTestModel(e.fakeEngine, "en")
	m.e = e
	startStallingBackup(t, m, e)
	m.run.waits.Report(backupStall("en"))
	if !strings.Contains(m.View(), "No answer from 1CRM for 1 min 30 s") {
		t.Fatalf("no notice:\n%s", m.View())
	}
	m.run.waits.Report(steps.Stall{Ended: true})
	if strings.Contains(m.View(), "No answer") {
		t.Fatalf("Ended must take the notice down:\n%s", m.View())
	}
	m.run.waits.Report(backupStall("en"))
	press(t, m, "ctrl+c", "y") // Ctrl-C still asks and cancels as before
	if m.Exit() != ExitInterrupted {
		t.Fatalf("exit %v", m.Exit())
	}
}

// Keys other than the notice's wait while an action runs.
func TestKeysWaitWhileRunning(t *testing.T) {
	e := newStallingEngine()
	m := newTestModel(e.fakeEngine, "de")
	m.e = e
	startStallingBackup(t, m, e)
	press(t, m, "p", "q", "w")
	if m.run == nil || m.Exit() != ExitNone || len(e.ended) > 0 {
		t.Fatal("a key without a notice did something")
	}
	m.run.stream.Cancel()
}

// Where a browser can be opened, o opens the page named under b.
func TestStallOpenInBrowser(t *testing.T) {
	e := newStallingEngine()
	m := newTestModel(e.fakeEngine, "de")
	m.e = e
	var opened []string
	m.o.Open = func(u string) error { opened = append(opened, u); return nil }
	startStallingBackup(t, m, e)
	m.run.waits.Report(backupStall("de"))
	press(t, m, "o")
	if len(opened) != 0 {
		t.Fatal("o before b")
	}
	press(t, m, "b")
	if !strings.Contains(m.View(), "[o] diese Seite im Browser öffnen") {
		t.Fatalf("o not offered:\n%s", m.View())
	}
	press(t, m, "o")
	if len(opened) != 1 || opened[0] != backupStall("de").CheckURL {
		t.Fatalf("opened %v", opened)
	}
	m.run.stream.Cancel()
}

// b brings the address into view also when the notice is longer than
// its room (the install's text, two banners at 80×24).
func TestStallAddressInView(t *testing.T) {
	e := newStallingEngine()
	m := newTestModel(e.fakeEngine, "de", "DEMO", "TESTZEIT")
	m.e = e
	startStallingBackup(t, m, e)
	st := steptext.DE
	s := steps.Stall{Stage: steps.StageLive, Wait: steps.WaitInstallStep, Since: 194 * time.Second, Alive: true, Limited: true, Left: 12 * time.Minute,
		CheckURL: "https://crm.example.com/index.php?module=UWizard&action=index",
		Title:    st.StallTitle(steps.WaitInstallStep, st.WaitDuration(194*time.Second), true),
		Text:     st.StallBody(steps.WaitInstallStep, true, st.WaitDuration(12*time.Minute))}
	m.run.waits.Report(s)
	if v := m.View(); !strings.Contains(v, "mehr unten") || !strings.Contains(v, "[p] pausieren") {
		t.Fatalf("the long notice does not scroll above its choices:\n%s", v)
	}
	press(t, m, "b")
	v := m.View()
	if !strings.Contains(v, "module=UWizard&action=index") || !strings.Contains(v, "[w] weiter warten") {
		t.Fatalf("the address is not in view after b:\n%s", v)
	}
	checkFrame(t, "stall_install", v)
	m.run.stream.Cancel()
}
