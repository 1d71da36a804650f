#!/usr/bin/env bash
# Windows under Wine (issue 11): the unit tests of the packages that touch
# the OS run as Windows binaries — steps/journal (atomic replace with
# MoveFileEx, the LockFileEx lock and lock.info, the state directory, a
# writer killed mid-write) and ui/app (line mode, exit 3 on a held lock,
# the command line) — and the Windows release binary is tried as a new
# user would: --version, --help, a --demo --accessible run to the first
# question, a second wizard refused with exit 3.
#
#   .ci/wine.sh dist/1crm-update_<version>_windows_amd64.exe
#
# Debian 12's Wine 8.0 needs two stand-ins for what Go 1.26 expects of
# Windows 10, both for this check only (real Windows has both):
#  - bcryptprimitives.dll (ProcessPrng), which every Go >= 1.22 program
#    loads at start: built from .ci/wine/bcryptprimitives.c with mingw-w64;
#  - FileDispositionInformationEx, which os.RemoveAll uses (t.TempDir's
#    clean-up); Wine answers STATUS_NOT_IMPLEMENTED where Go expects
#    STATUS_INVALID_INFO_CLASS before falling back, so the test binaries
#    are built with an -overlay that turns Go's own fallback switch on.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${1:?usage: .ci/wine.sh WINDOWS_AMD64_EXE}
exe=$(realpath "$exe")
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"

wine=/usr/lib/wine/wine64
if [ ! -x "$wine" ] || ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
  echo "-- installing wine and mingw-w64 from Debian"
  t0=$SECONDS
  if ! timeout 900 bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wine wine64 gcc-mingw-w64-x86-64-win32 >/dev/null'; then
    echo "wine.sh: Debian's wine/mingw-w64 packages did not install within 15 minutes;" >&2
    echo "the Windows tests cannot run on this machine (see README, 'What differs per OS')." >&2
    exit 1
  fi
  echo "   installed in $((SECONDS - t0)) s"
fi

work=$(mktemp -d)
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEARCH=win64
cleanup() { /usr/lib/wine/wineserver -k 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "-- wine prefix"
t0=$SECONDS
timeout 300 "$wine" wineboot --init >/dev/null 2>&1
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  .ci/wine/bcryptprimitives.c .ci/wine/bcryptprimitives.def -lbcrypt
echo "   ready in $((SECONDS - t0)) s ($("$wine" --version 2>/dev/null || echo wine))"

src="$(go env GOROOT)/src/internal/syscall/windows/at_windows.go"
sed 's/^var TestDeleteatFallback bool$/var TestDeleteatFallback = true/' "$src" > "$work/at_windows.go"
if ! grep -q '^var TestDeleteatFallback = true$' "$work/at_windows.go"; then
  echo "wine.sh: Go's internal TestDeleteatFallback switch is gone ($src);" >&2
  echo "t.TempDir clean-up will fail under Wine 8 — adapt the overlay in .ci/wine.sh." >&2
  exit 1
fi
printf '{"Replace":{"%s":"%s"}}\n' "$src" "$work/at_windows.go" > "$work/overlay.json"

for pkg in steps/journal ui/app; do
  bin="$work/$(basename "$pkg").test.exe"
  GOOS=windows GOARCH=amd64 go test -overlay="$work/overlay.json" -c -o "$bin" "./$pkg"
  t0=$SECONDS
  # From the package folder, as go test runs it (testdata, ../shared).
  if ! (cd "$pkg" && timeout 900 "$wine" "$bin" -test.v -test.count=1 -test.timeout=14m > "$work/out.txt" 2>&1); then
    cat "$work/out.txt"
    echo "FAIL windows/amd64 ./$pkg under wine" >&2
    exit 1
  fi
  echo "ok   windows/amd64 ./$pkg under wine ($((SECONDS - t0)) s: $(grep -c '^--- PASS' "$work/out.txt" || true) tests passed, $(grep -c '^--- SKIP' "$work/out.txt" || true) skipped)"
done

echo "-- the Windows binary as a new user tries it"
run() { timeout 120 "$wine" "$exe" "$@"; }
expect() { # expect WHAT TEXT FILE
  grep -qF -- "$2" "$3" || { echo "wine.sh: $1 lacks \"$2\":" >&2; cat "$3" >&2; exit 1; }
}
run --version > "$work/version.txt"
cat "$work/version.txt"
expect "--version" "1crm-update " "$work/version.txt"
run --help > "$work/help.txt" 2>&1
expect "--help" '%LOCALAPPDATA%\1crm-update' "$work/help.txt"
expect "--help" "-accessible" "$work/help.txt"
echo "   --help: $(wc -l < "$work/help.txt") lines, state directory %LOCALAPPDATA%\\1crm-update"

code=0
run --demo --accessible < /dev/null > "$work/demo.txt" 2>&1 || code=$?
sed -n '1,/Bitte die Nummer eingeben/p' "$work/demo.txt" | sed 's/^/   | /'
expect "--demo --accessible" "Wo läuft diese Instanz?" "$work/demo.txt"
state="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/1crm-update/demo"
ls "$state"/runs/*/journal.json > /dev/null || { echo "wine.sh: no journal under %LOCALAPPDATA%\\1crm-update\\demo" >&2; exit 1; }
echo "   (input ended: exit $code; journal in %LOCALAPPDATA%\\1crm-update\\demo\\runs\\)"

# A second wizard on the same state directory: exit 3, naming the holder.
mkfifo "$work/hold"
(timeout 120 "$wine" "$exe" --demo --accessible --lang en < "$work/hold" > "$work/first.txt" 2>&1 || true) &
exec 3> "$work/hold" # keeps the first wizard waiting at its first question
for _ in $(seq 1 100); do grep -q "Where does this instance run" "$work/first.txt" 2>/dev/null && break; sleep 0.2; done
code=0
run --demo --accessible --lang en < /dev/null > "$work/second.txt" 2>&1 || code=$?
exec 3>&-
wait
if [ "$code" != 3 ]; then
  echo "wine.sh: a second wizard exited $code, want 3:" >&2; cat "$work/second.txt" >&2; exit 1
fi
expect "the second wizard" "(process " "$work/second.txt"
echo "   second wizard: exit 3 — $(cat "$work/second.txt")"
echo "wine OK"
