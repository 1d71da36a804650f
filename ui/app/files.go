package app

import (
	"errors"
	"fmt"

	"github.com/visual4/1crm-update/steps/localfile"
	"github.com/visual4/1crm-update/ui/text"
)

// checkFiles refuses a --package, --checklist or --ca-file that is not a
// regular file (a FIFO, a folder, a device) before anything opens it: an
// open or read of a FIFO would wait for ever (issue 8). A missing file is
// left to the step that uses it, which says so in its own words.
func checkFiles(c *Config, t text.Texts) error {
	for _, f := range []struct{ flag, path string }{
		{"--package", c.PackageFile}, {"--checklist", c.ChecklistFile}, {"--ca-file", c.CAFile},
	} {
		if f.path == "" {
			continue
		}
		var nr *localfile.NotRegularError
		if err := localfile.Check(f.path); errors.As(err, &nr) {
			return fmt.Errorf("%w: %s", errUsage, t.NotAFile(f.flag, f.path, nr.Kind))
		}
	}
	return nil
}
