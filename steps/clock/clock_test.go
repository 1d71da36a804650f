package clock

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestBerlinLoadedFromEmbeddedDatabase(t *testing.T) {
	if Berlin == nil || Berlin.String() != "Europe/Berlin" {
		t.Fatalf("Berlin = %v", Berlin)
	}
}

func TestFixed(t *testing.T) {
	at := time.Date(2026, 11, 26, 8, 30, 0, 0, time.UTC)
	c := Fixed(at)
	if !c.Now().Equal(at) || !c.Now().Equal(c.Now()) {
		t.Fatalf("Fixed clock moved: %v", c.Now())
	}
	if c.Now().Location() != Berlin {
		t.Errorf("Fixed clock not in Berlin: %v", c.Now().Location())
	}
}

func TestStartingAtAdvances(t *testing.T) {
	start := time.Date(2026, 11, 26, 14, 58, 0, 0, Berlin)
	c := StartingAt(start)
	first := c.Now()
	if d := first.Sub(start); d < 0 || d > time.Second {
		t.Fatalf("first Now() = %v, want about %v", first, start)
	}
	time.Sleep(20 * time.Millisecond)
	if d := c.Now().Sub(first); d < 20*time.Millisecond {
		t.Errorf("clock advanced only %v after 20ms", d)
	}
}

func TestSystemIsNow(t *testing.T) {
	if d := time.Since(System().Now()); d < 0 || d > time.Second {
		t.Errorf("System().Now() off by %v", d)
	}
}

func TestFromEnv(t *testing.T) {
	t.Run("unset: system clock", func(t *testing.T) {
		t.Setenv(EnvNow, "")
		c, over, err := FromEnv(os.Getenv)
		if err != nil || over {
			t.Fatalf("err=%v overridden=%v", err, over)
		}
		if d := time.Since(c.Now()); d < 0 || d > time.Second {
			t.Errorf("not the system clock: off by %v", d)
		}
	})
	t.Run("RFC 3339: starts there", func(t *testing.T) {
		t.Setenv(EnvNow, "2026-11-26T13:30:00+01:00")
		c, over, err := FromEnv(os.Getenv)
		if err != nil || !over {
			t.Fatalf("err=%v overridden=%v", err, over)
		}
		want := time.Date(2026, 11, 26, 13, 30, 0, 0, Berlin)
		if d := c.Now().Sub(want); d < 0 || d > time.Second {
			t.Errorf("Now() = %v, want about %v", c.Now(), want)
		}
	})
	t.Run("without offset: Berlin wall time", func(t *testing.T) {
		t.Setenv(EnvNow, "2026-07-01 13:30")
		c, over, err := FromEnv(os.Getenv)
		if err != nil || !over {
			t.Fatalf("err=%v overridden=%v", err, over)
		}
		want := time.Date(2026, 7, 1, 11, 30, 0, 0, time.UTC) // CEST
		if d := c.Now().Sub(want); d < 0 || d > time.Second {
			t.Errorf("Now() = %v, want about %v", c.Now(), want)
		}
	})
	t.Run("bad value: error names the variable", func(t *testing.T) {
		t.Setenv(EnvNow, "tomorrow 9am")
		_, _, err := FromEnv(os.Getenv)
		if err == nil || !strings.Contains(err.Error(), EnvNow) || !strings.Contains(err.Error(), "RFC 3339") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestSameDayAndWeekend(t *testing.T) {
	// 23:30 UTC on the 26th is already the 27th (a Friday) in Berlin.
	a := time.Date(2026, 11, 26, 23, 30, 0, 0, time.UTC)
	b := time.Date(2026, 11, 27, 1, 0, 0, 0, Berlin)
	if !SameDay(a, b) {
		t.Error("SameDay must compare Berlin calendar days")
	}
	if IsWeekend(a) {
		t.Error("Friday is no weekend")
	}
	if !IsWeekend(time.Date(2026, 11, 27, 23, 30, 0, 0, time.UTC)) { // Saturday 00:30 Berlin
		t.Error("Saturday 00:30 Berlin is weekend")
	}
	if got := StartOK.String() + StartWarn.String() + StartRefuse.String(); got != "okwarnrefuse" {
		t.Errorf("level names = %q", got)
	}
}
