package sim

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/visual4/1crm-update/crmclient/manifest"
	"github.com/visual4/1crm-update/crmclient/version"
)

// installedPkg is one upgrade_history row.
type installedPkg struct {
	spec       PackageSpec
	date       string   // YYYY-MM-DD
	source     string   // ZIP path; only for uninstallable packages (ZIP kept)
	conditions []string // ppack_conditions: what was installed of the optional parts
}

// uploadedPkg is one ZIP under cache/upgrades/<type>/ that is not installed.
type uploadedPkg struct {
	spec     PackageSpec
	fileName string
	size     int64
}

// source is the hidden "source" value of the package's row forms: the
// server path, never something the client should build (spec §5.1).
func (u *uploadedPkg) source() string { return packagePath(u.spec.Type, u.fileName) }

// packagePath is where UWizard::upload moves a package:
// cache/upgrades/<type>/<file name>.
func packagePath(typ, fileName string) string { return "cache/upgrades/" + typ + "/" + fileName }

// sourceIfUninstallable is the history row's kept ZIP: the cleanup step
// deletes the ZIP of packages that cannot be uninstalled.
func sourceIfUninstallable(p PackageSpec) string {
	if p.Uninstallable {
		return packagePath(p.Type, p.FileName)
	}
	return ""
}

func isCore(p PackageSpec) bool { return p.Type == "patch" && p.ID == manifest.CoreID }

// releaseOf is the numeric release of a core version ("8.7.7-318" → "8.7.7").
func releaseOf(v string) string { return version.ParseRelease(v).Release }

// toManifest converts a scenario package into the shared manifest type, so
// acceptance follows crmclient/manifest (spec §6.4) exactly.
//
// The optional parts go into keys the typed manifest does not interpret,
// as 7.x manifests have them: conditions (modules/dropdowns/layout: true)
// with copy_conditional, custom, precopy, hooks.commit (step → info).
// hooks.postcommit: true stands for a hooks file that defines the
// postcommit function (a simulator convention: the real marker is the
// function in the hooks file).
func toManifest(p PackageSpec) *manifest.Manifest {
	m := &manifest.Manifest{
		Name: p.Name, Description: p.Description, Author: p.Author, PublishedDate: p.PublishedDate,
		Version: p.Version, Type: p.Type, ID: p.ID, ThemeID: p.ThemeID,
		IsUninstallable: p.Uninstallable,
		RegexMatches:    append([]string(nil), p.RegexMatches...),
		ExactMatches:    append([]string(nil), p.ExactMatches...),
		Copy:            []manifest.CopyRule{{From: "root", To: "/"}},
		Raw:             map[string]any{},
	}
	conds, condCopy := map[string]any{}, map[string]any{}
	for _, c := range p.Conditions {
		if c == "custom" {
			m.Raw["custom"] = map[string]any{"fields": "custom/fields.php"}
			continue
		}
		conds[c] = true
		condCopy[c] = []map[string]any{{"from": "conditional/" + c, "to": "/"}}
	}
	if len(conds) > 0 {
		m.Raw["conditions"] = conds
		m.Raw["copy_conditional"] = condCopy
	}
	if p.Precopy {
		m.Raw["precopy"] = []map[string]any{{"from": "precopy", "to": "/"}}
	}
	if len(p.CommitHooks) > 0 || p.PostCommit {
		hooks := map[string]any{"file": "hooks.php"}
		if len(p.CommitHooks) > 0 {
			steps := map[string]any{}
			for _, h := range p.CommitHooks {
				steps[h] = map[string]any{"label": hookLabel(h)}
			}
			hooks["commit"] = steps
		}
		if p.PostCommit {
			hooks["postcommit"] = true
		}
		m.Raw["hooks"] = hooks
	}
	return m
}

func fromManifest(m *manifest.Manifest, fileName string) PackageSpec {
	p := PackageSpec{
		Name: m.Name, ID: m.ID, Type: m.Type, Version: m.Version, Description: m.Description,
		Author: m.Author, PublishedDate: m.PublishedDate, RegexMatches: m.RegexMatches,
		ExactMatches: m.ExactMatches, Uninstallable: m.IsUninstallable, ThemeID: m.ThemeID,
		FileName: fileName,
	}
	if conds, ok := m.Raw["conditions"].(map[string]any); ok {
		for _, c := range []string{"modules", "dropdowns", "layout"} {
			if truthy(conds[c]) {
				p.Conditions = append(p.Conditions, c)
			}
		}
	}
	if _, ok := m.Raw["custom"]; ok {
		p.Conditions = append(p.Conditions, "custom")
	}
	_, p.Precopy = m.Raw["precopy"]
	if hooks, ok := m.Raw["hooks"].(map[string]any); ok {
		if steps, ok := hooks["commit"].(map[string]any); ok {
			for name := range steps {
				p.CommitHooks = append(p.CommitHooks, name)
			}
			sort.Strings(p.CommitHooks) // a parsed map has no order
		}
		p.PostCommit = truthy(hooks["postcommit"])
	}
	return p
}

// truthy is PHP's !empty() for a manifest value.
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x != "" && x != "0"
	case nil:
		return false
	}
	return true
}

// hookLabel is the label a commit hook step reports (sim: the step name
// with spaces, first letter upper case).
func hookLabel(name string) string {
	l := strings.ReplaceAll(name, "_", " ")
	if l == "" {
		return l
	}
	return strings.ToUpper(l[:1]) + l[1:]
}

// accepts is the server's ERR_INVALID_VERSION check for running version v.
// The server compares the string it has, so an "uncertain" yes is still a yes.
func accepts(p PackageSpec, v string) bool { return toManifest(p).Accepts(v).OK }

// expectedVersions renders {EXPECTED_VERSIONS} of ERR_INVALID_VERSION
// like IAHManifest::validate: the regex list, then the exact list, each
// version made displayable (makeDisplayableVersion).
func expectedVersions(p PackageSpec) string { return toManifest(p).ExpectedVersions() }

// buildPackageZip builds a real package ZIP for the download links; padding
// adds a stored filler so the file has a realistic size.
func buildPackageZip(p PackageSpec, padding int64) ([]byte, error) {
	var buf bytes.Buffer
	files := []manifest.File{{
		Name: "root/modules/" + p.ID + "/version.txt",
		Body: strings.NewReader(fmt.Sprintf("%s %s\n", p.Name, p.Version)),
	}}
	if padding > 0 {
		files = append(files, manifest.File{Name: "root/include/filler.bin", Body: io.LimitReader(zeroReader{}, padding), Store: true})
	}
	if err := manifest.WriteZip(&buf, toManifest(p), files...); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type zeroReader struct{}

func (zeroReader) Read(b []byte) (int, error) {
	clear(b)
	return len(b), nil
}

// BuildPackageZip writes a package ZIP for p (tests of other packages use
// it to get uploadable files that match a scenario).
func BuildPackageZip(w io.Writer, p PackageSpec, padding int64) error {
	p.defaults()
	b, err := buildPackageZip(p, padding)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// installedByIDLocked finds the installed package with this id and type.
func (s *Server) installedByIDLocked(id, typ string) *installedPkg {
	for _, p := range s.installed {
		if p.spec.ID == id && p.spec.Type == typ {
			return p
		}
	}
	return nil
}
