package bench

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/visual4/1crm-update/crmclient/backupcheck"
)

func writeTempBackup(tb testing.TB, shape BackupShape) (string, int) {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "backup_20261124_101500.zip")
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	tables, err := WriteBackup(f, shape)
	if err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return p, tables
}

// The generated backup is what the benchmark claims: about the size asked
// for, a complete dump with the tables written, and intact for the verifier.
func TestWriteBackupVerifies(t *testing.T) {
	p, tables := writeTempBackup(t, BackupShape{Size: 24 << 20, AppFiles: 300})
	r, err := backupcheck.Verify(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Dump == nil || r.Dump.Tables != tables || r.Entries < 300 {
		t.Fatalf("result %+v dump %+v (tables written %d)", r, r.Dump, tables)
	}
	if r.Size < 23<<20 || r.Size > 25<<20 {
		t.Errorf("size %d, want about 24 MiB", r.Size)
	}
}

func BenchmarkVerifyBackup(b *testing.B) {
	p, _ := writeTempBackup(b, BackupShape{Size: 64 << 20, AppFiles: 2000})
	st, _ := os.Stat(p)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := backupcheck.Verify(context.Background(), p, nil); err != nil {
			b.Fatal(err)
		}
	}
}
