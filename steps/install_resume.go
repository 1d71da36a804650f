package steps

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/version"
	"github.com/visual4/1crm-update/steps/journal"
)

// Resuming an install cut half-way (W8; spec §5.4 "journal install started
// before the POST, on resume reconcile"; §10.1 "a stalled install when the
// client stops following"). While the client follows upgrade.php, the URL
// it requests next is journaled as a fact tied to the install's "started"
// entry. After a crash the wizard continues from that URL instead of
// posting perform=install again, which the server would refuse anyway
// while its in-progress flag is set.

// errInstallResumable: Connect found an install cut half-way with a known
// continuation; Install continues it (with progress for the screen).
var errInstallResumable = errors.New("steps: an interrupted install can be continued")

// installResume is the journaled continuation of one install attempt.
type installResume struct {
	Seq int    `json:"seq"` // the install's "started" entry it belongs to
	URL string `json:"url"` // upgrade.php URL to request next; no session id
}

func installResumeKey(s Stage) string { return "install_resume:" + string(s) }

// journalURL is raw without user info, fragment and any query parameter
// that names a session or a credential. The client already leaves them out
// (crmclient.InstallProgress.URL); this is the belt to its braces, because
// the journal is a file on the admin's disk.
func journalURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || !strings.HasSuffix(strings.ToLower(u.Path), "upgrade.php") {
		return ""
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return ""
	}
	dropped := false
	for k := range q {
		lk := strings.ToLower(k)
		if journal.IsSecretKey(k) || strings.Contains(lk, "sess") || lk == "sid" {
			q.Del(k)
			dropped = true
		}
	}
	if dropped {
		u.RawQuery = q.Encode()
	}
	s := u.String()
	if journal.LooksLikeSecretValue(s) {
		return ""
	}
	return s
}

// trackInstallURL wraps the screen's progress callback: every new URL the
// client reports is journaled first, so a crash right after a step leaves
// the place to continue from on disk (W8).
func (w *Wizard) trackInstallURL(stage Stage, seq int, progress func(crmclient.InstallProgress)) func(crmclient.InstallProgress) {
	last := ""
	return func(p crmclient.InstallProgress) {
		w.noteInstallStep(stage, p)
		if u := journalURL(p.URL); u != "" && u != last {
			last = u
			crashPoint("url:" + actInstall(stage)) // W8 tests: die before the address is on disk
			// A failed write only costs the resume: after a crash the
			// install then counts as stuck, as without this record.
			w.mu.Lock()
			_ = w.j.Set(installResumeKey(stage), installResume{Seq: seq, URL: u})
			w.mu.Unlock()
		}
		if progress != nil {
			progress(p)
		}
	}
}

// savedInstallURL is the continuation journaled for the pending install e.
func (w *Wizard) savedInstallURL(stage Stage, e journal.Entry) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var r installResume
	if ok, err := w.j.Get(installResumeKey(stage), &r); !ok || err != nil || r.Seq != e.Seq {
		return ""
	}
	return journalURL(r.URL)
}

// pendingSeq is the sequence number of action's pending "started" entry.
func (w *Wizard) pendingSeq(action string) int {
	e, _ := w.pendingEntry(action)
	return e.Seq
}

// reachedTarget: the package is listed as installed and, for a core
// update, /version reports the target release (spec §5.4 step 4, §7).
// Without the REST API (Startup/Startup+) the list decides.
func reachedTarget(ctx context.Context, c CRM, list *crmclient.PackageList, pc *PackageCheck) bool {
	if !findInstalled(list, pc) {
		return false
	}
	if !pc.Core {
		return true
	}
	vi, err := c.Version(ctx)
	if err != nil {
		return errors.Is(err, crmclient.ErrAPINotAvailable)
	}
	return version.SameRelease(vi.Version, pc.Version)
}

// resumeInstall follows the interrupted install from its journaled URL to
// the end and records the outcome on the pending entry e.
func (w *Wizard) resumeInstall(ctx context.Context, stage Stage, e journal.Entry, c CRM, pc *PackageCheck, from string, progress func(crmclient.InstallProgress)) (string, error) {
	w.mu.Lock()
	rec := w.beginRecord(StepInstall, stage, "install_resumed")
	_ = w.j.Event(e.Action, journalData("note", "continued after an interruption", "url", from))
	_ = w.saveLocked()
	w.mu.Unlock()
	target := crmclient.InstallTarget{Name: pc.Name, Type: pc.Type, Version: pc.Version, Core: pc.Core}
	err := c.ResumeInstall(w.watchStalls(ctx, stage), from, target, w.trackInstallURL(stage, e.Seq, progress))
	if err != nil {
		return "", w.installError(ctx, stage, rec, e.Action, err)
	}
	label := w.tx.StepName(string(StepInstall))
	return w.tx.NoticeReconciled(label, pc.Name+" "+pc.Version), w.markInstalled(ctx, stage, rec, e.Action, c, pc, "resumed", true)
}

// prepareAgain: after a restart the client no longer holds the Proceed
// form. Prepare once more, confirming exactly the warnings the admin
// already accepted (R22). New warnings, or errors, send the admin back to
// the prepare/confirm phase instead of installing.
func (w *Wizard) prepareAgain(ctx context.Context, stage Stage, c CRM, pc *PackageCheck) error {
	w.mu.Lock()
	ss := w.st.stage(stage)
	source := ss.Source
	rec := w.beginRecord(StepInstall, stage, "prepare_again")
	w.mu.Unlock()
	res, err := w.prepareRounds(ctx, stage, c, source)
	if err == nil && res != nil && res.CanProceed {
		w.mu.Lock()
		defer w.mu.Unlock()
		if res.Source != "" {
			ss.Source = res.Source
		}
		w.endRecord(rec, facts("phase", string(PhaseInstall)), nil)
		return w.saveLocked()
	}
	if _, err := w.afterPrepare(stage, rec, "", res, err, pc); err != nil {
		return err
	}
	if w.phaseOf(stage) == PhaseConfirm {
		return w.refuse("R22", StepInstall, w.tx.WarningsNotAccepted())
	}
	return w.actionError(StepInstall, stage, w.tx.PrepareErrors(), crmclient.ErrPrepareFailed)
}
