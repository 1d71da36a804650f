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
func (en) LineChecklistHelp(p, x, na string) string {
	return "Answer: 1 = " + p + ", 2 = " + x + " (then a note), 3 = " + na + ", + = add an own item"
}
func (en) LineProgress(pct int, detail string) string {
	return strconv.Itoa(pct) + " % — " + detail
}
func (en) LineWaiting(what, elapsed string) string { return what + " … running for " + elapsed }
func (en) LineMailtoLink() string                  { return "mailto link:" }
func (en) LineEOF() string                         { return "Input ended — the run is saved and can be continued." }
