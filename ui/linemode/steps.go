package linemode

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/tui"
)

// begin: resume an unfinished run or start a new one (W8), then attach.
func (r *runner) begin() error {
	resume := false
	if sum := r.e.Unfinished(); sum != nil {
		r.say("== " + r.t.TitleResume() + " ==")
		r.say(r.t.ResumeFound(sum.RunID, r.st.DateTime(sum.Started)))
		if sum.LiveURL != "" {
			r.say(r.t.ResumeInstance(sum.LiveURL))
		}
		other := !r.o.Demo && tui.OtherInstance(sum.LiveURL, r.o.LiveURL)
		if other {
			r.say("[!] " + r.t.ResumeOtherInstance(sum.LiveURL, r.o.LiveURL))
		}
		r.say(r.t.ResumeDone())
		for _, d := range sum.Done {
			r.say("[OK] " + d)
		}
		for _, u := range sum.Unconfirmed { // W8: reconciled on connect, not repeated
			r.say("[!] " + u)
		}
		next := r.st.StepName(string(sum.Next))
		if sum.Paused {
			next += " (" + r.t.ResumePaused() + ")"
		}
		r.say(r.t.ResumeNext(next))
		r.say(r.t.ResumeStartOverNote(sum.TakesOver))
		opts := []string{r.t.ResumeContinue(), r.t.ResumeStartOver()}
		if other {
			opts[1] += " " + r.t.Recommended()
		}
		i, err := r.choose("", opts)
		if err != nil {
			return err
		}
		resume = i == 0
	}
	var err error
	if resume {
		err = r.e.Resume()
	} else {
		err = r.e.StartNew()
	}
	if err == nil && r.o.Attach != nil {
		err = r.o.Attach()
	}
	return err
}

func (r *runner) connect() error {
	r.fact(r.t.LiveSystem(), r.o.LiveURL)
	if r.o.TestURL != "" {
		r.fact(r.t.TestSystem(), r.o.TestURL)
	}
	_, err := r.act(r.t.Connecting(), r.t.ServerUnchanged(), func(ctx context.Context, _ func(any)) (any, error) {
		return nil, r.e.Connect(ctx)
	})
	if err != nil {
		return r.failAt(err, true, r.t.ServerUnchanged())
	}
	r.say("[OK] " + r.t.Connected())
	if n := r.e.Snapshot().Notices; len(n) > 0 {
		r.say(r.t.ReconcileTitle())
		for _, x := range n {
			r.say("  " + x)
		}
	}
	return nil
}

func (r *runner) preflight() error {
	v, err := r.act(r.t.Checking(), r.t.ServerUnchanged(), func(ctx context.Context, _ func(any)) (any, error) {
		return r.e.Preflight(ctx)
	})
	if err != nil {
		return r.fail(err)
	}
	pf := v.(*steps.Preflight)
	// After the deployment answer only what changed is read out again: a
	// screen reader user should not hear the whole list twice.
	seen := map[steps.Verdict]bool{}
	for first := true; ; first = false {
		ed := r.st.EditionName(string(pf.Edition))
		if pf.Deployment != steps.DeploymentUnknown {
			ed += ", " + r.st.DeploymentName(string(pf.Deployment))
		}
		r.fact(r.t.Edition(), ed)
		if first {
			if pf.Version == "" {
				r.fact(r.t.Installed(), r.t.Unknown())
			} else {
				r.fact(r.t.Installed(), pf.Version)
			}
			if pf.SupportEndText != "" {
				sup := pf.SupportEndText
				if pf.HasSupportDaysLeft {
					sup = r.t.SupportUntil(pf.SupportEndText, pf.SupportDaysLeft)
				}
				r.fact(r.t.Support(), sup)
			}
			r.fact(r.t.Extensions(), fmt.Sprint(len(pf.Extensions)))
		}
		var fresh []steps.Verdict
		for _, x := range tui.ShownVerdicts(pf) {
			if !seen[x] {
				seen[x] = true
				fresh = append(fresh, x)
			}
		}
		r.verdicts(fresh)
		// A block does not depend on the deployment: no question first.
		if !pf.NeedsDeployment || pf.Blocked {
			break
		}
		i, err := r.choose(r.t.DeploymentQuestion(), []string{r.t.DeploymentCloud(), r.t.DeploymentOnPrem()})
		if err != nil {
			return err
		}
		d := steps.DeploymentCloud
		if i == 1 {
			d = steps.DeploymentOnPrem
		}
		if pf, err = r.e.ConfirmDeployment(d); err != nil {
			return r.fail(err)
		}
	}
	if pf.NeedsVersion && !pf.Blocked {
		var err error
		if pf, err = r.askVersion(pf); err != nil {
			return err
		}
	}
	switch {
	case pf.Blocked:
		r.say("[X] " + r.t.PreflightBlocked())
		return errBlocked
	case hasWarn(pf.Verdicts):
		r.say("[!] " + r.t.PreflightWarnings())
		ok, err := r.yes(r.t.AckWarnings() + "?")
		if err != nil {
			return err
		}
		if !ok {
			return errPaused
		}
	default:
		r.say("[OK] " + r.t.PreflightOK())
	}
	return nil
}

// askVersion asks the installed version when /version is closed
// (Startup/Startup+, spec §1.4, §8) until steps takes it; an empty answer
// goes on without it (the upgrade manager then judges the package).
func (r *runner) askVersion(pf *steps.Preflight) (*steps.Preflight, error) {
	r.say(r.t.VersionInputHelp())
	for {
		v, err := r.ask(r.t.VersionInputTitle() + " " + r.t.LineOptional() + ":")
		if err != nil || v == "" {
			return pf, err
		}
		err = r.e.SetInstalledVersion(v)
		var ref *steps.Refusal
		if errors.As(err, &ref) {
			r.say("[X] " + ref.Reason)
			continue
		}
		if err != nil {
			return pf, r.fail(err)
		}
		if p := r.e.Snapshot().Preflight; p != nil {
			pf = p
		}
		r.fact(r.t.Installed(), pf.Version)
		return pf, nil
	}
}

func hasWarn(vs []steps.Verdict) bool {
	for _, v := range vs {
		if v.Level == steps.LevelWarn {
			return true
		}
	}
	return false
}

func (r *runner) pkg() error {
	snap := r.e.Snapshot()
	ver := snap.Live.VersionBefore
	if ver == "" {
		ver = r.t.Unknown() // Startup editions do not tell it over the API
	}
	r.say(r.t.PackageIntro(ver))
	var opts []string
	var acts []func() (any, error)
	if r.o.PackageFile != "" {
		f := r.o.PackageFile
		opts = append(opts, r.t.PackageUsePreset(filepath.Base(f)))
		acts = append(acts, func() (any, error) { return r.validate(f) })
	}
	if pf := snap.Preflight; pf != nil {
		for _, u := range pf.Updates {
			u := u
			opts = append(opts, r.t.PackageDownload(u.Version, u.Package))
			acts = append(acts, func() (any, error) {
				return r.act(r.t.PackageDownloading(u.Version), r.t.ServerUnchanged(), func(ctx context.Context, report func(any)) (any, error) {
					return r.e.DownloadUpdate(ctx, u, func(got, total int64) { report([2]int64{got, total}) })
				})
			})
		}
		if note := tui.PackageSourceNote(r.t, pf, r.o.SupportEmail); note != "" {
			r.say(note)
		}
	}
	opts = append(opts, r.t.PackageLocalFile())
	acts = append(acts, func() (any, error) {
		for {
			p, err := r.required(r.t.PackagePathTitle(), "")
			if err != nil {
				return nil, err
			}
			p = tui.ExpandPath(p)
			st, err := os.Stat(p)
			switch {
			case err != nil:
				r.say(r.t.PackagePathMissing())
			case st.IsDir():
				r.say(r.t.PackagePathIsDir())
			default:
				return r.validate(p)
			}
		}
	})
	i, err := r.choose("", opts)
	if err != nil {
		return err
	}
	v, err := acts[i]()
	if err != nil {
		if err == errEOF {
			return err
		}
		return r.fail(err)
	}
	c := v.(*steps.PackageCheck)
	r.fact(r.t.PackageFile(), c.FileName)
	r.fact(r.t.PackageSize(), r.t.Bytes(c.Size))
	r.fact(r.t.PackageName(), tui.PackageLabel(c))
	if !tui.Mentioned(c.Verdicts, c.SHA256) {
		r.fact("SHA-256", c.SHA256)
	}
	r.verdicts(c.Verdicts)
	if tui.NeedsExtensionsNote(c) {
		r.say(r.t.PackageExtensionsNote(strings.Join(c.AffectedExtensions, ", ")))
	}
	if c.OK {
		r.say("[OK] " + r.t.PackageValid())
	} else {
		r.say("[X] " + r.t.PackageInvalid())
	}
	return nil
}

func (r *runner) validate(path string) (any, error) {
	return r.act(r.t.PackageChecking(filepath.Base(path)), r.t.ServerUnchanged(), func(ctx context.Context, _ func(any)) (any, error) {
		return r.e.UsePackageFile(path)
	})
}

func (r *runner) path() error {
	rec := r.e.RecommendedPath()
	hasTest := r.o.TestURL != ""
	r.say(r.t.PathATitle())
	r.say("  " + r.t.PathAFacts())
	if !hasTest {
		r.say("  " + r.t.PathANeedsTest())
	}
	r.say(r.t.PathBTitle())
	r.say("  " + r.t.PathBFacts())
	label := func(s string, p steps.Path) string {
		if p == rec {
			return s + " " + r.t.Recommended()
		}
		return s
	}
	var opts []string
	var paths []steps.Path
	if hasTest {
		opts, paths = append(opts, label(r.t.PathAChoice(), steps.PathA)), append(paths, steps.PathA)
	}
	opts, paths = append(opts, label(r.t.PathBChoice(), steps.PathB)), append(paths, steps.PathB)
	i, err := r.choose("", opts)
	if err != nil {
		return err
	}
	if err := r.e.ChoosePath(paths[i]); err != nil {
		return r.fail(err)
	}
	return nil
}

func (r *runner) mail(m steps.Mail) {
	r.fact(r.t.MailTo(), m.To)
	r.fact(r.t.MailSubject(), m.Subject)
	r.say("-----")
	r.say(m.Body)
	r.say("-----")
	if m.MailtoURL != "" {
		r.say(r.t.LineMailtoLink())
		r.say(m.MailtoURL)
	}
}

func (r *runner) refresh() error {
	r.say(r.t.RefreshIntro())
	r.mail(r.e.RefreshMail())
	ok, err := r.yes(r.t.RefreshConfirm() + "?")
	if err != nil {
		return err
	}
	if !ok {
		return errPaused
	}
	if err := r.e.ConfirmRefreshed(); err != nil {
		return r.fail(err)
	}
	return nil
}

func (r *runner) parity() error {
	v, err := r.act(r.t.ParityChecking(), r.t.ServerUnchanged(), func(ctx context.Context, _ func(any)) (any, error) {
		return r.e.ParityCheck(ctx)
	})
	if err != nil {
		return r.fail(err)
	}
	p := v.(*steps.Parity)
	r.fact(r.t.LiveSystem(), p.LiveVersion)
	r.fact(r.t.TestSystem(), p.TestVersion)
	for _, x := range p.MissingOnTest {
		r.say("[!] " + r.t.ParityMissing(x))
	}
	for _, x := range p.ExtraOnTest {
		r.say("[!] " + r.t.ParityExtra(x))
	}
	r.verdicts(p.Verdicts)
	if p.Twin && !p.DistinctConfirmed {
		// R7: live under a second address? Asked before anything is installed.
		i, err := r.choose("", []string{r.t.TwinYes(), r.t.TwinStop()})
		if err != nil {
			return err
		}
		if i == 1 {
			r.farewell = r.t.TwinStopFarewell()
			return errPaused
		}
		if err := r.e.ConfirmDistinctSystems(); err != nil {
			return r.fail(err)
		}
	}
	if p.OK {
		r.say("[OK] " + r.t.ParityOK())
		return nil
	}
	r.say("[!] " + r.t.ParityDiffers())
	i, err := r.choose("", []string{r.t.ParityRedo(), r.t.ParityAccept()})
	if err != nil {
		return err
	}
	if i == 0 {
		err = r.e.RedoRefresh()
	} else {
		reason, e := r.required(r.t.ReasonTitle(), r.t.ParityReasonHelp())
		if e != nil {
			return e
		}
		err = r.e.AcceptParity(reason)
	}
	if err != nil {
		return r.fail(err)
	}
	return nil
}

func (r *runner) timeGuard() error {
	c := r.e.StartCheck()
	r.fact(r.t.Now(), r.st.Weekday(c.Now)+" "+r.st.Clock(c.Now))
	r.fact(r.t.TestsDoneBy(), r.st.Clock(c.TestDeadline)+" ("+r.t.LeftFmt(c.TimeLeft)+")")
	r.fact(r.t.ReportBy(), r.st.Clock(c.ReportDeadline))
	r.say(r.t.GuardWhy())
	tomorrow := r.st.Weekday(c.Tomorrow) + " " + r.st.Clock(c.Tomorrow)
	var opts []string
	switch c.Level {
	case steps.StartOK:
		r.say("[OK] " + r.t.GuardOK())
		r.verdicts(c.Verdicts)
		if err := r.e.AcknowledgeStart(); err != nil {
			return r.fail(err)
		}
		return nil
	case steps.StartWarn:
		r.say("[!] " + r.t.GuardWarn())
		opts = []string{r.t.GuardPause(tomorrow), r.t.GuardGoAnyway()}
	default:
		r.say("[X] " + r.t.GuardRefuse())
		opts = []string{r.t.GuardPause(tomorrow), r.t.GuardOverride()}
	}
	r.verdicts(c.Verdicts)
	i, err := r.choose("", opts)
	if err != nil {
		return err
	}
	if i == 0 {
		if err := r.e.PauseUntilTomorrow(); err != nil {
			return r.fail(err)
		}
		r.farewell = r.t.PausedFarewell(tomorrow)
		return errPaused
	}
	if c.Level == steps.StartWarn {
		err = r.e.AcknowledgeStart()
	} else {
		reason, e := r.required(r.t.ReasonTitle(), r.t.GuardReasonHelp())
		if e != nil {
			return e
		}
		err = r.e.OverrideLateStart(reason)
	}
	if err != nil {
		return r.fail(err)
	}
	return nil
}

func (r *runner) stageName() string {
	if r.e.Snapshot().Stage == steps.StageTest {
		return r.t.TestSystem() + " " + r.o.TestURL
	}
	return r.t.LiveSystem() + " " + r.o.LiveURL
}

func (r *runner) stageShort() string {
	if r.e.Snapshot().Stage == steps.StageTest {
		return r.t.TestShort()
	}
	return r.t.LiveShort()
}

func (r *runner) backup() error {
	snap := r.e.Snapshot()
	r.fact(r.t.Instance(), r.stageName())
	if n := len(snap.Backups); n > 0 && snap.Backups[n-1].Check != nil && snap.Backups[n-1].Check.Status == steps.BackupBroken {
		// R10: the last backup failed its check: a new one, or on with a reason.
		r.verdicts(snap.Backups[n-1].Check.Verdicts)
		i, err := r.choose("", []string{r.t.BackupAgain(), r.t.BackupAcceptProblem()})
		if err != nil {
			return err
		}
		if i == 1 {
			reason, e := r.required(r.t.ReasonTitle(), r.t.BackupAcceptHelp())
			if e != nil {
				return e
			}
			if err := r.e.AcceptBackupProblem(reason); err != nil {
				return r.fail(err)
			}
			return nil
		}
		return r.runBackup()
	}
	opts := []string{r.t.BackupStart()}
	if snap.Path == steps.PathA && snap.Stage == steps.StageLive {
		r.say(r.t.BackupIntroOptional())
		opts = append(opts, r.t.BackupSkip())
	} else {
		r.say(r.t.BackupIntro())
	}
	i, err := r.choose("", opts)
	if err != nil {
		return err
	}
	if i == 1 {
		reason, e := r.required(r.t.ReasonTitle(), r.t.BackupSkipHelp())
		if e != nil {
			return e
		}
		if err := r.e.SkipBackup(reason); err != nil {
			return r.fail(err)
		}
		return nil
	}
	return r.runBackup()
}

// runBackup makes the backup and reads its file (progress in bytes).
func (r *runner) runBackup() error {
	v, err := r.act(r.t.BackupRunning(), r.t.BackupServerState(), func(ctx context.Context, report func(any)) (any, error) {
		return r.e.Backup(ctx, func(d time.Duration) { report(d) }, func(read, total int64) { report([2]int64{read, total}) })
	})
	if err != nil {
		return r.failAt(err, false, r.t.BackupServerState())
	}
	e := v.(*crmclient.BackupEntry)
	r.say("[OK] " + r.t.BackupDone())
	r.fact(r.t.BackupName(), e.Name)
	if e.Size != "" {
		r.fact(r.t.PackageSize(), e.Size)
	}
	bs := r.e.Snapshot().Backups
	if len(bs) > 0 && bs[len(bs)-1].DumpWarn {
		r.say("[!] " + r.t.BackupNoDump())
	}
	if len(bs) > 0 && bs[len(bs)-1].Check != nil && r.e.Next() != steps.StepBackup {
		// A failed check is shown with its choices when the step comes up again.
		r.verdicts(bs[len(bs)-1].Check.Verdicts)
	}
	r.say(r.t.BackupRestoreNote())
	return nil
}

func (r *runner) install() error {
	snap := r.e.Snapshot()
	r.fact(r.t.Instance(), r.stageName())
	if p := snap.Package; p != nil {
		r.fact(r.t.PackageFile(), p.FileName+" ("+p.Version+")")
	}
	for {
		snap = r.e.Snapshot()
		var err error
		switch snap.Phase {
		case steps.PhaseUpload, "":
			_, err = r.act(r.t.Uploading(), r.t.UploadServerState(), func(ctx context.Context, report func(any)) (any, error) {
				return nil, r.e.Upload(ctx, func(s, t int64) { report([2]int64{s, t}) })
			})
		case steps.PhasePrepare:
			err = r.prepare(false)
		case steps.PhaseConfirm:
			r.showPrepare(snap.Prepare)
			ok, e := r.yes(r.t.InstallAccept() + "?")
			if e != nil {
				return e
			}
			if !ok {
				return errPaused
			}
			err = r.prepare(true)
		case steps.PhaseInstall:
			if pv := snap.Prepare; pv != nil && len(pv.Errors) > 0 {
				r.showPrepare(pv)
				r.say("[X] " + r.t.PrepareBlocked())
				ok, e := r.yes(r.t.InstallPrepareAgain() + "?")
				if e != nil {
					return e
				}
				if !ok {
					return errPaused
				}
				err = r.prepare(false)
				break
			}
			ok, e := r.yes(r.t.InstallStart(r.stageShort()) + "?")
			if e != nil {
				return e
			}
			if !ok {
				return errPaused
			}
			_, err = r.act(r.t.Installing(r.stageShort()), r.t.InstallServerState(), func(ctx context.Context, report func(any)) (any, error) {
				return nil, r.e.Install(ctx, func(p crmclient.InstallProgress) { report(p) })
			})
		case steps.PhaseInstalled:
			r.say("[OK] " + r.t.InstalledOK(r.stageShort()))
			return nil
		}
		if err != nil {
			return r.fail(err)
		}
		if r.e.Next() != steps.StepInstall {
			r.say("[OK] " + r.t.InstalledOK(r.stageShort()))
			return nil
		}
	}
}

func (r *runner) prepare(accept bool) error {
	v, err := r.act(r.t.Preparing(), r.t.PrepareServerState(), func(ctx context.Context, _ func(any)) (any, error) {
		if accept {
			return r.e.AcceptWarnings(ctx)
		}
		return r.e.Prepare(ctx)
	})
	if err == nil && !accept {
		if pv, ok := v.(*steps.PrepareView); ok && pv != nil && !pv.NeedsAcceptance {
			r.showPrepare(pv)
		}
	}
	return err
}

func (r *runner) showPrepare(pv *steps.PrepareView) {
	if pv == nil {
		return
	}
	r.say(r.t.PrepareResults())
	for _, s := range pv.Steps {
		m := "[OK]"
		switch s.Status {
		case crmclient.StepWarning:
			m = "[!]"
		case crmclient.StepError:
			m = "[X]"
		}
		line := m + " " + s.Title()
		switch {
		case s.Status == crmclient.StepSuccess: // the title says it all; its rows passed
		case len(s.Findings) > 0:
			line += ": " + strings.Join(s.Findings, "\n")
		case s.Message != "":
			line += ": " + s.Message
		}
		if s.Status != crmclient.StepSuccess && s.Passed > 0 {
			line += "\n" + r.t.RowsOK(s.Passed)
		}
		r.say(line)
	}
	if pv.Precopied {
		r.say("[OK] " + r.t.PrecopyDone())
	}
	if pv.NeedsAcceptance || len(pv.Warnings) > 0 {
		r.say(r.t.R22Title())
		if pv.Explanation != "" {
			r.say(pv.Explanation)
		} else {
			r.say(r.t.R22Explain())
			if len(pv.AffectedExtensions) > 0 {
				r.say(r.t.R22Affected(strings.Join(pv.AffectedExtensions, ", ")))
			}
		}
	}
}

func (r *runner) smoke() error {
	r.fact(r.t.Instance(), r.stageName())
	v, err := r.act(r.t.SmokeRunning(), r.t.ServerUnchanged(), func(ctx context.Context, _ func(any)) (any, error) {
		return r.e.Smoke(ctx)
	})
	if err != nil {
		return r.fail(err)
	}
	res := v.(*steps.SmokeResult)
	for _, c := range res.Checks {
		line := mark(c.Level) + " " + c.Title
		if c.Detail != "" {
			line += " — " + c.Detail
		}
		r.say(line)
	}
	if res.OK {
		r.say("[OK] " + r.t.SmokeOK())
	} else {
		r.say("[X] " + r.t.SmokeFailed())
	}
	return nil
}

func (r *runner) checklist() error {
	r.fact(r.t.Instance(), r.stageName())
	r.say(r.t.LineChecklistHelp(r.st.AnswerName(steps.AnswerPassed), r.st.AnswerName(steps.AnswerProblem), r.st.AnswerName(steps.AnswerNA)))
	for {
		items := r.e.ChecklistItems()
		open := -1
		answered := 0
		for i, it := range items {
			if it.Status == "" {
				if open < 0 {
					open = i
				}
			} else {
				answered++
			}
		}
		if open < 0 {
			break
		}
		it := items[open]
		r.say("")
		r.sayf("(%d/%d) %s", answered+1, len(items), it.Title)
		if it.Detail != "" {
			r.say("    " + it.Detail)
		}
		a, err := r.ask(r.t.LineChoose())
		if err != nil {
			return err
		}
		switch a {
		case "1":
			err = r.e.Answer(it.ID, steps.AnswerPassed, "")
		case "3":
			err = r.e.Answer(it.ID, steps.AnswerNA, "")
		case "2":
			note, e := r.required(r.t.Note(), r.t.ProblemNoteHelp())
			if e != nil {
				return e
			}
			err = r.e.Answer(it.ID, steps.AnswerProblem, note)
		case "+":
			title, e := r.required(r.t.ChecklistAddTitle(), "")
			if e != nil {
				return e
			}
			_, err = r.e.AddChecklistItem(title)
		default:
			r.say(r.t.LineInvalid())
			r.say(r.t.LineChecklistHelp(r.st.AnswerName(steps.AnswerPassed), r.st.AnswerName(steps.AnswerProblem), r.st.AnswerName(steps.AnswerNA)))
			continue
		}
		if err != nil {
			r.say("[!] " + err.Error())
		}
	}
	if err := r.e.FinishChecklist(); err != nil {
		return r.fail(err)
	}
	return nil
}

func (r *runner) goLive() error {
	r.say("[OK] " + r.t.GoLiveTestPassed())
	r.say(r.t.GoLiveIntro())
	ok, err := r.yes(r.t.GoLiveConfirm() + "?")
	if err != nil {
		return err
	}
	if !ok {
		return errPaused
	}
	if err := r.e.GoLive(); err != nil {
		return r.fail(err)
	}
	return nil
}

func (r *runner) problems() error {
	snap := r.e.Snapshot()
	switch {
	case snap.Path == steps.PathA && snap.Stage == steps.StageTest:
		r.say(r.t.ProblemsIntroA())
	case !tui.InstallTouched(snap):
		r.say(r.t.ProblemsIntroUnchanged())
	default:
		r.say(r.t.ProblemsIntroB())
		ri := r.e.RestoreImpact()
		r.say(r.t.RestoreOptions())
		r.say("  " + r.t.RestoreOwn())
		if ri.Text != "" {
			r.say("  " + ri.Text)
		} else {
			r.say("  " + r.t.RestoreServer(r.st.DateTime(ri.LostSince), r.st.Duration(ri.LostSpan), ri.Cost))
		}
		r.say("  " + r.t.RestoreRepair())
	}
	r.mail(r.e.ProblemMail())
	ok, err := r.yes(r.t.ProblemsSent() + "?")
	if err != nil {
		return err
	}
	if !ok {
		return errPaused
	}
	if err := r.e.ProblemsReported(); err != nil {
		return r.fail(err)
	}
	return nil
}

func (r *runner) done() {
	snap := r.e.Snapshot()
	if !snap.Finished {
		if err := r.e.Finish(); err != nil {
			r.say("[X] " + err.Error())
		}
	}
	snap = r.e.Snapshot()
	path := snap.ReportPath
	if path == "" {
		path, _ = r.e.WriteReport()
	}
	if tui.ProblemsReported(snap) {
		r.say("[!] " + r.t.DoneWithProblems())
	} else {
		r.say("[OK] " + r.t.DoneOK())
	}
	ver := snap.Live.VersionBefore
	if snap.Live.VersionAfter != "" && snap.Live.VersionAfter != ver {
		ver += " -> " + snap.Live.VersionAfter
	}
	r.fact(r.t.LiveSystem(), snap.Live.URL+" "+ver)
	r.fact(r.t.ReportWord(), path)
	m := r.e.FinishMail()
	r.say(r.t.DoneMailIntro(m.To))
	r.mail(m)
	r.farewell = r.t.FinishedFarewell(path)
}
