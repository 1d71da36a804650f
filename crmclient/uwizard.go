package crmclient

import (
	"context"
	"errors"
	"fmt"
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
	return parsePackageList(p)
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
			base = rf.install
		}
		f := base.clone()
		f.del("conditions")
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
			msg = pageMessage(resp)
			if msg == "" {
				msg = messageText(resp, after.page)
			}
		}
		return withDetail(ErrDeleteFailed, msg, resp)
	}
}

// Prepare submits the row's own form with perform=prepare_install (its
// hidden inputs and checkboxes in their default state, spec §5.3) and,
// when confirm is given, confirm=<step,step>. It returns the step results
// verbatim. Step errors → the result plus a ServerMessageError
// {ErrPrepareFailed}; ERR_OUTDATED → ServerMessageError{ErrOutdated};
// a source not listed → ErrPackageNotUploaded.
func (c *Client) Prepare(ctx context.Context, source string, confirm []string) (*PrepareResult, error) {
	for attempt := 0; ; attempt++ {
		uw, err := c.uwizard(ctx)
		if err != nil {
			return nil, err
		}
		if err := uw.usable(); err != nil {
			return nil, err
		}
		if findBySource(uw.list, source) == nil {
			return nil, ErrPackageNotUploaded
		}
		rf := uw.rowForms[source]
		if rf == nil || rf.install == nil {
			// No install form: the row's status says why (e.g. ERR_OUTDATED).
			st := findBySource(uw.list, source).Status
			if kind, success, known := classifyMessage(st); known && !success {
				return nil, &ServerMessageError{Kind: kind, Text: capMessage(st)}
			}
			return nil, &PageChangedError{Page: "uwizard", Missing: []string{"install form of the uploaded package"}}
		}
		f := rf.install.clone()
		ownFields(f, "prepare_install", source)
		f.del("confirm")
		if len(confirm) > 0 {
			f.set("confirm", strings.Join(confirm, ","))
		}
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

func (c *Client) prepareOutcome(resp *page, source string) (*PrepareResult, error) {
	if e := fatalError(ErrPrepareFailed, resp); e != nil {
		return nil, e // before any wording check: a PHP message may contain "type" or "version"
	}
	msg := pageMessage(resp)
	if kind, success, known := classifyMessage(msg); known && !success {
		return nil, withDetail(kind, msg, resp)
	}
	res, proceed, err := parsePrepare(resp)
	if err != nil {
		if e := reportedError(ErrPrepareFailed, resp); e != nil {
			return nil, e
		}
		return nil, err
	}
	if proceed != nil {
		c.proceedMu.Lock()
		c.proceedForms[source] = proceed
		c.proceedMu.Unlock()
	}
	if errs := res.Errors(); len(errs) > 0 {
		var parts []string
		for _, e := range errs {
			parts = append(parts, fmt.Sprintf("%s: %s", e.Name, e.Message))
		}
		return res, stepsError(ErrPrepareFailed, parts)
	}
	return res, nil
}

// stepsError joins step messages ("name: message") for Text, capped; the
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
