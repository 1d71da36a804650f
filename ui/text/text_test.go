package text

import (
	"reflect"
	"strings"
	"testing"
	"time"

	steptext "github.com/visual4/1crm-update/steps/text"
)

// Every method of every language returns a non-empty text (W10). The
// interface already makes a missing method a compile error; this catches
// an empty string or a copy-paste of the other language's sentence.
func TestNoEmptyTexts(t *testing.T) {
	for _, tab := range []Texts{DE, EN} {
		v := reflect.ValueOf(tab)
		ty := v.Type()
		for i := 0; i < ty.NumMethod(); i++ {
			mt := ty.Method(i)
			args := make([]reflect.Value, mt.Type.NumIn()-1)
			for j := range args {
				in := mt.Type.In(j + 1)
				switch in.Kind() {
				case reflect.String:
					args[j] = reflect.ValueOf("X").Convert(in)
				case reflect.Int, reflect.Int64:
					args[j] = reflect.ValueOf(int64(2)).Convert(in)
				case reflect.Float64:
					args[j] = reflect.ValueOf(1024.0)
				default:
					if in == reflect.TypeOf(time.Time{}) {
						args[j] = reflect.ValueOf(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
					} else {
						args[j] = reflect.Zero(in)
					}
				}
			}
			out := v.Method(i).Call(args)
			if s := out[0].String(); strings.TrimSpace(s) == "" {
				t.Errorf("%s.%s is empty", tab.Lang(), mt.Name)
			}
		}
	}
}

func TestDifferentLanguages(t *testing.T) {
	same := 0
	v1, v2 := reflect.ValueOf(DE), reflect.ValueOf(EN)
	for i := 0; i < v1.NumMethod(); i++ {
		if v1.Type().Method(i).Type.NumIn() != 1 {
			continue
		}
		if v1.Method(i).Call(nil)[0].String() == v2.Method(i).Call(nil)[0].String() {
			same++
		}
	}
	// A few words are the same in both (LIVE, Edition, Start …), not more.
	if same > 12 {
		t.Errorf("%d texts are identical in German and English", same)
	}
}

func TestEveryCauseHasASentence(t *testing.T) {
	for _, tab := range []Texts{DE, EN} {
		unknown := tab.Cause("no-such-code")
		for _, c := range CauseCodes {
			if c != "unknown" && tab.Cause(c) == unknown {
				t.Errorf("%s: cause %q falls back to the generic sentence", tab.Lang(), c)
			}
		}
	}
}

func TestFor(t *testing.T) {
	cases := map[string]string{"": "de", "de_DE.UTF-8": "de", "C": "de", "POSIX": "de", "en": "en", "en_US.UTF-8": "en", "EN-gb": "en", "fr_FR": "de"}
	for in, want := range cases {
		if got := For(in).Lang(); got != want {
			t.Errorf("For(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestFormats(t *testing.T) {
	if got := DE.Bytes(1536); got != "1,5 KiB" {
		t.Errorf("DE bytes %q", got)
	}
	if got := EN.Bytes(300 << 20); got != "300.0 MiB" {
		t.Errorf("EN bytes %q", got)
	}
	if got := DE.Duration(2*time.Hour + 5*time.Minute); got != "2 Std. 5 Min." {
		t.Errorf("duration %q", got)
	}
	if got := DE.Elapsed(3*time.Minute + 5*time.Second); got != "läuft seit 3 Min. 05 Sek." {
		t.Errorf("elapsed %q", got)
	}
	if got := EN.TimeLeft(12 * time.Second); got != "about 12 s left" {
		t.Errorf("time left %q", got)
	}
	if got := EN.Duration(-time.Minute); got != "0 s" {
		t.Errorf("negative duration %q", got)
	}
}

// W4: the header countdown and steps' own texts name one instant alike —
// same words, same rounding (8:06:40 before 15:00 is "8 Std. 7 Min." in both).
func TestDurationsMatchSteps(t *testing.T) {
	d := 8*time.Hour + 6*time.Minute + 40*time.Second
	for _, c := range []struct {
		tab  Texts
		st   steptext.Texts
		want string
	}{{DE, steptext.DE, "8 Std. 7 Min."}, {EN, steptext.EN, "8 h 7 min"}} {
		if got := c.st.Duration(d); got != c.want {
			t.Fatalf("steps says %q, test expects %q", got, c.want)
		}
		for _, s := range []string{c.tab.Countdown(d, d+time.Hour), c.tab.LeftFmt(d), c.tab.Duration(d), c.tab.Elapsed(d)} {
			if !strings.Contains(s, c.want) {
				t.Errorf("%s: %q does not say %q", c.tab.Lang(), s, c.want)
			}
		}
		if got := c.tab.CountdownPassed15(59*time.Minute + 31*time.Second); !strings.Contains(got, c.st.Duration(time.Hour)) {
			t.Errorf("%s: %q rounds differently from steps", c.tab.Lang(), got)
		}
	}
}
