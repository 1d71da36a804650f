package steps

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/manifest"
	"github.com/visual4/1crm-update/crmclient/version"
	"github.com/visual4/1crm-update/steps/localfile"
)

// W2 findings in words. The manifest package explains its errors in
// English for logs; the admin reads the run's language. packageProblem
// maps each typed error to a code that steps/text words, and the English
// detail is kept as PackageCheck.Technical for the journal and report.

// packageProblem classifies a manifest.Open or Validate error.
func packageProblem(err error) (code, arg string) {
	var se *manifest.SyntaxError
	var nr *localfile.NotRegularError
	switch {
	case errors.As(err, &nr):
		return "not_regular", nr.Kind
	case errors.Is(err, fs.ErrNotExist):
		return "not_found", ""
	case errors.Is(err, fs.ErrPermission):
		return "no_access", ""
	case errors.Is(err, manifest.ErrNotZip):
		return "not_zip", ""
	case errors.Is(err, manifest.ErrNoManifest):
		return "no_manifest", ""
	case errors.Is(err, manifest.ErrUnsafePath):
		return "unsafe_path", ""
	case errors.Is(err, manifest.ErrTooLarge):
		return "too_large", ""
	case errors.As(err, &se):
		return "syntax", strconv.Itoa(se.Line)
	case errors.Is(err, manifest.ErrSyntax):
		return "syntax", ""
	case errors.Is(err, manifest.ErrEmptyTypeIDVersion):
		return "empty_fields", ""
	case errors.Is(err, manifest.ErrInvalidType):
		return "invalid_type", ""
	}
	return "unreadable", ""
}

// uncertainWhy words why acceptance could not be decided (spec §6.4): a
// regex Go cannot compile, or a build suffix only one form matches.
func (w *Wizard) uncertainWhy(acc manifest.Acceptance, installed string) string {
	if acc.BadRegex != "" {
		return w.tx.UncertainBadRegex(acc.BadRegex)
	}
	return w.tx.UncertainBuild(installed, version.ParseRelease(installed).Release)
}

// downloadVerdicts tell how the download went when it was not one plain
// transfer: continued from an earlier part, started over (and why), or
// picked up after dropped connections (issue 12).
func (w *Wizard) downloadVerdicts(res *crmclient.DownloadResult) []Verdict {
	if res == nil {
		return nil
	}
	title := w.tx.DownloadTitle()
	var vs []Verdict
	if res.ResumedFrom > 0 {
		vs = append(vs, Verdict{Rule: "W2", Level: LevelInfo, Title: title, Detail: w.tx.DownloadResumed(w.tx.Size(res.ResumedFrom), w.tx.Size(res.Size))})
	}
	seen := map[crmclient.RestartReason]bool{}
	for _, r := range res.Restarts {
		if !seen[r] {
			seen[r] = true
			vs = append(vs, Verdict{Rule: "W2", Level: LevelInfo, Title: title, Detail: w.tx.DownloadRestarted(string(r))})
		}
	}
	if res.Retries > 0 {
		vs = append(vs, Verdict{Rule: "W2", Level: LevelInfo, Title: title, Detail: w.tx.DownloadRetried(res.Retries)})
	}
	return vs
}

func restartList(rs []crmclient.RestartReason) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return strings.Join(out, ",")
}
