// Package localfile opens the admin's own files (--package, --checklist,
// --ca-file) without ever blocking: a named pipe (FIFO), a device or a
// socket given by mistake would make a plain open or read wait forever,
// deaf to Ctrl-C, SIGTERM and SIGHUP. Such paths are refused after a Stat,
// before anything is opened; the open itself does not block either
// (O_NONBLOCK where the system has it), and the opened file is checked
// again, in case the path was swapped in between.
package localfile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Kinds of non-regular paths (NotRegularError.Kind).
const (
	KindDir    = "dir"
	KindFIFO   = "fifo"
	KindDevice = "device"
	KindSocket = "socket"
	KindOther  = "other"
)

// ErrNotRegular is matched by errors.Is for every *NotRegularError.
var ErrNotRegular = errors.New("not a regular file")

// NotRegularError: the path exists but is no regular file.
type NotRegularError struct {
	Path string
	Kind string
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is not a regular file (%s)", e.Path, e.Kind)
}

// Is makes errors.Is(err, ErrNotRegular) true.
func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// Check returns nil when path (after following links) is a regular file;
// a *NotRegularError when it is something else; the Stat error otherwise.
func Check(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	return regular(path, fi)
}

func regular(path string, fi fs.FileInfo) error {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return &NotRegularError{Path: path, Kind: KindDir}
	case m&fs.ModeNamedPipe != 0:
		return &NotRegularError{Path: path, Kind: KindFIFO}
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return &NotRegularError{Path: path, Kind: KindDevice}
	case m&fs.ModeSocket != 0:
		return &NotRegularError{Path: path, Kind: KindSocket}
	}
	return &NotRegularError{Path: path, Kind: KindOther}
}

// Open opens a regular file for reading; anything else is refused before
// it could block.
func Open(path string) (*os.File, error) {
	if err := Check(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		err = regular(path, fi)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadFile is os.ReadFile for a regular file only.
func ReadFile(path string) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// SHA256 streams a regular file through SHA-256 (constant memory, any
// size) and returns the lower-case hex digest and the byte count.
func SHA256(path string) (string, int64, error) {
	f, err := Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
