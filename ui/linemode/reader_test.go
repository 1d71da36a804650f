package linemode

import (
	"bufio"
	"context"
	"strings"
	"testing"
)

// A line read while a long-wait notice is up and kept back (unread) is
// the next question's answer; one taken (took) is gone; a read started
// and never received is picked up by the next question too.
func TestLineReaderKeepsWhatTheNoticeDidNotTake(t *testing.T) {
	l := newLineReader(bufio.NewReader(strings.NewReader("p\n1\n2\n")))
	res := <-l.await()
	if res.s != "p\n" {
		t.Fatalf("first %q", res.s)
	}
	l.took()
	res = <-l.await()
	l.unread(res) // "1" belongs to the next question
	if s, err := l.line(context.Background()); err != nil || s != "1\n" {
		t.Fatalf("kept line %q %v", s, err)
	}
	l.await() // started, not received
	if s, err := l.line(context.Background()); err != nil || s != "2\n" {
		t.Fatalf("started read %q %v", s, err)
	}
	if _, err := l.line(context.Background()); err == nil {
		t.Fatal("no end of input")
	}
}
