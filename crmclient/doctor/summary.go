package doctor

import "fmt"

// summary prints what the wizard automates on this instance, what the
// admin does by hand, and the verdict.
func (r *run) summary() {
	t := r.t
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

	if !r.adminProbe() && r.client != nil {
		manual = append(manual, t.ManualLogin)
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
	if len(auto) > 0 {
		fmt.Fprintln(r.out, t.AutoHeading)
		for _, s := range auto {
			fmt.Fprintln(r.out, "  - "+s)
		}
	}
	fmt.Fprintln(r.out, t.ManualHead)
	for _, s := range manual {
		fmt.Fprintln(r.out, "  - "+s)
	}
	fmt.Fprintln(r.out)
	switch {
	case len(r.blockers) > 0:
		fmt.Fprintln(r.out, t.VerdictNo(r.blockers))
	case !r.adminProbe():
		fmt.Fprintln(r.out, t.VerdictPartial)
	default:
		fmt.Fprintln(r.out, t.VerdictOK)
	}
}
