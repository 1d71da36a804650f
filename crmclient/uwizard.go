package crmclient

import (
	"context"
	"errors"
	"slices"
	"strings"
)

// Upgrade manager actions (spec §5): list, delete, prepare. Each POST is
// preceded by a fresh GET of the list page whose forms it submits, so
// hidden inputs (a CSRF token on 8.x/9.x) are always current.

// Packages reads the upgrade manager list page. With expired support the
// list carries UpgradesDisabled (and no error); a non-admin user gets
// ErrNotAdmin.
func (c *Client) Packages(ctx context.Context) (*PackageList, error) {
	uw, err := c.uwizard(ctx)
	if err != nil {
		return nil, err
	}
	return uw.list, nil
}

func (c *Client) uwizard(ctx context.Context) (*uwizardPage, error) {
	p, err := c.adminGet(ctx, uwizardQuery)
	if err != nil {
		return nil, err
	}
	uw, err := parsePackageList(p)
	return uw, c.pageError(err)
}

// usable returns the error for a list page on which nothing can be done.
func (uw *uwizardPage) usable() error {
	if uw.list.UpgradesDisabled {
		return &ServerMessageError{Kind: ErrUpgradesDisabled, Text: uw.list.Message}
	}
	return nil
}

func findBySource(l *PackageList, source string) *UploadedPackage {
	for i := range l.Uploaded {
		if l.Uploaded[i].Source == source {
			return &l.Uploaded[i]
		}
	}
	return nil
}

// ownFields sets the routing fields we always send ourselves.
func ownFields(f *form, perform, source string) {
	f.set("module", "UWizard")
	f.set("action", "index")
	f.set("perform", perform)
	if source != "" {
		f.set("source", source)
	}
}

// DeleteUpload removes an uploaded ZIP (perform=delete with the row's
// source). A package that is no longer listed counts as deleted.
func (c *Client) DeleteUpload(ctx context.Context, source string) error {
	for attempt := 0; ; attempt++ {
		uw, err := c.uwizard(ctx)
		if err != nil {
			return err
		}
		if err := uw.usable(); err != nil {
			return err
		}
		if findBySource(uw.list, source) == nil {
			return nil
		}
		rf := uw.rowForms[source]
		if rf == nil {
			return &PageChangedError{Page: "uwizard", Missing: []string{"delete form of the uploaded package"}}
		}
		base := rf.del
		if base == nil {
			// Only the package's own delete form deletes: never another
			// form re-purposed (fail closed).
			return &PageChangedError{Page: "uwizard", Missing: []string{"delete form of the uploaded package"}}
		}
		f := base.clone()
		ownFields(f, "delete", source)
		resp, _, err := c.adminPost(ctx, f, c.cfg.Timeout)
		if errors.Is(err, ErrSessionExpired) && attempt == 0 {
			continue // nothing happened; the list is read again before a new POST
		}
		if err != nil {
			return err
		}
		after, err := c.uwizard(ctx)
		if err != nil {
			return err
		}
		if findBySource(after.list, source) == nil {
			return nil
		}
		msg := ""
		if resp != nil {
			if box, ok := findMessageBox(resp); ok {
				msg = box.text
			} else {
				msg = messageText(resp, after.page)
			}
		}
		return withDetail(ErrDeleteFailed, msg, resp)
	}
}

// Prepare submits the package's own install form with
// perform=prepare_install — its hidden inputs, with conditions filled as
// the page's script fills them (spec §5.3) — and confirm=<step,step>: the
// FULL list of warning steps the admin confirmed for this source in this
// process (those given now and in earlier rounds). 1CRM keeps
// confirmations only in the session and forgets them whenever the list
// page is shown, which the client reads before every POST.
//
// It returns the steps as the page shows them. Step errors → the result
// plus a ServerMessageError{ErrPrepareFailed}; ERR_OUTDATED →
// ServerMessageError{ErrOutdated}; a source not listed →
// ErrPackageNotUploaded; a page it cannot read with certainty →
// *PageChangedError (fail closed).
func (c *Client) Prepare(ctx context.Context, source string, confirm []string) (*PrepareResult, error) {
	all := c.addConfirmed(source, confirm)
	for attempt := 0; ; attempt++ {
		uw, err := c.uwizard(ctx)
		if err != nil {
			return nil, err
		}
		if err := uw.usable(); err != nil {
			return nil, err
		}
		pkg := findBySource(uw.list, source)
		if pkg == nil {
			return nil, ErrPackageNotUploaded
		}
		rf := uw.rowForms[source]
		if rf == nil || rf.install == nil {
			// No install form: the status row says why (e.g. ERR_OUTDATED).
			if m := classifyMessage(pkg.Status); m.failure() && m.kind != nil {
				return nil, &ServerMessageError{Kind: m.kind, Text: capMessage(pkg.Status)}
			}
			if pkg.Status != "" && !pkg.Ready {
				return nil, &ServerMessageError{Kind: ErrPrepareFailed, Text: capMessage(pkg.Status)}
			}
			return nil, &PageChangedError{Page: "uwizard", Missing: []string{"install form of the uploaded package"}}
		}
		f := rf.install.clone()
		ownFields(f, "prepare_install", source)
		f.del("confirm")
		if len(all) > 0 {
			f.set("confirm", strings.Join(all, ","))
		}
		c.forgetProceed(source) // a new round: only its own answer counts
		resp, loc, err := c.adminPost(ctx, f, c.cfg.PrepareTimeout)
		if errors.Is(err, ErrSessionExpired) && attempt == 0 {
			continue // the POST did nothing; state re-read above before posting again
		}
		if err != nil {
			return nil, err
		}
		if loc != "" {
			next, _ := f.action.Parse(loc)
			if resp, err = c.adminGetURL(ctx, next, c.cfg.Timeout); err != nil {
				return nil, err
			}
		}
		return c.prepareOutcome(resp, source)
	}
}

// addConfirmed adds confirm to the steps confirmed for source and returns
// the whole list, in the order they were confirmed.
func (c *Client) addConfirmed(source string, confirm []string) []string {
	c.proceedMu.Lock()
	defer c.proceedMu.Unlock()
	list := c.confirmed[source]
	for _, s := range confirm {
		s = strings.TrimSpace(s)
		if s != "" && !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	c.confirmed[source] = list
	return append([]string(nil), list...)
}

func (c *Client) forgetProceed(source string) {
	c.proceedMu.Lock()
	delete(c.proceedForms, source)
	c.proceedMu.Unlock()
}

// prepareOutcome reads the answer to a prepare POST. Only a page whose
// steps all passed and that carries the finished form for this very
// source leaves a form for Install.
func (c *Client) prepareOutcome(resp *page, source string) (*PrepareResult, error) {
	if e := fatalError(ErrPrepareFailed, resp); e != nil {
		return nil, e // before any wording check: a PHP message may contain "type" or "version"
	}
	res, finished, err := parsePrepare(resp)
	if err == errPrepareUnrecognised {
		// No step blocks: an error page (ERR_OUTDATED, a manifest error…).
		if msg := knownMessage(resp); msg != "" {
			if m := classifyMessage(msg); m.failure() && m.kind != nil {
				return nil, withDetail(m.kind, msg, resp)
			}
		}
		if e := reportedError(ErrPrepareFailed, resp); e != nil {
			return nil, e
		}
		return nil, err
	}
	if err != nil {
		return res, err
	}
	if finished != nil && finished.get("source") != source {
		res.CanProceed = false
		return res, &PageChangedError{Page: "prepare", Missing: []string{"finished form for this package (its source differs)"}}
	}
	if finished != nil {
		c.proceedMu.Lock()
		c.proceedForms[source] = finished
		c.proceedMu.Unlock()
	}
	if errs := res.Errors(); len(errs) > 0 {
		var parts []string
		for _, e := range errs {
			parts = append(parts, stepTitle(e)+": "+strings.ReplaceAll(e.Message, "\n", "; "))
		}
		return res, stepsError(ErrPrepareFailed, parts)
	}
	return res, nil
}

// stepTitle names a step as 1CRM writes it.
func stepTitle(s PrepareStep) string {
	if s.Label != "" {
		return s.Label
	}
	return s.Name
}

// stepsError joins step messages ("label: message") for Text, capped; the
// whole list (up to 2 KiB) goes to Detail, since a permissions error can
// name hundreds of files.
func stepsError(kind error, parts []string) *ServerMessageError {
	all := strings.Join(parts, "; ")
	e := &ServerMessageError{Kind: kind, Text: capMessage(all)}
	if e.Text != all {
		e.Detail = cutBytes(all, maxErrBody)
	}
	return e
}
