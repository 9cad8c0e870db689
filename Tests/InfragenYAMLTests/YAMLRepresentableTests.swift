import InfragenYAML
import Testing

/// Typed values become YAML trees field by field, in the order written, without their nil fields, with the type of
/// every scalar decided by its Swift type.
@Suite struct YAMLRepresentableTests {
    struct Port: YAMLObject {
        var name: String
        var port: Int
        var appProtocol: String?
        var open: Bool

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("name", name)
            yaml.add("port", port)
            yaml.add("appProtocol", appProtocol)
            yaml.add("open", open)
        }
    }

    struct Listing: YAMLObject {
        let kind = "Listing"
        var version: String
        var ports: [Port]
        var notes: [String]?
        var empty: [Int] = []
        var nothing = Nothing()

        func writeFields(to yaml: inout YAMLFields) {
            yaml.add("kind", kind)
            yaml.add("version", version)
            yaml.add("ports", ports)
            yaml.add("notes", notes)
            yaml.add("empty", empty)
            yaml.add("nothing", nothing)
        }
    }

    struct Nothing: YAMLObject {
        var hidden: String?

        func writeFields(to yaml: inout YAMLFields) { yaml.add("hidden", hidden) }
    }

    @Test func fieldsKeepTheirOrderAndNilFieldsAreLeftOut() throws {
        let listing = Listing(version: "1.30", ports: [Port(name: "8080", port: 8080, open: true)])
        let node = listing.yamlNode
        #expect(node == [
            "kind": "Listing", "version": "1.30",
            "ports": [["name": "8080", "port": 8080, "open": true]],
            "empty": [], "nothing": .mapping([]),
        ])
        // The string "8080" and the version are quoted, the integer is not: a reader gets the same types back.
        #expect(try YAML.render(node) == """
            ---
            kind: Listing
            version: '1.30'
            ports:
            - name: '8080'
              port: 8080
              open: true
            empty: []
            nothing: {}

            """)
        #expect(try YAML.parse(YAML.render(node)) == [node])
    }

    @Test func scalarsTakeTheirTypeFromSwift() {
        #expect("on".yamlNode == .string("on"))
        #expect(42.yamlNode == .integer(42))
        #expect(false.yamlNode == .boolean(false))
        #expect(["a", "b"].yamlNode == ["a", "b"])
    }
}
