//go:build !unix

package localfile

// nonBlock: Windows has no FIFOs in the file system namespace that an
// open would block on; Check refuses every non-regular path anyway.
const nonBlock = 0
