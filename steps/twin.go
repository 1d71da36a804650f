package steps

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"time"

	"github.com/visual4/1crm-update/crmclient"
)

// ConfirmDistinctSystems is the admin's answer to Parity.Twin: live and
// the test system are two different systems (checked in the browser). It
// is journaled; it refuses when no such question is open.
func (w *Wizard) ConfirmDistinctSystems() error { return w.confirmDistinct() }

// R7, R9: a test install on live runs without a backup, and the backup
// made later saves the already-updated system. Two addresses of one
// server are refused outright (crmclient.SameAddress, at Connect and as a
// usage error); a "test system" that answers with live's very data —
// version, products, licensee, user limit, support end, licence history —
// may be live under another name (another host name, an IP address), so
// the admin is asked before the test install. A fresh copy of live looks
// the same, which is why this is a question and not a refusal.

// twinFacts is the data that tells two instances apart.
type twinFacts struct {
	Version    string
	Products   []string
	Licensee   string
	UserLimit  int
	SupportEnd string
	// SupportDate is SupportEnd parsed (zero when unreadable), to name
	// it in the run's own date format rather than the page's.
	SupportDate time.Time
	History     []crmclient.LicenseHistoryEntry
}

// readTwinFacts reads /version and the License page; ok is false when
// either cannot be read (then nothing is asked: there is nothing to
// compare).
func readTwinFacts(ctx context.Context, c CRM) (twinFacts, bool) {
	var f twinFacts
	vi, err := c.Version(ctx)
	switch {
	case err == nil:
		f.Version = vi.Version
		f.Products = append([]string(nil), vi.Products...)
		sort.Strings(f.Products)
	case !errors.Is(err, crmclient.ErrAPINotAvailable):
		return f, false
	}
	lic, err := c.License(ctx)
	if err != nil || lic.Licensee == "" && len(lic.History) == 0 {
		return f, false
	}
	f.Licensee, f.UserLimit, f.SupportEnd, f.SupportDate, f.History = lic.Licensee, lic.UserLimit, lic.SupportEnd, lic.SupportDate, lic.History
	return f, true
}

// twinCheck sets p.Twin (with its verdict) when live and test report the
// same data.
func (w *Wizard) twinCheck(ctx context.Context, live, test CRM, p *Parity) {
	lf, ok := readTwinFacts(ctx, live)
	if !ok {
		return
	}
	tf, ok := readTwinFacts(ctx, test)
	if !ok || !reflect.DeepEqual(lf, tf) {
		return
	}
	p.Twin = true
	w.mu.Lock()
	p.DistinctConfirmed = w.st.DistinctConfirmed
	w.mu.Unlock()
	supportEnd := lf.SupportEnd
	if !lf.SupportDate.IsZero() {
		supportEnd = w.tx.Date(lf.SupportDate)
	}
	p.Verdicts = append([]Verdict{{Rule: "R7,W5", Level: LevelWarn, Title: w.tx.StepName(string(StepParity)),
		Detail: w.tx.TwinSuspected(lf.Licensee, lf.UserLimit, supportEnd), Advice: w.tx.TwinAdvice()}}, p.Verdicts...)
}

// confirmDistinct records the admin's answer to the twin question.
func (w *Wizard) confirmDistinct() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.dueLocked(StepParity); err != nil {
		return err
	}
	if w.st.Parity == nil || !w.st.Parity.Twin {
		return w.refuse("R7", StepParity, w.tx.NoTwinQuestion())
	}
	w.st.DistinctConfirmed = true
	w.st.Parity.DistinctConfirmed = true
	w.record(StepParity, StageTest, "distinct_confirmed", "")
	_ = w.j.Answer("distinct_systems_confirmed", journalData("live_url", w.st.LiveURL, "test_url", w.st.TestURL))
	return w.saveLocked()
}
