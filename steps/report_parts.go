package steps

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// Report parts of issue 10 (steps done by hand, pages kept for the
// partner) and reading a saved report for `1crm-update report`.

// writeManualSections adds "done by hand" and the kept pages, when any.
func writeManualSections(b *strings.Builder, tx text.Texts, st *runState) {
	line := func(format string, a ...any) { fmt.Fprintf(b, format+"\n", a...) }
	if lines := manualLines(tx, st, true); len(lines) > 0 {
		line("## %s", tx.ReportSectionManual())
		for _, l := range lines {
			line("- %s", l)
		}
		line("")
	}
	if len(st.Pages) > 0 {
		line("## %s", tx.ReportSectionPages())
		line("%s", tx.PagesIntro(pagesDir+"/"))
		for _, p := range st.Pages {
			line("- `%s` (%s, HTTP %d, %s): %s", p.File, p.Name, p.Status, mdCell(p.URL), mdCell(p.Why))
		}
		line("")
	}
}

// manualLines are the steps done by hand in the browser, one line each
// with its time: whether the wizard verified it (and what it read back) or
// the admin confirmed it unverified (with the note), or it is still open.
// The report and every partner mail say them in these same words. withdrawn
// keeps the hand-overs the admin took back (nothing was done by hand).
func manualLines(tx text.Texts, st *runState, withdrawn bool) []string {
	var out []string
	for _, m := range st.Manual {
		if m.State == text.ManualCancelled && !withdrawn {
			continue
		}
		stage := ""
		if m.Stage != "" {
			stage = tx.StageName(string(m.Stage))
		}
		when := tx.DateTime(m.Offered)
		if !m.Settled.IsZero() {
			when += "–" + tx.Clock(m.Settled)
		}
		out = append(out, when+" "+tx.ManualLine(string(m.Action), stage, string(m.Cause), m.State, m.Evidence, m.Note))
	}
	return out
}

// manualBlock is the mail's part on steps done by hand ("" when none):
// the partner reads there what the admin did in the browser and whether
// the wizard verified it (W9).
func manualBlock(tx text.Texts, st *runState) string {
	lines := manualLines(tx, st, false)
	if len(lines) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(tx.MailManualTitle() + "\n")
	for _, l := range lines {
		b.WriteString("- " + l + "\n")
	}
	return b.String()
}

// writeManualBlock adds manualBlock and a blank line, when there is one.
func writeManualBlock(b *strings.Builder, tx text.Texts, st *runState) {
	if s := manualBlock(tx, st); s != "" {
		b.WriteString(s + "\n")
	}
}

// latestReport serves `1crm-update report`: the saved report.md of a run,
// else one rendered from its journal.
func latestReport(stateDir, runID string) (string, error) {
	store, err := journal.OpenStoreReadOnly(stateDir)
	if err != nil {
		return "", err
	}
	defer store.Close()
	runID, err = resolveRun(store, runID)
	if err != nil {
		return "", err
	}
	j, err := store.Open(runID)
	if err != nil {
		return "", err
	}
	if data, err := os.ReadFile(filepath.Join(j.Dir(), reportFile)); err == nil {
		return string(data), nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	st := &runState{}
	found, err := j.Get(stateKey, st)
	if err != nil {
		return "", err
	}
	if !found {
		st = &runState{RunID: j.ID(), Started: j.Created()}
	}
	// A read-only view: render with a wizard that has no store.
	mail := st.Support
	if mail == "" {
		mail = DefaultSupportEmail
	}
	w := &Wizard{cfg: Config{SupportEmail: mail}, tx: text.For(st.Lang), clk: funcClock(time.Now), st: st, j: j}
	_, w.inProgress = store.RunActive(runID)
	return w.renderReportLocked(), nil
}
