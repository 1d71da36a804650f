package text

import (
	"fmt"

	steptext "github.com/visual4/1crm-update/steps/text"
)

// handover: the page of a step handed to the admin in the browser (issue
// 10) and the choices that ask for it. What to do there (reason, steps,
// what to look for, the locked-out warning) comes worded from steps; these
// are the page's frame, its choices and the lines that say afterwards
// what was done by hand.
type handover interface {
	// HandoverHeading names what is with the admin; stage is "LIVE",
	// "TEST" or "" (the download belongs to no instance).
	HandoverHeading(action, stage string) string
	// HandoverNotSeen heads what the n-th check found and did not find.
	HandoverNotSeen(n int) string
	// Labels of 1CRM's menu path in its German and English interface,
	// and of one path that reads the same in both.
	HandoverMenuDE() string
	HandoverMenuEN() string
	HandoverMenuBoth() string
	HandoverAddress() string
	HandoverStepsTitle() string
	HandoverLookForTitle() string
	// HandoverPagesKept: n pages the wizard could not read are kept in
	// dir, for the partner.
	HandoverPagesKept(n int, dir string) string

	// The choices of the hand-over page.
	HandoverCheck() string     // done: the wizard looks
	HandoverCheckFile() string // the download: the file is asked first
	HandoverFileHelp() string
	HandoverChecking() string // running label
	HandoverConfirm() string  // confirm without a check (report: not verified)
	// HandoverConfirmNoteHint: a check could read and did not see it; the
	// admin may still confirm, with a note.
	HandoverConfirmNoteHint() string
	HandoverNoteTitle() string
	HandoverNoteHelp() string
	HandoverNoteRequired() string
	HandoverCancel() string // the wizard does the step again
	HandoverProblem() string
	HandoverProblemHelp() string
	HandoverPause() string
	HandoverPausedFarewell() string

	// ManualRequest is the choice that hands the action (steps'
	// ManualAction codes) to the browser on request; ManualRequesting
	// runs while the backup history is read first.
	ManualRequest(action string) string
	ManualRequesting() string

	// ManualSection heads the list of steps done by hand (finish and
	// problems pages); ManualOutcome is one line of it (state: steps'
	// text.Manual* codes).
	ManualSection() string
	ManualOutcome(action, stage, state string) string
	// BackupConfirmed: the backup was made in the browser and confirmed
	// by the admin; the wizard could not read it back.
	BackupConfirmed() string
	// PendingManual words an open hand-over for the resume screen.
	PendingManual(action string) string
}

func (de) HandoverHeading(action, stage string) string {
	if stage != "" {
		action += " auf " + stage
	}
	return "Bitte im Browser erledigen: " + action
}
func (de) HandoverNotSeen(n int) string {
	return fmt.Sprintf("Noch nicht bestätigt – was die %d. Prüfung sah:", n)
}
func (de) HandoverMenuDE() string       { return "Menü (deutsch)" }
func (de) HandoverMenuEN() string       { return "Menü (englisch)" }
func (de) HandoverMenuBoth() string     { return "Menü (de/en)" }
func (de) HandoverAddress() string      { return "Adresse" }
func (de) HandoverStepsTitle() string   { return "So geht es:" }
func (de) HandoverLookForTitle() string { return "Daran sehen Sie, dass es geklappt hat:" }
func (de) HandoverPagesKept(n int, dir string) string {
	return fmt.Sprintf("Für den Partner gespeichert (Seiten von 1CRM, die der Assistent nicht lesen konnte; ohne Passwörter und Cookies): %s in %s", steptext.Count(n, "Seite", "Seiten"), dir)
}
func (de) HandoverCheck() string     { return "Erledigt – jetzt prüfen lassen" }
func (de) HandoverCheckFile() string { return "Heruntergeladen – Datei angeben und prüfen lassen" }
func (de) HandoverFileHelp() string {
	return "Pfad der heruntergeladenen ZIP-Datei, z. B. ~/Downloads/8.7.7-InfoAtHand-patch.zip"
}
func (de) HandoverChecking() string { return "Der Assistent sieht nach, was im Browser erledigt wurde" }
func (de) HandoverConfirm() string {
	return "Erledigt bestätigen (Bericht: „vom Admin bestätigt, nicht geprüft“)"
}
func (de) HandoverConfirmNoteHint() string {
	return "Der Assistent sieht es noch nicht. Haben Sie im Browser gesehen, dass es geklappt hat, können Sie es mit einer kurzen Notiz bestätigen; im Bericht steht dann „vom Admin bestätigt, nicht geprüft“."
}
func (de) HandoverNoteTitle() string { return "Notiz (steht im Journal und im Bericht)" }
func (de) HandoverNoteHelp() string {
	return "Was haben Sie im Browser gesehen, das zeigt, dass es geklappt hat?"
}
func (de) HandoverNoteRequired() string {
	return "Bitte kurz notieren, was Sie im Browser gesehen haben."
}
func (de) HandoverCancel() string { return "Doch nicht im Browser: der Assistent versucht es selbst" }
func (de) HandoverProblem() string {
	return "Problem melden (an den Partner, mit den Wegen zurück)"
}
func (de) HandoverProblemHelp() string { return "Was ist im Browser schiefgegangen?" }
func (de) HandoverPause() string       { return "Pausieren – später weitermachen" }
func (de) HandoverPausedFarewell() string {
	return "Pausiert. Der Schritt bleibt bei Ihnen im Browser; beim nächsten Start mit demselben Befehl zeigt der Assistent ihn wieder und prüft dann, was erledigt ist."
}
func (de) ManualRequest(action string) string {
	switch action {
	case "download":
		return "Stattdessen selbst im Browser herunterladen"
	case "backup":
		return "Stattdessen selbst im Browser sichern"
	case "upload":
		return "Stattdessen selbst im Browser hochladen"
	case "prepare":
		return "Stattdessen selbst im Browser prüfen und installieren"
	}
	return "Stattdessen selbst im Browser installieren"
}
func (de) ManualRequesting() string { return "Die bisherigen Sicherungen werden gelesen" }
func (de) ManualSection() string    { return "Im Browser erledigt" }
func (de) ManualOutcome(action, stage, state string) string {
	if stage != "" {
		action += " (" + stage + ")"
	}
	switch state {
	case steptext.ManualVerified:
		return action + ": von Hand erledigt, vom Assistenten geprüft"
	case steptext.ManualConfirmed:
		return action + ": von Hand erledigt, vom Admin bestätigt, nicht geprüft"
	case steptext.ManualCancelled:
		return action + ": doch dem Assistenten überlassen"
	}
	return action + ": liegt noch im Browser, nicht erledigt"
}
func (de) BackupConfirmed() string {
	return "Sicherung im Browser gemacht – von Ihnen bestätigt, vom Assistenten nicht geprüft."
}
func (de) PendingManual(action string) string { return action + " im Browser" }

func (en) HandoverHeading(action, stage string) string {
	if stage != "" {
		action += " on " + stage
	}
	return "Please do this in the browser: " + action
}
func (en) HandoverNotSeen(n int) string {
	return fmt.Sprintf("Not confirmed yet – what check no. %d saw:", n)
}
func (en) HandoverMenuDE() string       { return "Menu (German)" }
func (en) HandoverMenuEN() string       { return "Menu (English)" }
func (en) HandoverMenuBoth() string     { return "Menu (de/en)" }
func (en) HandoverAddress() string      { return "Address" }
func (en) HandoverStepsTitle() string   { return "How to do it:" }
func (en) HandoverLookForTitle() string { return "How you can tell it worked:" }
func (en) HandoverPagesKept(n int, dir string) string {
	return fmt.Sprintf("Kept for the partner (1CRM pages the wizard could not read; without passwords or cookies): %s in %s", steptext.Count(n, "page", "pages"), dir)
}
func (en) HandoverCheck() string { return "Done – let the wizard check" }
func (en) HandoverCheckFile() string {
	return "Downloaded – enter the file and let the wizard check it"
}
func (en) HandoverFileHelp() string {
	return "Path of the downloaded ZIP file, e.g. ~/Downloads/8.7.7-InfoAtHand-patch.zip"
}
func (en) HandoverChecking() string { return "The wizard looks at what was done in the browser" }
func (en) HandoverConfirm() string {
	return "Confirm it is done (report: “confirmed by the admin, not verified”)"
}
func (en) HandoverConfirmNoteHint() string {
	return "The wizard does not see it yet. If you saw in the browser that it worked, you can confirm it with a short note; the report then says “confirmed by the admin, not verified”."
}
func (en) HandoverNoteTitle() string { return "Note (kept in the journal and the report)" }
func (en) HandoverNoteHelp() string {
	return "What did you see in the browser that shows it worked?"
}
func (en) HandoverNoteRequired() string {
	return "Please note briefly what you saw in the browser."
}
func (en) HandoverCancel() string      { return "Not in the browser after all: let the wizard do it" }
func (en) HandoverProblem() string     { return "Report a problem (to the partner, with the ways back)" }
func (en) HandoverProblemHelp() string { return "What went wrong in the browser?" }
func (en) HandoverPause() string       { return "Pause – continue later" }
func (en) HandoverPausedFarewell() string {
	return "Paused. The step stays with you in the browser; at the next start with the same command the wizard shows it again and then checks what was done."
}
func (en) ManualRequest(action string) string {
	switch action {
	case "download":
		return "Download it myself in the browser instead"
	case "backup":
		return "Make the backup myself in the browser instead"
	case "upload":
		return "Upload it myself in the browser instead"
	case "prepare":
		return "Check and install it myself in the browser instead"
	}
	return "Install it myself in the browser instead"
}
func (en) ManualRequesting() string { return "Reading the existing backups" }
func (en) ManualSection() string    { return "Done in the browser" }
func (en) ManualOutcome(action, stage, state string) string {
	if stage != "" {
		action += " (" + stage + ")"
	}
	switch state {
	case steptext.ManualVerified:
		return action + ": done by hand, verified by the wizard"
	case steptext.ManualConfirmed:
		return action + ": done by hand, confirmed by the admin, not verified"
	case steptext.ManualCancelled:
		return action + ": left to the wizard after all"
	}
	return action + ": still with you in the browser, not done"
}
func (en) BackupConfirmed() string {
	return "Backup made in the browser – confirmed by you, not verified by the wizard."
}
func (en) PendingManual(action string) string { return action + " in the browser" }
