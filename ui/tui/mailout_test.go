package tui

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/text"
)

// W9 on the admin's desktop: o hands the mailto link to the mail program,
// and says so; a failure names the reason and points at copying.
func TestMailOpenedInMailProgram(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "de")
	var opened []string
	m.o.Open = func(u string) error { opened = append(opened, u); return nil }
	show(t, m, f, steps.StepDone, 10)
	if !strings.Contains(m.View(), "[o] "+text.DE.OpenMail()) {
		t.Fatalf("no open entry:\n%s", m.View())
	}
	press(t, m, "o")
	if len(opened) != 1 || opened[0] != f.finish.MailtoURL {
		t.Fatalf("opened %q, want the mail's link %q", opened, f.finish.MailtoURL)
	}
	if !strings.Contains(m.View(), text.DE.MailOpened()) {
		t.Errorf("no note after opening:\n%s", m.View())
	}

	m.o.Open = func(string) error { return errors.New("xdg-open fehlt") }
	press(t, m, "o")
	if v := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(v, "xdg-open fehlt") {
		t.Errorf("failure not named:\n%s", m.View())
	}
}

// Over SSH there is no mail program to open: the entry is not offered.
func TestMailOpenNotOfferedWithoutDesktop(t *testing.T) {
	f := sampleEngine()
	f.mail = f.finish
	m := newTestModel(f, "en")
	for _, id := range []steps.StepID{steps.StepDone, steps.StepProblems, steps.StepRefreshRequest} {
		show(t, m, f, id, 5)
		if strings.Contains(m.View(), text.EN.OpenMail()) {
			t.Errorf("%s offers opening without a desktop:\n%s", id, m.View())
		}
		if !strings.Contains(m.View(), "[c] "+text.EN.CopyMail()) {
			t.Errorf("%s lost the copy entry:\n%s", id, m.View())
		}
	}
}

// A terminal without OSC 52 (classic Windows console, macOS Terminal) gets
// the mail printed as plain, unwrapped text outside the full screen; Enter
// goes back to the wizard. A real tea.Program renders into a buffer (the
// golden tests' -update flag rules out teatest in this package).
func TestCopyWithoutOSC52PrintsPlainText(t *testing.T) {
	f := sampleEngine()
	long := "Zeile mit mehr als achtzig Zeichen, die im Vollbild umbrochen würde, hier aber am Stück bleibt: 8.7.6 → 8.7.7"
	f.finish = steps.Mail{To: "support@visual4.de", Subject: "Update erledigt", Body: "Guten Tag,\n" + long + "\nViele Grüße",
		MailtoURL: "mailto:support@visual4.de?subject=Update"}
	m := newTestModel(f, "de") // Copy is nil: no OSC 52
	show(t, m, f, steps.StepDone, 10)

	out := &syncBuffer{}
	p := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(out), tea.WithAltScreen(), tea.WithoutSignalHandler())
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	waitOutput(t, out, 0, "[c] "+text.DE.CopyMail())
	mark := out.Len()
	p.Send(keyMsg("c"))
	waitOutput(t, out, mark, long, "Betreff: Update erledigt", "Enter: zurück zum Assistenten")
	if after := out.String()[mark:]; !strings.Contains(after, "\x1b[?1049l") || strings.Index(after, "\x1b[?1049l") > strings.Index(after, long) {
		t.Errorf("the text was not printed after leaving the alternate screen: %q", after)
	}
	mark = out.Len()
	p.Send(keyMsg("enter"))
	waitOutput(t, out, mark, "\x1b[?1049h", "[c] "+text.DE.CopyMail()) // back in the full screen
	p.Send(keyMsg("q"))
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		p.Kill()
		t.Fatal("program did not end")
	}
	if m.plain || m.Exit() != ExitFinished {
		t.Errorf("plain=%v exit=%v after Enter and q", m.plain, m.Exit())
	}
}

// syncBuffer is an io.Writer the test can read while the program writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
func (s *syncBuffer) Len() int       { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Len() }

// waitOutput waits until the program has written every one of texts after
// the first from bytes.
func waitOutput(t *testing.T, out *syncBuffer, from int, texts ...string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		all := true
		for _, x := range texts {
			all = all && strings.Contains(out.String()[from:], x)
		}
		if all {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("output lacks %q:\n%q", texts, out.String()[from:])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// With OSC 52 the text goes to the clipboard whole and nothing is printed.
func TestCopyWithOSC52(t *testing.T) {
	f := sampleEngine()
	m := newTestModel(f, "en")
	var got string
	m.o.Copy = func(s string) bool { got = s; return true }
	show(t, m, f, steps.StepDone, 10)
	press(t, m, "c")
	if !strings.Contains(got, "Subject: "+f.finish.Subject) || !strings.Contains(got, f.finish.Body) {
		t.Errorf("copied %q", got)
	}
	if m.plain || !strings.Contains(m.View(), text.EN.Copied()) {
		t.Errorf("plain=%v view:\n%s", m.plain, m.View())
	}
}
