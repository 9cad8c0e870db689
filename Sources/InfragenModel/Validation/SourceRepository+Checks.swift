extension SourceRepositoryDescription {
    /// Its form, once where it is declared (the system's, or a service's own): an https URL and one SPDX license
    /// identifier, as the image labels and hadolint's label schema take them. Whether a file needs one at all is its
    /// generator's concern (the Dockerfile's labels do).
    func check(_ path: DiagnosticPath, _ c: inout DiagnosticCollector) {
        if !Self.isRepositoryURL(url) {
            c.error(path, field: "sourceRepository.url", "'\(url)' is not an https URL",
                    hint: "write the repository's web address, e.g. https://git.example.com/shop, without spaces or quotes",
                    at: location)
        }
        if !Self.isSPDXIdentifier(license) {
            c.error(path, field: "sourceRepository.license", "'\(license)' is not an SPDX license identifier",
                    hint: "use one identifier from spdx.org/licenses, such as Apache-2.0 or MIT", at: location)
        }
    }

    static func isRepositoryURL(_ text: String) -> Bool {
        guard text.hasPrefix("https://"), text.utf8.count > 8, text.utf8.count <= 2048 else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/:@!&()*+,;=%".utf8)
        return text.utf8.allSatisfy { allowed.contains($0) }
    }

    /// One SPDX license identifier (`Apache-2.0`, `MIT`, `LicenseRef-acme`): hadolint's label schema accepts a
    /// single identifier, not an expression.
    static func isSPDXIdentifier(_ text: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.+".utf8)
        return !text.isEmpty && text.utf8.count <= 100 && text.first != "-" && text.utf8.allSatisfy { allowed.contains($0) }
    }
}
