// Package manifest reads and writes 1CRM package manifests (manifest.php,
// spec §6.2–§6.4) and opens package ZIPs safely (W2): ZIP check, manifest at
// the root, no path escaping, size limits, streaming SHA-256.
package manifest

import (
	"errors"
	"strconv"
)

// Sentinel errors; every returned error wraps one of them (errors.Is).
var (
	ErrNotZip             = errors.New("not a ZIP archive")
	ErrNoManifest         = errors.New("no manifest.php at the ZIP root")
	ErrUnsafePath         = errors.New("ZIP entry path escapes the package root")
	ErrTooLarge           = errors.New("package unpacks too large")
	ErrSyntax             = errors.New("manifest syntax error")
	ErrEmptyTypeIDVersion = errors.New("manifest type, id or version is empty")
	ErrInvalidType        = errors.New("manifest type is not allowed")
)

// SyntaxError locates a manifest syntax problem; it wraps ErrSyntax.
type SyntaxError struct {
	Line int    // 1-based line in the whole file, 0 when not tied to a line
	Msg  string // what is wrong, in English
	key  string // key path, to look up the line when found after parsing
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return "manifest.php line " + strconv.Itoa(e.Line) + ": " + e.Msg
	}
	return "manifest.php: " + e.Msg
}

func (e *SyntaxError) Unwrap() error { return ErrSyntax }
