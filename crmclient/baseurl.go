package crmclient

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"golang.org/x/net/idna"
)

// NormalizeBaseURL turns what an admin pasted into the instance base URL
// (spec "Base URL"): https:// is assumed when no scheme is given, and a
// trailing "/", "/index.php" or "/api.php" (with anything after it) is cut
// off, so both <base>/api.php and <base>/index.php can be derived from it.
// The install sub-path (https://host/1crm) is kept: the API follows it.
func NormalizeBaseURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", fmt.Errorf("empty instance address")
	}
	// A user name or password in the address is refused first, before any
	// error quotes the address: the quote would carry the password.
	if hasUserInfo(s) {
		return "", errUserInfo
	}
	if strings.ContainsAny(s, " \t\r\n") {
		return "", fmt.Errorf("instance address %q contains spaces", s)
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("instance address %q is not a URL: %v", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("instance address %q must start with https:// (or http://)", raw)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", fmt.Errorf("instance address %q has no host name", raw)
	}
	if u.User != nil {
		return "", errUserInfo
	}
	p := u.Path
	// Cut at the first index.php/api.php path segment: "/1crm/index.php",
	// "/api.php/version" and "/1crm/api.php/" all lead back to the base.
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if seg == "index.php" || seg == "api.php" {
			segs = segs[:i]
			break
		}
	}
	p = strings.TrimRight(strings.Join(segs, "/"), "/")
	u.Path = p
	u.RawPath = ""
	u.RawQuery = ""
	u.Fragment = ""
	u.ForceQuery = false
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return u.String(), nil
}

var errUserInfo = errors.New("instance address must not contain a user name or password")

// hasUserInfo reports whether the authority of an address ("user:pw@host",
// with or without a scheme) carries an "@". It is a plain string test so
// that it holds for addresses url.Parse rejects too.
func hasUserInfo(s string) bool { return HideUserInfo(s) != s }

// HideUserInfo returns an address as typed, with any user name and
// password before the host replaced by "…", for error texts that quote
// what the admin typed (a password never reaches an error text).
func HideUserInfo(raw string) string {
	scheme, rest, hasScheme := strings.Cut(raw, "://")
	if !hasScheme {
		rest = raw
	}
	end := len(rest)
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		end = i
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return raw
	}
	out := "…@" + rest[at+1:]
	if hasScheme {
		out = scheme + "://" + out
	}
	return out
}

// InstanceKey is the form of an instance address under which two spellings
// of the same server compare equal: the scheme (http and https reach the
// same 1CRM), the case of the host, a trailing dot, the default port of
// the scheme, "/index.php", "/api.php", repeated or trailing slashes,
// percent-encoding of the path, and "localhost"/127.0.0.1/[::1] (all
// loopback) make no difference. A different port or path does, and so
// does a different host name: "www.crm.example.com" may be another
// virtual host than "crm.example.com", so it is not equated here (the
// wizard compares the instances' data for that case). Internationalised
// host names are compared in their ASCII (punycode) form.
func InstanceKey(raw string) (string, error) {
	n, err := NormalizeBaseURL(raw)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(n)
	if err != nil {
		return "", err
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if a, err := idna.Lookup.ToASCII(host); err == nil {
		host = a
	}
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		host = "loopback"
	}
	port := u.Port()
	if port == "443" && u.Scheme == "https" || port == "80" && u.Scheme == "http" {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	var segs []string
	for _, seg := range strings.Split(u.Path, "/") {
		l := strings.ToLower(seg)
		if l == "index.php" || l == "api.php" {
			break
		}
		if seg != "" && seg != "." {
			segs = append(segs, seg)
		}
	}
	p := (&url.URL{Path: "/" + strings.Join(segs, "/")}).EscapedPath()
	return host + strings.TrimSuffix(p, "/"), nil
}

// SameAddress reports whether two instance addresses lead to the same
// server (InstanceKey). Addresses that cannot be read are not the same.
func SameAddress(a, b string) bool {
	ka, errA := InstanceKey(a)
	kb, errB := InstanceKey(b)
	return errA == nil && errB == nil && ka == kb
}
