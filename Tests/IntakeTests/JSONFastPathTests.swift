import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Intake

/// Helpers for the reader tests: the Foundation route the parser and the mapper must reproduce, and exact
/// comparisons.
enum FastPathSupport {
    static let validator: JSONSchemaValidator = {
        guard case .success(let validator) = JSONSchemaValidator.shared else { preconditionFailure("the bundled schema must load") }
        return validator
    }()

    static func parseWithParser(_ text: String) -> JSONValue? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { JSONParser.parse($0) }
    }

    /// Foundation's reading of the text, the reference the parser is held to.
    static func parseWithFoundation(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// What the reader once did after a clean schema check, and what the mapper must still give: trim, encode, decode.
    static func decoderRoute(_ value: JSONValue) -> Application? {
        guard let data = try? JSONEncoder().encode(value.trimmingStrings()) else { return nil }
        return try? JSONDecoder().decode(Application.self, from: data)
    }

    /// Equal down to the bits: numbers by bit pattern (so `-0` differs from `0`), strings and keys scalar by scalar.
    static func identical(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x.bitPattern == y.bitPattern
        case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { key, value in
                guard let other = y.first(where: { $0.key == key }) else { return false }
                return other.key.unicodeScalars.elementsEqual(key.unicodeScalars) && identical(value, other.value)
            }
        default: return false
        }
    }

    /// Every pointer of a value: the root, each member and each element, and a missing member of each object.
    static func pointers(of value: JSONValue, at pointer: String = "") -> [String] {
        switch value {
        case .object(let members):
            return [pointer, pointer + "/notThere"]
                + members.keys.sorted().flatMap {
                    pointers(of: members[$0] ?? .null, at: pointer + "/" + Pointer.escape($0))
                }
        case .array(let items):
            return [pointer] + items.enumerated().flatMap { pointers(of: $1, at: pointer + "/" + String($0)) }
        default:
            return [pointer]
        }
    }

    static let root = TestPaths.packageRoot

    static func samples(_ folder: String, _ suffix: String) -> [URL] {
        let directory = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// The JSON of every shipped clean application: the JSON samples, and the writer's output for each XML sample.
    static func cleanDocuments() throws -> [(name: String, data: Data)] {
        var documents: [(String, Data)] = []
        for url in samples("Samples/valid", ".json") + samples("Samples/warnings", ".json") {
            documents.append((url.lastPathComponent, try Data(contentsOf: url)))
        }
        for url in samples("Samples/valid", ".xml") + samples("Samples/warnings", ".xml") {
            let read = XMLApplicationReader.read(try Data(contentsOf: url))
            let application = try #require(read.application, "\(url.lastPathComponent) must read")
            documents.append((url.lastPathComponent + " as JSON", JSONApplicationWriter.write(application)))
        }
        return documents
    }
}

@Suite("JSON fast path: the parser gives Foundation's values or gives up")
struct JSONParserTests {
    static let tricky: [String] = [
        #"{"a": "plain", "b": "", "c": "ไทย ๑๒๓", "d": "emoji 😀 and é"}"#,
        #"["\"quote\" \\ back \/ slash \b\f\n\r\t"]"#,
        #"["\u00e9\u0E01\u0041", "\u0000 nul", "\ud83d\ude00 pair", "\uD834\uDD1E upper-case hex"]"#,
        #"{"ชื่อ": 1, "é": 2, "e\u0301x": 3, "a/b~c": 4, "": 5}"#,
        #"  {"ws" : [ 1 , 2 ] , "t": true, "f": false, "n": null}  "#,
        "{\r\n\t\"crlf\": \"x\"\r\n}",
        #"[0, -0, 1, -1, 0.0, -0.0, 12.5, 2568, 2568.0, 1e3, 1E+3, 1e-3, -1.5e-3, 0e10, 0.000e-5]"#,
        #"[123456789012345, 999999999999999, 9999999999999999, 9007199254740993, 123456789012345678901234567890]"#,
        #"[1e308, 1.7976931348623157e308, 4.9e-324, 2.2250738585072014e-308, 5e-324, 2.4703282292062328e-324]"#,
        #"[0.1, 0.2, 0.30000000000000004, 3.14159265358979323846264338327950288, 1e20, 1e22, 1e23, -1e23]"#,
        #""a lone string""#, "42", "true", "null", "[]", "{}", "[[], {}, [[]]]",
    ]

    @Test(arguments: tricky)
    func trickyDocumentsParseAsFoundationParsesThem(_ text: String) throws {
        let foundation = try #require(FastPathSupport.parseWithFoundation(text))
        let fast = try #require(FastPathSupport.parseWithParser(text))
        #expect(FastPathSupport.identical(fast, foundation), "\(fast) vs \(foundation)")
    }

    /// Strings are scanned eight bytes at a time: an escape, a quote or a control character at any offset is seen.
    @Test func escapesAndControlCharactersAreFoundAtEveryOffset() throws {
        for offset in 0..<20 {
            let prefix = String(repeating: "ก", count: offset % 3) + String(repeating: "a", count: offset)
            for special in ["\\n", "\\\"", "\\u0E01", "\\/"] {
                let text = "[\"" + prefix + special + "tail ไทย\"]"
                let fast = try #require(FastPathSupport.parseWithParser(text), "\(text)")
                let foundation = try #require(FastPathSupport.parseWithFoundation(text))
                #expect(FastPathSupport.identical(fast, foundation), "\(text)")
            }
            #expect(FastPathSupport.parseWithParser("[\"" + prefix + "\u{1}tail\"]") == nil)
            #expect(FastPathSupport.parseWithParser("[\"" + prefix + "\"tail\"]") == nil)
        }
    }

    /// The fast path's scan leaves raw C0 controls to the parser, which refuses them in a string and between
    /// tokens: such a file still goes to the locating path and gets its finding.
    @Test func aRawControlCharacterLeavesTheFastPath() {
        for (target, replacement) in [
            ("\"lessons\": \"ให้ชุมชน", "\"lessons\": \"ให้ชุมชน\u{1B}"), ("\"awardYear\": 2568,", "\"awardYear\":\u{1} 2568,"),
        ] {
            let data = Data(JSONFixture.mutated(target, replacement).utf8)
            #expect(!data.withUnsafeBytes { JSONApplicationReader.mayHoldCarefulText($0.bindMemory(to: UInt8.self)) })
            #expect(JSONApplicationReader.readClean(data) == nil)
            #expect(!JSONApplicationReader.read(data).diagnostics.isEmpty)
        }
    }

    @Test func negativeZeroStaysNegative() throws {
        let fast = try #require(FastPathSupport.parseWithParser("[-0, -0.0, -0e3]"))
        guard case .array(let items) = fast else { Issue.record("not an array"); return }
        for case .number(let number) in items { #expect(number == 0 && number.sign == .minus) }
        #expect(items.count == 3)
    }

    @Test func generatedNumbersParseAsFoundationParsesThem() throws {
        // A fixed linear congruential sequence: the same numbers on every run.
        var state: UInt64 = 0x2568_0042
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        var numbers: [String] = []
        for _ in 0..<3_000 {
            var text = next(4) == 0 ? "-" : ""
            let integerDigits = Int(next(22)) + 1
            text += String(next(9) + 1)
            for _ in 1..<integerDigits { text += String(next(10)) }
            if next(2) == 0 {
                text += "."
                for _ in 0...next(20) { text += String(next(10)) }
            }
            if next(3) == 0 { text += (next(2) == 0 ? "e" : "E-") + String(next(340)) }
            numbers.append(text)
        }
        var refused = 0
        for number in numbers {
            // Beyond the range of a Double (overflow, or underflow to zero) Foundation refuses, and so does the parser.
            let foundation = FastPathSupport.parseWithFoundation(number)
            let fast = FastPathSupport.parseWithParser(number)
            if let foundation, let fast {
                #expect(FastPathSupport.identical(fast, foundation), "\(number)")
            } else {
                #expect(foundation == nil && fast == nil, "\(number)")
                refused += 1
            }
        }
        #expect(refused > 0 && refused < numbers.count / 10)
    }

    @Test func nestingAtTheLimitParses() throws {
        let depth = JSONLocator.maxDepth
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: "{\"a\":", count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        for text in [arrays, objects] {
            let fast = try #require(FastPathSupport.parseWithParser(text))
            let foundation = try #require(FastPathSupport.parseWithFoundation(text))
            #expect(FastPathSupport.identical(fast, foundation))
        }
    }

    static let refused: [String] = [
        "", "   ", "[1,]", "{\"a\": 1,}", "{\"a\" 1}", "{a: 1}", "{'a': 1}", "[01]", "[1.]", "[.5]", "[-]", "[+1]", "[1e]",
        "[1e+]", "[0x10]", "[tru]", "[nul]", "[True]", "[1] [2]", "[1] x", "[\"tab\there\"]", "[\"bad \\x escape\"]",
        "[\"lone \\ud800 high\"]", "[\"lone \\udc00 low\"]", "[\"\\ud800\\u0041 not a pair\"]", "[\"\\u12G4\"]",
        "{\"a\": 1, \"a\": 2}", "{\"é\": 1, \"e\\u0301\": 2}", "[1e400]", "[-1e400]", "[1e-400]", "[\"unclosed]", "[1, 2",
        "[\"" + String(repeating: "x", count: 10) + "]",
        String(repeating: "[", count: JSONLocator.maxDepth + 1) + String(repeating: "]", count: JSONLocator.maxDepth + 1),
    ]

    /// Each refused document has something the locating path reports (the locator finds it, or the number is out of range).
    @Test(arguments: refused)
    func theParserGivesUpWhereTheFullPipelineHasAFinding(_ text: String) {
        #expect(FastPathSupport.parseWithParser(text) == nil)
        let bytes = Array(text.utf8)
        let located = bytes.withUnsafeBufferPointer { JSONLocator.locate($0) }
        #expect(!located.diagnostics.isEmpty || FastPathSupport.parseWithFoundation(text) == nil)
    }

    @Test func validThaiAndEscapesComeThroughExactly() {
        #expect(FastPathSupport.parseWithParser("[\"ก\\u0e02 ค\\n\", \"\"]") == .array([.string("กข ค\n"), .string("")]))
    }

    @Test func invalidUTF8InsideAStringGivesUp() {
        let escaped: [UInt8] = [0x5B, 0x22, 0xC3, 0x28, 0x5C, 0x6E, 0x22, 0x5D]  // bad bytes in a string with an escape
        let cut: [UInt8] = [0x5B, 0x22] + Array("ก".utf8).dropLast() + [0x22, 0x5D]  // a Thai letter cut short
        for bytes: [UInt8] in [[0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D], [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D], [0x5B, 0xE0, 0x5D], escaped, cut] {
            #expect(bytes.withUnsafeBufferPointer { JSONParser.parse($0) } == nil)
            #expect(JSONApplicationReader.read(Data(bytes)).diagnostics.map(\.code) == ["PSEA-E003"])
        }
    }
}

@Suite("JSON schema check: accepting agrees with explaining")
struct SchemaCheckSpeedsTests {
    private static let validator = FastPathSupport.validator

    @Test func everyCleanDocumentIsAccepted() throws {
        for document in try FastPathSupport.cleanDocuments() {
            let value = try JSONValue.parse(document.data)
            let validator = try JSONSchemaValidator.forDocument(value).get()
            #expect(validator.validate(value).diagnostics.isEmpty, "\(document.name)")
            #expect(validator.accepts(value), "\(document.name)")
        }
    }

    /// Replaces the value at each member and element of the fixture (and removes each member) with each probe,
    /// and checks that accepting says yes exactly for the documents explaining finds nothing in.
    @Test func mutationsAreJudgedAsTheInterpreterJudgesThem() throws {
        let probes: [JSONValue?] = [
            nil, .null, .bool(true), .number(0), .number(-1), .number(1.5), .number(2568), .number(1e20), .number(-0.0),
            .string(""), .string("  "), .string(" \t x \n"), .string("๒๕๖๘"), .string("๑.๕"), .string("x y"), .string("a@b"),
            .string("@b"), .string("a@"), .string("a@@b"), .string("a@b c"), .string(" A-1_b.c "), .string("Upper"),
            .string("lower-key"), .string(String(repeating: "a", count: 64)), .string(String(repeating: "a", count: 65)),
            .string("2024-02-29"), .string("2023-02-29"), .string("2025-02-20T10:30:00+07:00"), .string("2025-02-20"),
            .string("involve"), .string("การร่วมมือ"), .string("photo"), .string("province"), .string("participatory-governance"),
            .array([]), .array([.string("S1")]), .object([:]),
        ]
        let fixture = try JSONValue.parse(Data(JSONFixture.valid.utf8))
        let places = FastPathSupport.pointers(of: fixture).filter { !$0.hasSuffix("/notThere") && !$0.isEmpty }
        var checked = 0
        for pointer in places {
            for probe in probes {
                let document = Self.replacing(pointer, in: fixture, with: probe)
                let explainingFindsNothing = Self.validator.validate(document).diagnostics.isEmpty
                #expect(Self.validator.accepts(document) == explainingFindsNothing, "\(pointer) = \(String(describing: probe))")
                checked += 1
            }
        }
        #expect(checked == places.count * probes.count)
        #expect(checked > 3_000)
    }

    /// `value` with the member or element at `pointer` replaced by `replacement` (removed when it is nil).
    static func replacing(_ pointer: String, in value: JSONValue, with replacement: JSONValue?) -> JSONValue {
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        return replacing(tokens[...], in: value, with: replacement) ?? .null
    }

    private static func replacing(_ tokens: ArraySlice<String>, in value: JSONValue, with replacement: JSONValue?) -> JSONValue? {
        guard let token = tokens.first else { return replacement }
        switch value {
        case .object(var members):
            members[token] = replacing(tokens.dropFirst(), in: members[token] ?? .null, with: replacement)
            return .object(members)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else { return value }
            if let item = replacing(tokens.dropFirst(), in: items[index], with: replacement) {
                items[index] = item
            } else {
                items.remove(at: index)
            }
            return .array(items)
        default:
            return value
        }
    }

    static let smallSchemas: [(schema: String, instances: [String])] = [
        (#"{"type": "string", "maxLength": 3}"#, [#""กั้น""#, #""ก่ก""#, #""abcd""#, #""abc""#, "1"]),
        (#"{"type": "string", "minLength": 2}"#, [#""a""#, #""ab""#, #""ก""#, #""""#]),
        (#"{"type": ["string", "null"]}"#, ["null", "5", #""x""#, #""๕""#]),
        (#"{"type": ["string", "number"]}"#, [#""๕""#, #""x""#, "5", "true"]),
        (#"{"additionalProperties": {"type": "integer"}}"#, [#"{"a": "x", "b": 2}"#, #"{"b": 2}"#, #"{"b": 2.5}"#, #"{"b": 1e20}"#]),
        (#"{"properties": {"a": false}}"#, [#"{"a": 1}"#, #"{"b": 1}"#]),
        (#"{"properties": {"a": true}, "additionalProperties": false}"#, [#"{"a": 1}"#, #"{"b": 1}"#]),
        (##"{"$ref": "#/$defs/missing"}"##, ["1"]),
        (
            ##"{"$defs": {"n": {"type": "number", "minimum": 0}}, "items": {"$ref": "#/$defs/n"}, "minItems": 2}"##,
            ["[1, 2]", "[1]", "[1, -1]", #"[1, "๓"]"#, #"[1, "-๓"]"#, "[1, 0]"]
        ),
        (
            ##"{"$defs": {"t": {"type": "object", "properties": {"c": {"$ref": "#/$defs/t"}}, "required": ["v"]}}, "$ref": "#/$defs/t"}"##,
            [#"{"v": 1, "c": {"v": 2, "c": {"v": 3}}}"#, #"{"v": 1, "c": {"c": {"v": 3}}}"#]
        ),
        (#"{"const": 1}"#, ["1", "1.0", "2", #""1""#]),
        (#"{"enum": ["a", 1, null]}"#, [#""a""#, "1", "null", #""b""#, "true"]),
        (#"{"type": "string", "pattern": "^[0-9]+$"}"#, [#""123""#, #""12a""#]),
        (#"{"type": "string", "format": "date"}"#, [#""2024-02-29""#, #""2023-02-29""#]),
        (#"{"type": "string", "format": "date-time"}"#, [#""2025-02-20T10:30:00+07:00""#, #""2025-02-20""#]),
    ]

    /// A pattern the check does not match by hand is compiled when the schema loads, so a bad one is refused then.
    @Test func aPatternNotMatchedByHandIsCompiledWhenTheSchemaLoads() {
        #expect(JSONSchemaValidator.Pattern(handMatching: "^[0-9]+$") == .regex)
        #expect(throws: JSONSchemaValidator.SchemaLoadError.self) {
            try JSONSchemaValidator(data: Data(#"{"type": "string", "pattern": "[0-9"}"#.utf8))
        }
    }

    @Test func smallSchemasAreJudgedAsTheInterpreterJudgesThem() throws {
        for (schema, instances) in Self.smallSchemas {
            let validator = try JSONSchemaValidator(data: Data(schema.utf8))
            for instance in instances {
                let value = try JSONValue.parse(Data(instance.utf8))
                #expect(validator.accepts(value) == validator.validate(value).diagnostics.isEmpty, "\(schema) on \(instance)")
            }
        }
    }

    /// The hand-written matchers of the schema's patterns never accept what the regular expression refuses, and
    /// each pattern's expression, compiled only when a finding needs it, compiles.
    @Test func handMatchersAgreeWithTheRegularExpressions() throws {
        let patterns: [(String, JSONSchemaValidator.Pattern)] = [
            ("^[ \\t\\r\\n]*[A-Za-z0-9._-]{1,64}[ \\t\\r\\n]*$", .id),
            ("^[ \\t\\r\\n]*[a-z0-9-]+[ \\t\\r\\n]*$", .typeKey),
            ("^[ \\t\\r\\n]*[^@ \\t\\r\\n]+@[^@ \\t\\r\\n]+[ \\t\\r\\n]*$", .email),
            ("[^ \\t\\r\\n]", .nonBlank),
        ]
        let texts = [
            "", " ", "\t\r\n", "a", " a ", "A-1_b.c", "a b", "a@b", " a@b\n", "@b", "a@", "a@@b", "a@b@c", "ก@ข", "a@b c",
            "lower-key", "Upper", "ไทย", String(repeating: "a", count: 64), String(repeating: "a", count: 65), "a\u{A0}",
            "\u{A0}a", "é", "a\u{0301}", "x\u{85}", "😀@😀",
        ]
        for (pattern, matcher) in patterns {
            #expect(JSONSchemaValidator.Pattern(handMatching: pattern) == matcher)
            let regex = try #require(JSONSchemaValidator.Expression(pattern: pattern).expression)
            for text in texts {
                let byRegex = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                let byHand = JSONSchemaValidator.matches(text, matcher)
                #expect(!byHand || byRegex, "\(pattern) on \(text.debugDescription)")
                if text != "x\u{85}" { #expect(byHand == byRegex, "\(pattern) on \(text.debugDescription)") }
            }
        }
    }
}

@Suite("JSON fast path: direct mapping to the model")
struct JSONModelMapperTests {
    @Test func everyCleanDocumentMapsAsTheDecoderRouteDoes() throws {
        let documents = try FastPathSupport.cleanDocuments()
        #expect(documents.count >= 16)
        for document in documents {
            let value = try JSONValue.parse(document.data)
            let expected = try #require(FastPathSupport.decoderRoute(value), "\(document.name)")
            #expect(JSONModelMapper.application(from: value) == expected, "\(document.name)")
            let fast = try #require(JSONApplicationReader.readClean(document.data), "\(document.name) takes the fast path")
            let full = JSONApplicationReader.readFullyBehindInputChecks(document.data)
            #expect(fast.application == full.application, "\(document.name)")
            #expect(fast.diagnostics.isEmpty && full.diagnostics.isEmpty, "\(document.name)")
        }
    }

    static let edgeCases: [(String, String)] = [
        ("\"nameEn\": \"Nan Province\",", "\"nameEn\": null,"),
        ("\"nameEn\": \"Nan Province\",", ""),
        ("\"awardYear\": 2568,", "\"awardYear\": 2568.0,"),
        ("\"awardYear\": 2568,", "\"awardYear\": 1e20,"),
        ("\"awardYear\": 2568,", "\"awardYear\": 2568.5,"),
        ("\"awardYear\": 2568,", "\"awardYear\": \"2568\","),
        ("\"awardYear\": 2568,", "\"awardYear\": null,"),
        ("\"awardYear\": 2568,", ""),
        ("\"target\": 3000,", "\"target\": -0,"),
        ("\"target\": 3000,", "\"target\": 3000.25,"),
        ("\"target\": 3000,", "\"target\": 1e300,"),
        ("\"target\": 3000,", "\"target\": 123456789012345678901234,"),
        ("\"count\": 640", "\"count\": 640.0"),
        ("\"count\": 640", "\"count\": 6.4"),
        ("\"level\": \"collaborate\"", "\"level\": \" ระดับความร่วมมือ \""),
        ("\"level\": \"collaborate\"", "\"level\": \"ladder\""),
        ("\"kind\": \"photo\"", "\"kind\": \" photo \""),
        ("\"kind\": \"photo\"", "\"kind\": \"drawing\""),
        ("\"start\": \"2023-10-01\"", "\"start\": \" 2023-10-01\\n\""),
        ("\"start\": \"2023-10-01\"", "\"start\": \"2023-02-30\""),
        ("\"submittedAt\": \"2025-02-21T09:15:00+07:00\",", "\"submittedAt\": \"yesterday\","),
        ("\"submittedAt\": \"2025-02-21T09:15:00+07:00\",", "\"extra\": {\"anything\": [1]},"),
        ("\"areas\": [\"น่าน\", \"จ.แพร่\"]", "\"areas\": null"),
        ("\"areas\": [\"น่าน\", \"จ.แพร่\"]", "\"areas\": \"น่าน\""),
        ("\"stakeholderRefs\": [\"S1\"]", "\"stakeholderRefs\": null"),
        ("\"id\": \"PG-2568-0042\",", "\"id\": \"  PG-2568-0042\\t\","),
        ("\"email\": \"somsri@nan.go.th\",", "\"email\": 5,"),
    ]

    /// Whatever the schema says of them, the mapper gives what the decoder gives, or gives up where it throws.
    @Test(arguments: edgeCases)
    func edgeCasesMapAsTheDecoderRouteDoes(_ change: (String, String)) throws {
        let value = try JSONValue.parse(Data(JSONFixture.mutated(change.0, change.1).utf8))
        let mapped = JSONModelMapper.application(from: value)
        #expect(mapped == FastPathSupport.decoderRoute(value))
        if let target = mapped?.indicators.first?.target, target == 0 { #expect(target.sign == .plus) }
    }

    @Test func aRootThatIsNotAnObjectGivesUp() {
        for value: JSONValue in [.null, .array([]), .string("x"), .number(1), .object([:])] {
            #expect(JSONModelMapper.application(from: value) == nil)
            #expect(FastPathSupport.decoderRoute(value) == nil)
        }
    }
}

@Suite("JSON fast path: the reader")
struct JSONFastReaderTests {
    @Test func theLazySourceMapIsTheLocatorsMap() throws {
        var documents = try FastPathSupport.cleanDocuments()
        documents.append(("fixture", Data(JSONFixture.valid.utf8)))
        documents.append(("fixture with a byte order mark", Data([0xEF, 0xBB, 0xBF] + Array(JSONFixture.valid.utf8))))
        documents.append(("fixture with CRLF", Data(JSONFixture.valid.replacingOccurrences(of: "\n", with: "\r\n").utf8)))
        for document in documents {
            let fast = try #require(JSONApplicationReader.readClean(document.data), "\(document.name) takes the fast path")
            let full = JSONApplicationReader.readFullyBehindInputChecks(document.data)
            let lazy = fast.sourceMap
            let located = full.sourceMap
            let pointers = FastPathSupport.pointers(
                of: try JSONValue.parse(
                    document.data.starts(with: [0xEF, 0xBB, 0xBF])
                        ? document.data.dropFirst(3) : document.data))
            #expect(pointers.count > 20)
            for pointer in pointers {
                #expect(lazy.locate(pointer) == located.locate(pointer), "\(document.name) \(pointer)")
            }
        }
    }

    @Test func aRuleFindingOnACleanFileIsPlacedAsBefore() throws {
        // An activity outside the work's period: schema-clean, so read on the fast path; the rule's finding is
        // placed through the lazy source map.
        let text = JSONFixture.mutated("\"date\": \"2024-06-15\"", "\"date\": \"2022-06-15\"")
        let data = Data(text.utf8)
        #expect(JSONApplicationReader.readClean(data) != nil)
        let result = ApplicationIntake.check(data: data, file: "outside.json")
        let finding = try #require(result.diagnostics.first { $0.pointer == "/activities/1/date" })
        let place = try #require(JSONFixture.place(of: "\"date\": \"2022-06-15\"", in: text))
        #expect(finding.location?.line == place.line && finding.location?.column == place.column)
    }

    static let withFindings: [(String, String)] = [
        ("\"awardYear\": 2568,", "\"awardYear\": \"๒๕๖๘\","),
        ("\"awardYear\": 2568,", "\"awardYear\": 2568, \"awardYear\": 2567,"),
        ("\"awardYear\": 2568,", "\"awardYear\": 1e20,"),
        ("\"awardYear\": 2568,", "\"awardYear\": 1e400,"),
        ("\"level\": \"collaborate\"", "\"level\": \"ladder\""),
        ("\"email\": \"somsri@nan.go.th\",", "\"email\": \"somsri at nan\","),
        ("\"kind\": \"photo\",", "\"kind\": \"photo\", \"size\": 3,"),
        ("\"stakeholderRefs\": [\"S1\"]", "\"stakeholderRefs\": []"),
        ("\"title\": \"ภาพเวทีประชาคม\"", "\"title\": \" \\t \""),
        ("\"text\": \"ลดจุดความร้อนในฤดูแล้ง\"", "\"text\": \"ลดจุด\\ud800\""),
        ("\"start\": \"2023-10-01\"", "\"start\": \"2023-02-30\""),
        ("\"phone\": \"054-710-123\"", "\"phone\": \"054-710-123\",,"),
    ]

    /// A file with anything to report leaves the fast path: the locating path gives exactly its findings.
    @Test(arguments: withFindings)
    func filesWithFindingsKeepTheirDiagnostics(_ change: (String, String)) throws {
        let data = Data(JSONFixture.mutated(change.0, change.1).utf8)
        #expect(JSONApplicationReader.readClean(data) == nil)
        let read = JSONApplicationReader.read(data)
        let full = JSONApplicationReader.readFullyBehindInputChecks(data)
        #expect(!read.diagnostics.isEmpty)
        #expect(read.diagnostics == full.diagnostics)
        #expect(read.application == full.application)
    }

    @Test(arguments: FastPathSupport.samples("Samples/invalid", ".json"))
    func invalidSamplesKeepTheirDiagnostics(_ url: URL) throws {
        let data = try Data(contentsOf: url)
        let read = JSONApplicationReader.read(data)
        let full = JSONApplicationReader.readFullyBehindInputChecks(data)
        #expect(read.diagnostics == full.diagnostics)
        #expect(read.application == full.application)
        // Files whose only findings come from the business rules are schema-clean and may take the fast path.
        if !full.diagnostics.isEmpty { #expect(JSONApplicationReader.readClean(data) == nil) }
    }
}

@Suite("Stored applications: the byte-level decoder gives what JSONDecoder gives")
struct StoredApplicationDecoderTests {
    /// The store's canonical JSON (`Ledger.canonicalJSON`): keys sorted, slashes unescaped.
    static func canonical(_ application: Application) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(application), as: UTF8.self)
    }

    @Test func everySampleDecodesAsJSONDecoderDoes() throws {
        let documents = try FastPathSupport.cleanDocuments()
        #expect(documents.count >= 16)
        for document in documents {
            let application = try #require(JSONApplicationReader.read(document.data).application, "\(document.name)")
            let json = try Self.canonical(application)
            let expected = try JSONDecoder().decode(Application.self, from: Data(json.utf8))
            #expect(StoredApplicationDecoder.decode(json) == expected, "\(document.name)")
            #expect(StoredApplicationDecoder.decode(json) == application, "\(document.name)")
        }
    }

    /// Unlike a reader, the stored decoder trims nothing and keeps numbers as written: a stored value comes back
    /// exactly, even one no reader would produce.
    @Test func keepsWhiteSpaceAndTheSignOfZero() throws {
        let value = try JSONValue.parse(Data(JSONFixture.valid.utf8))
        var application = try #require(JSONModelMapper.application(from: value))
        application.agency.name = "  " + application.agency.name + "\n"
        application.indicators[0].target = -0.0
        let json = try Self.canonical(application)
        let decoded = try #require(StoredApplicationDecoder.decode(json))
        let expected = try JSONDecoder().decode(Application.self, from: Data(json.utf8))
        #expect(decoded == expected)
        #expect(decoded.agency.name == application.agency.name)
        #expect(decoded.indicators[0].target?.sign == .minus && expected.indicators[0].target?.sign == .minus)
    }

    /// Where JSONDecoder would throw, or the parser is not sure, it gives nil and the store asks JSONDecoder.
    @Test func givesUpWhereTheDecoderWouldThrow() throws {
        let json = try Self.canonical(try #require(JSONModelMapper.application(from: try JSONValue.parse(Data(JSONFixture.valid.utf8)))))
        for (target, replacement) in [
            ("\"awardYear\":2568", "\"awardYear\":2568.5"), ("\"awardYear\":2568", "\"awardYear\":1e300"),
            ("\"kind\":\"photo\"", "\"kind\":\" photo\""), ("{", "["),
        ] {
            let broken = JSONFixture.mutated(target, replacement, in: json)
            #expect(StoredApplicationDecoder.decode(broken) == nil, "\(replacement)")
            #expect((try? JSONDecoder().decode(Application.self, from: Data(broken.utf8))) == nil, "\(replacement)")
        }
    }
}
