package steps

import (
	"strings"

	"github.com/visual4/1crm-update/steps/text"
)

// The open hand-over in words, for a screen (Snapshot().Handover).

// Menu paths as 1CRM names its admin pages (evidence §2: en_us
// LBL_LICENSE_INFO_TITLE, LBL_BACKUPS_TITLE, LBL_UPGRADE_WIZARD_TITLE;
// visual4's German 8.x build calls the licence page "Lizenzinformationen";
// the 7.x German pack left Backup Management and Upgrades & Customization
// in English).
var (
	menuLicense = MenuPath{DE: "Administration › Lizenzinformationen", EN: "Administration › License and Support"}
	menuBackup  = MenuPath{DE: "Administration › Backup Management", EN: "Administration › Backup Management"}
	menuUpgrade = MenuPath{DE: "Administration › Upgrades & Customization", EN: "Administration › Upgrades & Customization"}
)

// menuOf is where a hand-over kind starts; finishing upgrade.php starts at
// an address instead (Handover.URL), so its menu is empty.
func menuOf(kind string) MenuPath {
	switch kind {
	case text.KindDownload, text.KindInstallHosted:
		return menuLicense
	case text.KindBackup:
		return menuBackup
	case text.KindFinishUpgrade:
		return MenuPath{}
	}
	return menuUpgrade
}

// handoverViewLocked words the open hand-over; nil when there is none.
func (w *Wizard) handoverViewLocked() *Handover {
	h := w.st.Handover
	if h == nil {
		return nil
	}
	f := w.handoverFactsLocked(h)
	v := &Handover{
		Action: h.Action, Stage: h.Stage, Cause: h.Cause, Kind: h.Kind,
		Reason:  w.tx.HandoverReason(string(h.Cause), h.Page, h.Detail),
		Menu:    menuOf(h.Kind),
		Steps:   w.tx.HandoverSteps(h.Kind, f),
		LookFor: w.tx.HandoverLookFor(h.Kind, f),
		Offered: h.Offered, Checks: h.Checks, NotYet: h.NotYet, Found: h.Found,
		Verifiable: verifiable(h), NeedsFile: h.Action == ManualDownload,
		Pages: append([]string(nil), h.Pages...),
	}
	if h.Kind == text.KindFinishUpgrade {
		v.URL = f.UpgradeURL
	}
	if h.Started || h.Kind == text.KindFinishUpgrade {
		v.LockedOut, v.LockedOutText = true, w.tx.HandoverLockedOut()
	}
	v.CanConfirm, v.NoteNeeded = canConfirm(h)
	if v.CanConfirm {
		v.ConfirmHint = w.tx.HandoverConfirmHint()
	}
	return v
}

// handoverFactsLocked are the values the instructions name.
func (w *Wizard) handoverFactsLocked(h *handoverState) text.HandoverFacts {
	f := text.HandoverFacts{Support: w.cfg.SupportEmail}
	if pc := w.st.Package; pc != nil {
		f.File, f.Package, f.Version, f.Core = pc.Path, packageLabel(pc), pc.Version, pc.Core
	}
	// The address to open now, not the one the run began at (issue 10:
	// a resumed demo or tunnel answers at a new port).
	if base := strings.TrimRight(w.currentURLLocked(h.Stage), "/"); base != "" {
		f.UpgradeURL = base + "/upgrade.php"
	}
	if !h.Since.IsZero() {
		f.Since = w.tx.Clock(h.Since)
	}
	if p := w.st.Preflight; p != nil && len(p.Updates) > 0 {
		f.Offered = strings.TrimSpace(p.Updates[0].Version)
	}
	return f
}
