package app

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/muesli/termenv"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/doctor"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/pagefile"
	"github.com/visual4/1crm-update/ui/termquiet"
	"github.com/visual4/1crm-update/ui/text"
)

// Exit codes (spec/cli.md).
const (
	ExitOK          = 0
	ExitFailed      = 1
	ExitUsage       = 2
	ExitLocked      = 3
	ExitInterrupted = 130
)

// IO is the process' outside world; tests replace it.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Env            Env
	// Interactive is true when stdin and stdout are terminals; without it
	// the wizard runs in line mode (a pipe or a file cannot take a TUI).
	Interactive bool
	// StdinTerminal: stdin alone is a terminal (doctor asks for a missing
	// password there, even when its output goes to a file or a pipe).
	StdinTerminal bool
}

// Main runs the command line and returns the exit code.
func Main(args []string, o IO) int {
	// TERM was hidden from bubbletea's init query (ui/termquiet); the
	// admin's TERM counts from here on, and termenv's default output (its
	// colour profile) is read again with it.
	termquiet.Restore()
	termenv.SetDefaultOutput(termenv.NewOutput(os.Stdout))
	if o.Env == nil {
		o.Env = os.Getenv
	}
	if len(args) > 0 {
		switch args[0] {
		case "sim":
			return runSim(args[1:], o)
		case "doctor":
			return runDoctor(args[1:], o)
		case "report":
			return runReport(args[1:], o)
		case "version", "--version", "-version":
			fmt.Fprintln(o.Stdout, VersionLine())
			return ExitOK
		case "help":
			ParseWizard([]string{"-h"}, o.Env, o.Stdout, o.Stderr)
			return ExitOK
		}
	}
	cfg, err := ParseWizard(args, o.Env, o.Stdout, o.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err != nil {
		return ExitUsage
	}
	if cfg.ShowVersion {
		fmt.Fprintln(o.Stdout, VersionLine())
		return ExitOK
	}
	if !o.Interactive && !cfg.Accessible {
		cfg.Accessible, cfg.AccessibleWhy = true, "no TTY"
	}
	return RunWizard(cfg, o)
}

// signalContext is cancelled by the stop signals of this OS (SIGTERM and
// SIGHUP, an SSH drop; a closed console window on Windows: signals_*.go).
// bubbletea v1 handles SIGINT itself but not SIGHUP, whose default would
// kill the process without deferred code; the journal is correct at every
// instant anyway (W8), this only lets a running action stop and the lock go
// cleanly.
func signalContext(extra ...os.Signal) (context.Context, context.CancelFunc) {
	sigs := append(append([]os.Signal{}, stopSignals...), extra...)
	return signal.NotifyContext(context.Background(), sigs...)
}

func runDoctor(args []string, o IO) int {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	var opt doctor.Options
	fs.StringVar(&opt.URL, "url", "", "instance base URL (env ONECRM_URL)")
	fs.StringVar(&opt.User, "user", "", "admin user (env ONECRM_USER); password from ONECRM_PASSWORD")
	fs.StringVar(&opt.ClientID, "client-id", "", "REST API client id (env ONECRM_CLIENT_ID; secret ONECRM_CLIENT_SECRET)")
	fs.StringVar(&opt.CAFile, "ca-file", "", "extra CA certificates, PEM (env SSL_CERT_FILE)")
	fs.BoolVar(&opt.Insecure, "insecure", false, "skip TLS verification")
	fs.StringVar(&opt.Lang, "lang", "", "de|en")
	capture := fs.String("capture", "", "save the admin pages doctor read to this folder (no passwords, cookies or tokens)")
	if code, ok := parseSub(fs, "doctor", args, o); !ok {
		return code
	}
	o.Env.fill(&opt.URL, "ONECRM_URL")
	o.Env.fill(&opt.User, "ONECRM_USER")
	o.Env.fill(&opt.ClientID, "ONECRM_CLIENT_ID")
	o.Env.fill(&opt.CAFile, "SSL_CERT_FILE")
	opt.Password = o.Env("ONECRM_PASSWORD")
	opt.ClientSecret = o.Env("ONECRM_CLIENT_SECRET")
	if opt.Lang == "" {
		opt.Lang = LangFromLocale(o.Env)
	}
	if opt.URL == "" {
		fmt.Fprintln(o.Stderr, "1crm-update: "+text.For(opt.Lang).DoctorNeedsURL())
		return ExitUsage
	}
	// The same address rules as the wizard: a user:password@ address is
	// refused without repeating the password (issue 8).
	n, msg := checkURL("--url", opt.URL, text.For(opt.Lang))
	if msg != "" {
		fmt.Fprintln(o.Stderr, "1crm-update: "+msg)
		return ExitUsage
	}
	opt.URL = n
	if code, ok := doctorPassword(&opt, o); !ok {
		return code
	}
	journal.RegisterSecret(opt.Password)
	journal.RegisterSecret(opt.ClientSecret)
	ctx, cancel := signalContext(os.Interrupt)
	defer cancel()
	saved, capErr := 0, ""
	if *capture != "" {
		// doctor hands the pages over; they are written like a run's kept
		// pages (steps/pagefile: 0600, secrets removed once more).
		opt.Capture = func(probe string, pages []*crmclient.CapturedPage) {
			for _, p := range pages {
				if _, err := pagefile.Save(*capture, p, "doctor: "+probe); err != nil {
					capErr = err.Error()
					continue
				}
				saved++
			}
		}
	}
	canRun, _ := doctor.Run(ctx, opt, o.Stdout)
	if ctx.Err() != nil {
		return ExitInterrupted
	}
	if *capture != "" {
		t := text.For(opt.Lang)
		fmt.Fprintln(o.Stdout)
		fmt.Fprintln(o.Stdout, t.CaptureWritten(*capture, saved))
		if capErr != "" {
			fmt.Fprintln(o.Stderr, "1crm-update doctor: "+t.CaptureFailed(*capture, capErr))
		}
	}
	if !canRun {
		return ExitFailed
	}
	return ExitOK
}

// doctorPassword gets the password for --user when ONECRM_PASSWORD is
// unset: asked without echo on a terminal, as the wizard does (never a
// flag). Without a terminal, or with an empty answer, it says what is
// missing and how to give it, and doctor stops with a usage error rather
// than probing a part and leaving open whether the wizard can run.
func doctorPassword(opt *doctor.Options, o IO) (code int, ok bool) {
	if opt.User == "" || opt.Password != "" {
		return ExitOK, true
	}
	t := text.For(opt.Lang)
	if o.StdinTerminal {
		p := &Prompter{In: bufio.NewReader(o.Stdin), Out: o.Stderr, Interactive: true}
		pw, err := p.Secret(t.PromptPassword(opt.User, opt.URL))
		if err == nil && pw != "" {
			opt.Password = pw
			return ExitOK, true
		}
	}
	fmt.Fprintln(o.Stderr, "1crm-update: "+t.DoctorNeedsPassword(opt.User, o.StdinTerminal))
	return ExitUsage, false
}

func runReport(args []string, o IO) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	dir := fs.String("state-dir", "", "state directory (env ONECRM_STATE_DIR)")
	run := fs.String("run", "", "run ID (default: the latest run)")
	demo := fs.Bool("demo", false, "the report of the latest --demo run")
	lang := fs.String("lang", "", "de|en (messages of this command; the report keeps its run's language)")
	bundle := fs.String("bundle", "", "pack report, log, kept 1CRM pages and journal into this ZIP file for the partner")
	force := fs.Bool("force", false, "with --bundle: overwrite an existing file")
	if code, ok := parseSub(fs, "report", args, o); !ok {
		return code
	}
	if *dir == "" {
		*dir = o.Env(journal.EnvStateDir)
	}
	if *dir == "" {
		*dir = journal.DefaultStateDir()
	}
	if *demo {
		*dir = demoStateDir(*dir)
	}
	t := text.For(*lang)
	if *lang == "" {
		t = text.For(LangFromLocale(o.Env))
	}
	var (
		rep string
		bnd *steps.Bundle
		err error
	)
	if *bundle != "" {
		bnd, err = steps.WriteBundle(*dir, *run, *bundle, *force)
	} else {
		rep, err = steps.LatestReport(*dir, *run)
	}
	if errors.Is(err, steps.ErrBundleExists) {
		fmt.Fprintln(o.Stderr, "1crm-update report: "+t.BundleExists(*bundle))
		return ExitFailed
	}
	if _, serr := os.Stat(*dir); errors.Is(serr, os.ErrNotExist) {
		err = journal.ErrNotFound // no state directory yet: simply no run
	}
	switch {
	case errors.Is(err, journal.ErrNotFound) && *run == "":
		fmt.Fprintln(o.Stderr, "1crm-update report: "+t.NoRun(*dir))
		if !*demo && hasRuns(demoStateDir(*dir)) {
			fmt.Fprintln(o.Stderr, t.NoRunDemoHint())
		}
		return ExitFailed
	case err != nil:
		if msg, ok := steps.JournalProblem(t.Lang(), *dir, err); ok {
			fmt.Fprintln(o.Stderr, "1crm-update report: "+msg)
			return ExitFailed
		}
		fmt.Fprintf(o.Stderr, "1crm-update report: %v\n", err)
		return ExitFailed
	}
	if bnd != nil {
		fmt.Fprintln(o.Stdout, t.BundleWritten(bnd.Path, bnd.Files, bnd.Pages))
		return ExitOK
	}
	fmt.Fprint(o.Stdout, rep)
	if !strings.HasSuffix(rep, "\n") {
		fmt.Fprintln(o.Stdout)
	}
	return ExitOK
}

// hasRuns reports whether dir holds at least one run folder.
func hasRuns(dir string) bool {
	es, err := os.ReadDir(filepath.Join(dir, "runs"))
	return err == nil && len(es) > 0
}
