package text

import "strconv"

// Count is n with the noun in the form n asks for ("1 Seite",
// "3 Seiten"; "1 page", "3 pages"), so no text has to write "Seite(n)".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
