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
	if len(st.Manual) > 0 {
		line("## %s", tx.ReportSectionManual())
		for _, m := range st.Manual {
			stage := ""
			if m.Stage != "" {
				stage = tx.StageName(string(m.Stage))
			}
			when := tx.DateTime(m.Offered)
			if !m.Settled.IsZero() {
				when += "–" + tx.Clock(m.Settled)
			}
			line("- %s %s", when, tx.ManualLine(string(m.Action), stage, string(m.Cause), m.State, m.Evidence, m.Note))
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
