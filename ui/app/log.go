package app

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"

	"github.com/visual4/1crm-update/steps/journal"
)

// runLog is the sink of runs/<ID>/wizard.log (cli.md). The 1CRM clients are
// built before the run (and so its folder) exists, so they get a logger on
// this late-bound handler; records before the run starts are dropped.
type runLog struct {
	mu     sync.Mutex
	inner  slog.Handler
	closer io.Closer
}

// open starts writing to the run folder's wizard.log (journal.NewLog redacts secrets).
func (l *runLog) open(stateDir, runID string) error {
	if runID == "" {
		return nil
	}
	lg, c, err := journal.NewLog(filepath.Join(stateDir, "runs", runID))
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closer != nil {
		l.closer.Close()
	}
	l.inner, l.closer = lg.Handler(), c
	return nil
}

func (l *runLog) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closer != nil {
		l.closer.Close()
		l.inner, l.closer = nil, nil
	}
}

func (l *runLog) handler() slog.Handler {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inner
}

// lateHandler forwards to the run log once it is open.
type lateHandler struct {
	log *runLog
	ops []func(slog.Handler) slog.Handler // WithAttrs/WithGroup, replayed in order
}

func (h lateHandler) inner() slog.Handler {
	in := h.log.handler()
	if in == nil {
		return nil
	}
	for _, op := range h.ops {
		in = op(in)
	}
	return in
}

func (h lateHandler) Enabled(ctx context.Context, lv slog.Level) bool {
	in := h.log.handler()
	return in != nil && in.Enabled(ctx, lv)
}

func (h lateHandler) Handle(ctx context.Context, r slog.Record) error {
	if in := h.inner(); in != nil {
		return in.Handle(ctx, r)
	}
	return nil
}

func (h lateHandler) with(op func(slog.Handler) slog.Handler) lateHandler {
	ops := append(append([]func(slog.Handler) slog.Handler{}, h.ops...), op)
	return lateHandler{log: h.log, ops: ops}
}

func (h lateHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return h.with(func(in slog.Handler) slog.Handler { return in.WithAttrs(as) })
}

func (h lateHandler) WithGroup(name string) slog.Handler {
	return h.with(func(in slog.Handler) slog.Handler { return in.WithGroup(name) })
}
