// Package version compares 1CRM and package version strings the way PHP's
// version_compare does (spec §7) and splits core versions into release and build.
package version

import "strings"

// Compare returns -1, 0 or +1 as a is older than, equal to or newer than b,
// following PHP's version_compare (ext/standard/versioning.c) step by step,
// because 1CRM decides ERR_OUTDATED and "newer than installed" with it (spec §7).
//
// One deliberate deviation: a trailing separator ("1.", "1.0-") adds no
// part. PHP instead compares the empty remainder, which makes "1." < "1."
// and both "1+" < "1A" and "1A" < "1+" true; that breaks reflexivity and
// antisymmetry, which the sorting in this project relies on. No real
// version string ends in a separator, so nothing observable changes.
//
// Like the C original, a string is read only up to its first NUL byte.
func Compare(a, b string) int {
	a, b = cString(a), cString(b)
	if a == "" || b == "" {
		switch {
		case a == "" && b == "":
			return 0
		case a != "":
			return 1
		default:
			return -1
		}
	}
	ca, cb := canonicalOrRaw(a), canonicalOrRaw(b)
	if ca == cb {
		return 0
	}
	return compareCanonical(ca, cb)
}

// cString cuts s at the first NUL, as C string functions would see it.
func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// canonicalOrRaw mirrors PHP: strings starting with '#' (the internal
// "#N#" number marker) are not canonicalised.
func canonicalOrRaw(s string) string {
	if s[0] == '#' {
		return s
	}
	return Canonical(s)
}

// Canonical is php_canonicalize_version: '-', '_', '+' and every other
// non-alphanumeric byte become '.', a '.' is inserted wherever a digit meets
// a non-digit, and runs of dots collapse to one. The first byte is copied
// unchanged, as in PHP.
func Canonical(v string) string {
	if v == "" {
		return ""
	}
	buf := make([]byte, 0, 2*len(v))
	buf = append(buf, v[0])
	lp := v[0]
	for i := 1; i < len(v); i++ {
		c := v[i]
		lq := buf[len(buf)-1]
		switch {
		case c == '-' || c == '_' || c == '+':
			if lq != '.' {
				buf = append(buf, '.')
			}
		case (isNonDigit(lp) && isDigitNotDot(c)) || (isDigitNotDot(lp) && isNonDigit(c)):
			if lq != '.' {
				buf = append(buf, '.')
			}
			buf = append(buf, c)
		case !isAlnum(c):
			if lq != '.' {
				buf = append(buf, '.')
			}
		default:
			buf = append(buf, c)
		}
		lp = c
	}
	return string(buf)
}

func isDigit(c byte) bool        { return c >= '0' && c <= '9' }
func isDigitNotDot(c byte) bool  { return isDigit(c) }
func isNonDigit(c byte) bool     { return !isDigit(c) && c != '.' }
func isAlnum(c byte) bool        { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z') }
func firstIsDigit(s string) bool { return s != "" && isDigit(s[0]) }

// compareCanonical is the part loop of php_version_compare on two already
// canonical strings. It keeps PHP's pointer logic: the loop stops as soon as
// either side has no further '.', and the remaining part of the longer side
// decides (a number means "longer is newer", a word is ranked against a
// number, so 1.0a < 1.0 < 1.0pl1).
func compareCanonical(v1, v2 string) int {
	p1, p2 := v1, v2
	more1, more2 := true, true // PHP's n1/n2 != NULL
	var rest1, rest2 string
	compare := 0
	for p1 != "" && p2 != "" && more1 && more2 {
		var part1, part2 string
		part1, rest1, more1 = strings.Cut(p1, ".")
		part2, rest2, more2 = strings.Cut(p2, ".")
		d1, d2 := firstIsDigit(part1), firstIsDigit(part2)
		switch {
		case d1 && d2:
			compare = sign(cmpNumber(part1, part2))
		case !d1 && !d2:
			compare = compareSpecial(part1, part2)
		case d1:
			compare = compareSpecial(numberMarker, part2)
		default:
			compare = compareSpecial(part1, numberMarker)
		}
		if compare != 0 {
			return compare
		}
		if more1 {
			p1 = rest1
		}
		if more2 {
			p2 = rest2
		}
	}
	// Deviation (see Compare): an empty remainder after a trailing '.' is
	// no part at all.
	more1 = more1 && p1 != ""
	more2 = more2 && p2 != ""
	switch {
	case more1:
		if firstIsDigit(p1) {
			return 1
		}
		return Compare(p1, numberMarker)
	case more2:
		if firstIsDigit(p2) {
			return -1
		}
		return Compare(numberMarker, p2)
	}
	return 0
}

// numberMarker is PHP's "#N#": the rank of a numeric part among special forms.
const numberMarker = "#N#"

// specialForms is PHP's table, searched in this order by prefix: anything
// else (-1) < dev < alpha = a < beta = b < RC = rc < number < pl = p.
var specialForms = []struct {
	name  string
	order int
}{
	{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
	{"RC", 3}, {"rc", 3}, {"#", 4}, {"pl", 5}, {"p", 5},
}

func specialOrder(form string) int {
	for _, f := range specialForms {
		if strings.HasPrefix(form, f.name) {
			return f.order
		}
	}
	return -1
}

func compareSpecial(a, b string) int { return sign(specialOrder(a) - specialOrder(b)) }

// cmpNumber compares two digit-led parts like strtol would: leading digits
// only, saturating at the C long maximum (64-bit PHP builds).
func cmpNumber(a, b string) int {
	x, y := strtol(a), strtol(b)
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func strtol(s string) int64 {
	const maxLong = int64(^uint64(0) >> 1)
	var n int64
	for i := 0; i < len(s) && isDigit(s[i]); i++ {
		d := int64(s[i] - '0')
		if n > (maxLong-d)/10 {
			return maxLong
		}
		n = n*10 + d
	}
	return n
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}
