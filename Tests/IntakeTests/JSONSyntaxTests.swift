import Foundation
import Model
import Testing

@testable import Intake

@Suite("JSON reader: syntax, encoding and hostile input")
struct JSONSyntaxTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let line: Int
        let column: Int
        /// A phrase the English message must contain.
        let phrase: String
        var testDescription: String { phrase }
    }

    static let cases: [Case] = [
        Case(text: "{\"a\": 1,}", line: 1, column: 8, phrase: "trailing comma before '}'"),
        Case(text: "{\n  \"ชื่อ\": \"ค่า\",\n  \"b\": [1, 2,]\n}", line: 3, column: 13, phrase: "trailing comma before ']'"),
        Case(text: "{\"a\": {\"b\": 1}", line: 1, column: 15, phrase: "unclosed object: the '{' at line 1, column 1"),
        Case(text: "{\"a\": [1, 2", line: 1, column: 12, phrase: "unclosed array: the '[' at line 1, column 7"),
        Case(text: "{\"a\": \"abc", line: 1, column: 11, phrase: "unclosed string: the '\"' at line 1, column 7"),
        Case(text: "{\"a\": @}", line: 1, column: 7, phrase: "unexpected character '@'"),
        Case(text: "{\"a\": \"x\\q\"}", line: 1, column: 9, phrase: "invalid escape \\q"),
        Case(text: "{\"a\": \"\\u12G4\"}", line: 1, column: 8, phrase: "four hexadecimal digits"),
        Case(text: "{\"a\": \"\\ud800x\"}", line: 1, column: 8, phrase: "high surrogate"),
        Case(text: "{\"a\": \"\\udc00\"}", line: 1, column: 8, phrase: "unpaired low surrogate"),
        Case(text: "{\"a\": 012}", line: 1, column: 7, phrase: "leading zeros"),
        Case(text: "{\"a\": -}", line: 1, column: 8, phrase: "'-' must be followed by digits"),
        Case(text: "{\"a\": 1.}", line: 1, column: 9, phrase: "digits after the decimal point"),
        Case(text: "{\"a\": 1e}", line: 1, column: 9, phrase: "digits in the exponent"),
        Case(text: "{\"a\": 'x'}", line: 1, column: 7, phrase: "double quotes"),
        Case(text: "{\"a\": True}", line: 1, column: 7, phrase: "unknown word 'True'"),
        Case(text: "{a: 1}", line: 1, column: 2, phrase: "expected an object key in double quotes"),
        Case(text: "{\"a\" 1}", line: 1, column: 6, phrase: "expected ':' after the key \"a\""),
        Case(text: "{\"a\": 1 \"b\": 2}", line: 1, column: 9, phrase: "expected ',' or '}'"),
        Case(text: "{\"a\": \"line\nbreak\"}", line: 1, column: 12, phrase: "control character U+000A"),
        Case(text: "{} {}", line: 1, column: 4, phrase: "after the end of the JSON document"),
        Case(text: "{\"a\": ", line: 1, column: 7, phrase: "unclosed object"),
    ]

    @Test(arguments: cases)
    func syntaxErrorsArePlacedPrecisely(_ testCase: Case) throws {
        let result = JSONFixture.read(testCase.text)
        #expect(result.application == nil)
        #expect(result.diagnostics.count == 1)
        let finding = try #require(result.diagnostics.first)
        #expect(finding.code == "PSEA-E008")
        #expect(finding.location?.line == testCase.line)
        #expect(finding.location?.column == testCase.column)
        #expect(finding.message.en.contains(testCase.phrase), "\(finding.message.en)")
        #expect(!finding.message.th.isEmpty)
    }

    @Test func invalidUTF8IsPlaced() throws {
        var bytes = Data("{\n  \"ชื่อ\": \"".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Data("\"\n}".utf8))
        let result = JSONApplicationReader.read(bytes)
        let finding = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(finding.code == "PSEA-E003")
        #expect(finding.location?.line == 2 && finding.location?.column == 12)
        #expect(result.application == nil)
    }

    @Test func overlongAndSurrogateEncodingsAreNotUTF8() {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80]] {
            let result = JSONApplicationReader.read(Data([UInt8(ascii: "\"")] + bad + [UInt8(ascii: "\"")]))
            #expect(result.diagnostics.map(\.code) == ["PSEA-E003"])
        }
    }

    @Test(arguments: ["", "  \n\t ", "\u{FEFF}"])
    func emptyInputIsReported(_ text: String) throws {
        let result = JSONFixture.read(text)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E001"])
        #expect(result.application == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func deepNestingStopsAtTheLimit() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = JSONFixture.read(String(repeating: "[", count: 100_000))
        #expect(clock.now - start < .seconds(2))
        let finding = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(finding.code == "PSEA-E009")
        #expect(finding.location?.line == 1 && finding.location?.column == JSONLocator.maxDepth + 1)
        #expect(finding.pointer == "/" + Array(repeating: "0", count: JSONLocator.maxDepth).joined(separator: "/"))
    }

    @Test func nestingUpToTheLimitIsFine() {
        let depth = JSONLocator.maxDepth
        let text = String(repeating: "{\"a\":", count: depth - 1) + "[]" + String(repeating: "}", count: depth - 1)
        let codes = JSONFixture.read(text).diagnostics.map(\.code)
        #expect(!codes.contains("PSEA-E009") && !codes.contains("PSEA-E008"))
    }

    @Test func deepObjectsStopAtTheLimitToo() throws {
        let result = JSONFixture.read(String(repeating: "{\"k\": ", count: 100_000))
        #expect(result.diagnostics.map(\.code) == ["PSEA-E009"])
        #expect(result.diagnostics.first?.location?.column == 6 * JSONLocator.maxDepth + 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFiftyMebibyteArrayIsRefusedWithoutCrashing() throws {
        let bytes = Array(("[" + String(repeating: "0,", count: 25 * 1024 * 1024 - 1) + "0]").utf8)
        #expect(bytes.count >= 50 * 1024 * 1024)
        let clock = ContinuousClock()
        let start = clock.now
        let result = JSONApplicationReader.read(Data(bytes))
        #expect(clock.now - start < .seconds(2))
        #expect(result.diagnostics.map(\.code) == ["PSEA-E002"])
        #expect(result.application == nil)
    }

    /// A number out of the range of a Double, or too long, is a finding at the number itself (PSEA-E029), not a
    /// syntax error of the whole document at 1:1.
    @Test(arguments: [
        ("1e400", "too large"), ("-1e400", "too large"), ("1e-400", "too small"), ("-0.0000e-99999", ""),
        ("1" + String(repeating: "0", count: 5_000), "characters long"), ("0." + String(repeating: "1", count: 5_000), "characters long"),
    ])
    func aNumberOutOfRangeOrTooLongIsAFindingAtTheNumber(_ number: String, _ words: String) throws {
        let text = "{\"a\": [1,\n  2, \(number)]}"
        let result = JSONFixture.read(text)
        #expect(result.application == nil)
        guard !words.isEmpty else {
            // A zero written with an exponent is zero, not out of range.
            #expect(!result.diagnostics.contains { $0.code == DiagnosticRule.numberOutOfRange.code })
            return
        }
        #expect(result.diagnostics.map(\.code) == [DiagnosticRule.numberOutOfRange.code])
        let finding = try #require(result.diagnostics.first)
        #expect(finding.location?.line == 2 && finding.location?.column == 6)
        #expect(finding.location?.path == "/a/2")
        #expect(finding.message.en.contains(words))
    }

    @Test func aNumberOutOfRangeInAnApplicationIsPlacedAtItsField() throws {
        let text = JSONFixture.mutated("\"count\": 640", "\"count\": 1e400")
        let result = ApplicationIntake.check(data: Data(text.utf8), file: "n.json")
        let finding = try #require(result.diagnostics.first { $0.code == DiagnosticRule.numberOutOfRange.code }, "\(result.diagnostics)")
        let place = try #require(JSONFixture.place(of: "1e400", in: text))
        #expect(finding.location?.line == place.line && finding.location?.column == place.column)
        #expect(finding.pointer == "/stakeholders/0/count")
    }

    @Test(.timeLimit(.minutes(1)))
    func aLargeArrayWithinTheLimitIsCheckedQuickly() throws {
        let elements = 50_000
        let text = "[" + Array(repeating: "12345", count: elements).joined(separator: ",") + "]"
        let clock = ContinuousClock()
        let start = clock.now
        let result = JSONFixture.read(text)
        // A guard against super-linear cost (a hang), not a speed test: the benchmarks measure speed. Debug builds
        // on a loaded CI machine take a few seconds here.
        #expect(clock.now - start < .seconds(10))
        #expect(result.diagnostics.map(\.code) == ["PSEA-E012"])
        #expect(result.sourceMap.locate("/1000")?.column == 1 + 1000 * 6 + 1)
    }
}
