package crmclient

import (
	"errors"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Server message texts of the upgrade manager (spec §5.2, §5.3) and their
// sentinels. The English texts are 1CRM's own (the 7.x UWizard language
// file, evidence §2: e.g. ERR_OUTDATED "Same or newer version is already
// installed", the UPLOAD_ERR_* texts 1CRM puts in place of PHP's); the
// German MSG_LIC_UPGRADES_DISABLED is the 7.x de_DE one ("… abgeschaltet …
// Wartungsvertrag"). The other German variants are guesses (the 7.x German
// pack left the upgrade manager untranslated, and the client logs in with
// language=en_us), plus the untranslated constant names a page shows when
// a label is missing. Every unmatched message is still reported verbatim,
// and upload/install success is judged by the package list, never by a
// message (spec §5.2).
type messageRule struct {
	kind    error
	anyOf   [][]string // each inner list: all fragments must occur (lower-case)
	success bool
}

var messageRules = []messageRule{
	{kind: ErrUpgradesDisabled, anyOf: [][]string{{"msg_lic_upgrades_disabled"},
		{"upgrade", "disabled", "support"}, {"upgrade", "disabled", "licen"}, {"upgrade", "disabled", "subscription"},
		{"abgeschaltet", "wartungsvertrag"}, {"updates", "abgeschaltet"},
		{"update", "deaktiviert", "support"}, {"update", "deaktiviert", "lizenz"}, {"upgrade", "deaktiviert"},
		{"aktualisierung", "deaktiviert"}}},
	{kind: ErrUploadDisabled, anyOf: [][]string{{"upload", "disabled", "hosted"}, {"uploads are disabled"},
		{"hochladen", "deaktiviert"}, {"upload", "deaktiviert"}}},
	{kind: ErrDuplicateUpload, anyOf: [][]string{{"err_duplicate_upload"}, {"duplicate filename"},
		{"already uploaded"}, {"bereits hochgeladen"}, {"doppelte dateinamen"}}},
	{kind: ErrInvalidVersion, anyOf: [][]string{{"err_invalid_version"}, {"package expects", "current version"},
		{"expects 1crm version"}, {"erwartet", "version"}}},
	{kind: ErrOutdated, anyOf: [][]string{{"err_outdated"}, {"newer version", "installed"},
		{"same or newer"}, {"already installed"}, {"neuere version", "installiert"}, {"bereits installiert"}}},
	{kind: ErrEmptyTypeIDVersion, anyOf: [][]string{{"err_empty_type_id_version"},
		{"type", "id", "version", "empty"}, {"type", "id", "version", "missing"}, {"type", "id", "version", "must"},
		{"type", "id", "version", "angeben"},
		{"typ", "id", "version", "leer"}, {"typ", "id", "version", "fehl"}}},
	// ERR_INVALID_TYPE, ERR_INVALID_PACKAGE_TYPE, ERR_PACKAGE_TYPE_NOT_SUPPORTED, ERR_NO_THEME_ID.
	{kind: ErrInvalidType, anyOf: [][]string{{"err_invalid_type"}, {"err_invalid_package_type"},
		{"err_package_type_not_supported"}, {"err_no_theme_id"}, {"invalid", "package type"},
		{"unsupported package type"}, {"has invalid type"}, {"no theme id"}, {"theme_id"},
		{"type", "cannot be installed"}, {"typ", "nicht installiert werden"},
		{"invalid type"}, {"ungültiger", "typ"}, {"ungültiger paket"}}},
	// ERR_NOT_ZIP has two texts in the 7.x language file.
	{kind: ErrNotZip, anyOf: [][]string{{"err_not_zip"}, {"not a zip"}, {"not a valid zip"},
		{".zip filename extension"}, {"kein zip"}, {"keine zip"}, {"keine gültige zip"}, {"ungültige zip"}}},
	// The upload did not arrive whole or could not be stored: 1CRM's own
	// UPLOAD_ERR_* texts and ERR_CANT_MOVE, then PHP's (older setups).
	{kind: ErrUploadNotAccepted, anyOf: [][]string{{"upload_err_"}, {"err_cant_move"},
		{"package size exceeds"}, {"package file upload error"}, {"no file was uploaded"},
		{"no temporary directory for uploaded file"}, {"cannot write temporary uploaded file"},
		{"filename extension is prohibited"}, {"failed to move temporary file"},
		{"upload_max_filesize"}, {"max_file_size"}, {"post_max_size"}, {"only partially uploaded"},
		{"missing a temporary folder"}, {"failed to write file to disk"}, {"stopped the file upload"},
		{"nur teilweise hochgeladen"}, {"keine datei"}}},
	{success: true, anyOf: [][]string{{"uploaded successfully"}, {"erfolgreich hochgeladen"}}},
}

// messageClass is what classifyMessage knows about a text.
type messageClass struct {
	kind    error // the sentinel; nil when unknown or a success message
	success bool  // a known success message (LBL_UPLOAD_SUCCESS)
	known   bool  // one of the rules matched
}

// failure reports a known message that says something went wrong.
func (m messageClass) failure() bool { return m.known && !m.success }

// classifyMessage maps a message text to its class.
func classifyMessage(text string) messageClass {
	t := strings.ToLower(text)
	for _, r := range messageRules {
		for _, all := range r.anyOf {
			ok := true
			for _, frag := range all {
				if !strings.Contains(t, frag) {
					ok = false
					break
				}
			}
			if ok {
				return messageClass{kind: r.kind, success: r.success, known: true}
			}
		}
	}
	return messageClass{}
}

// knownMessage is the text of the smallest element whose text is a known
// message, leaving out the rows of the package lists (a row's status
// text, e.g. an old package's ERR_OUTDATED, is row data, not the answer).
// For answer pages that are not the list page with its message box (an
// error page after prepare or install). "" when none.
func knownMessage(p *page) string {
	skip := listTableNodes(p)
	var best *goquery.Selection
	p.doc.Find("body *").Each(func(_ int, s *goquery.Selection) {
		switch goquery.NodeName(s) {
		case "script", "style", "table", "tbody", "thead", "tr", "form", "select", "option":
			return
		}
		for n := s.Get(0); n != nil; n = n.Parent {
			if skip[n] {
				return
			}
		}
		t := clean(s)
		if t == "" || len(t) > 2000 || !classifyMessage(t).known {
			return
		}
		if best == nil || isInside(s.Get(0), best.Get(0)) {
			best = s
		}
	})
	if best == nil {
		return ""
	}
	return capMessage(clean(best))
}

// accessDenied: the page says the user may not open it (EN/DE).
// The real texts: 7.x Configurator sugar_die('Admin Only'), ERR_NOT_ADMIN
// "Unauthorized access to administration." and the German ERR_NOT_ADMIN
// "Unbefungter Zugriff auf die Verwaltung" (sic) and LBL_UNAUTH_ADMIN
// "nicht authorisierter Zugriff auf die Verwaltungskonsole" (evidence §2).
func accessDenied(text string) bool {
	return containsAny(text, "admin only", "unbefungter zugriff", "unbefugter zugriff", "nicht authorisiert",
		"not authorized", "not authorised", "unauthorized", "access denied", "do not have access", "keinen zugriff",
		"permission denied", "only administrators", "admin access", "administrator access required",
		"keine berechtigung", "nicht berechtigt", "zugriff verweigert", "nur administratoren",
		"zugriff nicht erlaubt", "nicht autorisiert")
}

// notAdminOrChanged is the error for an admin page that lacks its markers
// (spec §2 "Not admin"): a page that says access is denied → ErrNotAdmin;
// otherwise we cannot tell a non-admin from a changed page, so the error
// matches both ErrNotAdmin and *PageChangedError.
//
// A PHP fatal error or 5xx page is neither: it is the server failing, so
// the error carries the fatal line (ErrServerError) and still matches
// *PageChangedError (the admin may read the page by hand later).
func notAdminOrChanged(p *page, name string, missing ...string) error {
	if fe := fatalError(ErrServerError, p); fe != nil {
		return &serverPageError{msg: fe, changed: &PageChangedError{Page: name, Missing: missing}}
	}
	if accessDenied(p.text()) {
		return ErrNotAdmin
	}
	return &notAdminError{changed: &PageChangedError{Page: name, Missing: missing}}
}

// changedOrServerError is the error for a page that lacks what we look
// for: a *PageChangedError, which for a PHP fatal or 5xx page also
// carries the fatal line (ErrServerError).
func changedOrServerError(p *page, name string, missing ...string) error {
	changed := &PageChangedError{Page: name, Missing: missing}
	if fe := fatalError(ErrServerError, p); fe != nil {
		return &serverPageError{msg: fe, changed: changed}
	}
	return changed
}

// serverPageError: an admin page that is a server error page.
type serverPageError struct {
	msg     *ServerMessageError
	changed *PageChangedError
}

func (e *serverPageError) Error() string {
	t := e.msg.Text
	if t == "" {
		t = e.msg.Kind.Error()
	}
	return "the " + e.changed.Page + " page answered with a server error: " + t
}
func (e *serverPageError) Unwrap() []error { return []error{e.msg, e.changed} }

type notAdminError struct{ changed *PageChangedError }

// pageError settles the "not an admin, or a changed page" ambiguity of a
// parser's error once this client's login has shown the user to be an
// administrator: then the page changed (the admin hands that step over),
// and the words never blame the user's rights. An explicit access-denied
// page stays ErrNotAdmin.
func (c *Client) pageError(err error) error {
	var na *notAdminError
	if err == nil || !errors.As(err, &na) {
		return err
	}
	c.sessionMu.Lock()
	proven := c.sess.adminProven
	c.sessionMu.Unlock()
	if proven {
		return na.changed
	}
	return err
}

func (e *notAdminError) Error() string {
	return ErrNotAdmin.Error() + " (or " + e.changed.Error() + ")"
}
func (e *notAdminError) Unwrap() []error { return []error{ErrNotAdmin, e.changed} }
