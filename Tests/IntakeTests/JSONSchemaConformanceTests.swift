import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Intake

@Suite("Published JSON Schema")
struct JSONSchemaConformanceTests {
    /// The schema file as published in the source tree.
    static let schemaPath = TestPaths.packageRoot
        .appendingPathComponent("Sources/Intake/Schemas/application.schema.json").path

    static let documents: [(name: String, text: String)] = [
        ("valid", JSONFixture.valid),
        ("minimal", JSONFixture.minimal),
        ("integral decimal year", JSONFixture.mutated("\"awardYear\": 2568,", "\"awardYear\": 2568.0,")),
        ("empty optional text", JSONFixture.mutated("\"lessons\": \"ให้ชุมชนเป็นเจ้าของข้อมูลตั้งแต่ต้น\"", "\"lessons\": \"\"")),
        ("unknown level", JSONFixture.mutated("\"level\": \"collaborate\"", "\"level\": \"ladder\"")),
        ("fractional year", JSONFixture.mutated("\"awardYear\": 2568,", "\"awardYear\": 2568.5,")),
        ("boolean count", JSONFixture.mutated("\"participants\": 120,", "\"participants\": true,")),
        ("missing e-mail", JSONFixture.mutated("\"email\": \"somsri@nan.go.th\",", "")),
        ("extra field", JSONFixture.mutated("\"nameEn\": \"Nan Province\",", "\"colour\": \"green\",")),
        ("version 2", JSONFixture.mutated("\"schemaVersion\": 1,", "\"schemaVersion\": 2,")),
        ("blank unit", JSONFixture.mutated("\"unit\": \"ไร่\"", "\"unit\": \"  \"")),
        ("impossible date", JSONFixture.mutated("\"date\": \"2025-02-20\"", "\"date\": \"2025-02-30\"")),
        ("no objectives", JSONFixture.mutated("\"objectives\": [", "\"objectives\": [], \"x\": [")),
        ("negative count", JSONFixture.mutated("\"count\": 640", "\"count\": -3")),
        ("Thai digits", JSONFixture.mutated("\"awardYear\": 2568,", "\"awardYear\": \"๒๕๖๘\",")),
        ("two @", JSONFixture.mutated("\"somsri@nan.go.th\"", "\"somsri@nan@go.th\"")),
        ("long id", JSONFixture.mutated("\"PG-2568-0042\"", "\"" + String(repeating: "A", count: 65) + "\"")),
        ("uppercase type", JSONFixture.mutated("\"effective-change\"", "\"Effective-Change\"")),
        ("array root", "[]"),
        ("padded id, key and e-mail", JSONFixture.mutated("\"PG-2568-0042\"", "\" PG-2568-0042\\n\"")),
        ("space inside e-mail", JSONFixture.mutated("\"somsri@nan.go.th\"", "\"som sri@nan.go.th\"")),
        ("no stakeholder refs", JSONFixture.mutated("\"stakeholderRefs\": [\"S1\"]", "\"stakeholderRefs\": []")),
        ("non-breaking space only", JSONFixture.mutated("\"unit\": \"ไร่\"", "\"unit\": \"\\u00a0\"")),
    ]

    @Test func pythonJSONSchemaAgreesWithOurVerdicts() throws {
        let folder = try makeTemporaryFolder("psea-json")
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, document) in Self.documents.enumerated() {
            let file = folder.appendingPathComponent("\(index).json")
            try Data(document.text.utf8).write(to: file)
            paths.append(file.path)
        }
        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            Draft202012Validator.check_schema(schema)
            validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            for path in sys.argv[2:]:
                print("valid" if validator.is_valid(json.load(open(path, encoding="utf-8"))) else "invalid")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Self.schemaPath] + paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with jsonschema must be installed")
        let python = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        try #require(python.count == Self.documents.count)
        var verdicts: Set<String> = []
        for (index, document) in Self.documents.enumerated() {
            let result = JSONFixture.read(document.text)
            let ours = result.diagnostics.contains { $0.severity == .error } ? "invalid" : "valid"
            verdicts.insert(ours)
            #expect(ours == python[index], "\(document.name): ours \(ours), jsonschema \(python[index])")
        }
        #expect(verdicts == ["valid", "invalid"])
    }

    @Test func theBundledSchemaLoadsAndIsTheURNOfFormatOne() throws {
        let validator = try JSONSchemaValidator.shared.get()
        guard case .object(let root) = validator.root else {
            Issue.record("the schema is not an object")
            return
        }
        #expect(root["$id"] == .string("urn:psea:application:1"))
        #expect(root["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        let published = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: Self.schemaPath)))
        #expect(validator.root == published)
    }

    @Test(arguments: [
        #"{"type": "object", "maximum": 3}"#,
        #"{"properties": {"a": {"oneOf": []}}}"#,
        #"{"$defs": {"d": {"format": "email"}}}"#,
        #"{"pattern": "("}"#,
    ])
    func aSchemaWithKeywordsWeDoNotInterpretIsRefused(_ text: String) {
        #expect(throws: JSONSchemaValidator.SchemaLoadError.self) {
            try JSONSchemaValidator(data: Data(text.utf8))
        }
    }
}

/// The published schema of format version 2 is valid JSON Schema 2020-12, and Python's `jsonschema` judges
/// documents against it as our validator does.
@Suite("Published JSON Schema, version 2")
struct JSONSchemaVersionTwoConformanceTests {
    static let schemaPath = TestPaths.packageRoot
        .appendingPathComponent("Sources/Intake/Schemas/application-v2.schema.json").path

    static func documents() throws -> [(name: String, text: String)] {
        let sample = try String(
            contentsOf: TestPaths.validSamples.appendingPathComponent("ec-local-admin-chiangrai.json"), encoding: .utf8)
        func mutated(_ target: String, _ replacement: String) -> String {
            #expect(sample.contains(target), "\(target)")
            return sample.replacingOccurrences(of: target, with: replacement)
        }
        return [
            ("version 2 sample", sample),
            ("version 1", mutated("\"schemaVersion\": 2,", "\"schemaVersion\": 1,")),
            ("no responses", mutated("\"responses\": [", "\"answers\": [")),
            ("a response without text", mutated("{\"criterion\": \"EC1.1\", \"text\":", "{\"criterion\": \"EC1.1\", \"note\":")),
            ("a blank answer", mutated("{\"criterion\": \"EC1.1\", \"text\": \"", "{\"criterion\": \"EC1.1\", \"text\": \" \", \"x\": \"")),
            ("a bad criterion id", mutated("\"criterion\": \"EC1.1\"", "\"criterion\": \"EC 1.1\"")),
            ("evidence refs as a string", mutated("\"evidenceRefs\": [\"E3\"]}", "\"evidenceRefs\": \"E3\"}")),
        ]
    }

    @Test func pythonJSONSchemaAgreesWithOurVerdicts() throws {
        let documents = try Self.documents()
        let folder = try makeTemporaryFolder("psea-json-v2")
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, document) in documents.enumerated() {
            let file = folder.appendingPathComponent("\(index).json")
            try Data(document.text.utf8).write(to: file)
            paths.append(file.path)
        }
        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            Draft202012Validator.check_schema(schema)
            validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            for path in sys.argv[2:]:
                print("valid" if validator.is_valid(json.load(open(path, encoding="utf-8"))) else "invalid")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Self.schemaPath] + paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with jsonschema must be installed")
        let python = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        try #require(python.count == documents.count)
        let validator = try JSONSchemaValidator.sharedV2.get()
        var verdicts: Set<String> = []
        for (index, document) in documents.enumerated() {
            let value = try JSONValue.parse(Data(document.text.utf8))
            let ours = validator.validate(value).diagnostics.contains { $0.severity == .error } ? "invalid" : "valid"
            verdicts.insert(ours)
            #expect(ours == python[index], "\(document.name): ours \(ours), jsonschema \(python[index])")
        }
        #expect(verdicts == ["valid", "invalid"])
    }

    @Test func theBundledSchemaIsThePublishedOneOfFormatTwo() throws {
        let validator = try JSONSchemaValidator.sharedV2.get()
        guard case .object(let root) = validator.root else {
            Issue.record("the schema is not an object")
            return
        }
        #expect(root["$id"] == .string("urn:psea:application:2"))
        let published = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: Self.schemaPath)))
        #expect(validator.root == published)
    }
}
