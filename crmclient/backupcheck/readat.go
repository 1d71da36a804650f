package backupcheck

import (
	"crypto/sha256"
	"hash"
	"io"
	"os"
)

// hashingFile is the io.ReaderAt archive/zip reads the backup through. It
// hashes the file as a side effect, so the SHA-256 needs no second pass:
// bytes go into the hash only in file order, whenever a read reaches past
// the hashed prefix [0, next). archive/zip reads the central directory at
// the end first (left for later), then each entry's header and data in
// order, so with entries stored in file order the hash follows the reads.
// Small holes (an entry's name and extra field, which zip skips by
// offset) are read and hashed when a read jumps over them; whatever is
// left at the end (the central directory) is hashed by finish.
//
// It also reads ahead in large blocks: the inflater asks for 4 KiB at a
// time, which would otherwise cost one system call each.
type hashingFile struct {
	f    *os.File
	size int64
	h    hash.Hash
	next int64 // bytes [0, next) are in h

	buf    []byte // read-ahead window: file bytes [bufOff, bufOff+len(buf))
	bufOff int64
	store  []byte // backing array of buf

	hole []byte // copy buffer for holes and the tail

	ioErr error // first error of the file itself (not io.EOF)
}

// readAhead is the block size of the window; big enough that a system
// call moves a useful amount, small enough to stay out of the way.
const readAhead = 1 << 20

// maxHole is the largest skipped span that is read and hashed at once
// instead of being left for finish (local header names and extras).
const maxHole = 1 << 20

func newHashingFile(f *os.File, size int64) *hashingFile {
	return &hashingFile{f: f, size: size, h: sha256.New(), store: make([]byte, readAhead), hole: make([]byte, 256<<10)}
}

func (r *hashingFile) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, os.ErrInvalid
	}
	n := 0
	for n < len(p) {
		pos := off + int64(n)
		if pos >= r.size {
			return n, io.EOF
		}
		if pos < r.bufOff || pos >= r.bufOff+int64(len(r.buf)) {
			// A large read bypasses the window: no copy, same hashing.
			if rest := p[n:]; len(rest) >= readAhead {
				k, err := r.readFile(rest, pos)
				n += k
				if err != nil {
					return n, err
				}
				continue
			}
			if err := r.fill(pos); err != nil {
				return n, err
			}
		}
		n += copy(p[n:], r.buf[pos-r.bufOff:])
	}
	return n, nil
}

// fill loads the window at pos.
func (r *hashingFile) fill(pos int64) error {
	k, err := r.readFile(r.store, pos)
	r.buf, r.bufOff = r.store[:k], pos
	if k > 0 {
		return nil
	}
	return err
}

// readFile reads from the file at pos and hashes what extends the prefix.
func (r *hashingFile) readFile(p []byte, pos int64) (int, error) {
	if pos > r.next && pos-r.next <= maxHole {
		if err := r.hashUpTo(pos); err != nil {
			return 0, err
		}
	}
	k, err := r.f.ReadAt(p, pos)
	if err != nil && err != io.EOF && r.ioErr == nil {
		r.ioErr = err
	}
	if pos <= r.next && pos+int64(k) > r.next {
		r.h.Write(p[r.next-pos : k])
		r.next = pos + int64(k)
	}
	return k, err
}

// hashUpTo reads and hashes the file from next to end.
func (r *hashingFile) hashUpTo(end int64) error {
	if r.next >= end {
		return nil
	}
	_, err := io.CopyBuffer(r.h, io.NewSectionReader(r.f, r.next, end-r.next), r.hole)
	if err != nil {
		if r.ioErr == nil {
			r.ioErr = err
		}
		return err
	}
	r.next = end
	return nil
}

// finish hashes the rest of the file and returns the SHA-256.
func (r *hashingFile) finish() ([]byte, error) {
	if err := r.hashUpTo(r.size); err != nil {
		return nil, err
	}
	return r.h.Sum(nil), nil
}
