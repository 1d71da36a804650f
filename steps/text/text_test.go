package text

import (
	"strings"
	"testing"
	"time"
)

// W10: both languages name every step, stage and label, in their own words.
func TestTables_W10_complete(t *testing.T) {
	steps := []string{"connect", "preflight", "package", "path", "refresh_request", "parity", "time_guard",
		"backup", "install", "smoke", "checklist", "go_live", "problems", "done"}
	labels := []string{"url", "test_url", "edition", "deployment", "version_before", "version_after", "path", "user",
		"insecure", "file", "size", "name", "version", "type", "time", "skipped", "mailto", "wizard", "status", "step", "result"}
	for _, id := range steps {
		de, en := DE.StepName(id), EN.StepName(id)
		if de == id || en == id || de == en {
			t.Errorf("step %q: de=%q en=%q", id, de, en)
		}
	}
	for _, k := range labels {
		if DE.Label(k) == k || EN.Label(k) == "" {
			t.Errorf("label %q untranslated: de=%q en=%q", k, DE.Label(k), EN.Label(k))
		}
	}
	if For("") != DE || For("C") != DE || For("en") != EN || For("en_US.UTF-8") != EN {
		t.Error("W10: language choice")
	}
}

func TestDuration_hoursMinutes(t *testing.T) {
	cases := map[time.Duration]string{
		2*time.Hour + 10*time.Minute: "2 h 10 min",
		45 * time.Minute:             "45 min",
		3 * time.Hour:                "3 h",
		-30 * time.Minute:            "-30 min",
	}
	for d, want := range cases {
		if got := EN.Duration(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
	if !strings.Contains(DE.Duration(90*time.Minute), "Std.") {
		t.Error("German duration units")
	}
}
