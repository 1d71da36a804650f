package version

import "regexp"

// Release is a core version split into the release proper and an optional
// build tag (spec §7 "Core release", assumed): "8.7.7-318" → {8.7.7, 318},
// "7.0.0a" → {7.0.0a, ""}, "8.7.4-74_main" → {8.7.4, 74_main}.
type Release struct {
	Release string
	Build   string
}

// releaseRE: numeric dotted release, optionally with letters glued to it
// (7.0.0a, 8.7.7RC1), then optionally one separator and the build.
var releaseRE = regexp.MustCompile(`^(\d+(?:\.\d+)*(?:[A-Za-z]+\d*)?)(?:[-_+ ](.*))?$`)

// ParseRelease splits v. A string that does not start with a numeric release
// is returned whole as Release, with no build.
func ParseRelease(v string) Release {
	m := releaseRE.FindStringSubmatch(v)
	if m == nil {
		return Release{Release: v}
	}
	return Release{Release: m[1], Build: m[2]}
}

// String puts the parts back together with '-'.
func (r Release) String() string {
	if r.Build == "" {
		return r.Release
	}
	return r.Release + "-" + r.Build
}

// SameRelease is the "/version equals target" check after a core update
// (spec §7, §9 #1): releases must be equal by Compare; builds are compared
// only when both sides carry one, because whether /version shows the build
// is unknown (spec §10.2 #1).
func SameRelease(installed, target string) bool {
	a, b := ParseRelease(installed), ParseRelease(target)
	if Compare(a.Release, b.Release) != 0 {
		return false
	}
	if a.Build != "" && b.Build != "" {
		return Compare(a.Build, b.Build) == 0
	}
	return true
}

// NewerRelease reports whether a core package for release pkg is newer than
// the installed release (W2, spec §7): releases only, builds ignored, so an
// equal release means "already installed".
func NewerRelease(pkg, installed string) bool {
	return Compare(ParseRelease(pkg).Release, ParseRelease(installed).Release) > 0
}
