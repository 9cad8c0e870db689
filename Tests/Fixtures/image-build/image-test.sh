#!/usr/bin/env bash
# image-test.sh: builds a generated Dockerfile, unchanged, with buildah and runs the image with podman, offline
# (no Docker engine, no registry), then checks the running container. Called by
# Tests/InfragenGeneratorsTests/DockerImageBuildTests.swift; adapted from the measured offline recipe.
#
#   image-test.sh prepare
#       Makes the local images the test blueprint points at, when they are missing:
#       localhost/debian:bookworm-slim   debootstrap --variant=minbase bookworm, from this host's apt mirror
#       localhost/golang:1.19-bookworm   that base + Debian's golang-go (Go 1.19) and ca-certificates
#   image-test.sh check NAME DOCKERFILE USER SHELL
#       Builds DOCKERFILE on the Go program in app/ (next to this script) with DOCKERFILE.dockerignore, runs it on
#       127.0.0.1 and checks it. USER is the expected numeric uid:gid; SHELL is "shell" or "no-shell".
#
# Environment: IMAGE_TEST_STATE  all state (images, caches, logs; ~1 GB; keep it out of git), default
#                                ./.image-test-state
#              DRIVER            containers/storage driver: overlay (default) or vfs
#              MIRROR            Debian mirror for debootstrap (default: the one serving this host's bookworm/main)
# Output: PASS/FAIL and TIMING lines, then "N passed, M failed"; the exit status is 0 only when nothing failed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
W=$(realpath -m "${IMAGE_TEST_STATE:-./.image-test-state}")
DRIVER=${DRIVER:-overlay}
BASE=localhost/debian:bookworm-slim
BUILDER=localhost/golang:1.19-bookworm
VERSION=1.2.3-test
REVISION=0123abc

PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); echo "PASS $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
timed() { # timed PHASE command...: runs the command and prints its wall time
  local phase=$1 start rc=0; shift
  start=$(date +%s%N)
  "$@" || rc=$?
  printf 'TIMING %-28s %6.1fs\n' "$phase" "$(( ($(date +%s%N) - start) / 1000000 ))e-3" >&3
  return $rc
}
exec 3>&1   # TIMING lines reach stdout even when a phase's own output goes to a log

# Private storage and engine configuration, all under $W. runc: crun refuses hybrid cgroup layouts such as this
# kind of host's; explicit ulimits: the host may lack CAP_SYS_RESOURCE.
mkdir -p "$W/tmp"
cat > "$W/storage.conf" <<EOC
[storage]
driver = "$DRIVER"
runroot = "$W/run"
graphroot = "$W/storage"
EOC
cat > "$W/containers.conf" <<'EOC'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
[engine]
runtime = "runc"
EOC
export CONTAINERS_STORAGE_CONF="$W/storage.conf" CONTAINERS_CONF="$W/containers.conf" TMPDIR="$W/tmp"
PLATFORM=linux/$(dpkg --print-architecture 2>/dev/null || echo amd64)   # Debian and OCI names agree on amd64/arm64

# debootstrap mounts /proc (and more) inside the rootfs and leaves them mounted when it fails: unmount everything
# below it, deepest first, before anything removes it, and never let rm cross into another file system.
unmount_rootfs() {
  local target
  for target in $(awk -v root="$W/rootfs" 'index($2, root) == 1 {print $2}' /proc/mounts | sort -r); do
    umount -l "$target" 2>/dev/null || true
  done
}
remove_rootfs() { unmount_rootfs; rm -rf --one-file-system "$W/rootfs"; }

prepare() {
  if ! podman image exists "$BASE"; then
    # The mirror that serves this host's bookworm/main (apt-cache policy skips disabled source files).
    local mirror=${MIRROR:-$(apt-cache policy 2>/dev/null | awk '$3 == "bookworm/main" {print $2; exit}' || true)}
    [ -n "$mirror" ] || { echo "FAIL no Debian mirror found: run apt-get update, or set MIRROR"; exit 1; }
    # One retry: the mirror is a network service, and a failed debootstrap leaves nothing worth keeping.
    local attempt
    for attempt in 1 2; do
      remove_rootfs
      if timed debootstrap timeout 900 debootstrap --variant=minbase bookworm "$W/rootfs" "$mirror" \
        >"$W/debootstrap.log" 2>&1; then
        break
      fi
      tail -20 "$W/debootstrap.log"
      [ -f "$W/rootfs/debootstrap/debootstrap.log" ] && tail -5 "$W/rootfs/debootstrap/debootstrap.log"
      if [ "$attempt" = 2 ]; then remove_rootfs; echo "FAIL debootstrap"; exit 1; fi
      echo "debootstrap failed; retrying once"
    done
    unmount_rootfs
    rm -rf "$W"/rootfs/var/lib/apt/lists/* "$W"/rootfs/var/cache/apt/archives/*.deb
    timed import bash -c "tar --numeric-owner -C '$W/rootfs' -c . |
      podman import --change 'CMD [\"bash\"]' - '$BASE' >/dev/null"
    remove_rootfs
  fi
  if ! podman image exists "$BUILDER"; then
    # GOPATH stays at Debian's default ($HOME/go) on purpose: the generated Dockerfile's fixed GOMODCACHE and
    # GOCACHE must make the cache mounts right for any builder.
    mkdir -p "$W/builder"
    cat > "$W/builder/Dockerfile" <<EOF
FROM $BASE
RUN apt-get update \\
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends golang-go ca-certificates \\
    && rm -rf /var/lib/apt/lists/*
CMD ["go", "version"]
EOF
    timed builder-image timeout 900 buildah bud --pull=never --isolation chroot --layers -t "$BUILDER" "$W/builder" \
      >"$W/builder.log" 2>&1 || { tail -30 "$W/builder.log"; echo "FAIL builder image"; exit 1; }
  fi
  echo "images: $BASE, $BUILDER ($(podman run --rm --pull=never "$BUILDER" go version))"
}

build() { # build NAME DOCKERFILE CONTEXT [--target STAGE]: the file as generated, only VERSION and REVISION given
  local name=$1 dockerfile=$2 context=$3; shift 3
  # --format docker keeps HEALTHCHECK (OCI drops it); --platform silences buildah's "missing TARGETOS" warning.
  # buildah 1.28 does not look for <Dockerfile>.dockerignore by itself (BuildKit does): pass it.
  timeout 900 buildah bud --pull=never --layers --isolation chroot --format docker --platform "$PLATFORM" \
    -f "$dockerfile" --ignorefile "$dockerfile.dockerignore" \
    --build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION" "$@" "$context"
}

check_image() {
  local name=$1 dockerfile=$2 user=$3 shell=$4
  local img="localhost/infragen-image-test-$name:test" ctr="infragen-image-test-$name-$$" context="$W/context-$name"
  local out mnt files port
  # The build context: the Go program, plus files the ignore file must keep out.
  rm -rf "$context" && cp -R "$HERE/app" "$context"
  echo "SECRET=must-not-reach-the-image" > "$context/.env"
  echo "not a test binary" > "$context/notes.test"

  if ! timed "build $name" build "$name" "$dockerfile" "$context" -t "$img" >"$W/build-$name.log" 2>&1; then
    tail -40 "$W/build-$name.log"; bad "$name: build"; return
  fi
  ok "$name: build"

  check "$name: image USER is $user" [ "$(podman image inspect --format '{{.Config.User}}' "$img")" = "$user" ]
  check "$name: ENTRYPOINT is exec form /app/server" \
    [ "$(podman image inspect --format '{{json .Config.Entrypoint}}' "$img")" = '["/app/server"]' ]
  check "$name: exposes 8080/tcp" grep -q '8080/tcp' <<<"$(podman image inspect --format '{{json .Config.ExposedPorts}}' "$img")"
  check "$name: label version from the build argument" [ "$(podman image inspect --format \
    '{{index .Config.Labels "org.opencontainers.image.version"}}' "$img")" = "$VERSION" ]
  check "$name: label revision from the build argument" [ "$(podman image inspect --format \
    '{{index .Config.Labels "org.opencontainers.image.revision"}}' "$img")" = "$REVISION" ]

  mnt=$(podman image mount "$img")
  check "$name: /app/server is root:root 755" [ "$(stat -c '%u:%g %a' "$mnt/app/server")" = "0:0 755" ]
  if [ "$shell" = no-shell ]; then
    files=$(cd "$mnt" && find . \( -type f -o -type l \) | sort | tr '\n' ' ')
    check "$name: only the binary, CA bundle, passwd and group ($files)" \
      [ "$files" = "./app/server ./etc/group ./etc/passwd ./etc/ssl/certs/ca-certificates.crt " ]
  fi
  podman image unmount "$img" >/dev/null
  echo "INFO $name: image size $(podman image inspect --format '{{.Size}}' "$img") bytes"

  # The ignore file: the build stage's /src has the module but not what the ignore file excludes.
  if timed "build $name (build stage)" build "$name" "$dockerfile" "$context" --target build \
      -t "localhost/infragen-image-test-$name-build:test" >"$W/build-$name-stage.log" 2>&1; then
    out=$(podman run --rm --pull=never --entrypoint /bin/sh "localhost/infragen-image-test-$name-build:test" \
      -c 'ls -A /src | tr "\n" " "')
    check "$name: the ignore file keeps .env and *.test out of the build context ($out)" \
      bash -c "[[ ' $out' == *' go.mod '* && ' $out' != *' .env '* && ' $out' != *' notes.test '* ]]"
  else
    tail -20 "$W/build-$name-stage.log"; bad "$name: build stage"
  fi

  # Run it, published on 127.0.0.1 only, on a port podman picks.
  podman rm -f -t 1 "$ctr" >/dev/null 2>&1 || true
  CONTAINERS+=("$ctr")
  if ! podman run -d --pull=never --name "$ctr" -p 127.0.0.1::8080 "$img" >/dev/null; then
    bad "$name: container starts"; return
  fi
  port=$(podman port "$ctr" 8080/tcp | sed 's/.*://')
  out=""
  for _ in $(seq 1 60); do
    out=$(curl -fsS --max-time 2 "http://127.0.0.1:$port/" 2>/dev/null) && break
    sleep 0.25
  done
  echo "INFO $name: answer: $out"
  check "$name: answers HTTP on 127.0.0.1" [ -n "$out" ]
  check "$name: /healthz answers ok" [ "$(curl -fsS --max-time 2 "http://127.0.0.1:$port/healthz" || true)" = ok ]
  check "$name: the process runs as $user" grep -q "uid=${user%%:*} gid=${user##*:} " <<<"$out"
  check "$name: podman top shows user ${user%%:*}" [ "$(podman top "$ctr" huser | sed -n 2p | tr -d ' ')" = "${user%%:*}" ]
  check "$name: version and commit from the build arguments" grep -q "version=$VERSION commit=$REVISION " <<<"$out"
  check "$name: time zones load" grep -q 'tz=ok' <<<"$out"
  check "$name: the CA bundle loads" grep -qE 'certs=[1-9]' <<<"$out"
  check "$name: the binary is not writable by the app" grep -q 'exe_writable=no(permission)' <<<"$out"
  if [ "$shell" = no-shell ]; then
    check "$name: no shell (podman run --entrypoint /bin/sh fails)" \
      bash -c "! podman run --rm --pull=never --entrypoint /bin/sh '$img' -c true >/dev/null 2>&1"
  else
    check "$name: a shell runs as ${user%%:*} and cannot write the binary" [ "$(podman run --rm --pull=never \
      --entrypoint /bin/sh "$img" -c 'id -u; test -w /app/server && echo rw || echo ro' | tr '\n' ' ')" = "${user%%:*} ro " ]
  fi
  podman rm -f -t 1 "$ctr" >/dev/null
}

CONTAINERS=()
cleanup() { local c; for c in "${CONTAINERS[@]}"; do podman rm -f -t 1 "$c" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT

case "${1:-}" in
  prepare)
    timed prepare prepare
    ;;
  check)
    [ $# = 5 ] || { echo "usage: $0 check NAME DOCKERFILE USER shell|no-shell"; exit 2; }
    start=$(date +%s%N)
    check_image "$2" "$(realpath "$3")" "$4" "$5"
    left=$(podman ps -a --format '{{.Names}}' | grep -c "^infragen-image-test-$2-$$\$" || true)
    check "$2: no test container left" [ "$left" = 0 ]
    printf 'TIMING %-28s %6.1fs\n' "check $2 total" "$(( ($(date +%s%N) - start) / 1000000 ))e-3"
    ;;
  *)
    echo "usage: $0 prepare | check NAME DOCKERFILE USER shell|no-shell"; exit 2
    ;;
esac
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
