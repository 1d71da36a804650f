package app

import (
	"strings"
	"testing"
)

// release/build.sh stamps version, commit and date with -ldflags -X; the
// version line shows them as stamped (a dirty mark included).
func TestVersionLine_stamped(t *testing.T) {
	saved := [3]string{Version, Commit, Date}
	t.Cleanup(func() { Version, Commit, Date = saved[0], saved[1], saved[2] })
	Version, Commit, Date = "v1.4.0", "0123456789ab-dirty", "2026-12-06T02:43:20Z"
	got := VersionLine()
	for _, want := range []string{"1crm-update v1.4.0 ", "commit 0123456789ab-dirty", "2026-12-06T02:43:20Z", "go1."} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if v, _, _ := BuildInfo(); v != "v1.4.0" {
		t.Errorf("journal version %q", v) // steps records it in the journal
	}
}
