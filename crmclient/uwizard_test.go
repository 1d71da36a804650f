package crmclient

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func samplePackages(f *fake) {
	f.uploaded = []fakePkg{
		{Name: "Call Sheets", Type: "module", Version: "1.4.2", Published: "2024-02-12", Author: "Example Software GmbH",
			Description: "Call lists for the sales team.", Source: "cache/upgrades/module/callsheets-1.4.2.zip", Conditions: []string{"modules", "layout"}},
		{Name: "Dutch Language Pack", Type: "langpack", Version: "2.0.1", Author: "Example Translations", Description: "Nederlands.",
			Status: "Package expects 1CRM versions 8.7.6, 8.7.7, but current version is 8.6.9", Source: "cache/upgrades/langpack/nl.zip"},
	}
	f.installed = []fakePkg{{Name: "Portal Extras", Type: "module", Version: "3.2.13", Installed: "2024-11-02", Source: "portal-extras.zip", Description: "Portal pages."}}
}

func TestPackagesListEnglishAndGerman(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		f := newFake(t)
		f.lang = lang
		samplePackages(f)
		l, err := f.client(t, nil).Packages(ctxT(t))
		if err != nil {
			t.Fatal(lang, err)
		}
		if len(l.Uploaded) != 2 || len(l.Installed) != 1 || l.UploadDisabled || l.UpgradesDisabled || l.InProgress {
			t.Fatalf("%s: %+v", lang, l)
		}
		u := l.Uploaded[0]
		if u.Name != "Call Sheets" || u.Type != "module" || u.Version != "1.4.2" || u.Author != "Example Software GmbH" ||
			u.Published != "2024-02-12" || !u.Ready || u.Source != "cache/upgrades/module/callsheets-1.4.2.zip" ||
			u.Description != "Call lists for the sales team." || strings.Join(u.Conditions, ",") != "modules,layout" {
			t.Errorf("%s uploaded[0] %+v", lang, u)
		}
		if l.Uploaded[1].Ready || !strings.HasPrefix(l.Uploaded[1].Status, "Package expects") {
			t.Errorf("%s uploaded[1] %+v", lang, l.Uploaded[1])
		}
		in := l.Installed[0]
		if in.Name != "Portal Extras" || in.Version != "3.2.13" || in.Installed != "2024-11-02" {
			t.Errorf("%s installed %+v", lang, in)
		}
		if FindUploaded(l, "call sheets", "Module", "1.4.2") == nil || FindUploaded(l, "Call Sheets", "module", "1.4.3") != nil {
			t.Errorf("FindUploaded name+type+version matching")
		}
		if FindInstalled(l, "Portal Extras", "module", "3.2.13") == nil || FindInstalled(l, "Portal Extras", "langpack", "3.2.13") != nil {
			t.Errorf("FindInstalled matching")
		}
	}
}

// Spec §3/§5.1: expired support → MSG_LIC_UPGRADES_DISABLED with
// redirect_home (R6): the page that counts down to Home, English and the
// real German text; a plain 302 to Home → ErrRedirectedHome.
func TestPackagesUpgradesDisabled(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		f := newFake(t)
		f.lang = lang
		f.upgradesDisabled = true
		cl := f.client(t, nil)
		l, err := cl.Packages(ctxT(t))
		if err != nil || !l.UpgradesDisabled || l.Message == "" {
			t.Fatalf("%s: %+v %v", lang, l, err)
		}
		if err := cl.Upload(ctxT(t), "x.zip", nil); !errors.Is(err, ErrUpgradesDisabled) {
			t.Errorf("upload: %v", err)
		}
		if _, err := cl.Prepare(ctxT(t), "s", nil); !errors.Is(err, ErrUpgradesDisabled) {
			t.Errorf("prepare: %v", err)
		}
	}
	f := newFake(t)
	f.upgradesDisabled, f.redirectHome302 = true, true
	_, err := f.client(t, nil).Packages(ctxT(t))
	var pc *PageChangedError
	if !errors.Is(err, ErrRedirectedHome) || !errors.As(err, &pc) {
		t.Fatalf("302 to Home: %v", err)
	}
}

func TestPackagesUploadDisabledAndInProgress(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		f := newFake(t)
		f.lang = lang
		f.uploadDisabled = true
		f.inProgress = true
		cl := f.client(t, nil)
		l, err := cl.Packages(ctxT(t))
		if err != nil || !l.UploadDisabled || !l.InProgress || l.UpgradesDisabled {
			t.Fatalf("%s: %+v %v", lang, l, err)
		}
		if err := cl.Upload(ctxT(t), "x.zip", nil); !errors.Is(err, ErrUploadDisabled) {
			t.Errorf("%s upload: %v", lang, err)
		}
	}
}

// Spec §5.2: every known ERR_* text (EN real, DE guessed, raw constants)
// maps to its sentinel.
func TestMessageMapping(t *testing.T) {
	cases := map[string]error{
		"callsheets.zip already uploaded. Duplicate filenames are not allowed":             ErrDuplicateUpload,
		"callsheets.zip wurde bereits hochgeladen. Doppelte Dateinamen sind nicht erlaubt": ErrDuplicateUpload,
		"ERR_DUPLICATE_UPLOAD": ErrDuplicateUpload,
		"Package expects 1CRM versions 8\\.6\\.[0-9]+, but current version is 8.7.7": ErrInvalidVersion,
		"Das Paket erwartet 1CRM-Versionen 8.6.*, die aktuelle Version ist 8.7.7":    ErrInvalidVersion,
		"ERR_INVALID_VERSION": ErrInvalidVersion,
		"ERR_NOT_ZIP":         ErrNotZip,
		"The uploaded file is not a valid ZIP archive":                                    ErrNotZip,
		"Die Datei ist keine gültige ZIP-Datei":                                           ErrNotZip,
		"ERR_EMPTY_TYPE_ID_VERSION":                                                       ErrEmptyTypeIDVersion,
		"The manifest type, id or version is empty":                                       ErrEmptyTypeIDVersion,
		"Typ, ID oder Version im Manifest ist leer":                                       ErrEmptyTypeIDVersion,
		"ERR_INVALID_TYPE":                                                                ErrInvalidType,
		"Invalid package type: widget":                                                    ErrInvalidType,
		"Ungültiger Pakettyp: widget":                                                     ErrInvalidType,
		"ERR_OUTDATED":                                                                    ErrOutdated,
		"The same or a newer version of this package is already installed":                ErrOutdated,
		"Dieselbe oder eine neuere Version dieses Pakets ist bereits installiert":         ErrOutdated,
		"The uploaded file exceeds the upload_max_filesize directive in php.ini":          ErrUploadNotAccepted,
		"The uploaded file was only partially uploaded":                                   ErrUploadNotAccepted,
		"Missing a temporary folder":                                                      ErrUploadNotAccepted,
		"Package uploads are disabled for this hosted 1CRM installation":                  ErrUploadDisabled,
		"Das Hochladen von Paketen ist für diese gehostete 1CRM-Installation deaktiviert": ErrUploadDisabled,
		"MSG_LIC_UPGRADES_DISABLED":                                                       ErrUpgradesDisabled,
		"Upgrades are disabled: your support subscription has expired":                    ErrUpgradesDisabled,
		// The real 7.x texts (evidence §2).
		"Upgrades are disabled. Please check the status of your support contract.":                    ErrUpgradesDisabled,
		"Aktualisierungen und Updates sind abgeschaltet. Bitte prüfen Sie Ihren Wartungsvertrag.":     ErrUpgradesDisabled,
		"Package size exceeds maximum size specified in php.ini file":                                 ErrUploadNotAccepted,
		"Package size exceeds maximum allowed size":                                                   ErrUploadNotAccepted,
		"Package file upload error":                                                                   ErrUploadNotAccepted,
		"No file was uploaded":                                                                        ErrUploadNotAccepted,
		"No temporary directory for uploaded file. Please check your PHP configuration":               ErrUploadNotAccepted,
		"Cannot write temporary uploaded file":                                                        ErrUploadNotAccepted,
		"The filename extension is prohibited by PHP configuration":                                   ErrUploadNotAccepted,
		"Failed to move temporary file to destination directory":                                      ErrUploadNotAccepted,
		"Uploaded file should have a .zip filename extension":                                         ErrNotZip,
		"Uploaded file is not a ZIP archive":                                                          ErrNotZip,
		"This package file is already uploaded. Duplicate filenames are not allowed":                  ErrDuplicateUpload,
		"Package expects 1CRM versions 8.6.*, but current version is 8.7.6":                           ErrInvalidVersion,
		"Same or newer version is already installed":                                                  ErrOutdated,
		"Same or newer version of a package included with this personality pack is already installed": ErrOutdated,
		"Manifest specifies either of type, ID or version as empty":                                   ErrEmptyTypeIDVersion,
		"Package manifest specifies invalid package type":                                             ErrInvalidType,
		"Uploaded package has invalid type":                                                           ErrInvalidType,
		"Manifest specifies unsupported package type":                                                 ErrInvalidType,
		"Theme package provides no theme ID":                                                          ErrInvalidType,
		"Package uploads are disabled for this hosted 1CRM installation.":                             ErrUploadDisabled,
	}
	for text, want := range cases {
		m := classifyMessage(text)
		if !m.known || m.success || m.kind != want {
			t.Errorf("classifyMessage(%q) = %v (known %v), want %v", text, m.kind, m.known, want)
		}
	}
	for _, ok := range []string{"Package uploaded successfully", "Paket erfolgreich hochgeladen"} {
		if !classifyMessage(ok).success {
			t.Errorf("%q not seen as success", ok)
		}
	}
	if m := classifyMessage("Something unexpected happened"); m.known || m.kind != nil {
		t.Error("unknown text classified")
	}
}

func TestDeleteUpload(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		f := newFake(t)
		f.lang = lang
		samplePackages(f)
		c := f.client(t, nil)
		if err := c.DeleteUpload(ctxT(t), "cache/upgrades/langpack/nl.zip"); err != nil {
			t.Fatal(lang, err)
		}
		if len(f.uploaded) != 1 || f.uploaded[0].Name != "Call Sheets" {
			t.Fatalf("%s: %+v", lang, f.uploaded)
		}
		last := f.posts[len(f.posts)-1]
		if last.Get("perform") != "delete" || last.Get("source") != "cache/upgrades/langpack/nl.zip" || last.Get("module") != "UWizard" {
			t.Errorf("%s delete post %v", lang, last)
		}
		// Already gone: nothing to do.
		if err := c.DeleteUpload(ctxT(t), "cache/upgrades/langpack/nl.zip"); err != nil {
			t.Fatal(err)
		}
	}
}

func lastPost(f *fake) url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.posts[len(f.posts)-1]
}
