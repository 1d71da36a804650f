package steps

import "strings"

// Mails the admin sends with their own client (R8, R13, W9). The wizard
// never sends mail itself; it hands over To, Subject, Body and a mailto:
// link that opens the admin's mail program with everything filled in.

// mailto builds a mailto: URL by RFC 6068: every octet outside the
// unreserved set is percent-encoded (UTF-8), so spaces become %20 (never
// "+", which mail clients would show literally) and line breaks become
// %0D%0A, the CRLF that RFC 6068 §5 asks for in a body.
func mailto(to, subject, body string) string {
	return "mailto:" + pctEncode(to, "@") + "?subject=" + pctEncode(crlf(subject), "") + "&body=" + pctEncode(crlf(body), "")
}

// crlf normalises every line break to CRLF.
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// pctEncode percent-encodes s except ALPHA / DIGIT / "-" / "." / "_" / "~"
// and the bytes in keep (RFC 3986 unreserved; "@" stays readable in the
// address, RFC 6068 §2).
func pctEncode(s, keep string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '-', c == '.', c == '_', c == '~', strings.IndexByte(keep, c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// maxMailtoLen keeps mailto: links below the length some mail programs
// (Outlook on Windows among them) cut off at, about 2,000 characters.
const maxMailtoLen = 1900

func newMail(to, subject, body string) Mail {
	return Mail{To: to, Subject: subject, Body: body, MailtoURL: mailto(to, subject, body)}
}

// signedMail is a partner mail: content, then the one line naming the
// attached bundle, then the admin's greeting – always last, so nothing
// stands below the name. How to make the bundle goes to the admin's
// screen (AttachHint), never into the mail the partner reads.
func (w *Wizard) signedMail(subject, content string) Mail {
	content = strings.TrimRight(content, "\n")
	m := newMail(w.cfg.SupportEmail, subject, w.signOff(content, w.tx.ReportEnclosed(w.st.RunID)))
	m.content = content
	m.AttachHint = w.tx.BundleHint(w.st.RunID)
	return m
}

// signOff closes content with a last line about the report and the
// greeting.
func (w *Wizard) signOff(content, reportLine string) string {
	return content + "\n\n" + reportLine + "\n\n" + w.tx.MailGreeting(w.st.User)
}
