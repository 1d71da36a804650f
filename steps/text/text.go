// Package text holds every text the steps package produces: verdicts,
// refusals, smoke checks, mails and the support report, one typed table per
// language. Texts is an interface and each language is a type implementing
// it, so a text missing in one language is a compile error at
// "var DE Texts = de{}" (lazygit i18n style) — a keyed struct literal would
// let a field go missing silently. Texts that take values are methods with
// parameters, so the word order can differ per language.
//
// All wording is our own (procedure.md: never the guide's sentences).
package text

import (
	"fmt"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
)

// Texts is the whole table.
type Texts interface {
	Lang() string // "de" or "en"

	formats
	names
	preflightTexts
	packageTexts
	pathTexts
	guardTexts
	installTexts
	smokeTexts
	refusalTexts
	mailTexts
	historyTexts
	reportTexts
	errorTexts
	outcomeTexts
	backupCheckTexts
	waitTexts
	apiTexts
	handoverTexts
}

// DE and EN are the two languages (W10). German is the default.
var (
	DE Texts = de{}
	EN Texts = en{}
)

// For returns the table for a language code ("de", "en", "en_US.UTF-8" …);
// anything not English is German (spec/cli.md).
func For(lang string) Texts {
	l := strings.ToLower(strings.TrimSpace(lang))
	if l == "en" || strings.HasPrefix(l, "en_") || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en.") {
		return EN
	}
	return DE
}

// formats: dates, times, durations.
type formats interface {
	DateTime(t time.Time) string // date and time of day
	Clock(t time.Time) string    // time of day only
	Date(t time.Time) string     // "14.06.2027" / "14 Jun 2027"; the journal keeps RFC 3339
	Weekday(t time.Time) string  // "Montag, 30.11." / "Monday, 30 Nov"
	DayName(t time.Time) string  // "Montag" / "Monday"
	Duration(d time.Duration) string
	// Size is a byte count for people, binary units with the language's
	// decimal mark: "2,0 MiB" / "2.0 MiB". Screens use it too.
	Size(n int64) string
}

// names: display names of codes.
type names interface {
	StepName(id string) string // connect, preflight, … done
	StageName(stage string) string
	PathName(path string) string
	EditionName(edition string) string
	DeploymentName(d string) string
	AnswerName(status string) string
	LevelName(level string) string
}

// preflightTexts: W1, R1–R6.
type preflightTexts interface {
	EditionTitle(edition string) string
	EditionEntitled(edition, deployment string) string
	EditionUnknown() string
	EditionUnknownAdvice() string
	NotEntitled(edition, deployment string) string
	NotEntitledAdvice() string
	RouteVendorWebsite() string       // R2
	RouteVendorWebsiteAdvice() string // R2
	RoutePartnerZIP() string          // R3
	RoutePartnerZIPAdvice(mail string) string
	RouteLicensePage(n int) string // R4: n updates listed
	RouteLicensePageNone() string  // R4: none listed
	RouteLicensePageAdvice() string
	DeploymentAsk(guess string) string // spec §8
	DeploymentTitle() string           // the verdict that asks cloud or own server
	// The installed version when /version is closed (Startup/Startup+,
	// spec §1.4, §8): from the installed core patch, or the admin's word.
	VersionUnknown() string
	VersionUnknownAdvice() string
	VersionFromList(v string) string
	VersionStated(v string) string
	VersionKnown(v string) string // SetInstalledVersion refused: 1CRM reported it
	SupportTitle() string
	SupportActive(end string, days int) string
	SupportExpiring(end string, days int) string // R5
	SupportExpiringAdvice() string               // R5: the orange triangle
	SupportTrial(end string, days int) string
	SupportExpired(end string) string // R6
	SupportExpiredAdvice() string     // R6
	SupportNone() string
	SupportNoneAdvice() string
	VersionTitle() string
	VersionInstalled(v string) string
	ExtensionsTitle() string
	ExtensionsNone() string
	ExtensionsFound(n int, names string) string // R22 expectation
	UploadDisabled() string
	UploadDisabledAdvice(mail string) string
	UpgradeInProgress() string
	UpgradeInProgressAdvice() string
	LicenseUnreadable(detail string) string
	LicenseUnreadableAdvice() string
}

// packageTexts: W2, R22.
type packageTexts interface {
	PackageTitle() string
	PackageOK(name, version, sha string) string
	PackageUnreadable(detail string) string
	PackageUnreadableAdvice() string
	PackageNotAccepted(installed, expected string) string // expected: the manifest's acceptable versions
	PackageNotAcceptedAdvice() string
	PackageUncertain(installed, why string) string // why: UncertainBadRegex or UncertainBuild
	// PackageProblem is a local W2 finding worded for people; code is one
	// of not_found, no_access, not_zip, no_manifest, unsafe_path,
	// too_large, syntax (arg: line), empty_fields, invalid_type (arg:
	// type), unreadable. The technical text goes to the journal only.
	PackageProblem(code, arg string) string
	// PackageChanged (W2): right before an upload the file's SHA-256 is
	// not the one recorded at validation; nothing was uploaded.
	PackageChanged(path, recorded, now string) string
	// PackageGone: the package file cannot be read any more before an
	// upload; why is a PackageProblem sentence.
	PackageGone(path, why string) string
	UncertainBadRegex(re string) string            // a regex of the manifest Go cannot read
	UncertainBuild(version, release string) string // only one of 8.7.7-318 / 8.7.7 matches
	// PackageVersionUnknown: the installed version is unknown (Startup's
	// API answers 403), so acceptance and "newer" are left to the server.
	PackageVersionUnknown() string
	PackageNotNewer(pkg, installed string) string
	PackageNotNewerAdvice() string
	PackageNotCore(typ string) string
	PackageExtensionsAffected(names string) string           // R22
	PackageExtensionsUnknown() string                        // R22: manifests not readable
	PackageExtensionsWillWarn(names, target string) string   // R22: known manifests reject target
	PackageExtensionsCompatible(names, target string) string // R22: known manifests accept target
	DownloadFailed(detail string) string
	ListedNotForRoute(route string) string // R2, R3: the listed download is not the official route
	DownloadNotListed() string             // R4: only listed updates are downloaded
}

// pathTexts: R7, R8, W5.
type pathTexts interface {
	PathRecommendA() string
	PathRecommendB() string
	ParityVersionsDiffer(live, test string) string
	ParityMissing(list string) string
	ParityExtra(list string) string
	ParityOK(version string) string
	ParityAdvice() string
	// TwinSuspected (R7): test and live report the same version,
	// products and licence data; asks whether they are two systems.
	TwinSuspected(licensee string, userLimit int, supportEnd string) string
	TwinAdvice() string
	NoTwinQuestion() string
	// TestIsLive (R7): the test system's address leads to live.
	TestIsLive(live, test string) string
	NoticeReconciled(action, result string) string
	NoticeInterrupted(action string) string
	// NoticeBackupPending: the backup of an interrupted run is not in the
	// history yet; the backup step watches for it up to wait.
	NoticeBackupPending(wait string) string
}

// guardTexts: W3, W4, R12, R13, R15–R19.
type guardTexts interface {
	StartOK(deadline time.Time, left time.Duration) string
	// StartLate, StartRefused: a working day, below the margin or after
	// the test deadline; next is the proposed working morning.
	StartLate(deadline time.Time, left time.Duration, next time.Time) string
	StartRefused(deadline time.Time, next time.Time) string
	// StartWeekend: Saturday or Sunday before the test deadline (late:
	// below the margin) — the partner is not reachable, the deadlines are
	// still the same day's; StartWeekendRefused: after it.
	StartWeekend(now, tests, report time.Time, left time.Duration, late bool, next time.Time) string
	StartWeekendRefused(now, deadline, next time.Time) string
	StartOverridden(reason string) string
	// CountdownLine and CountdownPassed are R12/R13 for mails and the
	// report: points in time dated "as of now", never "N h left", which
	// is wrong by the time the partner reads it (screens count down with
	// their own texts). No final full stop: ProblemDeadline and the
	// report's list put it into their own sentence.
	CountdownLine(tests, report, now time.Time) string
	CountdownPassed(tests, report, now time.Time, reportPassed bool) string
	// RestoreText is the R15–R18 statement with concrete times (W4) for
	// the admin's screen: lostSince relative to now ("yesterday 23:00"),
	// the span of lost changes so far, and the cost.
	RestoreText(lostSince, now time.Time, lost time.Duration, sameDay bool, costEUR int) string
	// RestoreLoss is the same for mails and the report: a clause that
	// follows a label ("Restore your server backup: this loses …"), with
	// points in time dated as of now instead of a running span.
	// ReportServerRestore is the report's label for it.
	RestoreLoss(lostSince, now time.Time, sameDay bool, costEUR int) string
	ReportServerRestore() string
	// InstallGuardReopened: W3 checked again at install time (path B) and
	// the situation got worse since the start was acknowledged.
	InstallGuardReopened(now time.Time) string
	// BackupStale: the own backup is not from today; a new one is due (R10).
	BackupStale(made time.Time) string
}

// installTexts: R10, R21, R22.
type installTexts interface {
	BackupDumpMissing() string
	BackupFailed(detail string) string
	VersionWarningsExplained(names string) string // R22
	OtherWarningsExplained() string
	PrepareErrors() string
	// InstallStuck: 1CRM reports an install in progress that nobody
	// follows; says what to do (browser, partner at support).
	InstallStuck(support string) string
	// InstallIncomplete: the package is listed as installed, but 1CRM runs
	// version running, not want: the install did not finish.
	InstallIncomplete(running, want, support string) string
	// AdoptedRun (W8): a new run takes over what an unfinished run left
	// on the server (items, from Leftover) instead of repeating it.
	AdoptedRun(runID string, started time.Time, items []string) string
	// Leftover words one thing an unfinished run left: kind is "backup"
	// (detail: backup name), "backup_confirmed" (made in the browser,
	// confirmed by the admin, name unknown), "uploaded", "prepared", "installed"
	// (detail: package and version) or a pending action's name.
	Leftover(kind, stage, detail string) string
	InstallResumable() string // W8: a cut install is continued, not posted again
	InstallNotFound() string
	ConfirmKept() string // W8, R22: an interrupted confirm round keeps the acceptance
}

// smokeTexts: W6, spec §9.
type smokeTexts interface {
	CheckReachable(ok bool, detail string) string
	CheckVersion(want, got string, ok bool) string
	CheckProducts(ok bool) string
	// CheckInstalled: the package (its name, with the version when the name
	// lacks it) is listed under Installed.
	CheckInstalled(pkg string, ok bool) string
	CheckInProgress(stuck bool) string
	CheckLogin(ok bool, detail string) string
	CheckMe(ok bool, detail string) string
	CheckRecord(ok bool, detail string) string
	CheckPDF(ok bool, detail string) string
	// CheckRecordCount: spec §9 #5, total Account records before/after
	// (a heuristic: users may add or delete records meanwhile).
	CheckRecordCount(before, after int) string
	CheckRecordCountUnknown() string
}

// refusalTexts: why an action is not allowed now.
type refusalTexts interface {
	NotDue(action, due string) string
	NoRun() string
	NotConnected(stage string) string
	Blocked() string                // R6/R1 preflight blocks
	NeedDeployment() string         // spec §8
	NoPackage() string              // W2
	PackageInvalid() string         // W2
	NoTestSystem() string           // R7
	BackupMandatory() string        // R10
	NeedReason() string             // overrides need a reason
	VersionInvalid(v string) string // SetInstalledVersion got no version
	// OtherInstance: a resumed run belongs to another address than the
	// one configured now (W8: it would reconcile against the wrong server).
	OtherInstance(stage, was, now string) string
	StartRefusedNeedsOverride() string // W3
	NotUploaded() string
	NotPrepared() string
	WarningsNotAccepted() string // R22
	NoWarnings() string
	PrepareHasErrors() string
	ChecklistOpen(n int) string // R23
	ProblemNeedsNote() string
	UnknownItem(id string) string
	UnknownAnswer(s string) string
	TestNotPassed() string // R9
	Busy() string
	RunFinished() string
}

// mailTexts: R8, R13, R14, W9.
type mailTexts interface {
	RefreshSubject(liveURL string) string
	RefreshBody(liveURL, testURL, liveVersion, testVersion, target, user string) string
	ProblemSubject(url, stage string) string
	ProblemIntro(stage, url, versionBefore, versionAfter string) string
	ProblemIntroBeforeInstall(stage, url, version string) string // a problem before anything was installed
	ProblemListTitle() string
	ProblemLiveUntouched() string                            // R9: path A problems on the test system
	ProblemNothingInstalled() string                         // a problem before any install: no restore needed
	ProblemRestoreOptions(own OwnBackup, loss string) string // R14, R16–R20; loss is RestoreLoss
	// ProblemAsk asks the partner how to go on (the last line before the
	// sign-off of a problem mail).
	ProblemAsk() string
	// ReportEnclosed names the attachment in the admin's voice: the
	// bundle file of run runID (BundleFile); MailGreeting is the sign-off
	// with the admin's name. Both close every partner mail, after
	// everything else it says. How to make the attachment is not the
	// partner's business: that is BundleHint, on the admin's screen.
	ReportEnclosed(runID string) string
	MailGreeting(user string) string
	ProblemDeadline(line string) string // R13: by 16:00 today
	DoneSubject(url string) string
	// DoneBody is the success mail up to its sign-off; byHand is the
	// block of steps done by hand in the browser ("" when none).
	DoneBody(url, before, after, byHand string) string
	// MailManualTitle heads the steps done by hand in a mail.
	MailManualTitle() string
	// FinishSubject is the closing mail's subject (W9); problems says
	// whether problems were reported.
	FinishSubject(url, before, after string, problems bool) string
	// FinishReportFollows is the closing mail's last line before the
	// greeting: the report is pasted below (a mailto: link cannot attach
	// files) and the bundle file of run runID is attached. A link that
	// would grow too long carries ReportEnclosed instead.
	FinishReportFollows(runID string) string
}

// historyTexts: what the run did, in words, for the resume summary and
// the report (W8, W9). The journal keeps codes; these are for people.
type historyTexts interface {
	// Did describes one finished step record: action is the record's
	// code (backup, upload, install, …), evidence its worded result.
	Did(action, evidence string) string
	// Unconfirmed describes a server-changing action that was started but
	// not confirmed (journal "started" without "done").
	Unconfirmed(action, stage string) string
	PhaseName(phase string) string                             // upload, prepare, confirm, install, installed
	StartAccepted(startCase string, left time.Duration) string // W3 acknowledged; a clock.StartCase
	ChecklistCounts(passed, problems, na int) string
	SmokeCounts(ok, warn, failed int) string
	// RecordNote words a record's note code: reused (already uploaded),
	// already_installed.
	RecordNote(code string) string
	Interrupted() string                     // an action cancelled by the admin
	ChecklistFileProblem(path string) string // --checklist could not be used
	Technical(detail string) string          // "technical detail: …" in the report
}

// reportTexts: W9.
type reportTexts interface {
	ReportTitle() string
	ReportRun(id string, started time.Time) string
	ReportSectionInstance() string
	ReportSectionPackage() string
	ReportSectionBackup() string
	ReportSectionSteps() string
	ReportSectionSmoke() string
	ReportSectionChecklist() string
	ReportSectionErrors() string
	ReportSectionDeadlines() string
	ReportSectionMail() string
	ReportSectionNotes() string
	Label(key string) string // field labels: url, edition, version_before, …
	// LabelInline is Label inside a line ("version before 8.7.6");
	// StageHead is StageName at the start of one ("Live system: …").
	// German nouns keep their capitals either way.
	LabelInline(key string) string
	StageHead(stage string) string
	ReportNone() string
}

func okText(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

// editionName is the product name of an edition code; the same in both languages.
func editionName(e, unknown string) string {
	if n := crmclient.Edition(e).Name(); n != "" {
		return n
	}
	return unknown
}

// daysBetween counts Berlin calendar days from a to b (b later: positive).
func daysBetween(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.In(a.Location()).Date()
	da := time.Date(ay, am, ad, 12, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Round(24*time.Hour) / (24 * time.Hour))
}

// hm formats a duration as hours and minutes; unit words per language.
func hm(d time.Duration, h, min string) string {
	neg := d < 0
	if neg {
		d = -d
	}
	d = d.Round(time.Minute)
	hh := int(d / time.Hour)
	mm := int((d % time.Hour) / time.Minute)
	var s string
	switch {
	case hh > 0 && mm > 0:
		s = fmt.Sprintf("%d %s %d %s", hh, h, mm, min)
	case hh > 0:
		s = fmt.Sprintf("%d %s", hh, h)
	default:
		s = fmt.Sprintf("%d %s", mm, min)
	}
	if neg {
		return "-" + s
	}
	return s
}
