// Command genbackup writes a benchmark backup archive shaped like 1CRM's
// (iahdb_*.sql dump, many application files, attachments), streamed.
//
//	genbackup -size 2G -out /tmp/backup_20261124_101500.zip
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/visual4/1crm-update/bench"
)

func main() {
	sizeFlag := flag.String("size", "2G", "archive size (2G, 256M, bytes)")
	out := flag.String("out", "backup_20261124_101500.zip", "output file")
	share := flag.Float64("dump-share", 0.5, "share of the archive taken by the compressed SQL dump")
	files := flag.Int("files", 20000, "small application files")
	flag.Parse()
	size, err := bench.ParseSize(*sizeFlag)
	if err != nil {
		fail(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	tables, err := bench.WriteBackup(bw, bench.BackupShape{Size: size, DumpShare: *share, AppFiles: *files})
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		fail(err)
	}
	fmt.Printf("tables=%d\n", tables)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genbackup:", err)
	os.Exit(1)
}
