package sim

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// Running is a simulator listening on a real TCP port.
type Running struct {
	URL    string // base URL including BasePath, no trailing slash
	Server *Server
	http   *http.Server
	ln     net.Listener
	done   chan error
	once   sync.Once
	err    error
}

// Start serves sc on 127.0.0.1 with a free port.
func Start(sc *Scenario, opt Options) (*Running, error) {
	return Listen("127.0.0.1:0", sc, opt)
}

// Listen serves sc on addr ("host:port"; port 0 picks one).
func Listen(addr string, sc *Scenario, opt Options) (*Running, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := New(sc, opt)
	r := &Running{
		URL:    "http://" + ln.Addr().String() + s.base,
		Server: s,
		http:   &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second},
		ln:     ln,
		done:   make(chan error, 1),
	}
	go func() { r.done <- r.http.Serve(ln) }()
	return r, nil
}

// Close stops the server at once (open requests are cut).
func (r *Running) Close() error {
	r.once.Do(func() {
		r.Server.Close()
		r.err = r.http.Close()
		<-r.done
	})
	return r.err
}

// Shutdown stops the server, letting open requests finish until ctx ends.
func (r *Running) Shutdown(ctx context.Context) error {
	r.once.Do(func() {
		r.Server.Close()
		r.err = r.http.Shutdown(ctx)
		if r.err != nil {
			r.http.Close()
		}
		<-r.done
	})
	return r.err
}

// Main implements `1crm-update sim` (spec cli.md). It prints
// "listening on http://HOST:PORT" as its first stdout line, then the demo
// credentials, and serves until SIGINT/SIGTERM.
func Main(args []string, stdout, stderr io.Writer) int {
	return MainWith(args, stdout, stderr, nil)
}

// ParseFunc parses the simulator's flag set; ok false ends Main with code.
type ParseFunc func(fs *flag.FlagSet, args []string) (code int, ok bool)

// MainWith is Main with its flags parsed by parse (nil: the flag package's
// own English messages). The command line passes one that answers --help
// and a wrong flag in the admin's language (ui/app).
func MainWith(args []string, stdout, stderr io.Writer, parse ParseFunc) int {
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	scenario := fs.String("scenario", DefaultScenario, "built-in scenario name or JSON file")
	list := fs.Bool("list-scenarios", false, "list the built-in scenarios and exit")
	basePath := fs.String("base-path", "", `serve the instance under a sub-path, e.g. "/1crm"`)
	quiet := fs.Bool("quiet", false, "do not log events to stderr")
	dialect := fs.String("dialect", "", "page dialect: 7x (the real 7.x pages, default) or 8x (login.php, json.php, CSRF header); overrides the scenario")
	flow := fs.String("upgrade-flow", "", "how upgrade.php advances: script (default), form or xhr; overrides the scenario")
	if parse != nil {
		if code, ok := parse(fs, args); !ok {
			return code
		}
	} else if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sim: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *list {
		width := 0
		for _, n := range Names() {
			width = max(width, len(n))
		}
		for _, n := range Names() {
			fmt.Fprintf(stdout, "%-*s %s\n", width, n, Describe(n))
		}
		return 0
	}
	sc, err := LoadScenario(*scenario)
	if err != nil {
		fmt.Fprintln(stderr, "sim:", err)
		return 2
	}
	if *dialect != "" {
		sc.Dialect = *dialect
	}
	if *flow != "" {
		sc.UpgradeFlow = *flow
	}
	if err := sc.Check(); err != nil {
		fmt.Fprintln(stderr, "sim:", err)
		return 2
	}
	now, err := ClockFromEnv(os.Getenv("ONECRM_UPDATE_NOW"))
	if err != nil {
		fmt.Fprintln(stderr, "sim:", err)
		return 2
	}
	opt := Options{Now: now, BasePath: *basePath}
	if !*quiet {
		opt.Logf = func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	}
	// Catch the signals before announcing the address, so a caller that
	// signals right after reading the first line never kills us unclean.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	run, err := Listen(*listen, sc, opt)
	if err != nil {
		fmt.Fprintln(stderr, "sim:", err)
		return 1
	}
	eff := run.Server.Scenario()
	fmt.Fprintf(stdout, "listening on %s\n", run.URL)
	fmt.Fprintf(stdout, "scenario: %s (%s %s %s, dialect %s, upgrade flow %s)\n", eff.Name, eff.Edition, eff.Deployment, eff.Version, eff.Dialect, eff.UpgradeFlow)
	fmt.Fprintf(stdout, "admin user: %s  password: %s\n", DemoUser, DemoPassword)
	fmt.Fprintf(stdout, "non-admin user: %s  password: %s\n", NonAdminUser, NonAdminPassword)
	fmt.Fprintf(stdout, "API client id: %s  secret: %s\n", eff.OAuth.ClientID, eff.OAuth.ClientSecret)
	for _, u := range eff.Updates {
		fmt.Fprintf(stdout, "update package: %s%s\n", run.URL, UpdateURL(u.Package.FileName))
	}

	select {
	case <-ctx.Done():
	case err := <-run.done:
		run.done <- err
		fmt.Fprintln(stderr, "sim: server stopped:", err)
		run.Close()
		return 1
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	run.Shutdown(sctx)
	return 0
}

// ClockFromEnv turns an ONECRM_UPDATE_NOW value into a clock that starts at
// that RFC 3339 time and advances in real time; "" gives time.Now.
func ClockFromEnv(v string) (func() time.Time, error) {
	if v == "" {
		return time.Now, nil
	}
	start, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, fmt.Errorf("ONECRM_UPDATE_NOW: want RFC 3339 (2025-06-02T09:30:00+02:00): %w", err)
	}
	t0 := time.Now()
	return func() time.Time { return start.Add(time.Since(t0)) }, nil
}
