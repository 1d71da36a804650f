package crmclient

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// What an answer page says went wrong — the one place that turns a failed
// backup, upload, prepare or install page (spec §4 "report the page text
// verbatim", §5.2 "message box above the lists", §5.4 "a page shows an
// error or a PHP fatal error") into a message an admin can read.
//
// The message is found by content, never by markup we cannot know (the
// real wording and layout of 8.x/9.x are open, spec §10.2 #6):
//  1. a PHP "Fatal error"/"Parse error"/"Uncaught …" line (with its
//     file:line);
//  2. when a freshly fetched plain page of the same kind is at hand: the
//     lines this page has and the plain one lacks (lines differing only
//     in numbers count as the same) — all of them when they are few,
//     else those with error words — and nothing else: "" when there are
//     none;
//  3. lines with error words (English and German), outside tables first;
//  4. an element whose class/id/role names an error or message box;
//  5. the page's own text.
//
// Navigation, breadcrumbs, "Logged in as", footers and the <title> are
// left out; whitespace is collapsed; the result is capped at
// maxMessageRunes. The longer page text goes to ServerMessageError.Detail.

// maxMessageRunes caps ServerMessageError.Text: long enough for a real
// sentence plus a file list, short enough for one screen.
const maxMessageRunes = 500

// maxMessageLines: more lines than this are not one message any more.
const maxMessageLines = 6

// serverMessage builds the error for a page that reports a failure. plain
// is a freshly fetched page of the same kind without the error (nil when
// there is none).
func serverMessage(kind error, p, plain *page) *ServerMessageError {
	return &ServerMessageError{Kind: kind, Text: messageText(p, plain), Detail: pageDetail(p)}
}

// withDetail is a ServerMessageError for a message found elsewhere (a
// known message, a step list), keeping the page text for the log.
func withDetail(kind error, text string, p *page) *ServerMessageError {
	return &ServerMessageError{Kind: kind, Text: capMessage(text), Detail: pageDetail(p)}
}

// pageDetail is the page's visible text, first 2 KiB (at a rune
// boundary), for the report and the log. Visible text, not markup: the
// markup carries hidden CSRF tokens and session ids in links, which must
// never reach a log.
func pageDetail(p *page) string {
	if p == nil {
		return ""
	}
	return cutBytes(p.text(), maxErrBody)
}

// messageText extracts the message of p (steps 1–5 above).
func messageText(p, plain *page) string {
	if p == nil {
		return ""
	}
	lines := contentLines(p)
	if t := fatalLine(lines); t != "" {
		return capMessage(t)
	}
	title := pageTitle(p)
	body := make([]msgLine, 0, len(lines))
	for _, l := range lines {
		if !l.chrome && !l.head && !textChrome(l.text) && !sameAsTitle(l.text, title) {
			body = append(body, l)
		}
	}
	if plain != nil {
		// Lines that differ only in numbers (a clock, a response time, a
		// counter) are the same line.
		have := map[string]bool{}
		for _, l := range contentLines(plain) {
			have[digitsFolded(l.text)] = true
		}
		var fresh, freshChrome []msgLine
		for _, l := range lines {
			if have[digitsFolded(l.text)] || l.head || textChrome(l.text) || sameAsTitle(l.text, title) {
				continue
			}
			if l.chrome {
				freshChrome = append(freshChrome, l)
			} else {
				fresh = append(fresh, l)
			}
		}
		// A few new lines are the message box, verbatim; many (a page of
		// another kind) are narrowed to those that report an error.
		if len(fresh) > 0 && len(fresh) <= maxMessageLines {
			return joinLines(fresh)
		}
		if t := joinLines(errorLines(fresh)); t != "" {
			return t
		}
		// A message in markup we took for chrome ("header-message").
		if t := joinLines(errorLines(freshChrome)); t != "" {
			return t
		}
		// Nothing new is no message: a line the plain page has too (a
		// status text in a list, a label) is not what went wrong.
		return joinLines(fresh)
	}
	if t := joinLines(errorLines(body)); t != "" {
		return t
	}
	if t := hintedBox(p); t != "" {
		return capMessage(t)
	}
	// Markup we took for chrome may hold the message after all (an
	// unusual theme): error lines anywhere but in the title.
	var all []msgLine
	for _, l := range lines {
		if !l.head && !textChrome(l.text) {
			all = append(all, l)
		}
	}
	if t := joinLines(errorLines(all)); t != "" {
		return t
	}
	if t := joinLines(body); t != "" {
		return t
	}
	return capMessage(title)
}

// errorLines keeps the lines that say something failed: outside tables
// when there are such, else inside (old 1CRM themes lay pages out with
// tables, so a message box may sit in a layout cell).
func errorLines(lines []msgLine) []msgLine {
	var out, inTable []msgLine
	for _, l := range lines {
		if !errorWords(l.text) {
			continue
		}
		if l.inTable {
			inTable = append(inTable, l)
		} else {
			out = append(out, l)
		}
	}
	if len(out) > 0 {
		return out
	}
	return inTable
}

func joinLines(lines []msgLine) string {
	if len(lines) > maxMessageLines {
		lines = lines[:maxMessageLines]
	}
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		parts = append(parts, l.text)
	}
	return capMessage(strings.Join(parts, " "))
}

// errorWords: the line reports a failure (EN/DE), or is a known upgrade
// manager error message (spec §5.2).
func errorWords(t string) bool {
	if containsAny(t, "error", "failed", "failure", "fatal", "could not", "couldn't", "cannot", "can't",
		"unable to", "not writable", "not writeable", "permission denied", "access denied", "not found",
		"missing", "invalid", "not allowed", "exception", "aborted", "not completed", "disk full",
		"no space left", "too large", "exceed",
		"fehler", "fehlgeschlagen", "konnte nicht", "konnten nicht", "kann nicht", "können nicht",
		"nicht beschreibbar", "nicht schreibbar", "keine schreibrechte", "verweigert", "nicht gefunden",
		"fehlt", "ungültig", "nicht erlaubt", "abgebrochen", "nicht abgeschlossen", "nicht ausgeführt",
		"nicht möglich", "kein speicherplatz", "zu groß", "überschreitet") {
		return true
	}
	m := classifyMessage(t)
	return m.failure() && m.kind != nil
}

// ---- PHP fatal errors --------------------------------------------------

var phpLocation = regexp.MustCompile(`(?i)\.php(?::\d+|\(\d+\)| on line \d+)`)

// fatalLine is the PHP fatal error line of the page, "" when none. An
// uncaught exception's line may lack the location; PHP then gives it in
// "thrown in … on line N" below the stack trace.
func fatalLine(lines []msgLine) string {
	for i, l := range lines {
		ll := strings.ToLower(l.text)
		if !(strings.HasPrefix(ll, "fatal error") || strings.HasPrefix(ll, "parse error") ||
			strings.HasPrefix(ll, "php fatal error") || strings.HasPrefix(ll, "php parse error") ||
			strings.Contains(ll, "uncaught exception") || strings.Contains(ll, "uncaught error") ||
			strings.Contains(ll, ": uncaught ")) {
			continue
		}
		// html_errors puts the stack trace into the same text block: the
		// first line of it is the message; "thrown in" gives the place.
		head, trace := l.text, ""
		if k := strings.Index(l.text, "Stack trace:"); k > 0 { // PHP's own wording
			head, trace = strings.TrimSpace(l.text[:k]), l.text[k:]
		}
		if phpLocation.MatchString(head) {
			return head
		}
		if j := strings.Index(trace, "thrown in"); j >= 0 {
			return head + " " + trace[j:]
		}
		for _, n := range lines[i+1:] {
			if nl := strings.ToLower(n.text); strings.Contains(nl, "thrown in") || strings.Contains(nl, " on line ") {
				return head + " " + n.text
			}
		}
		return head
	}
	return ""
}

// phpFatal returns the message of a page that shows a PHP fatal/parse
// error or answers 5xx — a failed request whatever else the page says;
// "" otherwise. A 5xx without any text (display_errors off) still
// returns a message.
func phpFatal(p *page) string {
	if p == nil {
		return ""
	}
	if t := fatalLine(contentLines(p)); t != "" {
		return capMessage(t)
	}
	if p.status >= 500 {
		if t := messageText(p, nil); t != "" {
			return t
		}
		return "HTTP " + strconv.Itoa(p.status) + " without any text (PHP error display is probably off: see the web server's error log)"
	}
	return ""
}

// fatalError is the ServerMessageError for a PHP fatal/5xx page, or nil.
func fatalError(kind error, p *page) *ServerMessageError {
	if t := phpFatal(p); t != "" {
		return &ServerMessageError{Kind: kind, Text: t, Detail: pageDetail(p)}
	}
	return nil
}

// errorText returns the message of a page that reports an error (EN/DE),
// "" when no line does; used for pages that do not send the browser on.
// Whether the page reports an error at all is decided by a few plain
// words only (a step titled "Creating missing tables" is no failure);
// which lines make the message, by errorWords.
func errorText(p *page) string {
	if p == nil {
		return ""
	}
	lines := contentLines(p)
	if t := fatalLine(lines); t != "" {
		return capMessage(t)
	}
	for _, l := range lines {
		if !l.chrome && !l.head && !textChrome(l.text) &&
			containsAny(l.text, "error", "fehler", "failed", "fehlgeschlagen", "abgebrochen", "aborted") {
			return messageText(p, nil)
		}
	}
	return ""
}

// reportedError is the ServerMessageError for a page that reports an
// error, or nil.
func reportedError(kind error, p *page) *ServerMessageError {
	if t := errorText(p); t != "" {
		return &ServerMessageError{Kind: kind, Text: t, Detail: pageDetail(p)}
	}
	return nil
}

// ---- page text as lines, with where they came from ----------------------

// msgLine is one line of visible text.
type msgLine struct {
	text    string // whitespace collapsed
	chrome  bool   // navigation, header, footer, or only link text
	head    bool   // from <head> (the <title>)
	inTable bool   // inside a table cell
}

// contentLines renders the page like visibleText, but remembers for each
// line whether it is page chrome. Form controls (select options, buttons,
// textareas) are values, not messages, and are left out.
func contentLines(p *page) []msgLine {
	var out []msgLine
	var cur strings.Builder
	curChrome, curHead, curTable := false, false, false
	plainText := false // the line has text outside links
	flush := func() {
		t := strings.Join(strings.Fields(cur.String()), " ")
		t = strings.Trim(t, "| ")
		if t != "" {
			out = append(out, msgLine{text: t, chrome: curChrome || !plainText, head: curHead, inTable: curTable})
		}
		cur.Reset()
		curChrome, curHead, curTable, plainText = false, false, false, false
	}
	var walk func(n *html.Node, chrome, head, inLink, inTable bool)
	walk = func(n *html.Node, chrome, head, inLink, inTable bool) {
		switch n.Type {
		case html.TextNode:
			if strings.TrimSpace(n.Data) == "" {
				cur.WriteString(" ")
				return
			}
			cur.WriteString(n.Data)
			curChrome = curChrome || chrome
			curHead = curHead || head
			curTable = curTable || inTable
			if !inLink {
				plainText = true
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "select", "option", "button", "textarea", "template":
				return
			case "head":
				head = true
			case "a":
				inLink = true
			case "td", "th":
				inTable = true
				cur.WriteString(" | ")
			}
			if chromeElement(n) {
				chrome = true
			}
		}
		block := n.Type == html.ElementNode && (blockTags[n.Data] || chromeElement(n))
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, chrome, head, inLink, inTable)
		}
		if block {
			flush()
		}
	}
	for _, n := range p.doc.Nodes {
		walk(n, false, false, false, false)
	}
	flush()
	return out
}

var chromeTags = map[string]bool{"nav": true, "header": true, "footer": true, "aside": true, "menu": true}

// chromeHints are class/id/role words of navigation and page frames.
var chromeHints = []string{"header", "footer", "navbar", "navigation", "breadcrumb", "sidebar", "toolbar",
	"topbar", "menu", "copyright", "shortcut", "tabnav"}

// chromeElement: an element of the page frame. Tags first; class/id/role
// words only as an aid (they are not relied on: a message mistaken for
// chrome is still found by the last error-line pass of messageText).
func chromeElement(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if chromeTags[n.Data] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id", "role":
			v := strings.ToLower(a.Val)
			for _, tok := range strings.FieldsFunc(v, func(r rune) bool { return !(r >= 'a' && r <= 'z') }) {
				if tok == "nav" || strings.HasPrefix(tok, "nav") {
					return true
				}
				for _, h := range chromeHints {
					if strings.Contains(tok, h) {
						return true
					}
				}
			}
		}
	}
	return false
}

// textChrome: lines every admin page has whatever happened (EN/DE).
func textChrome(t string) bool {
	l := strings.ToLower(t)
	switch l {
	case "log out", "logout", "abmelden", "home", "startseite", "administration", "admin", "help", "hilfe":
		return true
	}
	if containsAny(l, "logged in as", "angemeldet als", "eingeloggt als", "all rights reserved",
		"alle rechte vorbehalten", "powered by", "©", "(c) 20") {
		return true
	}
	// Breadcrumbs: short segments joined by » or ›.
	if (strings.Contains(t, "»") || strings.Contains(t, "›")) && !errorWords(t) {
		return true
	}
	return false
}

// pageTitle is the <title> without the product suffix ("Backup Management
// » 1CRM" → "Backup Management").
func pageTitle(p *page) string {
	t := clean(p.doc.Find("title").First())
	for _, sep := range []string{" » ", " › ", " | ", " - "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			t = t[:i]
			break
		}
	}
	return strings.TrimSpace(t)
}

// sameAsTitle: the page heading that repeats the title.
func sameAsTitle(line, title string) bool {
	return title != "" && strings.EqualFold(line, title)
}

// hintedBox is the text of the first element whose class, id or role says
// error/alert/message, outside table cells and page chrome, or "".
func hintedBox(p *page) string {
	var found string
	for _, n := range p.doc.Find("body *").Nodes {
		hint := ""
		for _, a := range n.Attr {
			if a.Key == "class" || a.Key == "id" || a.Key == "role" {
				hint += " " + strings.ToLower(a.Val)
			}
		}
		if !containsAny(hint, "error", "alert", "message", "msg", "notice", "warning") || insideChrome(n) {
			continue
		}
		if t := strings.Join(strings.Fields(nodeText(n)), " "); t != "" {
			found = t
			break
		}
	}
	return found
}

func insideChrome(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if chromeElement(p) {
			return true
		}
	}
	return false
}

var digitRun = regexp.MustCompile(`[0-9]+`)

func digitsFolded(s string) string { return digitRun.ReplaceAllString(s, "#") }

// capMessage collapses whitespace and cuts at maxMessageRunes with "…".
func capMessage(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxMessageRunes {
		s = strings.TrimSpace(string(r[:maxMessageRunes-1])) + "…"
	}
	return s
}

// cutBytes trims s to at most n bytes without splitting a UTF-8 rune.
func cutBytes(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && (s[i]&0xC0) == 0x80 {
		i--
	}
	return s[:i]
}

// htmlHeadline names an HTML page in one line: its PHP fatal error, its
// <title>, its first heading, or its first line of page text.
func htmlHeadline(p *page) string {
	lines := contentLines(p)
	if t := fatalLine(lines); t != "" {
		return t
	}
	if t := clean(p.doc.Find("title").First()); t != "" {
		return t
	}
	if h := p.doc.Find("h1,h2,h3").First(); h.Length() > 0 {
		if t := clean(h); t != "" {
			return t
		}
	}
	for _, l := range lines {
		if !l.chrome && !l.head && !textChrome(l.text) {
			return l.text
		}
	}
	if len(lines) > 0 {
		return lines[0].text
	}
	return ""
}
