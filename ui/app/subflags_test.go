package app

import (
	"strings"
	"testing"
)

// doctor, report and sim answer --help and a wrong flag in the admin's
// language like the wizard does (German by default, --lang en), never with
// Go's "flag provided but not defined" / "Usage of …"; a wrong flag is a
// usage error (exit 2), --help exit 0 (cli.md).
func TestSubcommandFlagsSpeakTheLanguage(t *testing.T) {
	de := map[string]string{"LANG": "de_DE.UTF-8"}
	for _, cmd := range []string{"doctor", "report", "sim"} {
		code, out, errb := runMain(t, "", de, cmd, "--bogus")
		if code != ExitUsage || out != "" || errb != "1crm-update "+cmd+": unbekannte Option -bogus — alle Optionen zeigt: 1crm-update "+cmd+" --help\n" {
			t.Errorf("%s --bogus: exit %d, stdout %q, stderr %q", cmd, code, out, errb)
		}
		code, _, errb = runMain(t, "", de, cmd, "--lang", "en", "--bogus")
		if code != ExitUsage || !strings.Contains(errb, "unknown flag -bogus — all flags: 1crm-update "+cmd+" --help") {
			t.Errorf("%s --lang en --bogus: exit %d, stderr %q", cmd, code, errb)
		}
		code, out, errb = runMain(t, "", de, cmd, "--help")
		if code != ExitOK || errb != "" || !strings.Contains(out, "1crm-update "+cmd+" — ") || !strings.Contains(out, "Optionen:") ||
			strings.Contains(out, "Usage of") {
			t.Errorf("%s --help: exit %d, stderr %q\n%s", cmd, code, errb, out)
		}
		code, out, _ = runMain(t, "", de, cmd, "-h", "--lang=en")
		if code != ExitOK || !strings.Contains(out, "Flags:") || strings.Contains(out, "Optionen") {
			t.Errorf("%s -h --lang=en: exit %d\n%s", cmd, code, out)
		}
	}
}

// Every flag of doctor, report and sim is described in both languages: no
// description line of the German help equals the English one.
func TestSubcommandFlagsDescribed(t *testing.T) {
	descriptions := func(cmd, lang string) []string {
		_, out, _ := runMain(t, "", map[string]string{}, cmd, "--help", "--lang", lang)
		var d []string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "    \t") {
				d = append(d, l)
			}
		}
		return d
	}
	for _, cmd := range []string{"doctor", "report", "sim"} {
		de, en := descriptions(cmd, "de"), descriptions(cmd, "en")
		if len(de) == 0 || len(de) != len(en) {
			t.Fatalf("%s: %d German, %d English descriptions", cmd, len(de), len(en))
		}
		for i := range de {
			if de[i] == en[i] {
				t.Errorf("%s: not translated: %q", cmd, de[i])
			}
		}
	}
}
