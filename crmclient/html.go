package crmclient

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Helpers shared by the admin page scrapers. Rules (spec §3 "Scraping
// rules"): parse HTML with a real parser, find sections by heading or
// label text (English and German), map table columns by header text, and
// never depend on position or on classes and ids of our own guessing. A
// class or id is used only where 1CRM's own markup gives it that meaning
// (the 7.x sources, evidence §1: the flashMessage box, the icon-led* LEDs,
// the conditions_… input the list script fills, the captcha's id="cap").

// page is one fetched admin page.
type page struct {
	url    *url.URL
	status int
	header http.Header // response headers (captured pages, issue 10)
	body   []byte
	doc    *goquery.Document
}

func newPage(u *url.URL, status int, body []byte) *page {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil { // x/net/html accepts anything; keep a non-nil document
		doc, _ = goquery.NewDocumentFromReader(strings.NewReader(""))
	}
	return &page{url: u, status: status, body: body, doc: doc}
}

// text is the page's visible text (no script/style), one block per line.
func (p *page) text() string { return visibleText(p.body) }

// isLoginPage: the login form is recognised by its password field
// (spec §2 "Login-page marker").
func (p *page) isLoginPage() bool {
	return p.doc.Find(`input[name="user_password"]`).Length() > 0
}

var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "tr": true, "li": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "table": true, "ul": true, "ol": true,
	"form": true, "section": true, "legend": true, "caption": true, "title": true,
	"td": false, "th": false, "pre": true, "hr": true, "dt": true, "dd": true, "header": true,
	"footer": true, "article": true, "fieldset": true, "blockquote": true, "body": true,
}

// visibleText renders markup as plain text: script and style dropped,
// block elements on their own lines, table cells separated by " | ".
func visibleText(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body))
	var b strings.Builder
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return collapseLines(b.String())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "script" || tag == "style" || tag == "noscript" {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if blockTags[tag] {
				b.WriteByte('\n')
			} else if tag == "td" || tag == "th" {
				if tt == html.StartTagToken {
					b.WriteString(" | ")
				}
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

func collapseLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.Join(strings.Fields(l), " ")
		l = strings.Trim(l, "| ")
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// clean normalises the text of a selection: whitespace collapsed, trimmed.
func clean(s *goquery.Selection) string {
	return strings.Join(strings.Fields(s.Text()), " ")
}

// containsAny reports whether text contains one of the (lower-case) needles,
// compared case-insensitively.
func containsAny(text string, needles ...string) bool {
	t := strings.ToLower(text)
	for _, n := range needles {
		if strings.Contains(t, n) {
			return true
		}
	}
	return false
}

// ---- forms -----------------------------------------------------------

type field struct{ name, value string }

// form is a snapshot of an HTML form: where it posts and which fields a
// browser would send without user input.
type form struct {
	action *url.URL
	fields []field
}

func (f *form) get(name string) string {
	for _, fl := range f.fields {
		if fl.name == name {
			return fl.value
		}
	}
	return ""
}

// set replaces every field called name by one with value.
func (f *form) set(name, value string) {
	out := f.fields[:0:0]
	for _, fl := range f.fields {
		if fl.name != name {
			out = append(out, fl)
		}
	}
	f.fields = append(out, field{name, value})
}

func (f *form) del(name string) {
	out := f.fields[:0:0]
	for _, fl := range f.fields {
		if fl.name != name {
			out = append(out, fl)
		}
	}
	f.fields = out
}

func (f *form) values() url.Values {
	v := url.Values{}
	for _, fl := range f.fields {
		v.Add(fl.name, fl.value)
	}
	return v
}

func (f *form) clone() *form {
	c := &form{action: f.action, fields: append([]field(nil), f.fields...)}
	return c
}

// readForm snapshots a <form>: every hidden input (the CSRF-proof copy of
// spec §2) and, when withChecks, checkboxes and radios in their rendered
// default state. The action is resolved against the page URL; an empty
// action posts back to index.php of the same directory.
func readForm(p *page, sel *goquery.Selection, withChecks bool) *form {
	f := &form{action: resolveAction(p.url, sel.AttrOr("action", ""))}
	sel.Find("input").Each(func(_ int, in *goquery.Selection) {
		name, ok := in.Attr("name")
		if !ok || name == "" {
			return
		}
		if _, disabled := in.Attr("disabled"); disabled {
			return
		}
		typ := strings.ToLower(in.AttrOr("type", "text"))
		switch typ {
		case "hidden":
			f.fields = append(f.fields, field{name, in.AttrOr("value", "")})
		case "checkbox", "radio":
			if _, checked := in.Attr("checked"); checked && withChecks {
				f.fields = append(f.fields, field{name, in.AttrOr("value", "on")})
			}
		}
	})
	return f
}

func resolveAction(pageURL *url.URL, action string) *url.URL {
	action = strings.TrimSpace(action)
	if action == "" {
		if pageURL == nil {
			return nil
		}
		u := *pageURL
		u.RawQuery = ""
		u.Fragment = ""
		return &u
	}
	ref, err := url.Parse(action)
	if err != nil || pageURL == nil {
		return ref
	}
	return pageURL.ResolveReference(ref)
}

// ---- sections and tables ---------------------------------------------

// tableTitle finds the label of a table: its <caption>, a single-cell
// title row, or the nearest short text element before it in document
// order (a heading, legend, bold label) that does not belong to another
// table. Positions and classes play no part.
func tableTitle(tbl *goquery.Selection, matches func(string) bool) bool {
	if c := tbl.ChildrenFiltered("caption"); c.Length() > 0 && matches(clean(c)) {
		return true
	}
	if first := directRows(tbl).First(); first.Length() > 0 {
		cells := first.ChildrenFiltered("th,td")
		if cells.Length() == 1 && matches(clean(cells)) {
			return true
		}
	}
	node := tbl.Get(0)
	ancestors := map[*html.Node]bool{}
	for a := node.Parent; a != nil; a = a.Parent {
		ancestors[a] = true
	}
	steps := 0
	for n := prevInOrder(node); n != nil && steps < 400; n = prevInOrder(n) {
		steps++
		if n.Type != html.ElementNode || ancestors[n] {
			continue
		}
		switch n.Data {
		case "table", "tr", "td", "th", "tbody", "thead":
			if !isInside(n, node) {
				return false // reached another table: its heading is not ours
			}
		case "script", "style":
			continue
		}
		t := strings.Join(strings.Fields(nodeText(n)), " ")
		if t == "" || len(t) > 120 {
			continue
		}
		if matches(t) {
			return true
		}
		// The nearest section title decides: another section's title, or
		// any real heading, ends the search (an empty section's heading
		// must not claim the next section's table).
		if containsAny(t, allSectionTitles()...) || headingTags[n.Data] {
			return false
		}
	}
	return false
}

var headingTags = map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "legend": true, "caption": true}

// allSectionTitles are the titles of every table section the scrapers know.
func allSectionTitles() []string {
	var all []string
	for _, l := range [][]string{uploadedTitles, installedTitles, updatesTitles, historyTitles, backupHistoryTitles} {
		all = append(all, l...)
	}
	return all
}

func isInside(n, container *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == container {
			return true
		}
	}
	return false
}

// prevInOrder returns the node before n in document (pre-)order.
func prevInOrder(n *html.Node) *html.Node {
	if n.PrevSibling != nil {
		p := n.PrevSibling
		for p.LastChild != nil {
			p = p.LastChild
		}
		return p
	}
	return n.Parent
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
			b.WriteByte(' ')
		}
		if x.Type == html.ElementNode && (x.Data == "script" || x.Data == "style") {
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// directRows are the rows of this table, not of tables nested in it.
func directRows(tbl *goquery.Selection) *goquery.Selection {
	node := tbl.Get(0)
	return tbl.Find("tr").FilterFunction(func(_ int, tr *goquery.Selection) bool {
		return tr.Closest("table").Get(0) == node
	})
}

// columns maps logical column names to cell indexes by header text. keys
// maps a column name to lower-case header fragments (English and German).
type columns map[string]int

// headerRow finds the first row whose cells name at least `need` of the
// known columns and returns the mapping and the row index.
func headerColumns(tbl *goquery.Selection, keys map[string][]string, order []string, need int) (columns, int) {
	rows := directRows(tbl)
	for i := 0; i < rows.Length() && i < 4; i++ {
		if rows.Eq(i).Find("table").Length() > 0 {
			continue // a layout row wrapping whole tables is no header
		}
		cols := columns{}
		idx := 0
		rows.Eq(i).ChildrenFiltered("th,td").Each(func(_ int, cell *goquery.Selection) {
			t := strings.ToLower(clean(cell))
			for _, k := range order {
				if _, done := cols[k]; done {
					continue
				}
				if headerMatches(t, keys[k]) {
					cols[k] = idx
					break
				}
			}
			span := 1
			if s := cell.AttrOr("colspan", "1"); s != "" {
				if n := atoiSafe(s); n > 1 {
					span = n
				}
			}
			idx += span
		})
		if len(cols) >= need {
			return cols, i
		}
	}
	return nil, -1
}

func headerMatches(t string, frags []string) bool {
	if t == "" {
		return false
	}
	for _, f := range frags {
		if strings.HasPrefix(f, "=") {
			if t == f[1:] {
				return true
			}
			continue
		}
		if strings.Contains(t, f) {
			return true
		}
	}
	return false
}

// cellAt returns the cell at logical index i (colspans counted).
func cellAt(row *goquery.Selection, i int) *goquery.Selection {
	idx := 0
	var found *goquery.Selection
	row.ChildrenFiltered("th,td").EachWithBreak(func(_ int, cell *goquery.Selection) bool {
		span := atoiSafe(cell.AttrOr("colspan", "1"))
		if span < 1 {
			span = 1
		}
		if i >= idx && i < idx+span {
			found = cell
			return false
		}
		idx += span
		return true
	})
	return found
}

func cellText(row *goquery.Selection, cols columns, key string) string {
	i, ok := cols[key]
	if !ok {
		return ""
	}
	c := cellAt(row, i)
	if c == nil {
		return ""
	}
	return clean(c)
}

func atoiSafe(s string) int {
	n := 0
	for _, r := range strings.TrimSpace(s) {
		if r < '0' || r > '9' {
			return n
		}
		n = n*10 + int(r-'0')
		if n > 1<<30 {
			return n
		}
	}
	return n
}

// findTables returns the innermost tables whose title matches and whose
// header names at least need of the columns.
type foundTable struct {
	sel       *goquery.Selection
	cols      columns
	headerRow int
}

func findTable(doc *goquery.Document, titles []string, keys map[string][]string, order []string, need int) *foundTable {
	match := func(t string) bool { return containsAny(t, titles...) }
	var best *foundTable
	doc.Find("table").EachWithBreak(func(_ int, tbl *goquery.Selection) bool {
		cols, hr := headerColumns(tbl, keys, order, need)
		if cols == nil {
			return true
		}
		if !tableTitle(tbl, match) {
			return true
		}
		best = &foundTable{sel: tbl, cols: cols, headerRow: hr}
		return false
	})
	return best
}

// dataRows are the rows after the header row.
func (t *foundTable) dataRows() []*goquery.Selection {
	var out []*goquery.Selection
	directRows(t.sel).Each(func(i int, tr *goquery.Selection) {
		if i > t.headerRow {
			out = append(out, tr)
		}
	})
	return out
}

// findLabelled returns the smallest element whose own short text matches
// one of the labels (a heading or label), or nil.
func findLabelled(doc *goquery.Document, labels ...string) *goquery.Selection {
	var found *goquery.Selection
	doc.Find("body *").Each(func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s) == "script" || goquery.NodeName(s) == "style" {
			return
		}
		t := clean(s)
		if t == "" || len(t) > 120 || !containsAny(t, labels...) {
			return
		}
		// Keep the first match, refined to a matching descendant of it.
		if found == nil || isInside(s.Get(0), found.Get(0)) {
			found = s
		}
	})
	return found
}
