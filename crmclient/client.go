package crmclient

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-resty/resty/v2"
	"golang.org/x/net/publicsuffix"
)

// Default durations. Reads get a short timeout; the backup POST, upload
// and download get none (context cancel only), because on a large
// instance they legitimately take many minutes (spec §4, §5.4). The
// backup and install waits are watched instead (stall.go): the admin
// sees when 1CRM stops answering and can wait on, look in the browser or
// pause; an install step ends only at InstallStallLimit without progress.
const (
	DefaultTimeout             = 30 * time.Second
	DefaultPrepareTimeout      = 15 * time.Minute // prepare unzips a large package on the server
	DefaultInstallPollInterval = 10 * time.Second // spec §5.4 step 4
	DefaultInstallMaxWait      = 60 * time.Minute // spec §5.4 step 4
	DefaultBackupPollInterval  = 30 * time.Second // spec §4: poll the history after a drop
	// The long waits (stall.go, issue 8 item 7). A probe every 15 s costs
	// 1CRM one small request; three unanswered in a row (45 s) are no
	// hiccup any more: a busy PHP still answers /version within seconds.
	DefaultProbeInterval = 15 * time.Second
	DefaultStallAfter    = 45 * time.Second
	// An upgrade.php step that copies files and repairs the database takes
	// minutes on a large instance: after 3 min the admin is told that 1CRM
	// answers but the step has not finished, with the choices.
	DefaultInstallBusyAfter = 3 * time.Minute
	// After 15 min without progress the install ends with a StallError:
	// five times the notice's threshold, and half the old 30 min timeout
	// of one step request. Stopping costs little: the install stays
	// journaled with the step that was due and is continued from there
	// (ResumeInstall), never started again.
	DefaultInstallStallLimit = 15 * time.Minute
	// 1CRM's backup takes "an hour on a large instance" (spec §4): after a
	// dropped backup request the history is watched for three times that.
	DefaultBackupMaxWait = 3 * time.Hour
	DefaultUserAgent     = "1crm-update (+https://github.com/visual4/1crm-update)"
	maxInstallHops       = 100 // spec §5.4 step 3
)

// Config describes one instance and how to reach it. Only BaseURL is
// required; the password and API secret stay in memory only.
type Config struct {
	BaseURL      string
	User         string
	Password     string
	ClientID     string // OAuth2 API client (spec §1.3); empty → try HTTP Basic once
	ClientSecret string
	CAFile       string // extra PEM CA certificates, added to the system roots
	Insecure     bool   // skip TLS verification (explicit admin choice)
	Logger       *slog.Logger
	HTTPClient   *http.Client  // tests: its Transport is used; jar and redirects are ours
	Timeout      time.Duration // per read call; default DefaultTimeout
	Now          func() time.Time

	// Optional tuning (zero → default); tests shorten them.
	UserAgent           string
	Scope               string        // OAuth2 scope; default "read write profile"
	PrepareTimeout      time.Duration // default DefaultPrepareTimeout
	InstallPollInterval time.Duration // default DefaultInstallPollInterval
	InstallMaxWait      time.Duration // default DefaultInstallMaxWait
	BackupPollInterval  time.Duration // default DefaultBackupPollInterval
	// BackupMaxWait bounds the history poll after a dropped backup
	// request, counted from the start of the backup (then ErrBackupUnconfirmed);
	// default DefaultBackupMaxWait. The request itself has no limit.
	BackupMaxWait time.Duration
	BackupTick    time.Duration // progress tick of RunBackup; default 1 s
	InstallTick   time.Duration // progress tick while a step request runs; default 5 s
	// The long waits (stall.go): how often 1CRM is probed while a long
	// request is outstanding, how long without any answer makes a stall,
	// after how long without progress an install step is reported as
	// slow, and when an install without progress ends (ErrInstallStalled).
	ProbeInterval     time.Duration // default DefaultProbeInterval
	StallAfter        time.Duration // default DefaultStallAfter
	InstallBusyAfter  time.Duration // default DefaultInstallBusyAfter
	InstallStallLimit time.Duration // default DefaultInstallStallLimit
}

// Client talks to one 1CRM instance. It is safe for use by one goroutine
// at a time per admin action; token and session state are mutex-guarded.
type Client struct {
	cfg  Config
	base string
	log  *slog.Logger
	now  func() time.Time

	inner     http.RoundTripper // the network transport (no logging, no CSRF header)
	transport http.RoundTripper
	jar       http.CookieJar
	rest      *resty.Client // JSON API, retries idempotent GETs only
	admin     *resty.Client // index.php: never auto-follows redirects
	plain     *http.Client  // streamed upload (same transport + jar, no redirects)
	follow    *http.Client  // downloads (same transport + jar, follows redirects)
	prober    *http.Client  // liveness probe: same network transport, its own jar (liveness.go)
	epoch     time.Time     // monotonic origin of heardAt
	heardAt   atomic.Int64  // when 1CRM last answered any request, as time since epoch

	authMu        sync.Mutex
	token         *oauthToken
	basicUnusable bool       // HTTP Basic answered 401 once: never try again
	stateMu       sync.Mutex // guards apiClosed and lastEdition; may be taken inside authMu
	apiClosed     bool       // a 403 said "no REST API here" (Startup/Startup+)
	lastEdition   Edition
	sessionMu     sync.Mutex
	sess          sessionState
	proceedMu     sync.Mutex
	proceedForms  map[string]*form    // finished (perform=install) forms of a passed Prepare, by source
	confirmed     map[string][]string // warning steps the admin confirmed in this process, by source
}

// New builds a client. It does not touch the network.
func New(cfg Config) (*Client, error) {
	base, err := NormalizeBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	// A zero value means "the default" for every knob below.
	defaultTo(&cfg.Timeout, DefaultTimeout)
	defaultTo(&cfg.PrepareTimeout, DefaultPrepareTimeout)
	defaultTo(&cfg.InstallPollInterval, DefaultInstallPollInterval)
	defaultTo(&cfg.InstallMaxWait, DefaultInstallMaxWait)
	defaultTo(&cfg.BackupPollInterval, DefaultBackupPollInterval)
	defaultTo(&cfg.BackupTick, time.Second)
	defaultTo(&cfg.BackupMaxWait, DefaultBackupMaxWait)
	defaultTo(&cfg.ProbeInterval, DefaultProbeInterval)
	defaultTo(&cfg.StallAfter, DefaultStallAfter)
	defaultTo(&cfg.InstallBusyAfter, DefaultInstallBusyAfter)
	defaultTo(&cfg.InstallStallLimit, DefaultInstallStallLimit)
	defaultTo(&cfg.InstallTick, 5*time.Second)
	defaultTo(&cfg.UserAgent, DefaultUserAgent)
	defaultTo(&cfg.Scope, "read write profile")
	c := &Client{cfg: cfg, base: base, now: cfg.Now, proceedForms: map[string]*form{}, confirmed: map[string][]string{}}
	if c.now == nil {
		c.now = time.Now
	}
	c.log = cfg.Logger
	if c.log == nil {
		c.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}

	var inner http.RoundTripper
	if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
		inner = cfg.HTTPClient.Transport
	} else {
		t, err := newTransport(cfg)
		if err != nil {
			return nil, err
		}
		inner = t
	}
	c.inner = inner
	c.epoch = time.Now()
	c.transport = &logTransport{next: &csrfTransport{next: inner}, log: c.log, ua: cfg.UserAgent, heard: c.noteHeard}

	jar, err := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	if err != nil {
		return nil, err
	}
	c.jar = jar
	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	c.plain = &http.Client{Transport: c.transport, Jar: jar, CheckRedirect: noRedirect}
	c.follow = &http.Client{Transport: c.transport, Jar: jar}
	c.prober = newProber(inner)

	c.rest = resty.NewWithClient(&http.Client{Transport: c.transport})
	c.rest.SetLogger(silentLogger{})
	c.rest.SetRetryCount(2).SetRetryWaitTime(500 * time.Millisecond).SetRetryMaxWaitTime(3 * time.Second)
	c.rest.AddRetryCondition(retryIdempotentOnly)

	c.admin = resty.NewWithClient(&http.Client{Transport: c.transport, Jar: jar, CheckRedirect: noRedirect})
	c.admin.SetLogger(silentLogger{})
	c.admin.SetRetryCount(2).SetRetryWaitTime(500 * time.Millisecond).SetRetryMaxWaitTime(3 * time.Second)
	c.admin.AddRetryCondition(retryIdempotentOnly)
	return c, nil
}

// retryIdempotentOnly retries GETs after a transport error or a gateway
// error; it never retries a POST (a backup, upload, prepare or install
// must never run twice by accident).
func retryIdempotentOnly(r *resty.Response, err error) bool {
	if r == nil || r.Request == nil || r.Request.Method != http.MethodGet {
		return false
	}
	if r.Request.Context().Err() != nil {
		return false
	}
	if err != nil {
		return !isTLSError(err) // a certificate will not get better by asking again
	}
	switch r.StatusCode() {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// uploadWriteBuffer is the transport's write buffer, sized for streaming
// large package uploads in few system calls.
const uploadWriteBuffer = 256 << 10

// newTransport builds the production transport: TLS verification on,
// CAFile appended to the system roots, proxies from the environment
// (HTTPS_PROXY, NO_PROXY), dial/handshake timeouts, and deliberately no
// ResponseHeaderTimeout (the backup POST answers only at its end).
func newTransport(cfg Config) (*http.Transport, error) {
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if cfg.CAFile != "" {
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("read CA file: %w", err)
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", cfg.CAFile)
		}
		tlsCfg.RootCAs = pool
	}
	if cfg.Insecure {
		tlsCfg.InsecureSkipVerify = true // explicit --insecure; the UI warns on every screen
	}
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           d.DialContext,
		TLSClientConfig:       tlsCfg,
		TLSHandshakeTimeout:   30 * time.Second,
		ExpectContinueTimeout: 5 * time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
		ForceAttemptHTTP2:     true,
		// Update ZIPs are hundreds of MB: the default 4 KiB write buffer
		// costs about a quarter of the upload throughput (bench/upload.sh).
		WriteBufferSize: uploadWriteBuffer,
	}, nil
}

// BaseURL is the normalised instance base URL (no trailing slash).
func (c *Client) BaseURL() string { return c.base }

// HasAPICredentials reports whether authenticated REST calls can be tried:
// an OAuth2 client is configured, or HTTP Basic has not been ruled out and
// a user name and password are known (spec §1.3).
func (c *Client) HasAPICredentials() bool {
	c.authMu.Lock()
	defer c.authMu.Unlock()
	if c.cfg.ClientID != "" && c.cfg.ClientSecret != "" {
		return true
	}
	return !c.basicUnusable && c.cfg.User != "" && c.cfg.Password != ""
}

func (c *Client) apiURL(path string) string    { return c.base + "/api.php" + path }
func (c *Client) indexURL(query string) string { return c.base + "/index.php?" + query }

type silentLogger struct{}

func (silentLogger) Errorf(string, ...interface{}) {}
func (silentLogger) Warnf(string, ...interface{})  {}
func (silentLogger) Debugf(string, ...interface{}) {}

func isTLSError(err error) bool {
	var cv *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	var ci x509.CertificateInvalidError
	var rh tls.RecordHeaderError
	return errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &hn) || errors.As(err, &ci) || errors.As(err, &rh)
}

// defaultTo sets *v to def when *v is not above its type's zero value: a
// zero or negative duration, or the empty string.
func defaultTo[T time.Duration | string](v *T, def T) {
	var zero T
	if *v <= zero {
		*v = def
	}
}
