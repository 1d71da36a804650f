#!/usr/bin/env bash
# Download resume benchmark: the simulator cuts a download of a generated
# package at 90 %; crmclient's Download continues it in a new run (and, in
# a second measurement, within the same call), curl continues it with
# `curl -C -`. Prints the bytes the simulator had to send again (target:
# at most 1 % of the file) and the throughput of cut + resume side by side.
#
#   bench/download.sh                 # 1 GiB package
#   BENCH_SIZE=256M bench/download.sh
#   BENCH_ROUNDS=5 bench/download.sh  # more rounds (median counts)
#
# Needs: go, curl.
set -euo pipefail

SIZE="${BENCH_SIZE:-1G}"
ROUNDS="${BENCH_ROUNDS:-3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/1crm-bench-dl.XXXXXX")"
SIM_PID=""
cleanup() {
	if [ -n "$SIM_PID" ]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT

echo "building bench tools ..."
(cd "$ROOT" && go build -o "$WORK/genpkg" ./bench/cmd/genpkg && go build -o "$WORK/simserve" ./bench/cmd/simserve \
	&& go build -o "$WORK/download" ./bench/cmd/download)

echo "generating a $SIZE package ..."
PKG="$WORK/pkg.zip"
"$WORK/genpkg" -size "$SIZE" -out "$PKG"
BYTES=$(stat -c %s "$PKG")
CUT=$((BYTES * 9 / 10))
cat "$PKG" >/dev/null # page cache: the disk is not what is measured

"$WORK/simserve" -listen 127.0.0.1:0 -serve-update "$PKG" >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
for _ in $(seq 50); do
	grep -q '^UPDATE ' "$WORK/sim.out" 2>/dev/null && break
	sleep 0.1
done
URL=$(sed -n 's/^URL //p' "$WORK/sim.out")
LINK="$URL$(sed -n 's/^UPDATE //p' "$WORK/sim.out")"
[ -n "$URL" ] || { echo "simulator did not start:"; cat "$WORK/sim.err"; exit 1; }
echo "simulator at $URL, package $LINK"

sent() { curl -sS "$URL/__bench/stats" | sed -n 's/.*"BodyBytes":\([0-9]*\).*/\1/p'; }
cut_next() { curl -sS -X POST "$URL/__bench/faults?cut=$CUT" >/dev/null; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
same() { cmp -s "$1" "$PKG" || { echo "downloaded file differs: $1"; exit 1; }; }

GO_T=(); GO_R=(); CALL_T=(); CALL_R=(); CURL_T=(); CURL_R=(); GO_HWM=0
for i in $(seq "$ROUNDS"); do
	echo "round $i: crmclient, cut at 90 %, resumed by a new run ..."
	rm -f "$WORK/go.zip"*
	cut_next; s0=$(sent)
	a=$("$WORK/download" -url "$URL" -link "$LINK" -out "$WORK/go.zip" -retries -1) && { echo "no cut happened"; exit 1; } || true
	b=$("$WORK/download" -url "$URL" -link "$LINK" -out "$WORK/go.zip")
	same "$WORK/go.zip"
	GO_T+=("$(awk -v a="$(field seconds "$a")" -v b="$(field seconds "$b")" 'BEGIN{print a+b}')")
	GO_R+=("$(( $(sent) - s0 - BYTES ))")
	[ "$(field resumed_from "$b")" -gt 0 ] || { echo "crmclient did not resume: $b"; exit 1; }
	h=$(field vmhwm_kib "$b"); [ "$h" -gt "$GO_HWM" ] && GO_HWM=$h

	echo "round $i: crmclient, cut at 90 %, picked up within the call ..."
	rm -f "$WORK/call.zip"*
	cut_next; s0=$(sent)
	c=$("$WORK/download" -url "$URL" -link "$LINK" -out "$WORK/call.zip")
	same "$WORK/call.zip"
	CALL_T+=("$(field seconds "$c")"); CALL_R+=("$(( $(sent) - s0 - BYTES ))")

	echo "round $i: curl, cut at 90 %, curl -C - ..."
	rm -f "$WORK/curl.zip"
	cut_next; s0=$(sent)
	ta=$(curl -sS -o "$WORK/curl.zip" -w '%{time_total}' "$LINK" 2>/dev/null || true)
	tb=$(curl -sS -C - -o "$WORK/curl.zip" -w '%{time_total}' "$LINK")
	same "$WORK/curl.zip"
	CURL_T+=("$(awk -v a="${ta:-0}" -v b="$tb" 'BEGIN{print a+b}')"); CURL_R+=("$(( $(sent) - s0 - BYTES ))")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "crmclient (new run) seconds per round:  ${GO_T[*]}   re-sent bytes: ${GO_R[*]}"
echo "crmclient (same call) seconds per round: ${CALL_T[*]}   re-sent bytes: ${CALL_R[*]}"
echo "curl -C - seconds per round:             ${CURL_T[*]}   re-sent bytes: ${CURL_R[*]}"
awk -v bytes="$BYTES" -v gt="$(median "${GO_T[@]}")" -v gr="$(median "${GO_R[@]}")" -v ct="$(median "${CALL_T[@]}")" \
	-v cr="$(median "${CALL_R[@]}")" -v ut="$(median "${CURL_T[@]}")" -v ur="$(median "${CURL_R[@]}")" -v hwm="$GO_HWM" -v size="$SIZE" 'BEGIN {
	mib = bytes / 1048576
	printf "\nDownload of a %s package (%.0f MiB) from the simulator on localhost, cut at 90 %% and resumed; median of the rounds\n", size, mib
	printf "%-30s %10s %10s %16s %10s\n", "", "seconds", "MiB/s", "bytes re-sent", "of file"
	printf "%-30s %10.2f %10.1f %16d %9.3f%%\n", "crmclient, resumed by a new run", gt, mib / gt, gr, 100 * gr / bytes
	printf "%-30s %10.2f %10.1f %16d %9.3f%%\n", "crmclient, within the call", ct, mib / ct, cr, 100 * cr / bytes
	printf "%-30s %10.2f %10.1f %16d %9.3f%%\n", "curl, then curl -C -", ut, mib / ut, ur, 100 * ur / bytes
	worst = (gr > cr) ? gr : cr
	printf "\ntarget: re-sent <= 1 %% of the file: %s (%.3f %%)   throughput vs curl -C -: %.0f %%   crmclient peak RSS %.1f MiB\n",
		(worst <= bytes / 100 ? "PASS" : "FAIL"), 100 * worst / bytes, 100 * ut / gt, hwm / 1024
}'
