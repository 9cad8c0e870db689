#!/usr/bin/env bash
# Builds the SLO end-to-end test's service offline, in GOPATH mode, from Debian's Go packages (golang-go,
# golang-github-gin-gonic-gin-dev, golang-github-prometheus-client-golang-dev): no module proxy, no network.
# Usage: build.sh <work folder> <output binary>. Everything Go writes (GOPATH, build cache) stays in the work folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$1"
out="$2"
mkdir -p "$work/gopath/src/slo-e2e-service" "$work/cache" "$work/tmp"
cp "$here/main.go" "$work/gopath/src/slo-e2e-service/main.go"
export GO111MODULE=off
export GOPATH="$work/gopath:/usr/share/gocode"
export GOCACHE="$work/cache"
export GOTMPDIR="$work/tmp"
export GOFLAGS="" GOPROXY=off GOSUMDB=off GOTOOLCHAIN=local CGO_ENABLED=0
unset GOROOT GOBIN
go version
cd "$work/gopath/src/slo-e2e-service"
go build -o "$out" .
