package text

import (
	"fmt"
	"strings"

	steptext "github.com/visual4/1crm-update/steps/text"
)

// bundle: `report --bundle FILE.zip` and `doctor --capture DIR` (issue 10).
type bundle interface {
	// BundleWritten: the bundle for the partner is at path; files are
	// the names inside it, pages how many kept 1CRM pages it carries.
	BundleWritten(path string, files []string, pages int) string
	// BundleExists: path is there already; --force overwrites it.
	BundleExists(path string) string
	// CaptureWritten: doctor saved n pages (each .html + .headers.txt) to dir.
	CaptureWritten(dir string, n int) string
	// CaptureFailed: a page could not be saved to dir.
	CaptureFailed(dir, err string) string
}

func (de) BundleWritten(path string, files []string, pages int) string {
	return fmt.Sprintf("Unterlagen für den Partner gespeichert: %s\nInhalt: %s (%s von 1CRM). "+
		"Ohne Passwörter, Tokens und Cookies; bitte an die Mail an den Partner anhängen.", path, summarizeFiles(files), steptext.Count(pages, "gespeicherte Seite", "gespeicherte Seiten"))
}
func (de) BundleExists(path string) string {
	return path + " gibt es schon; nichts wurde überschrieben. Einen anderen Namen wählen oder mit --force überschreiben."
}
func (de) CaptureWritten(dir string, n int) string {
	return fmt.Sprintf("%s von 1CRM gespeichert in %s (je .html und .headers.txt, ohne Passwörter, Cookies und Tokens).", steptext.Count(n, "Seite", "Seiten"), dir)
}
func (de) CaptureFailed(dir, err string) string {
	return "Eine Seite ließ sich nicht in " + dir + " speichern: " + err
}

func (en) BundleWritten(path string, files []string, pages int) string {
	return fmt.Sprintf("Papers for the partner saved: %s\nContents: %s (%s). "+
		"No passwords, tokens or cookies; please attach it to the mail to the partner.", path, summarizeFiles(files), steptext.Count(pages, "kept 1CRM page", "kept 1CRM pages"))
}
func (en) BundleExists(path string) string {
	return path + " exists already; nothing was overwritten. Choose another name, or overwrite it with --force."
}
func (en) CaptureWritten(dir string, n int) string {
	return fmt.Sprintf("%s saved in %s (each .html and .headers.txt, without passwords, cookies and tokens).", steptext.Count(n, "1CRM page", "1CRM pages"), dir)
}
func (en) CaptureFailed(dir, err string) string {
	return "A page could not be saved in " + dir + ": " + err
}

// summarizeFiles lists the top-level files and folds pages/… into one entry.
func summarizeFiles(files []string) string {
	var out []string
	pages := false
	for _, f := range files {
		if strings.HasPrefix(f, "pages/") {
			if !pages {
				out = append(out, "pages/")
				pages = true
			}
			continue
		}
		out = append(out, f)
	}
	return strings.Join(out, ", ")
}
