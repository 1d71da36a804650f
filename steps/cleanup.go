package steps

import (
	"os"
	"path/filepath"
	"strings"
)

// Downloads of finished runs (issue 10 item 4): every run downloads the
// update into runs/<ID>/downloads/ (the demo's is 48 MiB), and nothing
// removed them, so they piled up in the state directory. A finished run
// needs its package no more — the report keeps its name, version and
// SHA-256 — so its downloads go when it finishes, and those of runs that
// finished earlier go when a run starts. What a run that can still go on
// needs stays: the downloads of unfinished runs, and any file such a run
// took over as its package from a run it continued (W8).

const downloadsDir = "downloads"

// cleanFinishedDownloadsLocked removes the downloads of every finished run
// of the store except files an unfinished run uses as its package. It
// returns the number of bytes freed; failures are journaled, never fatal.
func (w *Wizard) cleanFinishedDownloadsLocked() int64 {
	if w.store == nil {
		return 0
	}
	runs, err := w.store.Runs()
	if err != nil {
		return 0
	}
	keep := map[string]bool{}
	if w.st != nil && !w.st.Finished && w.st.Package != nil {
		keep[filepath.Clean(w.st.Package.Path)] = true
	}
	for _, r := range runs {
		if r.Finished || r.Err != nil {
			continue
		}
		j, err := w.store.Open(r.ID)
		if err != nil {
			continue
		}
		var st runState
		if ok, _ := j.Get(stateKey, &st); ok && st.Package != nil && st.Package.Path != "" {
			keep[filepath.Clean(st.Package.Path)] = true
		}
	}
	var freed int64
	for _, r := range runs {
		if !r.Finished || r.Err != nil {
			continue
		}
		freed += removeDownloads(filepath.Join(r.Dir, downloadsDir), keep)
	}
	if freed > 0 && w.j != nil {
		_ = w.j.Event("downloads_cleaned", journalData("bytes", itoa64(freed)))
	}
	return freed
}

// removeDownloads deletes the regular files of dir (the folder too when it
// ends up empty) except those in keep; it returns the bytes removed.
func removeDownloads(dir string, keep map[string]bool) int64 {
	es, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var freed int64
	left := 0
	for _, e := range es {
		p := filepath.Join(dir, e.Name())
		if !e.Type().IsRegular() || keep[filepath.Clean(p)] || !isDownloadFile(e.Name()) {
			left++
			continue
		}
		info, err := e.Info()
		if err != nil {
			left++
			continue
		}
		if os.Remove(p) == nil {
			freed += info.Size()
		} else {
			left++
		}
	}
	if left == 0 {
		_ = os.Remove(dir)
	}
	return freed
}

// isDownloadFile: an update ZIP the wizard wrote, or its unfinished part.
func isDownloadFile(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".zip") || strings.HasSuffix(n, ".zip.part")
}
