#!/usr/bin/env bash
# gateway-test.sh: runs the generated gateway's container as its Deployment would, offline, with buildah and podman.
# Called by Tests/InfragenGeneratorsTests/GatewayContainerTests (through DockerImageBuildTests' serialized suite).
#
#   gateway-test.sh build IMAGE
#       Builds IMAGE (e.g. localhost/infragen-gateway-nginx:1.22.1-bookworm) from localhost/debian:bookworm-slim
#       (made by image-test.sh prepare) and Debian 12's nginx package: nginx 1.22.1 with OpenSSL 3.0.
#   gateway-test.sh run SPEC
#       SPEC is a folder the test writes from the generated Deployment and ConfigMap:
#         spec.env        IMAGE USER_ID GROUP_ID CONF_MOUNT TMP_MOUNT TMP_SIZE HTTP_PORT HTTPS_PORT PROBE_PATH HOST
#                         ROUTE TLS_CERT TLS_KEY (paths of the Secret's items in CONF_MOUNT)
#         entrypoint.json the container's command, as JSON; args: its args, one per line
#         prestop         the preStop command's shell script (the third item of its exec command)
#         conf/           the ConfigMap's items at their paths (the TLS pair is made here)
#         upstream.conf   a small nginx answering on 127.0.0.1:9000, the routed service's address in the blueprint
#       Runs the gateway, and the upstream in its network namespace (as two containers of a pod share one): the
#       gateway as USER_ID:GROUP_ID, --read-only, every capability dropped, no new privileges, a tmpfs at TMP_MOUNT,
#       the configuration read-only at CONF_MOUNT (group GROUP_ID, mode 0440, as fsGroup and defaultMode make it),
#       then checks it over HTTP and HTTPS and runs its preStop hook.
# Environment: IMAGE_TEST_STATE (shared with image-test.sh), DRIVER.
# Output: PASS/FAIL, INFO and TIMING lines, then "N passed, M failed"; exit 0 only when nothing failed.
set -euo pipefail

W=$(realpath -m "${IMAGE_TEST_STATE:-./.image-test-state}")
DRIVER=${DRIVER:-overlay}
BASE=localhost/debian:bookworm-slim
PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); echo "PASS $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

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

build() {
  local image=$1 start
  if podman image exists "$image"; then echo "INFO $image exists"; return; fi
  podman image exists "$BASE" || { echo "FAIL $BASE is missing: run image-test.sh prepare"; exit 1; }
  mkdir -p "$W/gateway-image"
  cat > "$W/gateway-image/Dockerfile" <<EOD
FROM $BASE
RUN apt-get update \\
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx \\
    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default
CMD ["nginx", "-g", "daemon off;"]
EOD
  start=$(date +%s%N)
  timeout 900 buildah bud --pull=never --layers --isolation chroot --format docker -t "$image" "$W/gateway-image" \
    >"$W/gateway-image.log" 2>&1 || { tail -30 "$W/gateway-image.log"; echo "FAIL gateway image"; exit 1; }
  printf 'TIMING %-28s %6.1fs\n' "gateway image" "$(( ($(date +%s%N) - start) / 1000000 ))e-3"
}

CONTAINERS=()
cleanup() { local c; for c in "${CONTAINERS[@]}"; do podman rm -f -t 1 "$c" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT

run() {
  local spec=$1 out code start
  # shellcheck disable=SC1091
  source "$spec/spec.env"
  mapfile -t ARGS < "$spec/args"
  echo "INFO $(podman run --rm --pull=never --entrypoint nginx "$IMAGE" -V 2>&1 | grep -E 'nginx version|built with OpenSSL' | tr '\n' ' ')"

  # The Secret's items: a self-signed pair for HOST, where the projected volume puts tls.crt and tls.key.
  mkdir -p "$(dirname "$spec/conf/$TLS_CERT")" "$(dirname "$spec/conf/$TLS_KEY")"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=$HOST" \
    -addext "subjectAltName=DNS:$HOST" -keyout "$spec/conf/$TLS_KEY" -out "$spec/conf/$TLS_CERT" 2>/dev/null
  # fsGroup and defaultMode 0440: owner root, group the pod's, read for both, nothing for others.
  chown -R "0:$GROUP_ID" "$spec/conf" && find "$spec/conf" -type f -exec chmod 0440 {} + \
    && find "$spec/conf" -type d -exec chmod 0750 {} +
  chmod 0444 "$spec/upstream.conf"

  # The gateway exactly as the Deployment runs it; the upstream joins its network namespace, as a second container
  # of a pod would (a podman pod needs a pause image, which there is none of offline).
  POD="infragen-gateway-test-$$"
  CONTAINERS=("$POD-upstream" "$POD-gateway")
  # The open-file limit as containerd sets it (soft 1024, a hard limit far above nginx's worker_rlimit_nofile, twice
  # its worker_connections, which nginx raises its soft limit to); this harness's default hard limit is 1024.
  if ! podman run -d --pull=never --name "$POD-gateway" -p "127.0.0.1::$HTTP_PORT" -p "127.0.0.1::$HTTPS_PORT" \
      --ulimit nofile=1024:16384 --ulimit nproc=4096:4096 \
      --user "$USER_ID:$GROUP_ID" --read-only --read-only-tmpfs=false --cap-drop=ALL --security-opt no-new-privileges \
      --tmpfs "$TMP_MOUNT:rw,size=$TMP_SIZE,mode=1777" -v "$spec/conf:$CONF_MOUNT:ro" \
      --entrypoint "$(cat "$spec/entrypoint.json")" "$IMAGE" "${ARGS[@]}" >/dev/null; then
    bad "the gateway container starts"; return
  fi
  podman run -d --pull=never --network "container:$POD-gateway" --name "$POD-upstream" --read-only \
    --read-only-tmpfs=false --tmpfs /tmp:rw,mode=1777 --user "$USER_ID:$GROUP_ID" --cap-drop=ALL \
    -v "$spec/upstream.conf:/upstream/nginx.conf:ro" --entrypoint nginx "$IMAGE" \
    -p /tmp/ -c /upstream/nginx.conf -e stderr -g 'daemon off;' >/dev/null
  local http https
  http=$(podman port "$POD-gateway" "$HTTP_PORT/tcp" | sed 's/.*://')
  https=$(podman port "$POD-gateway" "$HTTPS_PORT/tcp" | sed 's/.*://')

  out=""
  for _ in $(seq 1 40); do
    out=$(curl -fsS --max-time 2 "http://127.0.0.1:$http$PROBE_PATH" 2>/dev/null) && break
    sleep 0.25
  done
  check "the probe $PROBE_PATH answers ok on the HTTP port ($out)" [ "$out" = ok ]
  if [ "$out" != ok ]; then podman logs "$POD-gateway" 2>&1 | tail -20; return; fi
  check "nginx runs as $USER_ID, master and workers ($(podman top "$POD-gateway" huser | tail -n +2 | tr -s ' \n' ' '))" \
    bash -c "[ -z \"\$(podman top '$POD-gateway' huser | tail -n +2 | tr -d ' ' | grep -vx '$USER_ID')\" ]"
  check "the root filesystem is read-only" \
    bash -c "! podman exec '$POD-gateway' /bin/sh -c 'echo x > /etc/nginx/x' 2>/dev/null"
  check "the pid file is in the emptyDir" podman exec "$POD-gateway" test -f "$TMP_MOUNT/nginx.pid"

  out=$(curl -sS --max-time 5 -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: $HOST" \
    "http://127.0.0.1:$http$ROUTE?x=1")
  check "HTTP redirects to the public HTTPS port with 308 ($out)" [ "$out" = "308 https://$HOST$ROUTE?x=1" ]
  out=$(curl -sS --max-time 5 --cacert "$spec/conf/$TLS_CERT" --resolve "$HOST:$https:127.0.0.1" \
    "https://$HOST:$https$ROUTE" || true)
  echo "INFO routed answer: $out"
  check "a routed request over HTTPS reaches the upstream" grep -q "^upstream GET $ROUTE " <<<"$out"
  code=$(curl -sS --max-time 5 -o /dev/null -w '%{http_code}' --cacert "$spec/conf/$TLS_CERT" \
    --resolve "$HOST:$https:127.0.0.1" "https://$HOST:$https$PROBE_PATH")
  check "the host's HTTPS server answers $PROBE_PATH ($code)" [ "$code" = 200 ]
  code=$(curl -sS --max-time 5 -o /dev/null -w '%{http_code}' --cacert "$spec/conf/$TLS_CERT" \
    --resolve "$HOST:$https:127.0.0.1" "https://$HOST:$https/nowhere")
  check "an unrouted path answers 404 ($code)" [ "$code" = 404 ]
  out=$(podman logs "$POD-gateway" 2>&1 | grep -E '\[(emerg|alert|crit|error)\]' || true)
  check "nginx logged no error or emergency${out:+: $out}" [ -z "$out" ]

  # The preStop hook: nginx keeps serving through the pause, then quits gracefully by itself.
  start=$(date +%s)
  podman exec -d "$POD-gateway" /bin/sh -c "$(cat "$spec/prestop")"
  sleep 0.3
  out=$(curl -fsS --max-time 2 "http://127.0.0.1:$http$PROBE_PATH" 2>/dev/null || true)
  check "the gateway still serves during the preStop pause ($out)" [ "$out" = ok ]
  code=$(timeout 60 podman wait "$POD-gateway" 2>/dev/null || echo timeout)
  printf 'TIMING %-28s %6.1fs\n' "preStop to exit" "$(( $(date +%s) - start ))"
  check "after the preStop hook nginx exits by itself, with status 0 ($code)" [ "$code" = 0 ]
  check "the exit came within the grace period ($(( $(date +%s) - start )) s <= $GRACE s)" \
    [ "$(( $(date +%s) - start ))" -le "$GRACE" ]
}

case "${1:-}" in
  build) [ $# = 2 ] || { echo "usage: $0 build IMAGE"; exit 2; }; build "$2" ;;
  run) [ $# = 2 ] || { echo "usage: $0 run SPEC"; exit 2; }; run "$2" ;;
  *) echo "usage: $0 build IMAGE | run SPEC"; exit 2 ;;
esac
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
