import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Intake

@Suite struct FrontDoorTests {
    @Test(arguments: ["", "   \n\t  ", "\u{FEFF}"])
    func emptyOrBlankFilesAreRefused(_ text: String) {
        let result = ApplicationIntake.check(data: Data(text.utf8), file: "blank.json")
        #expect(result.diagnostics.map(\.code) == ["PSEA-E001"])
        #expect(!result.isValid)
        #expect(result.diagnostics[0].location?.line == 1)
    }

    @Test func filesOverTheLimitAreRefusedWithoutParsing() {
        let data = Data(repeating: UInt8(ascii: " "), count: 2_000) + Data("{}".utf8)
        let result = ApplicationIntake.check(data: data, file: "big.json", options: IntakeOptions(maxBytes: 1_000))
        #expect(result.diagnostics.map(\.code) == ["PSEA-E002"])
        #expect(result.format == nil)
    }

    @Test func aFileOnDiskOverTheLimitIsReadOnlyUpToTheLimit() throws {
        let url = temporaryPath("psea-big", suffix: ".xml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(repeating: UInt8(ascii: "<"), count: 50 * 1024 * 1024).write(to: url)
        let started = Date()
        let result = try ApplicationIntake.check(fileAt: url.path)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E002"])
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func invalidUTF8IsPlacedAtTheFirstBadByte() {
        var data = Data("{\n  \"id\": \"ก".utf8)
        data.append(0xFF)
        data.append(contentsOf: Array("\"\n}".utf8))
        let result = ApplicationIntake.check(data: data, file: "bad.json")
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.code == "PSEA-E003")
        #expect(diagnostic?.location?.line == 2)
        // `  "id": "ก` is 10 scalars, so the bad byte is in column 11.
        #expect(diagnostic?.location?.column == 11)
        #expect(diagnostic?.message.en.contains("0xFF") == true)
        #expect(diagnostic?.message.en.contains("save it again as UTF-8") == true)
        #expect(diagnostic?.message.th.contains("บันทึกใหม่เป็นแบบ UTF-8") == true)
    }

    /// Byte sequences that are not UTF-8: stray and lone bytes, an overlong form, a surrogate, past U+10FFFF, cut short.
    static let badSequences: [[UInt8]] = [[0xFF], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0xB8]]

    /// A valid sample with `bad` inserted after the first occurrence of each marker (text, attribute, comment,
    /// string, key, white space between tokens).
    static func corrupted(_ sample: String, after markers: [String], with bad: [UInt8]) throws -> [Data] {
        let url = TestPaths.validSamples.appendingPathComponent(sample)
        let text = try String(contentsOf: url, encoding: .utf8)
        return try markers.map { marker in
            let range = try #require(text.range(of: marker))
            return Data(text[..<range.upperBound].utf8) + Data(bad) + Data(text[range.upperBound...].utf8)
        }
    }

    @Test("a byte that is not UTF-8 anywhere in a file is reported as such, however the reader got there", arguments: badSequences)
    func notUTF8AnywhereIsE003(bad: [UInt8]) throws {
        let xml = try Self.corrupted("ec-central-dept-water.xml", after: ["<title>เครือข่าย", "<work>", "id=\"", "<?xml"], with: bad)
        var commented = try String(
            contentsOf: TestPaths.validSamples.appendingPathComponent("ec-central-dept-water.xml"), encoding: .utf8)
        commented = commented.replacingOccurrences(of: "<work>", with: "<!-- หมายเหตุ MARK --><work>")
        let parts = commented.components(separatedBy: "MARK")
        let inComment = Data(parts[0].utf8) + Data(bad) + Data(parts[1].utf8)
        let json = try Self.corrupted("ec-local-admin-chiangrai.json", after: ["\"title\": \"", "{", "\"agency\": {\n    \"", "\"id\""], with: bad)
        for data in xml + [inComment] + json {
            let result = ApplicationIntake.check(data: data, file: "bad")
            #expect(result.diagnostics.map(\.code) == ["PSEA-E003"])
            #expect(result.diagnostics.first?.message.en.hasPrefix("the file is not UTF-8 text") == true)
            #expect(result.application == nil)
        }
    }

    @Test(arguments: ["hello", "name: value", "%PDF-1.4"])
    func neitherXMLNorJSONIsNamedAsSuch(_ text: String) {
        let result = ApplicationIntake.check(data: Data(text.utf8), file: "x.txt")
        #expect(result.diagnostics.map(\.code) == ["PSEA-E004"])
    }

    @Test func formatIsDetectedFromTheContentNotTheName() {
        let xml = ApplicationIntake.check(data: Data("  <application/>".utf8), file: "looks.json")
        #expect(xml.format == .xml)
        let json = ApplicationIntake.check(data: Data("\u{FEFF}{}".utf8), file: "looks.xml")
        #expect(json.format == .json)
    }

    @Test func theFileReaderReturnsExactlyTheBytesUpToItsLimit() throws {
        let folder = try makeTemporaryFolder("psea-read")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let file = folder.appendingPathComponent("bytes.bin")
        try bytes.write(to: file)
        #expect(try RegularFile.read(file.path, upTo: 1_000_000) == bytes)
        #expect(try RegularFile.read(file.path, upTo: 300_000) == bytes)
        #expect(try RegularFile.read(file.path, upTo: 1_001) == bytes.prefix(1_001))
        let empty = folder.appendingPathComponent("empty.xml")
        try Data().write(to: empty)
        #expect(try RegularFile.read(empty.path, upTo: 10) == Data())
        #expect(throws: PSEAError.self) { try RegularFile.read(folder.path, upTo: 10) }
        #expect(throws: PSEAError.self) { try RegularFile.read(folder.appendingPathComponent("none").path, upTo: 10) }
    }

    @Test func aFIFOIsRefusedWithoutBeingOpenedForReading() throws {
        let folder = try makeTemporaryFolder("psea-fifo")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("entry.xml").path
        #expect(mkfifo(path, 0o600) == 0)
        // No writer ever opens the FIFO: a blocking open would wait for ever.
        do {
            _ = try ApplicationIntake.check(fileAt: path)
            Issue.record("expected PSEA-IO003 for a FIFO")
        } catch {
            #expect(error.code == ProblemCode.notRegularFile.code)
            #expect(error.message.en.contains("FIFO"))
        }
    }

    @Test func aFolderOrAMissingFileIsNamedAsSuchInTheIOError() throws {
        let folder = temporaryPath("psea-dir", suffix: ".xml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, reason) in [(folder.path, "is a directory"), (folder.path + "-missing", "no such file")] {
            do {
                _ = try ApplicationIntake.check(fileAt: path)
                Issue.record("expected an I/O error for \(path)")
            } catch {
                #expect(error.message.en.contains(reason))
            }
        }
    }

    @Test func missingFilesAreIOErrorsNotFindings() {
        #expect(throws: PSEAError.self) {
            try ApplicationIntake.check(fileAt: "/nonexistent/psea/application.xml")
        }
    }

    @Test func checkAllKeepsTheOrderOfItsInput() throws {
        let folder = try makeTemporaryFolder("psea-order")
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for index in 0..<20 {
            let url = folder.appendingPathComponent("f\(index).txt")
            try Data((index.isMultiple(of: 2) ? "" : "plain text").utf8).write(to: url)
            paths.append(url.path)
        }
        paths.append(folder.appendingPathComponent("missing.xml").path)
        let outcomes = ApplicationIntake.checkAll(paths: paths)
        #expect(outcomes.count == 21)
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .success(let result):
                #expect(result.file == paths[index])
                #expect(result.diagnostics.first?.code == (index.isMultiple(of: 2) ? "PSEA-E001" : "PSEA-E004"))
            case .failure(let error):
                #expect(index == 20)
                #expect(error.code == "PSEA-IO001")
            }
        }
    }
}

@Suite struct ValidationReportTests {
    private func sample() -> [IntakeResult] {
        let located = Diagnostic(
            code: "PSEA-E021", severity: .error,
            message: LocalizedText(th: "ไม่พบ S9", en: "S9 not found"), pointer: "/activities/0/stakeholderRefs/0",
            location: SourceLocation(line: 12, column: 7, path: "/activities/0/stakeholderRefs/0"))
        let warning = Diagnostic(
            code: "PSEA-W062", severity: .warning, message: LocalizedText(th: "ไม่ถูกอ้างอิง", en: "unused"),
            pointer: "/evidence/1", location: SourceLocation(line: 30, column: 5, path: "/evidence/1"))
        return [
            IntakeResult(file: "a.json", format: .json, application: nil, diagnostics: [located, warning]),
            IntakeResult(file: "b.xml", format: .xml, application: nil, diagnostics: []),
        ]
    }

    @Test func textHasOneLinePerFindingThenASummary() {
        let english = ValidationReport.text(sample(), language: .en).split(separator: "\n")
        #expect(english[0] == "a.json:12:7: error PSEA-E021: S9 not found")
        #expect(english[1] == "a.json:30:5: warning PSEA-W062: unused")
        #expect(english[2] == "checked 2 files: 1 valid, 1 invalid; 1 error, 1 warning")
        let thai = ValidationReport.text(sample(), language: .th).split(separator: "\n")
        #expect(thai[0] == "a.json:12:7: error PSEA-E021: ไม่พบ S9")
    }

    @Test func jsonHasOneObjectPerFileWithTheContractKeys() throws {
        let data = ValidationReport.json(sample(), language: .en)
        let files = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(files.count == 2)
        #expect(files[0]["file"] as? String == "a.json")
        #expect(files[0]["valid"] as? Bool == false)
        #expect(files[0]["format"] as? String == "json")
        #expect(files[1]["valid"] as? Bool == true)
        let diagnostics = try #require(files[0]["diagnostics"] as? [[String: Any]])
        #expect(Set(diagnostics[0].keys) == ["severity", "code", "message", "line", "column", "path"])
        #expect(diagnostics[0]["line"] as? Int == 12)
        #expect(diagnostics[0]["path"] as? String == "/activities/0/stakeholderRefs/0")
    }

    /// `psea validate` keeps a result for every file it checked (its application dropped), so a result must stay
    /// small however large the model grows: 100,000 results once took 150 MB this way.
    @Test func aResultHoldsItsApplicationByReference() throws {
        #expect(MemoryLayout<IntakeResult>.size <= 48)
        let sample = TestPaths.validSamples.appendingPathComponent("ec-central-dept-water.xml")
        var result = ApplicationIntake.check(data: try Data(contentsOf: sample), file: sample.lastPathComponent)
        let application = try #require(result.application)
        #expect(application.agency.name.isEmpty == false)
        #expect(result.application == application)
        result.application = nil
        #expect(result.application == nil)
        #expect(result.file == "ec-central-dept-water.xml")
    }

    @Test("the one-time set-up done ahead, on two threads at once, changes no result")
    func setUpAhead() throws {
        let files = ["Samples/valid", "Samples/invalid"].flatMap { FastPathSupport.samples($0, ".xml") + FastPathSupport.samples($0, ".json") }
        let before = try files.map { try ApplicationIntake.check(fileAt: $0.path).diagnostics }
        let done = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: done) { ApplicationIntake.prepare(formats: Set(SourceFormat.allCases)) }
        }
        done.wait()
        #expect(LibXML.applicationSchemaV2 != nil)
        #expect(try files.map { try ApplicationIntake.check(fileAt: $0.path).diagnostics } == before)
        #expect(before.contains { !$0.isEmpty })
    }

    @Test("a check that keeps no application finds what a check that keeps it finds")
    func findingsWithoutTheApplication() throws {
        let files = ["Samples/valid", "Samples/invalid", "Samples/warnings", "Samples/v1"].flatMap {
            FastPathSupport.samples($0, ".xml") + FastPathSupport.samples($0, ".json")
        }
        #expect(files.count > 40)
        for file in files {
            let kept = try ApplicationIntake.check(fileAt: file.path)
            let dropped = try ApplicationIntake.check(fileAt: file.path, options: IntakeOptions(keepsApplication: false))
            #expect(dropped.application == nil)
            #expect(dropped.diagnostics == kept.diagnostics, "\(file.lastPathComponent)")
            #expect(dropped.format == kept.format && dropped.isValid == kept.isValid)
        }
    }
}
