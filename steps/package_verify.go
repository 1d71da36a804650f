package steps

import (
	"errors"
	"fmt"

	"github.com/visual4/1crm-update/steps/localfile"
)

// ErrPackageChanged: the package file is no longer the one validated (W2):
// its SHA-256 differs from the one recorded, or it cannot be read.
var ErrPackageChanged = errors.New("steps: the package file changed since it was checked")

// verifyPackage hashes the package file again, streaming, right before an
// upload and compares it with the SHA-256 recorded at validation (W2). A
// file swapped or damaged in between is refused: what was checked (and on
// path A tested) is what gets installed. It returns the admin's words and
// ErrPackageChanged.
func (w *Wizard) verifyPackage(pc *PackageCheck) (string, error) {
	sum, _, err := localfile.SHA256(pc.Path)
	if err != nil {
		code, arg := packageProblem(err)
		return w.tx.PackageGone(pc.Path, w.tx.PackageProblem(code, arg)), fmt.Errorf("%w: %w", ErrPackageChanged, err)
	}
	if sum != pc.SHA256 {
		return w.tx.PackageChanged(pc.Path, pc.SHA256, sum), fmt.Errorf("%w: SHA-256 %s, recorded %s", ErrPackageChanged, sum, pc.SHA256)
	}
	return "", nil
}
