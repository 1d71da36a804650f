package crmclient

import "testing"

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
