package text

import (
	"strconv"
	"strings"
)

// line: the accessible line mode's own words (questions and answers).
type line interface {
	LineChoose() string
	LineInvalid() string
	LineYesNo() string
	IsYes(answer string) bool
	// IsNo: the answer declines a yes/no question (the wizard pauses).
	IsNo(answer string) bool
	// LineYesNoHelp answers "?" at a yes/no question: what y and n do.
	LineYesNoHelp(yes string) string
	// LineChooseInvalid answers what is no choice on a numbered list of n.
	LineChooseInvalid(n int) string
	LineChecklistHelp(passed, problem, na string) string
	LineProgress(pct int, detail string) string
	LineWaiting(what, elapsed string) string
	LineMailtoLink() string
	LineEOF() string
}

func (de) LineChoose() string  { return "Bitte die Nummer eingeben:" }
func (de) LineInvalid() string { return "Das habe ich nicht verstanden, bitte noch einmal." }
func (de) LineYesNo() string   { return "[j/n]" }
func (de) IsYes(a string) bool {
	switch strings.ToLower(strings.TrimSpace(a)) {
	case "j", "ja", "y", "yes":
		return true
	}
	return false
}
func (de) IsNo(a string) bool {
	switch strings.ToLower(strings.TrimSpace(a)) {
	case "n", "nein", "no":
		return true
	}
	return false
}
func (de) LineYesNoHelp(yes string) string {
	return "j = " + yes + "; n = jetzt pausieren (derselbe Befehl macht später hier weiter); eine Taste in [ ] wählt, was darüber steht."
}
func (de) LineChooseInvalid(n int) string {
	return "Bitte eine Nummer von 1 bis " + strconv.Itoa(n) + " oder eine Taste in [ ] eingeben; „?“ zeigt die Auswahl noch einmal."
}
func (de) LineChecklistHelp(p, x, na string) string {
	return "Antwort: 1 = " + p + ", 2 = " + x + " (danach eine Notiz), 3 = " + na + ", + = eigenen Punkt hinzufügen"
}
func (de) LineProgress(pct int, detail string) string {
	return strconv.Itoa(pct) + " % — " + detail
}
func (de) LineWaiting(what, elapsed string) string { return what + " … läuft seit " + elapsed }
func (de) LineMailtoLink() string                  { return "mailto-Link:" }
func (de) LineEOF() string {
	return "Eingabe beendet — der Lauf ist gespeichert und kann fortgesetzt werden."
}

func (en) LineChoose() string  { return "Please enter the number:" }
func (en) LineInvalid() string { return "I did not understand that, please try again." }
func (en) LineYesNo() string   { return "[y/n]" }
func (en) IsYes(a string) bool {
	switch strings.ToLower(strings.TrimSpace(a)) {
	case "y", "yes", "j", "ja":
		return true
	}
	return false
}
func (en) IsNo(a string) bool {
	switch strings.ToLower(strings.TrimSpace(a)) {
	case "n", "no", "nein":
		return true
	}
	return false
}
func (en) LineYesNoHelp(yes string) string {
	return "y = " + yes + "; n = pause now (the same command continues here later); a key in [ ] picks what is listed above."
}
func (en) LineChooseInvalid(n int) string {
	return "Please enter a number from 1 to " + strconv.Itoa(n) + " or a key in [ ]; \"?\" shows the choices again."
}
func (en) LineChecklistHelp(p, x, na string) string {
	return "Answer: 1 = " + p + ", 2 = " + x + " (then a note), 3 = " + na + ", + = add an own item"
}
func (en) LineProgress(pct int, detail string) string {
	return strconv.Itoa(pct) + " % — " + detail
}
func (en) LineWaiting(what, elapsed string) string { return what + " … running for " + elapsed }
func (en) LineMailtoLink() string                  { return "mailto link:" }
func (en) LineEOF() string                         { return "Input ended — the run is saved and can be continued." }
