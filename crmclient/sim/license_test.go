package sim

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/visual4/1crm-update/crmclient/manifest"
)

func licensePage(t *testing.T, sc *Scenario) (*Running, *browser, string) {
	t.Helper()
	r, _ := startSim(t, sc)
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	_, body := b.get("index.php?module=LicenseInfo&action=index")
	return r, b, body
}

// §3: sentences and status colour from days left (today is 2025-06-02).
func TestLicenseSupportSentences(t *testing.T) {
	cases := []struct {
		name string
		want []string
		led  string
	}{
		{"demo", []string{"This application is licensed to Musterfirma GmbH for 25 active users.", "support contract will expire on 2025-12-19 (in 200 days)"}, "led_green"},
		{"professional-expiring", []string{"will expire on 2025-06-19 (in 17 days)"}, "led_yellow"},
		{"trial", []string{"Trial site license will expire on 2025-06-27 (in 25 days)"}, "led_yellow"},
		{"expired-support", []string{"support contract expired on 2025-05-21"}, "led_red"},
		{"no-license", []string{"NOT properly licensed", "No support information"}, "led_grey"},
		{"german-admin", []string{"Diese Anwendung ist an Musterfirma GmbH für 25 aktive Benutzer lizenziert.", "läuft am 19.12.2025 ab (in 200 Tagen)", "Verfügbare Updates", "Lizenzverlauf", "Zuletzt geprüft: 02.06.2025 06:00"}, "led_green"},
	}
	for _, c := range cases {
		_, _, body := licensePage(t, scenario(t, c.name))
		mustContain(t, text(body), c.want...)
		mustContain(t, body, c.led)
	}
}

// §3: Available Updates table with its columns and a link to a real ZIP;
// the history; the update disappears once installed (§9 #9, see install test).
func TestLicenseUpdatesTableAndDownload(t *testing.T) {
	r, b, body := licensePage(t, scenario(t, "demo"))
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	var headers []string
	var href, label string
	doc.Find("h3").Each(func(_ int, h *goquery.Selection) {
		if h.Text() != "Available Updates" {
			return
		}
		tbl := h.NextAllFiltered("table").First()
		tbl.Find("th").Each(func(_ int, th *goquery.Selection) { headers = append(headers, th.Text()) })
		a := tbl.Find("tr").Eq(1).Find("td").Eq(2).Find("a")
		href, _ = a.Attr("href")
		label = a.Text()
	})
	if strings.Join(headers, "|") != "Product|Date posted|Package|Release notes|Description" {
		t.Fatalf("headers %v", headers)
	}
	if label != "8.7.7-InfoAtHand-patch" {
		t.Errorf("package label %q", label)
	}
	mustContain(t, text(body), "Last checked: 2025-06-02 06:00", "License History", "1CRM Professional Edition", "renewal")
	base, _ := url.Parse(r.URL + "/index.php")
	u, _ := base.Parse(href)
	resp, err := b.c.Get(u.String())
	if err != nil {
		t.Fatal(err)
	}
	zipBytes, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("download %s: %d", u, resp.StatusCode)
	}
	m, err := manifest.ReadZip(bytes.NewReader(zipBytes), int64(len(zipBytes)))
	if err != nil || !m.IsCore() || m.Version != "8.7.7" || !m.Accepts("8.7.6").OK {
		t.Fatalf("downloaded package: %v %+v", err, m)
	}
	if len(zipBytes) < demoUpdatePaddingLen {
		t.Errorf("zip is %d bytes, want a realistic size", len(zipBytes))
	}
}

func TestLicenseHostedRowAndNoUpdates(t *testing.T) {
	_, _, body := licensePage(t, scenario(t, "startup-cloud"))
	mustContain(t, text(body), "hosted", "There are no updates available")
	_, _, body = licensePage(t, scenario(t, "startup-onpremise"))
	mustNotContain(t, text(body), "hosted")
	mustContain(t, text(body), "No support information")
}

// Download links serve only known files.
func TestDownloadUnknown404(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	resp, err := http.Get(r.URL + "/download/updates/nope.zip")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("unknown download: %d", resp.StatusCode)
	}
}

// "Check for updates" moves "Last checked" to now.
func TestCheckForUpdates(t *testing.T) {
	r, clock := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	clock.Advance(95 * time.Minute)
	_, page := b.get("index.php?module=LicenseInfo&action=index")
	_, page = b.post("index.php", formOf(t, page, "perform", "check_updates"))
	mustContain(t, text(page), "Last checked: 2025-06-02 10:35")
}
