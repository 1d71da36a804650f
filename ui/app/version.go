package app

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X github.com/visual4/1crm-update/ui/app.Version=v1.2.3".
var Version = ""

// BuildInfo returns the version, the commit (from the VCS stamp) and the Go version.
func BuildInfo() (version, commit, goVersion string) {
	version, commit, goVersion = Version, "", runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		if version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			version = bi.Main.Version
		}
		dirty := false
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
	}
	if version == "" {
		version = "dev"
	}
	if commit == "" {
		commit = "unknown"
	}
	return
}

// VersionLine is what `1crm-update version` prints.
func VersionLine() string {
	v, c, g := BuildInfo()
	return fmt.Sprintf("1crm-update %s (commit %s, %s)", v, c, g)
}
