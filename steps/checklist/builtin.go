package checklist

import (
	"fmt"
	"strings"
)

// text is one item's wording in both UI languages.
type text struct{ de, en string }

func (t text) in(lang string) string {
	if isEnglish(lang) {
		return t.en
	}
	return t.de
}

// isEnglish: German is the default language (W10); "en", "en_US.UTF-8",
// "en-GB" select English.
func isEnglish(lang string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(lang)), "en")
}

type builtinItem struct {
	id          string
	title, hint text
}

// builtinItems are the W7 built-in items, in the order an admin would test.
var builtinItems = []builtinItem{
	{"login",
		text{"Anmelden und Startseite", "Log in and home page"},
		text{"Melden Sie sich ab und wieder an, auch mit einem normalen (Nicht-Admin-)Benutzer. Lädt das Dashboard mit allen Dashlets ohne Fehlermeldung?",
			"Log out and in again, also as an ordinary (non-admin) user. Does the dashboard load with all its dashlets and no error message?"}},
	{"modules",
		text{"Hauptmodule öffnen", "Open the main modules"},
		text{"Öffnen Sie die Listen- und Detailansichten von Firmen, Kontakten, Leads, Verkaufschancen, Angeboten, Rechnungen, Projekten und Fällen. Stimmen Spalten, Filter und Unterpanels?",
			"Open list and detail views of accounts, contacts, leads, opportunities, quotes, invoices, projects and cases. Are columns, filters and subpanels right?"}},
	{"records",
		text{"Datensätze anlegen, bearbeiten, suchen", "Create, edit and search records"},
		text{"Legen Sie einen Test-Kontakt an, ändern Sie ihn (auch eigene Felder und Auswahllisten), finden Sie ihn über Schnellsuche und Filter wieder und löschen Sie ihn danach.",
			"Create a test contact, edit it (custom fields and drop-downs too), find it again via quick search and filters, then delete it."}},
	{"email",
		text{"E-Mail senden und empfangen", "Send and receive e-mail"},
		text{"Senden Sie aus dem CRM eine E-Mail an sich selbst, prüfen Sie, ob sie ankommt, und ob eingehende Mails (Gruppenpostfach, Abruf) im CRM erscheinen.",
			"Send an e-mail from the CRM to yourself, check that it arrives, and that incoming mail (group mailbox, fetching) shows up in the CRM."}},
	{"pdf",
		text{"Eigene PDF-Vorlagen", "Custom PDF templates"},
		text{"Erzeugen Sie je ein PDF eines Angebots und einer Rechnung mit Ihren eigenen Vorlagen. Stimmen Logo, Adressen, Positionen, Summen und Fußzeile?",
			"Render one quote and one invoice as PDF with your own templates. Are logo, addresses, line items, totals and footer right?"}},
	{"reports",
		text{"Berichte", "Reports"},
		text{"Führen Sie Ihre wichtigsten gespeicherten Berichte aus und vergleichen Sie die Zahlen mit dem Stand vor dem Update.",
			"Run your most important saved reports and compare the figures with those from before the update."}},
	{"workflows",
		text{"Workflows und Automatisierungen", "Workflows and automation"},
		text{"Lösen Sie einen Workflow aus (z. B. durch Ändern eines Status) und prüfen Sie, ob Aktionen, Benachrichtigungen und Feldänderungen wie gewohnt passieren.",
			"Trigger a workflow (for example by changing a status) and check that actions, notifications and field updates happen as before."}},
	{"scheduler",
		text{"Geplante Aufgaben (Scheduler/Cron)", "Scheduled jobs (scheduler/cron)"},
		text{"Sehen Sie unter Administration nach, ob die geplanten Aufgaben nach dem Update wieder laufen (letzte Ausführung aktuell, keine Fehler).",
			"Check under Administration that scheduled jobs run again after the update (last run recent, no errors)."}},
}

// Builtin returns the built-in items (W7) in lang ("de" default, "en").
func Builtin(lang string) []Item {
	out := make([]Item, 0, len(builtinItems))
	for _, b := range builtinItems {
		out = append(out, Item{
			ID:     b.id,
			Title:  b.title.in(lang),
			Hint:   b.hint.in(lang),
			Source: SourceBuiltin,
			Status: Open,
		})
	}
	return out
}

// shortIDs are the built-in items of the short live checklist (R9, path A
// step 4): the test system has been tested in full, so live gets the
// checks that show whether this instance came through — logging in, the
// main modules, records, e-mail and the custom PDFs (R11 names them).
var shortIDs = map[string]bool{"login": true, "modules": true, "records": true, "email": true, "pdf": true}

// BuiltinShort returns the built-in items of the short checklist for live
// after a passed test on the test system (path A), same IDs as Builtin.
func BuiltinShort(lang string) []Item {
	var out []Item
	for _, it := range Builtin(lang) {
		if shortIDs[it.ID] {
			out = append(out, it)
		}
	}
	return out
}

// ForExtensions returns one item per installed extension (W7), IDs
// "ext:<name>". Blank names are skipped.
func ForExtensions(names []string, lang string) []Item {
	var out []Item
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		title := text{"Erweiterung „" + n + "“", "Extension \"" + n + "\""}
		hint := text{
			"Öffnen Sie die Funktionen dieser Erweiterung und nutzen Sie sie einmal wie im Alltag. Versionswarnungen beim Update sind normal; entscheidend ist, ob sie funktioniert.",
			"Open this extension's features and use them once as in daily work. Version warnings during the update are normal; what matters is whether it works.",
		}
		out = append(out, Item{
			ID:     "ext:" + n,
			Title:  title.in(lang),
			Hint:   hint.in(lang),
			Source: SourceExtension,
			Status: Open,
		})
	}
	return out
}

// FromLines turns the company's own test items (from LoadFile) into items
// with IDs "company:1", "company:2", … in file order.
func FromLines(lines []string) []Item {
	var out []Item
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		out = append(out, Item{
			ID:     fmt.Sprintf("company:%d", len(out)+1),
			Title:  l,
			Source: SourceCompany,
			Status: Open,
		})
	}
	return out
}

// Relabel rewrites the titles and hints of built-in and extension items in
// lang, keeping IDs, answers and notes — for a run resumed with another
// --lang. Company items are the admin's own words and stay as they are.
func (l *List) Relabel(lang string) {
	builtin := map[string]Item{}
	for _, it := range Builtin(lang) {
		builtin[it.ID] = it
	}
	for i, it := range l.Items {
		switch it.Source {
		case SourceBuiltin:
			if b, ok := builtin[it.ID]; ok {
				l.Items[i].Title, l.Items[i].Hint = b.Title, b.Hint
			}
		case SourceExtension:
			name := strings.TrimPrefix(it.ID, "ext:")
			if e := ForExtensions([]string{name}, lang); len(e) == 1 && strings.HasPrefix(it.ID, "ext:") {
				l.Items[i].Title, l.Items[i].Hint = e[0].Title, e[0].Hint
			}
		}
	}
}
