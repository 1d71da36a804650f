package crmclient

import "testing"

// License-page product names → edition, same precedence as spec §1.5.
func TestEditionFromProductNames(t *testing.T) {
	tests := []struct {
		names []string
		want  Edition
	}{
		{[]string{"1CRM Enterprise Edition", "Portal"}, EditionEnterprise},
		{[]string{"1CRM Professional Edition"}, EditionProfessional},
		{[]string{"1CRM Startup+ Edition"}, EditionStartupPlus},
		{[]string{"1CRM Startup Plus"}, EditionStartupPlus},
		{[]string{"1CRM Startup Edition"}, EditionStartup},
		{[]string{"Portal"}, EditionUnknown},
		{nil, EditionUnknown},
	}
	for _, tc := range tests {
		if got := EditionFromProductNames(tc.names); got != tc.want {
			t.Errorf("%q → %q, want %q", tc.names, got, tc.want)
		}
	}
}

// The product name of each edition is the same in every language.
func TestEditionName(t *testing.T) {
	for e, want := range map[Edition]string{
		EditionStartup: "Startup", EditionStartupPlus: "Startup+", EditionProfessional: "Professional",
		EditionEnterprise: "Enterprise", EditionUnknown: "", Edition("other"): "",
	} {
		if got := e.Name(); got != want {
			t.Errorf("%q.Name() = %q, want %q", e, got, want)
		}
	}
}
