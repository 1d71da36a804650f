package text

// backupCheck: the backup screen after a failed check of the backup file
// (R10, issue 12). The check's own findings come worded from steps.
type backupCheck interface {
	BackupAgain() string         // menu: make a new backup
	BackupAcceptProblem() string // menu: go on anyway, with a reason
	BackupAcceptHelp() string    // what the reason is for
}

func (de) BackupAgain() string { return "Neues Backup erstellen" }
func (de) BackupAcceptProblem() string {
	return "Trotzdem weiter (nur mit anderem, geprüftem Backup; mit Begründung)"
}
func (de) BackupAcceptHelp() string {
	return "Welches andere Backup sichert das CRM, z. B. „Snapshot des Hosters von 08:00, geprüft“?"
}

func (en) BackupAgain() string { return "Make a new backup" }
func (en) BackupAcceptProblem() string {
	return "Go on anyway (only with another, verified backup; with a reason)"
}
func (en) BackupAcceptHelp() string {
	return "Which other backup protects the CRM, e.g. \"hoster snapshot from 08:00, verified\"?"
}
