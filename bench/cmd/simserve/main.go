// Command simserve runs the 1CRM simulator on a listener and prints its
// base URL as the first stdout line ("URL http://127.0.0.1:PORT"), for
// bench/upload.sh and bench/download.sh. It serves until killed.
//
// With -serve-update FILE the scenario's first update is served from that
// file (any size, streamed) and a second line "UPDATE /download/updates/…"
// names its path. POST /__bench/faults?cut=N&norange=1 sets the download
// fault switches (sim.DownloadFaults) for the benchmark's next download;
// GET /__bench/stats returns the download counts.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"

	"github.com/visual4/1crm-update/crmclient/sim"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	scenario := flag.String("scenario", sim.DefaultScenario, "built-in scenario or JSON file")
	tmp := flag.String("tmpdir", "", "directory for upload temp files (default: system temp)")
	update := flag.String("serve-update", "", "serve the scenario's first update from this file")
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
	srv := sim.New(sc, sim.Options{TempDir: *tmp})
	fmt.Printf("URL http://%s\n", ln.Addr())
	if *update != "" && len(sc.Updates) > 0 {
		name := sc.Updates[0].Package.FileName
		srv.ServeUpdateFile(name, *update)
		fmt.Printf("UPDATE %s\n", sim.UpdateURL(name))
	}
	os.Stdout.Sync()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /__bench/faults", func(w http.ResponseWriter, r *http.Request) {
		cut, _ := strconv.ParseInt(r.URL.Query().Get("cut"), 10, 64)
		srv.SetDownloadFaults(sim.DownloadFaults{CutAfter: cut, NoRange: r.URL.Query().Get("norange") == "1"})
	})
	mux.HandleFunc("GET /__bench/stats", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(srv.DownloadStats())
	})
	mux.Handle("/", srv)
	if err := http.Serve(ln, mux); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
