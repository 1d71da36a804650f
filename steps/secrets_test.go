package steps

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 8 item 9: a password the process knows, typed into a checklist
// note, a problem note or a reason, is masked before it reaches the
// journal, the log, the report, the mails and the screens' snapshot; the
// rest of the text stays readable.
func TestSecrets_W9_typedPasswordMaskedEverywhere(t *testing.T) {
	const pw, clientSecret = "Sommer-2026!geheim", "cs-4711-very-secret"
	w, clk, _ := startRun(t, "demo", func(c *Config) { c.Secrets = []string{pw, clientSecret, "abc"} })
	ctx := context.Background()
	clk.Set(clk.Now().Add(7 * 60 * 60e9)) // 16:00: the start needs an override reason
	driveTo(t, ctx, w, plan{path: PathB}, StepTimeGuard)
	must(t, w.OverrideLateStart("Kunde wartet, Login "+pw+" liegt bei mir"))
	driveTo(t, ctx, w, plan{path: PathB}, StepChecklist)
	items := w.ChecklistItems()
	must(t, w.Answer(items[0].ID, AnswerProblem, "Anmeldung mit "+pw+" scheitert, Secret "+clientSecret))
	for _, it := range items[1:] {
		must(t, w.Answer(it.ID, AnswerPassed, ""))
	}
	must(t, w.FinishChecklist())
	must(t, w.ReportProblem("Passwort "+pw+" geht nicht mehr"))
	path, err := w.WriteReport()
	must(t, err)

	var texts []string
	raw, err := os.ReadFile(filepath.Join(w.j.Dir(), "journal.json"))
	must(t, err)
	texts = append(texts, string(raw))
	rep, err := os.ReadFile(path)
	must(t, err)
	texts = append(texts, string(rep), w.Report())
	for _, m := range []Mail{w.ProblemMail(), w.FinishMail(), w.PartnerMail()} {
		body, _ := url.QueryUnescape(strings.ReplaceAll(m.MailtoURL, "%20", " "))
		texts = append(texts, m.Subject, m.Body, m.MailtoURL, body)
	}
	s := w.Snapshot()
	for _, it := range s.Checklist {
		texts = append(texts, it.Note)
	}
	for _, r := range s.Steps {
		texts = append(texts, r.Result, r.Text, r.Error)
	}
	for i, x := range texts {
		for _, sec := range []string{pw, clientSecret, url.QueryEscape(pw)} {
			if strings.Contains(x, sec) {
				t.Errorf("text %d holds a secret:\n%s", i, x)
			}
		}
	}
	if !strings.Contains(string(rep), "scheitert") || !strings.Contains(string(rep), "[redacted]") {
		t.Error("the note lost its readable part or was not masked in place")
	}
	// Values under 4 characters are not registered: "abc" stays in words.
	if !strings.Contains(redact("abcdef"), "abc") {
		t.Error("a 3-character value was registered")
	}
}
