// Package tui is the full-screen wizard: a root bubbletea model that owns
// the chrome (header, footer, dialogs), runs long actions through a stream,
// and delegates everything else to one small screen per step of
// steps.Wizard.Next() (bubbletea examples/views shape).
package tui

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/stream"
	"github.com/visual4/1crm-update/ui/style"
	"github.com/visual4/1crm-update/ui/text"
	"github.com/visual4/1crm-update/ui/widgets"
)

// Options wire the model to a wizard and to the outside world.
type Options struct {
	Engine       Engine
	Lang         string // "de" or "en"
	Styles       *style.Styles
	LiveURL      string
	TestURL      string
	Banners      []string // insecure, fixed clock, demo: shown on every screen
	PackageFile  string   // --package: offered first on the package screen
	SupportEmail string
	JournalPath  func() string       // where the journal of the run lives (error screen)
	Attach       func() error        // called once after Resume/StartNew
	Copy         func(s string) bool // OSC 52 copy; nil or false when unsupported
	// Open hands a mailto: link to the desktop's mail program; nil where
	// the wizard does not run on the admin's desktop (SSH).
	Open    func(url string) error
	Now     func() time.Time // for elapsed times; default time.Now
	Context context.Context  // cancelled by SIGTERM/SIGHUP from outside
	// Relogin replaces the login of one instance after 1CRM rejected it
	// (the error screen asks again); nil = not offered. LoginUser is the
	// user name to show in that form.
	Relogin   func(stage steps.Stage, user, password string) error
	LoginUser func(stage steps.Stage) string
	// Demo: the instances are the in-process simulator (new port on every
	// start), so a resumed run's URL is not compared with the current one.
	Demo bool
	// ReportCmd is the command that prints this run's report (farewells).
	ReportCmd string
}

// Exit is how the program ended (the app maps it to an exit code, cli.md).
type Exit int

const (
	ExitNone        Exit = iota
	ExitFinished         // 0: the run is finished
	ExitPaused           // 0: the admin quit cleanly, the run is resumable
	ExitFailed           // 1: quit from an error screen
	ExitInterrupted      // 130: Ctrl-C
)

// screen is one step's page. It may mutate the model (pointer) and returns
// commands. Screens never call Engine actions that take time themselves:
// they hand an action to m.start.
type screen interface {
	title(m *Model) string
	init(m *Model) tea.Cmd
	update(m *Model, msg tea.Msg) tea.Cmd
	view(m *Model, width, height int) string
	keys(m *Model) []key.Binding
}

// typer is a screen whose focused field takes text: q and ? go to it.
type typer interface{ typing() bool }

// backer is a screen with an inner "back" (Esc).
type backer interface{ back(m *Model) tea.Cmd }

// Model is the root bubbletea model.
type Model struct {
	o  Options
	t  text.Texts
	st steptext.Texts
	s  *style.Styles
	e  Engine

	width, height int
	scr           screen
	run           *running
	fail          *failure
	askCancel     bool
	showHelp      bool
	spin          spinner.Model
	exit          Exit
	snap          steps.Snapshot // refreshed after each action and tick
	farewell      string         // printed by the app after the program ends
	stepN, stepOf int            // "Schritt n von of" of the screen shown
	blocked       bool           // preflight blocked the update: quitting is a failure (exit 1)
	pending       string         // the interrupted action a resumed run reconciles first (W8)
	plain         bool           // a mail is printed as plain text outside the full screen (printPlain)
}

// New builds the root model. Call Run on a tea.Program with it.
func New(o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Context == nil {
		o.Context = context.Background()
	}
	if o.Styles == nil {
		o.Styles = style.New(style.Options{NoColor: true})
	}
	m := &Model{
		o:      o,
		t:      text.For(o.Lang),
		st:     steptext.For(o.Lang),
		s:      o.Styles,
		e:      o.Engine,
		width:  widgets.MinWidth,
		height: widgets.MinHeight,
	}
	m.spin = widgets.NewSpinner(m.s)
	if sum := o.Engine.Unfinished(); sum != nil {
		m.scr = &resumeScreen{sum: sum}
	} else {
		m.scr = &startScreen{}
	}
	return m
}

// Exit says how the program ended.
func (m *Model) Exit() Exit { return m.exit }

// Blocked is true when preflight refused the update (R6, uploads off): an
// exit 1 without an error — the farewell says what to do, not "failed".
func (m *Model) Blocked() bool { return m.blocked }

// Farewell is a line for the terminal after the full-screen UI is gone
// (e.g. when to continue a paused run); may be empty.
func (m *Model) Farewell() string { return m.farewell }

type tickMsg time.Time

func tick() tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// Init starts the first screen and the one-second clock (elapsed times, W4 countdown).
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.scr.init(m), tick())
}

// Update routes a message: global keys and dialogs first, then the screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.scr.update(m, msg)
	case tickMsg:
		// W4: the header countdown ticks; the wizard is not asked while an
		// action holds it busy (the countdown then updates afterwards).
		if m.run == nil && m.snap.Countdown.Applies {
			m.snap.Countdown = m.e.Countdown()
		}
		return m, tick()
	case spinner.TickMsg:
		if m.run == nil {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case stream.Msg:
		return m, m.onStream(msg)
	case quitMsg:
		m.exit = msg.exit
		return m, tea.Quit
	case tea.KeyMsg:
		if cmd, done := m.globalKey(msg); done {
			return m, cmd
		}
	}
	if m.fail != nil {
		if m.fail.login != nil {
			return m, m.loginUpdate(msg) // cursor blink, focus moves
		}
		return m, nil
	}
	return m, m.scr.update(m, msg)
}

type quitMsg struct{ exit Exit }

func quit(e Exit) tea.Cmd { return func() tea.Msg { return quitMsg{e} } }

// globalKey handles the keys that mean the same on every screen. done is
// false when the screen should see the key.
func (m *Model) globalKey(k tea.KeyMsg) (tea.Cmd, bool) {
	// Ctrl-C first, before any huh form can claim it (design.md traps).
	if k.Type == tea.KeyCtrlC {
		if m.run != nil {
			m.askCancel = true
			return nil, true
		}
		m.exit = ExitInterrupted
		return tea.Quit, true
	}
	if m.plain {
		return m.plainKey(k), true
	}
	if m.askCancel {
		switch k.String() {
		case "y", "j", "Y", "J":
			m.run.stream.Cancel()
			m.exit = ExitInterrupted
			return tea.Quit, true
		case "n", "N", "esc":
			m.askCancel = false
		}
		return nil, true
	}
	if m.tooSmall() {
		return nil, true
	}
	if m.run != nil {
		return nil, true // keys wait while an action runs
	}
	if m.fail != nil {
		return m.failKey(k), true
	}
	typing := false
	if ty, ok := m.scr.(typer); ok {
		typing = ty.typing()
	}
	switch k.String() {
	case "?":
		if !typing {
			m.showHelp = !m.showHelp
			return nil, true
		}
	case "q":
		if !typing {
			m.exit = ExitPaused
			if m.snap.Finished {
				m.exit = ExitFinished
			} else if m.blocked {
				m.exit = ExitFailed
			}
			return tea.Quit, true
		}
	case "esc":
		if b, ok := m.scr.(backer); ok {
			return b.back(m), true
		}
		return nil, true
	}
	return nil, false
}

func (m *Model) tooSmall() bool {
	return m.width < widgets.MinWidth || m.height < widgets.MinHeight
}

// advance shows the screen of the step that is due now. Every visit builds
// a fresh screen (huh forms cannot be reset).
func (m *Model) advance() tea.Cmd {
	m.fail = nil
	m.showHelp = false
	m.refresh()
	m.stepN, m.stepOf = m.e.StepNumber()
	m.scr = m.screenFor(m.e.Next())
	return m.scr.init(m)
}

// View draws chrome + screen, or the small-window notice.
func (m *Model) View() string {
	if m.exit != ExitNone {
		return ""
	}
	if m.plain {
		return m.plainView()
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	header := m.header()
	footer := widgets.Footer(m.s, widgets.Keys{Short: m.footerKeys()}, m.width, m.showHelp)
	room := m.height - countLines(header) - countLines(footer)
	var body string
	switch {
	case m.askCancel:
		body = m.cancelView(m.width)
	case m.fail != nil:
		body = m.failView(m.width, room)
	default:
		body = m.scr.view(m, m.width, room)
		if m.run != nil {
			body += "\n\n" + m.runView(m.width)
		}
	}
	return widgets.Frame(header, body, footer, m.width, m.height)
}

// tooSmallView asks the window to grow. After Ctrl-C during an action the
// cancel question stands here too: y/n are answered even in a small window
// (globalKey), so the admin must see what they answer.
func (m *Model) tooSmallView() string {
	msg := m.t.TooSmall(m.width, m.height, widgets.MinWidth, widgets.MinHeight) + "\n" + widgets.Wrap(m.t.TooSmallHint(), m.width-2)
	if m.askCancel && m.run != nil {
		msg = m.t.ConfirmCancelTitle() + "\n" + widgets.Wrap(m.run.a.server, m.width-2) + "\n\n" +
			m.t.ConfirmCancelYes() + "\n" + m.t.ConfirmCancelNo()
	}
	return widgets.TooSmall(m.s, msg, m.width, m.height)
}

func countLines(s string) int {
	n := 1
	for _, c := range s {
		if c == '\n' {
			n++
		}
	}
	return n
}
