import InfragenYAML
import Testing

/// `Encodable` values become YAML trees in declaration order, without their nil fields, with the type of every
/// scalar decided by its Swift type.
@Suite struct YAMLEncoderTests {
    struct Port: Encodable {
        var name: String
        var port: Int
        var appProtocol: String?
        var open: Bool
    }

    struct Listing: Encodable {
        var kind = "Listing"
        var version: String
        var ports: [Port]
        var notes: [String]?
        var empty: [Int] = []
        var nothing = Nothing()
    }

    struct Nothing: Encodable {
        var hidden: String?
    }

    enum Mode: String, Encodable {
        case fast, on
    }

    @Test func keysFollowDeclarationOrderAndNilFieldsAreLeftOut() throws {
        let listing = Listing(
            version: "1.30",
            ports: [Port(name: "8080", port: 8080, appProtocol: nil, open: true)],
            notes: nil)
        let node = try YAMLEncoder().encode(listing)
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

    @Test func rawValuesAndSingleValuesAreScalarsOfTheirType() throws {
        #expect(try YAMLEncoder().encode([Mode.fast, Mode.on]) == ["fast", "on"])
        #expect(try YAML.render(YAMLEncoder().encode(Mode.on)) == "--- 'on'\n")
        #expect(try YAML.render(YAMLEncoder().encode(UInt64.max)) == "--- 18446744073709551615\n")
        #expect(try YAMLEncoder().encode([Int8(-3)]) == [-3])
        #expect(try YAMLEncoder().encode([Optional<Int>.none, 1]) == [.null, 1])
    }

    /// Keys a value computes keep the order it encodes them in (labels are not sorted), and two keyed containers of
    /// one encoder write into one mapping (a type whose fields come first, then another value's inline).
    @Test func customKeysKeepTheirOrderAndInlineValuesShareTheMapping() throws {
        struct Labels: Encodable {
            var pairs: [(String, String)]
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                for (key, value) in pairs { try container.encode(value, forKey: Key(key)) }
            }
        }
        struct Inline: Encodable {
            var labels: Labels
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode("Inline", forKey: Key("kind"))
                try labels.encode(to: encoder)
            }
        }
        let node = try YAMLEncoder().encode(Inline(labels: Labels(pairs: [("z", "1"), ("a", "2")])))
        #expect(node == ["kind": "Inline", "z": "1", "a": "2"])
    }

    @Test func nestedContainersAndSuperEncodersAreFinishedInPlace() throws {
        struct Nested: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                var inner = container.nestedContainer(keyedBy: Key.self, forKey: Key("inner"))
                var list = container.nestedUnkeyedContainer(forKey: Key("list"))
                try container.encode(1, forKey: Key("after"))
                try inner.encode("late", forKey: Key("value"))
                try list.encode(2)
                var row = list.nestedContainer(keyedBy: Key.self)
                try row.encode(true, forKey: Key("row"))
                try 3.encode(to: container.superEncoder(forKey: Key("base")))
            }
        }
        #expect(try YAMLEncoder().encode(Nested()) == [
            "inner": ["value": "late"], "list": [2, ["row": true]], "after": 1, "base": 3,
        ])
    }

    @Test func floatingPointNumbersAreRefusedWithTheirPath() {
        struct Ratio: Encodable {
            var name = "cpu"
            var values: [Double] = [0.5]
        }
        #expect(throws: YAMLError.self) { try YAMLEncoder().encode(Ratio()) }
        do {
            _ = try YAMLEncoder().encode(Ratio())
        } catch {
            #expect(error.stage == .encoding)
            #expect(error.problem.hasSuffix("at .values[0]"), "\(error)")
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
