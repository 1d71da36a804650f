package app

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Build stamps, set by release/build.sh with
// -ldflags "-X github.com/visual4/1crm-update/ui/app.Version=v1.2.3 -X ….Commit=<sha> -X ….Date=<RFC 3339>".
// A plain `go build` leaves them empty: the version then comes from the
// module, the commit from Go's VCS stamp (absent with -buildvcs=false).
var (
	Version = ""
	Commit  = ""
	Date    = "" // commit time (UTC), so the same commit always builds the same binary
)

// BuildInfo returns the version, the commit and the Go version.
func BuildInfo() (version, commit, goVersion string) {
	version, commit, goVersion = Version, Commit, runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		if version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			version = bi.Main.Version
		}
		if commit == "" {
			commit = vcsCommit(bi)
		}
	}
	if version == "" {
		version = "dev"
	}
	if commit == "" {
		commit = "unknown"
	}
	return
}

// vcsCommit is the revision Go stamped into the binary, "-dirty" when the
// work tree had changes.
func vcsCommit(bi *debug.BuildInfo) string {
	commit, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if dirty && commit != "" {
		commit += "-dirty"
	}
	return commit
}

// VersionLine is what `1crm-update version` prints.
func VersionLine() string {
	v, c, g := BuildInfo()
	if Date != "" {
		return fmt.Sprintf("1crm-update %s (commit %s, %s, %s)", v, c, Date, g)
	}
	return fmt.Sprintf("1crm-update %s (commit %s, %s)", v, c, g)
}
