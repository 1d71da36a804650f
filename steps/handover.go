package steps

import (
	"context"
	"errors"
	"time"

	"github.com/visual4/1crm-update/steps/text"
)

// The manual route (issue 10): when automation cannot go on — a page the
// client does not recognise, a captcha, an upgrade.php that only a browser
// can drive, uploads switched off on a hosted instance — or when the admin
// asks for it, a server action is handed to the admin in the browser. The
// wizard says where (1CRM's menu path in German and English), what to
// click and what to look for, and when the admin says "done" it verifies
// the outcome by what it can still read: a new entry in the backup
// history, the package under Uploaded or Installed, /api.php/version at the
// target, the in-progress lock gone. Where nothing can be read back the
// admin confirms explicitly, and the report says "confirmed by the admin,
// not verified". A hand-over is journaled when it is offered and when it is
// settled (W8); a resumed run resumes the hand-over, it does not redo the
// action.
//
// For a UI:
//
//	if h := w.Snapshot().Handover; h != nil {
//		// show h.Reason, h.Menu, h.Steps, h.LookFor (h.LockedOut: warn)
//		res, err := w.ManualDone(ctx, file)  // "done": verify (file: download only)
//		// res.Verified → the run goes on (Next() moves); else res.NotYet,
//		// and when res.CanConfirm: w.ConfirmManualUnverified(note)
//		// or w.CancelManual() to let the wizard try again itself
//	}
//	w.RequestManual(ctx, steps.ManualBackup) // the admin asks for the manual route

// ManualAction is a server action the admin can do in the browser.
type ManualAction string

const (
	// ManualDownload: the update ZIP from the License page; ManualDone
	// needs the path of the downloaded file and checks it (W2).
	ManualDownload ManualAction = "download"
	// ManualBackup: Backup Management › Perform Backup; verified by a new
	// entry in the backup history (R10).
	ManualBackup ManualAction = "backup"
	// ManualUpload: Upgrades & Customization › Upload; verified by the
	// package under Uploaded Packages. The wizard prepares and installs
	// afterwards.
	ManualUpload ManualAction = "upload"
	// ManualPrepare: prepare, accept the warnings and install in one
	// browser session (1CRM keeps the prepared state in the session that
	// prepared, so the install follows in the browser too); verified like
	// ManualInstall.
	ManualPrepare ManualAction = "prepare"
	// ManualInstall: the install to its end — finishing upgrade.php when
	// the install runs already (users locked out), the whole chain from the
	// upload where the wizard could not start it, or the License page (or
	// the partner) where uploads are switched off. Verified by the package
	// under Installed Packages, /api.php/version at the target (core
	// update) and the in-progress lock gone.
	ManualInstall ManualAction = "install"
)

// HandoverCause says why a step went to the browser.
type HandoverCause string

const (
	CauseRequested        HandoverCause = text.CauseRequested        // RequestManual
	CausePageChanged      HandoverCause = text.CausePageChanged      // *crmclient.PageChangedError
	CauseServerError      HandoverCause = text.CauseServerError      // crmclient.ErrServerError
	CauseCaptcha          HandoverCause = text.CauseCaptcha          // crmclient.ErrCaptcha
	CauseNeedsBrowser     HandoverCause = text.CauseNeedsBrowser     // crmclient.ErrInstallNeedsBrowser
	CauseUploadDisabled   HandoverCause = text.CauseUploadDisabled   // crmclient.ErrUploadDisabled
	CauseRedirectedHome   HandoverCause = text.CauseRedirectedHome   // crmclient.ErrRedirectedHome
	CauseDownloadUnusable HandoverCause = text.CauseDownloadUnusable // crmclient.ErrDownloadNotZip
	CauseSourceUnknown    HandoverCause = text.CauseSourceUnknown    // an upload confirmed unverified: the package is not visible
)

// MenuPath is where the admin goes in 1CRM, as 1CRM names it in its German
// and English user interface (shown both, whatever the wizard's language:
// the instance's language may differ).
type MenuPath struct {
	DE string // e.g. "Administration › Lizenzinformationen"
	EN string // e.g. "Administration › License and Support"
}

// Handover is a server action waiting for the admin in the browser
// (Snapshot().Handover). All texts are in the run's language.
type Handover struct {
	Action ManualAction
	Stage  Stage // the instance; "" for the download
	Cause  HandoverCause
	// Kind selects the instructions: one of text.Kind* ("backup",
	// "finish_upgrade", "install_hosted", …).
	Kind   string
	Reason string   // why the wizard hands over, in words
	Menu   MenuPath // where in 1CRM
	URL    string   // an address to open, when known (…/upgrade.php)
	Steps  []string // what to do, in order
	// LookFor is what shows that it worked (what the wizard checks).
	LookFor []string
	// LockedOut: the install runs on the server; 1CRM keeps its users
	// locked out until the last step is done. LockedOutText says so.
	LockedOut     bool
	LockedOutText string
	// Verifiable: the wizard expects to read the outcome back. When false
	// (e.g. no admin page can be read behind a captcha) ManualDone reports
	// what it could see and the admin confirms (ConfirmManualUnverified).
	Verifiable bool
	// NeedsFile: ManualDone needs the path of the downloaded ZIP.
	NeedsFile bool
	Offered   time.Time
	// Checks counts ManualDone calls; NotYet is what the last one did not
	// find yet and Found what it did find ("" before the first check).
	Checks int
	NotYet string
	Found  string
	// CanConfirm: ConfirmManualUnverified is allowed now — the outcome
	// cannot be read back, or a check found nothing (then a note is
	// required). ConfirmHint explains it.
	CanConfirm  bool
	NoteNeeded  bool
	ConfirmHint string
	// Pages are the kept pages that led to this hand-over (file names
	// under the run folder's pages/).
	Pages []string
}

// ManualResult is what ManualDone found.
type ManualResult struct {
	Verified bool   // the outcome was read back: the run goes on
	Found    string // what was read back, in words
	NotYet   string // what is still missing, in words ("" when verified)
	// CanConfirm / NoteNeeded: as Handover.CanConfirm / NoteNeeded.
	CanConfirm bool
	NoteNeeded bool
}

// ManualRecord is one action done by hand, for the report (W9).
type ManualRecord struct {
	Action   ManualAction
	Stage    Stage
	Cause    HandoverCause
	Offered  time.Time
	Settled  time.Time // zero while open
	State    string    // text.ManualVerified, ManualConfirmed, ManualCancelled, ManualPending
	Evidence string    // what the wizard read back (words)
	Note     string    // the admin's note when confirmed unverified
}

// PageRecord is one admin page kept for the partner (runs/<ID>/pages/).
type PageRecord struct {
	File    string // e.g. "pages/003-uwizard.html" (relative to the run folder)
	Headers string // e.g. "pages/003-uwizard.headers.txt"
	Name    string // the page's short name
	URL     string // its address (secrets masked)
	Status  int
	Step    StepID
	Stage   Stage
	At      time.Time
	Why     string // why it was kept (worded error, no secrets)
}

// ErrHandedOver is matched (errors.Is) by the error an action returns when
// it handed its step to the admin: Snapshot().Handover says what to do.
// The *ActionError's Text is the reason in words; the client's own error
// stays in the chain (errors.Is(err, crmclient.ErrInstallNeedsBrowser)…).
var ErrHandedOver = errors.New("steps: handed over to the admin in the browser")

// RequestManual hands the due server action to the admin on request:
// ManualDownload at the package step, ManualBackup at the backup step, and
// at the install step ManualUpload (before the upload), ManualPrepare or
// ManualInstall (ManualInstall before the upload means the whole chain in
// the browser). The install guards apply as for Install (R9, R10, W3). It
// refuses (*Refusal) an action that is not due, or while another hand-over
// is open. For ManualBackup it reads the backup history first (read-only),
// to tell a new backup from the old ones afterwards.
func (w *Wizard) RequestManual(ctx context.Context, a ManualAction) error {
	return w.requestManual(ctx, a)
}

// ManualDone is the admin's "done": the wizard reads back the outcome of the
// open hand-over. Verified → the step is settled (journaled "done by hand,
// verified") and the run goes on; otherwise the result says what is not
// seen yet and the hand-over stays open (look again, confirm, or cancel).
// file is the downloaded ZIP for ManualDownload, ignored otherwise.
func (w *Wizard) ManualDone(ctx context.Context, file string) (*ManualResult, error) {
	return w.manualDone(ctx, file)
}

// ConfirmManualUnverified settles the open hand-over on the admin's word
// where the outcome cannot be read back (Handover.CanConfirm); the journal
// and the report say "confirmed by the admin, not verified", with the
// note. A note is required when a check could read and did not find the
// outcome (Handover.NoteNeeded). The download is never confirmed unseen.
func (w *Wizard) ConfirmManualUnverified(note string) error { return w.confirmManual(note) }

// CancelManual withdraws the open hand-over; the step is due again for the
// wizard (the admin did nothing in the browser). Refused while the install
// runs on the server (users locked out): that one must be finished.
func (w *Wizard) CancelManual() error { return w.cancelManual() }
