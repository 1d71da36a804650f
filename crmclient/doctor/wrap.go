package doctor

import (
	"strings"
	"unicode/utf8"
)

// defaultWidth is the narrowest terminal the tool supports (an SSH session
// at 80×24); doctor's lines must stay readable there.
const defaultWidth = 80

// wrapHanging word-wraps text to width columns: the first line continues
// after prefix, the following lines are indented to prefix's width. A word
// longer than a line (a URL) stays whole rather than being cut.
func wrapHanging(prefix, text string, width int) string {
	indent := utf8.RuneCountInString(prefix)
	if width-indent < 30 { // too narrow beside the label: break below it
		indent = 4
	}
	var b strings.Builder
	b.WriteString(prefix)
	col := utf8.RuneCountInString(prefix)
	first := true
	for _, w := range strings.Fields(text) {
		n := utf8.RuneCountInString(w)
		switch {
		case first && col+n <= width:
		case !first && col+1+n <= width:
			b.WriteByte(' ')
			col++
		default:
			b.WriteString("\n" + strings.Repeat(" ", indent))
			col = indent
		}
		b.WriteString(w)
		col += n
		first = false
	}
	return b.String()
}
