import Infragen

extension System {
    /// The seed's base-image comparison as output: the same Gin service on each runtime family, side by side, so a
    /// reviewer can diff `Output/images/docker/*/Dockerfile` (and `infragen list --images` prints the sizes).
    public static let baseImages = System("images") {
        Summary("One Gin service on ubuntu, debian-slim, alpine, distroless and scratch, to compare the Dockerfiles")
        Team("platform")
        SourceRepository("https://git.example.com/shop", license: "Apache-2.0")
        // A comparison of the seed's base images, built as the seed builds: not a system that runs.
        Acknowledge(.endOfLifeGo, because: "compares base images with the seed's Go 1.22 build, as the seed has it")
        Acknowledge(.endOfLifeImage, because: "compares the seed's Alpine 3.19 with the other bases")

        Defaults {
            Go(version: "1.22")
            ImageRegistry("registry.example.com/images")
            ImageTag("1.0.0")
            Requests(cpu: .millicores(100), memory: .mebibytes(64))
            Limits(cpu: .cores(0.5), memory: .mebibytes(100))
        }

        Deploy(to: .dev) {
            Namespace("images-dev")
            Replicas(1)
        }

        for (name, base) in [
            ("gin-ubuntu", BaseImage.ubuntu("22.04")),
            ("gin-debian", .debian("12-slim")),
            ("gin-alpine", .alpine("3.19")),
            ("gin-distroless", .distroless(.static)),
            ("gin-scratch", .scratch),
        ] {
            Service(name) {
                Summary("The order service's build on \(base.family.rawValue)")
                Build(main: "./cmd/order-service", versionVariable: "main.version", commitVariable: "main.commit")
                ginService()
                Base(base)
            }
        }
    }
}
