package steps

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// The bundle for the partner (issue 10, `1crm-update report --bundle
// FILE.zip`): one ZIP with the support report, the run's log, the admin
// pages the client could not read (runs/<ID>/pages/) and the journal —
// everything the partner needs to see what happened and to fix a parser,
// and nothing secret: the report and the journal never hold a secret, the
// log is written redacted, the pages were cleaned when kept, and every
// file passes the secret registry once more on its way into the ZIP.

// ErrBundleExists: the bundle file is there already and overwriting was
// not asked for.
var ErrBundleExists = errors.New("steps: the bundle file exists already")

// Bundle describes a written bundle.
type Bundle struct {
	Path  string   // the ZIP file
	RunID string   // the run it packs
	Files []string // the names inside, in order: README.txt, report.md, wizard.log, journal.json, pages/…
	Pages int      // how many kept pages (each an .html and a .headers.txt)
}

// WriteBundle packs the run runID (the latest run when "") of stateDir
// into dest (mode 0600). An existing dest is refused with ErrBundleExists
// unless overwrite is set; the ZIP is written to a temporary file next to
// dest and renamed into place, so a failed write leaves no half bundle.
func WriteBundle(stateDir, runID, dest string, overwrite bool) (*Bundle, error) {
	if !overwrite {
		if _, err := os.Lstat(dest); err == nil {
			return nil, fmt.Errorf("%w: %s", ErrBundleExists, dest)
		}
	}
	store, err := journal.OpenStoreReadOnly(stateDir)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	id, err := resolveRun(store, runID)
	if err != nil {
		return nil, err
	}
	rep, err := latestReport(stateDir, id)
	if err != nil {
		return nil, err
	}
	j, err := store.Open(id)
	if err != nil {
		return nil, err
	}
	lang := "de"
	var st runState
	if ok, _ := j.Get(stateKey, &st); ok && st.Lang != "" {
		lang = st.Lang
	}
	b := &Bundle{Path: dest, RunID: id}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".bundle-*.zip")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up a failure
	if err := fillBundle(tmp, b, j.Dir(), rep, text.For(lang)); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Chmod(journal.FileMode); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	if !overwrite {
		if _, err := os.Lstat(dest); err == nil {
			return nil, fmt.Errorf("%w: %s", ErrBundleExists, dest)
		}
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return nil, err
	}
	return b, nil
}

// fillBundle writes the ZIP into f.
func fillBundle(f io.Writer, b *Bundle, runDir, report string, tx text.Texts) error {
	zw := zip.NewWriter(f)
	add := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()})
		if err != nil {
			return err
		}
		// Every file passes the secret registry once more (belt and braces).
		if _, err := w.Write([]byte(journal.RedactText(string(data)))); err != nil {
			return err
		}
		b.Files = append(b.Files, name)
		return nil
	}
	var pages []string
	if es, err := os.ReadDir(filepath.Join(runDir, pagesDir)); err == nil {
		for _, e := range es {
			if e.Type().IsRegular() {
				pages = append(pages, e.Name())
			}
		}
	}
	sort.Strings(pages)
	for _, p := range pages {
		if strings.HasSuffix(p, ".html") {
			b.Pages++
		}
	}
	if err := add("README.txt", []byte(tx.BundleReadme(b.RunID, b.Pages)+"\n")); err != nil {
		return err
	}
	if err := add(reportFile, []byte(report)); err != nil {
		return err
	}
	for _, name := range []string{"wizard.log", "journal.json"} {
		data, err := os.ReadFile(filepath.Join(runDir, name))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if err := add(name, data); err != nil {
			return err
		}
	}
	for _, p := range pages {
		data, err := os.ReadFile(filepath.Join(runDir, pagesDir, p))
		if err != nil {
			return err
		}
		if err := add(pagesDir+"/"+p, data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// resolveRun is runID, or the latest readable run when it is "" (the
// newest run may be the unreadable one: never an older one without a word).
func resolveRun(store *journal.Store, runID string) (string, error) {
	if runID != "" {
		return runID, nil
	}
	if err := store.CheckReadable(); err != nil {
		return "", err
	}
	runs, err := store.Runs()
	if err != nil {
		return "", err
	}
	sort.SliceStable(runs, func(i, k int) bool { return runs[i].Started.After(runs[k].Started) })
	for _, r := range runs {
		if r.Err == nil {
			return r.ID, nil
		}
	}
	return "", journal.ErrNotFound
}
