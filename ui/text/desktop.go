package text

import "runtime"

// desktop: what differs with the admin's desktop and OS — the mail
// program, plain text where the terminal cannot copy, the state directory.
type desktop interface {
	OpenMail() string
	MailOpened() string
	OpenMailFailed(detail string) string
	PlainTextBack() string
}

func (de) OpenMail() string { return "E-Mail im Mailprogramm öffnen" }
func (de) MailOpened() string {
	return "Das Mailprogramm öffnet die E-Mail. Erscheint nichts, kopiert c den Text."
}
func (de) OpenMailFailed(detail string) string {
	return "Das Mailprogramm ließ sich nicht öffnen (" + detail + "). c kopiert den Text."
}
func (de) PlainTextBack() string {
	return "Die E-Mail steht oben als Text: markieren, kopieren, ins Mailprogramm einfügen. Enter: zurück zum Assistenten."
}

func (en) OpenMail() string { return "Open the e-mail in your mail program" }
func (en) MailOpened() string {
	return "Your mail program is opening the e-mail. If nothing appears, c copies the text."
}
func (en) OpenMailFailed(detail string) string {
	return "Could not open your mail program (" + detail + "). c copies the text."
}
func (en) PlainTextBack() string {
	return "The e-mail is printed above as text: select it, copy it, paste it into your mail program. Enter: back to the wizard."
}

// stateDirDefault is the default state directory as the help shows it on
// goos (journal.DefaultStateDir resolves the real one).
func stateDirDefault(goos string) string {
	switch goos {
	case "windows":
		return `%LOCALAPPDATA%\1crm-update`
	case "darwin", "ios":
		return "~/Library/Application Support/1crm-update"
	}
	return "~/.local/state/1crm-update"
}

// hostStateDirDefault is stateDirDefault of the OS the wizard runs on.
func hostStateDirDefault() string { return stateDirDefault(runtime.GOOS) }
