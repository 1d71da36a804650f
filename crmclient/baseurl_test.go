package crmclient

import (
	"strings"
	"testing"
)

func TestNormalizeBaseURL(t *testing.T) {
	ok := map[string]string{
		"https://crm.example.com":                  "https://crm.example.com",
		"https://crm.example.com/":                 "https://crm.example.com",
		"crm.example.com":                          "https://crm.example.com",
		"crm.example.com/1crm/":                    "https://crm.example.com/1crm",
		"https://host/1crm/index.php":              "https://host/1crm",
		"https://host/1crm/index.php?module=Home":  "https://host/1crm",
		"https://host/api.php":                     "https://host",
		"https://host/1crm/api.php/version":        "https://host/1crm",
		"  HTTP://Host:8080/x/  ":                  "http://host:8080/x",
		"https://host/index.php#top":               "https://host",
		"https://host/sub/dir/index.php?x=1&y=2#f": "https://host/sub/dir",
	}
	for in, want := range ok {
		got, err := NormalizeBaseURL(in)
		if err != nil || got != want {
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "   ", "ftp://host", "https://", "https://user:pw@host", "not a url", "https://ho st"} {
		if got, err := NormalizeBaseURL(bad); err == nil {
			t.Errorf("NormalizeBaseURL(%q) = %q, want an error", bad, got)
		}
	}
}

// An address with a user name and password is refused, and no error text
// quotes the password (secrets never reach error texts, logs or the journal).
func TestNormalizeBaseURLKeepsPasswordOutOfErrors(t *testing.T) {
	for _, in := range []string{
		"https://admin:Geheim77@crm.example.com",
		"https://admin:Geheim 77@crm.example.com",
		"ftp://admin:Geheim77@crm.example.com",
		"https://admin:Geheim77@",
		"admin:Geheim77@crm.example.com/1crm",
		"https://admin:Geheim77@crm.example.com/%zz",
	} {
		_, err := NormalizeBaseURL(in)
		if err == nil {
			t.Errorf("NormalizeBaseURL(%q): no error", in)
			continue
		}
		if strings.Contains(err.Error(), "Geheim") {
			t.Errorf("NormalizeBaseURL(%q): error quotes the password: %v", in, err)
		}
	}
}

func TestHideUserInfo(t *testing.T) {
	for in, want := range map[string]string{
		"https://admin:pw@crm.example.com/1crm?x=@": "https://…@crm.example.com/1crm?x=@",
		"admin:p@w@crm.example.com":                 "…@crm.example.com",
		"https://crm.example.com/a@b":               "https://crm.example.com/a@b",
		"not a url":                                 "not a url",
	} {
		if got := HideUserInfo(in); got != want {
			t.Errorf("HideUserInfo(%q) = %q, want %q", in, got, want)
		}
	}
}

// Spec §1.5 rule.
func TestEditionFromProducts(t *testing.T) {
	cases := []struct {
		in   []string
		want Edition
	}{
		{[]string{"enterprise", "portal"}, EditionEnterprise},
		{[]string{"infoathand", "enterprise"}, EditionEnterprise},
		{[]string{"infoathand", "quickbooks"}, EditionProfessional},
		{[]string{"startup_plus"}, EditionStartupPlus},
		{[]string{"startup", "startup_plus"}, EditionStartupPlus},
		{[]string{"startup"}, EditionStartup},
		{[]string{"portal"}, EditionUnknown},
		{nil, EditionUnknown},
		{[]string{" Enterprise "}, EditionEnterprise},
	}
	for _, c := range cases {
		if got := EditionFromProducts(c.in); got != c.want {
			t.Errorf("EditionFromProducts(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}
