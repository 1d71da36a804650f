//go:build unix

package localfile

import "syscall"

// nonBlock makes open(2) return at once on a FIFO with no writer; on a
// regular file it changes nothing.
const nonBlock = syscall.O_NONBLOCK
