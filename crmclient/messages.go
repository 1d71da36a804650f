package crmclient

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Server message texts of the upgrade manager (spec §5.2, §5.3) and their
// sentinels. Only the English texts marked "real" in the spec are known;
// the German variants and the unknown ones are our best guess, plus the
// untranslated constant names a page shows when a label is missing. Every
// unmatched message is still reported verbatim, and upload/install
// success is judged by the package list, never by a message (spec §5.2).
type messageRule struct {
	kind    error
	anyOf   [][]string // each inner list: all fragments must occur (lower-case)
	success bool
}

var messageRules = []messageRule{
	{kind: ErrUpgradesDisabled, anyOf: [][]string{{"msg_lic_upgrades_disabled"},
		{"upgrade", "disabled", "support"}, {"upgrade", "disabled", "licen"}, {"upgrade", "disabled", "subscription"},
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
	{kind: ErrInvalidType, anyOf: [][]string{{"err_invalid_type"}, {"invalid", "package type"},
		{"type", "cannot be installed"}, {"typ", "nicht installiert werden"},
		{"invalid type"}, {"theme_id"}, {"ungültiger", "typ"}, {"ungültiger paket"}}},
	{kind: ErrNotZip, anyOf: [][]string{{"err_not_zip"}, {"not a zip"}, {"not a valid zip"}, {"kein zip"},
		{"keine zip"}, {"keine gültige zip"}, {"ungültige zip"}}},
	// PHP upload errors (UPLOAD_ERR_*): the file did not arrive whole.
	{kind: ErrUploadNotAccepted, anyOf: [][]string{{"upload_err_"}, {"upload_max_filesize"}, {"max_file_size"},
		{"post_max_size"}, {"only partially uploaded"}, {"no file was uploaded"},
		{"missing a temporary folder"}, {"failed to write file to disk"}, {"stopped the file upload"},
		{"nur teilweise hochgeladen"}, {"keine datei"}}},
	{success: true, anyOf: [][]string{{"uploaded successfully"}, {"erfolgreich hochgeladen"}}},
}

// classifyMessage maps a message text to its sentinel (nil when unknown or
// a success message).
func classifyMessage(text string) (kind error, success, known bool) {
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
				return r.kind, r.success, true
			}
		}
	}
	return nil, false, false
}

// pageMessage finds the message box text: the smallest element outside the
// package tables whose text is a known message; else, as a fallback only,
// an element whose class or id says error/message/alert. "" when none.
func pageMessage(p *page) string {
	var best *goquery.Selection
	p.doc.Find("body *").Each(func(_ int, s *goquery.Selection) {
		switch goquery.NodeName(s) {
		case "script", "style", "table", "tbody", "thead", "tr", "td", "th", "form", "select", "option":
			return
		}
		if s.Closest("td,th").Length() > 0 {
			return // status texts inside the lists are row data, not the box
		}
		t := clean(s)
		if t == "" || len(t) > 2000 {
			return
		}
		if _, _, known := classifyMessage(t); !known {
			return
		}
		if best == nil || isInside(s.Get(0), best.Get(0)) {
			best = s
		}
	})
	if best != nil {
		return capMessage(clean(best))
	}
	p.doc.Find("body *").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		hint := strings.ToLower(s.AttrOr("class", "") + " " + s.AttrOr("id", "") + " " + s.AttrOr("role", ""))
		if containsAny(hint, "error", "alert", "message", "msg", "notice", "warning") && s.Closest("td,th").Length() == 0 && !insideChrome(s.Get(0)) {
			if t := clean(s); t != "" && len(t) <= 2000 {
				best = s
				return false
			}
		}
		return true
	})
	if best != nil {
		return capMessage(clean(best))
	}
	return ""
}

// accessDenied: the page says the user may not open it (EN/DE).
func accessDenied(text string) bool {
	return containsAny(text, "not authorized", "not authorised", "unauthorized", "access denied",
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

func (e *notAdminError) Error() string {
	return ErrNotAdmin.Error() + " (or " + e.changed.Error() + ")"
}
func (e *notAdminError) Unwrap() []error { return []error{ErrNotAdmin, e.changed} }
