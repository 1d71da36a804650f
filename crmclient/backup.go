package crmclient

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// BackupPage reads the Backup Management page: settings and history.
func (c *Client) BackupPage(ctx context.Context) (*BackupPage, error) {
	p, err := c.adminGet(ctx, backupQuery)
	if err != nil {
		return nil, err
	}
	bp, _, err := parseBackup(p)
	return bp, c.pageError(err)
}

// RunBackup starts a server backup and waits for its result (spec §4):
//   - the history is read first; success means a NEW entry with size > 0
//     afterwards ("Backup Complete" alone is no proof);
//   - the POST carries record_perform=runbackup and the form's hidden
//     inputs but NO setting fields (the server saves every setting present);
//   - it has no client timeout (context only), progress ticks every second
//     with the elapsed time, and it is never retried;
//   - while it runs, 1CRM is probed without the admin session: a Stall
//     {Wait: WaitBackup} goes to the context's stall report (stall.go)
//     when 1CRM has not answered for StallAfter, Ended when it does again;
//   - if the connection drops, the server carries on: the history is
//     polled every BackupPollInterval, reported at once as a Stall{Wait:
//     WaitBackupHistory}, until the entry appears, ctx ends, or
//     BackupMaxWait since the start has passed (a *StallError
//     {ErrBackupUnconfirmed}: 1CRM may still be writing it);
//   - failure → ServerMessageError{ErrBackupFailed}: Text is the message
//     the answer shows that the Backup page read afterwards lacks, Detail
//     the answer's page text (see messageText).
func (c *Client) RunBackup(ctx context.Context, progress func(elapsed time.Duration)) (*BackupEntry, error) {
	p, err := c.adminGet(ctx, backupQuery)
	if err != nil {
		return nil, err
	}
	before, fs, err := parseBackup(p)
	if err != nil {
		return nil, c.pageError(err)
	}
	known := map[string]bool{}
	for _, e := range before.History {
		known[e.Path] = true
	}
	f := readForm(p, fs, false)
	for _, fl := range append([]field(nil), f.fields...) {
		// Hidden setting fields (e.g. a checkbox's "0" companion) would be
		// saved by the server: never send them.
		if strings.HasPrefix(strings.ToLower(fl.name), "backup_") {
			f.del(fl.name)
		}
	}
	f.set("module", "Configurator")
	f.set("action", "EditView")
	f.set("layout", "Backup")
	f.set("record_perform", "runbackup")

	start := time.Now()
	stop := c.tick(progress, start)
	defer stop()
	ww := c.watch(ctx, WaitBackup, c.indexURL(backupQuery), 0, 0)
	defer ww.close()
	done := ww.begin()
	resp, _, postErr := c.adminPost(ctx, f, 0) // context only, never retried
	done()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if postErr != nil && !errors.Is(postErr, ErrSessionExpired) {
		c.log.Warn("backup request ended without an answer; polling the history", "error", postErr)
		// Shown at once: the admin should know that the wizard now only
		// watches the history, and where to look.
		ww.phase(WaitBackupHistory, c.indexURL(backupQuery), time.Nanosecond, c.cfg.BackupMaxWait)
		return c.pollBackup(ctx, known, ww)
	}

	e, plain, err := c.newBackupOn(ctx, known)
	if err != nil || e != nil {
		return e, err
	}
	if errors.Is(postErr, ErrSessionExpired) {
		return nil, ErrSessionExpired // the POST never reached the backup; nothing ran
	}
	return nil, backupFailure(resp, plain)
}

// backupFailure is the error for an answer without a new backup: the
// message the answer shows that the freshly read Backup page lacks (spec
// §4: the wording of a failure is unknown, so it is found by comparison,
// not by its words). 7.x answers every run, failed or not, with the same
// "Backup Complete" script: a completion notice, or no text at all, is
// not a reason, so then the error says only what was observed
// (ErrNoNewBackup) and never passes a notice off as 1CRM's message.
func backupFailure(resp, plain *page) error {
	e := serverMessage(ErrBackupFailed, resp, plain)
	if e.Text == "" {
		e.Text = errorText(resp) // a notice the Backup page always shows
	}
	completion := !errorWords(e.Text) && containsAny(e.Text, "backup complete", "completed", "sicherung abgeschlossen",
		"abgeschlossen", "erfolgreich", "successful")
	if e.Text == "" || completion {
		return noNewBackup()
	}
	return e
}

// noNewBackup is ErrBackupFailed for a run whose outcome only shows as a
// missing history entry.
func noNewBackup() error { return fmt.Errorf("%w: %w", ErrBackupFailed, ErrNoNewBackup) }

// newBackup re-reads the page and returns an entry that was not known.
func (c *Client) newBackup(ctx context.Context, known map[string]bool) (*BackupEntry, error) {
	e, _, err := c.newBackupOn(ctx, known)
	return e, err
}

// newBackupOn is newBackup that also returns the page it read.
func (c *Client) newBackupOn(ctx context.Context, known map[string]bool) (*BackupEntry, *page, error) {
	p, err := c.adminGet(ctx, backupQuery)
	if err != nil {
		return nil, nil, err
	}
	bp, _, err := parseBackup(p)
	if err != nil {
		return nil, p, c.pageError(err)
	}
	for _, e := range bp.History {
		if !known[e.Path] && e.SizeBytes > 0 {
			e := e
			return &e, p, nil
		}
	}
	return nil, p, nil
}

// pollBackup watches the history for the backup after its request
// dropped, until BackupMaxWait (counted from the start of the backup)
// has passed; progress keeps ticking meanwhile (RunBackup's tick).
func (c *Client) pollBackup(ctx context.Context, known map[string]bool, ww *waitWatch) (*BackupEntry, error) {
	for {
		done := ww.begin()
		e, err := c.newBackup(ctx, known)
		done()
		if e != nil {
			return e, nil
		}
		if err != nil && isAny(err, ErrNotAdmin, ErrWrongPassword) {
			return nil, err
		}
		if left, _ := ww.remaining(); left <= 0 {
			return nil, &StallError{Kind: ErrBackupUnconfirmed, Waited: ww.idle(), Alive: ww.isAlive(), CheckURL: c.indexURL(backupQuery)}
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(c.cfg.BackupPollInterval):
		}
	}
}

// tick calls progress every BackupTick until stop is called (once).
func (c *Client) tick(progress func(time.Duration), start time.Time) (stop func()) {
	if progress == nil {
		return func() {}
	}
	var once sync.Once
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(c.cfg.BackupTick)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				progress(time.Since(start))
			}
		}
	}()
	return func() { once.Do(func() { close(done); wg.Wait() }) }
}
