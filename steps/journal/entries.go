package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
)

// Begin records "started action" durably. Call it BEFORE the side effect
// (upload, install, backup request): if the process dies in between, the
// entry shows up in Pending and the wizard reconciles with the server on
// resume instead of repeating the action (W8).
func (j *Journal) Begin(action string, data map[string]string) error {
	return j.appendEntry(KindStarted, action, data)
}

// Done records that action completed, with evidence (server ids, versions,
// backup name…). Call it right after the side effect succeeded.
func (j *Journal) Done(action string, evidence map[string]string) error {
	return j.appendEntry(KindDone, action, evidence)
}

// Fail records that action failed, with a reason for the report
// (credentials in it are redacted, see SanitizeData).
func (j *Journal) Fail(action string, reason string) error {
	return j.appendEntry(KindFailed, action, map[string]string{"reason": reason})
}

// Event records something worth a line in the report without a start/end
// pair (a warning shown, an override chosen, a path picked).
func (j *Journal) Event(action string, data map[string]string) error {
	return j.appendEntry(KindEvent, action, data)
}

// Answer records an answer of the admin (a checklist item, a confirmation).
func (j *Journal) Answer(action string, data map[string]string) error {
	return j.appendEntry(KindAnswer, action, data)
}

// Pending returns, in journal order, the latest "started" entry of every
// action that has no done/failed entry after it: actions interrupted by a
// crash, to reconcile with the server on resume.
func (j *Journal) Pending() []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	open := map[string]int{} // action → index of its open started entry
	for i, e := range j.doc.Entries {
		switch e.Kind {
		case KindStarted:
			open[e.Action] = i
		case KindDone, KindFailed:
			delete(open, e.Action)
		}
	}
	var out []Entry
	for i, e := range j.doc.Entries {
		if k, ok := open[e.Action]; ok && k == i {
			e.Data = maps.Clone(e.Data)
			out = append(out, e)
		}
	}
	return out
}

// IsDone reports whether action's latest started/done/failed entry is done:
// it completed and was not started again since.
func (j *Journal) IsDone(action string) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := len(j.doc.Entries) - 1; i >= 0; i-- {
		e := j.doc.Entries[i]
		if e.Action != action {
			continue
		}
		switch e.Kind {
		case KindDone:
			return true
		case KindStarted, KindFailed:
			return false
		}
	}
	return false
}

// LastDone returns the latest done entry of action (its evidence).
func (j *Journal) LastDone(action string) (Entry, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := len(j.doc.Entries) - 1; i >= 0; i-- {
		e := j.doc.Entries[i]
		if e.Action == action && e.Kind == KindDone {
			e.Data = maps.Clone(e.Data)
			return e, true
		}
	}
	return Entry{}, false
}

// Set stores a small typed fact (any JSON-encodable value) under key,
// replacing an earlier value. A key or nested key (struct field, map key)
// naming a secret is refused with ErrSecret; credential-shaped parts of
// strings are redacted (RedactText) before anything is written.
func (j *Journal) Set(key string, value any) error {
	if key == "" {
		return errors.New("journal: empty fact key")
	}
	if IsSecretKey(key) {
		return fmt.Errorf("%w: key %q names a secret", ErrSecret, key)
	}
	raw, err := json.Marshal(value)
	if err != nil {
		return fmt.Errorf("journal: encode fact %q: %w", key, err)
	}
	var generic any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // re-encoding must not round large integers
	if err := dec.Decode(&generic); err != nil {
		return fmt.Errorf("journal: encode fact %q: %w", key, err)
	}
	clean, changed, err := sanitizeAny(key, generic)
	if err != nil {
		return err
	}
	if changed {
		if raw, err = json.Marshal(clean); err != nil {
			return fmt.Errorf("journal: encode fact %q: %w", key, err)
		}
	}
	return j.commit(func(d *document) error {
		d.Facts[key] = raw
		return nil
	})
}

// Get decodes the fact stored under key into into (a pointer). found is
// false when the key was never set.
func (j *Journal) Get(key string, into any) (found bool, err error) {
	j.mu.Lock()
	raw, ok := j.doc.Facts[key]
	j.mu.Unlock()
	if !ok {
		return false, nil
	}
	if err := json.Unmarshal(raw, into); err != nil {
		return true, fmt.Errorf("journal: decode fact %q: %w", key, err)
	}
	return true, nil
}
