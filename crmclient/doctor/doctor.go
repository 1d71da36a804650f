// Package doctor is the read-only `1crm-update doctor --url URL` probe
// (cli.md, interfaces §1.4, §9, §10): it asks an instance what answers —
// reachability and TLS, /api.php/version and the edition, the REST API,
// the admin login, the License, Backup and upgrade manager pages — and
// tells the admin what the wizard can automate there and what stays manual.
//
// It never changes the server: GET requests only, plus the login POST.
// Without a password it probes only the public parts and says so.
package doctor

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/visual4/1crm-update/crmclient"
)

// Options say which instance to probe and how to reach it.
type Options struct {
	URL, User, Password, ClientID, ClientSecret, CAFile string
	Insecure                                            bool
	Lang                                                string // "de" (default) | "en"
	Width                                               int    // output columns for wrapping; 0 means 80
	// Capture, when set, gets the admin pages each probe read ("login",
	// "license", "backup", "uwizard"), already without cookies, tokens and
	// passwords (crmclient.RecordAllPages); `doctor --capture DIR` writes
	// them. doctor itself writes no file.
	Capture func(probe string, pages []*crmclient.CapturedPage)
}

// Check is one printed line of the probe.
type Check struct {
	Name   string // stable id, one of the Check* constants
	Status string // ok | warn | fail | skip
	Detail string // localized sentence(s)
	Manual bool   // this part is left to the admin in the browser / on the server
}

// Status values.
const (
	StatusOK   = "ok"
	StatusWarn = "warn"
	StatusFail = "fail"
	StatusSkip = "skip"
)

// Check names, in print order.
const (
	CheckURL        = "url"
	CheckReach      = "reach"
	CheckTLS        = "tls"
	CheckAPIVersion = "api_version"
	CheckEdition    = "edition"
	CheckAPIPublic  = "api_public"
	CheckAPIAuth    = "api_auth"
	CheckLogin      = "login"
	CheckLicense    = "license"
	CheckSupport    = "support"
	CheckBackup     = "backup"
	CheckUWizard    = "uwizard"
)

// perRequest bounds each probe request; doctor only reads small pages.
const perRequest = 20 * time.Second

// Run probes the instance, printing one line per check to out as soon as
// it is known, then what the wizard automates, what stays manual, and a
// verdict. canRun is true when the admin login worked and nothing found
// blocks the wizard; a probe without a password never proves that (cli.md:
// exit 0 only when the wizard can run against the instance).
func Run(ctx context.Context, opt Options, out io.Writer) (canRun bool, checks []Check) {
	r := &run{opt: opt, t: textsFor(opt.Lang), out: out}
	r.probe(ctx)
	r.summary()
	return r.loggedIn && len(r.blockers) == 0, r.checks
}

// run collects what the probe learnt; each step reads the facts of the
// earlier ones.
type run struct {
	opt    Options
	t      *texts
	out    io.Writer
	checks []Check

	base          string
	client        *crmclient.Client
	loginPage     bool // index.php showed the 1CRM login form
	apiOK         bool // /version answered JSON
	edition       crmclient.Edition
	restAuth      bool // an authenticated REST call worked
	loggedIn      bool
	license       *crmclient.License
	hosted        bool
	backupOK      bool
	dumpOK        bool
	uwizardOK     bool
	uploadOK      bool
	manual        []string // extra "by hand" items found on the way
	pageDiff      bool     // some admin page did not look as expected
	maybeNotAdmin bool     // an admin page was unreadable, perhaps for lack of rights
	blockers      []string // reasons the wizard cannot run
	pages         []pageLine
}

// pageLine says how the wizard will handle one admin page here.
type pageLine struct {
	check string // CheckLogin, CheckLicense, CheckBackup, CheckUWizard
	state string // pageAuto, pageByHand, pageUnchecked, pageFailed
	why   string
}

const (
	pageAuto      = "auto"
	pageByHand    = "hand"
	pageUnchecked = "unchecked"
	pageFailed    = "failed" // tried and refused: why says how (the login)
)

// page records the verdict on an admin page (the last word counts).
func (r *run) page(check, state, why string) {
	for i := range r.pages {
		if r.pages[i].check == check {
			r.pages[i] = pageLine{check, state, why}
			return
		}
	}
	r.pages = append(r.pages, pageLine{check, state, why})
}

// recording gives ctx a recorder for the probe's pages when they are to
// be captured; done hands them over.
func (r *run) recording(ctx context.Context, probe string) (context.Context, func()) {
	if r.opt.Capture == nil {
		return ctx, func() {}
	}
	ctx, rec := crmclient.RecordAllPages(ctx)
	return ctx, func() {
		if pages := rec.Take(); len(pages) > 0 {
			r.opt.Capture(probe, pages)
		}
	}
}

func (r *run) add(c Check) {
	r.checks = append(r.checks, c)
	status := map[string]string{
		StatusOK: r.t.StatusOK, StatusWarn: r.t.StatusWarn,
		StatusFail: r.t.StatusFail, StatusSkip: r.t.StatusSkip,
	}[c.Status]
	detail := c.Detail
	if c.Manual {
		detail += " " + r.t.ByHand
	}
	prefix := fmt.Sprintf("  %-8s %-22s ", status, r.t.Labels[c.Name])
	fmt.Fprintln(r.out, wrapHanging(prefix, detail, r.width()))
}

func (r *run) block(reason string) { r.blockers = append(r.blockers, reason) }

// adminProbe: the admin pages are probed only with a user and a password.
func (r *run) adminProbe() bool { return r.opt.User != "" && r.opt.Password != "" }

func (r *run) probe(ctx context.Context) {
	base, err := crmclient.NormalizeBaseURL(r.opt.URL)
	if err != nil {
		fmt.Fprintln(r.out, r.t.Title(crmclient.HideUserInfo(r.opt.URL))) // never the password of user:pw@
		r.add(Check{Name: CheckURL, Status: StatusFail, Detail: r.t.BadURL(err.Error())})
		r.block(r.t.ReasonUnreachable)
		return
	}
	r.base = base
	fmt.Fprintln(r.out, r.t.Title(base))
	if !r.checkReach(ctx) {
		return
	}
	client, err := crmclient.New(crmclient.Config{
		BaseURL: base, User: r.opt.User, Password: r.opt.Password,
		ClientID: r.opt.ClientID, ClientSecret: r.opt.ClientSecret,
		CAFile: r.opt.CAFile, Insecure: r.opt.Insecure, Timeout: perRequest,
	})
	if err != nil {
		r.add(Check{Name: CheckURL, Status: StatusFail, Detail: r.t.BadURL(err.Error())})
		r.block(r.t.ReasonUnreachable)
		return
	}
	r.client = client
	r.checkAPI(ctx)
	if !r.adminProbe() {
		r.checkAPIAuth(ctx) // an API client's own credentials only: no password
		if r.opt.Capture != nil {
			pctx, done := r.recording(ctx, "login")
			_, _, _ = r.client.ProbeLoginPage(pctx) // read-only: the page only
			done()
		}
		r.add(Check{Name: CheckLogin, Status: StatusSkip, Detail: r.t.NoPassword(r.opt.User), Manual: true})
		if !r.apiOK {
			r.add(Check{Name: CheckEdition, Status: StatusWarn, Detail: r.t.EditionUnknown})
		}
		return
	}
	// The admin login first: a refused password is never sent again, not
	// even by the REST check (issue 10).
	ok := r.checkLogin(ctx)
	r.checkAPIAuth(ctx)
	if !ok {
		return
	}
	r.checkLicense(ctx)
	r.checkBackup(ctx)
	r.checkUWizard(ctx)
	r.concludeAdmin()
}
