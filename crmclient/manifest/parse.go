package manifest

import (
	"bytes"
	"strings"
)

// The manifest tree (Raw) holds only these value types:
//
//	string | bool | []string | []map[string]any | map[string]any
//
// It is neither a PHP array nor YAML (spec §6.2): block keys have no colon,
// list-of-maps items are "--" lines, indentation is usually tabs.

// line is one significant (non-blank, non-comment) line after the PHP header.
type line struct {
	num    int    // 1-based line number in the file
	indent int    // width of the leading whitespace, tabs to the next multiple of 8
	text   string // content without indentation and trailing whitespace
}

// space is the whitespace the format knows: ASCII only, so that a value or
// key starting with e.g. U+00A0 keeps it and Format can write it back.
const space = " \t\r\f\v"

func trim(s string) string { return strings.Trim(s, space) }

// tabWidth: tabs advance to the next multiple of 8 columns, the usual
// terminal convention, so a file mixing tabs and spaces nests as it looks.
const tabWidth = 8

// keyLines maps a key path ("acceptable_sugar_versions.regex_matches";
// items of "--" lists add "[]") to the line it was last seen on, so that
// errors found in the typed view can still name a line.
type keyLines map[string]int

func parseTree(data []byte) (map[string]any, keyLines, error) {
	lines, err := splitLines(data)
	if err != nil {
		return nil, nil, err
	}
	if len(lines) == 0 {
		return map[string]any{}, keyLines{}, nil
	}
	p := &parser{lines: lines, keys: keyLines{}}
	tree, err := p.top()
	return tree, p.keys, err
}

func (p *parser) top() (map[string]any, error) {
	lines := p.lines
	v, err := p.block(lines[0].indent, "")
	if err != nil {
		return nil, err
	}
	if p.i < len(p.lines) {
		l := p.lines[p.i]
		return nil, &SyntaxError{Line: l.num, Msg: "indentation is less than the first line's"}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &SyntaxError{Line: lines[0].num, Msg: "the top level must be key lines, not a list"}
	}
	return m, nil
}

// splitLines drops a UTF-8 BOM, the PHP header (when the file starts with
// "<?": everything up to and including the first "?>", as PHP itself would
// stop there, even inside a // comment), blank lines, comment lines and
// inline comments (cutComment).
func splitLines(data []byte) ([]line, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	num := 1
	if bytes.HasPrefix(bytes.TrimLeft(data, space+"\n"), []byte("<?")) {
		i := bytes.Index(data, []byte("?>"))
		if i < 0 {
			return nil, &SyntaxError{Line: 1, Msg: `PHP header "<?php" is not closed by "?>"`}
		}
		num += bytes.Count(data[:i], []byte("\n"))
		data = data[i+2:]
	}
	var out []line
	for _, raw := range strings.Split(string(data), "\n") {
		n := num
		num++
		body := strings.TrimRight(raw, space)
		width, rest := 0, body
		for rest != "" && strings.IndexByte(space, rest[0]) >= 0 {
			if rest[0] == '\t' {
				width += tabWidth - width%tabWidth
			} else {
				width++
			}
			rest = rest[1:]
		}
		if rest == "" || rest[0] == '#' {
			continue
		}
		out = append(out, line{num: n, indent: width, text: cutComment(rest)})
	}
	return out, nil
}

type parser struct {
	lines []line
	i     int
	keys  keyLines
}

type blockKind int

const (
	kindNone blockKind = iota
	kindMap
	kindList
	kindMapList
)

// block parses consecutive lines at exactly this indent (and their deeper
// children) into a map, a []string or a []map[string]any. It stops at the
// first line indented less.
func (p *parser) block(indent int, path string) (any, error) {
	kind := kindNone
	m := map[string]any{}
	var list []string
	var maps []map[string]any
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		if l.indent < indent {
			break
		}
		if l.indent > indent {
			return nil, &SyntaxError{Line: l.num, Msg: "unexpected indentation"}
		}
		k := lineKind(l.text)
		if kind != kindNone && k != kind {
			return nil, &SyntaxError{Line: l.num, Msg: "mixes " + kindName(k) + " with " + kindName(kind) + " at the same level"}
		}
		kind = k
		p.i++
		switch k {
		case kindList:
			list = append(list, unquote(trim(l.text[1:])))
		case kindMapList:
			child, err := p.children(l.indent, path+"[]")
			if err != nil {
				return nil, err
			}
			cm, ok := child.(map[string]any)
			if !ok {
				return nil, &SyntaxError{Line: l.num, Msg: `a "--" item must hold key lines`}
			}
			maps = append(maps, cm)
		case kindMap:
			key, value, hasColon := strings.Cut(l.text, ":")
			key = trim(key)
			value = trim(value)
			if key == "" {
				return nil, &SyntaxError{Line: l.num, Msg: "empty key"}
			}
			p.keys[join(path, key)] = l.num
			if hasColon && value != "" {
				m[key] = scalar(value)
				continue
			}
			// "key" or "key:" alone opens a nested block (spec §6.2).
			child, err := p.children(l.indent, join(path, key))
			if err != nil {
				return nil, err
			}
			m[key] = child
		}
	}
	switch kind {
	case kindList:
		return list, nil
	case kindMapList:
		return maps, nil
	}
	return m, nil
}

// children parses the block indented deeper than parent, or returns an
// empty map when the next line is not deeper.
func (p *parser) children(parent int, path string) (any, error) {
	if p.i >= len(p.lines) || p.lines[p.i].indent <= parent {
		return map[string]any{}, nil
	}
	return p.block(p.lines[p.i].indent, path)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func lineKind(text string) blockKind {
	switch {
	case text == "--":
		return kindMapList
	case text[0] == '-':
		return kindList
	}
	return kindMap
}

func kindName(k blockKind) string {
	switch k {
	case kindList:
		return `"- item" lines`
	case kindMapList:
		return `"--" items`
	}
	return "key lines"
}

// scalar turns a value into a bool for true/false (any case, unquoted) and
// otherwise a string with one pair of surrounding quotes removed.
func scalar(v string) any {
	switch strings.ToLower(v) {
	case "true":
		return true
	case "false":
		return false
	}
	return unquote(v)
}

// unquote strips one pair of surrounding double or single quotes; `""` is
// the empty string. There are no escapes inside quotes.
func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// cutComment drops an inline comment: a "#" after whitespace, outside a
// value quoted from its first character, ends the line. 1CRM's own parser (include/config/format/ConfigParser.php) is
// not in the source mirror; the rule follows what its files show: every
// language string that holds " #" is quoted ("Invoice #"), layout lists
// blank a cell with "- #field" (an empty item, the cell stays) and mark
// list items "-- # PDF rendering only". A "#" inside a word ("C# tools")
// stays, as the spec §6.2 comment rule only names whole-line comments.
// So "- 8\.7\..*  # 8.7 line" is the regex 8\.7\..*, not the whole text.
func cutComment(text string) string {
	start := valueStart(text)
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case i == start && (c == '"' || c == '\''):
			quote = c
		case c == '#' && i > 0 && strings.IndexByte(space, text[i-1]) >= 0:
			return strings.TrimRight(text[:i], space)
		}
	}
	return text
}

// valueStart is where the value of a "- item" or "key: value" line begins
// (after the marker and its spaces); -1 for "--" lines and block keys.
func valueStart(text string) int {
	i := -1
	switch {
	case strings.HasPrefix(text, "--"):
		return -1
	case text[0] == '-':
		i = 1
	default:
		c := strings.IndexByte(text, ':')
		if c < 0 {
			return -1
		}
		i = c + 1
	}
	for i < len(text) && strings.IndexByte(space, text[i]) >= 0 {
		i++
	}
	return i
}
