package journal

import (
	"os"
	"path/filepath"
	"sync"
)

// heldHere are the state directories this process holds the lock of (a
// wizard in this process: its own PID in lock.info says nothing then).
var (
	heldMu   sync.Mutex
	heldHere = map[string]bool{}
)

func markHeld(dir string, held bool) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	heldMu.Lock()
	defer heldMu.Unlock()
	if held {
		heldHere[dir] = true
	} else {
		delete(heldHere, dir)
	}
}

func heldByThisProcess(dir string) bool {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	heldMu.Lock()
	defer heldMu.Unlock()
	return heldHere[dir]
}

// RunActive reports whether a wizard is running run id right now: lock.info
// names the run, the holder runs on this host, and its process is alive.
// It only reads (taking even a shared lock could make a wizard starting
// at that instant give up with "locked"). lock.info stays behind when a
// wizard ends, hence the process check; a recycled PID could, rarely,
// make a dead run look active — the report then says "still running"
// instead of "ended before its end", and the next wizard start settles it.
func (s *Store) RunActive(id string) (LockInfo, bool) {
	info, err := readLockInfo(s.dir)
	if err != nil || info.RunID != id || info.PID <= 0 {
		return info, false
	}
	if host, _ := os.Hostname(); info.Host != "" && host != info.Host {
		return info, false
	}
	if info.PID == os.Getpid() {
		return info, heldByThisProcess(s.dir)
	}
	return info, processAlive(info.PID)
}
