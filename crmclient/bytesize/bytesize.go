// Package bytesize writes byte counts the one way the wizard, its reports
// and doctor show them: binary prefixes, one decimal, the language's
// decimal mark ("147,9 MiB" in German, "147.9 MiB" in English).
package bytesize

import (
	"fmt"
	"strings"
)

// IEC renders n bytes; decimalComma selects "," as the decimal mark.
func IEC(n int64, decimalComma bool) string {
	var s string
	switch {
	case n >= 1<<30:
		s = fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		s = fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		s = fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d B", n)
	}
	if decimalComma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
