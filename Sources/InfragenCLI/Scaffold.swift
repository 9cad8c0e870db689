import Foundation

/// The files `infragen init` writes: a blueprint package that builds and renders on the first try. README.md's
/// recipe is exactly this (ScaffoldTests runs the recipe and builds what it writes).
struct Scaffold {
    /// How the package names infragen in its `dependencies:`.
    enum Dependency: Equatable {
        /// `.package(path:)`, relative to the new package; `identity` is what SwiftPM calls the package (the
        /// folder's name, lower-cased), which `.product(name:package:)` must name.
        case path(String, identity: String)
        /// `.package(url:from:)`.
        case url(String, from: String)

        var identity: String {
            switch self {
            case .path(_, let identity): identity
            case .url(let url, _): Scaffold.identity(ofURL: url)
            }
        }
    }

    struct File: Equatable {
        let path: String
        let contents: String
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    let packageName: String
    let executable: String
    let system: String
    let dependency: Dependency
    /// The blueprint target: the package's name in UpperCamelCase with `Blueprints`, so that it clashes with no
    /// other package's target in the graph (a plain `Blueprints` may be another dependency's).
    let blueprintTarget: String

    init(packageName: String, executable: String, system: String, dependency: Dependency) throws {
        var problems: [String] = []
        let words = packageName.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        if words.isEmpty || !(words[0].first?.isLetter ?? false) {
            problems.append("""
                package name \(packageName.debugDescription) must begin with an ASCII letter (it names the blueprint \
                target too); pass --name
                """)
        }
        if !Self.isName(executable, allowing: "-_") {
            problems.append("""
                executable \(executable.debugDescription) must be ASCII letters, digits, '-' and '_', beginning with \
                a letter, like deploy
                """)
        }
        if !Self.isDNSLabel(system) {
            problems.append("""
                system \(system.debugDescription) must be lower-case letters, digits and '-', beginning with a \
                letter, at most 40 characters (it names namespaces and files), like hello
                """)
        }
        if case .url(let url, let version) = dependency {
            if url.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline }) || url.isEmpty {
                problems.append("--infragen-url \(url.debugDescription) is not a URL")
            }
            if !Self.isVersion(version) {
                problems.append("--from \(version.debugDescription) is not a version like 0.1.0")
            }
        }
        guard problems.isEmpty else { throw Problem(description: problems.joined(separator: "; ")) }
        self.packageName = packageName
        self.executable = executable
        self.system = system
        self.dependency = dependency
        let camel = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        self.blueprintTarget = camel.hasSuffix("Blueprints") ? camel : camel + "Blueprints"
    }

    /// The sample system's Swift name: `hello` → `hello`, `my-shop` → `myShop`.
    var systemIdentifier: String {
        let words = system.split(separator: "-")
        return words.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
    }

    /// The sample system's file: `Blueprints/Hello.swift`.
    var systemFile: String {
        system.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + ".swift"
    }

    var files: [File] {
        [
            File(path: "Package.swift", contents: packageManifest),
            File(path: "Sources/\(executable)/main.swift", contents: mainSwift),
            File(path: "Blueprints/Catalog.swift", contents: catalogSwift),
            File(path: "Blueprints/\(systemFile)", contents: systemSwift),
            File(path: "Blueprints/GoService.swift", contents: goServiceSwift),
            File(path: "README.md", contents: readme),
            File(path: ".gitignore", contents: Self.gitignore),
            File(path: ".github/workflows/blueprints.yml", contents: workflow),
        ] + Self.validatorConfigurations.map { File(path: $0.path, contents: $0.contents) }
    }

    // MARK: - Names

    static func isName(_ text: String, allowing extra: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || extra.contains($0)) }
    }

    /// A semantic version as SwiftPM's `from:` takes it: 0.1.0, 1.2.3-beta.1.
    static func isVersion(_ text: String) -> Bool {
        let core = text.split(separator: "-", maxSplits: 1)[0].split(separator: "+", maxSplits: 1)[0]
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-+.".contains($0)) }
    }

    static func isDNSLabel(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, text.count <= 40, first.isLetter,
              last.isLetter || last.isNumber else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    /// SwiftPM's identity of a path dependency: the folder's name, lower-cased.
    static func identity(ofPath path: String) -> String {
        (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
    }

    /// SwiftPM's identity of a URL dependency: the last path component without `.git`, lower-cased.
    static func identity(ofURL url: String) -> String {
        var name = url.split(separator: "/").last.map(String.init) ?? url
        if name.hasSuffix(".git") { name.removeLast(4) }
        return name.lowercased()
    }

    /// `to` relative to the folder `from` (both absolute and standardized): `../infragen`.
    static func relativePath(from: String, to: String) -> String {
        let base = from.split(separator: "/"), target = to.split(separator: "/")
        var common = 0
        while common < base.count, common < target.count, base[common] == target[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        let path = (up + target[common...].map(String.init)).joined(separator: "/")
        return path.isEmpty ? "." : path
    }

    /// The infragen checkout this command was built from: the nearest folder above this source file with a
    /// Package.swift, if it is still there.
    static func checkoutRoot(filePath: String = #filePath) -> String? {
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder.path
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}
