package version

import "testing"

// Spec §7 test vectors plus PHP's own documented/phpt results
// (version_compare.phpt, php.net manual examples).
func TestCompareVectors(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		// spec §7
		{"8.7.7-318", "8.7.7", 1},
		{"7.0.0a", "7.0.0", -1},
		{"2.1beta", "2.1", -1},
		{"8.10.0", "8.9.9", 1},
		{"0.8.5.15", "0.8.5.9", 1},
		{"1.8.0.11-384", "1.8.5.6-403", -1},
		{"8.7.4-74_main", "8.7.4-74", -1},
		{"1.0a", "1.0", -1},
		{"1.0pl1", "1.0", 1},
		// PHP manual / phpt
		{"5.2", "5.2.0", -1},
		{"1.0", "1.0.0", -1},
		{"1.0.0", "1.0.0.0", -1},
		{"5.3.0-dev", "5.3.0", -1},
		{"1.0rc1", "1.0", -1},
		{"1.0-dev", "1.0a1", -1},
		{"1.0a1", "1.0b1", -1},
		{"1.0b1", "1.0RC1", -1},
		{"1.0RC1", "1.0", -1},
		{"1.0", "1.0pl1", -1},
		{"1.0alpha", "1.0a", 0},
		{"1.0beta", "1.0b", 0},
		{"1.0RC1", "1.0rc1", 0},
		{"1.0pl1", "1.0p1", 0},
		{"1.0-dev", "1.0.dev", 0},
		{"1-0_0+0", "1.0.0.0", 0},
		{"1.0..0", "1.0.0", 0},
		{"1.0", "1.0-dev", 1},
		{"1.1", "1.0.9", 1},
		{"10", "9", 1},
		{"1.01", "1.1", 0},
		{"x", "1", -1},
		{"foo", "dev", -1},
		{"1.0.0", "1.0.0", 0},
		{"", "", 0},
		{"", "1", -1},
		{"1", "", 1},
		{"1.0-p1", "1.0", 1},
		{"8.7.7", "8.7.7a", 1},
		{"99999999999999999999", "99999999999999999998", 0}, // strtol saturates, as in PHP
	}
	for _, tc := range tests {
		if got := Compare(tc.a, tc.b); got != tc.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Compare(tc.b, tc.a); got != -tc.want {
			t.Errorf("Compare(%q, %q) = %d, want %d (antisymmetry)", tc.b, tc.a, got, -tc.want)
		}
	}
}

// PHP's documented ordering chain: every earlier element is older than every later one.
func TestCompareChain(t *testing.T) {
	chain := []string{"1.0-dev", "1.0a1", "1.0a2", "1.0b1", "1.0RC1", "1.0", "1.0.1", "1.0pl1", "1.1", "1.10", "2"}
	for i := range chain {
		for j := range chain {
			want := sign(i - j)
			if got := Compare(chain[i], chain[j]); got != want {
				t.Errorf("Compare(%q, %q) = %d, want %d", chain[i], chain[j], got, want)
			}
		}
	}
}

func TestCanonical(t *testing.T) {
	tests := map[string]string{
		"8.7.4-74_main": "8.7.4.74.main",
		"7.0.0a":        "7.0.0.a",
		"1.0RC1":        "1.0.RC.1",
		"1..2":          "1.2",
		"1-+_2":         "1.2",
		"a1b":           "a.1.b",
		"-1":            "-.1", // first byte copied verbatim, as in PHP
		"":              "",
	}
	for in, want := range tests {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

// The documented deviation: a trailing separator adds no part, where PHP
// would say "1." < "1." and order "1+"/"1A" both ways.
func TestCompareTrailingSeparatorReflexive(t *testing.T) {
	if got := Compare("1.", "1."); got != 0 {
		t.Errorf("Compare(1., 1.) = %d", got)
	}
	if got := Compare("1.", "1.."); got != 0 {
		t.Errorf("Compare(1., 1..) = %d", got)
	}
	if got := Compare("1.", "1"); got != 0 {
		t.Errorf("Compare(1., 1) = %d, want 0", got)
	}
	if got := Compare("1+", "1A"); got != 1 {
		t.Errorf("Compare(1+, 1A) = %d, want 1 (number rank beats unknown word)", got)
	}
}

func FuzzCompare(f *testing.F) {
	for _, s := range [][2]string{{"8.7.7-318", "8.7.7"}, {"7.0.0a", "7.0.0"}, {"1.0pl1", "1.0"}, {"#N#", "1"}, {"1.", "1.0"}, {"", "x"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := Compare(a, b), Compare(b, a)
		if ab != -ba {
			t.Fatalf("antisymmetry: Compare(%q,%q)=%d, Compare(%q,%q)=%d", a, b, ab, b, a, ba)
		}
		if ab < -1 || ab > 1 {
			t.Fatalf("Compare(%q,%q)=%d out of range", a, b, ab)
		}
		if Compare(a, a) != 0 {
			t.Fatalf("reflexivity: Compare(%q,%q)=%d", a, a, Compare(a, a))
		}
	})
}
