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

// parsePrepare reads the steps and the Proceed form.
func parsePrepare(p *page) (*PrepareResult, *form, error) {
	res := &PrepareResult{}
	var tbl *goquery.Selection
	var cols columns
	var hdr int
	p.doc.Find("table").EachWithBreak(func(_ int, t *goquery.Selection) bool {
		c, h := headerColumns(t, prepColumnKeys, prepColumnOrder, 2)
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
			res.Steps = append(res.Steps, PrepareStep{
				Name: cellText(row, cols, "step"), Status: st, Message: cellText(row, cols, "message"),
			})
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
