package crmclient

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// messageBox is the box the upgrade manager shows above its lists after an
// upload (7.x UWizard/index.php): a table of class "flashMessage" holding
// an LED icon (input-icon icon-ledgreen|icon-ledred) and the text in a
// span coloured green or red. It sits inside a table cell of the page
// layout, so it is found by its own markup, never by "outside any cell".
type messageBox struct {
	text    string
	success bool // green LED/colour and no known error text
	failure bool // red LED/colour, or a known error text
}

var ledClass = regexp.MustCompile(`\bicon-led(green|red|yellow|grey|gray)\b`)

// findMessageBox returns the page's message box: a table of class
// flashMessage, else an element holding both an LED icon and a coloured
// text span (the same box in another theme). ok is false when there is none.
func findMessageBox(p *page) (box messageBox, ok bool) {
	var sel *goquery.Selection
	p.doc.Find("table").EachWithBreak(func(_ int, t *goquery.Selection) bool {
		if hasClassToken(t, "flashMessage") {
			sel = t
			return false
		}
		return true
	})
	if sel == nil {
		p.doc.Find("div").EachWithBreak(func(_ int, d *goquery.Selection) bool {
			if !ledClass.MatchString(d.AttrOr("class", "")) {
				return true
			}
			parent := d.Parent()
			if coloredSpan(parent) == nil || strings.TrimSpace(clean(parent)) == "" {
				return true
			}
			sel = parent
			return false
		})
	}
	if sel == nil {
		return messageBox{}, false
	}
	box.text = capMessage(clean(sel))
	if box.text == "" {
		return messageBox{}, false
	}
	colour := ""
	sel.Find("div,span,img,i").EachWithBreak(func(_ int, d *goquery.Selection) bool {
		if m := ledClass.FindStringSubmatch(d.AttrOr("class", "")); m != nil {
			colour = m[1]
			return false
		}
		return true
	})
	if sp := coloredSpan(sel); sp != nil && colour == "" {
		colour = styleColour(sp.AttrOr("style", ""))
	}
	m := classifyMessage(box.text)
	box.failure = colour == "red" || m.failure()
	box.success = !box.failure && (colour == "green" || m.success)
	return box, true
}

// coloredSpan is the first span under sel with a CSS colour, or nil.
func coloredSpan(sel *goquery.Selection) *goquery.Selection {
	var out *goquery.Selection
	sel.Find("span").EachWithBreak(func(_ int, sp *goquery.Selection) bool {
		if styleColour(sp.AttrOr("style", "")) != "" {
			out = sp
			return false
		}
		return true
	})
	return out
}

var cssColour = regexp.MustCompile(`(?i)(?:^|;|\s)color\s*:\s*([#a-z0-9]+)`)

// styleColour reads "color: red" from a style attribute as red|green|""
// (other colours, e.g. the orange of a warning, stay "").
func styleColour(style string) string {
	m := cssColour.FindStringSubmatch(style)
	if m == nil {
		return ""
	}
	switch strings.ToLower(m[1]) {
	case "red", "#f00", "#ff0000", "#c00", "#cc0000":
		return "red"
	case "green", "#0c0", "#00cc00", "#080", "#008000", "#0a0":
		return "green"
	}
	return ""
}

// hasClassToken reports whether sel's class attribute has token (case-insensitive).
func hasClassToken(sel *goquery.Selection, token string) bool {
	for _, c := range strings.Fields(sel.AttrOr("class", "")) {
		if strings.EqualFold(c, token) {
			return true
		}
	}
	return false
}

// listTableNodes are the tables of Uploaded and Installed Packages of the
// page (none on other pages).
func listTableNodes(p *page) map[*html.Node]bool {
	out := map[*html.Node]bool{}
	if t := findTable(p.doc, uploadedTitles, pkgColumnKeys, pkgColumnOrder[:6], 2); t != nil {
		out[t.sel.Get(0)] = true
	}
	if t := findTable(p.doc, installedTitles, pkgColumnKeys, []string{"name", "type", "version", "installed"}, 2); t != nil {
		out[t.sel.Get(0)] = true
	}
	return out
}
