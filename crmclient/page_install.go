package crmclient

import (
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// Install pages (spec §5.4 as corrected; facts: 7.x UWizard::beginInstall,
// runCommitStep, templates stepCommit.tpl, result.tpl, buttons.tpl;
// upgrade.php itself is not public). The only place that knows how an
// install answer points onwards and how a step page looks:
//
//   - the install answer: "Redirecting to complete the installation..."
//     and <script>document.location.href='upgrade.php';</script>;
//   - a step page: h3 "Step N: <label>" (e.g. "Step 1: Commit changes"),
//     a result block whose h4 says "Step completed successfully." / "This
//     step completed with warnings." / "This step cannot be completed…",
//     the step's messages and error divs, then one of: the Next form
//     (POST index.php, hidden module=UWizard, action=index, uw_step,
//     source, perform=install, retry=0), the Retry form of a fatal step,
//     or on the final step only a "Return to Packages List" button.
//
// How current versions advance between steps is not public: by redirect,
// script location, meta refresh, the Next form, or by script requests a
// client cannot replay. The client follows the first four, as a browser
// does, and stops on anything else (ErrInstallNeedsBrowser).

// scriptLocation finds URLs assigned to (window.|document.)location(.href)
// or passed to location.replace/assign inside script text (script text is
// JavaScript, not markup).
var scriptLocation = regexp.MustCompile(`location(?:\.href)?\s*(?:=|\.replace\(|\.assign\()\s*["']([^"']+)["']`)

// installHeading: "Step 3: Commit changes"; an older "Step 3 of 6: …" is
// read too (Of).
var installHeading = regexp.MustCompile(`^\s*(\p{L}+)\s+(\d+)(?:\s*(?:of|von|/)\s*(\d+))?\s*:\s*(.+?)\s*$`)

// installResult is the status of a step page's result block.
type installResult int

const (
	resultUnknown installResult = iota
	resultSuccess
	resultWarning
	resultFailed
)

// stepPage is what an upgrade.php step page says.
type stepPage struct {
	n, of   int
	text    string // the heading as 1CRM writes it
	result  installResult
	message string // the result block's text without its status sentence
	next    *form  // the Next form (success/warning, not final)
	retry   bool   // a Retry form (fatal step)
	headSel *goquery.Selection
}

// parseStepPage reads a step page; ok is false when the page is none (no
// step heading with a recognised result block).
func parseStepPage(p *page) (sp stepPage, ok bool) {
	p.doc.Find("h1,h2,h3").EachWithBreak(func(_ int, h *goquery.Selection) bool {
		m := installHeading.FindStringSubmatch(clean(h))
		if m == nil {
			return true
		}
		sp.n, _ = strconv.Atoi(m[2])
		sp.of, _ = strconv.Atoi(m[3])
		sp.text = clean(h)
		sp.headSel = h
		return false
	})
	if sp.headSel == nil {
		return sp, false
	}
	p.doc.Find("h4").EachWithBreak(func(_ int, h *goquery.Selection) bool {
		switch strings.ToLower(clean(h)) {
		case sentenceCompleted:
			sp.result = resultSuccess
		case sentenceWarnings:
			sp.result = resultWarning
		case sentenceFailed:
			sp.result = resultFailed
		default:
			return true
		}
		sp.message = strings.Join(blockLines(h.Parent(), h.Get(0)), "\n")
		return false
	})
	if sp.result == resultUnknown {
		return sp, false
	}
	p.doc.Find("form").Each(func(_ int, fs *goquery.Selection) {
		f := readForm(p, fs, false)
		if f.get("uw_step") == "" || f.get("perform") != "install" {
			return
		}
		if sp.result == resultFailed {
			sp.retry = true
			return
		}
		if sp.next == nil && f.get("module") == "UWizard" && f.get("source") != "" && sameSite(p.url, f.action) {
			sp.next = f
		}
	})
	return sp, true
}

// sameSite: u is on the host of the page and is an index.php or
// upgrade.php of it.
func sameSite(pageURL, u *url.URL) bool {
	if u == nil || (u.Host != "" && !strings.EqualFold(u.Host, pageURL.Host)) {
		return false
	}
	b := strings.ToLower(path.Base(u.Path))
	return b == "index.php" || b == "upgrade.php"
}

// isUpgradeURL: u is an upgrade.php.
func isUpgradeURL(u *url.URL) bool { return strings.EqualFold(path.Base(u.Path), "upgrade.php") }

// nextHop returns where the page sends the browser next: a script
// location, a meta refresh, or (when wantUpgrade) a form action or link to
// upgrade.php. Only upgrade.php / index.php targets on the same host are
// followed.
func nextHop(p *page, wantUpgrade bool) *url.URL {
	var cands []string
	for _, s := range p.doc.Find("script").Nodes {
		if s.FirstChild != nil {
			for _, m := range scriptLocation.FindAllStringSubmatch(s.FirstChild.Data, -1) {
				cands = append(cands, m[1])
			}
		}
	}
	for _, content := range metaRefreshes(p) {
		if i := strings.Index(strings.ToLower(content), "url="); i >= 0 {
			cands = append(cands, strings.Trim(strings.TrimSpace(content[i+4:]), `'"`))
		}
	}
	if wantUpgrade {
		for _, n := range p.doc.Find("form[action]").Nodes {
			for _, a := range n.Attr {
				if a.Key == "action" {
					cands = append(cands, a.Val)
				}
			}
		}
		for _, n := range p.doc.Find("a[href]").Nodes {
			for _, a := range n.Attr {
				if a.Key == "href" {
					cands = append(cands, a.Val)
				}
			}
		}
	}
	for _, c := range cands {
		u, err := p.url.Parse(strings.TrimSpace(c))
		if err != nil || (u.Host != p.url.Host && u.Host != "") {
			continue
		}
		base := strings.ToLower(u.Path)
		if strings.HasSuffix(base, "upgrade.php") {
			return u
		}
		if !wantUpgrade && strings.HasSuffix(base, "index.php") {
			return u
		}
	}
	return nil
}

// metaRefreshes are the content values ("1;url=…") of the page's
// <meta http-equiv="refresh"> tags, in document order. Attribute names and
// the http-equiv value are matched without regard to case, as browsers do.
func metaRefreshes(p *page) []string {
	var out []string
	for _, m := range p.doc.Find(`meta[http-equiv]`).Nodes {
		var equiv, content string
		for _, a := range m.Attr {
			switch strings.ToLower(a.Key) {
			case "http-equiv":
				equiv = a.Val
			case "content":
				content = a.Val
			}
		}
		if strings.EqualFold(equiv, "refresh") {
			out = append(out, content)
		}
	}
	return out
}

// refreshDelay is the delay of the page's first meta refresh ("1;url=…"), or 0.
func refreshDelay(p *page) time.Duration {
	refreshes := metaRefreshes(p)
	if len(refreshes) == 0 {
		return 0
	}
	secs, _, _ := strings.Cut(refreshes[0], ";")
	if f, err := strconv.ParseFloat(strings.TrimSpace(secs), 64); err == nil && f > 0 {
		return time.Duration(f * float64(time.Second))
	}
	return 0
}

// plainStep reads an older "Step N of M: …" line from a page that is no
// step page in the 7.x sense (kept for progress reports only).
func plainStep(p *page) (n, of int, line string) {
	for _, l := range strings.Split(p.text(), "\n") {
		if m := installHeading.FindStringSubmatch(l); m != nil && m[3] != "" {
			n, _ = strconv.Atoi(m[2])
			of, _ = strconv.Atoi(m[3])
			return n, of, strings.TrimSpace(l)
		}
	}
	return 0, 0, ""
}
