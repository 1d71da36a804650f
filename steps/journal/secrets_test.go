package journal

import "testing"

func TestIsSecretKey(t *testing.T) {
	for _, k := range []string{"password", "Admin-Password", "api_token", "Set-Cookie", "Authorization", "client secret", "PHPSESSID", "apiKey"} {
		if !IsSecretKey(k) {
			t.Errorf("%q not recognised as secret", k)
		}
	}
	for _, k := range []string{"user", "url", "version", "backup_name", "sha256", "edition"} {
		if IsSecretKey(k) {
			t.Errorf("%q wrongly treated as secret", k)
		}
	}
}

func TestRedactText(t *testing.T) {
	cases := map[string]string{
		"Bearer abc.def":                        "Bearer [redacted]",
		"  bearer abc":                          "  bearer [redacted]",
		"POST login: user=a&password=hunter2&x": "POST login: user=a&password=[redacted]&x",
		"Cookie: PHPSESSID=abc; lang=de\nnext":  "Cookie: [redacted]\nnext",
		"redirect with phpsessid=abc, retrying": "redirect with phpsessid=[redacted], retrying",
		"Authorization: Basic YWRtaW46eA==":     "Authorization: [redacted]",
		"upload failed: 413 too large":          "upload failed: 413 too large",
		"the bearer of news":                    "the bearer of news",
		"İİİ PASSWORD=x ok":                     "İİİ PASSWORD=[redacted] ok",
		`{"user":"a","password":"x"}`:           `{"user":"a","password": [redacted]`,
	}
	for in, want := range cases {
		if got := RedactText(in); got != want {
			t.Errorf("RedactText(%q) = %q, want %q", in, got, want)
		}
		if LooksLikeSecretValue(in) != (in != want) {
			t.Errorf("LooksLikeSecretValue(%q) disagrees with RedactText", in)
		}
	}
}
