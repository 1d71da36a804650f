// Command verifybackup verifies one backup archive with crmclient/backupcheck
// and prints one line of figures:
//
//	bytes=N seconds=S mib_per_s=R vmhwm_kib=K tables=T entries=E ok=true sha256=…
//
// Peak RSS is this process's VmHWM (/proc/self/status).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/visual4/1crm-update/bench"
	"github.com/visual4/1crm-update/crmclient/backupcheck"
)

func main() {
	file := flag.String("file", "", "backup ZIP")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile here")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "verifybackup:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if *file == "" {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	r, err := backupcheck.Verify(context.Background(), *file, nil)
	elapsed := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, "verifybackup:", err)
		os.Exit(1)
	}
	tables := 0
	if r.Dump != nil {
		tables = r.Dump.Tables
	}
	fmt.Printf("bytes=%d seconds=%.3f mib_per_s=%.1f vmhwm_kib=%d tables=%d entries=%d ok=%v sha256=%s\n",
		r.Size, elapsed.Seconds(), float64(r.Size)/(1<<20)/elapsed.Seconds(), bench.VmHWM(), tables, r.Entries, r.OK(), r.SHA256)
	if !r.OK() {
		fmt.Fprintln(os.Stderr, "verifybackup: problems:", r.Problems)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}
