package journal

import (
	"path/filepath"
	"testing"
)

// The state directory follows each OS's convention (issue 11); the
// variable and --state-dir win everywhere, and Linux keeps the documented
// XDG default (spec/cli.md --state-dir).
func TestStateDirFor(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	all := map[string]string{EnvStateDir: "/x/state", "XDG_STATE_HOME": "/xdg", "LOCALAPPDATA": `C:\Users\anna\AppData\Local`}
	for _, tc := range []struct {
		name, goos, home string
		vars             map[string]string
		want             string
	}{
		{"override on linux", "linux", "/home/admin", all, "/x/state"},
		{"override on windows", "windows", `C:\Users\anna`, all, "/x/state"},
		{"override on macOS", "darwin", "/Users/anna", all, "/x/state"},
		{"linux XDG", "linux", "/home/admin", map[string]string{"XDG_STATE_HOME": "/xdg"}, filepath.Join("/xdg", "1crm-update")},
		{"linux default", "linux", "/home/admin", nil, filepath.Join("/home/admin", ".local", "state", "1crm-update")},
		{"freebsd like linux", "freebsd", "/home/admin", nil, filepath.Join("/home/admin", ".local", "state", "1crm-update")},
		{"linux without home", "linux", "", nil, ".1crm-update-state"},
		{"windows LocalAppData", "windows", `C:\Users\anna`, map[string]string{"LOCALAPPDATA": `C:\Users\anna\AppData\Local`, "XDG_STATE_HOME": "/xdg"}, `C:\Users\anna\AppData\Local\1crm-update`},
		{"windows trailing backslash", "windows", "", map[string]string{"LOCALAPPDATA": `D:\Local\`}, `D:\Local\1crm-update`},
		{"windows without LocalAppData", "windows", `C:\Users\anna`, nil, `C:\Users\anna\AppData\Local\1crm-update`},
		{"windows without anything", "windows", "", nil, ".1crm-update-state"},
		{"macOS ignores XDG", "darwin", "/Users/anna", map[string]string{"XDG_STATE_HOME": "/xdg"}, filepath.Join("/Users/anna", "Library", "Application Support", "1crm-update")},
		{"macOS without home", "darwin", "", nil, ".1crm-update-state"},
	} {
		if got := stateDirFor(tc.goos, env(tc.vars), tc.home); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestDefaultStateDir_variableWins(t *testing.T) {
	want := filepath.Join(t.TempDir(), "state")
	t.Setenv(EnvStateDir, want)
	if got := DefaultStateDir(); got != want {
		t.Errorf("with %s: %q, want %q", EnvStateDir, got, want)
	}
	t.Setenv(EnvStateDir, "")
	if got := DefaultStateDir(); !filepath.IsAbs(got) && got != ".1crm-update-state" {
		t.Errorf("default %q is relative", got)
	}
}
