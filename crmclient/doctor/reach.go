package doctor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// certWarnDays: a certificate ending sooner than this gets a note, because
// an update run can stretch over days (path A: test system first).
const certWarnDays = 21

// checkReach GETs <base>/index.php with its own small client (same TLS
// settings as the wizard) to tell "no connection", "TLS problem" and "not
// a 1CRM" apart before the client's own calls run. It reports false when
// nothing further can be probed.
func (r *run) checkReach(ctx context.Context) bool {
	hc, err := r.reachClient()
	if err != nil {
		r.add(Check{Name: CheckTLS, Status: StatusFail, Detail: r.t.TLSBad(err.Error())})
		r.block(r.t.ReasonUnreachable)
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, perRequest)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.base+"/index.php", nil)
	if err != nil {
		r.add(Check{Name: CheckURL, Status: StatusFail, Detail: r.t.BadURL(err.Error())})
		r.block(r.t.ReasonUnreachable)
		return false
	}
	resp, err := hc.Do(req)
	if err != nil {
		r.reachError(err)
		return false
	}
	defer resp.Body.Close()
	doc, _ := goquery.NewDocumentFromReader(io.LimitReader(resp.Body, 1<<20))
	r.loginPage = doc != nil && doc.Find(`input[name="user_password"]`).Length() > 0

	tlsNote := ""
	if resp.TLS != nil {
		tlsNote = ", " + tls.VersionName(resp.TLS.Version)
	}
	detail := r.t.Reached(resp.StatusCode, tlsNote)
	if r.loginPage {
		detail += ". " + r.t.LoginPageFound
	} else {
		detail += ". " + r.t.LoginPageMissing
	}
	status := StatusOK
	if resp.StatusCode >= 500 || !r.loginPage {
		status = StatusWarn
	}
	r.add(Check{Name: CheckReach, Status: status, Detail: detail})
	r.checkTLS(resp)
	return true
}

func (r *run) checkTLS(resp *http.Response) {
	switch {
	case strings.HasPrefix(r.base, "http://"):
		r.add(Check{Name: CheckTLS, Status: StatusWarn, Detail: r.t.PlainHTTP})
	case r.opt.Insecure:
		r.add(Check{Name: CheckTLS, Status: StatusWarn, Detail: r.t.Insecure})
	case resp.TLS != nil && len(resp.TLS.PeerCertificates) > 0:
		end := resp.TLS.PeerCertificates[0].NotAfter
		days := int(time.Until(end).Hours() / 24)
		status := StatusOK
		if days < certWarnDays {
			status = StatusWarn
		}
		r.add(Check{Name: CheckTLS, Status: status, Detail: r.t.CertExpires(end.Format("2006-01-02"), days)})
	}
}

func (r *run) reachError(err error) {
	var unknownCA x509.UnknownAuthorityError
	var certInvalid x509.CertificateInvalidError
	var hostErr x509.HostnameError
	var recordErr tls.RecordHeaderError
	var verifyErr *tls.CertificateVerificationError
	switch {
	case errors.As(err, &unknownCA):
		r.add(Check{Name: CheckTLS, Status: StatusFail, Detail: r.t.TLSUnknownCA})
	case errors.As(err, &certInvalid), errors.As(err, &hostErr), errors.As(err, &recordErr), errors.As(err, &verifyErr):
		r.add(Check{Name: CheckTLS, Status: StatusFail, Detail: r.t.TLSBad(err.Error())})
	default:
		r.add(Check{Name: CheckReach, Status: StatusFail, Detail: r.t.Unreachable(err.Error())})
	}
	r.block(r.t.ReasonUnreachable)
}

// reachClient mirrors the wizard's TLS settings: system roots plus the
// admin's CA file, or no verification when the admin chose --insecure.
func (r *run) reachClient() (*http.Client, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if r.opt.Insecure {
		cfg.InsecureSkipVerify = true // explicit admin choice, reported as a note
	}
	if r.opt.CAFile != "" {
		pem, err := os.ReadFile(r.opt.CAFile)
		if err != nil {
			return nil, err
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s: no PEM certificate found", r.opt.CAFile)
		}
		cfg.RootCAs = pool
	}
	tr.TLSClientConfig = cfg
	return &http.Client{Transport: tr, Timeout: perRequest}, nil
}
