package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/widgets"
)

// listView is the checklist widget's state: the item under the cursor
// (the one answers go to, page.Visit.Item) and the first item shown.
type listView struct{ cursor, top int }

// follow keeps the cursor on an item and tells the visit which one.
func (l *listView) follow(m *Model) {
	items := m.snap.Checklist
	if len(items) == 0 {
		return
	}
	if l.cursor >= len(items) {
		l.cursor = len(items) - 1
	}
	m.visit.Item = items[l.cursor].ID
}

// key moves the cursor; false for keys that are the page's choices.
func (l *listView) key(m *Model, k tea.KeyMsg) bool {
	n := len(m.snap.Checklist)
	switch k.String() {
	case "up", "k":
		if l.cursor > 0 {
			l.cursor--
		}
	case "down", "j":
		if l.cursor < n-1 {
			l.cursor++
		}
	default:
		return false
	}
	m.rebuild()
	return true
}

// after an answer the cursor moves on to the next open item (the usual
// rhythm is test, answer, next); after an own item it stands on that one.
func (l *listView) after(m *Model, actionID string) {
	items := m.snap.Checklist
	switch {
	case len(items) == 0:
		return
	case actionID == "add item":
		l.cursor = len(items) - 1
	case strings.HasPrefix(actionID, "answer "):
		for i := 1; i <= len(items); i++ {
			if j := (l.cursor + i) % len(items); items[j].Status == "" {
				l.cursor = j
				break
			}
		}
	default:
		return
	}
	m.rebuild()
}

// listWindow is the part of the checklist on screen: shown items from
// first, and how many are hidden above and below it.
type listWindow struct{ first, shown, above, below int }

// window fits n items into room lines around the cursor. Hidden items are
// counted on a line of their own where they are: above the list for those
// above, below it for those below, so room-1 items are shown, or room-2
// when items are hidden on both sides. The window keeps its place while
// the cursor stays inside it, but never ends before the last item while
// items above are hidden: the room can grow between two drawings (the
// notice about open items goes once all are answered), and the window
// then takes more items from above instead of leaving lines empty — and
// counting a negative number below.
func (l *listView) window(n, room int) listWindow {
	if n <= room {
		l.top = 0
		return listWindow{shown: n}
	}
	w := l.place(n, max(room-1, 1))
	if w.above > 0 && w.below > 0 && room > 2 {
		// Shrinking by one keeps both sides hidden: either the window
		// ends one item earlier or it starts one item later.
		w = l.place(n, room-2)
	}
	return w
}

// place puts a window of show items around the cursor.
func (l *listView) place(n, show int) listWindow {
	switch {
	case l.cursor < l.top:
		l.top = l.cursor
	case l.cursor >= l.top+show:
		l.top = l.cursor - show + 1
	}
	l.top = max(0, min(l.top, n-show))
	return listWindow{first: l.top, shown: show, above: l.top, below: n - l.top - show}
}

// checklistView: every item with its answer; the current item's detail
// (or the input) takes the bottom lines (W7, R23).
func (m *Model) checklistView(width, height int) string {
	c, l := m.pg.Checklist, &m.list
	var b strings.Builder
	b.WriteString(m.blocks(m.pg.Blocks, width) + "\n")
	b.WriteString(c.Progress + "\n" + m.s.Muted.Render(c.Legend) + "\n")
	if c.Notice != "" {
		b.WriteString(m.s.Warn.Render(widgets.Truncate(c.Notice, width-2)) + "\n")
	}
	b.WriteString("\n")
	var foot string
	if m.input != nil {
		foot = m.input.view()
	} else if len(c.Items) > 0 {
		it := c.Items[l.cursor]
		d := it.Detail
		if it.Note != "" {
			d = strings.TrimSpace(d + "\n" + m.t.Note() + ": " + it.Note)
		}
		foot = lines(m.s.Muted, clip(widgets.Wrap(d, width-2), 3))
	}
	room := height - countLines(b.String()) - countLines(foot) - 1
	if room < 3 {
		room = 3
	}
	win := l.window(len(c.Items), room)
	if win.above > 0 {
		b.WriteString(m.s.Muted.Render(m.t.ChecklistAbove(win.above)) + "\n")
	}
	for i := win.first; i < win.first+win.shown; i++ {
		it := c.Items[i]
		label := it.Title
		if it.Source != "" {
			label += m.s.Muted.Render(" " + it.Source)
		}
		prefix := "  "
		if i == l.cursor {
			prefix = "> "
			label = m.s.Selected.Render(it.Title) + strings.TrimPrefix(label, it.Title)
		}
		b.WriteString(prefix + m.s.Status(mark(it.Mark), widgets.Truncate(label, width-8)) + "\n")
	}
	if win.below > 0 {
		b.WriteString(m.s.Muted.Render(m.t.ChecklistBelow(win.below)) + "\n")
	}
	return b.String() + "\n" + foot
}

// resumeView: an unfinished run was found (W8). The newest entries matter
// most: the tail that fits is kept; when even one line is too many
// (another instance, unconfirmed actions, the longer note), the blank
// lines go first, so the menu and the whole note stay in view.
func (m *Model) resumeView(width, height int) string {
	r := m.pg.Resume
	var top strings.Builder
	top.WriteString(m.s.Bold.Render(r.Found) + "\n")
	if r.Instance != "" {
		top.WriteString(r.Instance + "\n")
	}
	if r.Other != "" {
		top.WriteString(m.s.Status(mark(page.MarkWarn), indent(widgets.Wrap(r.Other, width-6), "    ")[4:]) + "\n")
	}
	if r.Path != "" {
		top.WriteString(r.Path + "\n")
	}
	// W8: actions started but never confirmed, worded by steps; the next
	// Connect reconciles them with the server instead of repeating them.
	var unconf strings.Builder
	for _, u := range r.Unconfirmed {
		unconf.WriteString(m.s.Status(mark(page.MarkWarn), indent(widgets.Wrap(u, width-6), "    ")[4:]) + "\n")
	}
	note := lines(m.s.Muted, widgets.Wrap(r.Note, width-2))
	bottom := func(gap string) string {
		return gap + r.Next + "\n" + gap + m.menu.view(m) + "\n" + gap + note
	}
	// top and unconf end with a line break: their lines are their breaks.
	used := strings.Count(top.String(), "\n") + 2 + strings.Count(unconf.String(), "\n")
	rest := bottom("\n")
	room := height - used - countLines(rest)
	if room < 1 {
		rest = bottom("")
		room = height - used - countLines(rest)
	}
	var b strings.Builder
	b.WriteString(top.String())
	b.WriteString("\n" + m.s.Bold.Render(m.t.ResumeDone()) + "\n")
	done := r.Done
	if room < 1 {
		room = 1
	}
	if len(done) > room {
		// The earliest entries give way; one line says how many.
		hidden := len(done) - room + 1
		b.WriteString(m.s.Muted.Render(m.t.ResumeEarlier(hidden)) + "\n")
		done = done[hidden:]
	}
	for _, d := range done {
		b.WriteString(m.s.Status(mark(page.MarkOK), widgets.Truncate(d, width-6)) + "\n")
	}
	if len(r.Done) == 0 {
		b.WriteString(m.s.Muted.Render("  –") + "\n")
	}
	b.WriteString(unconf.String())
	b.WriteString(rest)
	return b.String()
}

// reportView shows the support report (W9) over the page; Esc goes back.
type reportView struct {
	text   string
	scroll scroller
}

func (m *Model) reportKey(k tea.KeyMsg) tea.Cmd {
	r := m.report
	if r.scroll.handle(k) {
		return nil
	}
	switch k.String() {
	case "down", "j":
		r.scroll.off++
	case "up", "k":
		if r.scroll.off > 0 {
			r.scroll.off--
		}
	case "esc":
		m.report = nil
	case "q":
		m.exit = ExitPaused
		switch {
		case m.snap.Finished:
			m.exit = ExitFinished
		case m.blocked || m.fail != nil:
			m.exit = ExitFailed
		}
		return tea.Quit
	case "?":
		m.showHelp = !m.showHelp
	}
	return nil
}

func (m *Model) reportBody(room int) string {
	return m.window(&m.report.scroll, widgets.WrapBlock(m.report.text, m.width-1), room)
}
