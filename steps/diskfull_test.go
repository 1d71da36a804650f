package steps

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/journal"
)

// failWrites makes every journal write fail with errno until the returned
// func is called (fault injection: tests may run as root, where a
// read-only directory does not stop writes).
func failWrites(t *testing.T, w *Wizard, errno syscall.Errno) func() {
	t.Helper()
	dir := w.store.Dir() + string(filepath.Separator)
	restore := journal.SetWriteFault(func(path string) error {
		if !strings.HasPrefix(path, dir) {
			return nil // another test's state dir
		}
		return &os.PathError{Op: "write", Path: path, Err: errno}
	})
	t.Cleanup(restore)
	return restore
}

// TestJournalFull_W8_noServerChangeWithoutStartedRecord: when the journal
// cannot be written (disk full, read-only, no permission), a
// server-changing action does not start (its "started" record would be
// missing after a crash), the admin reads a specific sentence in German,
// and once space is free the run goes on and changes the server once.
func TestJournalFull_W8_noServerChangeWithoutStartedRecord(t *testing.T) {
	for _, c := range []struct {
		errno syscall.Errno
		why   string
	}{
		{syscall.ENOSPC, "der Datenträger ist voll"},
		{syscall.EROFS, "der Datenträger ist schreibgeschützt"},
		{syscall.EACCES, "keine Schreibrechte"},
	} {
		t.Run(c.errno.Error(), func(t *testing.T) {
			w, _, counts := germanRun(t, "demo")
			ctx := context.Background()
			driveTo(t, ctx, w, plan{path: PathB}, StepBackup)
			runDir := filepath.Join(w.store.Dir(), "runs", w.RunID())
			want := "Das Protokoll kann nicht geschrieben werden: " + c.why + " (" + runDir + "). Es wurde nichts am Server geändert"

			restore := failWrites(t, w, c.errno)
			_, err := w.Backup(ctx, nil, nil)
			var ae *ActionError
			if !errors.As(err, &ae) || !strings.HasPrefix(ae.Text, want) || !errors.Is(err, c.errno) {
				t.Fatalf("backup with a full journal:\n got %v\nwant %s", err, want)
			}
			if b, _ := counts(); b != 0 {
				t.Fatal("W8: backup started without its started record")
			}
			restore()

			// Space is back: the run goes on to the smoke checks.
			driveTo(t, ctx, w, plan{path: PathB}, StepSmoke)
			if b, i := counts(); b != 1 || i != 1 {
				t.Fatalf("server changes: backups %d installs %d", b, i)
			}
		})
	}
}

// TestJournalFull_W8_installNotStarted: the same at the install itself,
// then a restart (new wizard, Resume) finishes with one install.
func TestJournalFull_W8_installNotStarted(t *testing.T) {
	w, clk, counts := germanRun(t, "demo")
	ctx := context.Background()
	for w.Next() != StepInstall || w.Snapshot().Phase != PhaseInstall {
		driveTo(t, ctx, w, plan{path: PathB}, StepInstall)
		switch w.Snapshot().Phase {
		case PhaseUpload, "":
			must(t, w.Upload(ctx, nil))
		case PhasePrepare:
			_, err := w.Prepare(ctx)
			must(t, err)
		case PhaseConfirm:
			_, err := w.AcceptWarnings(ctx)
			must(t, err)
		}
	}
	restore := failWrites(t, w, syscall.ENOSPC)
	err := w.Install(ctx, nil)
	var ae *ActionError
	if !errors.As(err, &ae) || !strings.Contains(ae.Text, "der Datenträger ist voll") || !strings.Contains(ae.Text, "nichts am Server geändert") {
		t.Fatalf("install with a full journal: %v", err)
	}
	if _, i := counts(); i != 0 {
		t.Fatal("W8: install started without its started record")
	}
	restore()
	dir := w.store.Dir()
	must(t, w.Close())

	w2 := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de" })
	if w2.Unfinished() == nil {
		t.Fatal("run not resumable")
	}
	must(t, w2.Resume())
	w2.Attach(w.live, nil)
	must(t, drive(ctx, w2, plan{path: PathB}))
	if b, i := counts(); b != 1 || i != 1 {
		t.Fatalf("server changes: backups %d installs %d", b, i)
	}
}

// fullDiskCRM fails the download as a full disk would: the client
// reports *crmclient.DownloadWriteError (crmclient tests inject the
// real ENOSPC into the write itself).
type fullDiskCRM struct {
	CRM
}

func (f fullDiskCRM) Download(ctx context.Context, url, dest string, opt crmclient.DownloadOptions) (*crmclient.DownloadResult, error) {
	return nil, &crmclient.DownloadWriteError{Path: dest, Err: &os.PathError{Op: "write", Path: dest, Err: syscall.ENOSPC}}
}

// TestDownloadFullDisk_W2: a download onto a full disk fails cleanly: a
// specific German sentence, no partial file, not recorded as done, and
// the package step stays due.
func TestDownloadFullDisk_W2(t *testing.T) {
	w, _, _ := germanRun(t, "demo")
	ctx := context.Background()
	driveTo(t, ctx, w, plan{path: PathB}, StepPackage)
	real := w.live
	w.Attach(fullDiskCRM{real}, nil)
	must(t, w.Connect(ctx))
	_, err := w.DownloadUpdate(ctx, w.Snapshot().Preflight.Updates[0], nil)
	var ae *ActionError
	if !errors.As(err, &ae) || !strings.HasPrefix(ae.Text, "Das Update-Paket kann nicht gespeichert werden: der Datenträger ist voll") {
		t.Fatalf("download on a full disk: %v", err)
	}
	if goErrorPrefix.MatchString(ae.Text) {
		t.Errorf("Go wording in %q", ae.Text)
	}
	ents, _ := os.ReadDir(filepath.Join(w.store.Dir(), "runs", w.RunID()))
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".zip") || strings.Contains(e.Name(), ".part") {
			t.Errorf("partial download left: %s", e.Name())
		}
	}
	if w.j.IsDone(actDownload) || w.Next() != StepPackage {
		t.Fatalf("download counted as done (next %s)", w.Next())
	}
	w.Attach(real, nil)
	must(t, drive(ctx, w, plan{path: PathB}))
	if n := w.Snapshot().Package; n == nil || !n.OK {
		t.Fatalf("package after a retry: %+v", n)
	}
}

// TestJournalFull_W8_newRun: a state dir that cannot take a new run gives
// the same specific sentence at StartNew.
func TestJournalFull_W8_newRun(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	w := openWizard(t, t.TempDir(), clk.Now, func(c *Config) { c.Lang = "de" })
	failWrites(t, w, syscall.ENOSPC)
	err := w.StartNew()
	var ae *ActionError
	if !errors.As(err, &ae) || !strings.HasPrefix(ae.Text, "Das Protokoll kann nicht geschrieben werden: der Datenträger ist voll (") {
		t.Fatalf("StartNew on a full disk: %v", err)
	}
}

// TestJournalFull_W8_afterInstall: the disk fills while the install runs.
// The install happened, so the words say so, and the next session
// reconciles instead of installing again.
func TestJournalFull_W8_afterInstall(t *testing.T) {
	w, clk, counts := germanRun(t, "demo")
	ctx := context.Background()
	prev := crashHook
	t.Cleanup(func() { crashHook = prev })
	var restore func()
	crashHook = func(p string) {
		if p == "after:"+actInstall(StageLive) {
			restore = failWrites(t, w, syscall.ENOSPC)
		}
	}
	err := drive(ctx, w, plan{path: PathB})
	crashHook = nil
	var ae *ActionError
	if !errors.As(err, &ae) || !strings.Contains(ae.Text, "der Datenträger ist voll") || !strings.Contains(ae.Text, "Die Änderung am Server ist erfolgt") {
		t.Fatalf("full disk after the install: %v", err)
	}
	restore()
	dir := w.store.Dir()
	must(t, w.Close())
	w2 := openWizard(t, dir, clk.Now, func(c *Config) { c.Lang = "de" })
	must(t, w2.Resume())
	w2.Attach(w.live, nil)
	must(t, drive(ctx, w2, plan{path: PathB}))
	if b, i := counts(); b != 1 || i != 1 {
		t.Fatalf("server changes: backups %d installs %d", b, i)
	}
}
