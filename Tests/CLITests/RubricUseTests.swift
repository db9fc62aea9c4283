import Foundation
import PSEATestSupport
import Testing

/// A copy of the shipped `Rubrics/` folder in a temporary place, with one word of one rubric replaced.
final class BrokenRubrics {
    let url: URL

    init(file: String, replacing old: String, with new: String) throws {
        url = temporaryPath("psea-cli-rubrics")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Rubrics"), to: url)
        let target = url.appendingPathComponent(file)
        var text = try String(contentsOf: target, encoding: .utf8)
        let range = try #require(text.range(of: old))
        text.replaceSubrange(range, with: new)
        try Data(text.utf8).write(to: target)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// One word a rubric may get wrong, and how the error names it.
struct RubricTypo: CustomStringConvertible, Sendable {
    let description: String
    let old: String
    let new: String
    /// What the error must say about the key.
    let says: String
}

@Suite("Commands refuse a rubric that fails its check", .serialized)
struct RubricUseTests {
    static let typos: [RubricTypo] = [
        RubricTypo(description: "mode", old: "        mode: judged\n", new: "        mode: manual\n", says: "unknown mode 'manual'"),
        RubricTypo(description: "lens", old: "        lens: adli\n", new: "        lens: pmqa\n", says: "unknown lens 'pmqa'"),
        RubricTypo(description: "aggregation", old: "  aggregation: mean\n", new: "  aggregation: average\n", says: "unknown aggregation 'average'"),
        RubricTypo(description: "tie-break key", old: "tieBreak: [", new: "tieBreak: [coin-toss, ", says: "unknown tie-break key 'coin-toss'"),
    ]

    @Test("validate, score, rank and export exit 2 naming the file, the line and the key")
    func everyCommandStops() throws {
        // Rank and export need a round: the demo's, made once for every typo.
        let round = try RankFolder()
        #expect(try round.demo().status == 0)
        for typo in Self.typos {
            try Self.check(typo, round: round)
        }
    }

    static func check(_ typo: RubricTypo, round: RankFolder) throws {
        let rubrics = try BrokenRubrics(file: "2568/open-governance.yaml", replacing: typo.old, with: typo.new)
        let file = rubrics.url.appendingPathComponent("2568/open-governance.yaml").path
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let line =
            try #require(text.components(separatedBy: "\n").firstIndex { $0.contains(typo.new.trimmingCharacters(in: .whitespacesAndNewlines)) }) + 1
        let commands: [[String]] = [
            ["validate", "Samples/valid/og-province-nan.xml"],
            ["score", "Samples/valid/og-province-nan.xml"],
            ["rank", "--db", round.db],
            ["export", "--db", round.db, "--format", "csv", "--out", round.path("export-\(typo.description)")],
        ]
        for arguments in commands {
            let run = try CLI.run(arguments + ["--rubrics", rubrics.url.path])
            let what = "\(typo.description), \(arguments[0])"
            #expect(run.status == 2, "\(what): \(run.stderr)")
            #expect(run.stderr.contains("\(file):\(line):"), "\(what): \(run.stderr)")
            #expect(run.stderr.contains(typo.says), "\(what): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(what): \(run.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: round.path("export-\(typo.description)/results.csv")))
        // The same folder through $PSEA_RUBRICS is refused the same way.
        let env = try CLI.run(["validate", "Samples/valid/og-province-nan.xml"], environment: ["PSEA_RUBRICS": rubrics.url.path])
        #expect(env.status == 2)
        #expect(env.stderr.contains(typo.says))
    }

    @Test("rubric check still lists every problem of a broken file, and exits 1")
    func rubricCheckListsEveryProblem() throws {
        let rubrics = try BrokenRubrics(file: "2568/open-governance.yaml", replacing: "        mode: judged\n", with: "        mode: manual\n")
        let file = rubrics.url.appendingPathComponent("2568/open-governance.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "  aggregation: mean\n", with: "  aggregation: average\n")
            .replacingOccurrences(of: "  minJudges: 3\n", with: "  minJudges: 0\n")
        try Data(text.utf8).write(to: file)
        let run = try CLI.run(["rubric", "check", file.path])
        #expect(run.status == 1)
        let codes = run.stdout.split(separator: "\n").compactMap { line in line.split(separator: " ").first { $0.hasPrefix("PSEA-") } }
        #expect(codes == ["PSEA-R005", "PSEA-R018", "PSEA-R016"], "\(run.stdout)")
    }

    @Test("validate reports an award year without rubrics as PSEA-E035, naming where it looked")
    func aYearWithoutRubricIsAnError() throws {
        let run = try CLI.run(["validate", "Samples/invalid/ce-award-year.xml"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error PSEA-E035: there is no rubric for award year 2025 in the rubrics built into psea"), "\(run.stdout)")
        let empty = try makeTemporaryFolder("psea-cli-empty-rubrics")
        defer { try? FileManager.default.removeItem(at: empty) }
        let none = try CLI.run(["validate", "--rubrics", empty.path, "Samples/valid/og-province-nan.xml"])
        #expect(none.status == 1)
        #expect(none.stdout.contains("PSEA-E035: there is no rubric for award year 2568 in the folder \(empty.path)"), "\(none.stdout)")
    }
}

/// The built binary, copied alone into an empty folder and run there with an empty environment.
@Suite("A copied psea carries its rubrics, schemas and provinces", .serialized)
struct CopiedBinaryTests {
    /// What `Samples/invalid/unknown-field.xml` gives (the XSD) and `unknown-province.xml` (the province list).
    static let schemaCode = "PSEA-E011"
    static let provinceCode = "PSEA-E050"

    /// Runs `binary` in `directory` with no environment at all.
    /// Runs the copied `binary`. The copy was just written: a child that another test forks meanwhile inherits the
    /// copy's open descriptor until it execs, and the kernel refuses to run a file open for writing (ETXTBSY), so a
    /// launch refused for that reason is tried again for a few seconds.
    static func run(_ binary: URL, _ arguments: [String], in directory: URL) throws -> CLI.Run {
        for attempt in 1... {
            do {
                return try runOnce(binary, arguments, in: directory)
            } catch let error as NSError where attempt < 50 && isTextFileBusy(error) {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        preconditionFailure("unreachable")
    }

    /// Whether `error` (or the POSIX error under Foundation's) is ETXTBSY.
    static func isTextFileBusy(_ error: NSError) -> Bool {
        if error.domain == NSPOSIXErrorDomain { return error.code == Int(ETXTBSY) }
        return (error.userInfo[NSUnderlyingErrorKey] as? NSError).map(isTextFileBusy) ?? false
    }

    static func runOnce(_ binary: URL, _ arguments: [String], in directory: URL) throws -> CLI.Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = [:]
        let out = temporaryPath("psea-copied-out")
        let err = temporaryPath("psea-copied-err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let outData = try Data(contentsOf: out)
        return CLI.Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self), stdoutData: outData)
    }

    @Test func aCopyFindsAndRanksTheSameAsTheBuiltBinary() throws {
        let place = temporaryPath("psea-copied")
        let bin = place.appendingPathComponent("bin")
        let work = place.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: place) }
        let copy = bin.appendingPathComponent("psea")
        try FileManager.default.copyItem(at: CLI.binary, to: copy)
        #expect(try FileManager.default.contentsOfDirectory(atPath: bin.path) == ["psea"])

        let invalid = CLI.packageRoot.appendingPathComponent("Samples/invalid").path
        let copied = try Self.run(copy, ["validate", "--format", "json", invalid], in: work)
        let built = try CLI.run(["validate", "--format", "json", invalid])
        #expect(copied.status == 1)
        #expect(copied.status == built.status)
        #expect(copied.stdout == built.stdout)
        #expect(copied.stdout.contains("PSEA-E035"), "the rubrics are built in: an unknown type is found")
        #expect(copied.stdout.contains(Self.schemaCode), "the schemas are built in: an unknown element is found")
        #expect(copied.stdout.contains(Self.provinceCode), "the province list is built in: an unknown province is found")
        let text = try Self.run(copy, ["validate", invalid], in: work)
        #expect(text.stdout == (try CLI.run(["validate", invalid])).stdout)

        // The same round ranked by both: a demo database made by the built binary, copied for each.
        let demo = place.appendingPathComponent("demo")
        #expect(try CLI.run(["demo", "--out", demo.path]).status == 0)
        let mine = place.appendingPathComponent("copy.sqlite")
        try FileManager.default.copyItem(at: demo.appendingPathComponent("demo.sqlite"), to: mine)
        let ranked = try Self.run(copy, ["rank", "--db", mine.path, "--format", "json", "--actor", "tester"], in: work)
        let reference = try CLI.run(["rank", "--db", demo.appendingPathComponent("demo.sqlite").path, "--format", "json", "--actor", "tester"])
        #expect(ranked.status == 0, "\(ranked.stderr)")
        #expect(ranked.stdout == reference.stdout)
        let entries = try #require(try JSONSerialization.jsonObject(with: ranked.stdoutData) as? [[String: Any]])
        #expect(entries.count == 12)
        #expect(entries.contains { $0["rank"] as? Int == 1 })
    }
}
