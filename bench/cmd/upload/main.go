// Command upload logs in to a 1CRM (the simulator) and uploads one package
// with crmclient's streaming Upload, then prints one line of figures:
//
//	bytes=N seconds=S transfer_seconds=T mib_per_s=R vmhwm_kib=K progress_calls=C
//
// The password comes from ONECRM_PASSWORD (never argv); it defaults to the
// simulator's demo password. Peak RSS is this process's VmHWM.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/visual4/1crm-update/bench"
	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
)

func main() {
	url := flag.String("url", "", "instance base URL")
	file := flag.String("file", "", "package ZIP to upload")
	user := flag.String("user", sim.DemoUser, "admin user")
	wbuf := flag.String("write-buffer", "", "transport write buffer (e.g. 256K); default: crmclient's own transport")
	flag.Parse()
	if *url == "" || *file == "" {
		flag.Usage()
		os.Exit(2)
	}
	pw := os.Getenv("ONECRM_PASSWORD")
	if pw == "" {
		pw = sim.DemoPassword
	}
	cfg := crmclient.Config{BaseURL: *url, User: *user, Password: pw}
	if *wbuf != "" {
		// Experiment: net/http writes request bodies through a 4 KiB
		// buffer by default; a larger one cuts syscalls per byte.
		n, err := bench.ParseSize(*wbuf)
		if err != nil {
			fail(err)
		}
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.WriteBufferSize = int(n)
		cfg.HTTPClient = &http.Client{Transport: tr}
	}
	c, err := crmclient.New(cfg)
	if err != nil {
		fail(err)
	}
	ctx := context.Background()
	if err := c.Login(ctx); err != nil {
		fail(err)
	}
	st, err := os.Stat(*file)
	if err != nil {
		fail(err)
	}
	var first, last time.Time
	calls := 0
	start := time.Now()
	err = c.Upload(ctx, *file, func(sent, total int64) {
		now := time.Now()
		if calls == 0 {
			first = now
		}
		last = now
		calls++
	})
	elapsed := time.Since(start)
	if err != nil {
		fail(err)
	}
	transfer := last.Sub(first)
	fmt.Printf("bytes=%d seconds=%.3f transfer_seconds=%.3f mib_per_s=%.1f vmhwm_kib=%d progress_calls=%d\n",
		st.Size(), elapsed.Seconds(), transfer.Seconds(),
		float64(st.Size())/(1<<20)/elapsed.Seconds(), bench.VmHWM(), calls)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "upload:", err)
	os.Exit(1)
}
