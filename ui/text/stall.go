package text

// stall: the notice while a wait on 1CRM stalls (issue 8 item 7). Its
// headline and body come worded from steps (steps.Stall.Title, .Text);
// these are the choices under it (their keys w, b, p, o are ui/page's and
// shown in front of the labels) and what follows them.
type stall interface {
	StallWaitOn() string         // choice: keep waiting, dismiss the notice
	StallCheckBrowser() string   // choice: show the address to open in the browser
	StallPause() string          // choice: stop waiting, continue later
	StallOpenNow() string        // choice: open that address in the desktop's browser
	StallOpen(url string) string // the address line under "check in the browser"
	StallOpenFailed(detail string) string
	// StallPausing: after "pause", until the action has stopped.
	StallPausing() string
	// StallLineHow: the line mode reads the choice while it waits on.
	StallLineHow() string
	// StallPaused: after pausing — what the server does and what the
	// next start does.
	StallPaused() string
}

func (de) StallWaitOn() string       { return "weiter warten" }
func (de) StallCheckBrowser() string { return "im Browser prüfen" }
func (de) StallPause() string        { return "pausieren und später fortsetzen" }
func (de) StallOpenNow() string      { return "diese Seite im Browser öffnen" }
func (de) StallOpen(url string) string {
	return "Im Browser öffnen (angemeldet als Administrator): " + url
}
func (de) StallOpenFailed(detail string) string {
	return "Der Browser ließ sich nicht öffnen (" + detail + "); die Adresse steht oben."
}
func (de) StallPausing() string {
	return "Pausiere … der Assistent hört auf zu warten und vermerkt den Stand."
}
func (de) StallLineHow() string {
	return "Buchstabe (w, b oder p) und Enter; bis dahin wartet der Assistent weiter. Strg+C bricht ab."
}
func (de) StallPaused() string {
	return "Pausiert. Auf dem Server läuft die Arbeit weiter; der Schritt bleibt als begonnen vermerkt. Beim nächsten Start prüft der Assistent zuerst, was daraus geworden ist, und wiederholt nichts, was schon geschehen ist."
}

func (en) StallWaitOn() string       { return "wait on" }
func (en) StallCheckBrowser() string { return "check in the browser" }
func (en) StallPause() string        { return "pause and continue later" }
func (en) StallOpenNow() string      { return "open this page in the browser" }
func (en) StallOpen(url string) string {
	return "Open in the browser (signed in as an administrator): " + url
}
func (en) StallOpenFailed(detail string) string {
	return "Could not open the browser (" + detail + "); the address is shown above."
}
func (en) StallPausing() string {
	return "Pausing … the wizard stops waiting and records where it stands."
}
func (en) StallLineHow() string {
	return "A letter (w, b or p) and Enter; until then the wizard keeps waiting. Ctrl+C cancels."
}
func (en) StallPaused() string {
	return "Paused. The work goes on on the server; the step stays recorded as started. At the next start the wizard first checks what became of it and repeats nothing that already happened."
}
