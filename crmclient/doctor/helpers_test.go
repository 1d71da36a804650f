package doctor

import (
	"testing"

	"github.com/visual4/1crm-update/crmclient"
)

// License-page product names → edition, same precedence as spec §1.5.
func TestEditionFromProductNames(t *testing.T) {
	tests := []struct {
		names []string
		want  crmclient.Edition
	}{
		{[]string{"1CRM Enterprise Edition", "Portal"}, crmclient.EditionEnterprise},
		{[]string{"1CRM Professional Edition"}, crmclient.EditionProfessional},
		{[]string{"1CRM Startup+ Edition"}, crmclient.EditionStartupPlus},
		{[]string{"1CRM Startup Plus"}, crmclient.EditionStartupPlus},
		{[]string{"1CRM Startup Edition"}, crmclient.EditionStartup},
		{[]string{"Portal"}, crmclient.EditionUnknown},
		{nil, crmclient.EditionUnknown},
	}
	for _, tc := range tests {
		if got := editionFromProductNames(tc.names); got != tc.want {
			t.Errorf("%q → %q, want %q", tc.names, got, tc.want)
		}
	}
}

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
