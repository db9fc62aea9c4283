import Foundation
import Model
import Testing

@testable import Intake

/// Size, emptiness and UTF-8 are checked by one piece of code: a reader called on its own says what the front door
/// says.
@Suite("Shared input checks")
struct InputCheckTests {
    static let refused: [(name: String, bytes: [UInt8])] = [
        ("empty", []),
        ("blank", Array(" \n\t\r\n".utf8)),
        ("byte order mark only", [0xEF, 0xBB, 0xBF, 0x0A]),
        ("bad byte in a JSON string", Array("{\n  \"id\": \"ก".utf8) + [0xFF] + Array("\"\n}".utf8)),
        (
            "bad byte in XML text",
            Array("<application xmlns=\"urn:psea:application:1\">\n<id>ก".utf8) + [0xC3, 0x28] + Array("</id></application>".utf8)
        ),
        ("overlong JSON", [UInt8(ascii: "[")] + [0xC0, 0xAF] + [UInt8(ascii: "]")]),
    ]

    @Test(arguments: refused.map(\.name))
    func aReaderOnItsOwnGivesTheFrontDoorsFinding(_ name: String) throws {
        let bytes = try #require(Self.refused.first { $0.name == name }).bytes
        let data = Data(bytes)
        let front = ApplicationIntake.check(data: data, file: name)
        #expect(front.diagnostics.count == 1)
        for read in [JSONApplicationReader.read(data), XMLApplicationReader.read(data)] {
            #expect(read.diagnostics == front.diagnostics, "\(name)")
            #expect(read.application == nil)
        }
    }

    @Test func oversizedFilesAreRefusedWithTheSameWordsEverywhere() {
        let data = Data(repeating: UInt8(ascii: " "), count: 40) + Data("{}".utf8)
        let front = ApplicationIntake.check(data: data, file: "big.json", options: IntakeOptions(maxBytes: 16))
        #expect(front.diagnostics == [InputCheck.tooLarge(data, limit: 16)].compactMap { $0 })
        #expect(front.diagnostics.first?.message.en == "the file is larger than the limit of 16 bytes")
        #expect(InputCheck.tooLarge(data, limit: data.count) == nil)
    }

    /// The caller's limit never lifts the readers' ceiling.
    @Test func theCeilingHoldsWhateverTheCallersLimit() {
        let data = Data(repeating: UInt8(ascii: " "), count: IntakeOptions.ceilingBytes + 1)
        let front = ApplicationIntake.check(data: data, file: "huge.json", options: IntakeOptions(maxBytes: Int.max))
        #expect(front.diagnostics.map(\.code) == [DiagnosticRule.fileTooLarge.code])
        #expect(JSONApplicationReader.read(data).diagnostics == front.diagnostics)
    }
}

@Suite("JSON locating path: one parser, one schema check, one mapper")
struct JSONLocatingPathTests {
    /// A key written twice is the locator's finding; the schema checks the first value, as Foundation kept it.
    @Test func aDuplicateKeyKeepsItsFirstValue() throws {
        let text = JSONFixture.mutated("\"awardYear\": 2568,", "\"awardYear\": \"soon\", \"awardYear\": 2568,")
        let result = JSONFixture.read(text)
        #expect(result.diagnostics.map(\.code) == [DiagnosticRule.wrongType.code, DiagnosticRule.duplicateKey.code])
        #expect(result.diagnostics.allSatisfy { $0.pointer == "/awardYear" })
        #expect(result.application == nil)
    }

    /// Thai digits are a finding that still lets the shared mapper build the model from the checked value.
    @Test func thaiDigitsAreReadAsTheirNumberByTheSharedMapper() throws {
        let text = JSONFixture.mutated("\"awardYear\": 2568,", "\"awardYear\": \"๒๕๖๘\",")
        let data = Data(text.utf8)
        #expect(JSONApplicationReader.readClean(data) == nil)
        let result = JSONApplicationReader.read(data)
        #expect(result.diagnostics.map(\.code) == [DiagnosticRule.thaiDigits.code])
        #expect(result.application == JSONFixture.read(JSONFixture.valid).application)
    }
}
