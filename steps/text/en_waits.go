package text

import (
	"time"

	"github.com/visual4/1crm-update/crmclient"
)

// ---- long waits (English)

func (en) WaitDuration(d time.Duration) string { return waitClock(d, "h", "min", "s") }

func (en) StallTitle(wait, since string, alive bool) string {
	if !alive {
		return "No answer from 1CRM for " + since
	}
	switch wait {
	case crmclient.WaitBackupHistory:
		return "The connection broke off during the backup (running for " + since + ") – the wizard is watching the backup history"
	case crmclient.WaitInstallStep:
		return "1CRM answers, but the install step has been running for " + since
	case crmclient.WaitInstallList:
		return "1CRM answers, but has not reported the install as finished for " + since
	}
	return "1CRM has been working on the backup for " + since
}

func (en) StallBody(wait string, alive bool, left string) string {
	var s string
	switch wait {
	case crmclient.WaitBackup, crmclient.WaitBackupHistory:
		if alive {
			s = "1CRM finishes the backup even without the connection; the wizard looks into the backup history regularly to see whether it has appeared. "
		} else {
			s = "The server may be overloaded or the connection disturbed. The backup most likely goes on on the server. "
		}
		s += "Wait on: the wizard waits for the finished backup. " +
			"Check in the browser: the Backup Management page shows whether a new backup has been added. " +
			"Pause: the wizard stops waiting, the backup on the server goes on; at the next start the wizard looks for it in the history instead of starting a second one."
	default:
		if alive {
			s = "The install runs on the server; some steps (copying files, adjusting the database) take several minutes on large systems. "
		} else {
			s = "The server may be overloaded or the connection disturbed; the install may well go on on the server. "
		}
		s += "Until it is finished, users cannot sign in. " +
			"Wait on: the wizard waits for the next step. " +
			"Check in the browser: the upgrade manager's list shows whether the install is still running (please do not open upgrade.php there while the wizard waits – two would drive the install at once). " +
			"Pause: the wizard stops waiting; the install stays recorded as started, and at the next start the wizard continues it where it stopped instead of starting it again."
	}
	if left != "" {
		s += " Without progress the wizard stops waiting by itself in " + left + "."
	}
	return s
}

func (en) InstallStalled(waited, step, url string, alive bool) string {
	s := "The install has not moved on for " + waited
	if step != "" {
		s += " (last: “" + step + "”)"
	}
	if alive {
		s += "; 1CRM answers but does not finish the step. "
	} else {
		s += "; 1CRM no longer answers. "
	}
	return s + "On the server it is not finished yet: users cannot sign in again until it is. " +
		"Open " + url + " in the browser and see where it stands; the remaining steps can be finished there. " +
		"“Retry” continues the install where it was recorded – it is never started a second time."
}

func (en) InstallLost() string {
	return "1CRM no longer has an install in progress, and the package is not recorded as installed: the install got lost on the server " +
		"(for example because 1CRM was restarted or restored from a backup). The wizard does not wait for it any longer. " +
		"Look at the upgrade manager in the browser: if the package is uploaded there and not installed, “Retry” starts the install anew; otherwise please report it as a problem."
}

func (en) BackupUnconfirmed(waited, url string) string {
	return "The connection broke off during the backup, and after " + waited + " still no new backup has appeared in the backup history. " +
		"1CRM may still be writing it. Look at " + url + " in the browser. " +
		"“Retry” first looks for it once more and only then starts a new backup."
}
