package steps

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
)

// Parity is the W5 comparison of the test system with live.
type Parity struct {
	LiveVersion   string
	TestVersion   string
	VersionsMatch bool
	MissingOnTest []string // extensions live has, test does not ("name version")
	ExtraOnTest   []string // extensions test has, live does not
	OK            bool
	// Twin: live and test report the same version, products and License
	// data (licensee, user limit, support end, history) — possibly one
	// system under two addresses (R7). Next() stays parity until the admin
	// answers ConfirmDistinctSystems.
	Twin bool
	// DistinctConfirmed: the admin already answered the twin question.
	DistinctConfirmed bool
	Verdicts          []Verdict
}

// ChoosePath records path A or B with the facts that led to it (R7).
// Path A needs a test system attached.
func (w *Wizard) ChoosePath(p Path) error { return w.choosePath(p) }

// RecommendedPath is A when a test system is configured, else B (R7).
func (w *Wizard) RecommendedPath() Path { return w.recommendedPath() }

// RefreshMail is the request to the partner to refresh the test system (R8).
func (w *Wizard) RefreshMail() Mail { return w.refreshMail() }

// ConfirmRefreshed records that the partner refreshed the test system (R8).
func (w *Wizard) ConfirmRefreshed() error { return w.confirmRefreshed() }

// ParityCheck compares the test system with live (W5). With differences the
// step stays due: RedoRefresh (ask again) or AcceptParity (recorded).
func (w *Wizard) ParityCheck(ctx context.Context) (*Parity, error) { return w.parityCheck(ctx) }

// AcceptParity goes on despite parity differences; the reason is recorded.
func (w *Wizard) AcceptParity(reason string) error { return w.acceptParity(reason) }

// RedoRefresh goes back to the refresh request (W5 found differences).
func (w *Wizard) RedoRefresh() error { return w.redoRefresh() }

// crashHook lets crash tests stop the process at a precise instant (right
// after a Begin is durable, or right after the server answered); nil in
// production.
var crashHook func(point string)

func crashPoint(p string) {
	if crashHook != nil {
		crashHook(p)
	}
}

func (w *Wizard) recommendedPath() Path {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.test != nil || w.cfg.TestURL != "" {
		return PathA // R7
	}
	return PathB
}

// choosePath records the path with the facts behind it (R7).
func (w *Wizard) choosePath(p Path) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepPath); err != nil {
		return err
	}
	switch p {
	case PathA:
		if w.test == nil {
			return w.refuse("R7", StepPath, w.tx.NoTestSystem())
		}
	case PathB:
	default:
		return w.refuse("R7", StepPath, w.tx.PathName(""))
	}
	w.st.Path = p
	rec := "A"
	if w.test == nil {
		rec = "B"
	}
	w.record(StepPath, "", "path", facts("path", string(p)))
	_ = w.j.Event("path", journalData("path", string(p), "recommended", rec,
		"test_system", boolStr(w.test != nil), "edition", string(w.st.Preflight.Edition)))
	return w.saveLocked()
}

// refreshMail is the R8 request to the partner.
func (w *Wizard) refreshMail() Mail {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.st == nil {
		return Mail{}
	}
	target := ""
	if w.st.Package != nil {
		target = w.st.Package.Name + " " + w.st.Package.Version
	}
	testURL := w.st.TestURL
	if testURL == "" && w.test != nil {
		testURL = safeURL(w.test.BaseURL())
	}
	body := w.tx.RefreshBody(w.st.LiveURL, testURL, orDash(w.st.Live.VersionBefore), orDash(w.st.Test.VersionBefore), orDash(target), w.st.User)
	return newMail(w.cfg.SupportEmail, w.tx.RefreshSubject(w.st.LiveURL), body)
}

func (w *Wizard) confirmRefreshed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepRefreshRequest); err != nil {
		return err
	}
	w.st.RefreshConfirmed = true
	w.st.Parity = nil
	w.record(StepRefreshRequest, StageTest, "refresh_confirmed", "")
	_ = w.j.Answer("refresh_confirmed", journalData("to", w.cfg.SupportEmail))
	return w.saveLocked()
}

// parityCheck is W5: the test system must mirror live before its tests count.
func (w *Wizard) parityCheck(ctx context.Context) (*Parity, error) {
	if err := w.enter(StepParity); err != nil {
		return nil, err
	}
	defer w.release()
	w.mu.Lock()
	live, test := w.live, w.test
	rec := w.beginRecord(StepParity, StageTest, "parity")
	w.mu.Unlock()

	lv, lext, err := instanceFacts(ctx, live)
	if err == nil {
		var tv string
		var text []string
		tv, text, err = instanceFacts(ctx, test)
		if err == nil {
			p := w.compare(lv, tv, lext, text)
			w.twinCheck(ctx, live, test, p)
			w.mu.Lock()
			defer w.mu.Unlock()
			w.st.Parity = p
			w.st.Test.VersionBefore = tv
			w.endRecord(rec, facts("note", strings.Join(verdictDetails(p.Verdicts), " ")), nil)
			_ = w.j.Event("parity", journalData("live_version", lv, "test_version", tv, "ok", boolStr(p.OK)))
			if err := w.saveLocked(); err != nil {
				return nil, err
			}
			cp := *p
			return &cp, nil
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.endRecord(rec, "", err)
	_ = w.saveLocked()
	return nil, w.actionError(StepParity, StageTest, "", err)
}

// instanceFacts returns the version and the installed extensions ("name version").
func instanceFacts(ctx context.Context, c CRM) (string, []string, error) {
	v := ""
	vi, err := c.Version(ctx)
	if err == nil {
		v = vi.Version
	} else if !errors.Is(err, crmclient.ErrAPINotAvailable) {
		return "", nil, err
	}
	list, err := c.Packages(ctx)
	if err != nil {
		return "", nil, err
	}
	var ext []string
	for _, p := range list.Installed {
		if isCoreRow(p) {
			continue
		}
		ext = append(ext, p.Name+" "+p.Version)
	}
	if v == "" {
		v = coreVersionFromList(list)
	}
	sort.Strings(ext)
	return v, ext, nil
}

func (w *Wizard) compare(lv, tv string, lext, text []string) *Parity {
	p := &Parity{LiveVersion: lv, TestVersion: tv, VersionsMatch: lv == tv}
	in := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	for _, e := range lext {
		if !in(text, e) {
			p.MissingOnTest = append(p.MissingOnTest, e)
		}
	}
	for _, e := range text {
		if !in(lext, e) {
			p.ExtraOnTest = append(p.ExtraOnTest, e)
		}
	}
	p.OK = p.VersionsMatch && len(p.MissingOnTest) == 0 && len(p.ExtraOnTest) == 0
	title := w.tx.StepName(string(StepParity))
	if p.OK {
		p.Verdicts = []Verdict{{Rule: "W5", Level: LevelOK, Title: title, Detail: w.tx.ParityOK(lv)}}
		return p
	}
	if !p.VersionsMatch {
		p.Verdicts = append(p.Verdicts, Verdict{Rule: "W5", Level: LevelWarn, Title: title, Detail: w.tx.ParityVersionsDiffer(lv, tv), Advice: w.tx.ParityAdvice()})
	}
	if len(p.MissingOnTest) > 0 {
		p.Verdicts = append(p.Verdicts, Verdict{Rule: "W5", Level: LevelWarn, Title: title, Detail: w.tx.ParityMissing(strings.Join(p.MissingOnTest, ", ")), Advice: w.tx.ParityAdvice()})
	}
	if len(p.ExtraOnTest) > 0 {
		p.Verdicts = append(p.Verdicts, Verdict{Rule: "W5", Level: LevelWarn, Title: title, Detail: w.tx.ParityExtra(strings.Join(p.ExtraOnTest, ", ")), Advice: w.tx.ParityAdvice()})
	}
	return p
}

func (w *Wizard) acceptParity(reason string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepParity); err != nil {
		return err
	}
	if w.st.Parity == nil {
		return w.refuse("W5", StepParity, w.tx.NotDue(w.tx.StepName(string(StepParity)), w.tx.StepName(string(StepParity))))
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return w.refuse("W5", StepParity, w.tx.NeedReason())
	}
	w.st.ParityAccepted = redact(reason)
	w.record(StepParity, StageTest, "parity_accepted", facts("reason", w.st.ParityAccepted))
	_ = w.j.Event("parity_accepted", journalData("reason", reason))
	return w.saveLocked()
}

func (w *Wizard) redoRefresh() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepParity); err != nil {
		return err
	}
	w.st.RefreshConfirmed = false
	w.st.Parity = nil
	w.record(StepParity, StageTest, "refresh_again", "")
	_ = w.j.Event("refresh_again", nil)
	return w.saveLocked()
}

func verdictDetails(vs []Verdict) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Detail)
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
