package crmclient

import (
	"errors"
	"testing"
	"time"
)

var march1 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// Spec §3: support level from the TEXT, "(in N days)" preferred to the
// date, dates in 2025-03-31 / 31.03.2025 / 03/31/2025.
func TestLicenseSupportStates(t *testing.T) {
	cases := []struct {
		name, tpl, sentence string
		want                SupportLevel
		days                int
		hasDays             bool
		end                 string
	}{
		{"green-iso", "license_en.html", "Your support contract will expire on 2025-09-17 (in 200 days).", SupportActive, 200, true, "2025-09-17"},
		{"yellow-under-30", "license_en.html", "Your support contract will expire on 2025-03-20 (in 19 days).", SupportExpiring, 19, true, "2025-03-20"},
		{"red-expired", "license_en.html", "Your support contract expired on 2025-02-01.", SupportExpired, -28, true, "2025-02-01"},
		{"trial", "license_en.html", "Trial site license will expire on 2025-03-31 (in 30 days).", SupportTrial, 30, true, "2025-03-31"},
		{"us-date-no-days", "license_en.html", "Your support contract will expire on 03/31/2025.", SupportActive, 30, true, "03/31/2025"},
		{"us-date-near", "license_en.html", "Your support contract will expire on 03/15/2025.", SupportExpiring, 14, true, "03/15/2025"},
		{"grey", "license_en.html", "", SupportNone, 0, false, ""},
		{"de-expiring", "license_de.html", "Ihr Supportvertrag läuft am 31.03.2025 ab (in 12 Tagen).", SupportExpiring, 12, true, "31.03.2025"},
		{"de-expired", "license_de.html", "Ihr Supportvertrag ist am 31.01.2025 abgelaufen.", SupportExpired, -29, true, "31.01.2025"},
		{"de-date-only", "license_de.html", "Ihr Supportvertrag läuft am 31.12.2025 ab.", SupportActive, 305, true, "31.12.2025"},
		{"de-trial", "license_de.html", "Die Testlizenz läuft am 10.03.2025 ab (noch 9 Tage).", SupportTrial, 9, true, "10.03.2025"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t)
			f.licenseTpl = c.tpl
			f.licenseData["Support"] = c.sentence
			f.licenseData["LED"] = "green" // the LED must not override the text
			lic, err := f.client(t, func(cfg *Config) { cfg.Now = func() time.Time { return march1 } }).License(ctxT(t))
			if err != nil {
				t.Fatal(err)
			}
			if lic.Support != c.want || lic.HasDaysLeft != c.hasDays || (c.hasDays && lic.DaysLeft != c.days) || lic.SupportEnd != c.end {
				t.Fatalf("got support=%s days=%d/%v end=%q", lic.Support, lic.DaysLeft, lic.HasDaysLeft, lic.SupportEnd)
			}
			if !lic.Licensed || lic.Licensee != "Acme GmbH" || lic.UserLimit != 25 {
				t.Fatalf("license sentence: %+v", lic)
			}
		})
	}
}

// "(in N days)" wins over a date that contradicts it (date formats follow
// user preferences and may be misread).
func TestLicenseInDaysPreferred(t *testing.T) {
	f := newFake(t)
	f.licenseData["Support"] = "Your support contract will expire on 04/05/2025 (in 35 days)."
	lic, err := f.client(t, func(cfg *Config) { cfg.Now = func() time.Time { return march1 } }).License(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if lic.DaysLeft != 35 || lic.Support != SupportActive {
		t.Fatalf("days=%d support=%s", lic.DaysLeft, lic.Support)
	}
}

func TestLicenseDetailsEnglish(t *testing.T) {
	f := newFake(t)
	f.licenseData["FirstType"] = "hosted"
	lic, err := f.client(t, nil).License(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(lic.Products) != 2 || lic.Products[0] != "1CRM Professional Edition" || lic.Products[1] != "Portal" {
		t.Errorf("products %q", lic.Products)
	}
	if lic.LastChecked != "2025-03-01 10:15" {
		t.Errorf("last checked %q", lic.LastChecked)
	}
	if len(lic.Updates) != 2 {
		t.Fatalf("updates %+v", lic.Updates)
	}
	u := lic.Updates[0]
	if u.Version != "8.7.7-318" || u.Package != "8.7.7-318-pro-patch" || u.Product != "1CRM Professional Edition" ||
		u.DownloadURL != f.base()+"/index.php?module=LicenseInfo&action=Download&file=8.7.7-318-pro-patch.zip" ||
		u.ReleaseNotesURL != "https://1crm.com/notes/8.7.7" || u.Date != "2025-02-20" || u.Description != "Maintenance release" {
		t.Errorf("update 0 %+v", u)
	}
	if lic.Updates[1].Version != "2.1.0" || lic.Updates[1].DownloadURL != f.srv.URL+"/dl/2.1.0-portal-module.zip" {
		t.Errorf("update 1 %+v", lic.Updates[1])
	}
	if len(lic.History) != 2 || lic.History[0].Type != "renewal" || lic.History[0].SupportEnd != "2025-03-31" ||
		lic.History[0].SupportStart != "2024-04-01" || lic.History[0].UserLimit != 25 || lic.History[1].UserLimit != 10 {
		t.Errorf("history %+v", lic.History)
	}
	if !lic.Hosted() {
		t.Error("hosted license type not seen")
	}
}

func TestLicenseDetailsGerman(t *testing.T) {
	f := newFake(t)
	f.licenseTpl = "license_de.html"
	f.licenseData["Support"] = "Ihr Supportvertrag läuft am 31.03.2025 ab (in 30 Tagen)."
	lic, err := f.client(t, nil).License(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(lic.Products) != 2 || lic.Products[0] != "1CRM Enterprise Edition" {
		t.Errorf("products %q", lic.Products)
	}
	if lic.LastChecked != "01.03.2025 10:15" {
		t.Errorf("last checked %q", lic.LastChecked)
	}
	if len(lic.Updates) != 1 || lic.Updates[0].Version != "8.7.4-74_main" || lic.Updates[0].DownloadURL != f.base()+"/dl.php?f=8.7.4-74_main-ent-patch.zip" {
		t.Errorf("updates %+v", lic.Updates)
	}
	if len(lic.History) != 1 || lic.History[0].SupportEnd != "31.03.2025" || lic.History[0].Licensee != "Acme GmbH" || lic.History[0].Type != "initial" {
		t.Errorf("history %+v", lic.History)
	}
}

func TestLicenseNoUpdatesAndUnlicensed(t *testing.T) {
	for _, tpl := range []string{"license_en.html", "license_de.html"} {
		f := newFake(t)
		f.licenseTpl = tpl
		f.licenseData["Updates"] = false
		f.licenseData["Licensed"] = false
		f.licenseData["Support"] = ""
		lic, err := f.client(t, nil).License(ctxT(t))
		if err != nil {
			t.Fatal(tpl, err)
		}
		if lic.Licensed || len(lic.Updates) != 0 || lic.Support != SupportNone {
			t.Errorf("%s: %+v", tpl, lic)
		}
	}
}

func TestLicensePageChanged(t *testing.T) {
	p := newPage(mustURL("https://h/index.php"), 200, []byte(`<html><body><h2>License Information</h2><p>Nothing here</p></body></html>`))
	var pc *PageChangedError
	if _, err := parseLicense(p, march1); !errors.As(err, &pc) || pc.Page != "license" {
		t.Fatalf("err = %v", err)
	}
}

func TestFindDate(t *testing.T) {
	for in, want := range map[string]string{
		"on 2025-03-31.": "2025-03-31", "am 31.03.2025 ab": "2025-03-31", "on 03/31/2025": "2025-03-31",
		"on 31/03/2025": "2025-03-31", "am 1.4.2025": "2025-04-01",
	} {
		_, d := findDate(in)
		if d.Format("2006-01-02") != want {
			t.Errorf("findDate(%q) = %v, want %s", in, d, want)
		}
	}
	if s, d := findDate("no date"); s != "" || !d.IsZero() {
		t.Error("found a date in nothing")
	}
}
