// Package backupcheck verifies a 1CRM backup archive on the local disk:
// backup_YYYYMMDD_HHMMSS.zip as 1CRM's runBackup writes it (spec §4;
// modules/Administration/backup_utils.php): a ZIP holding the database
// dump iahdb_YYYYMMDD_HHMMSS.sql (mysqldump) and the application files.
//
// 1CRM ignores mysqldump's exit status: a dump that stopped half-way (lost
// connection, full temp disk, killed) is zipped all the same and the page
// says "Backup Complete". So the archive is read once, end to end: every
// entry is decompressed and its CRC-32 checked, the dump must end with
// mysqldump's closing "-- Dump completed" comment, its CREATE TABLE
// statements are counted, and size and SHA-256 are recorded. Memory stays
// flat in the archive's size (streamed; only the ZIP directory is held).
//
// It reads a local file and knows nothing of HTTP or screens.
package backupcheck

import (
	"archive/zip"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	kflate "github.com/klauspost/compress/flate"
)

// Result is what one verification found. Problems empty: the archive is
// intact and holds a complete dump.
type Result struct {
	Path     string
	Size     int64
	SHA256   string // hex; the whole file, whatever its content
	Entries  int    // files in the archive (0 when no ZIP directory was found)
	Dump     *Dump  // nil when the archive holds no iahdb_*.sql
	Problems []Problem
	Duration time.Duration
}

// OK reports whether nothing is wrong with the archive.
func (r *Result) OK() bool { return len(r.Problems) == 0 }

// Has reports whether a problem of this kind was found.
func (r *Result) Has(k Kind) bool {
	for _, p := range r.Problems {
		if p.Kind == k {
			return true
		}
	}
	return false
}

// Dump describes the database dump inside the archive.
type Dump struct {
	Name     string // entry name, e.g. iahdb_20261124_101500.sql
	Size     int64  // uncompressed bytes
	Tables   int    // CREATE TABLE statements
	Complete bool   // ends with mysqldump's "-- Dump completed" line
}

// Kind classifies a problem.
type Kind string

const (
	// NotZip: no ZIP directory at the end of the file — a file cut short
	// (still being written, disk full) or no ZIP at all.
	NotZip Kind = "not_zip"
	// Damaged: an entry cannot be read back: CRC-32 mismatch, broken
	// compressed data, bad header. Entry names it.
	Damaged Kind = "damaged"
	// NoDump: no iahdb_*.sql in the archive (dump disabled or failed).
	NoDump Kind = "no_dump"
	// DumpEmpty: the dump file is empty (mysqldump could not even start).
	DumpEmpty Kind = "dump_empty"
	// DumpIncomplete: the dump does not end with "-- Dump completed".
	DumpIncomplete Kind = "dump_incomplete"
)

// Problem is one finding.
type Problem struct {
	Kind   Kind
	Entry  string // the archive entry concerned, if any
	Detail string // technical, English
}

func (p Problem) String() string {
	if p.Entry != "" {
		return string(p.Kind) + " (" + p.Entry + "): " + p.Detail
	}
	return string(p.Kind) + ": " + p.Detail
}

// UnreadableError: the file cannot be read from here (missing, no
// permission, not a regular file, an I/O error). Nothing is known about
// the backup then; it is not a verdict on it.
type UnreadableError struct {
	Path string
	Err  error
}

func (e *UnreadableError) Error() string {
	return "backup not readable: " + e.Path + ": " + e.Err.Error()
}
func (e *UnreadableError) Unwrap() error { return e.Err }

// dumpPrefix and dumpSuffix name the dump as runBackup does ("iahdb_{$now}.sql"
// at the archive root).
const (
	dumpPrefix = "iahdb_"
	dumpSuffix = ".sql"
)

// progressStep: progress is reported at most once per this many bytes.
const progressStep = 8 << 20

// Verify reads the archive at path once and reports what it holds.
// progress (may be nil) gets bytes read so far and the file size. An
// unreadable file gives *UnreadableError; a cancelled ctx gives ctx.Err();
// anything wrong inside the archive is a Problem in the Result.
func Verify(ctx context.Context, filePath string, progress func(read, total int64)) (*Result, error) {
	start := time.Now()
	f, err := os.Open(filePath)
	if err != nil {
		return nil, &UnreadableError{Path: filePath, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &UnreadableError{Path: filePath, Err: err}
	}
	if !st.Mode().IsRegular() {
		return nil, &UnreadableError{Path: filePath, Err: errors.New("not a regular file")}
	}
	res := &Result{Path: filePath, Size: st.Size()}
	if progress != nil {
		progress(0, res.Size)
	}
	hf := newHashingFile(f, st.Size())
	v := &verifier{ctx: ctx, res: res, hf: hf, progress: progress, buf: make([]byte, 256<<10)}
	if err := v.archive(); err != nil {
		return nil, err
	}
	if hf.ioErr != nil {
		return nil, &UnreadableError{Path: filePath, Err: hf.ioErr}
	}
	sum, err := hf.finish()
	if err != nil {
		return nil, &UnreadableError{Path: filePath, Err: err}
	}
	res.SHA256 = hex.EncodeToString(sum)
	if progress != nil {
		progress(res.Size, res.Size)
	}
	res.Duration = time.Since(start)
	return res, nil
}

type verifier struct {
	ctx      context.Context
	res      *Result
	hf       *hashingFile
	progress func(read, total int64)
	reported int64
	buf      []byte
}

// archive walks the ZIP; it returns an error only for cancel and I/O.
func (v *verifier) archive() error {
	zr, err := zip.NewReader(v.hf, v.res.Size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		if v.hf.ioErr != nil {
			return nil // reported by Verify as unreadable
		}
		v.problem(NotZip, "", "no ZIP directory: "+err.Error())
		return nil
	}
	zr.RegisterDecompressor(zip.Deflate, newInflater)
	v.res.Entries = len(zr.File)
	for _, zf := range zr.File {
		if err := v.ctx.Err(); err != nil {
			return err
		}
		if err := v.entry(zf); err != nil {
			return err
		}
		if v.hf.ioErr != nil {
			return nil
		}
	}
	v.judgeDump()
	return nil
}

// entry reads one entry to the end; archive/zip checks the CRC-32 when
// the last byte is read (zip.ErrChecksum).
func (v *verifier) entry(zf *zip.File) error {
	if zf.FileInfo().IsDir() {
		return nil
	}
	var scan *dumpScanner
	if isDump(zf.Name) && v.res.Dump == nil {
		v.res.Dump = &Dump{Name: zf.Name}
		scan = &dumpScanner{}
	}
	rc, err := zf.Open()
	if err != nil {
		v.problem(Damaged, zf.Name, err.Error())
		return nil
	}
	defer rc.Close()
	var n int64
	for {
		if err := v.ctx.Err(); err != nil {
			return err
		}
		k, rerr := rc.Read(v.buf)
		if k > 0 {
			n += int64(k)
			if scan != nil {
				scan.write(v.buf[:k])
			}
			v.report()
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			if v.hf.ioErr == nil {
				v.problem(Damaged, zf.Name, rerr.Error())
			}
			return nil
		}
	}
	if scan != nil {
		v.res.Dump.Size, v.res.Dump.Tables, v.res.Dump.Complete = n, scan.tables, scan.complete()
	}
	return nil
}

func (v *verifier) report() {
	if v.progress == nil || v.hf.next-v.reported < progressStep {
		return
	}
	v.reported = v.hf.next
	v.progress(v.hf.next, v.res.Size)
}

// judgeDump adds the dump findings once every entry was read.
func (v *verifier) judgeDump() {
	d := v.res.Dump
	switch {
	case d == nil:
		v.problem(NoDump, "", "no "+dumpPrefix+"*"+dumpSuffix+" at the archive root")
	case v.res.Has(Damaged):
		// A damaged dump says nothing reliable about its end.
	case d.Size == 0:
		v.problem(DumpEmpty, d.Name, "the dump is empty")
	case !d.Complete:
		v.problem(DumpIncomplete, d.Name, fmt.Sprintf("no closing \"-- Dump completed\" line after %d bytes and %d tables", d.Size, d.Tables))
	}
}

func (v *verifier) problem(k Kind, entry, detail string) {
	v.res.Problems = append(v.res.Problems, Problem{Kind: k, Entry: entry, Detail: detail})
}

// isDump: iahdb_*.sql at the archive root (runBackup's name).
func isDump(name string) bool {
	return !strings.Contains(name, "/") && strings.HasPrefix(name, dumpPrefix) &&
		strings.HasSuffix(strings.ToLower(name), dumpSuffix) && path.Clean(name) == name
}

// The dump dominates the time: klauspost's inflater is faster than the
// standard library's (same format, same errors). Inflaters are reused
// across entries (a backup holds tens of thousands of small files), as
// archive/zip does with its own.
var inflaters sync.Pool

func newInflater(r io.Reader) io.ReadCloser {
	if fr, ok := inflaters.Get().(io.ReadCloser); ok {
		if err := fr.(kflate.Resetter).Reset(r, nil); err == nil {
			return &pooledInflater{fr}
		}
	}
	return &pooledInflater{kflate.NewReader(r)}
}

type pooledInflater struct{ io.ReadCloser }

func (p *pooledInflater) Close() error {
	err := p.ReadCloser.Close()
	inflaters.Put(p.ReadCloser)
	return err
}
