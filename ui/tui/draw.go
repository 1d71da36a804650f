package tui

import (
	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/style"
)

// Draw is p as the full screen draws it at width×height without colour,
// chrome included: the same drawing the model does (tests put it next to
// the line mode's printing of p).
func Draw(p page.Page, lang string, width, height int) string {
	ui := page.NewUI(lang)
	m := &Model{t: ui.T, st: ui.ST, ui: ui, s: style.New(style.Options{NoColor: true}),
		width: width, height: height, visit: &page.Visit{}, pg: p}
	m.menu = m.menu.rebuilt(p)
	return m.View()
}
