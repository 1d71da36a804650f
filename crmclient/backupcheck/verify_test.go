package backupcheck

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dumpSQL is a small mysqldump-shaped dump with n tables; complete adds
// the closing comment line.
func dumpSQL(n int, complete bool) string {
	var b strings.Builder
	b.WriteString("-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: onecrm\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "DROP TABLE IF EXISTS `t%d`;\nCREATE TABLE `t%d` (\n  `id` char(36) NOT NULL\n) ENGINE=InnoDB;\n", i, i)
		// Data that mentions the statement does not count: inside a value
		// a newline is written as \n.
		fmt.Fprintf(&b, "INSERT INTO `t%d` VALUES ('a\\nCREATE TABLE x'),('%s');\n", i, strings.Repeat("x", 200))
	}
	if complete {
		b.WriteString("/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n\n-- Dump completed on 2026-11-24 10:15:00\n")
	}
	return b.String()
}

type entry struct {
	name, body string
	store      bool
}

func writeArchive(t *testing.T, dir, name string, entries ...entry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		m := zip.Deflate
		if e.store {
			m = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: m})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func goodArchive(t *testing.T, dir string) string {
	return writeArchive(t, dir, "backup_20261124_101500.zip",
		entry{name: "iahdb_20261124_101500.sql", body: dumpSQL(12, true)},
		entry{name: "config.php", body: "<?php\n$sugar_config = array();\n"},
		entry{name: "custom/", body: ""},
		entry{name: "modules/Accounts/Account.php", body: strings.Repeat("<?php // account\n", 500), store: true},
	)
}

func verify(t *testing.T, p string) *Result {
	t.Helper()
	r, err := Verify(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func fileSHA(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestVerifyGoodBackup(t *testing.T) {
	p := goodArchive(t, t.TempDir())
	var last [2]int64
	r, err := Verify(context.Background(), p, func(read, total int64) { last = [2]int64{read, total} })
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("problems: %v", r.Problems)
	}
	st, _ := os.Stat(p)
	if r.Size != st.Size() || r.SHA256 != fileSHA(t, p) || r.Entries != 4 {
		t.Errorf("size %d sha %s entries %d", r.Size, r.SHA256, r.Entries)
	}
	if r.Dump == nil || r.Dump.Name != "iahdb_20261124_101500.sql" || r.Dump.Tables != 12 || !r.Dump.Complete ||
		r.Dump.Size != int64(len(dumpSQL(12, true))) {
		t.Errorf("dump %+v", r.Dump)
	}
	if last != [2]int64{r.Size, r.Size} {
		t.Errorf("last progress %v", last)
	}
}

// A dump that mysqldump did not finish: the archive is intact, the dump
// lacks its closing line (1CRM zips it anyway and says "Backup Complete").
func TestVerifyTruncatedDump(t *testing.T) {
	sql := dumpSQL(40, true)
	cut := sql[:len(sql)*3/5]
	p := writeArchive(t, t.TempDir(), "b.zip", entry{name: "iahdb_1.sql", body: cut}, entry{name: "config.php", body: "x"})
	r := verify(t, p)
	if !r.Has(DumpIncomplete) || r.Has(Damaged) || r.Dump == nil || r.Dump.Complete || r.Dump.Tables == 0 || r.Dump.Tables >= 40 {
		t.Errorf("result %+v dump %+v", r.Problems, r.Dump)
	}
	// An empty dump (mysqldump could not start) is its own finding.
	r = verify(t, writeArchive(t, t.TempDir(), "e.zip", entry{name: "iahdb_1.sql", body: ""}))
	if !r.Has(DumpEmpty) || r.Has(DumpIncomplete) {
		t.Errorf("empty dump: %v", r.Problems)
	}
}

// flip changes bytes in the middle of an entry's data on disk.
func flip(t *testing.T, p, name string) {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	var off, size int64
	for _, f := range zr.File {
		if f.Name == name {
			off, _ = f.DataOffset()
			size = int64(f.CompressedSize64)
		}
	}
	zr.Close()
	b, _ := os.ReadFile(p)
	mid := off + size/2
	for i := mid; i < mid+4; i++ {
		b[i] ^= 0x55
	}
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Flipped bytes inside an entry: the CRC-32 (or the inflater) catches it
// and names the entry; the SHA-256 still covers the file as it is.
func TestVerifyDamagedEntry(t *testing.T) {
	for _, name := range []string{"modules/Accounts/Account.php", "iahdb_20261124_101500.sql"} {
		t.Run(name, func(t *testing.T) {
			p := goodArchive(t, t.TempDir())
			flip(t, p, name)
			r := verify(t, p)
			if !r.Has(Damaged) || r.Problems[0].Entry != name {
				t.Fatalf("problems %v", r.Problems)
			}
			if r.SHA256 != fileSHA(t, p) {
				t.Error("sha256 of the damaged file")
			}
		})
	}
}

func TestVerifyMissingDump(t *testing.T) {
	p := writeArchive(t, t.TempDir(), "b.zip", entry{name: "config.php", body: "x"},
		entry{name: "files/iahdb_old.sql", body: dumpSQL(1, true)}) // not at the root: not 1CRM's dump
	r := verify(t, p)
	if !r.Has(NoDump) || len(r.Problems) != 1 || r.Dump != nil {
		t.Errorf("problems %v", r.Problems)
	}
}

// A file cut short (still being written, full disk) has no ZIP directory.
func TestVerifyCutFile(t *testing.T) {
	p := goodArchive(t, t.TempDir())
	b, _ := os.ReadFile(p)
	must(t, os.WriteFile(p, b[:len(b)/2], 0o600))
	r := verify(t, p)
	if !r.Has(NotZip) || r.SHA256 != fileSHA(t, p) || r.Size != int64(len(b)/2) {
		t.Errorf("problems %v sha %s", r.Problems, r.SHA256)
	}
}

func TestVerifyUnreadablePath(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{filepath.Join(dir, "backup_missing.zip"), dir} {
		_, err := Verify(context.Background(), p, nil)
		var ue *UnreadableError
		if !errors.As(err, &ue) || ue.Path != p {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestVerifyCancel(t *testing.T) {
	p := goodArchive(t, t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Verify(ctx, p, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v", err)
	}
}

// The table count holds across chunk borders.
func TestDumpScannerChunks(t *testing.T) {
	sql := []byte(dumpSQL(25, true))
	for _, size := range []int{1, 3, 7, 13, 64, 4096} {
		s := &dumpScanner{}
		for i := 0; i < len(sql); i += size {
			s.write(sql[i:min(i+size, len(sql))])
		}
		if s.tables != 25 || !s.complete() {
			t.Errorf("chunk %d: tables %d complete %v", size, s.tables, s.complete())
		}
	}
}

func TestFarSmaller(t *testing.T) {
	cases := []struct {
		size, prev int64
		want       bool
	}{
		{100, 100, false}, {71, 100, false}, {70, 100, false}, {69, 100, true}, {10, 100, true},
		{200, 100, false}, {0, 100, false}, {100, 0, false},
	}
	for _, c := range cases {
		if got := FarSmaller(c.size, c.prev); got != c.want {
			t.Errorf("FarSmaller(%d, %d) = %v", c.size, c.prev, got)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
