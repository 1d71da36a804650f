package crmclient

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Prepare result page (spec §5.3 as corrected; facts: 7.x
// UWizard::prepareInstall/renderPrepareSteps, templates/prepareResult.tpl):
// the only place that knows its shape.
//
//   - One block per step that ran: <h4>{LED} Step N: {label}</h4>, where
//     the LED is a div of class icon-ledgreen|icon-ledyellow|icon-ledred,
//     then paragraphs (the step's message, or "Step completed
//     successfully." / "This step completed with warnings." / "This step
//     cannot be completed…"), error divs, and optionally a header-less
//     messages table (name, message) — checkSystem lists PHP version and
//     extensions there. The server stops at the first step that is not a
//     success.
//   - The last block, if a warning, holds a form with perform=
//     prepare_install (NOT install) and a "Proceed" button whose onclick
//     appends the step's internal name to confirm — the only place that
//     name appears. It is never the install form.
//   - Only when every step passed, the page carries the finished form:
//     perform=install plus hidden source (at the top and the bottom).

var (
	// stepHeading: "Step 3: Check File Permissions" (LBL_STEP is "Step";
	// another word is accepted, the number and colon are not optional).
	stepHeading = regexp.MustCompile(`^\s*(\p{L}+)\s+(\d+)\s*:\s*(.+?)\s*$`)
	// confirmAppend: the warning form's Proceed onclick,
	// this.form.confirm.value += ',checkSystem';
	confirmAppend = regexp.MustCompile(`confirm\.value\s*\+=\s*['"]\s*,?\s*([A-Za-z0-9_]+)\s*['"]`)
)

// The step sentences of 7.x (UWizard language file, untranslated in the
// German pack): the cross-check of the LED.
const (
	sentenceCompleted = "step completed successfully."
	sentenceWarnings  = "this step completed with warnings."
	sentenceFailed    = "this step cannot be completed. please fix the errors below, and retry."
)

// stepNames maps the English step labels (LBL_STEP_<NAME> of the 7.x
// language file) to the internal names, for the steps whose page does
// not name them (success and error steps).
var stepNames = map[string]string{
	"unzip the package":          "unzipPackage",
	"pre-copy upgrade files":     "precopy",
	"check system configuration": "checkSystem",
	"check file permissions":     "checkPermissions",
}

// ledStatus maps the LED class of a step heading to its status.
func ledStatus(sel *goquery.Selection) (StepStatus, bool) {
	var st StepStatus
	found := false
	sel.Find("div,span,img,i").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		m := ledClass.FindStringSubmatch(s.AttrOr("class", ""))
		if m == nil {
			return true
		}
		found = true
		switch m[1] {
		case "green":
			st = StepSuccess
		case "yellow":
			st = StepWarning
		case "red":
			st = StepError
		}
		return false
	})
	return st, found && st != ""
}

// errPrepareUnrecognised: the page has no step blocks at all.
var errPrepareUnrecognised = &PageChangedError{Page: "prepare", Missing: []string{"step blocks (Step N: … with a status LED)"}}

// parsePrepare reads the step blocks and the finished form. Fail closed:
// a step whose LED is missing or unknown, an LED contradicted by the
// step's sentence, or a warning step whose internal name cannot be read
// → *PageChangedError. The finished form counts only when every step was
// recognised as success (CanProceed).
func parsePrepare(p *page) (*PrepareResult, *form, error) {
	res := &PrepareResult{}
	heads := p.doc.Find("h4").FilterFunction(func(_ int, h *goquery.Selection) bool {
		return stepHeading.MatchString(clean(h)) && h.Find("div,span,img,i").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return ledClass.MatchString(s.AttrOr("class", ""))
		}).Length() > 0
	})
	if heads.Length() == 0 {
		return nil, nil, errPrepareUnrecognised
	}
	var perr error
	heads.EachWithBreak(func(_ int, h *goquery.Selection) bool {
		st, err := readStep(h)
		if err != nil {
			perr = err
			return false
		}
		res.Steps = append(res.Steps, st)
		return true
	})
	if perr != nil {
		return res, nil, perr
	}
	finished := finishedForm(p)
	allOK := true
	for _, s := range res.Steps {
		allOK = allOK && s.Status == StepSuccess
	}
	if finished == nil || !allOK {
		return res, nil, nil
	}
	res.CanProceed = true
	res.Source = finished.get("source")
	return res, finished, nil
}

// readStep reads one step block from its heading.
func readStep(h *goquery.Selection) (PrepareStep, error) {
	m := stepHeading.FindStringSubmatch(clean(h))
	st := PrepareStep{Label: m[3]}
	st.Number, _ = strconv.Atoi(m[2])
	status, ok := ledStatus(h)
	if !ok {
		return st, &PageChangedError{Page: "prepare", Missing: []string{"status LED of step " + m[2] + " (" + m[3] + ")"}}
	}
	st.Status = status
	block := h.Parent()
	lines := blockLines(block, h.Get(0))
	passed := passedRows(block)
	var kept []string
	for _, l := range lines {
		switch strings.ToLower(l) {
		case sentenceCompleted:
			if status != StepSuccess {
				return st, inconsistent(st)
			}
			continue
		case sentenceWarnings:
			if status != StepWarning {
				return st, inconsistent(st)
			}
			continue
		case sentenceFailed:
			if status != StepError {
				return st, inconsistent(st)
			}
			continue
		}
		kept = append(kept, l)
		if passed[l] {
			st.Passed++
		} else if status != StepSuccess {
			st.Findings = append(st.Findings, l)
		}
	}
	st.Message = strings.Join(kept, "\n")
	st.Name = stepNames[strings.ToLower(st.Label)]
	if status == StepWarning {
		name := warningStepName(block)
		if name == "" {
			return st, &PageChangedError{Page: "prepare", Missing: []string{"internal name of the warning step " + m[2] + " (" + m[3] + ")"}}
		}
		st.Name = name
	}
	return st, nil
}

func inconsistent(st PrepareStep) error {
	return &PageChangedError{Page: "prepare", Missing: []string{"a status of step " + strconv.Itoa(st.Number) + " (" + st.Label + ") that its LED and its sentence agree on"}}
}

// warningStepName reads the internal step name from the warning form of
// the block: the button whose onclick appends it to confirm. The form
// must post perform=prepare_install (not install).
func warningStepName(block *goquery.Selection) string {
	name := ""
	block.Find("form").EachWithBreak(func(_ int, fs *goquery.Selection) bool {
		if v, _ := fs.Find(`input[name="perform"]`).Attr("value"); v != "prepare_install" {
			return true
		}
		fs.Find("button,input").EachWithBreak(func(_ int, b *goquery.Selection) bool {
			if m := confirmAppend.FindStringSubmatch(b.AttrOr("onclick", "")); m != nil {
				name = m[1]
				return false
			}
			return true
		})
		return name == ""
	})
	return name
}

// finishedForm is the first form posting perform=install (exactly) with
// a non-empty source; nil when there is none. No other form is ever
// taken for it, whatever its buttons say.
func finishedForm(p *page) *form {
	var out *form
	p.doc.Find("form").EachWithBreak(func(_ int, fs *goquery.Selection) bool {
		f := readForm(p, fs, false)
		if f.get("perform") == "install" && f.get("source") != "" && len(f.values()["perform"]) == 1 {
			out = f
			return false
		}
		return true
	})
	return out
}

// passedColors are the colours 7.x gives a checks-table row by level
// (UWizard::$colors: info and success #0c0, warning #009, error #c00) to
// a checks-table row it counts as passed.
var passedColors = map[string]bool{"#0c0": true, "#00cc00": true}

// passedRows are the lines (as blockLines writes them) of the block's
// checks-table rows whose message 1CRM colours as passed.
func passedRows(block *goquery.Selection) map[string]bool {
	out := map[string]bool{}
	block.Find("tr").Each(func(_ int, tr *goquery.Selection) {
		style := strings.ToLower(strings.ReplaceAll(tr.Find("span[style]").First().AttrOr("style", ""), " ", ""))
		_, color, ok := strings.Cut(style, "color:")
		if !ok {
			return
		}
		color, _, _ = strings.Cut(color, ";")
		if !passedColors[color] {
			return
		}
		var cells []string
		tr.ChildrenFiltered("td,th").Each(func(_ int, c *goquery.Selection) {
			if t := strings.Join(strings.Fields(c.Text()), " "); t != "" {
				cells = append(cells, t)
			}
		})
		out[strings.Join(cells, ": ")] = true
	})
	return out
}

// blockLines is the block's text as lines: one per paragraph, div and
// list item, one per row of a messages table ("name: message", both cells
// verbatim), leaving out the heading, forms, buttons and scripts.
func blockLines(block *goquery.Selection, heading *html.Node) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			lines = append(lines, t)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n == heading {
			return
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "form", "button", "script", "style", "select", "textarea", "input":
				return
			case "tr":
				flush()
				var cells []string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
						if t := strings.Join(strings.Fields(nodeText(c)), " "); t != "" {
							cells = append(cells, t)
						}
					}
				}
				if len(cells) > 0 {
					lines = append(lines, strings.Join(cells, ": "))
				}
				return
			case "br":
				flush()
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	for _, n := range block.Nodes {
		walk(n)
	}
	flush()
	return lines
}
