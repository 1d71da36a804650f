package doctor

import "fmt"

// summary prints what the wizard automates on this instance, what the
// admin does by hand, and the verdict.
func (r *run) summary() {
	t := r.t
	if r.client != nil && !r.loggedIn {
		r.summaryUnknown()
		return
	}
	var auto, manual []string
	if r.apiOK || r.loggedIn {
		auto = append(auto, t.AutoVersion)
	}
	if r.license != nil {
		auto = append(auto, t.AutoLicense)
	}
	if r.backupOK && r.dumpOK {
		auto = append(auto, t.AutoBackup)
	}
	if r.uploadOK {
		auto = append(auto, t.AutoUpload, t.AutoInstall)
	}
	switch {
	case r.restAuth:
		auto = append(auto, t.AutoRESTCheck)
	case r.loggedIn:
		auto = append(auto, t.AutoPageCheck)
	}

	manual = append(manual, r.manual...)
	if r.client != nil && !r.restAuth {
		manual = append(manual, t.ManualRESTCheck)
	}
	if r.pageDiff {
		manual = append(manual, t.ManualPages)
	}
	manual = append(manual, t.ManualTests, t.ManualRestore)

	fmt.Fprintln(r.out)
	r.pageLines()
	if len(auto) > 0 {
		fmt.Fprintln(r.out, t.AutoHeading)
		for _, s := range auto {
			fmt.Fprintln(r.out, r.item(s))
		}
	}
	fmt.Fprintln(r.out, t.ManualHead)
	for _, s := range manual {
		fmt.Fprintln(r.out, r.item(s))
	}
	fmt.Fprintln(r.out)
	verdict := t.VerdictOK
	switch {
	case len(r.blockers) > 0:
		verdict = t.VerdictNo(r.blockers)
	case r.byHand():
		verdict = t.VerdictOKByHand
	}
	fmt.Fprintln(r.out, wrapHanging("", verdict, r.width()))
}

// summaryUnknown ends a probe that reached 1CRM but has no admin session
// (no password, or the login failed): which parts the wizard automates and
// which stay manual depends on the admin pages and the REST login, none of
// which was read, so doctor says it does not know yet instead of guessing.
func (r *run) summaryUnknown() {
	t := r.t
	fmt.Fprintln(r.out)
	r.pageLines()
	fmt.Fprintln(r.out, wrapHanging("", t.UnknownUntilLogin, r.width()))
	if !r.adminProbe() {
		fmt.Fprintln(r.out, wrapHanging("", t.ManualLogin, r.width()))
	}
	fmt.Fprintln(r.out)
	verdict := t.VerdictPartial
	if len(r.blockers) > 0 {
		verdict = t.VerdictNo(r.blockers)
	}
	fmt.Fprintln(r.out, wrapHanging("", verdict, r.width()))
}

// pageLines prints how the wizard handles each admin page probed.
func (r *run) pageLines() {
	if len(r.pages) == 0 {
		return
	}
	t := r.t
	fmt.Fprintln(r.out, t.PagesHeading)
	for _, p := range r.pages {
		var verdict string
		switch p.state {
		case pageAuto:
			verdict = t.PageAuto
		case pageByHand:
			verdict = t.PageByHand(p.why)
		case pageFailed:
			verdict = p.why // it was tried: "not checked" would be untrue
		default:
			verdict = t.PageUnchecked(p.why)
		}
		fmt.Fprintln(r.out, wrapHanging(fmt.Sprintf("  %-22s ", t.Labels[p.check]), verdict, r.width()))
	}
	fmt.Fprintln(r.out)
}

// item is one "  - " line of the summary lists, wrapped to the width.
func (r *run) item(s string) string { return wrapHanging("  - ", s, r.width()) }

// width is the output width: Options.Width, or 80 columns.
func (r *run) width() int {
	if r.opt.Width > 0 {
		return r.opt.Width
	}
	return defaultWidth
}

// byHand: some admin page goes to the browser on this instance.
func (r *run) byHand() bool {
	for _, p := range r.pages {
		if p.state == pageByHand {
			return true
		}
	}
	return false
}
