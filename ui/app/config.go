// Package app is the command line of 1crm-update (spec/cli.md): it parses
// flags and environment, dispatches the sub-commands, wires the wizard to
// real instances or to the in-process simulator (--demo), takes care of
// signals, the state-dir lock and exit codes, and starts the full-screen UI
// or the accessible line mode. main.go only calls Main.
package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/mail"
	"strings"

	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/ui/page"
	"github.com/visual4/1crm-update/ui/text"
)

// Config is everything the wizard command takes from flags and environment.
// A flag wins over its environment variable (cli.md).
type Config struct {
	URL, TestURL   string
	User           string
	Password       string // ONECRM_PASSWORD only — never a flag (visible in ps)
	TestUser       string // ONECRM_TEST_USER, default User
	TestPassword   string // ONECRM_TEST_PASSWORD, default Password
	ClientID       string // --client-id / ONECRM_CLIENT_ID: REST API client (W6 checks)
	ClientSecret   string // ONECRM_CLIENT_SECRET only
	PackageFile    string
	ChecklistFile  string
	BackupDir      string // --backup-dir / ONECRM_BACKUP_DIR: where the backup files can be read
	Lang           string // "de" or "en"
	StateDir       string
	Accessible     bool
	AccessibleWhy  string // "flag", "ACCESSIBLE", "TERM=dumb", "no TTY"
	SupportEmail   string
	CAFile         string
	Insecure       bool
	Demo           bool
	Scenario       string // --scenario for --demo (live instance)
	TestScenario   string // --test-scenario for --demo; "" = none, default "test-system"
	ShowVersion    bool
	StartMarginMin int // --start-margin minutes (W3), 0 = default
}

// Env reads an environment variable; tests pass a map.
type Env func(string) string

// fill sets *dst from the variable key (trimmed) when no flag set it: a
// flag wins over the environment (cli.md).
func (env Env) fill(dst *string, key string) {
	if *dst == "" {
		*dst = strings.TrimSpace(env(key))
	}
}

// errUsage marks a usage error (exit 2).
var errUsage = errors.New("usage")

// wizardFlags defines the wizard's flags on fs, bound to c.
func wizardFlags(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.URL, "url", "", "live instance base URL, e.g. https://crm.example.com (env ONECRM_URL)")
	fs.StringVar(&c.TestURL, "test-url", "", "test system base URL, path A (env ONECRM_TEST_URL)")
	fs.StringVar(&c.User, "user", "", "admin user name (env ONECRM_USER); the password comes from ONECRM_PASSWORD or a prompt")
	fs.StringVar(&c.ClientID, "client-id", "", "REST API client id for the checks after the install (env ONECRM_CLIENT_ID; secret: ONECRM_CLIENT_SECRET)")
	fs.StringVar(&c.PackageFile, "package", "", "the update ZIP, when you already have it (env ONECRM_PACKAGE)")
	fs.StringVar(&c.ChecklistFile, "checklist", "", "extra test items, one per line or YAML (env ONECRM_CHECKLIST)")
	fs.StringVar(&c.BackupDir, "backup-dir", "", "folder holding the instance's backup files, to verify the new backup (env ONECRM_BACKUP_DIR)")
	fs.StringVar(&c.Lang, "lang", "", "UI language de|en (default: from LC_ALL/LANG, German unless English)")
	fs.StringVar(&c.StateDir, "state-dir", "", "journals, logs and reports (env ONECRM_STATE_DIR; default ~/.local/state/1crm-update)")
	fs.BoolVar(&c.Accessible, "accessible", false, "line-by-line prompts for screen readers (also ACCESSIBLE=1, TERM=dumb)")
	fs.StringVar(&c.SupportEmail, "support-email", "", "partner support address (env ONECRM_SUPPORT_EMAIL; default support@visual4.de)")
	fs.StringVar(&c.CAFile, "ca-file", "", "extra CA certificates, PEM (env SSL_CERT_FILE)")
	fs.BoolVar(&c.Insecure, "insecure", false, "skip TLS verification (shown on every screen, recorded in the journal)")
	fs.BoolVar(&c.Demo, "demo", false, "run against the built-in 1CRM simulator, no network needed")
	fs.StringVar(&c.Scenario, "scenario", "demo", "with --demo: simulator scenario of the live instance (see: 1crm-update sim --list-scenarios)")
	fs.StringVar(&c.TestScenario, "test-scenario", "test-system", "with --demo: scenario of the test system; \"none\" = no test system (path B only)")
	fs.IntVar(&c.StartMarginMin, "start-margin", 0, "minutes before 15:00 below which a live start is warned about (W3; default 120)")
	fs.BoolVar(&c.ShowVersion, "version", false, "print version and exit")
}

// ParseWizard parses the wizard's flags and fills the gaps from env.
// --help prints the usage in the admin's language to stdout (exit 0, as
// asked for); a wrong flag gets one sentence on stderr (exit 2).
func ParseWizard(args []string, env Env, stdout, stderr io.Writer) (Config, error) {
	var c Config
	t := text.For(langOf(args, env))
	fs := flag.NewFlagSet("1crm-update", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the flag package's English messages are replaced below
	wizardFlags(fs, &c)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(fs, t, stdout)
			return c, flag.ErrHelp
		}
		fmt.Fprintln(stderr, "1crm-update: "+flagError(err, t, ""))
		return c, errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "1crm-update: "+t.UnknownCommand(fs.Arg(0)))
		return c, errUsage
	}
	env.fill(&c.URL, "ONECRM_URL")
	env.fill(&c.TestURL, "ONECRM_TEST_URL")
	env.fill(&c.User, "ONECRM_USER")
	env.fill(&c.ClientID, "ONECRM_CLIENT_ID")
	env.fill(&c.PackageFile, "ONECRM_PACKAGE")
	env.fill(&c.ChecklistFile, "ONECRM_CHECKLIST")
	env.fill(&c.BackupDir, "ONECRM_BACKUP_DIR")
	env.fill(&c.StateDir, journal.EnvStateDir)
	env.fill(&c.SupportEmail, "ONECRM_SUPPORT_EMAIL")
	if c.SupportEmail == "" {
		// settled here once, so every screen and steps name the same address
		c.SupportEmail = steps.DefaultSupportEmail
	} else if a, err := mail.ParseAddress(c.SupportEmail); err != nil || !strings.Contains(a.Address, ".") {
		// It goes into mailto: links and mails to the partner (W9).
		fmt.Fprintln(stderr, "1crm-update: "+t.BadSupportEmail(c.SupportEmail))
		return c, errUsage
	} else {
		c.SupportEmail = a.Address // "Support <x@y>" → the address itself
	}
	env.fill(&c.CAFile, "SSL_CERT_FILE")
	// An env var set in quotes keeps its "~" (no shell expands it).
	if c.PackageFile != "" {
		c.PackageFile = page.ExpandPath(c.PackageFile)
	}
	if c.ChecklistFile != "" {
		c.ChecklistFile = page.ExpandPath(c.ChecklistFile)
	}
	if c.BackupDir != "" {
		c.BackupDir = page.ExpandPath(c.BackupDir)
	}
	c.Password = env("ONECRM_PASSWORD")
	c.ClientSecret = env("ONECRM_CLIENT_SECRET")
	c.TestUser = strings.TrimSpace(env("ONECRM_TEST_USER"))
	c.TestPassword = env("ONECRM_TEST_PASSWORD")

	switch strings.ToLower(c.Lang) {
	case "":
		c.Lang = LangFromLocale(env)
	case "de", "en":
		c.Lang = strings.ToLower(c.Lang)
	default:
		fmt.Fprintln(stderr, "1crm-update: "+t.BadFlagValue(fmt.Sprintf("--lang %q (de, en)", c.Lang), ""))
		return c, errUsage
	}
	switch {
	case c.Accessible:
		c.AccessibleWhy = "--accessible"
	case env("ACCESSIBLE") != "" && env("ACCESSIBLE") != "0":
		c.Accessible, c.AccessibleWhy = true, "ACCESSIBLE"
	case env("TERM") == "dumb":
		c.Accessible, c.AccessibleWhy = true, "TERM=dumb"
	}
	if c.StateDir == "" {
		c.StateDir = journal.DefaultStateDir()
	}
	if c.StartMarginMin < 0 {
		fmt.Fprintln(stderr, "1crm-update: "+t.BadFlagValue(fmt.Sprintf("--start-margin %d (>= 0)", c.StartMarginMin), ""))
		return c, errUsage
	}
	return c, nil
}

// LangFromLocale picks the UI language from LC_ALL, LC_MESSAGES, LANG (in
// POSIX precedence): English when the locale is English, German otherwise.
func LangFromLocale(env Env) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := env(k); v != "" {
			if text.IsEnglish(v) {
				return "en"
			}
			return "de"
		}
	}
	return "de"
}

// usage prints the help in the admin's language; the flag list comes from
// the flag set itself, so a new flag cannot be forgotten there.
func usage(fs *flag.FlagSet, t text.Texts, w io.Writer) {
	fmt.Fprint(w, t.UsageHead())
	fs.VisitAll(func(f *flag.Flag) { f.Usage = t.FlagHelp(f.Name) })
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprint(w, t.UsageTail())
}

// flagError turns the flag package's message into the admin's language;
// cmd is the sub-command whose --help it points to ("" = the wizard).
func flagError(err error, t text.Texts, cmd string) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return t.UnknownFlag(strings.TrimPrefix(msg, "flag provided but not defined: "), cmd)
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return t.FlagNeedsValue(strings.TrimPrefix(msg, "flag needs an argument: "), cmd)
	}
	return t.BadFlagValue(msg, cmd)
}

// langOf finds --lang before the flags are parsed, so even the messages
// about a wrong flag are in the admin's language.
func langOf(args []string, env Env) string {
	for i, a := range args {
		a = strings.TrimLeft(a, "-")
		if v, ok := strings.CutPrefix(a, "lang="); ok {
			return v
		}
		if a == "lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return LangFromLocale(env)
}
