package crmclient

import (
	"context"
	"errors"
	"net/url"
)

// Read-only checks of what an administrator did in the browser (issue 10:
// a step handed over is verified by what can still be read back). None of
// them posts anything.

// InstallLockGone asks upgrade.php whether 1CRM still holds its
// in-progress lock (users locked out), judged as Install judges it: gone
// when upgrade.php sends the browser elsewhere (7.x clears the lock in its
// last step, "Restored system access for users"). A step page, a way on to
// upgrade.php, or a page the client cannot read (e.g. the script-driven
// progress page) count as "still set": fail closed, never "gone" on a
// guess. Other errors (network, login refused) come back as they are.
func (c *Client) InstallLockGone(ctx context.Context) (bool, error) {
	// One look, bounded like any read (no stall notice: nothing waits).
	ww := c.watch(ctx, WaitInstallStep, "", 0, c.cfg.Timeout)
	defer ww.close()
	gone, _, err := c.lockGone(ctx, ww)
	if errors.Is(err, ErrInstallNeedsBrowser) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return gone, nil
}

// BackupHistory reads the backup history of the Backup Management page.
// Unlike BackupPage it does not need the settings form: every
// backup_YYYYMMDD_HHMMSS.zip the page names is an entry (the name is 1CRM's
// own, whatever the markup around it), so a changed page can still show
// whether a new backup exists. A page that names no backup and has no
// settings form either cannot be told apart from an unknown page: that is
// a *PageChangedError (matching ErrNotAdmin as well when the page may be a
// non-admin's); an access-denied page is ErrNotAdmin.
func (c *Client) BackupHistory(ctx context.Context) ([]BackupEntry, error) {
	p, err := c.adminGet(ctx, backupQuery)
	if err != nil {
		return nil, err
	}
	if bp, _, err := parseBackup(p); err == nil {
		return bp.History, nil
	}
	if fe := fatalError(ErrServerError, p); fe != nil {
		return nil, c.pageError(notAdminOrChanged(p, "backup", "backup history"))
	}
	if accessDenied(p.text()) {
		return nil, ErrNotAdmin
	}
	if h := backupHistory(p); len(h) > 0 {
		return h, nil
	}
	return nil, c.pageError(notAdminOrChanged(p, "backup", "backup history (backup_YYYYMMDD_HHMMSS.zip names)"))
}

// ProbeLoginPage reads the login page as Login's first step does, and
// nothing else: no login is attempted. form says whether it carries the
// login form the client knows, captcha whether it shows the "I'm a human"
// widget (doctor, and `doctor --capture` without a password).
func (c *Client) ProbeLoginPage(ctx context.Context) (form, captcha bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	target, _ := url.Parse(c.indexURL("module=Users&action=Login"))
	p, _, err := c.getFollow(ctx, target)
	if err != nil {
		return false, false, err
	}
	return p.isLoginPage(), hasCaptcha(p), nil
}
