package version

import "testing"

func TestParseRelease(t *testing.T) {
	tests := map[string]Release{
		"8.7.7-318":     {"8.7.7", "318"},
		"7.0.0a":        {"7.0.0a", ""},
		"8.7.4-74_main": {"8.7.4", "74_main"},
		"8.5.0":         {"8.5.0", ""},
		"8.6.9-803":     {"8.6.9", "803"},
		"9.0":           {"9.0", ""},
		"8.7.7RC1-12":   {"8.7.7RC1", "12"},
		"weird":         {"weird", ""},
		"":              {"", ""},
	}
	for in, want := range tests {
		if got := ParseRelease(in); got != want {
			t.Errorf("ParseRelease(%q) = %+v, want %+v", in, got, want)
		}
	}
	if s := (Release{"8.7.7", "318"}).String(); s != "8.7.7-318" {
		t.Errorf("String = %q", s)
	}
}

// Spec §7 "Core release": builds compared only when both sides carry one.
func TestSameRelease(t *testing.T) {
	tests := []struct {
		installed, target string
		want              bool
	}{
		{"8.7.7", "8.7.7", true},
		{"8.7.7", "8.7.7-318", true},
		{"8.7.7-318", "8.7.7", true},
		{"8.7.7-318", "8.7.7-318", true},
		{"8.7.7-317", "8.7.7-318", false},
		{"8.7.6", "8.7.7", false},
		{"7.0.0a", "7.0.0", false},
		{"8.7.4-74_main", "8.7.4-74", false},
		{"8.7.4-74_main", "8.7.4", true},
	}
	for _, tc := range tests {
		if got := SameRelease(tc.installed, tc.target); got != tc.want {
			t.Errorf("SameRelease(%q, %q) = %v, want %v", tc.installed, tc.target, got, tc.want)
		}
	}
}

func TestNewerRelease(t *testing.T) {
	tests := []struct {
		pkg, installed string
		want           bool
	}{
		{"8.7.7", "8.7.6", true},
		{"8.7.7-318", "8.7.7", false}, // equal release: already installed
		{"8.7.7", "8.7.7-100", false},
		{"8.10.0", "8.9.9", true},
		{"7.0.0", "7.0.0a", true},
		{"8.7.6", "8.7.7", false},
		{"9.0.0", "8.7.7-318", true},
	}
	for _, tc := range tests {
		if got := NewerRelease(tc.pkg, tc.installed); got != tc.want {
			t.Errorf("NewerRelease(%q, %q) = %v, want %v", tc.pkg, tc.installed, got, tc.want)
		}
	}
}
