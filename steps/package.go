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
	"github.com/visual4/1crm-update/crmclient/version"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/localfile"
	"github.com/visual4/1crm-update/steps/text"
)

// usePackageFile validates a local ZIP (W2) and makes it the run's package.
func (w *Wizard) usePackageFile(p string) (*PackageCheck, error) {
	if err := w.enter(StepPackage, StepPath); err != nil {
		return nil, err
	}
	defer w.release()
	pc, err := w.adoptPackage(p, "file")
	if err == nil && pc != nil && pc.OK {
		// The file settles a download handed to the browser: the admin
		// downloaded it there (issue 10).
		w.mu.Lock()
		if h := w.st.Handover; h != nil && h.Action == ManualDownload {
			err = w.settleLocked(h, text.ManualVerified, w.tx.HandoverFound(text.FoundPackage, pc.FileName+", SHA-256 "+pc.SHA256), "")
		}
		w.mu.Unlock()
	}
	return pc, err
}

// adoptPackage checks the ZIP against the preflight facts and records it.
func (w *Wizard) adoptPackage(p, origin string, extra ...Verdict) (*PackageCheck, error) {
	w.mu.Lock()
	pre := w.st.Preflight
	w.mu.Unlock()
	pc := w.checkPackage(p, pre)
	pc.Verdicts = append(pc.Verdicts, extra...)

	w.mu.Lock()
	defer w.mu.Unlock()
	rec := w.beginRecord(StepPackage, "", "check_"+origin)
	result := facts("file", pc.FileName, "sha256", pc.SHA256)
	var err error
	if !pc.OK {
		// The report shows the words and, apart, the technical detail.
		tech := errors.New(pc.Technical)
		if pc.Technical == "" {
			tech = errors.New("package check failed")
		}
		err = &ActionError{Step: StepPackage, Text: firstBlock(pc.Verdicts), Err: tech}
	}
	w.endRecord(rec, result, err)
	// W2: the SHA-256 is recorded with the package facts.
	_ = w.j.Event("package", journalData("file", pc.FileName, "sha256", pc.SHA256,
		"name", pc.Name, "version", pc.Version, "type", pc.Type, "ok", boolStr(pc.OK), "detail", pc.Technical))
	w.st.Package = pc
	if serr := w.saveLocked(); serr != nil {
		return nil, serr
	}
	cp := *pc
	if !pc.OK {
		return &cp, w.refuse("W2", StepPackage, firstBlock(pc.Verdicts))
	}
	return &cp, nil
}

// checkPackage is W2: ZIP, manifest, type/id/version, acceptance of the
// installed version, newer than installed; plus the R22 extension list.
func (w *Wizard) checkPackage(p string, pre *Preflight) *PackageCheck {
	pc := &PackageCheck{Path: p, FileName: filepath.Base(p)}
	block := func(rule, detail, advice string) {
		pc.Verdicts = append(pc.Verdicts, Verdict{Rule: rule, Level: LevelBlock, Title: w.tx.PackageTitle(), Detail: detail, Advice: advice})
	}
	unreadable := func(err error) {
		code, arg := packageProblem(err)
		if code == "invalid_type" {
			arg = pc.Type
		}
		pc.Technical = errText(err)
		block("W2", w.tx.PackageProblem(code, arg), w.tx.PackageUnreadableAdvice())
	}
	// A FIFO or device would block the reads below for ever (issue 8).
	if err := localfile.Check(p); err != nil {
		unreadable(err)
		return pc
	}
	pkg, err := manifest.Open(p)
	if err != nil {
		unreadable(err)
		return pc
	}
	m := pkg.Manifest
	pc.Size, pc.SHA256 = pkg.Size, pkg.SHA256
	pc.Name, pc.ID, pc.Type, pc.Version, pc.Core = m.Name, m.ID, m.Type, m.Version, m.IsCore()
	if err := m.Validate(); err != nil {
		unreadable(err)
		return pc
	}
	installed := ""
	if pre != nil {
		installed = pre.Version
	}
	if installed != "" {
		acc := m.Accepts(installed)
		switch {
		case !acc.OK && !acc.Uncertain:
			pc.Technical = acc.Reason
			block("W2", w.tx.PackageNotAccepted(installed, m.ExpectedVersions()), w.tx.PackageNotAcceptedAdvice())
		case acc.Uncertain:
			pc.Uncertain = true
			pc.Technical = acc.Reason
			pc.Verdicts = append(pc.Verdicts, Verdict{Rule: "W2", Level: LevelWarn, Title: w.tx.PackageTitle(),
				Detail: w.tx.PackageUncertain(installed, w.uncertainWhy(acc, installed))})
		}
		if pc.Core && !version.NewerRelease(m.Version, installed) {
			block("W2", w.tx.PackageNotNewer(m.Version, installed), w.tx.PackageNotNewerAdvice())
		}
	} else {
		// Startup/Startup+ without a known version (spec §1.4, §8): neither
		// "accepts the installed version" nor "newer than installed" can be
		// checked here; say so instead of passing or failing silently. The
		// server checks both at upload (ERR_INVALID_VERSION, ERR_OUTDATED).
		pc.Uncertain = true
		pc.Technical = "installed version unknown: acceptance and newer-than-installed not checked locally"
		pc.Verdicts = append(pc.Verdicts, Verdict{Rule: "W2", Level: LevelWarn, Title: w.tx.PackageTitle(),
			Detail: w.tx.PackageVersionUnknown(), Advice: w.tx.VersionUnknownAdvice()})
	}
	if !pc.Core {
		// Same name installed with the same or a newer version → ERR_OUTDATED.
		if pre != nil {
			for _, ip := range pre.Extensions {
				if sameNameAndType(ip.Name, ip.Type, m.Name, m.Type) && version.Compare(ip.Version, m.Version) >= 0 {
					block("W2", w.tx.PackageNotNewer(m.Version, ip.Version), w.tx.PackageNotNewerAdvice())
				}
			}
		}
		pc.Verdicts = append(pc.Verdicts, Verdict{Rule: "W2", Level: LevelInfo, Title: w.tx.PackageTitle(), Detail: w.tx.PackageNotCore(m.Type)})
	}
	if pc.Core && pre != nil && len(pre.Extensions) > 0 {
		// R22: the extensions' manifests are not readable over HTTP. Those
		// the admin keeps locally decide exactly; every other installed
		// extension may warn, and the verdict says so instead of guessing.
		known, bad := loadExtensionManifests(w.cfg.ExtensionPackages)
		f := forecastExtensions(pre.Extensions, known, m.Version)
		pc.AffectedExtensions = append(append([]string(nil), f.willWarn...), f.unknown...)
		pc.ExtensionsUnknown = len(f.unknown) > 0
		pc.CompatibleExtensions = f.compatible
		title := w.tx.ExtensionsTitle()
		if len(f.willWarn) > 0 {
			pc.Verdicts = append(pc.Verdicts, Verdict{Rule: "R22", Level: LevelInfo, Title: title,
				Detail: w.tx.PackageExtensionsWillWarn(strings.Join(f.willWarn, ", "), m.Version)})
		}
		if len(f.unknown) > 0 {
			pc.Verdicts = append(pc.Verdicts, Verdict{Rule: "R22", Level: LevelInfo, Title: title,
				Detail: w.tx.PackageExtensionsAffected(strings.Join(f.unknown, ", ")),
				Advice: w.tx.PackageExtensionsUnknown()})
		}
		if len(f.compatible) > 0 {
			pc.Verdicts = append(pc.Verdicts, Verdict{Rule: "R22", Level: LevelOK, Title: title,
				Detail: w.tx.PackageExtensionsCompatible(strings.Join(f.compatible, ", "), m.Version)})
		}
		for _, b := range bad {
			code, arg := packageProblem(b.err)
			pc.Verdicts = append(pc.Verdicts, Verdict{Rule: "R22", Level: LevelWarn, Title: title,
				Detail: b.path + ": " + w.tx.PackageProblem(code, arg)})
		}
	}
	pc.OK = true
	for _, v := range pc.Verdicts {
		if v.Level == LevelBlock {
			pc.OK = false
		}
	}
	if pc.OK {
		pc.Verdicts = append([]Verdict{{Rule: "W2", Level: LevelOK, Title: w.tx.PackageTitle(),
			Detail: w.tx.PackageOK(m.Name, m.Version, pc.SHA256)}}, pc.Verdicts...)
	}
	return pc
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

func firstBlock(vs []Verdict) string {
	for _, v := range vs {
		if v.Level == LevelBlock {
			return v.Detail
		}
	}
	return ""
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
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
