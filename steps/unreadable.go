package steps

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"

	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// An unreadable journal (damaged, empty, truncated, written by a newer
// version, no permission, a directory) may record a backup or an install.
// Skipping it would start a new run that repeats them, so the wizard and
// `report` refuse, name the file and say what to do (W8).

// checkJournals returns an *journal.UnreadableError for the newest run
// whose journal cannot be read, including a run state that does not
// decode; nil when every journal can be read.
func checkJournals(store *journal.Store) error {
	if err := store.CheckReadable(); err != nil {
		return err
	}
	_, j, _, _, err := latestUnfinished(store)
	if err != nil && j != nil {
		// The journal opened, its run state does not decode.
		return &journal.UnreadableError{Path: filepath.Join(j.Dir(), "journal.json"), Err: fmt.Errorf("%w: %w", journal.ErrDamaged, err)}
	}
	return err
}

// journalUnreadable words err for the admin when it is about an
// unreadable journal; other errors pass unchanged.
func journalUnreadable(tx text.Texts, stateDir string, err error) error {
	var ue *journal.UnreadableError
	if !errors.As(err, &ue) {
		return err
	}
	return &ActionError{Step: StepConnect, Text: tx.JournalUnreadable(unreadableKind(ue.Err), ue.Path, stateDir), Err: err}
}

func unreadableKind(err error) string {
	switch {
	case errors.Is(err, journal.ErrNewerSchema):
		return text.JournalNewer
	case errors.Is(err, fs.ErrPermission):
		return text.JournalDenied
	case errors.Is(err, journal.ErrNotRegular), errors.Is(err, syscall.EISDIR):
		return text.JournalNotFile
	}
	return text.JournalDamaged
}

// JournalProblem words an error of LatestReport about an unreadable
// journal in lang ("de", "en"); ok is false for any other error.
func JournalProblem(lang, stateDir string, err error) (msg string, ok bool) {
	var ae *ActionError
	if errors.As(journalUnreadable(text.For(lang), stateDir, err), &ae) {
		return ae.Text, true
	}
	return "", false
}
