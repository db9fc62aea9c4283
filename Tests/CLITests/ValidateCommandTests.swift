import Foundation
import PSEATestSupport
import Testing

/// One recorded finding a shipped sample must produce (Samples/*.expected.json).
struct ExpectedFinding: Decodable, CustomTestStringConvertible {
    let file: String
    let code: String
    let severity: String
    let line: Int
    let column: Int
    let pointer: String

    var testDescription: String { "\(file) \(code)" }

    static func load(_ folder: String) -> [ExpectedFinding] {
        let url = CLI.packageRoot.appendingPathComponent("Samples/\(folder).expected.json")
        guard let data = try? Data(contentsOf: url),
            let list = try? JSONDecoder().decode([ExpectedFinding].self, from: data)
        else { return [] }
        return list
    }
}

@Suite struct ValidateCommandTests {
    static let languages = ["en", "th"]

    @Test func everyValidSampleExitsZeroWithNoFinding() throws {
        let run = try CLI.run(["validate", "--format", "json", "Samples/valid"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let files = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: Any]])
        #expect(files.count >= 8)
        for file in files {
            #expect(file["valid"] as? Bool == true, "\(file)")
            #expect((file["diagnostics"] as? [Any])?.isEmpty == true, "\(file)")
        }
        let formats = Set(files.compactMap { $0["format"] as? String })
        #expect(formats == ["xml", "json"])
    }

    @Test(arguments: ExpectedFinding.load("invalid"), languages)
    func everyInvalidSampleGivesItsRecordedFindingAsText(_ expected: ExpectedFinding, _ lang: String) throws {
        let path = "Samples/invalid/\(expected.file)"
        let run = try CLI.run(["validate", "--lang", lang, path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let prefix = "\(path):\(expected.line):\(expected.column): \(expected.severity) \(expected.code): "
        #expect(run.stdout.split(separator: "\n").contains { $0.hasPrefix(prefix) }, "wanted \(prefix) in\n\(run.stdout)")
    }

    @Test(arguments: ExpectedFinding.load("invalid"), languages)
    func everyInvalidSampleGivesItsRecordedFindingAsJSON(_ expected: ExpectedFinding, _ lang: String) throws {
        let path = "Samples/invalid/\(expected.file)"
        let run = try CLI.run(["validate", "--format", "json", "--lang", lang, path])
        #expect(run.status == 1)
        let files = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: Any]])
        #expect(files.first?["valid"] as? Bool == false)
        let diagnostics = files.first?["diagnostics"] as? [[String: Any]] ?? []
        let match = diagnostics.first {
            $0["code"] as? String == expected.code && $0["line"] as? Int == expected.line
                && $0["column"] as? Int == expected.column && $0["severity"] as? String == expected.severity
        }
        #expect(match != nil, "wanted \(expected.code) at \(expected.line):\(expected.column) in \(diagnostics)")
        let message = match?["message"] as? String ?? ""
        #expect(!message.isEmpty)
        if lang == "th" { #expect(message.unicodeScalars.contains { (0x0E00...0x0E7F).contains($0.value) }) }
    }

    @Test(arguments: ExpectedFinding.load("warnings"))
    func warningSamplesAreValidButWarned(_ expected: ExpectedFinding) throws {
        let path = "Samples/warnings/\(expected.file)"
        let run = try CLI.run(["validate", path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let prefix = "\(path):\(expected.line):\(expected.column): warning \(expected.code): "
        #expect(run.stdout.split(separator: "\n").contains { $0.hasPrefix(prefix) }, "wanted \(prefix) in\n\(run.stdout)")
    }

    @Test("the built-in rubrics' checked form gives what loading and checking them gives: findings, output and exit")
    func checkedFormAsLoaded() throws {
        let folder = CLI.packageRoot.appendingPathComponent("Rubrics").path
        let samples = ["Samples/valid", "Samples/invalid", "Samples/warnings"]
        for format in ["text", "json"] {
            for lang in Self.languages {
                let options = ["validate", "--format", format, "--lang", lang]
                let builtIn = try CLI.run(options + samples)
                let loaded = try CLI.run(options + ["--rubrics", folder] + samples)
                #expect(builtIn.status == 1)
                #expect(builtIn.status == loaded.status)
                #expect(builtIn.stderr == loaded.stderr)
                // Only PSEA-E035 (a year without rubrics) names where the rubrics were looked up.
                let named = loaded.stdout.replacingOccurrences(of: "the folder \(folder)", with: "the rubrics built into psea")
                    .replacingOccurrences(of: "โฟลเดอร์ \(folder)", with: "เกณฑ์ที่ติดมากับ psea")
                #expect(builtIn.stdout == named, "\(format) \(lang)")
                #expect(builtIn.stdout.contains("PSEA-E035"))
            }
        }
    }

    @Test func aMissingFileIsAnIOError() throws {
        let run = try CLI.run(["validate", "Samples/does-not-exist.xml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("PSEA-IO001"))
    }

    @Test("folders are searched recursively, in sorted order, by extension in any case; linked files count, linked folders are not followed")
    func folderExpansion() throws {
        let fm = FileManager.default
        let folder = temporaryPath("psea-tree")
        defer { try? fm.removeItem(at: folder) }
        let valid = CLI.packageRoot.appendingPathComponent("Samples/valid")
        try fm.createDirectory(at: folder.appendingPathComponent("b/deeper"), withIntermediateDirectories: true)
        try fm.createDirectory(at: folder.appendingPathComponent("a"), withIntermediateDirectories: true)
        try fm.copyItem(at: valid.appendingPathComponent("ec-central-dept-water.xml"), to: folder.appendingPathComponent("b/deeper/z.XML"))
        try fm.copyItem(at: valid.appendingPathComponent("ec-local-admin-chiangrai.json"), to: folder.appendingPathComponent("a/y.json"))
        try Data("not an application".utf8).write(to: folder.appendingPathComponent("a/notes.txt"))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("a/.json"))
        try fm.createSymbolicLink(
            at: folder.appendingPathComponent("linked.json"), withDestinationURL: valid.appendingPathComponent("ec-local-admin-chiangrai.json"))
        try fm.createSymbolicLink(at: folder.appendingPathComponent("c-linked-folder"), withDestinationURL: valid)
        let run = try CLI.run(["validate", "--format", "json", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]).compactMap {
            $0["file"] as? String
        }
        #expect(files == ["a/y.json", "b/deeper/z.XML", "linked.json"].map { folder.path + "/" + $0 })
        let slash = try CLI.run(["validate", "--format", "json", folder.path + "/"])
        #expect(slash.stdout == run.stdout)
    }

    @Test func aFolderWithoutApplicationsIsNotAPass() throws {
        let folder = try makeTemporaryFolder("psea-empty")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["validate", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no .xml or .json files"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["validate"]).status == 2)
        #expect(try CLI.run(["validate", "--format", "yaml", "Samples/valid"]).status == 2)
        #expect(try CLI.run(["no-such-command"]).status == 2)
    }

    @Test func helpExitsZeroAndDescribesOptions() throws {
        let run = try CLI.run(["validate", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("--format"))
        #expect(run.stdout.contains("--lang"))
    }

    @Test func anUnreadableFolderIsAnIOError() throws {
        let folder = try makeTemporaryFolder("psea-locked")
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder.path)
        // Root can read anything; the check only means something for ordinary users.
        guard !FileManager.default.isReadableFile(atPath: folder.path) else { return }
        let run = try CLI.run(["validate", folder.path])
        #expect(run.status == 2)
    }
}

@Suite struct ConvertCommandTests {
    @Test func convertingThereAndBackGivesTheSameApplication() throws {
        let valid = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("Samples/valid").path)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.sorted()
        #expect(!valid.isEmpty)
        let temp = try makeTemporaryFolder("psea-convert")
        defer { try? FileManager.default.removeItem(at: temp) }
        for name in valid {
            let source = "Samples/valid/\(name)"
            let other = name.hasSuffix(".xml") ? "json" : "xml"
            let original = name.hasSuffix(".xml") ? "xml" : "json"
            let there = temp.appendingPathComponent("\(name).\(other)").path
            let back = temp.appendingPathComponent("\(name).back.\(original)").path
            #expect(try CLI.run(["convert", source, "--to", other, "-o", there]).status == 0)
            #expect(try CLI.run(["validate", there]).status == 0, "\(there)")
            #expect(try CLI.run(["convert", there, "--to", original, "-o", back]).status == 0)
            // Both sides written by psea from the same model must be identical.
            let first = try CLI.run(["convert", source, "--to", "json"]).stdout
            let second = try CLI.run(["convert", back, "--to", "json"]).stdout
            #expect(first == second, "\(name)")
        }
    }

    @Test func anInvalidFileIsNotConverted() throws {
        let invalid = ExpectedFinding.load("invalid").first { $0.severity == "error" }
        let file = try #require(invalid).file
        let run = try CLI.run(["convert", "Samples/invalid/\(file)", "--to", "json"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
    }
}
