package steps

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/version"
	"github.com/visual4/1crm-update/steps/text"
)

// Check is one smoke check (W6, spec §9).
type Check struct {
	Name   string // "reachable", "version", "products", "login", "installed", "in_progress", "me", "record", "record_count", "pdf", "api"
	Level  Level  // ok, warn (could not check), block (failed)
	Title  string
	Detail string
}

// SmokeResult is the W6 result after an install.
type SmokeResult struct {
	Stage  Stage
	At     time.Time
	Checks []Check
	OK     bool // no LevelBlock check
}

// Smoke runs the automatic checks after an install (W6, spec §9).
func (w *Wizard) Smoke(ctx context.Context) (*SmokeResult, error) { return w.smoke(ctx) }

// smoke runs the W6 checks of spec §9 after an install, cheapest first.
// It may be repeated; the latest result counts.
func (w *Wizard) smoke(ctx context.Context) (*SmokeResult, error) {
	if err := w.enter(StepSmoke, StepChecklist); err != nil {
		return nil, err
	}
	defer w.release()
	w.mu.Lock()
	stage := w.st.currentStage()
	c := w.crm(stage)
	pc := *w.st.Package
	ss := w.st.stage(stage)
	productsBefore := append([]string(nil), ss.Products...)
	hasAPI := w.st.Preflight != nil && w.st.Preflight.HasAPI
	access := ss.APIAccess
	skipWhy := w.skipWhyLocked(stage, c.HasAPICredentials())
	meBefore := ss.MeID
	var countBefore *int
	if ss.AccountsBefore != nil {
		n := *ss.AccountsBefore
		countBefore = &n
	}
	rec := w.beginRecord(StepSmoke, stage, "smoke")
	w.mu.Unlock()

	res := &SmokeResult{Stage: stage, At: w.now()}
	add := func(name string, lvl Level, title, detail string) {
		res.Checks = append(res.Checks, Check{Name: name, Level: lvl, Title: title, Detail: detail})
	}

	// 1. reachable, version (core), products unchanged.
	vi, err := c.Version(ctx)
	switch {
	case err == nil:
		add("reachable", LevelOK, w.tx.CheckReachable(true, ""), "")
		if pc.Core {
			ok := version.SameRelease(vi.Version, pc.Version)
			add("version", levelOf(ok), w.tx.CheckVersion(pc.Version, vi.Version, ok), "")
		}
		if len(productsBefore) > 0 {
			ok := sameSet(productsBefore, vi.Products)
			add("products", warnUnless(ok), w.tx.CheckProducts(ok), "")
		}
	case errors.Is(err, crmclient.ErrAPINotAvailable):
		add("reachable", LevelOK, w.tx.CheckReachable(true, ""), "")
	default:
		add("reachable", LevelBlock, w.tx.CheckReachable(false, sayErr(w.tx, c, err)), "")
	}

	// 7. admin login with a fresh session (the working session proves
	// nothing about the login form after the update); 7./8. listed as
	// installed and nothing stuck, read with the working session either way.
	if err := c.CheckLogin(ctx); adminLoginClosed(err) {
		// A captcha (or a login page the client does not know) closes the
		// login to the wizard, not to people: not checkable here.
		add("login", LevelWarn, w.tx.CheckLogin(false, sayErr(w.tx, c, err)), "")
	} else if err != nil {
		add("login", LevelBlock, w.tx.CheckLogin(false, sayErr(w.tx, c, err)), "")
	} else {
		add("login", LevelOK, w.tx.CheckLogin(true, ""), "")
	}
	if list, err := c.Packages(ctx); err != nil {
		add("installed", LevelWarn, w.tx.CheckInstalled(packageLabel(&pc), false), sayErr(w.tx, c, err))
	} else {
		ok := findInstalled(list, &pc)
		add("installed", levelOf(ok), w.tx.CheckInstalled(packageLabel(&pc), ok), "")
		add("in_progress", levelOf(!list.InProgress), w.tx.CheckInProgress(list.InProgress), "")
	}

	crashPoint("smoke:" + string(stage))
	// 3., 5., 6. with REST API access: /me, one record, one PDF.
	if hasAPI && c.HasAPICredentials() && !access.ruledOut() {
		access = w.smokeREST(ctx, c, access, meBefore, countBefore, add)
	} else {
		add("api", LevelInfo, w.tx.CheckSkippedNoAPI(skipWhy), "")
	}

	if err := ctx.Err(); err != nil {
		// Ctrl-C during the checks: what failed failed because of the
		// cancel, not the update. Nothing is recorded as a result; the
		// step stays due and runs again on resume (W8).
		w.mu.Lock()
		w.endRecord(rec, "", err)
		_ = w.saveLocked()
		w.mu.Unlock()
		return nil, err
	}
	res.OK = true
	for _, ch := range res.Checks {
		if ch.Level == LevelBlock {
			res.OK = false
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	ss.Smoke = res
	ss.APIAccess = access
	if vi != nil && ss.VersionAfter == "" {
		ss.VersionAfter = vi.Version
	}
	w.endRecord(rec, smokeFacts(res), nil)
	_ = w.j.Event("smoke", journalData("stage", string(stage), "ok", boolStr(res.OK)))
	if err := w.saveLocked(); err != nil {
		return nil, err
	}
	cp := *res
	return &cp, nil
}

// smokeREST runs the REST checks (/me, one record, one PDF) and returns
// what they found about the API access. A call refused for lack of usable
// credentials, on an instance whose access was never seen working, says
// nothing about the update: it is the same "no REST checks" an
// uninterrupted run reaches (W6, W8), not a failed check. Credentials that
// worked before the update and fail after it are a failed check.
func (w *Wizard) smokeREST(ctx context.Context, c CRM, access apiAccess, meBefore string, countBefore *int, add func(string, Level, string, string)) apiAccess {
	me, err := c.Me(ctx)
	if a, ok := accessOf(err); ok && a.ruledOut() && access != apiUsable {
		add("api", LevelInfo, w.tx.CheckSkippedNoAPI(string(a)), "")
		return a
	}
	switch {
	case err != nil:
		add("me", LevelBlock, w.tx.CheckMe(false, sayErr(w.tx, c, err)), "")
	case meBefore != "" && me.ID != meBefore:
		add("me", LevelBlock, w.tx.CheckMe(false, me.ID+" ≠ "+meBefore), "")
	default:
		add("me", LevelOK, w.tx.CheckMe(true, me.ID), "")
		access = apiUsable
	}
	if lr, err := c.List(ctx, "Account", crmclient.ListOptions{Limit: 1}); err != nil {
		add("record", LevelBlock, w.tx.CheckRecord(false, sayErr(w.tx, c, err)), "")
	} else {
		add("record", LevelOK, w.tx.CheckRecord(true, fmt.Sprintf("Account, %d", lr.TotalResults)), "")
		// spec §9 #5: the count before and after; a heuristic, since
		// users may work during the update, so a difference warns.
		if countBefore != nil {
			add("record_count", warnUnless(*countBefore == lr.TotalResults), w.tx.CheckRecordCount(*countBefore, lr.TotalResults), "")
		} else {
			add("record_count", LevelInfo, w.tx.CheckRecordCountUnknown(), "")
		}
	}
	w.smokePDF(ctx, c, add)
	return access
}

// smokePDF renders one quote as PDF: custom PDF templates break first (R11).
func (w *Wizard) smokePDF(ctx context.Context, c CRM, add func(string, Level, string, string)) {
	lr, err := c.List(ctx, "Quote", crmclient.ListOptions{Limit: 1, Fields: []string{"id", "name"}})
	if err != nil {
		add("pdf", LevelBlock, w.tx.CheckPDF(false, sayErr(w.tx, c, err)), "")
		return
	}
	if len(lr.Records) == 0 {
		add("pdf", LevelWarn, w.tx.CheckPDF(false, "no Quote"), "")
		return
	}
	id, _ := lr.Records[0]["id"].(string)
	body, err := c.PDF(ctx, "Quote", id)
	if err != nil {
		add("pdf", LevelBlock, w.tx.CheckPDF(false, sayErr(w.tx, c, err)), "")
		return
	}
	if len(body) < 5 || string(body[:5]) != "%PDF-" {
		add("pdf", LevelBlock, w.tx.CheckPDF(false, w.tx.ErrKind(text.ErrCodeNotPDF, "")), "")
		return
	}
	add("pdf", LevelOK, w.tx.CheckPDF(true, fmt.Sprintf("Quote, %d B", len(body))), "")
}

func levelOf(ok bool) Level {
	if ok {
		return LevelOK
	}
	return LevelBlock
}

func warnUnless(ok bool) Level {
	if ok {
		return LevelOK
	}
	return LevelWarn
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

// smokeFacts counts the checks by level for the step record.
func smokeFacts(res *SmokeResult) string {
	n := map[Level]int{}
	for _, c := range res.Checks {
		n[c.Level]++
	}
	return facts("ok", fmt.Sprint(n[LevelOK]), "warn", fmt.Sprint(n[LevelWarn]), "failed", fmt.Sprint(n[LevelBlock]))
}
