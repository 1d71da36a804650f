package steps

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"

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

// acceptedVersions lists what the manifest names as acceptable, as 1CRM's
// own ERR_INVALID_VERSION does ("Package expects 1CRM versions …").
func acceptedVersions(m *manifest.Manifest) string {
	all := append(append([]string(nil), m.RegexMatches...), m.ExactMatches...)
	return strings.Join(all, ", ")
}

// uncertainWhy words why acceptance could not be decided (spec §6.4): a
// regex Go cannot compile, or a build suffix only one form matches.
func (w *Wizard) uncertainWhy(acc manifest.Acceptance, installed string) string {
	if acc.BadRegex != "" {
		return w.tx.UncertainBadRegex(acc.BadRegex)
	}
	return w.tx.UncertainBuild(installed, version.ParseRelease(installed).Release)
}
