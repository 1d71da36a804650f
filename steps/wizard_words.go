package steps

import (
	"errors"
	"io/fs"
	"net/url"
	"strings"

	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// Errors and texts on their way out: the worded *ActionError the UI shows,
// and the redaction every text passes before the journal, a report, a mail
// or a screen gets it.

// ActionError is an action that failed on the server or locally. Text is
// localised for the admin; Err is the underlying (typed) error for errors.Is.
type ActionError struct {
	Step  StepID
	Stage Stage
	Text  string
	Err   error
	// Specific: Text is a diagnosis steps made from more than the error
	// (a full disk, an upload cut mid-body, a stuck install, a swapped
	// package); a UI shows it as the cause instead of classifying Err.
	Specific bool
	// Untouched: the action failed before it reached the server; nothing
	// was started or changed there (a UI must not say the server goes on).
	Untouched bool
}

// specific marks an *ActionError's text as the diagnosis to show.
func specific(err error) error {
	var ae *ActionError
	if errors.As(err, &ae) {
		ae.Specific = true
	}
	return err
}

func (e *ActionError) Error() string { return e.Text }
func (e *ActionError) Unwrap() error { return e.Err }

// safeURL drops user info and query from a URL before it is stored or shown
// (a pasted URL may carry credentials or a download key).
func safeURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	u.User = nil
	u.RawQuery = ""
	u.Fragment = ""
	return u.String()
}

// redact removes credential-shaped fragments from a message before it is
// journaled or reported; the client already avoids them, this is the belt.
func redact(s string) string {
	// A known secret (a password typed into a note) goes first, in place:
	// the rest of the note stays readable.
	s = journal.RedactKnown(s)
	if journal.LooksLikeSecretValue(s) {
		return "[redacted]"
	}
	fields := strings.Fields(s)
	changed := false
	for i, f := range fields {
		if journal.LooksLikeSecretValue(f) {
			fields[i] = "[redacted]"
			changed = true
		}
	}
	if changed {
		return strings.Join(fields, " ")
	}
	return s
}

// journalData drops secret-looking entries so a journal write never fails
// on them (they are never needed as evidence).
func journalData(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		k, v := kv[i], redact(kv[i+1])
		if journal.IsSecretKey(k) {
			continue
		}
		m[k] = v
	}
	return m
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return redact(err.Error())
}

// actionError wraps err for the UI. textMsg == "" words err itself (see
// errwords.go); never the Go error chain, whose prefixes are English.
func (w *Wizard) actionError(step StepID, stage Stage, textMsg string, err error) error {
	if textMsg == "" {
		host := ""
		if w.st != nil {
			host = hostOf(w.stageURLLocked(stage))
		}
		textMsg = sentence(w.tx, err, host, false)
	}
	return &ActionError{Step: step, Stage: stage, Text: textMsg, Err: err}
}

// stateDirError words a state directory that cannot be written (full,
// read-only, no permission) before any run exists; other errors keep
// their own words. errors.Is/As still reach the cause.
func stateDirError(tx text.Texts, dir string, err error) error {
	var we *journal.WriteError
	var pe *fs.PathError
	if errors.As(err, &we) || errors.As(err, &pe) || diskKind(err) != text.DiskOther {
		// Any file-system refusal (also "not a directory") means: not
		// writable here. Never the Go chain, never "free some space" for
		// a disk that is not full.
		return &ActionError{Step: StepConnect, Text: tx.JournalWriteFailed(diskKind(err), dir, false), Err: err, Specific: true, Untouched: true}
	}
	return err
}

// StateDirError words a file of the run folder (journal, wizard.log) that
// cannot be written, in lang, naming dir: disk full, read-only, no
// permission, not a directory. Other errors pass unchanged.
func StateDirError(lang, dir string, err error) error { return stateDirError(text.For(lang), dir, err) }

// changedRecorded words a journal write that failed right after a server
// change (the "done" record): the change happened, the next start
// reconciles it with the server (W8). Called with w.mu held.
func (w *Wizard) changedRecorded(err error) error {
	if err == nil {
		return nil
	}
	return &ActionError{Step: w.nextLocked(), Stage: w.st.currentStage(), Text: sentence(w.tx, err, "", true), Err: err}
}
