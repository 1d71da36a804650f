package text

import (
	"reflect"
	"strings"
	"testing"
	"time"
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
	if got := DE.Duration(2*time.Hour + 5*time.Minute); got != "2 h 05 min" {
		t.Errorf("duration %q", got)
	}
	if got := EN.Duration(-time.Minute); got != "0 s" {
		t.Errorf("negative duration %q", got)
	}
}
