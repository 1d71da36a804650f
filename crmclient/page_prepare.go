package crmclient

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Prepare result page (spec §5.3, 7.x forms): one row per step with its
// name, status (success | warning | error) and message, all verbatim, and
// a Proceed form (perform=install) when everything passed or was
// confirmed. The only place that knows its shape.

var (
	prepColumnOrder = []string{"step", "status", "message"}
	prepColumnKeys  = map[string][]string{
		"step":    {"step", "schritt", "check", "prüfung"},
		"status":  {"status", "result", "ergebnis"},
		"message": {"message", "meldung", "nachricht", "details", "hinweis", "description", "beschreibung"},
	}
)

func stepStatus(t string) (StepStatus, bool) {
	t = strings.ToLower(strings.TrimSpace(t))
	switch {
	case t == "":
		return "", false
	case containsAny(t, "warn"):
		return StepWarning, true
	case containsAny(t, "error", "fehler", "failed", "fehlgeschlagen"):
		return StepError, true
	case containsAny(t, "success", "erfolg", "ok", "passed", "bestanden"):
		return StepSuccess, true
	}
	return "", false
}

// parsePrepare reads the steps and the Proceed form. Columns are found by
// their header text (English and German). The message column may have no
// header at all (seen on the simulator, possible on real pages): then the
// row's remaining text cells are the message, so that warning texts — the
// R22 extension version warnings among them — are never lost.
func parsePrepare(p *page) (*PrepareResult, *form, error) {
	res := &PrepareResult{}
	var tbl *goquery.Selection
	var cols columns
	var hdr int
	p.doc.Find("table").EachWithBreak(func(_ int, t *goquery.Selection) bool {
		c, h := headerColumns(t, prepColumnKeys, prepColumnOrder, 1)
		if c == nil {
			return true
		}
		if _, ok := c["status"]; !ok {
			return true
		}
		tbl, cols, hdr = t, c, h
		return false
	})
	if tbl != nil {
		directRows(tbl).Each(func(i int, row *goquery.Selection) {
			if i <= hdr {
				return
			}
			st, ok := stepStatus(cellText(row, cols, "status"))
			if !ok {
				return
			}
			rest := unmappedCells(row, cols)
			name := cellText(row, cols, "step")
			if _, mapped := cols["step"]; !mapped && len(rest) > 0 {
				name, rest = clean(rest[0]), rest[1:] // the first free cell names the step
			}
			var msg string
			if i, mapped := cols["message"]; mapped {
				if c := cellAt(row, i); c != nil {
					msg = cellLines(c)
				}
			} else {
				var parts []string
				for _, c := range rest {
					if t := cellLines(c); t != "" {
						parts = append(parts, t)
					}
				}
				msg = strings.Join(parts, "\n")
			}
			res.Steps = append(res.Steps, PrepareStep{Name: name, Status: st, Message: msg})
		})
	}
	var proceed *form
	p.doc.Find("form").EachWithBreak(func(_ int, fs *goquery.Selection) bool {
		f := readForm(p, fs, true)
		if strings.EqualFold(f.get("perform"), "install") || proceedButton(fs) {
			if f.get("perform") == "" {
				f.set("perform", "install")
			}
			proceed = f
			return false
		}
		return true
	})
	if proceed != nil {
		res.CanProceed = true
		res.Source = proceed.get("source")
	}
	if len(res.Steps) == 0 && proceed == nil {
		return res, nil, &PageChangedError{Page: "prepare", Missing: []string{"step results", "Proceed form"}}
	}
	return res, proceed, nil
}

func proceedButton(fs *goquery.Selection) bool {
	found := false
	fs.Find(`input[type="submit"],button`).Each(func(_ int, b *goquery.Selection) {
		if b.AttrOr("name", "") == "perform" && strings.EqualFold(b.AttrOr("value", ""), "install") {
			found = true
		}
		if containsAny(b.AttrOr("value", "")+" "+clean(b), "proceed", "fortfahren", "weiter") {
			found = true
		}
	})
	return found && fs.Find(`input[name="source"]`).Length() > 0
}

// unmappedCells returns the row's cells that no known column claims, in
// order (colspans counted as in cellAt).
func unmappedCells(row *goquery.Selection, cols columns) []*goquery.Selection {
	taken := map[int]bool{}
	for _, i := range cols {
		taken[i] = true
	}
	var out []*goquery.Selection
	idx := 0
	row.ChildrenFiltered("th,td").Each(func(_ int, cell *goquery.Selection) {
		if !taken[idx] {
			out = append(out, cell)
		}
		span := atoiSafe(cell.AttrOr("colspan", "1"))
		if span < 1 {
			span = 1
		}
		idx += span
	})
	return out
}

// lineBreak stands in for <br> and block ends while a cell's text is read
// (a private-use rune, never part of real text).
const lineBreak = "\ue000"

// cellLines is the cell's text with its line structure: one line per <br>
// or paragraph/list item, whitespace inside a line collapsed. Several
// warnings in one cell stay one per line.
func cellLines(cell *goquery.Selection) string {
	c := cell.Clone()
	c.Find("br").ReplaceWithHtml(lineBreak)
	c.Find("p,div,li").AppendHtml(lineBreak)
	var lines []string
	for _, l := range strings.Split(c.Text(), lineBreak) {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}
