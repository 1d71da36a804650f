package steps

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/manifest"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// DownloadUpdate downloads an update listed on the License page (R4) into
// the run folder and validates it like UsePackageFile. Only updates in
// Preflight.Updates are downloaded; on the Startup routes (R2 vendor
// website, R3 partner ZIP) it refuses, since the listed download is not the
// official way there (Preflight.ListedUpdates still shows what is listed).
func (w *Wizard) DownloadUpdate(ctx context.Context, u crmclient.AvailableUpdate, progress func(got, total int64)) (*PackageCheck, error) {
	return w.downloadUpdate(ctx, u, progress)
}

// downloadRetryWait is the first pause before a dropped download is picked
// up again (doubling); a variable for tests.
var downloadRetryWait = time.Second

// downloadUpdate fetches a License-page update (R4) into the run folder.
func (w *Wizard) downloadUpdate(ctx context.Context, u crmclient.AvailableUpdate, progress func(got, total int64)) (*PackageCheck, error) {
	if err := w.enter(StepPackage, StepPath); err != nil {
		return nil, err
	}
	defer w.release()
	w.mu.Lock()
	c := w.live
	dir := filepath.Join(w.j.Dir(), "downloads")
	refusal := w.downloadRefusalLocked(u)
	if h := w.st.Handover; h != nil && h.Action == ManualDownload {
		refusal = w.refuse("W8", StepPackage, w.tx.HandoverOpen(w.tx.ManualActionName(string(h.Action))))
	}
	w.mu.Unlock()
	if refusal != nil {
		return nil, refusal
	}
	if err := os.MkdirAll(dir, journal.DirMode); err != nil {
		return nil, err
	}
	dest := filepath.Join(dir, downloadName(u))

	if e, ok := w.pendingEntry(actDownload); ok {
		if _, err := w.reconcileDownload(e); err != nil {
			return nil, err
		}
	}
	// A finished download of the same file is reused, not fetched again.
	w.mu.Lock()
	last, done := w.j.LastDone(actDownload)
	w.mu.Unlock()
	if done && last.Data["file"] == dest {
		if _, err := os.Stat(dest); err == nil {
			return w.adoptPackage(dest, "download")
		}
	}

	w.mu.Lock()
	rec := w.beginRecord(StepPackage, "", "download")
	err := w.beginLocked(rec, StepPackage, "", actDownload, journalData("url", safeURL(u.DownloadURL), "file", dest, "version", u.Version))
	w.mu.Unlock()
	if err != nil {
		return nil, err
	}
	crashPoint("before:" + actDownload)
	// The client writes dest+".part" and renames it when complete and
	// checked; a cut connection is picked up where it stopped, and the
	// part of a cancelled or crashed attempt is continued by the next one.
	res, err := c.Download(ctx, u.DownloadURL, dest, crmclient.DownloadOptions{Progress: progress, RetryWait: downloadRetryWait})
	crashPoint("after:" + actDownload)
	w.mu.Lock()
	if err != nil {
		// Nothing counts as downloaded; the journal says failed (a cancel
		// included: a download changes nothing on the server, so there
		// is nothing to reconcile). A kept part only saves bytes later.
		_ = w.j.Fail(actDownload, technical(err))
		w.endRecord(rec, "", err)
		_ = w.saveLocked()
		msg := w.downloadFailedText(err)
		if cause := handoverCause(err); cause != "" && w.st.Handover == nil {
			// The link gives a page, not the ZIP: the admin downloads it
			// in the browser (issue 10).
			page, detail := causeDetail(err)
			herr := w.openLocked(offer{action: ManualDownload, cause: cause, kind: text.KindDownload, page: page, detail: detail})
			if herr == nil {
				herr = w.handedOver(StepPackage, "", err)
			}
			w.mu.Unlock()
			return nil, herr
		}
		w.mu.Unlock()
		if cancelled(err) {
			return nil, err
		}
		return nil, w.actionError(StepPackage, "", msg, err)
	}
	w.endRecord(rec, facts("file", filepath.Base(dest)), nil)
	if derr := w.j.Done(actDownload, journalData("file", dest, "resumed_from", itoa64(res.ResumedFrom),
		"transferred", itoa64(res.Transferred), "retries", itoa64(int64(res.Retries)), "restarts", restartList(res.Restarts))); derr != nil {
		// Not recorded as done: the file is dropped and fetched again
		// next time, rather than trusted without its record.
		_ = os.Remove(dest)
		w.mu.Unlock()
		return nil, w.actionError(StepPackage, "", "", derr)
	}
	_ = w.saveLocked()
	w.mu.Unlock()
	return w.adoptPackage(dest, "download", w.downloadVerdicts(res)...)
}

// downloadRefusalLocked: only an update the route offers is downloaded
// (R4). On the Startup routes the package comes from the vendor's website
// (R2) or from the partner (R3), never from the instance's own list.
func (w *Wizard) downloadRefusalLocked(u crmclient.AvailableUpdate) error {
	p := w.st.Preflight
	if p == nil {
		return w.refuse("W1", StepPackage, w.tx.NotDue(w.tx.StepName(string(StepPackage)), w.tx.StepName(string(StepPreflight))))
	}
	switch p.Route {
	case RouteVendorWebsite:
		return w.refuse("R2", StepPackage, w.tx.ListedNotForRoute(string(p.Route)))
	case RoutePartnerZIP:
		return w.refuse("R3", StepPackage, w.tx.ListedNotForRoute(string(p.Route)))
	}
	for _, o := range p.Updates {
		if o.DownloadURL == u.DownloadURL && u.DownloadURL != "" {
			return nil
		}
	}
	return w.refuse("R4", StepPackage, w.tx.DownloadNotListed())
}

// reconcileDownload: a download interrupted by a crash left at most a
// ".part" file (the rename is the commit), which the next download
// continues. A complete file counts as done.
func (w *Wizard) reconcileDownload(e journal.Entry) (string, error) {
	dest := e.Data["file"]
	w.mu.Lock()
	defer w.mu.Unlock()
	if dest != "" {
		if _, err := manifest.Open(dest); err == nil {
			return w.tx.NoticeReconciled(w.tx.StepName(string(StepPackage)), filepath.Base(dest)),
				w.j.Done(actDownload, journalData("file", dest, "reconciled", "true"))
		}
	}
	return w.tx.NoticeInterrupted(w.tx.StepName(string(StepPackage))), w.j.Fail(actDownload, "interrupted")
}

// downloadName is the local file name of an update: the link's file name,
// else the package text.
func downloadName(u crmclient.AvailableUpdate) string {
	if pu, err := url.Parse(u.DownloadURL); err == nil {
		if b := path.Base(pu.Path); strings.HasSuffix(strings.ToLower(b), ".zip") {
			return sanitizeName(b)
		}
	}
	n := u.Package
	if n == "" {
		n = "update-" + u.Version
	}
	return sanitizeName(n) + ".zip"
}

func sanitizeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	if b.Len() == 0 {
		return "update"
	}
	return b.String()
}

// downloadFailedText words a failed download: a local disk problem or a
// classified client error speaks for itself; anything else gets the
// "download failed" lead.
func (w *Wizard) downloadFailedText(err error) string {
	wd := sentence(w.tx, err, hostOf(w.st.LiveURL), false)
	var dwe *crmclient.DownloadWriteError
	if errors.As(err, &dwe) || errors.Is(err, crmclient.ErrDownloadNotZip) {
		return wd
	}
	return w.tx.DownloadFailed(wd)
}
