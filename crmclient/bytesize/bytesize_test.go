package bytesize

import "testing"

func TestIEC(t *testing.T) {
	for _, c := range []struct {
		n     int64
		comma bool
		want  string
	}{
		{0, true, "0 B"},
		{1023, false, "1023 B"},
		{11776, true, "11,5 KiB"},
		{11776, false, "11.5 KiB"},
		{155_084_390, true, "147,9 MiB"},
		{2 << 30, false, "2.0 GiB"},
	} {
		if got := IEC(c.n, c.comma); got != c.want {
			t.Errorf("IEC(%d, %v) = %q, want %q", c.n, c.comma, got, c.want)
		}
	}
}
