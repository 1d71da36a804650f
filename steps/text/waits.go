package text

import (
	"fmt"
	"time"
)

// waitTexts word the long waits on 1CRM (issue 8 item 7): the notice a
// screen shows while 1CRM does not answer or an install step does not
// move, with what each of the three choices (wait on, check in the
// browser, pause) does; and the errors at the waits' limits. wait is one
// of crmclient's Wait* codes (backup, backup_history, install_step,
// install_list); durations come formatted (WaitDuration).
type waitTexts interface {
	// WaitDuration is a wait's length to the second: "45 Sek.", "2 Min. 15 Sek.".
	WaitDuration(d time.Duration) string
	// StallTitle is the notice's headline: no answer from 1CRM for since,
	// or (alive) 1CRM answers but the wait has not moved for since.
	StallTitle(wait, since string, alive bool) string
	// StallBody says what goes on on the server meanwhile and what each
	// choice does; left is how long until the wizard stops waiting by
	// itself ("" when it does not: the admin decides).
	StallBody(wait string, alive bool, left string) string
	// InstallStalled: the install made no progress for waited; step is
	// the step 1CRM showed last ("" when unknown), url upgrade.php.
	InstallStalled(waited, step, url string, alive bool) string
	// InstallLost: 1CRM has no install in progress any more and the
	// package is not installed.
	InstallLost() string
	// BackupUnconfirmed: the backup request dropped and no new backup
	// appeared in the history within waited; url is Backup Management.
	BackupUnconfirmed(waited, url string) string
}

// waitClock formats d to the second below ten minutes, else in whole
// minutes (hm), with the language's unit words.
func waitClock(d time.Duration, h, min, sec string) string {
	d = d.Round(time.Second)
	if d >= 10*time.Minute {
		return hm(d, h, min)
	}
	m, s := int(d/time.Minute), int((d%time.Minute)/time.Second)
	switch {
	case m == 0:
		return fmt.Sprintf("%d %s", s, sec)
	case s == 0:
		return fmt.Sprintf("%d %s", m, min)
	}
	return fmt.Sprintf("%d %s %d %s", m, min, s, sec)
}
