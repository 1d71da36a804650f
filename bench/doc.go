// Package bench measures what must stay fast and flat with large files:
//
//   - bench/upload.sh: the streaming package upload (design.md: a core
//     package of hundreds of MB must never sit in memory), throughput and
//     peak RSS of crmclient.Upload against the simulator, next to curl;
//   - bench/download.sh: a 1 GiB update download cut at 90 % and resumed
//     (crmclient.Download), bytes sent again and throughput next to
//     curl -C -;
//   - bench/backup.sh: the verification of a 2 GiB backup archive
//     (crmclient/backupcheck) against unzip -t, and its peak RSS for a
//     small and a large archive.
//
// `go test -bench . ./bench` runs small in-process variants.
package bench

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/visual4/1crm-update/crmclient/manifest"
)

// BenchManifest is an extension package the simulator's default scenario
// (8.7.x) accepts, so the upload is stored rather than refused.
func BenchManifest() *manifest.Manifest {
	return &manifest.Manifest{
		Name: "Upload Benchmark", Description: "Filler package for the upload benchmark",
		Author: "1crm-update bench", PublishedDate: "2024-01-01", Version: "1.0.0",
		Type: "module", ID: "benchUpload", IsUninstallable: true,
		RegexMatches: []string{`8\.[0-9]+\.[0-9]+`},
		Copy:         []manifest.CopyRule{{From: "root", To: "/"}},
	}
}

// WritePackage writes a package ZIP of about size bytes: the manifest plus
// one stored filler file, streamed, so any size needs no memory.
func WritePackage(w io.Writer, size int64) error {
	filler := io.LimitReader(zeros{}, size)
	return manifest.WriteZip(w, BenchManifest(), manifest.File{Name: "root/filler.bin", Body: filler, Store: true})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// ParseSize reads "1G", "256M", "64K" or plain bytes (binary units).
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for suffix, m := range map[string]int64{"K": 1 << 10, "M": 1 << 20, "G": 1 << 30} {
		if strings.HasSuffix(s, suffix) || strings.HasSuffix(s, suffix+"IB") {
			s = strings.TrimSuffix(strings.TrimSuffix(s, "IB"), suffix)
			mult = m
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q (want e.g. 1G, 256M, 1048576)", s)
	}
	return int64(n * float64(mult)), nil
}
