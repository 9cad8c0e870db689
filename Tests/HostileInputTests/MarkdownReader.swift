import Foundation
import InfragenTestSupport

/// Markdown as a reader sees it: markdown-it-py (CommonMark with tables) through Tests/Fixtures/markdown-text.py,
/// which prints headings, paragraphs and table cells as rendered plain text.
enum MarkdownReader {
    /// The external tool: markdown-it-py's command, whose Python also runs the script.
    static let tool = "markdown-it"

    struct Structure: Decodable {
        struct Table: Decodable {
            var heading: String?
            var header: [String]
            var rows: [[String]]
        }

        var blocks: [String]
        var headings: [String]
        var paragraphs: [String]
        var tables: [Table]
    }

    /// Reads several Markdown texts in one run of the parser.
    static func read(_ texts: [String]) throws -> [Structure] {
        let command = try ExternalTool.path(tool)
        let python = URL(fileURLWithPath: command).deletingLastPathComponent().appendingPathComponent("python").path
        let script = repositoryRoot().appendingPathComponent("Tests/Fixtures/markdown-text.py").path
        return try withTemporaryFolder { folder in
            var paths: [String] = []
            for (index, text) in texts.enumerated() {
                let path = folder.appendingPathComponent("\(index).md").path
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                paths.append(path)
            }
            let result = try runProcess(python, [script] + paths, timeout: .seconds(120))
            guard result.status == 0 else { throw ReadBackFailed("markdown-text.py failed: \(result)") }
            let decoded = try JSONDecoder().decode([String: Structure].self, from: Data(result.stdout.utf8))
            return try paths.map { path in
                guard let structure = decoded[path] else { throw ReadBackFailed("no result for \(path)") }
                return structure
            }
        }
    }
}
