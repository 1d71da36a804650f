package steps

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/pagefile"
)

// Keeping what the client could not read (issue 10): every action puts a
// page recorder into the context of its client calls; when a call stops on
// a page the client did not recognise (the hand-over causes: a changed
// page, an error page, a captcha, an upgrade.php it cannot drive, a
// redirect to Home, uploads switched off), the pages of that call are
// written to runs/<ID>/pages/ without secrets (steps/pagefile) and listed
// in the report. The page that stopped the call is the last one; the
// earlier ones show how the client got there.

// pagesDir is the folder of kept pages inside the run folder.
const pagesDir = "pages"

// recordPages gives ctx a page recorder for the action that runs now
// (call without w.mu held).
func (w *Wizard) recordPages(ctx context.Context) context.Context {
	ctx, rec := crmclient.RecordPages(ctx)
	w.mu.Lock()
	w.pages = rec
	w.mu.Unlock()
	return ctx
}

// keepPagesLocked writes the pages of the running action when err says a
// page was not recognised. Failures to write are journaled, never fatal:
// the pages are a help for the partner, not part of the procedure.
func (w *Wizard) keepPagesLocked(step StepID, stage Stage, err error) {
	if w.pages == nil || w.j == nil || handoverCause(err) == "" {
		return
	}
	pages := w.pages.Take()
	why := firstLine(technical(err))
	dir := filepath.Join(w.j.Dir(), pagesDir)
	for _, p := range pages {
		f, werr := pagefile.Save(dir, p, why)
		if werr != nil {
			_ = w.j.Event("page_not_kept", journalData("page", p.Name, "error", errText(werr)))
			continue
		}
		rec := PageRecord{File: pagesDir + "/" + f.HTML, Headers: pagesDir + "/" + f.Headers, Name: f.Name,
			URL: safeURL(f.URL), Status: f.Status, Step: step, Stage: stage, At: w.now(), Why: f.Why}
		w.st.Pages = append(w.st.Pages, rec)
		_ = w.j.Event("page_kept", journalData("file", rec.File, "page", f.Name, "status", itoa64(int64(f.Status))))
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
