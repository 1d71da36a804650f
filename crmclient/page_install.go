package crmclient

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Install pages (spec §5.4; the upgrade.php sequence is not public, so
// this follows the client procedure given there). The only place that
// knows how an install answer points onwards and how a step, an error or
// a PHP fatal error looks.

// scriptLocation finds URLs assigned to (window.|document.)location(.href)
// or passed to location.replace/assign inside script text (script text is
// JavaScript, not markup).
var scriptLocation = regexp.MustCompile(`location(?:\.href)?\s*(?:=|\.replace\(|\.assign\()\s*["']([^"']+)["']`)

var stepOf = regexp.MustCompile(`(?i)(?:step|schritt)\s+(\d+)\s*(?:of|/|von|aus)\s*(\d+)`)

// nextHop returns where the page sends the browser next: a script
// location, a meta refresh, or (when wantUpgrade) a form action or link to
// upgrade.php. Only upgrade.php / index.php targets are followed.
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

// installStep reads "Step N of M" (EN/DE) from the page text.
func installStep(text string) (n, of int, line string) {
	for _, l := range strings.Split(text, "\n") {
		if m := stepOf.FindStringSubmatch(l); m != nil {
			n, _ = strconv.Atoi(m[1])
			of, _ = strconv.Atoi(m[2])
			return n, of, strings.TrimSpace(l)
		}
	}
	return 0, 0, ""
}
