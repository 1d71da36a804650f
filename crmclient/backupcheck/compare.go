package backupcheck

// ShrinkLimit is the share of the previous backup's size below which a new
// backup counts as far smaller: under 70 %, i.e. more than 30 % lost.
//
// Why 30 %: a CRM's data grows or stays between two backups, and two
// archives of the same data differ by a few per cent at most (compression,
// log and cache files). Losing more than a third is not day-to-day change:
// it is a dump that stopped early (1CRM zips it all the same), a file
// filter switched to a smaller one, or a large deliberate clean-up — the
// admin should know which. A tighter limit would warn after ordinary
// clean-ups; a looser one (half) would miss a dump that stopped at 60 %.
// Only a warning: the size alone proves nothing, the content check does.
const ShrinkLimit = 0.70

// FarSmaller reports whether a backup of size bytes is far smaller than
// the previous one (ShrinkLimit). Unknown sizes (≤ 0) never are.
func FarSmaller(size, previous int64) bool {
	if size <= 0 || previous <= 0 {
		return false
	}
	return float64(size) < ShrinkLimit*float64(previous)
}
