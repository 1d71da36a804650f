package text

// stall: the notice while a wait on 1CRM stalls (issue 8 item 7). Its
// headline and body come worded from steps (steps.Stall.Title, .Text);
// these are the three choices under it and what follows them.
type stall interface {
	StallWaitOn() string         // choice: keep waiting, dismiss the notice
	StallCheckBrowser() string   // choice: show the address to open in the browser
	StallPause() string          // choice: stop waiting, continue later
	StallOpen(url string) string // the address line under "check in the browser"
	// StallPaused: after pausing — what the server does and what the
	// next start does.
	StallPaused() string
}

func (de) StallWaitOn() string       { return "w = weiter warten" }
func (de) StallCheckBrowser() string { return "b = im Browser nachsehen" }
func (de) StallPause() string        { return "p = pausieren und später fortsetzen" }
func (de) StallOpen(url string) string {
	return "Im Browser öffnen (angemeldet als Administrator): " + url
}
func (de) StallPaused() string {
	return "Pausiert. Auf dem Server läuft die Arbeit weiter; der Schritt bleibt als begonnen vermerkt. Beim nächsten Start prüft der Assistent zuerst, was daraus geworden ist, und wiederholt nichts, was schon geschehen ist."
}

func (en) StallWaitOn() string       { return "w = wait on" }
func (en) StallCheckBrowser() string { return "b = check in the browser" }
func (en) StallPause() string        { return "p = pause and continue later" }
func (en) StallOpen(url string) string {
	return "Open in the browser (signed in as an administrator): " + url
}
func (en) StallPaused() string {
	return "Paused. The work goes on on the server; the step stays recorded as started. At the next start the wizard first checks what became of it and repeats nothing that already happened."
}
