// Package stream runs a long action in a worker goroutine and feeds its
// progress into a bubbletea program through a channel and a command that
// re-arms itself after each message (bubbletea's "realtime" example). There
// is no global *tea.Program: the model owns the Stream and asks for the next
// message with Next() every time it handled one.
package stream

import (
	"context"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
)

// Msg wraps every message of one stream so that a model can ignore messages
// of a stream it has already abandoned (ID no longer current).
type Msg struct {
	ID     int
	Body   any  // whatever the worker reported (progress value)
	Done   bool // the last message: Result and Err carry the action's result
	Result any
	Err    error
}

// Stream is one running action.
type Stream struct {
	ID     int
	ch     chan Msg
	cancel context.CancelFunc
	once   sync.Once
}

var (
	mu     sync.Mutex
	lastID int
)

func nextID() int {
	mu.Lock()
	defer mu.Unlock()
	lastID++
	return lastID
}

// Start runs fn in a goroutine. fn reports progress with report(v); report
// never blocks the worker for long: when the UI is behind, an older progress
// value is dropped in favour of the newer one (progress is a level, not an
// event). The returned command delivers the first message.
func Start(parent context.Context, fn func(ctx context.Context, report func(any)) (any, error)) (*Stream, tea.Cmd) {
	ctx, cancel := context.WithCancel(parent)
	s := &Stream{ID: nextID(), ch: make(chan Msg, 1), cancel: cancel}
	progress := make(chan any, 1)
	done := make(chan result, 1)
	go func() {
		var r result
		r.v, r.err = fn(ctx, func(v any) {
			select {
			case progress <- v:
			default:
				// Drop the stale value, keep the newest.
				select {
				case <-progress:
				default:
				}
				select {
				case progress <- v:
				default:
				}
			}
		})
		done <- r
	}()
	// The pump turns the two channels into one ordered stream of Msgs.
	go func() {
		defer close(s.ch)
		for {
			select {
			case v := <-progress:
				s.ch <- Msg{ID: s.ID, Body: v}
			case r := <-done:
				// Flush a last progress value before the result.
				select {
				case v := <-progress:
					s.ch <- Msg{ID: s.ID, Body: v}
				default:
				}
				s.ch <- Msg{ID: s.ID, Done: true, Result: r.v, Err: r.err}
				cancel()
				return
			}
		}
	}()
	return s, s.Next()
}

type result struct {
	v   any
	err error
}

// Next waits for the next message of the stream. Call it again after each
// non-final message (re-arming).
func (s *Stream) Next() tea.Cmd {
	return func() tea.Msg {
		m, ok := <-s.ch
		if !ok {
			return nil
		}
		return m
	}
}

// Cancel asks the worker to stop (its context is cancelled).
func (s *Stream) Cancel() { s.once.Do(s.cancel) }
