#!/usr/bin/env bash
# Upload benchmark: crmclient's streaming Upload vs. curl -F, against the
# simulator on localhost. Prints throughput and the uploader's peak RSS
# next to the targets (peak RSS <= 64 MiB, throughput >= 80 % of curl).
#
#   bench/upload.sh                # 1 GiB package
#   BENCH_SIZE=256M bench/upload.sh
#   BENCH_ROUNDS=5 bench/upload.sh             # more rounds (median counts)
#   BENCH_WRITE_BUFFER=1M bench/upload.sh      # experiment: other write buffer
#
# Needs: go, curl. Uses only the simulator's demo credentials; the password
# travels through the environment and stdin, never argv.
set -euo pipefail

SIZE="${BENCH_SIZE:-1G}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/1crm-bench.XXXXXX")"
SIM_PID=""
cleanup() {
	if [ -n "$SIM_PID" ]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT

echo "building bench tools ..."
(cd "$ROOT" && go build -o "$WORK/genpkg" ./bench/cmd/genpkg \
	&& go build -o "$WORK/simserve" ./bench/cmd/simserve \
	&& go build -o "$WORK/upload" ./bench/cmd/upload)

echo "generating a $SIZE package ..."
PKG="$WORK/bench-pkg.zip"
"$WORK/genpkg" -size "$SIZE" -out "$PKG"
BYTES=$(stat -c %s "$PKG")

mkdir -p "$WORK/sim-tmp"
"$WORK/simserve" -listen 127.0.0.1:0 -tmpdir "$WORK/sim-tmp" >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
for _ in $(seq 50); do
	grep -q '^URL ' "$WORK/sim.out" 2>/dev/null && break
	sleep 0.1
done
URL=$(sed -n 's/^URL //p' "$WORK/sim.out")
[ -n "$URL" ] || { echo "simulator did not start:"; cat "$WORK/sim.err"; exit 1; }
echo "simulator at $URL"

# Both uploaders run BENCH_ROUNDS times (default 3), alternating, and the
# median time of each counts: on a 2-core machine the simulator shares the
# CPU with the uploader, so single runs swing by +-15 %.
ROUNDS="${BENCH_ROUNDS:-3}"
export ONECRM_PASSWORD="${ONECRM_PASSWORD:-demo-admin-pw}"
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
JAR="$WORK/cookies"
# curl logs in per spec §2 (form POST, cookie jar), then posts the same
# multipart fields as the upgrade manager form (spec §5.2).
curl -sS -o /dev/null -c "$JAR" -b "$JAR" "$URL/index.php?module=Users&action=Login"
printf 'module=Users&action=Authenticate&user_name=admin&user_password=%s' "$ONECRM_PASSWORD" |
	curl -sS -o /dev/null -c "$JAR" -b "$JAR" --data-binary @- "$URL/index.php"
CURL_TIME_FMT='%{time_total} %{size_upload} %{http_code}\n'
GO_TIMES=(); CURL_TIMES=(); GO_HWM=0; CURL_HWM="n/a"
for i in $(seq "$ROUNDS"); do
	# A new file name per round (hard links: same bytes, same page cache),
	# because the upgrade manager refuses duplicate file names.
	ln -f "$PKG" "$WORK/bench-go-$i.zip"
	echo "round $i: crmclient.Upload ..."
	# BENCH_WRITE_BUFFER=1M overrides the transport write buffer (experiment).
	GO_LINE=$("$WORK/upload" -url "$URL" -file "$WORK/bench-go-$i.zip" ${BENCH_WRITE_BUFFER:+-write-buffer "$BENCH_WRITE_BUFFER"})
	GO_TIMES+=("$(field seconds "$GO_LINE")")
	hwm=$(field vmhwm_kib "$GO_LINE"); [ "$hwm" -gt "$GO_HWM" ] && GO_HWM=$hwm
	echo "round $i: curl -F ..."
	CURL_RUN=(curl -sS -H 'Expect:' -c "$JAR" -b "$JAR" -o "$WORK/curl-answer.html" -w "$CURL_TIME_FMT"
		-F module=UWizard -F action=index -F perform=upload
		-F "upgrade_zip=@$PKG;filename=bench-curl-$i.zip;type=application/zip" "$URL/index.php")
	if [ -x /usr/bin/time ]; then
		read -r secs _ code < <(/usr/bin/time -f '%M' -o "$WORK/curl.rss" "${CURL_RUN[@]}")
		CURL_HWM=$(tail -1 "$WORK/curl.rss")
	else
		read -r secs _ code < <("${CURL_RUN[@]}")
	fi
	grep -q "bench-curl-$i.zip" "$WORK/curl-answer.html" ||
		grep -q "Package uploaded successfully" "$WORK/curl-answer.html" ||
		{ echo "curl upload was not accepted (HTTP $code)"; exit 1; }
	CURL_TIMES+=("$secs")
	rm -f "$WORK/bench-go-$i.zip"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
GO_SECS=$(median "${GO_TIMES[@]}")
CURL_SECS=$(median "${CURL_TIMES[@]}")
echo "crmclient seconds per round: ${GO_TIMES[*]}"
echo "curl seconds per round:      ${CURL_TIMES[*]}"

awk -v bytes="$BYTES" -v gs="$GO_SECS" -v cs="$CURL_SECS" -v ghwm="$GO_HWM" -v chwm="$CURL_HWM" -v size="$SIZE" 'BEGIN {
	mib = bytes / 1048576
	gr = mib / gs; cr = mib / cs
	ratio = 100 * gr / cr
	printf "\nUpload of a %s package (%.0f MiB) to the simulator on localhost, median of the rounds\n", size, mib
	printf "%-22s %12s %14s %16s\n", "", "seconds", "MiB/s", "peak RSS (MiB)"
	printf "%-22s %12.2f %14.1f %16.1f\n", "crmclient.Upload", gs, gr, ghwm / 1024
	if (chwm == "n/a") printf "%-22s %12.2f %14.1f %16s\n", "curl -F", cs, cr, "n/a"
	else printf "%-22s %12.2f %14.1f %16.1f\n", "curl -F", cs, cr, chwm / 1024
	printf "\ntargets: peak RSS <= 64 MiB: %s (%.1f MiB)   throughput >= 80 %% of curl: %s (%.0f %%)\n",
		(ghwm / 1024 <= 64 ? "PASS" : "FAIL"), ghwm / 1024, (ratio >= 80 ? "PASS" : "FAIL"), ratio
}'
