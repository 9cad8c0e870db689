import InfragenModel

/// The system's facts in `pipeline.sh`: `case` tables of single-quoted words (services, sources, images,
/// environments, the places of every image, rollouts, smoke paths).
extension PipelineScript {
    // MARK: - Tables

    var tables: String {
        var lines = ["# The services the pipeline builds, in the blueprint's order.", "services() {"]
        lines.append("  printf '%s\\n'" + builds.map { " " + Shell.quoted($0.service) }.joined())
        lines.append("}")
        lines.append("")
        lines.append("# Whether a service's sources (its folder, its Dockerfile) changed between two commits.")
        lines.append("sources_changed() {")
        lines.append("  case \"$1\" in")
        for build in builds {
            lines.append("    \(Shell.quoted(build.service))) ! git diff --quiet \"$2\" \"$3\" --"
                + build.sources.map { " " + Shell.quoted($0) }.joined() + " ;;")
        }
        lines.append("    *) fail \"no service $1\" ;;")
        lines.append("  esac")
        lines.append("}")
        lines.append("")
        lines.append("# Per service: the repository, the version, the Dockerfile, its ignore file ('' for none), the context,")
        lines.append("# the registry it is pushed to.")
        lines.append("build_facts() {")
        lines.append("  case \"$1\" in")
        for build in builds {
            let words = [build.repository, build.version, build.dockerfile, build.ignoreFile ?? "", build.context,
                         Self.registryHost(build.repository)]
            lines.append("    \(Shell.quoted(build.service))) set --" + words.map { " " + Shell.quoted($0) }.joined()
                + " ;;")
        }
        lines.append("    *) fail \"no service $1\" ;;")
        lines.append("  esac")
        lines.append("  repository=$1 version=$2 dockerfile=$3 ignorefile=$4 context=$5 registry=$6")
        lines.append("}")
        lines.append("")
        lines.append("# Per environment: namespace, URL, kubernetes folder, rollback strategy.")
        lines.append("environment_facts() {")
        lines.append("  case \"$1\" in")
        for environment in environments {
            let words = [environment.namespace, environment.url ?? "", "\(folder)/\(environment.name)/kubernetes",
                         environment.rollback]
            lines.append("    \(Shell.quoted(environment.name))) set --" + words.map { " " + Shell.quoted($0) }.joined()
                + " ;;")
        }
        lines.append("    *) fail \"no environment $1\" ;;")
        lines.append("  esac")
        lines.append("  namespace=$1 url=$2 manifests=$3 strategy=$4")
        lines.append("}")
        lines.append("")
        lines.append("# Every place of a service's image in an environment's manifests:")
        lines.append("# service track kind name JSON-pointer kubectl-JSONPath.")
        lines.append("image_targets() {")
        lines.append("  case \"$1\" in")
        for environment in environments {
            lines.append("    \(Shell.quoted(environment.name)))")
            if environment.targets.isEmpty {
                lines.append("      : ;;")
                continue
            }
            lines.append("      cat <<'TARGETS'")
            for target in environment.targets {
                lines.append("\(target.service) \(target.track.rawValue) \(target.kind) \(target.name) \(target.path) "
                    + target.jsonPath)
            }
            lines.append("TARGETS")
            lines.append("      ;;")
        }
        lines.append("    *) fail \"no environment $1\" ;;")
        lines.append("  esac")
        lines.append("}")
        lines.append("")
        lines.append("# The workloads `kubectl rollout status` waits for in an environment: kind/name.")
        lines.append("rollouts() {")
        lines.append("  case \"$1\" in")
        for environment in environments {
            lines.append("    \(Shell.quoted(environment.name))) printf '%s\\n'"
                + environment.rollouts.map { " " + Shell.quoted($0) }.joined() + " ;;")
        }
        lines.append("    *) fail \"no environment $1\" ;;")
        lines.append("  esac")
        lines.append("}")
        lines.append("")
        lines.append("# GET paths the smoke test calls through the gateway (every route that answers GET).")
        lines.append("smoke_paths() {")
        lines.append("  printf '%s\\n' '/healthz'" + smokePaths.map { " " + Shell.quoted($0) }.joined())
        lines.append("}")
        lines.append("")
        return lines.joined(separator: "\n") + "\n"
    }

    var smokePaths: [String] {
        var paths: [String] = []
        for service in system.services {
            // A gRPC route answers HTTP/2 POSTs only: a GET says nothing about it.
            for route in service.routes where !route.isGRPC && (route.methods.map({ $0.contains(.get) }) ?? true) {
                if route.traffic == .http, !paths.contains(route.path) { paths.append(route.path) }
            }
        }
        return paths
    }
}
