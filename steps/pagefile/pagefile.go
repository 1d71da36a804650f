// Package pagefile writes admin pages the 1CRM client kept
// (crmclient.CapturedPage) to a folder, for the people who fix the
// client's parsers (issue 10): runs/<ID>/pages/ of a run, or the folder of
// `doctor --capture DIR`. Each page becomes NNN-name.html (the answer as
// 1CRM sent it) and NNN-name.headers.txt (address, status, why it was
// kept, the response headers), mode 0600. Nothing secret reaches them: the
// client already masked what it knows; here the page is cleaned once more
// by its shape (crmclient.RedactPage) and every secret value this process
// registered (journal.RegisterSecret) is masked.
package pagefile

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/journal"
)

// File describes one saved page.
type File struct {
	HTML    string    // file name of the body, e.g. "001-uwizard.html"
	Headers string    // file name of the headers, e.g. "001-uwizard.headers.txt"
	Name    string    // the page's short name ("uwizard", "backup-runbackup")
	Method  string    // GET or POST
	URL     string    // the address (secrets masked)
	Status  int       // HTTP status
	At      time.Time // when the client read it
	Why     string    // why it was kept (no secrets)
}

// Save writes p into dir (created with mode 0700 if missing) under the
// next free number. why says why the page was kept ("stopped the backup:
// …"); it is masked like the page.
func Save(dir string, p *crmclient.CapturedPage, why string) (File, error) {
	if p == nil {
		return File{}, fmt.Errorf("pagefile: no page")
	}
	if err := os.MkdirAll(dir, journal.DirMode); err != nil {
		return File{}, err
	}
	clean := crmclient.RedactPage(p)
	body := journal.RedactText(string(clean.Body))
	n, err := nextNumber(dir)
	if err != nil {
		return File{}, err
	}
	name := clean.Name
	if name == "" {
		name = "page"
	}
	f := File{
		HTML: fmt.Sprintf("%03d-%s.html", n, name), Headers: fmt.Sprintf("%03d-%s.headers.txt", n, name),
		Name: name, Method: clean.Method, URL: journal.RedactText(clean.URL), Status: clean.Status,
		At: clean.At, Why: journal.RedactText(why),
	}
	if err := writePrivate(filepath.Join(dir, f.HTML), []byte(body)); err != nil {
		return File{}, err
	}
	if err := writePrivate(filepath.Join(dir, f.Headers), []byte(headerText(f, clean, len(body)))); err != nil {
		return File{}, err
	}
	return f, nil
}

// headerText is the .headers.txt file: what the page is, then the
// response headers that are no secrets.
func headerText(f File, p *crmclient.CapturedPage, size int) string {
	var b strings.Builder
	b.WriteString("# 1crm-update: admin page kept for the partner (cookies, tokens and passwords removed)\n")
	fmt.Fprintf(&b, "Page: %s\n", f.Name)
	if f.Why != "" {
		fmt.Fprintf(&b, "Why: %s\n", oneLine(f.Why))
	}
	fmt.Fprintf(&b, "Request: %s %s\n", f.Method, f.URL)
	fmt.Fprintf(&b, "Status: %d %s\n", f.Status, http.StatusText(f.Status))
	if !f.At.IsZero() {
		fmt.Fprintf(&b, "Read: %s\n", f.At.Format(time.RFC3339))
	}
	cut := ""
	if p.Cut {
		cut = fmt.Sprintf(" (cut at %d bytes)", crmclient.MaxCapturedBody)
	}
	fmt.Fprintf(&b, "Body: %s, %d bytes%s\n\n", f.HTML, size, cut)
	keys := make([]string, 0, len(p.Header))
	for k := range p.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range p.Header[k] {
			fmt.Fprintf(&b, "%s: %s\n", k, journal.RedactText(oneLine(v)))
		}
	}
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// nextNumber is one more than the highest NNN- prefix in dir.
func nextNumber(dir string) (int, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	hi := 0
	for _, e := range es {
		var n int
		if _, err := fmt.Sscanf(e.Name(), "%03d-", &n); err == nil && n > hi {
			hi = n
		}
	}
	return hi + 1, nil
}

// writePrivate creates name with mode 0600; an existing file is never
// overwritten (the numbers are free when this runs).
func writePrivate(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, journal.FileMode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
