package text

import (
	"fmt"
	"strconv"
)

func (en) BackupCheckTitle() string { return "Backup check" }
func (en) BackupVerified(tables int, size, sha string) string {
	return fmt.Sprintf("verified: %d tables, dump complete, %s, SHA-256 %s", tables, size, sha)
}
func (en) BackupVerifiedNoDump(files int, size, sha string) string {
	return fmt.Sprintf("Archive verified and intact (%d files, %s, SHA-256 %s), but it holds no database dump.", files, size, sha)
}
func (en) BackupNotVerified(path string) string {
	return "not verified: not readable from here (" + path + ")"
}
func (en) BackupNotVerifiedAdvice() string {
	return "If the wizard does not run on the CRM server, name the folder holding the backups with --backup-dir (mounted or copied) and it checks the file."
}
func (en) BackupProblem(kind, entry string, tables int) string {
	switch kind {
	case "not_zip":
		return "The file is not a complete ZIP archive (cut short, or no ZIP)."
	case "damaged":
		return "The file " + entry + " in the archive is damaged (checksum mismatch)."
	case "no_dump":
		return "The archive holds no database dump (iahdb_*.sql) although the dump is switched on."
	case "dump_empty":
		return "The database dump " + entry + " is empty: mysqldump failed."
	case "dump_incomplete":
		return "The database dump " + entry + " stops after " + strconv.Itoa(tables) + " tables (its closing line \"-- Dump completed\" is missing): mysqldump did not finish."
	}
	return "The archive is not in order (" + kind + ")."
}
func (en) BackupCheckFailed(problems string) string {
	return "check failed: " + problems + " This backup could not restore the CRM."
}
func (en) BackupCheckFailedAdvice() string {
	return "Make a new backup. Only if you hold another, verified backup (such as a hoster snapshot) go on anyway, with a reason."
}
func (en) BackupShrunk(size, previous, previousSize string) string {
	return "This backup is far smaller than the previous one: " + size + " instead of " + previousSize + " (" + previous + ")."
}
func (en) BackupShrunkAdvice() string {
	return "Check whether the file filter was narrowed or data is missing; after a dump that stopped early, make a new backup."
}
func (en) BackupCheckAccepted(reason string) string {
	return "Went on although the check failed or was cancelled, reason: " + reason
}
func (en) BackupNothingToAccept() string {
	return "There is no failed backup check to go past."
}
func (en) BackupNotChecked() string { return "not checked" }

func (en) DownloadTitle() string { return "Download" }
func (en) DownloadResumed(kept, total string) string {
	return "The download was resumed: " + kept + " of " + total + " were already here and were not fetched again."
}
func (en) DownloadRestarted(reason string) string {
	why := "The server cannot continue an interrupted download"
	switch reason {
	case "changed":
		why = "The file on the server changed since the interrupted download"
	case "no_validator":
		why = "The server names no mark of the file (ETag or modification date) to continue a partial download safely"
	case "corrupt":
		why = "The resumed file failed its check"
	}
	return why + ", so the download started over."
}
func (en) DownloadRetried(n int) string {
	if n == 1 {
		return "The connection dropped once; the download continued where it stopped."
	}
	return fmt.Sprintf("The connection dropped %d times; each time the download continued where it stopped.", n)
}
