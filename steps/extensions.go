package steps

import (
	"os"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/manifest"
)

// R22 before the upload: which installed extensions will show a version
// warning during a core update. Their manifests are not readable over HTTP
// (spec §6.4), so the wizard only knows the ones the admin keeps locally
// (Config.ExtensionPackages: the extension ZIPs or their manifest.php).
// An extension whose known manifest does not accept the target version
// will warn; one that accepts it will not; for the rest it cannot say.

// extensionForecast sorts the installed extensions for a core update to
// target.
type extensionForecast struct {
	willWarn   []string // known manifest does not accept target
	compatible []string // known manifest accepts target
	unknown    []string // no manifest known for this name and version
}

func forecastExtensions(installed []crmclient.InstalledPackage, known []*manifest.Manifest, target string) extensionForecast {
	var f extensionForecast
	for _, ext := range installed {
		m := findManifest(known, ext)
		if m == nil {
			f.unknown = append(f.unknown, ext.Name)
			continue
		}
		if acc := m.Accepts(target); acc.OK && !acc.Uncertain {
			f.compatible = append(f.compatible, ext.Name)
		} else {
			f.willWarn = append(f.willWarn, ext.Name)
		}
	}
	return f
}

// findManifest matches an installed row to a local manifest by name and
// type, and by version when the list shows one (spec §5.1: the id is not
// displayed).
func findManifest(known []*manifest.Manifest, ext crmclient.InstalledPackage) *manifest.Manifest {
	for _, m := range known {
		if !sameNameAndType(ext.Name, ext.Type, m.Name, m.Type) {
			continue
		}
		if ext.Version != "" && m.Version != ext.Version {
			continue
		}
		return m
	}
	return nil
}

// loadExtensionManifests reads the admin's local extension packages: a ZIP
// (manifest.php at its root) or a bare manifest.php. Unreadable files are
// skipped and named in the returned notes.
func loadExtensionManifests(paths []string) ([]*manifest.Manifest, []badManifest) {
	var out []*manifest.Manifest
	var bad []badManifest
	for _, p := range paths {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		var m *manifest.Manifest
		var err error
		if strings.HasSuffix(strings.ToLower(p), ".zip") {
			var pkg *manifest.Package
			if pkg, err = manifest.Open(p); err == nil {
				m = pkg.Manifest
			}
		} else {
			var data []byte
			if data, err = os.ReadFile(p); err == nil {
				m, err = manifest.Parse(data)
			}
		}
		if err != nil || m == nil {
			bad = append(bad, badManifest{path: p, err: err})
			continue
		}
		out = append(out, m)
	}
	return out, bad
}

// badManifest is a local extension package that could not be read.
type badManifest struct {
	path string
	err  error
}
