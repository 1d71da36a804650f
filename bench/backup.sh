#!/usr/bin/env bash
# Backup verification benchmark: crmclient/backupcheck (one streamed pass:
# every CRC, the dump's end, tables, SHA-256) against `unzip -t` on the
# same generated backup archive. Prints wall and CPU time, the ratio, and
# the verifier's peak RSS for a small and a large archive next to the
# targets (time <= 1.2x unzip -t; peak RSS constant in the archive's size).
#
#   bench/backup.sh                       # 2 GiB archive, 256 MiB for the RSS comparison
#   BENCH_SIZE=1G BENCH_SMALL=128M bench/backup.sh
#   BENCH_ROUNDS=5 bench/backup.sh        # more rounds (median counts)
#
# Needs: go, unzip (installed with apt-get when missing), /usr/bin/time.
set -euo pipefail

SIZE="${BENCH_SIZE:-2G}"
SMALL="${BENCH_SMALL:-256M}"
ROUNDS="${BENCH_ROUNDS:-3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/1crm-bench-backup.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if ! command -v unzip >/dev/null; then
	echo "installing unzip ..."
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && apt-get install -y -qq unzip >/dev/null
	else
		sudo apt-get update -qq && sudo apt-get install -y -qq unzip >/dev/null
	fi
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }

echo "building bench tools ..."
(cd "$ROOT" && go build -o "$WORK/genbackup" ./bench/cmd/genbackup && go build -o "$WORK/verifybackup" ./bench/cmd/verifybackup)

# Same shape for both sizes (dump half the archive, 20000 application
# files), so only the bytes differ, not the number of entries.
BIG="$WORK/big/backup_20261124_101500.zip"
LITTLE="$WORK/small/backup_20261124_101500.zip"
mkdir -p "$WORK/big" "$WORK/small"
echo "generating a $SIZE and a $SMALL backup archive ..."
"$WORK/genbackup" -size "$SIZE" -out "$BIG" >/dev/null
"$WORK/genbackup" -size "$SMALL" -out "$LITTLE" >/dev/null
BYTES=$(stat -c %s "$BIG")
# Both tools read from the page cache, not the disk: warm it once.
cat "$BIG" "$LITTLE" >/dev/null

# measure CMD...: prints "wall user sys maxrss_kib" of one run.
measure() {
	/usr/bin/time -f '%e %U %S %M' -o "$WORK/time.out" "$@" >"$WORK/cmd.out" 2>&1 ||
		{ echo "failed: $*"; cat "$WORK/cmd.out"; exit 1; }
	tail -1 "$WORK/time.out"
}

GO_WALL=(); GO_CPU=(); UZ_WALL=(); UZ_CPU=(); GO_RSS_BIG=0; UZ_RSS=0
for i in $(seq "$ROUNDS"); do
	echo "round $i: backupcheck.Verify ..."
	read -r w u s m < <(measure "$WORK/verifybackup" -file "$BIG")
	GO_WALL+=("$w"); GO_CPU+=("$(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}')")
	[ "$m" -gt "$GO_RSS_BIG" ] && GO_RSS_BIG=$m
	grep -q 'ok=true' "$WORK/cmd.out" || { echo "the verifier rejected the archive:"; cat "$WORK/cmd.out"; exit 1; }
	echo "round $i: unzip -t ..."
	read -r w u s m < <(measure unzip -tqq "$BIG")
	UZ_WALL+=("$w"); UZ_CPU+=("$(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}')")
	[ "$m" -gt "$UZ_RSS" ] && UZ_RSS=$m
done
"$WORK/verifybackup" -file "$BIG" >"$WORK/cmd.out"
TABLES=$(sed -n 's/.* tables=\([0-9]*\) .*/\1/p' "$WORK/cmd.out")
ENTRIES=$(sed -n 's/.* entries=\([0-9]*\) .*/\1/p' "$WORK/cmd.out")
read -r _ _ _ GO_RSS_SMALL < <(measure "$WORK/verifybackup" -file "$LITTLE")
SMALL_BYTES=$(stat -c %s "$LITTLE")

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "backupcheck wall seconds per round: ${GO_WALL[*]}"
echo "unzip -t wall seconds per round:    ${UZ_WALL[*]}"
awk -v bytes="$BYTES" -v sbytes="$SMALL_BYTES" -v gw="$(median "${GO_WALL[@]}")" -v gc="$(median "${GO_CPU[@]}")" \
	-v uw="$(median "${UZ_WALL[@]}")" -v uc="$(median "${UZ_CPU[@]}")" -v grb="$GO_RSS_BIG" -v grs="$GO_RSS_SMALL" \
	-v urss="$UZ_RSS" -v tables="$TABLES" -v entries="$ENTRIES" 'BEGIN {
	mib = bytes / 1048576
	printf "\nVerification of a %.0f MiB backup archive (%d entries, dump with %d tables), median of the rounds, page cache warm\n", mib, entries, tables
	printf "%-24s %10s %10s %10s %16s\n", "", "wall s", "cpu s", "MiB/s", "peak RSS (MiB)"
	printf "%-24s %10.2f %10.2f %10.1f %16.1f\n", "backupcheck.Verify", gw, gc, mib / gw, grb / 1024
	printf "%-24s %10.2f %10.2f %10.1f %16.1f\n", "unzip -t", uw, uc, mib / uw, urss / 1024
	ratio = gw / uw
	printf "\nratio backupcheck / unzip -t: %.2fx wall, %.2fx cpu   (target <= 1.2x: %s)\n", ratio, gc / uc, (ratio <= 1.2 ? "PASS" : "FAIL")
	printf "peak RSS of the verifier: %.1f MiB for %.0f MiB, %.1f MiB for %.0f MiB   (constant in the size: %s)\n",
		grs / 1024, sbytes / 1048576, grb / 1024, mib, (grb <= grs * 1.25 + 4096 ? "PASS" : "FAIL")
}'
