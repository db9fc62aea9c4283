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

    @Test func aFIFOGivenToIngestJudgesImportOrAsTheDatabaseIsRefusedAtOnce() throws {
        let (folder, path) = try Self.fifo("entry.xml")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("psea.sqlite").path
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        let commands = [
            ["ingest", "--db", db, path], ["judges", "import", "--db", db, path], ["status", "--db", path], ["init", "--db", path],
            ["ingest", "--db", path, "Samples/valid/og-province-nan.xml"], ["verify", "--db", db, "--checkpoint", path],
            ["ingest", "--db", db, "--key", path, "Samples/valid/og-province-nan.xml"],
        ]
        for command in commands {
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

    /// Two files with one application id in one ingest are both refused, each naming the other, across chunks too,
    /// and a re-run stores nothing new.
    @Test func twoFilesWithOneIDInOneIngestAreBothRefused() throws {
        let folder = try makeTemporaryFolder("psea-same-id")
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        let first = samples.appendingPathComponent("a.xml").path
        let second = samples.appendingPathComponent("b.json").path
        let other = samples.appendingPathComponent("c.json").path
        try FileManager.default.copyItem(atPath: TestPaths.validSamples.appendingPathComponent("og-province-nan.xml").path, toPath: first)
        #expect(try CLI.run(["convert", "--to", "json", first, "-o", second]).status == 0)
        let edited = try String(contentsOfFile: second, encoding: .utf8).replacingOccurrences(of: "\"lessons\": \"", with: "\"lessons\": \"ฉบับแก้ไข ")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: second))
        try FileManager.default.copyItem(atPath: TestPaths.validSamples.appendingPathComponent("og-public-org-dga.json").path, toPath: other)
        let db = folder.appendingPathComponent("psea.sqlite").path
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        for run in 1...2 {
            let ingest = try CLI.run(["ingest", "--db", db, "--chunk", "1", samples.path, "--late", "--reason", "after the 2568 window"])
            #expect(ingest.status == 1, "run \(run): \(ingest.stdout)\(ingest.stderr)")
            #expect(ingest.stdout.contains(run == 1 ? "stored v1\t\(other)" : "unchanged\t\(other)"), "\(ingest.stdout)")
            #expect(!ingest.stdout.contains(first) && !ingest.stdout.contains(second), "run \(run): \(ingest.stdout)")
            #expect(ingest.stdout.contains("0 new versions, 2 invalid"), "\(ingest.stdout)")
            for (file, named) in [(first, second), (second, first)] {
                let line = ingest.stderr.split(separator: "\n").first { $0.hasPrefix("\(file):") && $0.contains("PSEA-RND008") }
                #expect(line?.contains(named) == true, "run \(run): \(ingest.stderr)")
            }
        }
    }

    /// One hostile file never stops the others of an ingest: it is refused at once and the valid files are stored.
    @Test func oneHostileFileDoesNotStopAnIngest() throws {
        let folder = try makeTemporaryFolder("psea-hostile-ingest")
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        let attributes = (0..<100_000).map { "a\($0)=\"x\"" }.joined(separator: " ")
        try Data("<application xmlns=\"urn:psea:application:1\"><agency \(attributes)/></application>".utf8)
            .write(to: samples.appendingPathComponent("0-hostile.xml"))
        for name in ["og-province-nan.xml", "og-public-org-dga.json"] {
            try FileManager.default.copyItem(
                atPath: TestPaths.validSamples.appendingPathComponent(name).path, toPath: samples.appendingPathComponent(name).path)
        }
        let db = folder.appendingPathComponent("psea.sqlite").path
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        let started = Date()
        let ingest = try CLI.run(["ingest", "--db", db, samples.path, "--late", "--reason", "after the 2568 window"], timeout: 60)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(ingest.status == 1, "\(ingest.stdout)\(ingest.stderr)")
        #expect(ingest.stdout.contains("2 stored") && ingest.stdout.contains("1 invalid"), "\(ingest.stdout)")
        #expect(ingest.stderr.contains("0-hostile.xml:1:") && ingest.stderr.contains("PSEA-E007"), "\(ingest.stderr)")
    }

    /// Peak memory of `psea validate FILE`, in bytes. A small Python parent runs it and reports its children's
    /// peak: a child spawned straight from this large test process would count the test process's own pages too
    /// (Linux keeps the parent's peak when a child made by vfork calls exec), whatever psea itself used.
    static func peakMemory(validating path: String, maxSize: Int? = nil) throws -> Int {
        let arguments = [CLI.binary.path, "validate"] + (maxSize.map { ["--max-size", String($0)] } ?? []) + [path]
        let script = """
            import resource, subprocess, sys
            subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let kibibytes = try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), "python3 printed \(text)")
        return kibibytes * 1024
    }

    /// The bound the README states: peak memory at most 16 times the file's size plus a fixed base of 128 MiB.
    @Test func tenMebibytesOfEmptyElementsStayUnderTheStatedMemoryBound() throws {
        let folder = try makeTemporaryFolder("psea-memory")
        defer { try? FileManager.default.removeItem(at: folder) }
        let head = "<application xmlns=\"urn:psea:application:1\">", tail = "</application>"
        let size = 10 * 1024 * 1024
        let text = head + String(repeating: "<z/>", count: (size - head.utf8.count - tail.utf8.count) / 4) + tail
        let files = [
            ("z.xml", text), ("a.json", "[" + String(repeating: "1,", count: size / 2 - 1) + "1]"),
            ("t.xml", head + "<id>" + String(repeating: "ก", count: size / 3 - 40) + "</id>" + tail),
        ]
        for (name, content) in files {
            let path = folder.appendingPathComponent(name).path
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
            let peak = try Self.peakMemory(validating: path)
            #expect(peak <= 16 * content.utf8.count + 128 * 1024 * 1024, "\(name): \(peak / 1_048_576) MiB")
        }
        // A 31 MiB array of numbers, let in by --max-size (it once took 46 s and 1.2 GB).
        let array = folder.appendingPathComponent("big.json").path
        let big = 31 * 1024 * 1024
        try Data(("[" + String(repeating: "1,", count: big / 2 - 1) + "1]").utf8).write(to: URL(fileURLWithPath: array))
        let started = Date()
        let peak = try Self.peakMemory(validating: array, maxSize: 32 * 1024 * 1024)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(peak <= 16 * big + 128 * 1024 * 1024, "big.json: \(peak / 1_048_576) MiB")
    }

    /// `verify --against` compares only the regular files of the folder: a symbolic link in an export's place is
    /// refused without being followed (its target is never quoted), a FIFO without being opened.
    @Test func verifyAgainstNeitherFollowsALinkNorOpensAFIFO() throws {
        let folder = try makeTemporaryFolder("psea-against")
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = folder.appendingPathComponent("demo").path
        #expect(try CLI.run(["demo", "-o", demo]).status == 0)
        let secret = folder.appendingPathComponent("secret.txt")
        try Data("TOP-SECRET-LINE\n".utf8).write(to: secret)
        let linked = folder.appendingPathComponent("linked")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linked.appendingPathComponent("results.csv").path, withDestinationPath: secret.path)
        let piped = folder.appendingPathComponent("piped")
        try FileManager.default.createDirectory(at: piped, withIntermediateDirectories: true)
        #expect(mkfifo(piped.appendingPathComponent("results.csv").path, 0o600) == 0)
        for against in [linked, piped] {
            let run = try CLI.run(["verify", "--db", demo + "/demo.sqlite", "--against", against.path], timeout: 60)
            #expect(run.status == 2, "\(against.lastPathComponent): \(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("PSEA-IO003"), "\(run.stderr)")
            #expect(!(run.stdout + run.stderr).contains("TOP-SECRET"))
        }
    }

    @Test func anActorWithAControlCharacterIsAUsageError() throws {
        let folder = try makeTemporaryFolder("psea-actor")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("psea.sqlite").path
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        for actor in ["x\u{1B}[2J", "two\nlines", "tab\there"] {
            let run = try CLI.run(["ingest", "--db", db, "--actor", actor, "Samples/valid/og-province-nan.xml"])
            #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("--actor"))
            #expect(!run.stderr.utf8.contains(0x1B))
        }
    }
}
