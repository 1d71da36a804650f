package steps

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/visual4/1crm-update/crmclient/manifest"
	"github.com/visual4/1crm-update/crmclient/version"
	"github.com/visual4/1crm-update/steps/localfile"
	"github.com/visual4/1crm-update/steps/text"
)

// PackageCheck is the W2 validation of the update ZIP.
type PackageCheck struct {
	Path      string
	FileName  string
	Size      int64
	SHA256    string
	Name      string
	ID        string
	Type      string
	Version   string
	Core      bool // type patch + id InfoAtHand
	OK        bool // no LevelBlock verdict
	Uncertain bool // acceptance could not be decided exactly (build suffix, regex)
	Verdicts  []Verdict
	// Technical is the local check's own (English) detail of a finding,
	// e.g. "zip: not a valid zip file"; the verdicts word it for people.
	// It goes to the journal and the report, not into verdicts.
	Technical string
	// R22: installed extensions a core update may warn about. Their manifests
	// are not readable over HTTP, so ExtensionsUnknown says the list is the
	// installed extensions, not a computed set.
	AffectedExtensions []string
	ExtensionsUnknown  bool
	// CompatibleExtensions accept the target version by their manifest
	// (known from Config.ExtensionPackages): no version warning expected.
	CompatibleExtensions []string
}

// UsePackageFile validates a local update ZIP (W2) and records its SHA-256.
func (w *Wizard) UsePackageFile(path string) (*PackageCheck, error) { return w.usePackageFile(path) }

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
		// Named with its path: the admin may have typed another file
		// than they meant (e.g. a path completed by the shell).
		block("W2", p+": "+w.tx.PackageProblem(code, arg), w.tx.PackageUnreadableAdvice())
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
