/// The checks of where a service's image comes from, as declared: one source in every environment, and no setting
/// that the source ignores. A Go-only setting (`Build(main:)`, `Go`, `Base`, `GoRuntime`) on an image infragen does not build, or
/// the tag of the system's own images on a prebuilt one, would do nothing while reviewers read it as true, so it is
/// refused where the service or its `Override` sets it; the system's `Defaults` and environments set these for the
/// services that read them, and the others ignore them.
extension SystemDescription {
    func checkImageSource(_ service: ServiceDescription, _ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        let own = Self.declared(service.settings[.ownDockerfile])
        let prebuilt = Self.declared(service.settings[.prebuiltImage])
        let layers = [(path, service.settings)] + service.overrides.map { override in
            (DiagnosticPath(system: name, environment: override.environment.name, service: service.name),
             override.settings)
        }
        for (layerPath, settings) in layers {
            guard let image = Self.declared(settings[.prebuiltImage]) else { continue }
            if let own {
                c.error(layerPath, field: "image.prebuilt",
                        "the service is built from its own Dockerfile (\(own.location)) and also names a prebuilt "
                            + "image",
                        hint: "keep one: Build(dockerfile:context:) for an image your pipeline builds, Image(…) for "
                            + "one built elsewhere", at: image.location)
            } else if prebuilt == nil, let environment = layerPath.environment {
                c.error(layerPath, field: "image.prebuilt",
                        "the service runs a prebuilt image only in \(environment.quoted), and infragen's Go build "
                            + "elsewhere",
                        hint: "declare Image(…) in the service itself, and change it for one environment in its "
                            + "Override",
                        at: image.location)
            }
        }
        let source: ImageSource
        if let prebuilt {
            source = .prebuilt(prebuilt.value)
        } else if let own {
            source = .dockerfile(own.value)
        } else {
            return
        }
        if let at = service.build.location {
            c.error(path, field: "build",
                    "Build(main:…) describes infragen's Go build, but the service's image is \(source.described)",
                    hint: "remove it: \(source.buildsProgram)", at: at)
        }
        var ignored = Self.goOnlySettings
        if case .prebuilt = source { ignored += Self.ownImageSettings }
        for (layerPath, settings) in layers {
            for setting in ignored {
                guard let at = setting.location(settings) else { continue }
                c.error(layerPath, field: setting.field,
                        "\(setting.word) \(setting.purpose), but the service's image is \(source.described)",
                        hint: setting.hint(source, settings), at: at)
            }
        }
    }

    /// Whether infragen builds the service's image, so that its layout (``ImageLayout``) holds: no own Dockerfile and
    /// no prebuilt image in the service (one set only in an Override is refused above).
    func imageIsBuiltByInfragen(_ service: ServiceDescription) -> Bool {
        Self.declared(service.settings[.ownDockerfile]) == nil && Self.declared(service.settings[.prebuiltImage]) == nil
    }

    /// A value a layer sets to something (not to nil), with its place.
    private static func declared<Value>(_ setting: Setting<Value?>?) -> Setting<Value>? {
        guard let setting, let value = setting.value else { return nil }
        return Setting(value, at: setting.location)
    }

    /// A setting that only some image sources read.
    private struct SourceSetting {
        let field: String
        /// The DSL word that sets it.
        let word: String
        /// What it does: `sets the Go toolchain infragen builds with`.
        let purpose: String
        let location: @Sendable (ServiceSettings) -> SourceLocation?
        /// What to do instead, from the source and the layer that sets it.
        let hint: @Sendable (ImageSource, ServiceSettings) -> String
    }

    /// Read only by infragen's Go Dockerfile. (`Go(builder:)` always comes with the version, checked once.)
    private static let goOnlySettings = [
        SourceSetting(
            field: "go.version", word: "Go(version:)", purpose: "sets the Go toolchain infragen builds with",
            location: { $0[.goVersion]?.location }, hint: { source, _ in "remove it: \(source.buildsProgram)" }),
        SourceSetting(
            field: "base", word: "Base(…)", purpose: "sets the runtime stage of infragen's Go Dockerfile",
            location: { $0[.base]?.location },
            hint: { source, settings in
                let family = settings[.base]?.value.family.rawValue ?? "alpine"
                let word = if case .prebuilt = source { "Image(…, family: .\(family))" } else {
                    "Build(dockerfile: …, family: .\(family))"
                }
                return "remove it; to state the image's runtime family, write \(word)"
            }),
        SourceSetting(
            field: "goRuntime", word: "GoRuntime(…)",
            purpose: "sizes the Go runtime of the images infragen builds (GOMAXPROCS, GOMEMLIMIT)",
            location: { $0[.goRuntimeSizing]?.location },
            hint: { _, _ in "remove it, and set the variables the image's program reads with Env(…)" }),
    ]

    /// Read only where the image is `<registry>/<service>:<tag>`, which a prebuilt image is not. (`ImageTag`'s digest
    /// always comes with its tag, checked once.)
    private static let ownImageSettings = [
        SourceSetting(
            field: "image.tag", word: "ImageTag", purpose: "names a build of the system's own image",
            location: { $0[.imageTag]?.location },
            hint: { _, _ in
                "give the tag in Image(…, tag:, digest:), and change it for one environment with "
                    + "Override(…) { Image(…) }"
            }),
        SourceSetting(
            field: "image.registry", word: "ImageRegistry", purpose: "names where the system's own images are pushed",
            location: { $0[.imageRegistry]?.location },
            hint: { _, _ in
                "name the registry in the repository: Image(\"registry.example.com/team/redis\", tag: …)"
            }),
        SourceSetting(
            field: "image.canaryTag", word: "CanaryImageTag",
            purpose: "names a build of the system's own image for the canary",
            location: { $0[.canaryImageTag]?.location },
            hint: { _, _ in
                "remove it: a prebuilt image runs without a canary; try a new version in one environment with "
                    + "Override(…) { Image(…) }"
            }),
    ]
}

extension ImageSource {
    /// Who builds the program, for a hint: `its own Dockerfile builds the program`.
    fileprivate var buildsProgram: String {
        switch self {
        case .goBuild: "infragen's Go Dockerfile builds the program"
        case .dockerfile: "the service's own Dockerfile builds the program"
        case .prebuilt: "the prebuilt image holds the program already"
        }
    }
}
