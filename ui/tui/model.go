// Package tui is the full-screen wizard: a root bubbletea model that draws
// the page of the step due (ui/page) with lipgloss and huh, owns the
// chrome (header, footer, help, dialogs, scrolling), and runs long actions
// through a stream. What a step shows and offers, and what a choice
// triggers, is the page's; this package only draws it and takes the keys.
package tui

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/style"
	"github.com/visual4/1crm-update/ui/text"
	"github.com/visual4/1crm-update/ui/widgets"
)

// Engine is the part of *steps.Wizard the pages drive (ui/page).
type Engine = page.Engine

// Options wire the model to a wizard and to the outside world.
type Options struct {
	Engine       Engine
	Lang         string // "de" or "en"
	Styles       *style.Styles
	LiveURL      string
	TestURL      string
	Banners      []string // insecure, fixed clock, demo: shown on every screen
	PackageFile  string   // --package: offered first on the package step
	SupportEmail string
	JournalPath  func() string       // where the journal of the run lives (error page)
	Attach       func() error        // called once after Resume/StartNew
	Copy         func(s string) bool // OSC 52 copy; nil or false when unsupported
	// Open hands a mailto: link to the desktop's mail program; nil where
	// the wizard does not run on the admin's desktop (SSH).
	Open    func(url string) error
	Now     func() time.Time // for elapsed times; default time.Now
	Context context.Context  // cancelled by SIGTERM/SIGHUP from outside
	// Relogin replaces the login of one instance after 1CRM rejected it
	// (the error page asks again); nil = not offered. LoginUser is the
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
type Exit = page.Exit

const (
	ExitNone        = page.ExitNone
	ExitFinished    = page.ExitFinished    // 0: the run is finished
	ExitPaused      = page.ExitPaused      // 0: the admin quit cleanly, the run is resumable
	ExitFailed      = page.ExitFailed      // 1: quit from an error page, or blocked
	ExitInterrupted = page.ExitInterrupted // 130: Ctrl-C
)

// Model is the root bubbletea model.
type Model struct {
	o  Options
	t  text.Texts
	st steptext.Texts
	s  *style.Styles
	e  Engine
	ui *page.UI

	width, height int
	snap          steps.Snapshot // refreshed after each action and tick
	visit         *page.Visit    // the step shown and what happened on it
	pg            page.Page      // its page, built from snap and visit
	menu          menu           // pg's choices
	scroll        scroller
	input         *inputForm   // a text asked for a choice; nil = none
	asking        *page.Action // the action the input is for
	list          listView     // the checklist widget's cursor
	fail          *failure     // the error page over the step
	report        *reportView  // the support report over the step
	run           *running
	askCancel     bool
	showHelp      bool
	spin          spinner.Model
	exit          Exit
	farewell      string // printed by the app after the program ends
	blocked       bool   // preflight blocked the update: quitting is a failure (exit 1)
	plain         bool   // a mail is printed as plain text outside the full screen (printPlain)
	overflow      bool   // the page is longer than the screen: PgDn scrolls
	scrollKeys    string // which of PgUp/PgDn move it now: "pgdown", "pgup", "pgup/pgdown"
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
	ui := page.NewUI(o.Lang)
	m := &Model{
		o:      o,
		t:      ui.T,
		st:     ui.ST,
		s:      o.Styles,
		e:      o.Engine,
		ui:     ui,
		width:  widgets.MinWidth,
		height: widgets.MinHeight,
	}
	m.spin = widgets.NewSpinner(m.s)
	first := page.StepStart
	if o.Engine.Unfinished() != nil {
		first = page.StepResume
	}
	m.visit = page.Open(m.e, first)
	m.rebuild()
	return m
}

// syncUI hands the options to the pages (tests change them on the fly).
func (m *Model) syncUI() {
	ui, o := m.ui, &m.o
	ui.LiveURL, ui.TestURL, ui.PackageFile, ui.SupportEmail = o.LiveURL, o.TestURL, o.PackageFile, o.SupportEmail
	ui.CanOpenMail, ui.Demo, ui.Attach, ui.JournalPath = o.Open != nil, o.Demo, o.Attach, o.JournalPath
	ui.CanOpenBrowser = o.Open != nil
	ui.LoginUser, ui.CanRelogin = o.LoginUser, o.Relogin != nil
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

// Init runs what the first page starts with and the one-second clock
// (elapsed times, W4 countdown).
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.enter(), tick())
}

// Update routes a message: global keys and dialogs first, then the page.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
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
	case streamMsg:
		return m, m.onStream(msg)
	case quitMsg:
		m.exit = msg.exit
		return m, tea.Quit
	case tea.KeyMsg:
		if cmd, done := m.globalKey(msg); done {
			return m, cmd
		}
	}
	// Only the active form gets messages (cursor blinks, focus moves):
	// two live forms would cross-talk.
	switch {
	case m.fail != nil && m.fail.login != nil:
		return m, m.loginUpdate(msg)
	case m.fail != nil, m.report != nil:
		return m, nil
	case m.input != nil:
		return m, m.inputUpdate(msg)
	}
	return m, m.pageKey(msg)
}

type quitMsg struct{ exit Exit }

func quit(e Exit) tea.Cmd { return func() tea.Msg { return quitMsg{e} } }

// globalKey handles the keys that mean the same everywhere. done is false
// when the page should see the key.
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
		return nil, true // keys wait while an action runs
	}
	if m.run != nil {
		// Keys wait while an action runs, but for the long-wait notice's.
		return m.runKey(k), true
	}
	if m.report != nil {
		return m.reportKey(k), true
	}
	if m.fail != nil {
		return m.failKey(k), true
	}
	if m.input != nil {
		if k.Type == tea.KeyEsc {
			m.input, m.asking = nil, nil
			m.visit.Refused, m.visit.Kept = "", ""
			return nil, true
		}
		return nil, false // q and ? are letters of the text
	}
	switch k.String() {
	case "?":
		m.showHelp = !m.showHelp
		return nil, true
	case "q":
		m.exit = ExitPaused
		if m.snap.Finished {
			m.exit = ExitFinished
		} else if m.blocked {
			m.exit = ExitFailed
		}
		return tea.Quit, true
	case "esc":
		if m.pg.Back != nil {
			return m.act(m.pg.Back, page.Arg{}), true
		}
		return nil, true
	}
	return nil, false
}

func (m *Model) tooSmall() bool {
	return m.width < widgets.MinWidth || m.height < widgets.MinHeight
}
