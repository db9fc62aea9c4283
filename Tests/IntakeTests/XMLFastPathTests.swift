import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Intake

/// The XML reader's fast path (parsed and validated in one stream, source places found only on demand) must give
/// exactly what the full pipeline gives, and must step aside for every file with anything to report.
@Suite("XML reader: fast path for clean files")
struct XMLFastPathTests {
    static let samples = TestPaths.samples

    static func files(in folder: String, ending suffix: String) -> [URL] {
        let directory = samples.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// The warning samples whose warning is a business rule's (the reader itself has nothing to say of them):
    /// all but the one whose Thai digits the reader reads with a warning of its own.
    static let ruleWarningSamples = files(in: "warnings", ending: ".xml").filter { $0.lastPathComponent != "thai-digits.xml" }

    static let cleanSamples = files(in: "valid", ending: ".xml") + files(in: "v1", ending: ".xml") + ruleWarningSamples
    static let invalidSamples = files(in: "invalid", ending: ".xml")

    /// One clean XML document with a name for the test report.
    struct Input: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var testDescription: String { name }
    }

    /// Clean documents with the shapes the mapping must get exactly right: the hand-written sample, every JSON
    /// sample written as XML, and the sample with text split by comments, CDATA, Unicode white space around
    /// values, entity and character references in attributes, padded attribute values, a prefix and CRLF.
    static let generated: [Input] = {
        var inputs = [Input(name: "hand-written sample", text: XMLSample.text)]
        for url in files(in: "valid", ending: ".json") + files(in: "warnings", ending: ".json") {
            guard let data = try? Data(contentsOf: url), let application = JSONApplicationReader.read(data).application else { continue }
            inputs.append(Input(name: "written from \(url.lastPathComponent)", text: XMLApplicationWriter.write(application)))
        }
        let edits: [(String, String, String)] = [
            ("text split by a comment", "<name>จังหวัดน่าน</name>", "<name>จังหวัด<!-- ชื่อ -->น่าน</name>"),
            ("CDATA", "<lessons>ให้ชุมชนร่วมตั้งแต่การกำหนดปัญหา</lessons>", "<lessons> <![CDATA[ให้ชุมชน <ร่วม> & กำหนดปัญหา]]> </lessons>"),
            ("Unicode white space", "<title>ปลูกป่าร่วมกัน</title>", "<title>\u{00A0}\u{3000} ปลูกป่าร่วมกัน\u{2003}\n</title>"),
            ("entity references", "unit=\"ไร่\"", "unit=\"ไร่ &amp; &#x0E07;าน &lt;x&gt;\""),
            ("character references in a ref list", "stakeholderRefs=\"S1 S2\"", "stakeholderRefs=\"S1&#13;&#10;S2&#9; \""),
            ("ASCII separators around and between ids", "stakeholderRefs=\"S1 S2\"", "stakeholderRefs=\"\t S1  \tS2\n \""),
            ("escaped ampersand references", "unit=\"ไร่\"", "unit=\"a &amp;#38; b &#38;amp; &amp;&amp; c\""),
            ("text between child elements", "<name>จังหวัดน่าน</name>", "<name>จังหวัด<?note x?>น่าน<!-- -->&amp;&#x0E01;</name>"),
            ("padded attribute values", "kind=\"province\"", "kind=\"  province \" "),
            ("empty optional text", "<technique>ประชาคมหมู่บ้าน</technique>", "<technique/>"),
        ]
        for (name, old, new) in edits {
            inputs.append(Input(name: name, text: XMLSample.replacing(old, with: new)))
        }
        let prefixed = XMLSample.text
            .replacingOccurrences(of: "xmlns=\"urn:psea:application:1\"", with: "xmlns:a=\"urn:psea:application:1\"")
            .replacingOccurrences(of: "<", with: "<a:").replacingOccurrences(of: "<a:/", with: "</a:")
            .replacingOccurrences(of: "<a:?xml", with: "<?xml")
        inputs.append(Input(name: "prefixed namespace", text: prefixed))
        inputs.append(Input(name: "CRLF line ends", text: XMLSample.text.replacingOccurrences(of: "\n", with: "\r\n")))
        return inputs
    }()

    /// The model as bytes, so that strings are compared scalar by scalar (not up to canonical equivalence).
    static func encoded(_ application: Application?) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(try #require(application))
    }

    /// Every entry of a source map (its storage is private; the test reads it by reflection).
    static func entries(_ map: SourceMap) -> [String: Model.SourceLocation]? {
        Mirror(reflecting: map).children.first { $0.label == "entries" }?.value as? [String: Model.SourceLocation]
    }

    static func expectSameAsFullPipeline(_ data: Data) throws {
        let fast = try #require(XMLApplicationReader.readClean(data), "the fast path refused a clean file")
        let full = XMLApplicationReader.readFullyBehindInputChecks(data)
        #expect(full.diagnostics.isEmpty, "\(full.diagnostics)")
        #expect(fast.diagnostics.isEmpty)
        #expect(try encoded(fast.application) == encoded(full.application))
        let lazy = try #require(entries(fast.sourceMap))
        #expect(!lazy.isEmpty)
        #expect(lazy == entries(full.sourceMap))
        let read = XMLApplicationReader.read(data)
        #expect(try encoded(read.application) == encoded(full.application))
    }

    @Test(arguments: cleanSamples)
    func shippedSampleReadsTheSameOnBothPaths(_ url: URL) throws {
        try Self.expectSameAsFullPipeline(try Data(contentsOf: url))
    }

    @Test(arguments: generated)
    func generatedDocumentReadsTheSameOnBothPaths(_ input: Input) throws {
        try Self.expectSameAsFullPipeline(Data(input.text.utf8))
    }

    @Test func theCleanSamplesAndGeneratedInputsAreThere() {
        #expect(Self.cleanSamples.count >= 8)
        #expect(Self.generated.count >= 15)
    }

    @Test(arguments: invalidSamples)
    func fileWithFindingsGetsTheFullPipelinesDiagnostics(_ url: URL) throws {
        let data = try Data(contentsOf: url)
        let full = XMLApplicationReader.readFullyBehindInputChecks(data)
        let read = XMLApplicationReader.read(data)
        if XMLApplicationReader.readClean(data) == nil {
            #expect(!full.diagnostics.isEmpty)
        } else {
            // A sample that only breaks business rules is clean to the reader.
            #expect(full.diagnostics.isEmpty)
        }
        #expect(read.diagnostics == full.diagnostics)
        #expect((read.application == nil) == (full.application == nil))
    }

    @Test func thaiDigitsInANumberLeaveTheFastPathAndAreStillRepaired() throws {
        let text = XMLSample.replacing("<awardYear>2568</awardYear>", with: "<awardYear>๒๕๖๘</awardYear>")
            .replacingOccurrences(of: "count=\"640\"", with: "count=\"๖๔๐\"")
        let data = Data(text.utf8)
        #expect(XMLApplicationReader.readClean(data) == nil)
        let result = XMLApplicationReader.read(data)
        #expect(result.diagnostics.map(\.code) == ["PSEA-W026", "PSEA-W026"])
        #expect(result.diagnostics.map(\.pointer) == ["/awardYear", "/stakeholders/0/count"])
        #expect(result.diagnostics.map(\.location?.line) == [4, 33])
        #expect(try #require(result.application) == XMLSample.expected)
    }

    @Test func aValueOnlyTheMappingRefusesLeavesTheFastPath() throws {
        let data = Data(XMLSample.replacing("date=\"2024-03-12\"", with: "date=\"2024-03-12+07:00\"").utf8)
        #expect(XMLApplicationReader.readClean(data) == nil)
        let result = XMLApplicationReader.read(data)
        #expect(result.application == nil)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E019"])
        #expect(result.diagnostics.first?.location?.path == "/application/activities/activity[2]/@date")
    }

    @Test func aSchemaErrorLeavesTheFastPathWithItsPlace() throws {
        let data = Data(XMLSample.replacing("kind=\"dataset\"", with: "kind=\"spreadsheet\"").utf8)
        #expect(XMLApplicationReader.readClean(data) == nil)
        let d = try #require(XMLApplicationReader.read(data).diagnostics.first)
        #expect(d.code == "PSEA-E013")
        #expect(d.location?.path == "/application/evidence/item[2]/@kind")
        #expect(d.location?.line == 62)
    }

    @Test func aDoctypeNeverReachesTheFastPath() {
        let text = XMLSample.text.replacingOccurrences(
            of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE application [<!ENTITY x \"y\">]>")
        let data = Data(text.utf8)
        #expect(XMLApplicationReader.readClean(data) == nil)
        #expect(XMLApplicationReader.read(data).diagnostics.map(\.code) == [DiagnosticRule.xmlForbiddenDTD.code])
    }

    @Test func aUTF16DocumentLeavesTheFastPath() throws {
        var data = Data([0xFF, 0xFE])
        data.append(
            try #require(
                XMLSample.text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
                    .data(using: .utf16LittleEndian)))
        #expect(XMLApplicationReader.readClean(data) == nil)
        #expect(XMLApplicationReader.read(data).diagnostics == XMLApplicationReader.readFullyBehindInputChecks(data).diagnostics)
        #expect(XMLApplicationReader.read(data).diagnostics.map(\.code) == [DiagnosticRule.notUTF8.code])
    }

    @Test func anotherDeclaredEncodingLeavesTheFastPath() {
        let text = XMLSample.text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        let data = Data(text.utf8)
        #expect(XMLApplicationReader.readClean(data) == nil)
        #expect(XMLApplicationReader.read(data).diagnostics.map(\.code) == [DiagnosticRule.notUTF8.code])
    }

    /// A byte sequence that is not UTF-8, put somewhere in the sample.
    struct BadBytes: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var after: String
        var testDescription: String { "\(name) after \(after)" }
    }

    /// Every kind of bad sequence (stray continuation, overlong forms, surrogate, beyond U+10FFFF, cut short,
    /// bytes never used) in text, in CDATA, in an attribute value, in an element's and an attribute's name, in a
    /// comment and after the root element. The fast path makes its strings without validating them again, so
    /// libxml2 must stop every one of these before a string is made.
    static let badBytes: [BadBytes] = {
        let kinds: [(String, [UInt8])] = [
            ("stray continuation", [0x80]), ("overlong 2-byte", [0xC0, 0xAF]), ("overlong C1", [0xC1, 0xBF]),
            ("overlong 3-byte", [0xE0, 0x80, 0xAF]), ("overlong 4-byte", [0xF0, 0x80, 0x80, 0xAF]),
            ("surrogate", [0xED, 0xA0, 0x80]), ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
            ("cut short", [0xE0, 0xB8]), ("FF", [0xFF]),
        ]
        let places = ["<lessons>ให้", "<![CDATA[ก", "unit=\"ไ", "<technique", "<declaration ", "<!-- ก", "</application>"]
        return kinds.flatMap { kind in places.map { BadBytes(name: kind.0, bytes: kind.1, after: $0) } }
    }()

    @Test(arguments: badBytes)
    func bytesThatAreNotUTF8LeaveTheFastPathAndArePlacedAsBefore(_ bad: BadBytes) throws {
        let text = XMLSample.text.replacingOccurrences(of: "<lessons>", with: "<!-- ก --><lessons>")
            .replacingOccurrences(of: "<technique>ประชาคม", with: "<technique><![CDATA[ก]]>ประชาคม")
        let parts = text.components(separatedBy: bad.after)
        try #require(parts.count == 2)
        let data = Data(parts[0].utf8) + Data(bad.after.utf8) + Data(bad.bytes) + Data(parts[1].utf8)
        #expect(XMLApplicationReader.readClean(data) == nil)
        let read = XMLApplicationReader.read(data)
        #expect(read.diagnostics.map(\.code) == [DiagnosticRule.notUTF8.code])
        #expect(read.diagnostics == XMLApplicationReader.readFullyBehindInputChecks(data).diagnostics)
        #expect(read.application == nil)
    }

    @Test func whiteSpaceOfEveryKindIsTrimmedAsBefore() throws {
        let spaces = ["\u{00A0}", "\u{1680}", "\u{2003}", "\u{2028}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{0E01}"]
        for space in spaces {
            let text = XMLSample.replacing("<title>ปลูกป่าร่วมกัน</title>", with: "<title>\(space)ปลูกป่า \(space)\(space)</title>")
            let data = Data(text.utf8)
            let fast = try #require(XMLApplicationReader.readClean(data))
            let title = try #require(fast.application?.activities[1].title)
            #expect(title == ("\(space)ปลูกป่า \(space)\(space)").trimmingWhitespace)
            #expect(try Self.encoded(fast.application) == Self.encoded(XMLApplicationReader.readFullyBehindInputChecks(data).application))
        }
    }

    /// Business-rule findings of a file read on the fast path are placed by the lazily built source map exactly
    /// where the full pipeline's map places them.
    @Test(arguments: ruleWarningSamples)
    func ruleFindingsAreLocatedAsBefore(_ url: URL) throws {
        let data = try Data(contentsOf: url)
        let checked = ApplicationIntake.check(data: data, file: url.lastPathComponent)
        #expect(!checked.diagnostics.isEmpty)
        #expect(checked.diagnostics.allSatisfy { $0.location != nil })
        let full = XMLApplicationReader.readFullyBehindInputChecks(data)
        let application = try #require(full.application)
        let expected = full.sourceMap.locate(BusinessRules.check(application, context: RuleContext(), format: .xml))
            .sorted(by: Diagnostic.sourceOrder)
        #expect(checked.diagnostics == expected)
    }
}

@Suite("XML reader: the fast path's strings and bytes")
struct XMLFastPathPartsTests {
    @Test func aTrimmedTextIsTrimmedAsTheStringWouldBeWhateverItsEnds() {
        let ends = ["", " ", "\n\t", "ก", "a", "1", "\u{00A0}", "\u{3000}", "\u{2003}", "\u{0E31}", "\u{0301}", "é", "😀", "\r\n"]
        for first in ends {
            for last in ends {
                for middle in ["", "ปลูกป่า", " x "] {
                    let text = first + middle + last
                    let bytes = Array(text.utf8)
                    let trimmed = bytes.withUnsafeBufferPointer { XMLText.string($0, trimmed: true) }
                    #expect(Array(trimmed.utf8) == Array(text.trimmingWhitespace.utf8), "\(Array(text.unicodeScalars))")
                    #expect(bytes.withUnsafeBufferPointer { XMLText.string($0, trimmed: false) } == text)
                }
            }
        }
    }

    @Test func theDeclaredVersionIsTheNamespaceNamedInTheRootsStartTag() {
        let cases: [(String, Int)] = [
            ("<application xmlns=\"urn:psea:application:2\">", 2),
            ("<?xml version=\"1.0\"?>\n<!-- urn:psea:application:1 -->\n<a:application xmlns:a=\"urn:psea:application:2\"/>", 2),
            ("<application schemaVersion=\"2\" xmlns=\"urn:psea:application:2\"", 2),
            ("urn:psea:application:2", 2),
            ("<application xmlns=\"urn:psea:application:1\">", 1),
            ("<!-- urn:psea:application:2 --><application xmlns=\"urn:psea:application:1\">", 1),
            ("<application xmlns=\"urn:psea:application:1\"><id>urn:psea:application:2</id>", 1),
            ("<application xmlns=\"urn:psea:application:\">", 1),
            ("", 1), ("<", 1), ("urn:psea:application:", 1),
        ]
        for (text, version) in cases {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { XMLSourceScanner.declaredFormatVersion(in: $0) } == version, "\(text)")
        }
    }

    @Test func theBuildersByteStoreKeepsEveryByteAcrossGrowth() {
        var store = StreamedDocument.ByteStore(capacity: 1)
        defer { store.deallocate() }
        var expected: [UInt8] = []
        for round in 0..<200 {
            let chunk = (0..<(round % 37)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ round) }
            chunk.withUnsafeBufferPointer { if let base = $0.baseAddress { store.append(base, count: $0.count) } }
            store.append(UInt8(truncatingIfNeeded: round))
            expected += chunk + [UInt8(truncatingIfNeeded: round)]
            #expect(store.count == expected.count)
        }
        #expect(Array(store.buffer) == expected)
    }
}
