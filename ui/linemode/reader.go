package linemode

import (
	"bufio"
	"context"
)

// lineReader reads answers on request only: a line is read when a question
// asks for one, never ahead. So a password prompt that reads the terminal
// directly (no echo) never races a pending read, and Ctrl-C can end a
// question without waiting for Enter (the read goroutine is then left to
// the process' exit).
type lineReader struct {
	in      *bufio.Reader
	pending chan result // non-nil while a read is in flight
}

type result struct {
	s   string
	err error
}

func newLineReader(in *bufio.Reader) *lineReader { return &lineReader{in: in} }

// line returns the next line (with its end), or ctx's error when ctx ends
// first. A read abandoned that way is picked up by the next call.
func (l *lineReader) line(ctx context.Context) (string, error) {
	select {
	case res := <-l.await():
		l.pending = nil
		return res.s, res.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// await starts reading a line if none is in flight and returns the
// channel its result arrives on, for a select next to other events (the
// long-wait notice's choices). Whoever receives from it must hand the
// result on: took when it was used, unread when it belongs to the next
// question. A read started here and not received is, like an abandoned
// one, picked up by the next question.
func (l *lineReader) await() <-chan result {
	if l.pending == nil {
		ch := make(chan result, 1)
		l.pending = ch
		go func() {
			s, err := l.in.ReadString('\n')
			if err != nil && s != "" {
				err = nil // a last line without its end still counts
			}
			ch <- result{s, err}
		}()
	}
	return l.pending
}

// took: the line received from await was used.
func (l *lineReader) took() { l.pending = nil }

// unread keeps a line received from await for the next question.
func (l *lineReader) unread(res result) {
	ch := make(chan result, 1)
	ch <- res
	l.pending = ch
}
