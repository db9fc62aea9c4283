import ArgumentParser
import Dispatch
import Foundation
import Intake
import Model
import PSEATestSupport
import Round
import Testing

@testable import psea

@Suite("validate: the set-up and the first files on another core while the command line is parsed")
struct EarlyChecksTests {
    /// The shipped valid and invalid samples, XML and JSON, by absolute path.
    static func samples() throws -> [String] {
        try ["Samples/valid", "Samples/invalid"].flatMap { folder in
            let url = CLI.packageRoot.appendingPathComponent(folder)
            return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }
                .sorted().map { url.appendingPathComponent($0).path }
        }
    }

    /// The findings of `outcomes` as `validate --format json` prints them, I/O failures by their message.
    static func report(_ outcomes: some Collection<Result<IntakeResult, PSEAError>>) -> [String] {
        outcomes.map { outcome in
            switch outcome {
            case .success(let result): String(decoding: ValidationReport.json([result], language: .en), as: UTF8.self)
            case .failure(let error): error.text(.en)
            }
        }
    }

    @Test("files checked early give what checkAll gives them, in order, when the run checks the same files the same way")
    func sameResults() throws {
        let files = try Self.samples() + ["/nonexistent/file.xml"]
        let rules = try #require(BuiltInRules.builtIn)
        let early = EarlyChecks()
        early.check(files, rules: rules)
        let taken = early.take(files, applies: true)
        #expect(taken.count == files.count)
        let all = ApplicationIntake.checkAll(paths: files, rules: PendingRubricRules(ready: rules))
        #expect(Self.report(taken) == Self.report(all))
        #expect(Self.report(taken).contains { $0.contains("PSEA-E") })
    }

    @Test("none are used for other files or other options, and none are checked once taken")
    func notUsedOtherwise() throws {
        let files = try Self.samples()
        let rules = try #require(BuiltInRules.builtIn)
        let other = EarlyChecks()
        other.check(files, rules: rules)
        #expect(other.take(Array(files.dropFirst()), applies: true).isEmpty)
        let options = EarlyChecks()
        options.check(files, rules: rules)
        #expect(options.take(files, applies: false).isEmpty)
        let late = EarlyChecks()
        #expect(late.take(files, applies: true).isEmpty)
        late.check(files, rules: rules)
        #expect(late.take(files, applies: true).isEmpty)
    }

    @Test("taken while another thread checks: the files done so far, each as checkAll gives it, at most one chunk")
    func takenWhileChecking() throws {
        let samples = try Self.samples()
        let files = (0..<6).flatMap { _ in samples }
        let rules = try #require(BuiltInRules.builtIn)
        let expected = Self.report(ApplicationIntake.checkAll(paths: Array(files.prefix(Validate.chunkSize)), rules: rules))
        for wait in [0, 2, 20] {
            let early = EarlyChecks()
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                early.check(files, rules: rules)
                done.signal()
            }
            Thread.sleep(forTimeInterval: Double(wait) / 1000)
            let taken = early.take(files, applies: true)
            done.wait()
            #expect(taken.count <= Validate.chunkSize)
            #expect(Self.report(taken) == Array(expected.prefix(taken.count)))
            #expect(early.take(files, applies: true).isEmpty)
        }
    }

    @Test("stop waits for the work started, and no file is checked after it")
    func stopWaits() throws {
        let samples = try Self.samples()
        let files = (0..<4).flatMap { _ in samples }
        let rules = try #require(BuiltInRules.builtIn)
        final class Flag: @unchecked Sendable { var ended = false }
        for wait in [0, 5] {
            let early = EarlyChecks()
            let flag = Flag()
            early.start {
                Thread.sleep(forTimeInterval: 0.01)
                early.check(files, rules: rules)
                flag.ended = true
            }
            Thread.sleep(forTimeInterval: Double(wait) / 1000)
            early.stop()
            #expect(flag.ended)
            #expect(early.take(files, applies: true).isEmpty)
        }
    }

    @Test("the formats of the files named, by their extensions in any case")
    func formats() {
        #expect(SourceFormat(fileName: "a/b.XML") == .xml)
        #expect(SourceFormat(fileName: "b.json") == .json)
        #expect(SourceFormat(fileName: "json") == nil)
        #expect(SourceFormat(fileName: "a.xml/b.yaml") == nil)
        #expect(Validate.formats(of: ["a.yaml", "b.xml", "c.xml"]) == [.xml])
        #expect(Validate.formats(of: ["b.xml", "c.JSON", "d"]) == [.xml, .json])
        #expect(Validate.formats(of: []).isEmpty)
    }

    @Test("the option values written out are what ArgumentParser's defaults give (help reads the same)")
    func valueLists() {
        #expect(Language.allValueStrings == Language.allCases.map { String(describing: $0.rawValue) })
        #expect(ReportFormat.allValueStrings == ["text", "json"])
        #expect(Language.allValueDescriptions.isEmpty && ReportFormat.allValueDescriptions.isEmpty)
        #expect(Language.allCases.allSatisfy { $0.defaultValueDescription == $0.rawValue })
        #expect(ReportFormat.json.defaultValueDescription == "json")
        let help = Validate.helpMessage(columns: 80)
        #expect(help.contains("(values: text, json;"))
        #expect(help.contains("(values: th, en;"))
    }
}
