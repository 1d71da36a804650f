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
			Status: "Package is ready for installation", Source: "cache/upgrades/module/callsheets-1.4.2.zip", Conditions: true},
		{Name: "Dutch Language Pack", Type: "langpack", Version: "2.0.1", Author: "Example Translations",
			Status: "Package expects 1CRM versions 8.7.6, 8.7.7, but current version is 8.6.9", Source: "cache/upgrades/langpack/nl.zip"},
	}
	f.installed = []fakePkg{{Name: "Portal Extras", Type: "module", Version: "3.2.13", Installed: "2024-11-02", Source: "portal-extras.zip"}}
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
			u.Published != "2024-02-12" || !u.Ready || u.Source != "cache/upgrades/module/callsheets-1.4.2.zip" {
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

// Spec §3/§5.1: expired support → only MSG_LIC_UPGRADES_DISABLED (R6).
func TestPackagesUpgradesDisabled(t *testing.T) {
	for _, c := range []struct{ lang, text string }{
		{"en", "MSG_LIC_UPGRADES_DISABLED"},
		{"en", "Upgrades are disabled because your support subscription has expired."},
		{"de", "Updates sind deaktiviert, weil Ihr Supportvertrag abgelaufen ist."},
	} {
		f := newFake(t)
		f.lang = c.lang
		f.upgradesDisabled = true
		f.disabledText = c.text
		cl := f.client(t, nil)
		l, err := cl.Packages(ctxT(t))
		if err != nil || !l.UpgradesDisabled || l.Message == "" {
			t.Fatalf("%q: %+v %v", c.text, l, err)
		}
		if err := cl.Upload(ctxT(t), "x.zip", nil); !errors.Is(err, ErrUpgradesDisabled) {
			t.Errorf("upload: %v", err)
		}
		if _, err := cl.Prepare(ctxT(t), "s", nil); !errors.Is(err, ErrUpgradesDisabled) {
			t.Errorf("prepare: %v", err)
		}
	}
}

func TestPackagesUploadDisabledAndInProgress(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		f := newFake(t)
		f.lang = lang
		f.uploadDisabled = true
		f.stepsDone = 2
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
	}
	for text, want := range cases {
		got, success, known := classifyMessage(text)
		if !known || success || got != want {
			t.Errorf("classifyMessage(%q) = %v (known %v), want %v", text, got, known, want)
		}
	}
	for _, ok := range []string{"Package uploaded successfully", "Paket erfolgreich hochgeladen"} {
		if _, success, _ := classifyMessage(ok); !success {
			t.Errorf("%q not seen as success", ok)
		}
	}
	if k, _, known := classifyMessage("Something unexpected happened"); known || k != nil {
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
