// swift-tools-version:6.0
//
// infragen: one typed Swift model of a system in, every deployment file out.
// The import graph is one-way (see README, "How the code is shaped"):
//   InfragenModel <- Infragen (DSL) <- InfragenExampleBlueprints (Blueprints/)
//   InfragenModel <- InfragenGenerators (+ InfragenYAML) <- InfragenRender <- InfragenCLI <- infragen
import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "infragen",
    platforms: [.macOS(.v13)],
    products: [
        // What a team's own blueprint package imports.
        .library(name: "Infragen", targets: ["Infragen"]),
        // The command line as a library, so a team's package can run it with its own blueprints.
        .library(name: "InfragenCLI", targets: ["InfragenCLI"]),
        .executable(name: "infragen", targets: ["InfragenTool"]),
        // The benchmark (BENCHMARKS.md): `swift run -c release infragen-bench`.
        .executable(name: "infragen-bench", targets: ["InfragenBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - YAML over libyaml
        .systemLibrary(
            name: "CInfragenYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "InfragenYAML", dependencies: ["CInfragenYAML"], swiftSettings: strictSettings),

        // MARK: - Model and DSL
        // The model imports nothing, not even Foundation: it is pure values and pure functions.
        .target(name: "InfragenModel", swiftSettings: strictSettings),
        .target(name: "Infragen", dependencies: ["InfragenModel"], swiftSettings: strictSettings),

        // MARK: - Generators, render engine, command line
        .target(
            name: "InfragenGenerators",
            dependencies: ["InfragenModel", "InfragenYAML"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "InfragenRender",
            dependencies: ["InfragenModel", "InfragenGenerators", "InfragenYAML"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "InfragenCLI",
            dependencies: ["InfragenModel", "InfragenRender", "InfragenGenerators", argumentParser],
            swiftSettings: strictSettings
        ),

        // MARK: - This repository's own blueprints and the executable
        // Every target name begins with "Infragen" (or is a test target's), so that none clashes with a team's own
        // targets in one package graph: a team's blueprint target may be called "Blueprints".
        .target(
            name: "InfragenExampleBlueprints", dependencies: ["Infragen"], path: "Blueprints",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "InfragenTool", dependencies: ["InfragenCLI", "InfragenExampleBlueprints"], path: "Sources/infragen",
            swiftSettings: strictSettings
        ),

        // MARK: - Benchmark: a synthetic system through the DSL, the real pipeline and writer
        .executableTarget(
            name: "InfragenBench",
            dependencies: ["Infragen", "InfragenRender", "InfragenGenerators", argumentParser],
            path: "Benchmarks/InfragenBench",
            swiftSettings: strictSettings
        ),

        // MARK: - Tests
        .target(
            name: "InfragenTestSupport",
            dependencies: ["Infragen", "InfragenRender", "InfragenYAML", "InfragenCLI"],
            path: "Tests/InfragenTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "InfragenYAMLTests", dependencies: ["InfragenYAML"], swiftSettings: strictSettings),
        .testTarget(
            name: "InfragenTests",
            dependencies: ["Infragen", "InfragenTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "InfragenGeneratorsTests",
            dependencies: [
                "InfragenGenerators", "InfragenRender", "Infragen", "InfragenYAML", "InfragenTestSupport",
                "InfragenExampleBlueprints",
            ],
            exclude: ["__Golden__"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "InfragenRenderTests",
            dependencies: ["InfragenRender", "InfragenCLI", "InfragenExampleBlueprints", "InfragenTestSupport"],
            swiftSettings: strictSettings
        ),
        // The command line, through InfragenCLI.run(systems:arguments:).
        .testTarget(
            name: "InfragenCLITests",
            dependencies: ["InfragenCLI", "Infragen", "InfragenRender", "InfragenTestSupport"],
            swiftSettings: strictSettings
        ),
        // The hostile-input corpus, property tests of the printers, read back by their consumers.
        .testTarget(
            name: "HostileInputTests",
            dependencies: [
                "Infragen", "InfragenModel", "InfragenGenerators", "InfragenRender", "InfragenYAML",
                "InfragenTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        // A team's own generator, registered from outside: only the public products and the test support.
        .testTarget(
            name: "ExternalGeneratorTests",
            dependencies: ["Infragen", "InfragenCLI", "InfragenTestSupport"],
            swiftSettings: strictSettings
        ),
        // A child process for the output-safety tests: renders a large synthetic system, to be killed mid-write.
        .executableTarget(
            name: "infragen-stress",
            dependencies: ["Infragen", "InfragenCLI"],
            path: "Tests/InfragenStress",
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
