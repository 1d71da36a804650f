package bench

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
)

// BackupShape says what a generated backup archive holds. Sizes are
// compressed bytes in the archive; the total is about Size.
type BackupShape struct {
	Size       int64   // target archive size
	DumpShare  float64 // share of Size taken by the compressed SQL dump (default 0.5)
	AppFiles   int     // small application files (PHP-like text, default 20000)
	Attachment int64   // typical attachment size (random bytes, default 1 MiB)
	Seed       uint64
}

func (s *BackupShape) defaults() {
	if s.DumpShare <= 0 || s.DumpShare > 1 {
		s.DumpShare = 0.5
	}
	if s.AppFiles <= 0 {
		s.AppFiles = 20000
	}
	if s.Attachment <= 0 {
		s.Attachment = 1 << 20
	}
}

// WriteBackup writes a backup archive shaped like 1CRM's "complete" backup
// (spec §4): iahdb_*.sql first (a mysqldump-like dump, deflated, ending
// with "-- Dump completed"), then many small application files, then
// files/upload/ attachments (incompressible, as PDFs and images are).
// Streamed: any size needs little memory. It returns the number of tables.
func WriteBackup(w io.Writer, shape BackupShape) (tables int, err error) {
	shape.defaults()
	cw := &countWriter{w: w}
	zw := zip.NewWriter(cw)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	rng := rand.New(rand.NewPCG(shape.Seed, 0x1c3))
	stamp := "20261124_101500"

	// The dump: grown until its compressed share is reached.
	dumpTarget := int64(float64(shape.Size) * shape.DumpShare)
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "iahdb_" + stamp + ".sql", Method: zip.Deflate})
	if err != nil {
		return 0, err
	}
	if tables, err = writeDump(f, zw, cw, dumpTarget, rng); err != nil {
		return 0, err
	}

	// Application files: PHP-like text of a few KB each.
	for i := 0; i < shape.AppFiles; i++ {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("modules/M%03d/file%05d.php", i%300, i), Method: zip.Deflate})
		if err != nil {
			return 0, err
		}
		if err := writePHP(f, 1024+rng.IntN(6144), rng); err != nil {
			return 0, err
		}
	}

	// Attachments until the archive reaches its size.
	buf := make([]byte, 64<<10)
	for i := 0; ; i++ {
		if err := zw.Flush(); err != nil {
			return 0, err
		}
		left := shape.Size - cw.n
		if left <= 4096 {
			break
		}
		n := min(left, shape.Attachment/2+rng.Int64N(shape.Attachment))
		f, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("files/upload/%08x-%04d", rng.Uint32(), i), Method: zip.Deflate})
		if err != nil {
			return 0, err
		}
		for n > 0 {
			k := min(n, int64(len(buf)))
			for j := 0; j+8 <= int(k); j += 8 {
				v := rng.Uint64()
				buf[j], buf[j+1], buf[j+2], buf[j+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
				buf[j+4], buf[j+5], buf[j+6], buf[j+7] = byte(v>>32), byte(v>>40), byte(v>>48), byte(v>>56)
			}
			if _, err := f.Write(buf[:k]); err != nil {
				return 0, err
			}
			n -= k
		}
	}
	return tables, zw.Close()
}

var (
	words  = []string{"Customer", "Partner", "Supplier", "Berlin", "Hamburg", "München", "Köln", "GmbH", "AG", "KG", "Invoice", "Quote", "Meeting", "Call", "open", "closed", "Service", "Maintenance", "Support", "Consulting"}
	tables = []string{"accounts", "contacts", "leads", "opportunities", "cases", "notes", "emails", "calls", "meetings", "tasks", "invoice", "quotes", "users", "config", "upgrade_history"}
)

// writeDump writes a mysqldump-shaped dump until the archive holds about
// target compressed bytes of it.
func writeDump(f io.Writer, zw *zip.Writer, cw *countWriter, target int64, rng *rand.Rand) (int, error) {
	bw := &lineBuf{w: f}
	bw.s("-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: onecrm\n")
	bw.s("-- ------------------------------------------------------\n-- Server version\t8.0.36\n\n")
	n := 0
	start := cw.n
	for {
		name := tables[n%len(tables)]
		if n >= len(tables) {
			name += "_" + strconv.Itoa(n)
		}
		bw.s("\n--\n-- Table structure for table `" + name + "`\n--\n\nDROP TABLE IF EXISTS `" + name + "`;\n")
		bw.s("CREATE TABLE `" + name + "` (\n  `id` char(36) NOT NULL,\n  `name` varchar(150) DEFAULT NULL,\n  `type` varchar(50) DEFAULT NULL,\n  `city` varchar(100) DEFAULT NULL,\n  `amount` decimal(26,6) DEFAULT NULL,\n  `date_modified` datetime DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\n")
		bw.s("LOCK TABLES `" + name + "` WRITE;\n")
		n++
		// A table's data: INSERT statements of 500 rows, ~8 MB raw.
		for st := 0; st < 80; st++ {
			bw.s("INSERT INTO `" + name + "` VALUES ")
			for r := 0; r < 500; r++ {
				if r > 0 {
					bw.b(',')
				}
				bw.b('(')
				bw.b('\'')
				bw.hex(rng.Uint64(), 8)
				bw.b('-')
				bw.hex(rng.Uint64(), 4)
				bw.s("-4")
				bw.hex(rng.Uint64(), 3)
				bw.b('-')
				bw.hex(rng.Uint64(), 12)
				bw.s("','")
				bw.s(words[rng.IntN(len(words))])
				bw.b(' ')
				bw.s(words[rng.IntN(len(words))])
				bw.b(' ')
				bw.s(strconv.Itoa(rng.IntN(100000)))
				bw.s("','")
				bw.s(words[rng.IntN(3)])
				bw.s("','")
				bw.s(words[3+rng.IntN(4)])
				bw.s("',")
				bw.s(strconv.Itoa(rng.IntN(1000000)))
				bw.s(".000000,'2024-")
				bw.s(strconv.Itoa(10 + rng.IntN(3)))
				bw.b('-')
				bw.s(strconv.Itoa(10 + rng.IntN(18)))
				bw.s(" 10:")
				bw.s(strconv.Itoa(10 + rng.IntN(50)))
				bw.s(":00')")
			}
			bw.s(";\n")
		}
		bw.s("UNLOCK TABLES;\n")
		if err := bw.flush(); err != nil {
			return 0, err
		}
		if err := zw.Flush(); err != nil {
			return 0, err
		}
		if cw.n-start >= target {
			break
		}
	}
	bw.s("\n/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n\n-- Dump completed on 2026-11-24 10:15:00\n")
	return n, bw.flush()
}

func writePHP(f io.Writer, size int, rng *rand.Rand) error {
	bw := &lineBuf{w: f}
	bw.s("<?php\n// generated application file\nclass C")
	bw.hex(rng.Uint64(), 8)
	bw.s(" extends SugarBean {\n")
	for len(bw.buf) < size {
		bw.s("\tpublic function ")
		bw.s(words[rng.IntN(len(words))])
		bw.hex(rng.Uint64(), 4)
		bw.s("($a, $b) {\n\t\treturn $this->")
		bw.s(tables[rng.IntN(len(tables))])
		bw.s("[$a] ?? $b;\n\t}\n")
	}
	bw.s("}\n")
	return bw.flush()
}

// lineBuf batches small writes.
type lineBuf struct {
	w   io.Writer
	buf []byte
}

func (l *lineBuf) s(s string) { l.buf = append(l.buf, s...) }
func (l *lineBuf) b(c byte)   { l.buf = append(l.buf, c) }
func (l *lineBuf) hex(v uint64, digits int) {
	const hexd = "0123456789abcdef"
	for i := 0; i < digits; i++ {
		l.buf = append(l.buf, hexd[v&15])
		v >>= 4
	}
}
func (l *lineBuf) flush() error {
	_, err := l.w.Write(l.buf)
	l.buf = l.buf[:0]
	return err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
