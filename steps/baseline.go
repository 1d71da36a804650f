package steps

import (
	"context"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/journal"
)

// The "before" side of the post-update checks (spec §9 #3 and #5): read on
// each instance right before its install, compared by Smoke after it.

// installAttemptedLocked: the install on stage was started (journaled) or
// finished, so the instance may have changed and restore options matter.
func (w *Wizard) installAttemptedLocked(stage Stage) bool {
	if ss := w.st.stage(stage); ss.Phase == PhaseInstalled || !ss.InstalledAt.IsZero() {
		return true
	}
	if w.j == nil {
		return false
	}
	for _, e := range w.j.Entries() {
		if e.Action == actInstall(stage) && e.Kind == journal.KindStarted {
			return true
		}
	}
	return false
}

// captureBaseline reads what the smoke checks compare after the update
// (spec §9 #3 and #5), on the stage's own instance, right before the
// install: the /me id and the total number of Account records. Read-only;
// a failure only means the comparison is skipped later. Without REST API
// access (Startup/Startup+, no API client) there is nothing to read.
func (w *Wizard) captureBaseline(ctx context.Context, stage Stage, c CRM) {
	w.mu.Lock()
	hasAPI := w.st.Preflight != nil && w.st.Preflight.HasAPI
	// After an install attempt (failed half-way, retried now) the instance
	// may already have changed: keep the baseline read before it.
	attempted := w.installAttemptedLocked(stage)
	w.mu.Unlock()
	if !hasAPI || attempted {
		return
	}
	if !c.HasAPICredentials() {
		w.mu.Lock()
		w.noteNoCredentialsLocked(stage)
		w.mu.Unlock()
		return
	}
	meID := ""
	me, merr := c.Me(ctx)
	if merr == nil {
		meID = me.ID
	}
	var count *int
	if lr, err := c.List(ctx, "Account", crmclient.ListOptions{Limit: 1}); err == nil {
		n := lr.TotalResults
		count = &n
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	// Saved with the install's "started" record: a restart after it judges
	// the REST checks by the same fact (W6, W8).
	w.noteAPIAccessLocked(stage, merr)
	ss := w.st.stage(stage)
	if meID != "" {
		ss.MeID = meID
	}
	if count != nil {
		ss.AccountsBefore = count
	}
}
