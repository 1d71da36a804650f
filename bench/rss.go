package bench

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// VmHWM reads this process's peak resident set size (KiB) from
// /proc/self/status; -1 where there is none (not Linux).
func VmHWM() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb
		}
	}
	return -1
}
