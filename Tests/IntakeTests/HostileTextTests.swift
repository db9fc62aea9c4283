import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Intake

/// Characters as the formats allow them (issue 19, point 2): a control character other than tab, LF and CR, or
/// U+FFFE/U+FFFF, is an error at its place in either format; a bidirectional control is a warning; whatever is
/// accepted converts both ways without losing a character.
@Suite struct HostileTextTests {
    static let agency = #""nameEn": "Nan Province""#

    /// The codes of `result` beyond those of the unmodified fixture (which has a province-spelling warning).
    static func codes(_ result: IntakeResult) -> [String] {
        let base = Set(ApplicationIntake.check(data: Data(JSONFixture.valid.utf8), file: "base.json").diagnostics.map(\.code))
        return result.diagnostics.map(\.code).filter { !base.contains($0) }
    }

    static let forbidden: [UInt32] = Array(0..<0x20).filter { ![0x09, 0x0A, 0x0D].contains($0) } + Array(0x7F...0x9F) + [0xFFFE, 0xFFFF]

    @Test(arguments: forbidden)
    func anEscapedForbiddenCharacterInJSONIsAnErrorAtItsEscape(_ value: UInt32) throws {
        let escape = String(format: "\\u%04X", value)
        let text = JSONFixture.mutated(Self.agency, #""nameEn": "Nan"# + escape + #" Province""#)
        let result = ApplicationIntake.check(data: Data(text.utf8), file: "a.json")
        #expect(result.application == nil)
        let finding = try #require(result.diagnostics.first { $0.code == ProblemCode.controlCharacter.code }, "\(result.diagnostics)")
        let place = try #require(JSONFixture.place(of: escape, in: text))
        #expect(finding.location?.line == place.line && finding.location?.column == place.column)
        #expect(finding.location?.path == "/agency/nameEn")
        #expect(finding.message.en.contains(TextCheck.codePoint(Unicode.Scalar(value)!)))
    }

    @Test func rawControlsThatJSONAllowsAreErrorsToo() throws {
        for raw in ["\u{7F}", "\u{85}", "\u{9B}", "\u{FFFE}"] {
            let text = JSONFixture.mutated(Self.agency, #""nameEn": "Nan"# + raw + #" Province""#)
            let result = ApplicationIntake.check(data: Data(text.utf8), file: "a.json")
            #expect(Self.codes(result) == [ProblemCode.controlCharacter.code], "\(result.diagnostics)")
            #expect(JSONApplicationReader.readClean(Data(text.utf8)) == nil, "the fast path must step aside")
        }
        let key = JSONFixture.mutated(#""schemaVersion""#, #""schema\bVersion""#)
        #expect(Self.codes(ApplicationIntake.check(data: Data(key.utf8), file: "k.json")).contains(ProblemCode.controlCharacter.code))
    }

    @Test func aBidiOverrideIsAWarningAndTheFileStaysValid() throws {
        for written in [#"\u202E"#, "\u{202E}", #"\u2067"#] {
            let text = JSONFixture.mutated(Self.agency, #""nameEn": "Nan Province"# + written + #"abc""#)
            let result = ApplicationIntake.check(data: Data(text.utf8), file: "b.json")
            #expect(result.isValid, "\(result.diagnostics)")
            #expect(Self.codes(result) == [ProblemCode.bidiControl.code])
            let place = try #require(JSONFixture.place(of: written, in: text))
            #expect(result.diagnostics.first?.location?.line == place.line && result.diagnostics.first?.location?.column == place.column)
            #expect(result.application?.agency.nameEn?.unicodeScalars.contains(where: UnicodeText.isBidiControl) == true)
        }
    }

    @Test func xmlRefusesControlsAsCharacterReferencesAndWarnsOfBidiControls() throws {
        let c1 = XMLSample.replacing("<name>จังหวัดน่าน</name>", with: "<name>จังหวัด&#x85;น่าน</name>")
        let refused = ApplicationIntake.check(data: Data(c1.utf8), file: "c1.xml")
        #expect(Self.codes(refused) == [ProblemCode.controlCharacter.code], "\(refused.diagnostics)")
        #expect(refused.diagnostics.first?.location?.path == "/application/agency/name")
        // C0 controls are not XML characters at all: libxml2 refuses them as not well-formed.
        let escape = XMLSample.replacing("<name>จังหวัดน่าน</name>", with: "<name>จังหวัด&#x1B;น่าน</name>")
        #expect(!ApplicationIntake.check(data: Data(escape.utf8), file: "esc.xml").isValid)
        let bidi = XMLSample.replacing("<name>จังหวัดน่าน</name>", with: "<name>จังหวัด&#x202E;น่าน</name>")
        let warned = ApplicationIntake.check(data: Data(bidi.utf8), file: "bidi.xml")
        #expect(warned.isValid && Self.codes(warned) == [ProblemCode.bidiControl.code], "\(warned.diagnostics)")
        #expect(XMLApplicationReader.readClean(Data(bidi.utf8)) == nil, "the fast path must step aside")
    }

    /// Every character XML can carry, in a field that keeps its text as written, survives JSON → XML → JSON and
    /// XML → JSON → XML.
    @Test func whateverIsAcceptedConvertsBothWaysWithoutLoss() throws {
        let kept = "ก\tข\nค\r\nง\rจ <&>\"' ]]> \u{A0}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}\u{202E}ฉ\u{2069} 🇹🇭 e\u{301}"
        let text = JSONFixture.mutated(Self.agency, #""nameEn": "# + JSONText.quoted(kept))
        let original = ApplicationIntake.check(data: Data(text.utf8), file: "all.json")
        #expect(original.isValid, "\(original.diagnostics)")
        let application = try #require(original.application)
        let xml = ApplicationIntake.check(data: Data(XMLApplicationWriter.write(application).utf8), file: "all.xml")
        #expect(xml.isValid, "\(xml.diagnostics)")
        let fromXML = try #require(xml.application)
        #expect(fromXML == application)
        let json = ApplicationIntake.check(data: JSONApplicationWriter.write(fromXML), file: "back.json")
        #expect(json.application == application)
    }

    @Test func convertRefusesAFileItCouldNotWriteWithoutLoss() throws {
        let folder = try makeTemporaryFolder("psea-convert")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("esc.json")
        try Data(JSONFixture.mutated(Self.agency, #""nameEn": "Nan\u001b[2J Province""#).utf8).write(to: file)
        let run = try CLI.run(["convert", "--to", "xml", file.path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(ProblemCode.controlCharacter.code))
    }
}
