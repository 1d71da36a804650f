package page

import (
	"os"
	"path/filepath"
	"strings"
)

// ExpandPath turns what an admin types or pastes as a file path into one
// the OS understands: surrounding blanks and quotes go (file managers add
// quotes on drag and drop), a leading ~ is the home directory — the shell
// would do that on the command line, the wizard's own prompt must too.
func ExpandPath(p string) string {
	p = strings.TrimSpace(p)
	if len(p) >= 2 && (p[0] == '\'' && p[len(p)-1] == '\'' || p[0] == '"' && p[len(p)-1] == '"') {
		p = p[1 : len(p)-1]
	}
	// ~\ only where \ separates folders (Windows); elsewhere it is part of a name.
	if p == "~" || strings.HasPrefix(p, "~/") || filepath.Separator == '\\' && strings.HasPrefix(p, `~\`) {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	return p
}
