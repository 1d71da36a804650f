package widgets

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/visual4/1crm-update/ui/style"
	"github.com/visual4/1crm-update/ui/text"
)

func TestTransferRateAndLeft(t *testing.T) {
	start := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	tr := Transfer{Done: 100 << 20, Total: 300 << 20, Started: start, Now: start.Add(10 * time.Second)}
	if r := tr.Rate(); r != float64(10<<20) {
		t.Fatalf("rate %v", r)
	}
	left, ok := tr.Left()
	if !ok || left != 20*time.Second {
		t.Fatalf("left %v %v", left, ok)
	}
	if _, ok := (Transfer{Total: 10, Started: start, Now: start}).Left(); ok {
		t.Fatal("an estimate without data")
	}
}

// A resumed download starts at its kept part: those bytes are not speed.
func TestTransferRateResumed(t *testing.T) {
	start := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	tr := Transfer{Base: 270 << 20, Done: 280 << 20, Total: 300 << 20, Started: start, Now: start.Add(time.Second)}
	if r := tr.Rate(); r != float64(10<<20) {
		t.Fatalf("rate %v", r)
	}
	if left, ok := tr.Left(); !ok || left != 2*time.Second {
		t.Fatalf("left %v %v", left, ok)
	}
}

func TestProgressViewPlain(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	s := style.New(style.Options{NoColor: true})
	start := time.Now()
	v := ProgressView(s, text.EN, Transfer{Done: 1 << 20, Total: 4 << 20, Started: start, Now: start.Add(time.Second)}, 200)
	if strings.Contains(v, "\x1b[") {
		t.Fatalf("colour without colour: %q", v)
	}
	if !strings.Contains(v, "25%") || !strings.Contains(v, "1.0 MiB of 4.0 MiB") || !strings.Contains(v, "about 3 s left") {
		t.Fatalf("%q", v)
	}
	if w := lipgloss.Width(strings.Split(v, "\n")[0]); w > 70 {
		t.Fatalf("bar %d wide, capped at 70", w)
	}
	// nearly done: no "about 0 s left", which reads like a stall
	end := ProgressView(s, text.EN, Transfer{Done: 399 << 20, Total: 400 << 20, Started: start, Now: start.Add(10 * time.Second)}, 200)
	if strings.Contains(end, "left") || !strings.Contains(end, "399.0 MiB of 400.0 MiB") {
		t.Fatalf("near the end: %q", end)
	}
}

func TestHeaderFitsAndKeepsBanners(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	s := style.New(style.Options{NoColor: true})
	h := Header{App: "1CRM-Update", Step: "Schritt 4 von 11 — Backup erstellen", URL: "https://crm.example.com",
		Banners: []string{"ACHTUNG: TLS-Prüfung ist aus (--insecure)"}, Deadline: "Tests fertig bis 15:00: noch 2 h"}
	v := h.Render(s, 80)
	for i, l := range strings.Split(v, "\n") {
		if lipgloss.Width(l) > 80 {
			t.Errorf("line %d too wide", i)
		}
	}
	for _, want := range []string{"Schritt 4 von 11", "crm.example.com", "--insecure", "15:00"} {
		if !strings.Contains(v, want) {
			t.Errorf("header lacks %q", want)
		}
	}
}

func TestFrameIsExactlyTheWindow(t *testing.T) {
	body := strings.Repeat("x\n", 50)
	v := Frame("head", body, "foot", 80, 24)
	if n := len(strings.Split(v, "\n")); n != 24 {
		t.Fatalf("%d lines", n)
	}
}

// Hyphenated words stay whole when wrapped ("On-Premise", not "On-|Premise").
func TestWrapKeepsHyphenatedWords(t *testing.T) {
	got := Wrap("Das lässt sich nicht sicher erkennen (Vermutung: On-Premise).", 50)
	if !strings.Contains(got, "On-Premise") || strings.Contains(got, "\u2011") {
		t.Fatalf("%q", got)
	}
	for _, l := range strings.Split(got, "\n") {
		if len([]rune(l)) > 50 {
			t.Fatalf("line too long: %q", l)
		}
	}
}

// "z. B." stays on one line.
func TestWrapKeepsAbbreviation(t *testing.T) {
	got := Wrap("Die Antwort ist kein 1CRM-JSON, z. B. eine andere Webseite.", 35)
	if !strings.Contains(got, "z. B.") || strings.Contains(got, "\u00a0") {
		t.Fatalf("%q", got)
	}
}

// A list item of a mail body wraps under its text, not under its dash; an
// indented line keeps its indent; plain lines wrap as before.
func TestWrapBlockHangsListItems(t *testing.T) {
	body := "Hallo,\n\n- Backup backup_20261126.zip auf dem Live-System erstellt, 2,0 MB, um 09:31 Uhr\n  Zusatz eingerückt und lang genug, um umbrochen zu werden, ganz sicher\n1. erste Möglichkeit mit einem langen Text, der umbrochen wird"
	got := WrapBlock(body, 40)
	want := "Hallo,\n\n" +
		"- Backup backup_20261126.zip auf dem\n  Live-System erstellt, 2,0 MB, um 09:31\n  Uhr\n" +
		"  Zusatz eingerückt und lang genug, um\n  umbrochen zu werden, ganz sicher\n" +
		"1. erste Möglichkeit mit einem langen\n   Text, der umbrochen wird"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	for _, l := range strings.Split(got, "\n") {
		if len([]rune(l)) > 40 {
			t.Errorf("line too long: %q", l)
		}
	}
}
