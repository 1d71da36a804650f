package crmclient

import "testing"

// Issue 8 item 2: one server under different spellings is one instance;
// another port, path or host name is not.
func TestSameAddress_spellingsOfOneServer(t *testing.T) {
	base := "https://crm.example.com/1crm"
	same := []string{
		"https://crm.example.com/1crm/",
		"https://crm.example.com/1crm/index.php",
		"https://crm.example.com/1crm/index.php?module=Home&action=index",
		"https://crm.example.com/1crm/api.php/version",
		"https://CRM.Example.COM/1crm",
		"http://crm.example.com/1crm",
		"https://crm.example.com:443/1crm",
		"http://crm.example.com:80/1crm/",
		"crm.example.com/1crm",
		"https://crm.example.com./1crm",
		"https://crm.example.com//1crm//",
		"https://crm.example.com/1crm/Index.PHP",
		"https://crm.example.com/%31crm",
		"  https://crm.example.com/1crm  ",
	}
	for _, s := range same {
		if !SameAddress(base, s) {
			k, err := InstanceKey(s)
			t.Errorf("%q is %q (%v), not the same as %q", s, k, err, base)
		}
	}
	other := []string{
		"https://crm.example.com",
		"https://crm.example.com/1crm-test",
		"https://crm.example.com:8443/1crm",
		"https://www.crm.example.com/1crm",
		"https://test.crm.example.com/1crm",
		"https://crm.example.org/1crm",
		"https://user:pw@crm.example.com/1crm", // refused, never equal
	}
	for _, s := range other {
		if SameAddress(base, s) {
			t.Errorf("%q counted as the same instance as %q", s, base)
		}
	}
	if !SameAddress("http://localhost:8080", "http://127.0.0.1:8080/") || !SameAddress("http://[::1]:8080", "http://localhost:8080") {
		t.Error("loopback spellings differ")
	}
	if SameAddress("http://127.0.0.1:8080", "http://127.0.0.1:8081") {
		t.Error("two local ports (two simulators) counted as one instance")
	}
	if !SameAddress("https://bücher.example", "https://xn--bcher-kva.example") {
		t.Error("an internationalised host and its punycode differ")
	}
}
