package sim

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/visual4/1crm-update/crmclient/manifest"
	"github.com/visual4/1crm-update/crmclient/version"
)

// installedPkg is one upgrade_history row.
type installedPkg struct {
	spec   PackageSpec
	date   string // YYYY-MM-DD
	source string // file name; only for uninstallable packages (ZIP kept)
}

// uploadedPkg is one ZIP under cache/upgrades/<type>/ that is not installed.
type uploadedPkg struct {
	spec     PackageSpec
	fileName string
	size     int64
	prepared bool // prepare_install passed (warnings confirmed)
}

// source is the hidden "source" value of the package's row forms: the
// server path, never something the client should build (spec §5.1).
func (u *uploadedPkg) source() string {
	return "cache/upgrades/" + u.spec.Type + "/" + u.fileName
}

func sourceIfUninstallable(p PackageSpec) string {
	if p.Uninstallable {
		return p.FileName
	}
	return ""
}

func isCore(p PackageSpec) bool { return p.Type == "patch" && p.ID == manifest.CoreID }

// releaseOf is the numeric release of a core version ("8.7.7-318" → "8.7.7").
func releaseOf(v string) string { return version.ParseRelease(v).Release }

// toManifest converts a scenario package into the shared manifest type, so
// acceptance follows crmclient/manifest (spec §6.4) exactly.
func toManifest(p PackageSpec) *manifest.Manifest {
	return &manifest.Manifest{
		Name: p.Name, Description: p.Description, Author: p.Author, PublishedDate: p.PublishedDate,
		Version: p.Version, Type: p.Type, ID: p.ID, ThemeID: p.ThemeID,
		IsUninstallable: p.Uninstallable,
		RegexMatches:    append([]string(nil), p.RegexMatches...),
		ExactMatches:    append([]string(nil), p.ExactMatches...),
		Copy:            []manifest.CopyRule{{From: "root", To: "/"}},
	}
}

func fromManifest(m *manifest.Manifest, fileName string) PackageSpec {
	return PackageSpec{
		Name: m.Name, ID: m.ID, Type: m.Type, Version: m.Version, Description: m.Description,
		Author: m.Author, PublishedDate: m.PublishedDate, RegexMatches: m.RegexMatches,
		ExactMatches: m.ExactMatches, Uninstallable: m.IsUninstallable, ThemeID: m.ThemeID,
		FileName: fileName,
	}
}

// accepts is the server's ERR_INVALID_VERSION check for running version v.
// The server compares the string it has, so an "uncertain" yes is still a yes.
func accepts(p PackageSpec, v string) bool { return toManifest(p).Accepts(v).OK }

// expectedVersions renders {EXPECTED_VERSIONS} of ERR_INVALID_VERSION.
func expectedVersions(p PackageSpec) string {
	all := append(append([]string(nil), p.RegexMatches...), p.ExactMatches...)
	return strings.Join(all, ", ")
}

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
