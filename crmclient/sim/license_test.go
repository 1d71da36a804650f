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

// §3 (LI1–LI5): the real sentences with their <b> parts and the LED
// class icon-led<colour> (today is 2025-06-02). The 2014 German pack left
// LicenseInfo untranslated: a German UI shows the English sentences.
func TestLicenseSupportSentences(t *testing.T) {
	cases := []struct {
		name string
		want []string
		led  string
	}{
		{"demo", []string{"This application is licensed to Musterfirma GmbH for 25 active users.",
			"The application support contract will expire on 2025-12-19 (in 200 days)."}, "green"},
		{"professional-expiring", []string{"will expire on 2025-06-19 (in 17 days)."}, "yellow"},
		{"trial", []string{"Trial site license will expire on 2025-06-27 (in 25 days)."}, "yellow"},
		{"expired-support", []string{"The application support contract expired on 2025-05-21"}, "red"},
		{"no-license", []string{"This application is NOT properly licensed for use.", "No support is available."}, "grey"},
		{"german-admin", []string{"This application is licensed to Musterfirma GmbH for 25 active users.",
			"will expire on 19.12.2025 (in 200 days).", "Available Updates", "License History", "Last checked: 02.06.2025 06:00."}, "green"},
	}
	for _, c := range cases {
		_, _, body := licensePage(t, scenario(t, c.name))
		mustContain(t, text(body), c.want...)
		mustContain(t, body, `<div class="input-icon icon-led`+c.led+`"></div>&nbsp;`)
		if c.name == "demo" {
			mustContain(t, body, "licensed to <b>Musterfirma GmbH</b> for <b>25</b> active users")
		}
	}
	// Day 0 is red already (get_support_status), while the Upgrade
	// Wizard only closes below 0 days.
	_, b, body := licensePage(t, scenario(t, "demo", func(sc *Scenario) { sc.License.SupportDays = intp(0) }))
	mustContain(t, body, "icon-ledred")
	_, list := b.get(listPath)
	mustContain(t, text(list), "Uploaded Packages")
}

// §3: Available Updates table with its columns and a link to a real ZIP;
// the history; the update disappears once installed (§9 #9, see install test).
func TestLicenseUpdatesTableAndDownload(t *testing.T) {
	r, b, body := licensePage(t, scenario(t, "demo"))
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	var headers []string
	var href, label string
	// SystemUpdateManager: header cells are bold td cells, not th.
	tbl := doc.Find("h4.tabDetailViewDL").Parents().Filter("table").First()
	tbl.Find(`td[style*="font-weight: bold"]`).Each(func(_ int, td *goquery.Selection) { headers = append(headers, td.Text()) })
	a := tbl.Find("a.tabDetailViewDFLink").First()
	href, _ = a.Attr("href")
	label = a.Text()
	if strings.Join(headers, "|") != "Product|Date Posted|Package|Release Notes Link|Description" {
		t.Fatalf("headers %v", headers)
	}
	if label != "8.7.7-InfoAtHand-patch" {
		t.Errorf("package label %q", label)
	}
	mustContain(t, text(body), "Last checked: 2025-06-02 06:00.", "License History", "1CRM Professional Edition, Portal", "Renewal",
		"License Name Type Date Purchased Vendor Users Support End Date")
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
	mustContain(t, text(body), "Hosted", "No available updates. Last checked")
	_, _, body = licensePage(t, scenario(t, "startup-onpremise"))
	mustNotContain(t, text(body), "Hosted")
	mustContain(t, text(body), "No support is available.")
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

// "Check for Updates" (8x: POST json.php?action=check_for_updates, the
// 7.x JSONRequest) moves "Last checked" to now.
func TestCheckForUpdates(t *testing.T) {
	r, clock := startSim(t, scenario(t, "demo-8x"))
	b := adminBrowser(t, r)
	clock.Advance(95 * time.Minute)
	if _, out := b.postJSON("json.php?action=check_for_updates", nil); out["result"] != "ok" {
		t.Fatalf("check: %v", out)
	}
	_, page := b.get("index.php?module=LicenseInfo&action=index")
	mustContain(t, text(page), "Last checked: 2025-06-02 10:35.")
}
