package checklist

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/visual4/1crm-update/steps/localfile"
)

// Limits of a company checklist file: it is a short human-written list.
const (
	MaxFileSize   = 1 << 20
	MaxItemLength = 500
)

// ErrBadFile marks every LoadFile error about the file's content.
var ErrBadFile = errors.New("unusable checklist file")

// LoadFile reads the company's own test items (--checklist, W7). Two
// formats are accepted:
//
//   - plain text: one item per line;
//   - a YAML list: "- item" lines, optionally under a top-level "items:" key,
//     values optionally quoted.
//
// Blank lines and "#" comments are skipped in both. The format is YAML when
// the first meaningful line is "items:" or starts with "-". Unreadable,
// binary, oversized or empty files give an error naming the file (and line).
func LoadFile(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("checklist file %s cannot be read: %w", path, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%w: %s is a directory", ErrBadFile, path)
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("%w: %s is larger than %d KiB; a checklist is a short text file", ErrBadFile, path, MaxFileSize>>10)
	}
	// A FIFO or device would block the read for ever (issue 8).
	data, err := localfile.ReadFile(path)
	if errors.Is(err, localfile.ErrNotRegular) {
		return nil, fmt.Errorf("%w: %w", ErrBadFile, err)
	}
	if err != nil {
		return nil, fmt.Errorf("checklist file %s cannot be read: %w", path, err)
	}
	items, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadFile, path, err)
	}
	return items, nil
}

// parse does LoadFile's work on the bytes.
func parse(data []byte) ([]string, error) {
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return nil, errors.New("not a text file (binary or not UTF-8)")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // UTF-8 BOM from Windows editors
	lines := strings.Split(string(data), "\n")

	var items []string
	yamlMode, decided := false, false
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if line == "" || strings.HasPrefix(line, "#") || line == "---" || line == "..." {
			continue
		}
		if !decided {
			decided = true
			yamlMode = line == "items:" || line == "-" || strings.HasPrefix(line, "- ")
			if line == "items:" {
				continue
			}
		}
		item := line
		if yamlMode {
			if line != "-" && !strings.HasPrefix(line, "- ") {
				return nil, fmt.Errorf("line %d: expected a list entry \"- text\" (the file is read as a YAML list)", n)
			}
			v, err := yamlScalar(strings.TrimSpace(strings.TrimPrefix(line, "-")))
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			item = v
		}
		if item == "" {
			continue
		}
		if utf8.RuneCountInString(item) > MaxItemLength {
			return nil, fmt.Errorf("line %d is longer than %d characters", n, MaxItemLength)
		}
		items = append(items, item)
	}
	if len(items) == 0 {
		return nil, errors.New("contains no test items")
	}
	return items, nil
}

// yamlScalar reads the value of a "- value" line: "double" or 'single'
// quoted, or plain with an optional " # comment".
func yamlScalar(s string) (string, error) {
	switch {
	case strings.HasPrefix(s, `"`):
		end := closingQuote(s)
		if end < 0 {
			return "", errors.New("unterminated double quote")
		}
		v, err := strconv.Unquote(s[:end+1])
		if err != nil {
			return "", fmt.Errorf("bad double-quoted text: %v", err)
		}
		return strings.TrimSpace(v), nil
	case strings.HasPrefix(s, "'"):
		body := s[1:]
		var b strings.Builder
		for i := 0; i < len(body); i++ {
			if body[i] != '\'' {
				b.WriteByte(body[i])
				continue
			}
			if i+1 < len(body) && body[i+1] == '\'' { // '' is an escaped quote
				b.WriteByte('\'')
				i++
				continue
			}
			return strings.TrimSpace(b.String()), nil
		}
		return "", errors.New("unterminated single quote")
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s), nil
}

// closingQuote returns the index of the quote closing s[0] = '"', honouring
// backslash escapes, or -1.
func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}
