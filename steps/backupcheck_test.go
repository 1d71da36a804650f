package steps

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
)

// onServer is the wizard running on the CRM server itself: the Backup
// History's paths are the simulator's real files. damage, when set,
// changes the new file the way a failed mysqldump or disk would.
type onServer struct {
	CRM
	srv    *sim.Server
	damage func(t testing.TB, path string)
	t      testing.TB
}

func (o onServer) local(e crmclient.BackupEntry) crmclient.BackupEntry {
	if p, ok := o.srv.BackupFile(e.Name); ok {
		e.Path = p
	}
	return e
}

func (o onServer) RunBackup(ctx context.Context, elapsed func(time.Duration)) (*crmclient.BackupEntry, error) {
	e, err := o.CRM.RunBackup(ctx, elapsed)
	if err != nil {
		return nil, err
	}
	l := o.local(*e)
	if o.damage != nil {
		o.damage(o.t, l.Path)
	}
	return &l, nil
}

func (o onServer) BackupPage(ctx context.Context) (*crmclient.BackupPage, error) {
	p, err := o.CRM.BackupPage(ctx)
	if err != nil {
		return nil, err
	}
	for i := range p.History {
		p.History[i] = o.local(p.History[i])
	}
	return p, nil
}

// rewriteDump rewrites the backup with its dump cut to keep (0..1).
func rewriteDump(keep float64) func(t testing.TB, path string) {
	return func(t testing.TB, path string) {
		t.Helper()
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range zr.File {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			if strings.HasPrefix(f.Name, "iahdb_") {
				b = b[:int(float64(len(b))*keep)]
			}
			w, _ := zw.Create(f.Name)
			w.Write(b)
		}
		zr.Close()
		must(t, zw.Close())
		must(t, os.WriteFile(path, buf.Bytes(), 0o600))
	}
}

func backupRun(t *testing.T, sc *sim.Scenario, damage func(testing.TB, string), mod ...func(*Config)) (*Wizard, *sim.Running) {
	t.Helper()
	clk := &testClock{t: tuesday9()}
	live := startSim(t, sc, clk.Now)
	w := attachRun(t, clk, live, nil, mod...)
	w.Attach(onServer{CRM: newClient(t, live.URL, clk.Now), srv: live.Server, damage: damage, t: t}, nil)
	driveTo(t, context.Background(), w, plan{path: PathB}, StepBackup)
	return w, live
}

func lastBackup(t *testing.T, w *Wizard) BackupInfo {
	t.Helper()
	bs := w.Snapshot().Backups
	if len(bs) == 0 {
		t.Fatal("no backup in the snapshot")
	}
	return bs[len(bs)-1]
}

// R10 / issue 12: on the CRM server the backup file is read: verified,
// N tables, dump complete, SHA-256 of the file — on screen (verdicts),
// in the journal and in the report.
func TestBackupVerified_R10(t *testing.T) {
	sc := fastScenario(t, "demo")
	// The demo's older backups are listed at 150 MB; the simulator's own
	// are a few KB, which would be "far smaller" (TestBackupShrunk_R10).
	sc.Backup.Existing = nil
	w, live := backupRun(t, sc, nil, func(c *Config) { c.Lang = "en" })
	var last [2]int64
	e, err := w.Backup(context.Background(), nil, func(r, n int64) { last = [2]int64{r, n} })
	must(t, err)
	b := lastBackup(t, w)
	c := b.Check
	if c == nil || c.Status != BackupVerified || c.Tables != 4 || c.Shrunk {
		t.Fatalf("check %+v", c)
	}
	p, _ := live.Server.BackupFile(e.Name)
	raw, _ := os.ReadFile(p)
	sum := sha256.Sum256(raw)
	if c.SHA256 != hex.EncodeToString(sum[:]) || c.Size != int64(len(raw)) || c.Path != p || last[1] != c.Size {
		t.Errorf("sha %s size %d path %s progress %v", c.SHA256, c.Size, c.Path, last)
	}
	if w.Next() != StepInstall {
		t.Fatalf("next %s", w.Next())
	}
	want := "verified: 4 tables, dump complete"
	if vt := verdictText(c.Verdicts); !strings.Contains(vt, want) || !strings.Contains(vt, c.SHA256) {
		t.Errorf("verdicts:\n%s", vt)
	}
	if rep := w.Report(); !strings.Contains(rep, want) || !strings.Contains(rep, c.SHA256) {
		t.Errorf("report lacks the check:\n%s", rep)
	}
	if j := readJournal(t, w); !strings.Contains(j, `"backup_check"`) || !strings.Contains(j, c.SHA256) {
		t.Error("journal lacks the backup_check event")
	}
}

// Not readable from here (the history's server path): said plainly, never
// a silent pass; the step goes on (most admins cannot read the file).
func TestBackupNotReadable_R10(t *testing.T) {
	w, _, _ := startRun(t, "demo", inGerman)
	driveTo(t, context.Background(), w, plan{path: PathB}, StepBackup)
	e, err := w.Backup(context.Background(), nil, nil)
	must(t, err)
	c := lastBackup(t, w).Check
	if c == nil || c.Status != BackupUnreadable || c.Path != e.Path || w.Next() != StepInstall {
		t.Fatalf("check %+v next %s", c, w.Next())
	}
	want := "nicht geprüft: von hier aus nicht lesbar (" + e.Path + ")"
	if vt := verdictText(c.Verdicts); !strings.Contains(vt, want) || !strings.Contains(vt, "--backup-dir") {
		t.Errorf("verdicts:\n%s", vt)
	}
	if !strings.Contains(w.Report(), want) {
		t.Error("report does not say the backup was not verified")
	}
}

// --backup-dir: a copied backup folder is read instead of the server path.
func TestBackupDir_R10(t *testing.T) {
	dir := t.TempDir()
	clk := &testClock{t: tuesday9()}
	live := startSim(t, fastScenario(t, "demo"), clk.Now)
	w := attachRun(t, clk, live, nil, func(c *Config) { c.BackupDir = dir })
	copyTo := func(t testing.TB, p string) {
		b, err := os.ReadFile(p)
		must(t, err)
		must(t, os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o600))
	}
	// The server path stays the history's; only the copy is readable.
	w.Attach(copier{CRM: newClient(t, live.URL, clk.Now), srv: live.Server, copy: copyTo, t: t}, nil)
	driveTo(t, context.Background(), w, plan{path: PathB}, StepBackup)
	e, err := w.Backup(context.Background(), nil, nil)
	must(t, err)
	c := lastBackup(t, w).Check
	if c == nil || c.Status != BackupVerified || c.Path != filepath.Join(dir, e.Name) {
		t.Fatalf("check %+v", c)
	}
}

type copier struct {
	CRM
	srv  *sim.Server
	copy func(testing.TB, string)
	t    testing.TB
}

func (c copier) RunBackup(ctx context.Context, elapsed func(time.Duration)) (*crmclient.BackupEntry, error) {
	e, err := c.CRM.RunBackup(ctx, elapsed)
	if err == nil {
		p, _ := c.srv.BackupFile(e.Name)
		c.copy(c.t, p)
	}
	return e, err
}

// A dump that stopped half-way: the step stays due (R10: no usable
// backup), the install is refused; a new backup or a reason goes on.
func TestBackupTruncatedDump_R10_blocks(t *testing.T) {
	w, live := backupRun(t, fastScenario(t, "demo"), rewriteDump(0.6), func(c *Config) { c.Lang = "en" })
	ctx := context.Background()
	_, err := w.Backup(ctx, nil, nil)
	must(t, err)
	c := lastBackup(t, w).Check
	if c == nil || c.Status != BackupBroken || w.Next() != StepBackup {
		t.Fatalf("check %+v next %s", c, w.Next())
	}
	vt := verdictText(c.Verdicts)
	if !strings.Contains(vt, "check failed") || !strings.Contains(vt, "did not finish") || !hasRule(c.Verdicts, "R10", LevelBlock) {
		t.Errorf("verdicts:\n%s", vt)
	}
	if errs := w.Snapshot().Errors; len(errs) != 1 || !strings.Contains(errs[0].Text, "check failed") {
		t.Errorf("errors %+v", errs)
	}
	var ref *Refusal
	if err := w.Install(ctx, nil); !errors.As(err, &ref) {
		t.Fatalf("install not refused: %v", err)
	}
	if err := w.AcceptBackupProblem("  "); !errors.As(err, &ref) {
		t.Fatalf("empty reason accepted: %v", err)
	}
	// A new backup is the way on: made and checked again.
	if _, err := w.Backup(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := live.Server.Counters().BackupsMade; n != 2 || w.Next() != StepBackup {
		t.Fatalf("backups %d next %s", n, w.Next())
	}
	must(t, w.AcceptBackupProblem("hoster snapshot 08:00 verified"))
	if w.Next() != StepInstall {
		t.Fatalf("next %s", w.Next())
	}
	if rep := w.Report(); !strings.Contains(rep, "hoster snapshot 08:00 verified") || !strings.Contains(rep, "dump_incomplete") {
		t.Errorf("report:\n%s", rep)
	}
}

// A damaged archive entry (flipped bytes → CRC error) fails the check.
func TestBackupDamagedEntry_R10(t *testing.T) {
	flipDump := func(t testing.TB, p string) {
		b, err := os.ReadFile(p)
		must(t, err)
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		must(t, err)
		for _, f := range zr.File {
			if strings.HasPrefix(f.Name, "iahdb_") {
				off, _ := f.DataOffset()
				mid := off + int64(f.CompressedSize64)/2
				b[mid] ^= 0xff
				b[mid+1] ^= 0xff
			}
		}
		must(t, os.WriteFile(p, b, 0o600))
	}
	w, _ := backupRun(t, fastScenario(t, "demo"), flipDump, func(c *Config) { c.Lang = "en" })
	_, err := w.Backup(context.Background(), nil, nil)
	must(t, err)
	c := lastBackup(t, w).Check
	if c == nil || c.Status != BackupBroken || !strings.Contains(verdictText(c.Verdicts), "damaged") {
		t.Fatalf("check %+v", c)
	}
}

// The dump is on, but the archive holds none: broken. With the dump
// switched off (DumpWarn) the archive is only warned about.
func TestBackupMissingDump_R10(t *testing.T) {
	dropDump := func(t testing.TB, p string) {
		zr, err := zip.OpenReader(p)
		must(t, err)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range zr.File {
			if !strings.HasPrefix(f.Name, "iahdb_") {
				w, _ := zw.Create(f.Name)
				rc, _ := f.Open()
				io.Copy(w, rc)
				rc.Close()
			}
		}
		zr.Close()
		must(t, zw.Close())
		must(t, os.WriteFile(p, buf.Bytes(), 0o600))
	}
	w, _ := backupRun(t, fastScenario(t, "demo"), dropDump)
	_, err := w.Backup(context.Background(), nil, nil)
	must(t, err)
	if c := lastBackup(t, w).Check; c == nil || c.Status != BackupBroken || w.Next() != StepBackup {
		t.Fatalf("dump on, none in the archive: %+v", c)
	}

	w, _ = backupRun(t, fastScenario(t, "backup-without-dump"), nil)
	_, err = w.Backup(context.Background(), nil, nil)
	must(t, err)
	if c := lastBackup(t, w).Check; c == nil || c.Status != BackupNoDump || w.Next() != StepInstall {
		t.Fatalf("dump off: %+v next %s", c, w.Next())
	}
}

// A backup far smaller than the previous one in the history is a warning
// (backupcheck.FarSmaller), also when the file cannot be read.
func TestBackupShrunk_R10(t *testing.T) {
	sc := fastScenario(t, "demo")
	sc.Backup.Existing = append(sc.Backup.Existing, sim.BackupFileSpec{Name: "backup_20261123_230000.zip", SizeBytes: 150 << 20})
	w, _, _ := func() (*Wizard, *testClock, *sim.Running) {
		clk := &testClock{t: tuesday9()}
		live := startSim(t, sc, clk.Now)
		return attachRun(t, clk, live, nil, func(c *Config) { c.Lang = "en" }), clk, live
	}()
	driveTo(t, context.Background(), w, plan{path: PathB}, StepBackup)
	_, err := w.Backup(context.Background(), nil, nil)
	must(t, err)
	c := lastBackup(t, w).Check
	if c == nil || !c.Shrunk || c.Previous != "backup_20261123_230000.zip" || w.Next() != StepInstall {
		t.Fatalf("check %+v", c)
	}
	if vt := verdictText(c.Verdicts); !strings.Contains(vt, "far smaller than the previous one") || !hasRule(c.Verdicts, "R10", LevelWarn) {
		t.Errorf("verdicts:\n%s", vt)
	}
}

// W8: a check cancelled half-way is taken up by the next Backup call
// without a second backup on the server.
func TestBackupCheckCancelled_W8(t *testing.T) {
	sc := fastScenario(t, "demo")
	sc.Backup.SizeBytes = 24 << 20 // big enough for several progress calls
	w, live := backupRun(t, sc, nil)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := w.Backup(ctx, nil, func(read, total int64) {
		if read < total {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || w.Next() != StepBackup {
		t.Fatalf("err %v next %s", err, w.Next())
	}
	_, err = w.Backup(context.Background(), nil, nil)
	must(t, err)
	if c := live.Server.Counters(); c.BackupsStarted != 1 || lastBackup(t, w).Check.Status != BackupVerified || w.Next() != StepInstall {
		t.Fatalf("backups %+v check %+v", c, lastBackup(t, w).Check)
	}
}

func readJournal(t *testing.T, w *Wizard) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(w.j.Dir(), "journal.json"))
	must(t, err)
	return string(b)
}
