package linemode

import (
	"strconv"
	"strings"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/page"
)

// Reading a page's choices. A page that only goes on (no decision among
// its choices) goes on without a question; a single decision is a yes/no
// question ("no" pauses, like q on the full screen); more are numbered
// and taken by number or by the full screen's key.

// offer is how the line mode offers a page's choices.
type offer struct {
	auto  *page.Choice // nothing to decide: taken without a question
	yesNo *page.Choice // a single decision: "…? [j/n]"
	// extras are offered next to a yes/no question by their key: the
	// looks aside and the other way (e.g. "h": in the browser instead).
	extras []page.Choice
	list   bool // numbered, by number or key
}

// offerOf decides how p's choices are offered. Handover choices are left
// out: the mail is printed whole, that is its handover here.
func offerOf(p page.Page) offer {
	var offered, extras []int
	proceed, decisions, disabled, instead := -1, 0, 0, 0
	for i, c := range p.Choices {
		switch {
		case c.Role == page.Handover:
		case c.Disabled != "":
			disabled++ // listed, so the admin hears what else there is
		case c.Role == page.Extra || c.Role == page.Instead:
			offered = append(offered, i)
			extras = append(extras, i)
			if c.Role == page.Instead {
				instead++
			}
		default:
			offered = append(offered, i)
			if c.Role == page.Decide {
				decisions++
			}
			if c.Role == page.Proceed && proceed < 0 {
				proceed = i
			}
		}
	}
	switch {
	case decisions == 0 && proceed >= 0 && instead == 0:
		// Another way to the same end (in the browser instead) makes
		// it a question: going on by itself would never offer it.
		return offer{auto: &p.Choices[proceed]}
	case len(offered) == 1 && disabled == 0 && p.Question == "":
		return offer{yesNo: &p.Choices[offered[0]]}
	case len(offered)-len(extras) == 1 && disabled == 0 && p.Question == "":
		o := offer{}
		for _, i := range offered {
			if r := p.Choices[i].Role; r == page.Extra || r == page.Instead {
				o.extras = append(o.extras, p.Choices[i])
			} else {
				o.yesNo = &p.Choices[i]
			}
		}
		return o
	}
	return offer{list: len(offered) > 0}
}

// next is the action the admin picks on p.
func (r *runner) next(p page.Page, v *page.Visit) (*page.Action, page.Arg, error) {
	if p.Enter != nil {
		return p.Enter, page.Arg{}, nil
	}
	if p.Checklist != nil {
		return r.checklistTurn(v)
	}
	arg := page.Arg{Item: v.Item}
	o := offerOf(p)
	switch {
	case o.auto != nil:
		r.say("-> " + o.auto.Label)
		return o.auto.Do, arg, nil
	case o.yesNo != nil:
		act, err := r.yesNo(*o.yesNo, o.extras)
		return act, arg, err
	case !o.list:
		return &page.Action{Then: page.Then{Follow: page.Advance}}, arg, nil
	}
	c, err := r.choose(p.Choices, p.Question)
	if err != nil {
		return nil, arg, err
	}
	return c.Do, arg, nil
}

// yesNo asks for c until the answer is yes, no (pause) or an extra's
// key; "?" explains the answers, anything else is asked again – a typo
// never pauses the run.
func (r *runner) yesNo(c page.Choice, extras []page.Choice) (*page.Action, error) {
	r.sayExtras(extras)
	for {
		a, err := r.ask(r.yesNoQuestion(c, extras))
		if err != nil {
			return nil, err
		}
		switch x, isExtra := byKey(extras, a); {
		case r.t.IsYes(a) || a == "1" || a == c.Key:
			return c.Do, nil
		case isExtra:
			return x.Do, nil
		case r.t.IsNo(a):
			return nil, errPaused
		case strings.TrimSpace(a) == "?":
			r.say(r.t.LineYesNoHelp(c.Label))
		default:
			r.say(r.t.LineInvalid())
		}
	}
}

// yesNoQuestion asks for c; the keys of the extras listed above it are
// part of the prompt, so "h" is seen to be an answer too.
func (r *runner) yesNoQuestion(c page.Choice, extras []page.Choice) string {
	var keys []string
	for _, x := range extras {
		if k := shownKey(x.Key); k != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return c.Label + "? " + r.t.LineYesNo()
	}
	return c.Label + "? " + r.t.LineYesNoOr(keys)
}

// sayExtras lists the looks aside a yes/no question also takes, by key,
// unnumbered (a number answers the question itself).
func (r *runner) sayExtras(cs []page.Choice) {
	for _, c := range cs {
		if k := shownKey(c.Key); k != "" {
			r.say("     [" + k + "] " + c.Label)
		}
	}
}

// choose lists the choices numbered and returns the one picked by its
// number or key. A choice that cannot be picked now is listed without a
// number, saying so; its key says why.
func (r *runner) choose(cs []page.Choice, question string) (page.Choice, error) {
	numbered := r.list(cs, question)
	for {
		a, err := r.ask(r.t.LineChoose())
		if err != nil {
			return page.Choice{}, err
		}
		if n, err := strconv.Atoi(a); err == nil && n >= 1 && n <= len(numbered) {
			return numbered[n-1], nil
		}
		if c, ok := byKey(cs, a); ok {
			if c.Disabled == "" {
				return c, nil
			}
			r.say(c.Disabled)
			continue
		}
		if strings.TrimSpace(a) == "?" {
			numbered = r.list(cs, question)
			continue
		}
		r.say(r.t.LineChooseInvalid(len(numbered)))
	}
}

// list prints the choices and returns the numbered ones in order.
func (r *runner) list(cs []page.Choice, question string) []page.Choice {
	if question != "" {
		r.say(question)
	}
	var numbered []page.Choice
	for _, c := range cs {
		if c.Role == page.Handover {
			continue
		}
		label := c.Label
		if k := shownKey(c.Key); k != "" {
			label = "[" + k + "] " + label
		}
		if c.Recommended {
			label += " " + r.t.Recommended()
		}
		if c.Disabled != "" {
			r.say("     " + label + " " + r.t.Unavailable())
			continue
		}
		numbered = append(numbered, c)
		r.sayf("  %d) %s", len(numbered), label)
	}
	return numbered
}

// shownKey is a key worth printing: a number is the position here, and
// Esc cannot be typed on a line.
func shownKey(k string) string {
	if k == "" || k == "esc" {
		return ""
	}
	if _, err := strconv.Atoi(k); err == nil {
		return ""
	}
	return k
}

// byKey finds the choice whose key was typed (exact, else ignoring case).
func byKey(cs []page.Choice, a string) (page.Choice, bool) {
	if shownKey(a) == "" {
		return page.Choice{}, false
	}
	for _, c := range cs {
		if c.Key == a && c.Role != page.Handover {
			return c, true
		}
	}
	for _, c := range cs {
		if strings.EqualFold(c.Key, a) && c.Role != page.Handover {
			return c, true
		}
	}
	return page.Choice{}, false
}

// checklistTurn: the checklist item by item (W7) — the first open item is
// read out and answered with the full screen's keys (1/2/3, + for an own
// item); once every item has an answer, it is finished (R23).
func (r *runner) checklistTurn(v *page.Visit) (*page.Action, page.Arg, error) {
	help := r.t.LineChecklistHelp(r.st.AnswerName(steps.AnswerPassed), r.st.AnswerName(steps.AnswerProblem), r.st.AnswerName(steps.AnswerNA))
	r.once(help)
	r.once(r.t.LineChecklistPause())
	p := page.Build(r.e.Snapshot(), r.ui, v)
	c := p.Checklist
	var open *page.Item
	for i := range c.Items {
		if c.Items[i].Open {
			open = &c.Items[i]
			break
		}
	}
	if open == nil {
		for _, ch := range p.Choices {
			if ch.ID == "finish" {
				r.say("-> " + ch.Label)
				return ch.Do, page.Arg{}, nil
			}
		}
		return &page.Action{Then: page.Then{Follow: page.Advance}}, page.Arg{}, nil
	}
	if v.Item != open.ID {
		v.Item = open.ID // the note question names this item
		p = page.Build(r.e.Snapshot(), r.ui, v)
	}
	r.say("")
	r.sayf("(%d/%d) %s", len(c.Items)-c.Open+1, len(c.Items), open.Title)
	if open.Detail != "" {
		r.say("    " + open.Detail)
	}
	for {
		a, err := r.ask(r.t.LineChoose())
		if err != nil {
			return nil, page.Arg{}, err
		}
		if ch, ok := byKeyOrDigit(p.Choices, a); ok {
			if ch.Disabled != "" {
				r.say(ch.Disabled)
				continue
			}
			return ch.Do, page.Arg{Item: open.ID}, nil
		}
		// The full screen's keys beside the page's choices: q pauses
		// (the answers so far are journaled), ? lists every key.
		switch strings.ToLower(a) {
		case "q":
			return nil, page.Arg{}, errPaused
		case "?":
			r.checklistKeys(p.Choices, help)
			continue
		}
		r.say(r.t.LineInvalid())
		r.say(help)
	}
}

// checklistKeys answers "?" on the checklist: the answers, then every
// other key the checklist takes, as the full screen's help lists them.
func (r *runner) checklistKeys(cs []page.Choice, help string) {
	r.say(help)
	for _, c := range cs {
		k := shownKey(c.Key)
		if k == "" || k == "+" || c.Role == page.Handover {
			continue // the answers and + are in the help line
		}
		label := "     [" + k + "] " + c.Label
		if c.Disabled != "" {
			label += " " + r.t.Unavailable()
		}
		r.say(label)
	}
	r.say(r.t.LineChecklistPause())
}

// byKeyOrDigit: the checklist's keys are digits (1/2/3) and signs.
func byKeyOrDigit(cs []page.Choice, a string) (page.Choice, bool) {
	for _, c := range cs {
		if a != "" && (c.Key == a || strings.EqualFold(c.Key, a)) {
			return c, true
		}
	}
	return page.Choice{}, false
}
