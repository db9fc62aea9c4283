import Foundation
import Model
import Testing

@testable import Intake

/// The schema check's keywords on small schemas, including ones the published schema does not use today.
@Suite("JSON Schema check")
struct JSONSchemaInterpreterTests {
    private func findings(_ schema: String, _ instance: String) throws -> [Diagnostic] {
        let validator = try JSONSchemaValidator(data: Data(schema.utf8))
        return validator.validate(try JSONValue.parse(Data(instance.utf8))).diagnostics
    }

    @Test func maxLengthCountsUnicodeScalars() throws {
        let schema = #"{"type": "string", "maxLength": 3}"#
        #expect(try findings(schema, #""กั้น""#).map(\.code) == ["PSEA-E014"])
        #expect(try findings(schema, #""ก่ก""#).isEmpty)
        #expect(try findings(schema, #""abcd""#).first?.message.en == "the document: must have at most 3 characters, found 4")
    }

    @Test func minLengthAboveOneSaysHowMany() throws {
        let found = try findings(#"{"type": "string", "minLength": 2}"#, #""a""#)
        #expect(found.map(\.code) == ["PSEA-E014"])
        #expect(found.first?.message.en == "the document: must have at least 2 characters, found 1")
        #expect(found.first?.message.th.hasPrefix("ตัวเอกสาร:") == true)
    }

    @Test func typeListsAcceptAnyOfTheirTypes() throws {
        let schema = #"{"type": ["string", "null"]}"#
        #expect(try findings(schema, "null").isEmpty)
        let found = try findings(schema, "5")
        #expect(found.map(\.code) == ["PSEA-E012"])
        #expect(found.first?.message.en == "the document: expected a string or null, found a number 5")
    }

    @Test func additionalPropertiesMayBeASchema() throws {
        let found = try findings(#"{"additionalProperties": {"type": "integer"}}"#, #"{"a": "x", "b": 2}"#)
        #expect(found.map(\.code) == ["PSEA-E012"])
        #expect(found.first?.pointer == "/a")
    }

    @Test func aFalseSchemaRefusesAnyValue() throws {
        let found = try findings(#"{"properties": {"a": false}}"#, #"{"a": 1}"#)
        #expect(found.map(\.code) == ["PSEA-E017"])
        #expect(found.first?.pointer == "/a")
    }

    @Test func anUnresolvedReferenceIsReported() throws {
        let found = try findings(##"{"$ref": "#/$defs/missing"}"##, "1")
        #expect(found.map(\.code) == ["PSEA-E017"])
    }

    /// A reference's tokens are unescaped as JSON Pointer says (`~1` is `/`, `~0` is `~`).
    @Test func aReferenceWithEscapedTokensResolves() throws {
        let schema =
            ##"{"$defs": {"a/b": {"type": "integer"}, "c~d": {"type": "string"}}, "##
            + ##""properties": {"x": {"$ref": "#/$defs/a~1b"}, "y": {"$ref": "#/$defs/c~0d"}}}"##
        #expect(try findings(schema, #"{"x": 1, "y": "s"}"#).isEmpty)
        #expect(try findings(schema, #"{"x": "1", "y": 2}"#).map(\.pointer) == ["/x", "/y"])
    }

    @Test func thaiDigitsThenMinimum() throws {
        let found = try findings(#"{"type": "number", "minimum": 0}"#, #""-๓""#)
        #expect(found.map(\.code).sorted() == ["PSEA-E017", "PSEA-E025"])
    }

    @Test func aNumberTooLargeForTheModelIsReportedAtItsField() throws {
        let text = JSONFixture.mutated("\"awardYear\": 2568,", "\"awardYear\": 1e20,")
        let result = JSONFixture.read(text)
        #expect(result.application == nil)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E017"])
        #expect(result.diagnostics.first?.pointer == "/awardYear")
    }
}
