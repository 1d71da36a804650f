package text

// backupCheckTexts word the check of the backup file (R10, issue 12) and
// the resumable download of the update package.
type backupCheckTexts interface {
	BackupCheckTitle() string
	// BackupVerified: "verified: N tables, dump complete, size, SHA-256 …".
	BackupVerified(tables int, size, sha string) string
	// BackupVerifiedNoDump: the archive is intact but holds no dump.
	BackupVerifiedNoDump(files int, size, sha string) string
	// BackupNotVerified: the file cannot be read from where the wizard runs.
	BackupNotVerified(path string) string
	BackupNotVerifiedAdvice() string
	// BackupProblem words one backupcheck finding (kind: not_zip, damaged,
	// no_dump, dump_empty, dump_incomplete); entry is the archive entry.
	BackupProblem(kind, entry string, tables int) string
	BackupCheckFailed(problems string) string
	BackupCheckFailedAdvice() string
	// BackupShrunk: far smaller than the previous backup (sizes formatted).
	BackupShrunk(size, previous, previousSize string) string
	BackupShrunkAdvice() string
	BackupCheckAccepted(reason string) string // report: went on despite the check
	BackupNothingToAccept() string            // refusal of AcceptBackupProblem
	BackupNotChecked() string                 // report: a backup without a check (older run)

	// DownloadResumed: the download continued from a kept part file.
	DownloadResumed(kept, total string) string
	// DownloadRestarted: the server could not continue it (reason: no_range,
	// changed, no_validator, corrupt); the download started over.
	DownloadRestarted(reason string) string
	// DownloadRetried: the connection dropped n times and was picked up again.
	DownloadRetried(n int) string
	DownloadTitle() string
}
