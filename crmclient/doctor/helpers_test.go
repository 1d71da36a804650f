package doctor

import "testing"

func TestSentences(t *testing.T) {
	if got := sentences([]string{"No license.", "No update", "Hosted."}); got != "No license. No update. Hosted." {
		t.Errorf("got %q", got)
	}
}

func TestTextsFor(t *testing.T) {
	for lang, want := range map[string]*texts{"": &textDE, "de": &textDE, "de_DE": &textDE, "en": &textEN, "en_US.UTF-8": &textEN, "EN": &textEN} {
		if textsFor(lang) != want {
			t.Errorf("textsFor(%q) picked the wrong language", lang)
		}
	}
}

// One size format per language (issue 10), the server's text only when
// the bytes are unknown.
func TestSizeOf(t *testing.T) {
	n := int64(1479) * (1 << 20) / 10
	if got := textDE.sizeOf(n, "147.9 MB"); got != "147,9 MiB" {
		t.Errorf("de: %q", got)
	}
	if got := textEN.sizeOf(n, "147.9 MB"); got != "147.9 MiB" {
		t.Errorf("en: %q", got)
	}
	if got := textDE.sizeOf(0, "11.5 KB"); got != "11.5 KB" {
		t.Errorf("unknown bytes: %q", got)
	}
}
