package journal

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// EnvStateDir overrides the state directory (spec/cli.md --state-dir).
const EnvStateDir = "ONECRM_STATE_DIR"

// appDirName is the folder of 1crm-update inside the OS's state location.
const appDirName = "1crm-update"

// DefaultStateDir returns $ONECRM_STATE_DIR, else where this OS keeps an
// application's own data (stateDirFor).
func DefaultStateDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		home = ""
	}
	return stateDirFor(runtime.GOOS, os.Getenv, home)
}

// stateDirFor is the state directory on goos for the environment getenv
// and the home directory home (empty when unknown):
//
//	any OS   $ONECRM_STATE_DIR when set
//	Linux    $XDG_STATE_HOME/1crm-update, else ~/.local/state/1crm-update (XDG)
//	macOS    ~/Library/Application Support/1crm-update (Apple's place for app data)
//	Windows  %LocalAppData%\1crm-update (per user, not roamed to other PCs:
//	         a journal belongs to this machine's run)
//
// Without a home (odd service accounts) the state stays next to the caller.
func stateDirFor(goos string, getenv func(string) string, home string) string {
	if d := getenv(EnvStateDir); d != "" {
		return d
	}
	const noHome = ".1crm-update-state"
	switch goos {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return winJoin(d, appDirName)
		}
		if home == "" {
			return noHome
		}
		return winJoin(home, "AppData", "Local", appDirName)
	case "darwin", "ios":
		if home == "" {
			return noHome
		}
		return filepath.Join(home, "Library", "Application Support", appDirName)
	}
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, appDirName)
	}
	if home == "" {
		return noHome
	}
	return filepath.Join(home, ".local", "state", appDirName)
}

// winJoin joins with backslashes whatever OS runs the code, so the
// Windows rule can be tested on Linux (filepath.Join uses the host's "/").
func winJoin(base string, elem ...string) string {
	return strings.TrimRight(base, `\/`) + `\` + strings.Join(elem, `\`)
}
