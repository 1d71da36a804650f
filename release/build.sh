#!/usr/bin/env bash
# Release binaries with the Go toolchain alone (what a .goreleaser.yaml
# would do; goreleaser itself cannot be installed where only the Go module
# proxy and Debian's packages are reachable).
#
#   release/build.sh                 all six targets into dist/
#   VERSION=v1.2.0 release/build.sh  the version to stamp (default: git describe)
#   TARGETS="linux/amd64 windows/amd64" release/build.sh
#
# Every binary is static (CGO_ENABLED=0: no libc, runs on any distribution,
# on Windows without a runtime, on macOS without Xcode), built with
# -trimpath and stamped with version, commit and the commit's time, so one
# commit always gives byte-identical binaries. dist/SHA256SUMS lists them in
# the format `sha256sum -c` and `shasum -a 256 -c` read.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="/usr/local/go/bin:$PATH"
targets=${TARGETS:-"linux/amd64 linux/arm64 windows/amd64 windows/arm64 darwin/amd64 darwin/arm64"}
out=${DIST:-dist}

commit=$(git rev-parse --short=12 HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  commit="$commit-dirty"
fi
version=${VERSION:-$(git describe --tags --always --dirty)}
date=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ)

pkg=github.com/visual4/1crm-update/ui/app
ldflags="-s -w -X $pkg.Version=$version -X $pkg.Commit=$commit -X $pkg.Date=$date"

rm -rf "$out"
mkdir -p "$out"
for t in $targets; do
  goos=${t%/*} goarch=${t#*/}
  name="1crm-update_${version#v}_${goos}_${goarch}"
  [ "$goos" = windows ] && name="$name.exe"
  echo "build $name"
  CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch GOFLAGS=-buildvcs=false \
    go build -trimpath -ldflags "$ldflags" -o "$out/$name" .
done
(cd "$out" && sha256sum -- 1crm-update_* > SHA256SUMS)
echo "== $out/SHA256SUMS"
cat "$out/SHA256SUMS"
