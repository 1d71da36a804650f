package steps

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// What the partner mails say after steps done by hand in the browser
// (issue 10, W9): every mail – success, problems, failed install, stopped
// run – lists them in the report's own words, verified or only confirmed
// by the admin; a backup the admin vouches for fills the "own backup"
// slot of the restore options (R14) instead of leaving it out.

// backupByHand hands the due backup to the browser on the admin's
// request, makes it there on the simulator and reports it done; the
// wizard sees it in the history (verified).
func backupByHand(t *testing.T, ctx context.Context, w *Wizard, live *sim.Running) {
	t.Helper()
	driveTo(t, ctx, w, plan{path: PathB}, StepBackup)
	must(t, w.RequestManual(ctx, ManualBackup))
	asAdmin(t, w, live)
	res, err := w.ManualDone(ctx, "")
	must(t, err)
	if !res.Verified {
		t.Fatalf("the backup made in the browser was not seen: %+v", res)
	}
}

// backupConfirmed hands the due backup to the browser, which does
// nothing the wizard could see, and confirms it with note: the backup
// is "confirmed by the admin, not verified", without a history entry.
func backupConfirmed(t *testing.T, ctx context.Context, w *Wizard, note string) {
	t.Helper()
	driveTo(t, ctx, w, plan{path: PathB}, StepBackup)
	must(t, w.RequestManual(ctx, ManualBackup))
	res, err := w.ManualDone(ctx, "")
	must(t, err)
	if res.Verified || !res.CanConfirm {
		t.Fatalf("check: %+v", res)
	}
	must(t, w.ConfirmManualUnverified(note))
	if b := w.Snapshot().Backups; len(b) != 1 || b[0].Entry != nil || !b[0].Confirmed {
		t.Fatalf("backups %+v", b)
	}
}

// manualSection is the report's "done by hand" lines.
func manualSection(t *testing.T, tx text.Texts, report string) []string {
	t.Helper()
	head := "## " + tx.ReportSectionManual() + "\n"
	i := strings.Index(report, head)
	if i < 0 {
		t.Fatalf("report without %q:\n%s", head, report)
	}
	var out []string
	for _, l := range strings.Split(report[i+len(head):], "\n") {
		if !strings.HasPrefix(l, "- ") {
			break
		}
		out = append(out, strings.TrimPrefix(l, "- "))
	}
	return out
}

// wantManualInMail: the mail carries the report's "done by hand" lines
// verbatim (one place words them) under its own title.
func wantManualInMail(t *testing.T, tx text.Texts, w *Wizard, what string, subs ...string) Mail {
	t.Helper()
	m := w.PartnerMail()
	lines := manualSection(t, tx, w.Report())
	if len(lines) == 0 {
		t.Fatalf("%s: no manual lines in the report", what)
	}
	wantAll(t, what+" mail", m.Body, tx.MailManualTitle())
	for _, l := range lines {
		wantAll(t, what+" mail", m.Body, "- "+l+"\n")
	}
	wantAll(t, what+" mail", m.Body, subs...)
	wantSignOffLast(t, tx, w, what)
	return m
}

// wantSignOffLast: every partner mail ends with the one line naming the
// attached bundle and the admin's greeting, said once, with nothing below
// the name; the closing mail puts the pasted report below the greeting,
// and its short mailto: link names the attachment before the greeting.
// How to make the bundle (the `report --bundle` command) is for the
// admin's screen (AttachHint) and never in a mail the partner reads.
func wantSignOffLast(t *testing.T, tx text.Texts, w *Wizard, what string) {
	t.Helper()
	greeting := tx.MailGreeting(sim.DemoUser)
	st := w.Snapshot()
	enclosed := tx.ReportEnclosed(st.RunID)
	m := w.PartnerMail()
	if !strings.HasSuffix(m.Body, enclosed+"\n\n"+greeting) {
		t.Errorf("%s mail: not closed by the attachment line and the greeting:\n%s", what, m.Body)
	}
	if n := strings.Count(m.Body, greeting); n != 1 {
		t.Errorf("%s mail: greeting %d times", what, n)
	}
	if n := strings.Count(m.Body, text.BundleFile(st.RunID)); n != 1 {
		t.Errorf("%s mail: the attachment is named %d times, want once:\n%s", what, n, m.Body)
	}
	fm := w.FinishMail()
	follows := tx.FinishReportFollows(st.RunID)
	i := strings.Index(fm.Body, follows+"\n\n"+greeting)
	if i < 0 || strings.Contains(fm.Body, enclosed) {
		t.Errorf("%s closing mail: the report note is not the last line before the greeting:\n%s", what, fm.Body)
		return
	}
	if n := strings.Count(fm.Body[:i+len(follows)], text.BundleFile(st.RunID)); n != 1 {
		t.Errorf("%s closing mail: the attachment is named %d times above the greeting, want once:\n%s", what, n, fm.Body)
	}
	q, err := url.ParseQuery(strings.SplitN(fm.MailtoURL, "?", 2)[1])
	if err != nil {
		t.Fatal(err)
	}
	short := strings.ReplaceAll(q.Get("body"), "\r\n", "\n")
	if short != fm.Body && !strings.HasSuffix(short, enclosed+"\n\n"+greeting) {
		t.Errorf("%s closing mail link: does not end with the attachment line and the greeting:\n%s", what, short)
	}
	for _, mm := range []struct{ name, body string }{{"mail", m.Body}, {"closing mail", fm.Body}, {"closing mail link", short}} {
		for _, admin := range []string{"--bundle", "1crm-update report", "bitte an die Mail anhängen", "please attach the ZIP"} {
			if strings.Contains(mm.body, admin) {
				t.Errorf("%s %s: holds the admin's instruction %q:\n%s", what, mm.name, admin, mm.body)
			}
		}
	}
	for _, mm := range []Mail{m, fm} {
		if !strings.Contains(mm.AttachHint, "--bundle "+text.BundleFile(st.RunID)) {
			t.Errorf("%s: the admin is not told how to make the attachment: %q", what, mm.AttachHint)
		}
	}
}

// W9, issue 10: a backup done by hand and verified shows in the success
// mail, the problem mail (R13), the failed-install mail (R14) and the
// mail of a stopped run.
func TestMail_W9_R13_R14_byHandInEveryMail(t *testing.T) {
	verified := text.DE.ManualLine(string(ManualBackup), text.DE.StageName(string(StageLive)), text.CauseRequested, text.ManualVerified, "", "")
	t.Run("success", func(t *testing.T) {
		t.Parallel()
		w, _, live := startRun(t, "demo", inGerman)
		ctx := context.Background()
		backupByHand(t, ctx, w, live)
		must(t, drive(ctx, w, plan{path: PathB}))
		m := wantManualInMail(t, text.DE, w, "done", verified, doneClaim)
		if !strings.HasSuffix(m.Body, "Viele Grüße\n"+sim.DemoUser+"\n") {
			t.Errorf("the greeting is not at the end:\n%s", m.Body)
		}
	})
	t.Run("problems", func(t *testing.T) {
		t.Parallel()
		w, _, live := startRun(t, "demo", inGerman)
		ctx := context.Background()
		backupByHand(t, ctx, w, live)
		must(t, drive(ctx, w, plan{path: PathB, answer: func(ChecklistItem) (string, string) {
			return AnswerProblem, "Angebote lassen sich nicht drucken"
		}}))
		m := w.ProblemMail()
		if m.Body != w.PartnerMail().Body {
			t.Fatal("problem mail and partner mail differ")
		}
		wantManualInMail(t, text.DE, w, "problems", verified, "Angebote lassen sich nicht drucken", "Backup einspielen")
	})
	t.Run("install failed", func(t *testing.T) {
		t.Parallel()
		w, _, live := startRun(t, "install-fails", inGerman)
		ctx := context.Background()
		backupByHand(t, ctx, w, live)
		var ae *ActionError
		if err := drive(ctx, w, plan{path: PathB}); !errors.As(err, &ae) || ae.Step != StepInstall {
			t.Fatalf("install should fail: %v", err)
		}
		if o, _ := w.outcomeLocked(); o != text.OutcomeInstallFailed {
			t.Fatalf("outcome %s", o)
		}
		wantManualInMail(t, text.DE, w, "install failed", verified, "teilweise eingespielt")
	})
	t.Run("stopped", func(t *testing.T) {
		t.Parallel()
		w, _, live := startRun(t, "demo", inGerman)
		ctx := context.Background()
		backupByHand(t, ctx, w, live)
		driveTo(t, ctx, w, plan{path: PathB}, StepInstall)
		wantManualInMail(t, text.DE, w, "stopped", verified, "unterbrochen")
	})
}

// R10, R14: a backup made in the browser that the wizard could not see,
// confirmed by the admin, is named in the restore options and in the
// stopped mail – made in the browser, confirmed by the admin, not checked
// by the wizard, with the admin's note – never an empty slot. A secret
// typed into the note stays out of mail and report.
func TestMail_R10_R14_confirmedBackupNamed(t *testing.T) {
	const secret = "Kennwort-4711-geheim"
	journal.RegisterSecret(secret)
	note := "im Verlauf erst nach dem Neuladen gesehen, Passwort " + secret
	for _, lang := range []string{"de", "en"} {
		tx := text.For(lang)
		own := text.OwnBackup{Confirmed: true, Note: "im Verlauf erst nach dem Neuladen gesehen, Passwort [redacted]"}
		restore := strings.SplitN(tx.ProblemRestoreOptions(own, ""), "\n", 3)[1]
		t.Run(lang+" install failed", func(t *testing.T) {
			t.Parallel()
			w, _, _ := startRun(t, "install-fails", func(c *Config) { c.Lang = lang })
			ctx := context.Background()
			backupConfirmed(t, ctx, w, note)
			var ae *ActionError
			if err := drive(ctx, w, plan{path: PathB}); !errors.As(err, &ae) || ae.Step != StepInstall {
				t.Fatalf("install should fail: %v", err)
			}
			m := wantManualInMail(t, tx, w, "install failed", restore+"\n", "Administration › Backup Management", "[redacted]")
			for _, s := range []string{m.Body, w.Report(), w.FinishMail().Body} {
				wantNone(t, "mail/report", s, secret)
			}
		})
		t.Run(lang+" stopped", func(t *testing.T) {
			t.Parallel()
			w, _, _ := startRun(t, "demo", func(c *Config) { c.Lang = lang })
			ctx := context.Background()
			backupConfirmed(t, ctx, w, note)
			driveTo(t, ctx, w, plan{path: PathB}, StepInstall)
			wantManualInMail(t, tx, w, "stopped", tx.OwnBackupMade(own))
		})
	}
	// The texts themselves: each language says the three facts.
	for lang, want := range map[string][]string{
		"de": {"im Browser erstellt", "vom Admin bestätigt", "nicht geprüft", "Vermerk des Admins: „n“"},
		"en": {"made in the browser", "confirmed by the admin", "not verified", "the admin's note: \"n\""},
	} {
		tx := text.For(lang)
		own := text.OwnBackup{Confirmed: true, Note: "n"}
		wantAll(t, lang+" restore options", tx.ProblemRestoreOptions(own, "x"), want...)
		wantAll(t, lang+" own backup", tx.OwnBackupMade(own), want...)
	}
}

// R10: a new run that takes over an unfinished one names the backup the
// admin confirmed in the browser among what that run left, like one the
// wizard saw.
func TestLeftover_R10_confirmedBackupNamed(t *testing.T) {
	st := &runState{}
	st.Live.Backup = &BackupInfo{Stage: StageLive, Manual: true, Confirmed: true, Reason: "seen"}
	for _, tx := range []text.Texts{text.DE, text.EN} {
		w := &Wizard{tx: tx}
		items := w.leftoverItems(&leftover{st: st, stages: []Stage{StageLive}})
		want := tx.Leftover("backup_confirmed", tx.StageName(string(StageLive)), "")
		if len(items) != 1 || items[0] != want {
			t.Errorf("items %q, want [%q]", items, want)
		}
	}
}
