package backupcheck

import (
	"bytes"
	"strings"
)

// mysqldump writes every table as "\nCREATE TABLE `name` (" at the start
// of a line; inside data a newline is always escaped as \n, so the
// pattern at a line start is a statement, not data.
var createTable = []byte("\nCREATE TABLE ")

// completed is mysqldump's last line ("-- Dump completed on 2026-11-24
// 10:15:00", or without the date under --skip-dump-date). 1CRM runs
// mysqldump with its default options (comments on), so a finished dump
// always has it; a dump that stopped early never does.
const completed = "-- Dump completed"

// tailKeep is how much of the dump's end is kept to find its last line.
const tailKeep = 512

// dumpScanner counts CREATE TABLE statements across chunk borders and
// keeps the dump's tail.
type dumpScanner struct {
	tables int
	carry  []byte // last len(createTable)-1 bytes of the previous chunk
	tail   []byte // last tailKeep bytes
	seen   bool
}

func (s *dumpScanner) write(p []byte) {
	// The first line cannot be a statement of its own without a newline
	// before it; mysqldump starts with comments anyway.
	if !s.seen {
		s.seen = true
		s.carry = append(s.carry[:0], '\n')
	}
	// Joining the carry with the chunk's head finds a pattern that spans
	// the border; counting the rest in place avoids copying the chunk.
	head := p[:min(len(p), len(createTable)-1)]
	joined := append(append([]byte(nil), s.carry...), head...)
	s.tables += bytes.Count(joined, createTable)
	// Occurrences starting inside the chunk (not already counted above).
	s.tables += bytes.Count(p, createTable)
	if k := len(createTable) - 1; len(p) >= k {
		s.carry = append(s.carry[:0], p[len(p)-k:]...)
	} else {
		s.carry = append(s.carry, p...)
		if len(s.carry) > k {
			s.carry = s.carry[len(s.carry)-k:]
		}
	}
	s.tail = append(s.tail, p[max(0, len(p)-tailKeep):]...)
	if len(s.tail) > tailKeep {
		s.tail = s.tail[len(s.tail)-tailKeep:]
	}
}

// complete: the last non-blank line is mysqldump's closing comment.
func (s *dumpScanner) complete() bool {
	t := strings.TrimRight(string(s.tail), " \t\r\n")
	last := t[strings.LastIndexByte(t, '\n')+1:]
	return strings.HasPrefix(last, completed)
}
