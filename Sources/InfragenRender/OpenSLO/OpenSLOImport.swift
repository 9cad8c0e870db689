#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import InfragenModel
import InfragenYAML

/// The render pipeline's first step: reads every `ImportOpenSLO` file of the blueprints (relative to the package
/// root), maps its OpenSLO v1 documents to SLO descriptions and appends them to the service that imports them.
///
/// It runs before validation, so that an imported SLO meets every check a written one does, reported at its line and
/// column in the file; what cannot be mapped, and a file that is missing, outside the package, too large, not UTF-8
/// or not YAML, is refused here, located. Generators never see a file, only the SLOs.
public enum OpenSLOImport {
    /// The largest OpenSLO file read: 1 MiB.
    public static let maxFileBytes = 1_048_576

    /// The systems with their imported SLOs, and the diagnostics of the imports. `packageRoot` is the folder the
    /// paths start from; nil refuses every import (a caller that reads no files).
    public static func apply(_ systems: [SystemDescription], packageRoot: String?)
        -> (systems: [SystemDescription], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var files: [String: Result<(String, [MarkedYAMLNode]), Refusal>] = [:]
        func imported(_ service: inout ServiceDescription, system: String) {
            for request in service.openSLOImports {
                let path = DiagnosticPath(system: system, service: service.name)
                let read = files[request.path] ?? load(request.path, root: packageRoot)
                files[request.path] = read
                switch read {
                case .failure(let refusal):
                    diagnostics.append(.error(path, field: "openslo", refusal.message, hint: refusal.hint,
                                              at: refusal.mark.map { SourceLocation(fileID: refusal.file, line: $0.line, column: $0.column) }
                                                  ?? request.location))
                case .success(let (file, documents)):
                    let mapped = OpenSLOFile.slos(in: documents, file: file, service: service.name, path: path)
                    service.slos += mapped.slos
                    diagnostics += mapped.diagnostics
                }
            }
        }
        var result = systems
        for index in result.indices {
            let name = result[index].name
            for service in result[index].services.indices { imported(&result[index].services[service], system: name) }
            for service in result[index].externalServices.indices {
                imported(&result[index].externalServices[service].service, system: name)
            }
        }
        return (result, diagnostics)
    }

    /// Why a file could not be read: at the `ImportOpenSLO` line, or at a place in the file (a YAML error).
    struct Refusal: Error {
        var message: String
        var hint: String
        var file = ""
        var mark: YAMLMark?
    }

    /// The file's path as locations name it, and its YAML documents.
    static func load(_ written: String, root: String?) -> Result<(String, [MarkedYAMLNode]), Refusal> {
        let shown = TextRules.quoted(String(written.prefix(200)))
        guard let root else {
            return .failure(Refusal(message: "no package root to read \(shown) from",
                                    hint: "run infragen from the package's folder, or pass --package"))
        }
        guard let file = normalized(written) else {
            return .failure(Refusal(
                message: "the path \(shown) is not a relative path inside the package",
                hint: "write a path relative to the package root without '..', e.g. slo/checkout.yaml"))
        }
        guard let base = realPath(root) else {
            return .failure(Refusal(message: "the package root cannot be read", hint: "check the --package folder"))
        }
        guard let resolved = realPath(base + "/" + file) else {
            return .failure(Refusal(message: "the file \(shown) does not exist in the package",
                                    hint: "check the path: it is relative to the package root (the folder with Package.swift)"))
        }
        guard resolved.hasPrefix(base + "/") else {
            return .failure(Refusal(message: "the file \(shown) leads outside the package (through a link)",
                                    hint: "keep the OpenSLO file inside the package"))
        }
        guard let size = FileAccess.size(resolved) else {
            return .failure(Refusal(message: "\(shown) is not a regular file", hint: "name an OpenSLO YAML file"))
        }
        guard size <= maxFileBytes, let bytes = FileAccess.contents(resolved, limit: maxFileBytes) else {
            return .failure(Refusal(
                message: size > maxFileBytes ? "the file \(shown) is \(size) bytes long, over \(maxFileBytes)"
                    : "the file \(shown) cannot be read", hint: "split the file, or check its permissions"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(Refusal(message: "the file \(shown) is not UTF-8 text", hint: "save it as UTF-8"))
        }
        do {
            return .success((file, try YAML.parseMarked(text)))
        } catch {
            let mark = error.line.map { YAMLMark(line: $0, column: error.column ?? 1) }
            return .failure(Refusal(message: "the file is not YAML infragen reads: \(error.problem)",
                                    hint: "fix the YAML (no anchors, aliases or repeated keys)", file: file, mark: mark))
        }
    }

    /// `./slo//a.yaml` as `slo/a.yaml`; nil for an absolute path, a `..` or a path that is empty or not one line.
    static func normalized(_ path: String) -> String? {
        guard !path.hasPrefix("/"), path.utf8.count <= 1024, TextRules.isSingleLineText(path) else { return nil }
        let components = path.split(separator: "/").filter { $0 != "." }
        guard !components.isEmpty, !components.contains("..") else { return nil }
        return components.joined(separator: "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
