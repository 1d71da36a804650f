package app

import (
	"bufio"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/steps/clock"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/ui/text"
)

// Session is a wizard opened on its state directory with clients ready to
// attach: what both the full-screen UI and the line mode drive.
type Session struct {
	Wizard   *steps.Wizard
	Cfg      Config
	Texts    text.Texts
	Now      func() time.Time
	Banners  []string
	live     steps.CRM
	test     steps.CRM
	closers  []func()
	StateDir string
	log      runLog
}

// Attach hands the clients to the wizard (after Resume/StartNew) and starts
// the run's wizard.log.
func (s *Session) Attach() error {
	if err := s.log.open(s.StateDir, s.Wizard.RunID()); err != nil {
		// A full disk is named as such, with the folder (issue 8).
		return steps.StateDirError(s.Cfg.Lang, filepath.Join(s.StateDir, "runs", s.Wizard.RunID()), err)
	}
	s.Wizard.Attach(s.live, s.test)
	return nil
}

// JournalPath is the journal file of the current run ("" before one exists).
func (s *Session) JournalPath() string {
	id := s.Wizard.RunID()
	if id == "" {
		return ""
	}
	return filepath.Join(s.StateDir, "runs", id, "journal.json")
}

// Close releases the lock and stops demo simulators.
func (s *Session) Close() {
	if s.Wizard != nil {
		s.Wizard.Close()
	}
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
	s.log.close()
}

// Open prepares a session: clock, demo simulators, missing answers asked on
// the terminal (prompt may be nil when nothing may be asked), the lock.
func Open(cfg Config, env Env, prompt *Prompter) (*Session, error) {
	t := text.For(cfg.Lang)
	clk, fixed, err := clock.FromEnv(env)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	s := &Session{Cfg: cfg, Texts: t, Now: clk.Now}
	if cfg.Demo {
		if err := s.startDemo(); err != nil {
			s.Close()
			return nil, err
		}
		s.Banners = append(s.Banners, t.DemoBanner())
	}
	if fixed {
		s.Banners = append(s.Banners, t.FixedTimeBanner(clk.Now()))
	}
	if s.Cfg.Insecure {
		s.Banners = append(s.Banners, t.InsecureBanner())
	}
	// A broken address is a usage error before anything is asked or opened.
	if err := checkURLs(&s.Cfg, t); err != nil {
		s.Close()
		return nil, err
	}
	if err := checkFiles(&s.Cfg, t); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.askMissing(prompt); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.buildClients(); err != nil {
		s.Close()
		return nil, err
	}
	s.StateDir = s.Cfg.StateDir
	w, err := steps.Open(steps.Config{
		StateDir:      s.StateDir,
		Lang:          cfg.Lang,
		SupportEmail:  cfg.SupportEmail,
		PackageFile:   cfg.PackageFile,
		ChecklistFile: cfg.ChecklistFile,
		BackupDir:     s.Cfg.BackupDir,
		Now:           clk.Now,
		StartMargin:   time.Duration(cfg.StartMarginMin) * time.Minute,
		Insecure:      cfg.Insecure,
		LiveURL:       s.Cfg.URL,
		TestURL:       s.Cfg.TestURL,
		User:          s.Cfg.User,
		Version:       versionOnly(),
		// The simulator gets a new port on every start: a resumed demo
		// run must not be refused as "another server" (W8).
		Demo: s.Cfg.Demo,
		// Masked wherever they turn up (a password typed into a note).
		Secrets: []string{s.Cfg.Password, s.Cfg.TestPassword, s.Cfg.ClientSecret},
	})
	if err != nil {
		s.Close()
		return nil, err
	}
	s.Wizard = w
	return s, nil
}

func versionOnly() string { v, _, _ := BuildInfo(); return v }

// askMissing asks for URL, user and password when flags and env left them out.
func (s *Session) askMissing(p *Prompter) error {
	t := s.Texts
	c := &s.Cfg
	need := c.URL == "" || c.User == "" || c.Password == ""
	if need && p == nil {
		return fmt.Errorf("%w: %s", errUsage, t.NeedConnection())
	}
	var err error
	// End of input at a question is said as such (exit 2), not a silent 130.
	ended := func(what string, err error) error {
		if errors.Is(err, errPromptClosed) {
			return fmt.Errorf("%w: %s", errUsage, t.InputEnded(what))
		}
		return err
	}
	if c.URL == "" {
		// A typed address is asked again until it is usable: a typo must
		// not cost the admin the whole start.
		for c.URL == "" {
			if c.URL, err = p.Line(t.PromptURL()); err != nil {
				return ended("url", err)
			}
			if c.URL == "" {
				return fmt.Errorf("%w: %s", errUsage, t.NeedConnection())
			}
			if _, msg := checkURL("URL", c.URL, t); msg != "" {
				fmt.Fprintln(p.Out, msg)
				c.URL = ""
			}
		}
	}
	if c.User == "" {
		if c.User, err = p.Line(t.PromptUser()); err != nil {
			return ended("user", err)
		}
	}
	if c.Password == "" {
		if c.Password, err = p.Secret(t.PromptPassword(c.User, c.URL)); err != nil {
			return ended("password", err)
		}
	}
	return nil
}

func (s *Session) buildClients() error {
	c := s.Cfg
	live, err := s.newClient("live", c.URL, c.User, c.Password)
	if err != nil {
		return err
	}
	s.live = live
	if c.TestURL != "" {
		user, pw := c.TestUser, c.TestPassword
		if user == "" {
			user = c.User
		}
		if pw == "" {
			pw = c.Password
		}
		test, err := s.newClient("test", c.TestURL, user, pw)
		if err != nil {
			return err
		}
		s.test = test
	}
	return nil
}

// newClient is a 1CRM client for one instance; the API credentials, TLS
// settings and clock are the session's, the log lines name the instance.
func (s *Session) newClient(instance, baseURL, user, password string) (*crmclient.Client, error) {
	c := s.Cfg
	cfg := crmclient.Config{
		BaseURL: baseURL, User: user, Password: password,
		ClientID: c.ClientID, ClientSecret: c.ClientSecret,
		CAFile: c.CAFile, Insecure: c.Insecure, Now: s.Now,
		Logger: slog.New(lateHandler{log: &s.log}).With("instance", instance),
	}
	if clientTweak != nil {
		clientTweak(&cfg)
	}
	return crmclient.New(cfg)
}

// clientTweak changes the clients' settings in tests (the long waits'
// limits shortened); nil = the defaults.
var clientTweak func(*crmclient.Config)

// RunWizard opens the session and runs the UI; it returns the exit code.
func RunWizard(cfg Config, o IO) int {
	t := text.For(cfg.Lang)
	in := bufio.NewReader(o.Stdin)
	var prompt *Prompter
	if o.Interactive || cfg.Accessible {
		prompt = &Prompter{In: in, Out: o.Stderr, Interactive: o.Interactive}
		if cfg.Accessible {
			prompt.Out = o.Stdout
		}
	}
	s, err := Open(cfg, o.Env, prompt)
	if err != nil {
		var locked *journal.LockedError
		switch {
		case errors.As(err, &locked):
			fmt.Fprintln(o.Stderr, t.Locked(locked.Dir, locked.PID, locked.Host, locked.Since.In(clock.Berlin), locked.RunID))
			return ExitLocked
		case errors.Is(err, errUsage):
			fmt.Fprintf(o.Stderr, "1crm-update: %s\n", strings.TrimPrefix(err.Error(), "usage: "))
			return ExitUsage
		case errors.Is(err, errPromptClosed):
			return ExitInterrupted
		}
		fmt.Fprintf(o.Stderr, "1crm-update: %v\n", err)
		return ExitFailed
	}
	defer s.Close()
	if cfg.Accessible {
		return runLineMode(s, in, o)
	}
	return runTUI(s, o)
}

// demoStateDir keeps demo runs apart from real ones.
func demoStateDir(dir string) string { return filepath.Join(dir, "demo") }

var _ = os.Stdin

// ReportCommand is the command that prints this run's report, as the
// admin can paste it (demo runs and a non-default state dir included).
func (s *Session) ReportCommand() string {
	dir := s.Cfg.StateDir
	if s.Cfg.Demo {
		dir = filepath.Dir(dir) // report --demo adds "demo" itself
	}
	if dir == journal.DefaultStateDir() {
		dir = ""
	}
	return s.Texts.ReportCommand(s.Cfg.Demo, dir)
}

// LoginUser is the admin user of an instance (for the form that asks the
// password again).
func (s *Session) LoginUser(stage steps.Stage) string {
	if stage == steps.StageTest && s.Cfg.TestUser != "" {
		return s.Cfg.TestUser
	}
	return s.Cfg.User
}

// Relogin rebuilds the client of one instance with a new user and
// password after 1CRM rejected the login, and hands it to the wizard. The
// password lives only in the client (never in the journal or a log).
func (s *Session) Relogin(stage steps.Stage, user, password string) error {
	c := &s.Cfg
	journal.RegisterSecret(password) // masked like the first one (issue 8)
	if stage == steps.StageTest {
		c.TestUser, c.TestPassword = user, password
	} else {
		c.User, c.Password = user, password
	}
	if err := s.buildClients(); err != nil {
		return err
	}
	s.Wizard.Attach(s.live, s.test)
	return nil
}
