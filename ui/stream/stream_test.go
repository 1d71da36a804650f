package stream

import (
	"context"
	"errors"
	"testing"
)

func TestStreamDeliversProgressThenResult(t *testing.T) {
	boom := errors.New("boom")
	s, cmd := Start(context.Background(), func(ctx context.Context, report func(any)) (any, error) {
		report(1)
		report(2)
		return "v", boom
	})
	var last any
	for i := 0; i < 10; i++ {
		m := cmd().(Msg)
		if m.ID != s.ID {
			t.Fatalf("id %d, want %d", m.ID, s.ID)
		}
		if m.Done {
			if !errors.Is(m.Err, boom) || m.Result != "v" {
				t.Fatalf("err %v", m.Err)
			}
			if last != 2 {
				t.Fatalf("last progress %v, want 2 (newest value must survive)", last)
			}
			return
		}
		last = m.Body
		cmd = s.Next()
	}
	t.Fatal("no final message")
}

func TestStreamCancel(t *testing.T) {
	s, cmd := Start(context.Background(), func(ctx context.Context, report func(any)) (any, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	})
	s.Cancel()
	m := cmd().(Msg)
	if !m.Done || !errors.Is(m.Err, context.Canceled) {
		t.Fatalf("got %+v", m)
	}
}
