// Command download fetches one update with crmclient's resumable Download
// and prints one line of figures:
//
//	bytes=N seconds=S transferred=T resumed_from=R retries=K restarts=X vmhwm_kib=M
//
// -retries -1 gives up at the first dropped connection and keeps the part
// (a later run with the same -out continues it); the exit status is then 3.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/visual4/1crm-update/bench"
	"github.com/visual4/1crm-update/crmclient"
)

func main() {
	base := flag.String("url", "", "instance base URL")
	link := flag.String("link", "", "download URL")
	out := flag.String("out", "", "destination file")
	retries := flag.Int("retries", 0, "reconnects within the call (0: default, -1: none)")
	flag.Parse()
	if *base == "" || *link == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	c, err := crmclient.New(crmclient.Config{BaseURL: *base})
	if err != nil {
		fail(err)
	}
	start := time.Now()
	var got int64
	res, err := c.Download(context.Background(), *link, *out, crmclient.DownloadOptions{
		Retries: *retries, RetryWait: 10 * time.Millisecond,
		Progress: func(g, _ int64) { got = g },
	})
	elapsed := time.Since(start)
	if err != nil {
		st, serr := os.Stat(*out + ".part")
		if serr == nil && !errors.Is(err, crmclient.ErrDownloadNotZip) {
			fmt.Printf("bytes=%d seconds=%.3f transferred=%d resumed_from=0 retries=0 restarts= vmhwm_kib=%d partial=true\n",
				st.Size(), elapsed.Seconds(), got, bench.VmHWM())
			os.Exit(3)
		}
		fail(err)
	}
	restarts := make([]string, len(res.Restarts))
	for i, r := range res.Restarts {
		restarts[i] = string(r)
	}
	fmt.Printf("bytes=%d seconds=%.3f transferred=%d resumed_from=%d retries=%d restarts=%s vmhwm_kib=%d\n",
		res.Size, elapsed.Seconds(), res.Transferred, res.ResumedFrom, res.Retries, strings.Join(restarts, ","), bench.VmHWM())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "download:", err)
	os.Exit(1)
}
