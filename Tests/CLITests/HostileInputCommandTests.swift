import Foundation
import PSEATestSupport
import Testing

/// Hostile input at the command line (issue 19): files that are not regular files, and text that would drive a
/// terminal.
@Suite struct HostileInputCommandTests {
    /// A folder holding a FIFO called `name`.
    static func fifo(_ name: String) throws -> (folder: URL, path: String) {
        let folder = try makeTemporaryFolder("psea-fifo")
        let path = folder.appendingPathComponent(name).path
        #expect(mkfifo(path, 0o600) == 0)
        return (folder, path)
    }

    static let fifoCommands: [[String]] = [
        ["validate"], ["convert", "--to", "xml"], ["score"], ["rubric", "check"], ["score", "Samples/valid/og-province-nan.xml", "--rubric"],
    ]

    @Test(arguments: fifoCommands)
    func aFIFONamedOnTheCommandLineIsRefusedAtOnce(_ command: [String]) throws {
        let (folder, path) = try Self.fifo("application.json")
        defer { try? FileManager.default.removeItem(at: folder) }
        let started = Date()
        let run = try CLI.run(command + [path], timeout: 20)
        #expect(Date().timeIntervalSince(started) < 10, "the command waited on the FIFO")
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("PSEA-IO003"), "\(run.stderr)")
    }

    @Test func aFIFOGivenToIngestOrJudgesImportIsRefusedAtOnce() throws {
        let (folder, path) = try Self.fifo("entry.xml")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("psea.sqlite").path
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        for command in [["ingest", "--db", db, path], ["judges", "import", "--db", db, path]] {
            let started = Date()
            let run = try CLI.run(command, timeout: 20)
            #expect(Date().timeIntervalSince(started) < 10, "\(command[0]) waited on the FIFO")
            #expect(run.status == 2, "\(command): \(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("PSEA-IO003"), "\(command): \(run.stderr)")
        }
    }

    @Test func aDeviceIsNotReadAsAnApplication() throws {
        let run = try CLI.run(["validate", "/dev/zero"], timeout: 20)
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("PSEA-IO003") && run.stderr.contains("device"), "\(run.stderr)")
    }

    /// Validation lines cannot be forged: a file name with a newline and a value with ESC reach the terminal escaped.
    @Test func aFileNameOrValueCannotForgeALineOrDriveTheTerminal() throws {
        let folder = try makeTemporaryFolder("psea-names")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try String(contentsOf: TestPaths.validSamples.appendingPathComponent("og-public-org-dga.json"), encoding: .utf8)
        let hostile = sample.replacingOccurrences(of: #""type": "open-governance""#, with: #""type": "open\u001b[2J\u0007""#)
        #expect(hostile != sample)
        let name = folder.appendingPathComponent("x.json:1:1: error PSEA-E001: forged\nentry.json").path
        try Data(hostile.utf8).write(to: URL(fileURLWithPath: name))
        let run = try CLI.run(["validate", name])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(!run.stdoutData.contains(0x1B) && !run.stdoutData.contains(0x07), "\(run.stdout)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix(folder.path) || $0.hasPrefix("checked") }, "\(run.stdout)")
        #expect(run.stdout.contains("forged\\nentry.json:"))
        #expect(run.stdout.contains(#"\u001B"#))
    }
}
