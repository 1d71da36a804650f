// Package style holds the lipgloss styles of the wizard.
//
// Every decision that would otherwise make lipgloss ask the terminal (colour
// profile, dark or light background) is taken here, once, BEFORE the
// tea.Program runs: an OSC 11 background query sent later can stall for
// seconds over SSH (design.md, "Traps"). Meaning is never carried by colour
// alone: every status also has a text marker ("[OK]", "[!]", "[X]"), so the
// screens read the same with NO_COLOR and in a screen-shared session.
package style

import (
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Options decide how the styles look. Build them with Detect or by hand (tests).
type Options struct {
	NoColor bool // NO_COLOR set, or the ASCII profile forced (tests)
	Dark    bool // dark terminal background
}

// Detect reads NO_COLOR and COLORFGBG from the environment. It never sends a
// query to the terminal: without COLORFGBG a dark background is assumed, which
// is what almost every SSH terminal and screen-sharing session shows.
func Detect(getenv func(string) string) Options {
	o := Options{Dark: true}
	if _, set := lookup(getenv, "NO_COLOR"); set {
		o.NoColor = true
	}
	if v := getenv("COLORFGBG"); v != "" {
		// "fg;bg" or "fg;x;bg": background colours 0–6 and 8 are dark.
		parts := strings.Split(v, ";")
		if bg, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
			o.Dark = bg <= 6 || bg == 8
		}
	}
	return o
}

func lookup(getenv func(string) string, key string) (string, bool) {
	if getenv == nil {
		v, ok := os.LookupEnv(key)
		return v, ok
	}
	v := getenv(key)
	return v, v != ""
}

// Apply fixes lipgloss' global renderer to the options: colour profile and
// background. Call it before tea.NewProgram(...).Run().
func Apply(o Options) {
	if o.NoColor {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
	lipgloss.SetHasDarkBackground(o.Dark)
}

// Styles are the named styles the screens use.
type Styles struct {
	Opts Options

	Title    lipgloss.Style // step title in the header
	Muted    lipgloss.Style // secondary facts, help text
	Bold     lipgloss.Style
	OK       lipgloss.Style // "[OK] ..."
	Warn     lipgloss.Style // "[!] ..."
	Bad      lipgloss.Style // "[X] ..."
	Banner   lipgloss.Style // insecure / fixed-time banners
	Key      lipgloss.Style // key names in prompts
	Selected lipgloss.Style // the highlighted choice
	Box      lipgloss.Style // dialogs (cancel confirmation)
	Rule     lipgloss.Style

	BarFull, BarEmpty string // progress bar colours (hex), empty when NoColor
}

// New builds the styles for the options.
func New(o Options) *Styles {
	s := &Styles{Opts: o}
	pick := func(dark, light string) lipgloss.TerminalColor {
		if o.NoColor {
			return lipgloss.NoColor{}
		}
		if o.Dark {
			return lipgloss.Color(dark)
		}
		return lipgloss.Color(light)
	}
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(pick("#7DCFFF", "#005F87"))
	s.Muted = lipgloss.NewStyle().Foreground(pick("#A0A0A0", "#5F5F5F"))
	s.Bold = lipgloss.NewStyle().Bold(true)
	s.OK = lipgloss.NewStyle().Foreground(pick("#5FD787", "#007A3D"))
	s.Warn = lipgloss.NewStyle().Foreground(pick("#FFD75F", "#8A5A00"))
	s.Bad = lipgloss.NewStyle().Bold(true).Foreground(pick("#FF5F5F", "#AF0000"))
	s.Banner = lipgloss.NewStyle().Bold(true).Foreground(pick("#FFD75F", "#8A5A00"))
	s.Key = lipgloss.NewStyle().Bold(true).Foreground(pick("#D7AFFF", "#5F00AF"))
	s.Selected = lipgloss.NewStyle().Bold(true).Foreground(pick("#7DCFFF", "#005F87"))
	s.Box = lipgloss.NewStyle().Border(lipgloss.NormalBorder()).Padding(0, 1).
		BorderForeground(pick("#FFD75F", "#8A5A00"))
	s.Rule = lipgloss.NewStyle().Foreground(pick("#5F5F5F", "#BCBCBC"))
	if !o.NoColor {
		if o.Dark {
			s.BarFull, s.BarEmpty = "#5FAFFF", "#3A3A3A"
		} else {
			s.BarFull, s.BarEmpty = "#005F87", "#D0D0D0"
		}
	}
	return s
}

// Marker kinds for status lines.
const (
	MarkOK   = "[OK]"
	MarkWarn = "[!]"
	MarkBad  = "[X]"
	MarkTodo = "[ ]"
	MarkSkip = "[-]"
)

// Status renders a marker + text in the colour of its kind.
func (s *Styles) Status(kind, text string) string {
	switch kind {
	case MarkOK:
		return s.OK.Render(kind) + " " + text
	case MarkWarn:
		return s.Warn.Render(kind) + " " + text
	case MarkBad:
		return s.Bad.Render(kind) + " " + text
	default:
		return s.Muted.Render(kind) + " " + text
	}
}
