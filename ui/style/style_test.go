package style

import "testing"

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// The background is decided from the environment, never by asking the
// terminal (design.md: a late OSC 11 query stalls over SSH).
func TestDetect(t *testing.T) {
	if o := Detect(env(nil)); o.NoColor || !o.Dark {
		t.Fatalf("default %+v", o)
	}
	if o := Detect(env(map[string]string{"NO_COLOR": "1"})); !o.NoColor {
		t.Fatal("NO_COLOR ignored")
	}
	if o := Detect(env(map[string]string{"COLORFGBG": "0;15"})); o.Dark {
		t.Fatal("light background read as dark")
	}
	if o := Detect(env(map[string]string{"COLORFGBG": "15;default;0"})); !o.Dark {
		t.Fatal("dark background read as light")
	}
}

func TestStatusKeepsMarkerWithoutColour(t *testing.T) {
	s := New(Options{NoColor: true})
	if got := s.Status(MarkWarn, "x"); got != "[!] x" {
		t.Fatalf("%q", got)
	}
}
