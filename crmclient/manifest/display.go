package manifest

import (
	"regexp"
	"strings"
)

// How 1CRM shows acceptable versions to the admin: ERR_INVALID_VERSION
// ("Package expects info@hand versions {EXPECTED_VERSIONS}, but current
// version is {CURRENT_VERSION}") fills the list with every regex, then
// every exact version, each passed through IAHManifest::makeDisplayableVersion
// and joined with ", " (modules/UWizard/IAHManifest.php, validate).

var (
	escapedChar = regexp.MustCompile(`\\(.)`)    // PHP '~\\\\(.)~'
	digitClass  = regexp.MustCompile(`\[(\d)\]`) // PHP '~\[(\d)\]~'
)

// DisplayVersion renders one acceptable-versions entry as 1CRM does:
// ".*" becomes "*" and ".+" becomes "+" (in that order, as PHP's
// str_replace with arrays does), a backslash before any character is
// dropped, and a one-digit class "[7]" becomes "7". So `7\.0.*` reads
// "7.0*" and `8\.6\.[0-9][0-9]?` reads "8.6.[0-9][0-9]?".
func DisplayVersion(entry string) string {
	s := strings.ReplaceAll(entry, ".*", "*")
	s = strings.ReplaceAll(s, ".+", "+")
	s = escapedChar.ReplaceAllString(s, "$1")
	return digitClass.ReplaceAllString(s, "$1")
}

// ExpectedVersions is {EXPECTED_VERSIONS} of 1CRM's ERR_INVALID_VERSION for
// this manifest: the regexes, then the exact versions, each rendered by
// DisplayVersion, joined with ", ". Empty when the manifest names none.
func (m *Manifest) ExpectedVersions() string {
	all := make([]string, 0, len(m.RegexMatches)+len(m.ExactMatches))
	for _, v := range m.RegexMatches {
		all = append(all, DisplayVersion(v))
	}
	for _, v := range m.ExactMatches {
		all = append(all, DisplayVersion(v))
	}
	return strings.Join(all, ", ")
}
