// Command genpkg writes the benchmark package ZIP (a stored filler), streamed.
//
//	genpkg -size 1G -out /tmp/bench.zip
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/visual4/1crm-update/bench"
)

func main() {
	sizeFlag := flag.String("size", "1G", "filler size (1G, 256M, bytes)")
	out := flag.String("out", "bench-pkg.zip", "output file")
	flag.Parse()
	size, err := bench.ParseSize(*sizeFlag)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := bench.WritePackage(f, size); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
