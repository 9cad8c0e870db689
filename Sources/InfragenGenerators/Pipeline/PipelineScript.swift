import InfragenModel

/// `<system>/ci/pipeline.sh`: every step of the pipeline as one POSIX sh script, which the GitLab pipeline and the
/// GitHub workflow both call (`sh Output/<system>/ci/pipeline.sh <step> …`), so the two run the same commands and
/// shellcheck and the tests read one file. The system's facts (services, sources, images, environments, the places
/// of every image in the manifests) are tables of `case` branches, each value one single-quoted word.
///
/// Steps hand their results to later jobs through `.infragen/` (the jobs keep it as an artifact):
///
///     changes                  .infragen/changed: the services whose sources changed since INFRAGEN_BASE_SHA
///     build <service>          .infragen/images/<service>: repository@digest of the image it pushed
///     deploy <env> <mode>      applies the environment; mode release | canary | promote | cutback | previous
///     smoke <env>              the gateway's /healthz and every GET route, through the environment's URL
///     gate                     the prod canary's burn rates against stable's, from Prometheus
///     rollback <env>           the environment's rollback strategy
///     notify <message>         posts to INFRAGEN_NOTIFY_WEBHOOK when it is set
struct PipelineScript {
    let system: ResolvedSystem
    let pipeline: PipelineDescription
    let builds: [PipelineBuild]
    let environments: [PipelineEnvironment]

    static let fileName = "pipeline.sh"
    static let state = ".infragen"
    /// The ConfigMap in each namespace where the deploys record the image every workload ran before its last change.
    static let previousImages = "infragen-previous-images"

    var folder: String { "\(pipeline.outputFolder)/\(system.name)" }
    var path: String { "\(folder)/ci/\(Self.fileName)" }

    func text() -> String {
        [prologue, tables, stepChanges, stepBuild, stepDeploy, stepSmoke, stepGate, stepRollback, stepNotify, main]
            .joined(separator: "\n")
    }

    private var prologue: String {
        """
        # shellcheck shell=sh
        # The delivery steps of system \(system.name): sh \(path) <step> [arguments] (the steps are listed at the end).
        # CI variables: INFRAGEN_BASE_SHA and INFRAGEN_COMMIT_SHA (set by the pipeline), REGISTRY_USER and
        # REGISTRY_PASSWORD (build), KUBECONFIG (deploy, per environment), PROMETHEUS_TOKEN (gate, optional),
        # INFRAGEN_NOTIFY_WEBHOOK (notify, optional). Secrets come only from CI variables, never from files here.
        set -eu

        system=\(Shell.quoted(system.name))
        state=\(Shell.quoted(Self.state))

        fail() {
          printf '%s: %s\\n' "$system" "$*" >&2
          exit 1
        }

        # An image reference as kubectl prints it: registry/repository[:tag][@digest], nothing else.
        valid_reference() {
          case "$1" in
            '' | *[!A-Za-z0-9._/:@-]*) return 1 ;;
            *) return 0 ;;
          esac
        }

        """
    }

    // MARK: - Steps

    private var stepChanges: String {
        """
        # changes: the services to build. Without a base commit that this clone has (the first push of a branch, a
        # shallow clone), every service.
        step_changes() {
          mkdir -p "$state"
          base=${INFRAGEN_BASE_SHA:-}
          head=${INFRAGEN_COMMIT_SHA:-HEAD}
          : > "$state/changed"
          for service in $(services); do
            if [ -z "$base" ] || ! git cat-file -e "$base^{commit}" 2>/dev/null; then
              printf '%s\\n' "$service" >> "$state/changed"
            elif sources_changed "$service" "$base" "$head"; then
              printf '%s\\n' "$service" >> "$state/changed"
            fi
          done
          printf 'to build: %s\\n' "$(tr '\\n' ' ' < "$state/changed")"
        }

        """
    }

    private var stepBuild: String {
        let push: String
        switch pipeline.builder {
        case .buildah:
            push = """
              printf '%s' "$REGISTRY_PASSWORD" | buildah login --username "$REGISTRY_USER" --password-stdin "$registry"
              if [ -n "$ignorefile" ]; then set -- --ignorefile "$ignorefile"; else set --; fi
              buildah build --file "$dockerfile" "$@" --build-arg VERSION="$version" \\
                --build-arg REVISION="$INFRAGEN_COMMIT_SHA" --tag "$image" "$context"
              buildah push --digestfile "$state/digest" "$image"
            """
        case .kaniko:
            push = """
              # kaniko parses RUN --mount=type=cache and runs the command without the mount: the same image, with no
              # cache kept between builds.
              # kaniko reads ignore rules only from the context's .dockerignore (this is a fresh CI checkout).
              if [ -n "$ignorefile" ]; then cp "$ignorefile" "$context/.dockerignore"; fi
              mkdir -p /kaniko/.docker
              auth=$(printf '%s:%s' "$REGISTRY_USER" "$REGISTRY_PASSWORD" | base64 | tr -d '\\n')
              printf '{"auths":{"%s":{"auth":"%s"}}}\\n' "$registry" "$auth" > /kaniko/.docker/config.json
              /kaniko/executor --context "dir://$PWD/$context" --dockerfile "$PWD/$dockerfile" \\
                --build-arg VERSION="$version" --build-arg REVISION="$INFRAGEN_COMMIT_SHA" \\
                --destination "$image" --digest-file "$state/digest"
            """
        }
        return """
        # build <service>: builds and pushes the service's image when its sources changed, tagged <version>-<commit>,
        # and records repository@digest for the deploy steps.
        step_build() {
          service=$1
          build_facts "$service"
          if ! grep -qx "$service" "$state/changed"; then
            printf '%s: unchanged, not built\\n' "$service"
            return 0
          fi
          commit=$(printf '%s' "$INFRAGEN_COMMIT_SHA" | cut -c1-12)
          image="$repository:$version-$commit"
          mkdir -p "$state/images"
        \(push)
          digest=$(cat "$state/digest")
          printf '%s@%s\\n' "$repository" "$digest" > "$state/images/$service"
          printf '%s: pushed %s@%s\\n' "$service" "$repository" "$digest"
        }

        """
    }

    private var stepDeploy: String {
        let allowlist = ClusterManifests.pruneAllowlist.map { "--prune-allowlist=\($0)" }.joined(separator: " ")
        let timeout = Shell.seconds(pipeline.rolloutTimeout)
        return """
        # The image a workload runs in the cluster now ('' when it does not exist yet).
        current_image() {
          kubectl --namespace "$namespace" get "$1" "$2" -o "jsonpath=$3" 2>/dev/null || true
        }

        # track_image <env> <service> <track>: the image that track of the service runs in the cluster now.
        track_image() {
          image_targets "$1" | while read -r service track kind name pointer jsonpath; do
            if [ "$service" = "$2" ] && [ "$track" = "$3" ]; then
              current_image "$kind" "$name" "$jsonpath"
              break
            fi
          done
        }

        # The image a workload ran before the last deploy that changed it, from the ConfigMap the deploys keep.
        previous_image() {
          kubectl --namespace "$namespace" get configmap \(Self.previousImages) \\
            -o "jsonpath={.data.$1\\.$2}" 2>/dev/null || true
        }

        # deploy <env> <mode>: writes a kustomization over the environment's generated folder that pins each image,
        # applies it with pruning, and waits for every rollout.
        #   release   every track runs the image built here, else what the cluster runs (dev, staging, prod without canary)
        #   canary    the canary runs the image built here; stable keeps what the cluster runs
        #   promote   stable runs the canary's image
        #   cutback   the canary runs stable's image (the canary's share then serves the stable release)
        #   previous  every workload goes back to the image it ran before the last change (image rollback)
        # The ConfigMap \(Self.previousImages) keeps, per workload, the image it ran before its last change.
        step_deploy() {
          environment=$1 mode=$2
          environment_facts "$environment"
          overlay="$state/deploy/$environment"
          mkdir -p "$overlay"
          base=$(printf '%s' "$overlay" | sed 's|[^/][^/]*|..|g')/$manifests
          : > "$overlay/previous"
          {
            printf 'apiVersion: kustomize.config.k8s.io/v1beta1\\nkind: Kustomization\\nnamespace: %s\\n' "$namespace"
            printf 'resources:\\n- %s\\npatches:\\n' "$base"
            image_targets "$environment" | while read -r service track kind name pointer jsonpath; do
              now=$(current_image "$kind" "$name" "$jsonpath")
              built=""
              if [ -f "$state/images/$service" ]; then built=$(cat "$state/images/$service"); fi
              case "$mode/$track" in
                release/* | canary/canary) image=${built:-$now} ;;
                canary/stable | promote/canary | cutback/stable) image=$now ;;
                promote/stable) image=$(track_image "$environment" "$service" canary) ;;
                cutback/canary) image=$(track_image "$environment" "$service" stable) ;;
                previous/*) image=$(previous_image "$kind" "$name") ;;
                *) fail "unknown deploy mode $mode" ;;
              esac
              # What the workload ran before its last change: now, when this deploy changes it.
              before=$(previous_image "$kind" "$name")
              if [ -n "$now" ] && [ -n "$image" ] && [ "$now" != "$image" ] && [ "$mode" != previous ]; then before=$now; fi
              if [ -n "$before" ]; then printf '  - %s.%s=%s\\n' "$kind" "$name" "$before" >> "$overlay/previous"; fi
              # Nothing chosen (a first deploy of an unchanged service): the generated reference stands.
              [ -n "$image" ] || continue
              valid_reference "$image" || fail "$kind/$name: refusing the image reference '$image'"
              printf -- '- target:\\n    kind: %s\\n    name: %s\\n  patch: |-\\n' "$kind" "$name"
              printf '    - op: replace\\n      path: %s\\n      value: %s\\n' "$pointer" "$image"
            done
            if [ -s "$overlay/previous" ]; then
              printf 'generatorOptions:\\n  disableNameSuffixHash: true\\nconfigMapGenerator:\\n'
              printf -- '- name: \(Self.previousImages)\\n  literals:\\n'
              sort -u "$overlay/previous"
            fi
          } > "$overlay/kustomization.yaml"
          kubectl apply --kustomize "$overlay" --prune --selector infragen.io/system="$system" \\
            \(allowlist)
          for workload in $(rollouts "$environment"); do
            kubectl --namespace "$namespace" rollout status "$workload" --timeout=\(timeout)s
          done
        }

        """
    }

    private var stepSmoke: String {
        """
        # smoke <env>: through the gateway at the environment's URL, /healthz answers 200 and no GET route answers 5xx.
        step_smoke() {
          environment_facts "$1"
          [ -n "$url" ] || fail "environment $1 has no Host: nothing to call"
          for path in $(smoke_paths); do
            code=$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 \\
              --retry 5 --retry-delay 5 --retry-all-errors "$url$path" || true)
            printf '%s %s: %s\\n' "$url" "$path" "$code"
            case "$path/$code" in
              /healthz/200) ;;
              /healthz/*) fail "$url/healthz answered $code" ;;
              */000 | */5??) fail "$url$path answered $code" ;;
            esac
          done
        }

        """
    }

    private var stepGate: String {
        PipelineGate(system: system, pipeline: pipeline).step
    }

    private var stepRollback: String {
        let restore = pipeline.snapshotRestore.map { "sh -c \(Shell.quoted($0))" }
            ?? "fail \"no SnapshotRestore(…) command in the blueprint's Pipeline\""
        return """
        # rollback <env>: the environment's rollback strategy (Rollout(rollback:) in the blueprint).
        step_rollback() {
          environment_facts "$1"
          case "$strategy" in
            snapshotRestore) \(restore) ;;
            imageRollback) step_deploy "$1" previous ;;
            canaryCutback) step_deploy "$1" cutback ;;
            *) fail "environment $1 rolls back by hand: $strategy" ;;
          esac
        }

        """
    }

    private var stepNotify: String {
        """
        # notify <message>: a JSON {"text": …} to INFRAGEN_NOTIFY_WEBHOOK (a chat's incoming webhook), when set.
        step_notify() {
          printf '%s\\n' "$*"
          [ -n "${INFRAGEN_NOTIFY_WEBHOOK:-}" ] || return 0
          text=$(printf '%s' "$system: $*" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g' | tr -d '\\n\\r\\t')
          curl --silent --show-error --fail --max-time 10 --header 'Content-Type: application/json' \\
            --data "{\\"text\\": \\"$text\\"}" "$INFRAGEN_NOTIFY_WEBHOOK" > /dev/null
        }

        """
    }

    private var main: String {
        """
        step=${1:-}
        [ $# -gt 0 ] && shift
        case "$step" in
          changes) step_changes ;;
          build) step_build "$1" ;;
          deploy) step_deploy "$1" "$2" ;;
          smoke) step_smoke "$1" ;;
          gate) step_gate ;;
          rollback) step_rollback "$1" ;;
          notify) step_notify "$@" ;;
          *) fail "usage: sh \(path) changes | build <service> | deploy <env> <mode> | smoke <env> | gate | rollback <env> | notify <message>" ;;
        esac

        """
    }

    /// The registry a repository is pushed to: its first component when that names a host (`registry.example.com`,
    /// `localhost:5000`), else Docker Hub.
    static func registryHost(_ repository: String) -> String {
        let first = repository.split(separator: "/").first.map(String.init) ?? repository
        guard repository.contains("/"), first.contains(".") || first.contains(":") || first == "localhost" else {
            return "docker.io"
        }
        return first
    }
}

/// What the pipeline builds for one service.
struct PipelineBuild {
    var service: String
    var repository: String
    var version: String
    var dockerfile: String
    var ignoreFile: String?
    var context: String
    /// The paths whose change rebuilds it.
    var sources: [String]
    /// Whether infragen's Go Dockerfile builds it (then `go vet` and `go test` run in its folder).
    var isGo: Bool
    /// The Go toolchain image of its build stage, for the tests.
    var testImage: String?
}

/// One environment as the pipeline deploys it.
struct PipelineEnvironment {
    var name: String
    var namespace: String
    var url: String?
    var canary: Bool
    /// `snapshotRestore`, `imageRollback`, `canaryCutback`, or the blueprint's own words.
    var rollback: String
    var targets: [ImageTarget]
    /// `Deployment/order-service` …, the gateway's last.
    var rollouts: [String]
}
