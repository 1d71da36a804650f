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
