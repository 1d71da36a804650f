// Command simserve runs the 1CRM simulator on a listener and prints its
// base URL as the first stdout line ("URL http://127.0.0.1:PORT"), for
// bench/upload.sh. It serves until killed.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/visual4/1crm-update/crmclient/sim"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	scenario := flag.String("scenario", sim.DefaultScenario, "built-in scenario or JSON file")
	tmp := flag.String("tmpdir", "", "directory for upload temp files (default: system temp)")
	flag.Parse()
	sc, err := sim.LoadScenario(*scenario)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("URL http://%s\n", ln.Addr())
	os.Stdout.Sync()
	srv := sim.New(sc, sim.Options{TempDir: *tmp})
	if err := http.Serve(ln, srv); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
